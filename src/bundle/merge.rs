//! Writing `messages.ftl`, one Fluent resource merged from a locale's fallback chain, so
//! that it formats as the chain does.
//!
//! Each message comes from the first locale of the chain that has it, and each term too.
//! A message that fell back to a later locale (English, in a half-finished German
//! bundle) was formatted by carta with *that* locale's terms and messages: `About
//! { -brand }` is "About Firefox", and `{ -brand.gender -> … }` sees the English term's
//! attributes. In the merged file the name `-brand` is the German term, so the same
//! entry would read "About Feuerfuchs" in @fluent/bundle and in the ICU text, and fail
//! where the German term lacks `.gender`. [`localize`] renames such term references to a
//! copy of the term from the locale the entry came from (`-brand__en-US`), which is then
//! written too: terms are private to a resource, so no app sees the extra names. A
//! reference to a message (`{ helper }`, `{ helper.title }`, `{ m }` in an attribute of
//! `m`) whose part the merged file takes from another locale is replaced by that
//! locale's pattern of the part: a message reference formats its pattern with the
//! caller's variables, so the text is the same, and no public name is added.

use std::collections::BTreeSet;

use fluent_syntax::ast;
use fluent_syntax::parser::Slice;

/// How deep message references are replaced by their patterns, and how many pattern
/// elements one entry may gain so (a chain of messages each referring to the next twice
/// would otherwise double the text at each step). Past either, the reference stays.
const INLINE_DEPTH: usize = 32;
const INLINE_BUDGET: usize = 10_000;

/// What [`localize`] needs to know of the merged file and of the chain's locales.
pub struct Chain<'a> {
    /// The chain locale whose definition of a part the merged file has: a term
    /// (`-name`, no attribute), or a message's value or attribute. None: no locale's.
    pub owner: &'a dyn Fn(&str, Option<&str>) -> Option<usize>,
    /// Locale `k`'s entry of that name (`-term` or `message`), as Fluent text.
    pub entry: &'a dyn Fn(usize, &str) -> Option<String>,
    /// The name (without the `-`) under which the merged file has locale `k`'s copy of
    /// term `-id` or of message `id`'s value (one name per copy: a term and a message
    /// of one name get two).
    pub copy: &'a dyn Fn(&str, usize) -> String,
}

/// The name of locale `tag`'s copy of term `id` (without the leading `-`), unless the
/// chain's locales already define a term of that name (`taken`): then a number is added.
pub fn copy_name(id: &str, tag: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let name = format!("{}__{tag}", id.trim_start_matches('-'));
    if !taken(&name) {
        return name;
    }
    (2..)
        .map(|n| format!("{name}_{n}"))
        .find(|n| !taken(n))
        .unwrap_or(name)
}

/// Rewrites one entry (a message or term, as Fluent text) that was taken from chain
/// locale `k`, so that it reads in the merged file as locale `k` formatted it: a term
/// whose merged definition comes from another locale is renamed to locale `k`'s copy,
/// when locale `k` has the term, and a message part likewise is replaced by locale
/// `k`'s pattern of it. Returns `None` when nothing changes (the text stays verbatim),
/// else the new text and the terms (`-name`) whose copies it needs.
pub fn localize(text: &str, k: usize, chain: &Chain) -> Option<(String, BTreeSet<String>)> {
    let mut resource = fluent_syntax::parser::parse(text.to_string()).ok()?;
    let mut localizer = Localizer {
        k,
        chain,
        needed: BTreeSet::new(),
        budget: INLINE_BUDGET,
        changed: false,
    };
    for entry in &mut resource.body {
        for p in entry_patterns_mut(entry) {
            localizer.pattern(p, 0);
        }
    }
    if !localizer.changed {
        return None;
    }
    let text = serialize(resource)?;
    let text = text.trim_end_matches(['\n', '\r', ' ']).to_string();
    Some((text, localizer.needed))
}

struct Localizer<'c, 'a> {
    k: usize,
    chain: &'c Chain<'a>,
    needed: BTreeSet<String>,
    budget: usize,
    changed: bool,
}

impl Localizer<'_, '_> {
    fn pattern(&mut self, p: &mut ast::Pattern<String>, depth: usize) {
        let mut out = Vec::with_capacity(p.elements.len());
        for e in std::mem::take(&mut p.elements) {
            match e {
                ast::PatternElement::Placeable { mut expression } => {
                    if let Some(inlined) = self.inlined(&expression, depth) {
                        out.extend(inlined.elements);
                        self.changed = true;
                        continue;
                    }
                    self.expression(&mut expression, depth);
                    out.push(ast::PatternElement::Placeable { expression });
                }
                text => out.push(text),
            }
        }
        p.elements = out;
    }

    /// Locale `k`'s pattern for a placeable that is only a message reference (nested
    /// placeables `{ { m } }` too) whose part the merged file takes from elsewhere,
    /// itself localized.
    fn inlined(
        &mut self,
        expression: &ast::Expression<String>,
        depth: usize,
    ) -> Option<ast::Pattern<String>> {
        let mut e = expression;
        while let ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) = e {
            e = expression;
        }
        let ast::Expression::Inline(ast::InlineExpression::MessageReference { id, attribute }) = e
        else {
            return None;
        };
        let attribute = attribute.as_ref().map(|a| a.name.as_str());
        if (self.chain.owner)(&id.name, attribute) == Some(self.k)
            || depth >= INLINE_DEPTH
            || self.budget == 0
        {
            return None;
        }
        let text = (self.chain.entry)(self.k, &id.name)?;
        let resource = fluent_syntax::parser::parse(text).ok()?;
        let ast::Entry::Message(message) = resource.body.into_iter().next()? else {
            return None;
        };
        let mut pattern = match attribute {
            None => message.value?,
            Some(a) => {
                message
                    .attributes
                    .into_iter()
                    .find(|x| x.id.name == a)?
                    .value
            }
        };
        // A value that needs no variable (a shared disclaimer) becomes a copy as a term,
        // written once, not its text at every reference (500 references to a 50 KB
        // helper made 25 MB bundles); a term reference passes no variables, and needs
        // none here.
        if attribute.is_none() && !needs_caller(&pattern) {
            let copy = (self.chain.copy)(&id.name, self.k);
            self.needed.insert(id.name.clone());
            return Some(ast::Pattern {
                elements: vec![ast::PatternElement::Placeable {
                    expression: ast::Expression::Inline(ast::InlineExpression::TermReference {
                        id: ast::Identifier { name: copy },
                        attribute: None,
                        arguments: None,
                    }),
                }],
            });
        }
        self.budget = self.budget.saturating_sub(pattern.elements.len().max(1));
        self.pattern(&mut pattern, depth + 1);
        Some(pattern)
    }

    fn expression(&mut self, e: &mut ast::Expression<String>, depth: usize) {
        match e {
            ast::Expression::Inline(i) => self.inline(i, depth),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector, depth);
                for v in variants {
                    self.pattern(&mut v.value, depth);
                }
            }
        }
    }

    fn inline(&mut self, i: &mut ast::InlineExpression<String>, depth: usize) {
        match i {
            ast::InlineExpression::TermReference { id, arguments, .. } => {
                let name = format!("-{}", id.name);
                if (self.chain.owner)(&name, None) != Some(self.k)
                    && (self.chain.entry)(self.k, &name).is_some()
                {
                    id.name = (self.chain.copy)(&name, self.k);
                    self.needed.insert(name);
                    self.changed = true;
                }
                if let Some(args) = arguments {
                    self.arguments(args, depth);
                }
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                self.arguments(arguments, depth)
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression, depth),
            _ => {}
        }
    }

    fn arguments(&mut self, args: &mut ast::CallArguments<String>, depth: usize) {
        for a in &mut args.positional {
            self.inline(a, depth);
        }
        for a in &mut args.named {
            self.inline(&mut a.value, depth);
        }
    }
}

/// Whether @fluent/bundle's parser could read an entry's text otherwise than
/// fluent-syntax (carta's) does, which the two do for a few inputs outside the usual
/// layout: a tab at the start of a continuation line (one holding only a tab is blank
/// to @fluent/bundle, text to fluent-syntax), extra indentation before a line's first
/// placeable (kept by @fluent/bundle, dropped by fluent-syntax), and blanks before an
/// attribute accessor (`{ b    .t }`: junk to @fluent/bundle). A scan that may say yes
/// too often: such an entry is written by [`normalized`] instead of verbatim.
pub fn ambiguous(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.contains(&b'\t') || text.contains("\\U") || text.contains("\\u") || bare_cr(text) {
        return true;
    }
    // A continuation line of only spaces (@fluent/bundle drops them, fluent-syntax keeps
    // those past the indentation), or whose text starts with another blank (NBSP,
    // U+3000, U+FEFF: @fluent/bundle counts it as indentation).
    for line in text.split('\n').skip(1) {
        let rest = line.trim_start_matches(' ');
        if rest.len() < line.len()
            && (rest.is_empty() || rest == "\r" || rest.starts_with(js_blank))
        {
            return true;
        }
    }
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    // Since the last line break: how many characters, all spaces so far.
    let (mut column, mut blank) = (None::<usize>, false);
    for (i, &b) in bytes.iter().enumerate() {
        let indented = blank && column.is_some_and(|c| c > 0);
        match column.as_mut() {
            Some(c) if b != b'\n' => {
                blank &= b == b' ';
                *c += 1;
            }
            _ => {}
        }
        if b == b'\n' {
            (column, blank, in_string) = (Some(0), true, false);
            continue;
        }
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' if depth > 0 => in_string = true,
            // `{` first on a continuation line, after its indentation.
            b'{' if indented => return true,
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'.' if depth > 0 && i > 0 && matches!(bytes[i - 1], b' ' | b'\n' | b'\r') => {
                return true
            }
            _ => {}
        }
    }
    false
}

/// An entry's text as carta's serializer writes it (see [`serialize`]), which both
/// parsers read alike; None when it cannot be written so.
pub fn normalized(text: &str) -> Option<String> {
    let mut resource = fluent_syntax::parser::parse(text.to_string()).ok()?;
    for entry in &mut resource.body {
        for p in entry_patterns_mut(entry) {
            each_string_literal(p, &mut |value| {
                if let Some(fixed) = without_bad_escapes(value) {
                    *value = fixed;
                }
            });
        }
    }
    let text = serialize(resource)?;
    Some(text.trim_end_matches(['\n', '\r', ' ']).to_string())
}

/// A string literal's text with each `\\u`/`\\U` escape that names no character (a
/// surrogate, or past U+10FFFF) written as `\\uFFFD`, the character fluent-syntax reads
/// it as (@fluent/bundle throws on loading a resource with `\\UFFFFFF`); None if there is
/// none.
fn without_bad_escapes(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut changed = false;
    let mut rest = raw;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let len = match after.as_bytes().first() {
            Some(b'u') => 4,
            Some(b'U') => 6,
            Some(_) => {
                // `\\\\` or `\\"`: kept as it is.
                let n = 1 + after.chars().next().map_or(0, char::len_utf8);
                out.push_str(&rest[i..i + n]);
                rest = &rest[i + n..];
                continue;
            }
            None => {
                out.push('\\');
                rest = after;
                continue;
            }
        };
        let hex = after
            .get(1..1 + len)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex {
            Some(h)
                if u32::from_str_radix(h, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .is_none() =>
            {
                out.push_str("\\uFFFD");
                changed = true;
                rest = &after[1 + len..];
            }
            _ => {
                out.push('\\');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

fn each_string_literal(p: &mut ast::Pattern<String>, f: &mut dyn FnMut(&mut String)) {
    fn inline(i: &mut ast::InlineExpression<String>, f: &mut dyn FnMut(&mut String)) {
        match i {
            ast::InlineExpression::StringLiteral { value } => f(value),
            ast::InlineExpression::FunctionReference { arguments, .. } => args(arguments, f),
            ast::InlineExpression::TermReference {
                arguments: Some(a), ..
            } => args(a, f),
            ast::InlineExpression::Placeable { expression } => expr(expression, f),
            _ => {}
        }
    }
    fn args(a: &mut ast::CallArguments<String>, f: &mut dyn FnMut(&mut String)) {
        for p in &mut a.positional {
            inline(p, f);
        }
        for n in &mut a.named {
            inline(&mut n.value, f);
        }
    }
    fn expr(e: &mut ast::Expression<String>, f: &mut dyn FnMut(&mut String)) {
        match e {
            ast::Expression::Inline(i) => inline(i, f),
            ast::Expression::Select { selector, variants } => {
                inline(selector, f);
                for v in variants {
                    each_string_literal(&mut v.value, f);
                }
            }
        }
    }
    for e in &mut p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expr(expression, f);
        }
    }
}

/// Whether a pattern could read anything of its caller's: a variable, or a message or
/// function (which could) — anywhere in it.
fn needs_caller(p: &ast::Pattern<String>) -> bool {
    fn inline(i: &ast::InlineExpression<String>) -> bool {
        match i {
            ast::InlineExpression::VariableReference { .. }
            | ast::InlineExpression::MessageReference { .. }
            | ast::InlineExpression::FunctionReference { .. } => true,
            ast::InlineExpression::TermReference { arguments, .. } => {
                arguments.as_ref().is_some_and(|a| {
                    a.positional.iter().any(inline) || a.named.iter().any(|n| inline(&n.value))
                })
            }
            ast::InlineExpression::Placeable { expression } => expr(expression),
            _ => false,
        }
    }
    fn expr(e: &ast::Expression<String>) -> bool {
        match e {
            ast::Expression::Inline(i) => inline(i),
            ast::Expression::Select { selector, variants } => {
                inline(selector) || variants.iter().any(|v| needs_caller(&v.value))
            }
        }
    }
    p.elements.iter().any(|e| match e {
        ast::PatternElement::Placeable { expression } => expr(expression),
        _ => false,
    })
}

/// Locale `tag`'s term (or a helper message's value, as a term), written under the name
/// of its copy.
pub fn renamed_term(text: &str, name: &str) -> Option<String> {
    let mut resource = fluent_syntax::parser::parse(text).ok()?;
    let first = resource.body.first_mut()?;
    match first {
        ast::Entry::Term(t) => t.id.name = name,
        // A helper message's value (see [`Localizer::inlined`]): its attributes stay out.
        ast::Entry::Message(m) => {
            let value = m.value.take()?;
            *first = ast::Entry::Term(ast::Term {
                id: ast::Identifier { name },
                value,
                attributes: Vec::new(),
                comment: None,
            });
        }
        _ => return None,
    }
    let text = serialize(resource)?;
    Some(text.trim_end_matches(['\n', '\r', ' ']).to_string())
}

/// fluent-syntax's serializer, made safe for what carta writes: it puts a multi-line
/// value on lines of its own, where a line starting with `[`, `*` or `.` is a variant
/// key or an attribute (`link = [Read more](…) about it` + a second line became junk:
/// the message was lost), and it loses a continuation's indentation after a value that
/// starts with `.` (the second line became junk). So the text of each line that starts
/// with one of those, or with a space (relative indentation), has that first character
/// written as a string literal (`{"["}`), which formats the same in every runtime; and
/// the result is parsed again and compared with what was meant. None if it still
/// differs (the caller keeps an entry as written).
pub fn serialize<'s, S: Slice<'s> + std::fmt::Debug>(resource: ast::Resource<S>) -> Option<String> {
    let mut resource = resource;
    let want: Vec<Vec<Piece>> = resource.body.iter().flat_map(entry_pieces).collect();
    for entry in &mut resource.body {
        for p in entry_patterns_mut(entry) {
            guard_pattern(p);
        }
    }
    let mut text = fluent_syntax::serializer::serialize(&resource);
    // A line break only JavaScript sees (a lone CR, U+2028, U+2029) is written as an
    // escape: @fluent/bundle starts a new entry after one, where fluent-syntax reads on
    // (a `dose = …` hidden after a U+2028 replaced the real message in the app).
    if text.contains(JS_ONLY_BREAKS) {
        let mut again = fluent_syntax::parser::parse(text.clone()).ok()?;
        for entry in &mut again.body {
            for p in entry_patterns_mut(entry) {
                escape_breaks(p);
            }
        }
        text = fluent_syntax::serializer::serialize(&again);
    }
    let got: Vec<Vec<Piece>> = match fluent_syntax::parser::parse(text.as_str()) {
        Ok(r) => r.body.iter().flat_map(entry_pieces).collect(),
        Err(_) => return None,
    };
    (got == want && !bare_cr(&text)).then_some(text)
}

/// Line breaks JavaScript's `^` (multiline) and `\s` see and Fluent's grammar does not:
/// CR not followed by LF, U+2028 and U+2029.
const JS_ONLY_BREAKS: [char; 3] = ['\r', '\u{2028}', '\u{2029}'];

fn bare_cr(text: &str) -> bool {
    text.contains(['\u{2028}', '\u{2029}'])
        || text
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'\r' && w[1] != b'\n')
        || text.ends_with('\r')
}

/// The JavaScript-only line breaks of a pattern's text, and of its string literals, as
/// `\uXXXX` escapes (in a string literal, which formats as the character).
fn escape_breaks(p: &mut ast::Pattern<String>) {
    let escape = |c: char| format!("\\u{:04X}", c as u32);
    let mut out = Vec::with_capacity(p.elements.len());
    for e in std::mem::take(&mut p.elements) {
        match e {
            ast::PatternElement::TextElement { value } => {
                let mut rest = value.as_str();
                while let Some(i) = rest.find(JS_ONLY_BREAKS) {
                    let c = rest[i..].chars().next().unwrap_or('\r');
                    // A CR before LF is an ordinary line end.
                    if c == '\r' && rest[i + 1..].starts_with('\n') {
                        out.push(ast::PatternElement::TextElement {
                            value: rest[..i + 2].to_string(),
                        });
                        rest = &rest[i + 2..];
                        continue;
                    }
                    if i > 0 {
                        out.push(ast::PatternElement::TextElement {
                            value: rest[..i].to_string(),
                        });
                    }
                    out.push(ast::PatternElement::Placeable {
                        expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral {
                            value: escape(c),
                        }),
                    });
                    rest = &rest[i + c.len_utf8()..];
                }
                if !rest.is_empty() {
                    out.push(ast::PatternElement::TextElement {
                        value: rest.to_string(),
                    });
                }
            }
            ast::PatternElement::Placeable { mut expression } => {
                escape_in_expression(&mut expression, &escape);
                out.push(ast::PatternElement::Placeable { expression });
            }
        }
    }
    p.elements = out;
}

fn escape_in_expression(e: &mut ast::Expression<String>, escape: &dyn Fn(char) -> String) {
    fn inline(i: &mut ast::InlineExpression<String>, escape: &dyn Fn(char) -> String) {
        match i {
            ast::InlineExpression::StringLiteral { value } if value.contains(JS_ONLY_BREAKS) => {
                *value = value
                    .chars()
                    .map(|c| {
                        if JS_ONLY_BREAKS.contains(&c) {
                            escape(c)
                        } else {
                            c.to_string()
                        }
                    })
                    .collect();
            }
            ast::InlineExpression::FunctionReference { arguments, .. }
            | ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for a in &mut arguments.positional {
                    inline(a, escape);
                }
                for a in &mut arguments.named {
                    inline(&mut a.value, escape);
                }
            }
            ast::InlineExpression::Placeable { expression } => {
                escape_in_expression(expression, escape)
            }
            _ => {}
        }
    }
    match e {
        ast::Expression::Inline(i) => inline(i, escape),
        ast::Expression::Select { selector, variants } => {
            inline(selector, escape);
            for v in variants {
                escape_breaks(&mut v.value);
            }
        }
    }
}

/// A pattern as it formats: runs of text (string literals included) and the other
/// placeables (their selects' variants as pieces too).
#[derive(Debug, PartialEq)]
enum Piece {
    Text(String),
    Inline(String),
    Select(String, Vec<(String, bool, Vec<Piece>)>),
}

fn entry_pieces<'s, S: Slice<'s> + std::fmt::Debug>(entry: &ast::Entry<S>) -> Vec<Vec<Piece>> {
    let id = match entry {
        ast::Entry::Message(m) => format!("{}{:?}", m.id.name.as_ref(), m.value.is_some()),
        ast::Entry::Term(t) => format!("-{}", t.id.name.as_ref()),
        // Junk is never written on purpose: it differs from anything meant.
        ast::Entry::Junk { content } => format!("junk {}", content.as_ref()),
        _ => return Vec::new(),
    };
    let mut out = vec![vec![Piece::Inline(id)]];
    let (value, attributes) = match entry {
        ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
        ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
        _ => return out,
    };
    out.extend(value.map(pieces));
    for a in attributes {
        out.push(vec![Piece::Inline(format!(".{}", a.id.name.as_ref()))]);
        out.push(pieces(&a.value));
    }
    out
}

fn pieces<'s, S: Slice<'s> + std::fmt::Debug>(p: &ast::Pattern<S>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let text = |out: &mut Vec<Piece>, t: &str| match out.last_mut() {
        Some(Piece::Text(s)) => s.push_str(t),
        _ => out.push(Piece::Text(t.to_string())),
    };
    for e in &p.elements {
        match e {
            ast::PatternElement::TextElement { value } => text(&mut out, value.as_ref()),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => text(
                    &mut out,
                    &fluent_syntax::unicode::unescape_unicode_to_string(value.as_ref()),
                ),
                ast::Expression::Inline(i) => out.push(Piece::Inline(format!("{i:?}"))),
                ast::Expression::Select { selector, variants } => out.push(Piece::Select(
                    format!("{selector:?}"),
                    variants
                        .iter()
                        .map(|v| (format!("{:?}", v.key), v.default, pieces(&v.value)))
                        .collect(),
                )),
            },
        }
    }
    out
}

/// A blank at a line's start to one of the parsers: a space, or what JavaScript's `\s`
/// matches other than a line break.
fn js_blank(c: char) -> bool {
    c != '\n' && c != '\r' && (c == ' ' || c == '\t' || c.is_whitespace() || c == '\u{feff}')
}

fn entry_patterns_mut<S>(entry: &mut ast::Entry<S>) -> Vec<&mut ast::Pattern<S>> {
    match entry {
        ast::Entry::Message(m) => m
            .value
            .iter_mut()
            .chain(m.attributes.iter_mut().map(|a| &mut a.value))
            .collect(),
        ast::Entry::Term(t) => std::iter::once(&mut t.value)
            .chain(t.attributes.iter_mut().map(|a| &mut a.value))
            .collect(),
        _ => Vec::new(),
    }
}

/// Writes the first character of every line's text that the serializer could misplace
/// (see [`serialize`]) as a string literal, in this pattern and its variants'.
fn guard_pattern<'s, S: Slice<'s>>(p: &mut ast::Pattern<S>) {
    let mut out = Vec::with_capacity(p.elements.len());
    // (A value the serializer puts on a line of its own — a select makes it multi-line
    // too — starts a line; one that stays after its `=` loses nothing by the guard.)
    let mut line_start = true;
    for e in std::mem::take(&mut p.elements) {
        match e {
            ast::PatternElement::TextElement { value } => {
                let text = value.as_ref();
                let mut at = 0;
                while at < text.len() {
                    let rest = &text[at..];
                    let cut = if line_start {
                        match rest.chars().next() {
                            Some(c @ ('[' | '*' | '.')) => Some(c.len_utf8()),
                            // The whole run of blanks (a line of only blanks too): the
                            // parsers measure indentation differently (@fluent/bundle's
                            // counts JavaScript's `\s`: NBSP, U+3000, a tab).
                            Some(c) if js_blank(c) => rest
                                .find(|c: char| !js_blank(c) || c == '\n')
                                .or(Some(rest.len()))
                                .filter(|&n| n > 0),
                            _ => None,
                        }
                    } else {
                        None
                    };
                    if let Some(n) = cut {
                        out.push(ast::PatternElement::Placeable {
                            expression: ast::Expression::Inline(
                                ast::InlineExpression::StringLiteral {
                                    value: value.slice(at..at + n),
                                },
                            ),
                        });
                        at += n;
                        line_start = false;
                        continue;
                    }
                    let line = match rest.find('\n') {
                        Some(i) => i + 1,
                        None => rest.len(),
                    };
                    out.push(ast::PatternElement::TextElement {
                        value: value.slice(at..at + line),
                    });
                    line_start = rest[..line].ends_with('\n');
                    at += line;
                }
            }
            ast::PatternElement::Placeable { mut expression } => {
                if let ast::Expression::Select { variants, .. } = &mut expression {
                    for v in variants {
                        guard_pattern(&mut v.value);
                    }
                }
                out.push(ast::PatternElement::Placeable { expression });
                line_start = false;
            }
        }
    }
    p.elements = out;
}

/// A pseudo-locale's `messages.ftl`: the source's entries with `transform` applied to
/// their text, as fluent-bundle applies it when formatting (text elements only; string
/// literals, variables and selects stay), so the file keeps its placeables and plural
/// variants and formats, in any runtime, as carta's own pseudo text does.
pub fn pseudo(text: &str, transform: super::Transform) -> String {
    fn texts<'r>(p: &'r ast::Pattern<&str>, out: &mut Vec<&'r str>) {
        for e in &p.elements {
            match e {
                ast::PatternElement::TextElement { value } => out.push(value),
                ast::PatternElement::Placeable { expression } => expr(expression, out),
            }
        }
    }
    fn expr<'r>(e: &'r ast::Expression<&str>, out: &mut Vec<&'r str>) {
        match e {
            ast::Expression::Select { variants, .. } => {
                for v in variants {
                    texts(&v.value, out);
                }
            }
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                expr(expression, out)
            }
            ast::Expression::Inline(_) => {}
        }
    }
    fn set<'s>(p: &mut ast::Pattern<&'s str>, next: &mut impl Iterator<Item = &'s str>) {
        for e in &mut p.elements {
            match e {
                ast::PatternElement::TextElement { value } => {
                    if let Some(t) = next.next() {
                        *value = t;
                    }
                }
                ast::PatternElement::Placeable { expression } => set_expr(expression, next),
            }
        }
    }
    fn set_expr<'s>(e: &mut ast::Expression<&'s str>, next: &mut impl Iterator<Item = &'s str>) {
        match e {
            ast::Expression::Select { variants, .. } => {
                for v in variants {
                    set(&mut v.value, next);
                }
            }
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                set_expr(expression, next)
            }
            ast::Expression::Inline(_) => {}
        }
    }
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut found = Vec::new();
    for entry in &resource.body {
        for p in crate::check::ast::entry_patterns(entry) {
            texts(p, &mut found);
        }
    }
    let transformed: Vec<String> = found.iter().map(|t| transform(t).into_owned()).collect();
    let mut resource = resource;
    let mut next = transformed.iter().map(String::as_str);
    for entry in &mut resource.body {
        match entry {
            ast::Entry::Message(m) => {
                if let Some(v) = &mut m.value {
                    set(v, &mut next);
                }
                for a in &mut m.attributes {
                    set(&mut a.value, &mut next);
                }
            }
            ast::Entry::Term(t) => {
                set(&mut t.value, &mut next);
                for a in &mut t.attributes {
                    set(&mut a.value, &mut next);
                }
            }
            _ => {}
        }
    }
    // (A pseudo-locale's entry that cannot be written safely keeps the source's text.)
    serialize(resource).unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    // fluent-syntax's serializer alone turned each of these into junk or lost a line's
    // indentation; carta's writes them so they parse back to what they were.
    #[test]
    fn serialized_entries_parse_back_to_what_they_were() {
        let text = "link = [Read more](x) about it\n    on two lines\n    .title = T\n\
                    star = *Important* note\n    second\n\
                    dot = .hidden file\n    second line\n\
                    ind =\n    First\n      indented\n    .a = .x\n        y\n\
                    sel = { $n ->\n    [one] [a] x\n        more\n   *[other] .c\n        more\n}\n\
                    -t = [term]\n    line\n";
        let resource = fluent_syntax::parser::parse(text).unwrap();
        let want: Vec<Vec<Piece>> = resource.body.iter().flat_map(entry_pieces).collect();
        let written = serialize(resource).expect("written safely");
        let back = fluent_syntax::parser::parse(written.as_str()).expect("no junk");
        let got: Vec<Vec<Piece>> = back.body.iter().flat_map(entry_pieces).collect();
        assert_eq!(got, want, "{written}");
        assert!(written.contains("{ \"[\" }Read more"), "{written}");
        // What needs nothing is written as fluent-syntax writes it.
        let plain = fluent_syntax::parser::parse("a = Plain\n    .b = B\n").unwrap();
        assert_eq!(serialize(plain).unwrap(), "a = Plain\n    .b = B\n");
    }

    #[test]
    fn a_fallen_back_entry_keeps_its_own_locales_terms_and_messages() {
        // Chain: de (0) → en-US (1). de has -brand, `shared` and `m`'s value; en-US has
        // everything. de also has a term of its own named like en-US's copy of -brand.
        let owner = |id: &str, attr: Option<&str>| match (id, attr) {
            ("-brand" | "-brand__en-US" | "shared", _) | ("m", None) => Some(0),
            ("-app", _) | ("m", Some(_)) => Some(1),
            _ => None,
        };
        let entry = |k: usize, id: &str| -> Option<String> {
            match (k, id) {
                (1, "-brand") => Some("-brand = Firefox".into()),
                (1, "-app") => Some("-app = App".into()),
                (1, "shared") => {
                    Some("shared = Shared { $n }\n    .title = Shared { -brand }".into())
                }
                (1, "m") => Some("m = Hello\n    .title = { m } title".into()),
                (0, "-brand" | "-brand__en-US" | "shared" | "m") => Some(String::new()),
                _ => None,
            }
        };
        let taken = |name: &str| name == "brand__en-US";
        let copy = |id: &str, k: usize| copy_name(id, ["de", "en-US"][k], &taken);
        let chain = Chain {
            owner: &owner,
            entry: &entry,
            copy: &copy,
        };
        let (text, copies) = localize(
            "who = { -brand.gender ->\n    [masculine] his\n   *[other] its\n} { -brand } { -app } { shared } { shared.title }\n    .t = { m } { m.title }",
            1,
            &chain,
        )
        .unwrap();
        assert!(text.contains("{ -brand__en-US_2.gender ->"), "{text}");
        assert!(text.contains("{ -brand__en-US_2 }"), "{text}");
        assert!(text.contains("{ -app }"), "{text}");
        // Messages become their English patterns, variables and terms localized too.
        assert!(
            text.contains("Shared { $n } Shared { -brand__en-US_2 }"),
            "{text}"
        );
        // A value without variables is a copy as a term, written once.
        assert!(text.contains(".t = { -m__en-US } { m.title }"), "{text}");
        assert_eq!(
            copies,
            BTreeSet::from(["-brand".to_string(), "m".to_string()])
        );
        // The entry of the locale that owns every part it uses stays verbatim.
        assert!(localize("a = { -brand } { m }", 0, &chain).is_none());
        assert_eq!(
            renamed_term("-brand = Firefox\n    .gender = masculine", "brand__en-US").unwrap(),
            "-brand__en-US = Firefox\n    .gender = masculine"
        );
    }

    #[test]
    fn inlining_stops_at_its_budget() {
        // m0 = { m1 } { m1 }, m1 = { m2 } { m2 }, …: each level doubles the text.
        let owner = |_: &str, _: Option<&str>| Some(0);
        let entry = |_: usize, id: &str| -> Option<String> {
            let n: usize = id.strip_prefix('m')?.parse().ok()?;
            Some(format!("{id} = {{ m{0} }} {{ m{0} }}", n + 1))
        };
        let copy = |id: &str, _: usize| id.to_string();
        let chain = Chain {
            owner: &owner,
            entry: &entry,
            copy: &copy,
        };
        let (text, _) = localize("a = { m0 }", 1, &chain).unwrap();
        assert!(text.len() < 40 * INLINE_BUDGET, "{}", text.len());
    }

    #[test]
    fn what_two_parsers_could_read_apart_is_found() {
        for text in [
            "m =\n    a\n      { $v } b",
            "a = Hello\n    \t",
            "r = Siehe { b    .t }",
            "e = { \"\\UFFFFFF\" }",
        ] {
            assert!(ambiguous(text), "{text:?}");
        }
        for text in [
            "a = Plain. Text . here",
            "s = { \"a \\\" .b\" } end",
            "m = { $n ->\n    [one] x\n   *[other] y\n}",
            "m = A { b.t }\n    .x = Y",
        ] {
            assert!(!ambiguous(text), "{text:?}");
        }
        assert_eq!(
            normalized("e = { \"\\UFFFFFF\" } { \"\\u00e9\" }").unwrap(),
            "e = { \"\\uFFFD\" } { \"\\u00e9\" }"
        );
    }
}
