//! Writing `messages.ftl`, one Fluent resource merged from a locale's fallback chain, so
//! that it formats as the chain does.
//!
//! Each message comes from the first locale of the chain that has it, and each term too.
//! A message that fell back to a later locale (English, in a half-finished German
//! bundle) was formatted by carta with *that* locale's terms: `About { -brand }` is
//! "About Firefox", and `{ -brand.gender -> … }` sees the English term's attributes. In
//! the merged file the name `-brand` is the German term, so the same entry would read
//! "About Feuerfuchs" in @fluent/bundle and in the ICU text, and fail where the German
//! term lacks `.gender`. [`localize_terms`] renames such references to a copy of the
//! term from the locale the entry came from (`-brand__en-US`), which is then written
//! too: terms are private to a resource, so no app sees the extra names.

use std::collections::BTreeSet;

use fluent_syntax::ast;

/// The name of locale `tag`'s copy of term `id` (without the leading `-`).
pub fn copy_name(id: &str, tag: &str) -> String {
    format!("{id}__{tag}")
}

/// Rewrites the term references of one entry (a message or term, as Fluent text) that
/// was taken from chain locale `k`: a reference to a term whose merged definition comes
/// from another locale (`owner(id) != Some(k)`) is renamed to locale `k`'s copy, when
/// locale `k` has the term (`has(k, id)`). Returns `None` when nothing is renamed (the
/// text stays verbatim), else the new text and the terms whose copies it needs.
pub fn localize_terms(
    text: &str,
    k: usize,
    tag: &str,
    owner: &dyn Fn(&str) -> Option<usize>,
    has: &dyn Fn(usize, &str) -> bool,
) -> Option<(String, BTreeSet<String>)> {
    let resource = fluent_syntax::parser::parse(text).ok()?;
    let mut refs = BTreeSet::new();
    for entry in &resource.body {
        visit_entry(entry, &mut |r: Ref| {
            refs.insert(r.name());
        });
    }
    // Terms by `name`, messages by `name` (a message becomes a term copy: terms are
    // private, and `has` only admits a message that needs no variable, as a term
    // reference passes none).
    let renamed: std::collections::HashMap<String, String> = refs
        .into_iter()
        .filter(|id| owner(id) != Some(k) && has(k, id))
        .map(|id| {
            let copy = copy_name(id.trim_start_matches('-'), tag);
            (id, copy)
        })
        .collect();
    if renamed.is_empty() {
        return None;
    }
    let mut resource = resource;
    for entry in &mut resource.body {
        rename_entry(entry, &renamed);
    }
    let text = serialize(resource)?;
    let text = text.trim_end_matches(['\n', '\r', ' ']).to_string();
    Some((text, renamed.into_keys().collect()))
}

/// A reference found in an entry: a term (`-name` in [`Ref::name`]) or a message
/// without an attribute (`name`).
enum Ref<'a> {
    Term(&'a str),
    Message(&'a str),
}

impl Ref<'_> {
    fn name(&self) -> String {
        match self {
            Ref::Term(n) => format!("-{n}"),
            Ref::Message(n) => n.to_string(),
        }
    }
}

/// Whether an entry's Fluent text uses any variable.
pub fn uses_variables(text: &str) -> bool {
    fn pattern(p: &ast::Pattern<&str>) -> bool {
        p.elements.iter().any(|e| match e {
            ast::PatternElement::Placeable { expression } => expr(expression),
            _ => false,
        })
    }
    fn expr(e: &ast::Expression<&str>) -> bool {
        match e {
            ast::Expression::Inline(i) => inline(i),
            ast::Expression::Select { selector, variants } => {
                inline(selector) || variants.iter().any(|v| pattern(&v.value))
            }
        }
    }
    fn inline(i: &ast::InlineExpression<&str>) -> bool {
        match i {
            ast::InlineExpression::VariableReference { .. } => true,
            // A message reference passes the caller's variables on.
            ast::InlineExpression::MessageReference { .. } => true,
            ast::InlineExpression::FunctionReference { arguments, .. } => args(arguments),
            ast::InlineExpression::TermReference { arguments, .. } => {
                arguments.as_ref().is_some_and(args)
            }
            ast::InlineExpression::Placeable { expression } => expr(expression),
            _ => false,
        }
    }
    fn args(a: &ast::CallArguments<&str>) -> bool {
        a.positional.iter().any(inline) || a.named.iter().any(|n| inline(&n.value))
    }
    let Ok(resource) = fluent_syntax::parser::parse(text) else {
        return true;
    };
    resource.body.iter().any(|e| match e {
        ast::Entry::Message(_) | ast::Entry::Term(_) => crate::check::ast::entry_patterns(e)
            .into_iter()
            .any(pattern),
        _ => true,
    })
}

/// A term (or a message, which becomes a term) of locale `tag` written under its
/// copy's name.
pub fn renamed_term(text: &str, tag: &str) -> Option<String> {
    let mut resource = fluent_syntax::parser::parse(text).ok()?;
    let name = match resource.body.first()? {
        ast::Entry::Term(t) => copy_name(t.id.name, tag),
        ast::Entry::Message(m) => copy_name(m.id.name, tag),
        _ => return None,
    };
    let first = resource.body.first_mut()?;
    match first {
        ast::Entry::Term(t) => t.id.name = &name,
        ast::Entry::Message(m) => {
            let value = m.value.take()?;
            *first = ast::Entry::Term(ast::Term {
                id: ast::Identifier { name: &name },
                value,
                attributes: std::mem::take(&mut m.attributes),
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
pub fn serialize(resource: ast::Resource<&str>) -> Option<String> {
    let mut resource = resource;
    let want: Vec<Vec<Piece>> = resource.body.iter().flat_map(entry_pieces).collect();
    for entry in &mut resource.body {
        for p in entry_patterns_mut(entry) {
            guard_pattern(p);
        }
    }
    let text = fluent_syntax::serializer::serialize(&resource);
    let got: Vec<Vec<Piece>> = match fluent_syntax::parser::parse(text.as_str()) {
        Ok(r) => r.body.iter().flat_map(entry_pieces).collect(),
        Err(_) => return None,
    };
    (got == want).then_some(text)
}

/// A pattern as it formats: runs of text (string literals included) and the other
/// placeables (their selects' variants as pieces too).
#[derive(Debug, PartialEq)]
enum Piece {
    Text(String),
    Inline(String),
    Select(String, Vec<(String, bool, Vec<Piece>)>),
}

fn entry_pieces(entry: &ast::Entry<&str>) -> Vec<Vec<Piece>> {
    let id = match entry {
        ast::Entry::Message(m) => format!("{}{:?}", m.id.name, m.value.is_some()),
        ast::Entry::Term(t) => format!("-{}", t.id.name),
        // Junk is never written on purpose: it differs from anything meant.
        ast::Entry::Junk { content } => format!("junk {content}"),
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
        out.push(vec![Piece::Inline(format!(".{}", a.id.name))]);
        out.push(pieces(&a.value));
    }
    out
}

fn pieces(p: &ast::Pattern<&str>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let text = |out: &mut Vec<Piece>, t: &str| match out.last_mut() {
        Some(Piece::Text(s)) => s.push_str(t),
        _ => out.push(Piece::Text(t.to_string())),
    };
    for e in &p.elements {
        match e {
            ast::PatternElement::TextElement { value } => text(&mut out, value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => text(
                    &mut out,
                    &fluent_syntax::unicode::unescape_unicode_to_string(value),
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

fn entry_patterns_mut<'e, 's>(
    entry: &'e mut ast::Entry<&'s str>,
) -> Vec<&'e mut ast::Pattern<&'s str>> {
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
fn guard_pattern(p: &mut ast::Pattern<&str>) {
    let mut out = Vec::with_capacity(p.elements.len());
    // A value on one line stays after its `=` (or variant key), where a `[` is text.
    let mut line_start = p.elements.iter().any(|e| match e {
        ast::PatternElement::TextElement { value } => value.contains('\n'),
        ast::PatternElement::Placeable { .. } => false,
    });
    for e in std::mem::take(&mut p.elements) {
        match e {
            ast::PatternElement::TextElement { value } => {
                let mut rest = value;
                while !rest.is_empty() {
                    let cut = if line_start {
                        match rest.chars().next() {
                            Some(c @ ('[' | '*' | '.' | ' ')) => Some(c.len_utf8()),
                            _ => None,
                        }
                    } else {
                        None
                    };
                    if let Some(n) = cut {
                        out.push(ast::PatternElement::Placeable {
                            expression: ast::Expression::Inline(
                                ast::InlineExpression::StringLiteral { value: &rest[..n] },
                            ),
                        });
                        rest = &rest[n..];
                        line_start = false;
                        continue;
                    }
                    let line = match rest.find('\n') {
                        Some(i) => &rest[..=i],
                        None => rest,
                    };
                    out.push(ast::PatternElement::TextElement { value: line });
                    line_start = line.ends_with('\n');
                    rest = &rest[line.len()..];
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

fn visit_entry(entry: &ast::Entry<&str>, f: &mut dyn FnMut(Ref)) {
    let (value, attributes) = match entry {
        ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
        ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
        _ => return,
    };
    for p in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
        visit_pattern(p, f);
    }
}

fn visit_pattern(p: &ast::Pattern<&str>, f: &mut dyn FnMut(Ref)) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            visit_expression(expression, f);
        }
    }
}

fn visit_expression(e: &ast::Expression<&str>, f: &mut dyn FnMut(Ref)) {
    match e {
        ast::Expression::Inline(i) => visit_inline(i, f),
        ast::Expression::Select { selector, variants } => {
            visit_inline(selector, f);
            for v in variants {
                visit_pattern(&v.value, f);
            }
        }
    }
}

fn visit_inline(i: &ast::InlineExpression<&str>, f: &mut dyn FnMut(Ref)) {
    match i {
        ast::InlineExpression::MessageReference {
            id,
            attribute: None,
        } => f(Ref::Message(id.name)),
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            f(Ref::Term(id.name));
            if let Some(args) = arguments {
                visit_arguments(args, f);
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => visit_arguments(arguments, f),
        ast::InlineExpression::Placeable { expression } => visit_expression(expression, f),
        _ => {}
    }
}

fn visit_arguments(args: &ast::CallArguments<&str>, f: &mut dyn FnMut(Ref)) {
    for a in &args.positional {
        visit_inline(a, f);
    }
    for a in &args.named {
        visit_inline(&a.value, f);
    }
}

fn rename_entry<'s>(
    entry: &mut ast::Entry<&'s str>,
    to: &'s std::collections::HashMap<String, String>,
) {
    let (value, attributes) = match entry {
        ast::Entry::Message(m) => (m.value.as_mut(), &mut m.attributes),
        ast::Entry::Term(t) => (Some(&mut t.value), &mut t.attributes),
        _ => return,
    };
    if let Some(p) = value {
        rename_pattern(p, to);
    }
    for a in attributes {
        rename_pattern(&mut a.value, to);
    }
}

fn rename_pattern<'s>(
    p: &mut ast::Pattern<&'s str>,
    to: &'s std::collections::HashMap<String, String>,
) {
    for e in &mut p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            rename_expression(expression, to);
        }
    }
}

fn rename_expression<'s>(
    e: &mut ast::Expression<&'s str>,
    to: &'s std::collections::HashMap<String, String>,
) {
    match e {
        ast::Expression::Inline(i) => rename_inline(i, to),
        ast::Expression::Select { selector, variants } => {
            rename_inline(selector, to);
            for v in variants {
                rename_pattern(&mut v.value, to);
            }
        }
    }
}

fn rename_inline<'s>(
    i: &mut ast::InlineExpression<&'s str>,
    to: &'s std::collections::HashMap<String, String>,
) {
    if let ast::InlineExpression::MessageReference {
        id,
        attribute: None,
    } = i
    {
        if let Some(copy) = to.get(id.name) {
            *i = ast::InlineExpression::TermReference {
                id: ast::Identifier { name: copy },
                attribute: None,
                arguments: None,
            };
        }
        return;
    }
    match i {
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            if let Some(copy) = to.get(&format!("-{}", id.name)) {
                id.name = copy.as_str();
            }
            if let Some(args) = arguments {
                rename_arguments(args, to);
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            rename_arguments(arguments, to)
        }
        ast::InlineExpression::Placeable { expression } => rename_expression(expression, to),
        _ => {}
    }
}

fn rename_arguments<'s>(
    args: &mut ast::CallArguments<&'s str>,
    to: &'s std::collections::HashMap<String, String>,
) {
    for a in &mut args.positional {
        rename_inline(a, to);
    }
    for a in &mut args.named {
        rename_inline(&mut a.value, to);
    }
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
    fn a_fallen_back_entry_keeps_its_own_locales_terms() {
        // Chain: de (0) → en-US (1); de and en-US both define -brand, only en-US -app.
        let owner = |id: &str| match id {
            "-brand" | "shared" => Some(0),
            "-app" => Some(1),
            _ => None,
        };
        let has = |k: usize, id: &str| k == 1 || id == "-brand";
        let (text, copies) = localize_terms(
            "who = { -brand.gender ->\n    [masculine] his\n   *[other] its\n} { -brand } { -app } { shared }",
            1,
            "en-US",
            &owner,
            &has,
        )
        .unwrap();
        assert!(text.contains("{ -brand__en-US.gender ->"), "{text}");
        assert!(text.contains("{ -brand__en-US }"), "{text}");
        assert!(text.contains("{ -app }"), "{text}");
        assert!(text.contains("{ -shared__en-US }"), "{text}");
        assert_eq!(
            copies,
            BTreeSet::from(["-brand".to_string(), "shared".to_string()])
        );
        // The entry of the locale that owns every term it uses stays verbatim.
        assert!(localize_terms("a = { -brand }", 0, "de", &owner, &has).is_none());
        assert_eq!(
            renamed_term("-brand = Firefox\n    .gender = masculine", "en-US").unwrap(),
            "-brand__en-US = Firefox\n    .gender = masculine"
        );
        assert_eq!(
            renamed_term("shared = Shared\n    .title = T", "en-US").unwrap(),
            "-shared__en-US = Shared\n    .title = T"
        );
        assert!(!uses_variables("a = A { -b(x: 1) }"));
        assert!(uses_variables("a = A { -b(x: $y) }"));
        assert!(uses_variables("a = A { m }"));
    }
}
