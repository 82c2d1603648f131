//! A Fluent pattern as inline content for CAT tools: text, protected placeholders and
//! paired codes, and back.
//!
//! A pattern becomes a list of [`Tok`]s. Every placeable that is not a string literal
//! (`{ $var }`, `{ -term }`, `{ message }`, `{ NUMBER($n) }`) is one [`Tok::Ph`] holding
//! its Fluent source, which a CAT tool shows as a tag the translator cannot edit. Markdown
//! emphasis, strong, code spans and links in the text become [`Tok::Open`] … [`Tok::Close`]
//! pairs (the delimiters as their data). A select expression is kept in the same unit as
//! [`Tok::Syn`] placeholders for its syntax — `{ $n ->`, each `[key] ` on its own line, the
//! closing `}` — with every variant's text translatable between them: one unit per
//! pattern, and the variants a locale needs (Arabic has six plural categories) can be
//! added or removed by copying the syntax tags, which [`to_fluent`] turns back into the
//! exact select expression. Nothing is lost: [`to_fluent`] of the tokens of a pattern
//! parses back to the same pattern.

use fluent_syntax::ast;

/// One piece of a pattern's inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Text(String),
    /// A placeable, as Fluent source (`{ $name }`).
    Ph(String),
    /// Select-expression syntax, as Fluent source (`{ $n ->`, `\n[one] `, `\n}`).
    Syn(String),
    /// The start of a Markdown span: its opening and its closing delimiter.
    Open(String, String),
    /// The end of the innermost open span.
    Close,
}

/// Whether a placeholder's data is select syntax rather than a placeable.
pub fn is_syntax(data: &str) -> bool {
    data.starts_with('\n') || data.ends_with("->")
}

/// The tokens of a pattern, Markdown codes paired.
pub fn tokens(pattern: &ast::Pattern<&str>) -> Vec<Tok> {
    let mut raw = Vec::new();
    push_pattern(pattern, &mut raw);
    pair_markdown(raw)
}

fn push_text(out: &mut Vec<Tok>, s: &str) {
    if let Some(Tok::Text(t)) = out.last_mut() {
        t.push_str(s);
    } else {
        out.push(Tok::Text(s.to_string()));
    }
}

fn push_pattern(pattern: &ast::Pattern<&str>, out: &mut Vec<Tok>) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => push_text(out, value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                    push_text(out, &crate::ftl::unescape_literal(value))
                }
                ast::Expression::Select { selector, variants } => {
                    let head =
                        crate::ftl::expression_source(&ast::Expression::Inline(selector.clone()));
                    out.push(Tok::Syn(format!("{{ {head} ->")));
                    for v in variants {
                        let key = match &v.key {
                            ast::VariantKey::Identifier { name } => name.to_string(),
                            ast::VariantKey::NumberLiteral { value } => value.to_string(),
                        };
                        let star = if v.default { "*" } else { "" };
                        out.push(Tok::Syn(format!("\n{star}[{key}] ")));
                        push_pattern(&v.value, out);
                    }
                    out.push(Tok::Syn("\n}".into()));
                }
                other => out.push(Tok::Ph(format!(
                    "{{ {} }}",
                    crate::ftl::expression_source(other)
                ))),
            },
        }
    }
}

/// One character of text, or a placeholder (its index among the atoms, and whether it is
/// select syntax), while pairing Markdown: eight bytes a character, so a long text costs
/// a few times its size, not fifty.
#[derive(Clone, Copy)]
enum Piece {
    Char(char),
    Atom(u32, bool),
}

/// Splits the text of `toks` into Markdown code pairs: `` `code` ``, `**strong**`,
/// `*emphasis*`, `_emphasis_` and `[text](target)`. A delimiter without its partner stays
/// text; pairs never cross a select's syntax, and inner pairs are found inside outer ones
/// only, so the result always nests.
fn pair_markdown(toks: Vec<Tok>) -> Vec<Tok> {
    let mut pieces = Vec::new();
    let mut atoms = Vec::new();
    for t in toks {
        match t {
            Tok::Text(s) => pieces.extend(s.chars().map(Piece::Char)),
            other => {
                let syn = matches!(other, Tok::Syn(_));
                pieces.push(Piece::Atom(atoms.len() as u32, syn));
                atoms.push(other);
            }
        }
    }
    let mut out = Vec::new();
    pair_range(&pieces, &atoms, 0, pieces.len(), &mut out);
    out
}

fn ch(pieces: &[Piece], i: usize) -> Option<char> {
    match pieces.get(i) {
        Some(Piece::Char(c)) => Some(*c),
        _ => None,
    }
}

fn run_len(pieces: &[Piece], i: usize, c: char, end: usize) -> usize {
    let mut n = 0;
    while i + n < end && ch(pieces, i + n) == Some(c) {
        n += 1;
    }
    n
}

/// The closing delimiter of the span opened at `i`, if any: (its start, its length,
/// the opening's length, the closing data).
fn find_close(pieces: &[Piece], i: usize, end: usize) -> Option<(usize, usize, usize, String)> {
    let c = ch(pieces, i)?;
    let blocked = |j: usize| matches!(pieces[j], Piece::Atom(_, true));
    match c {
        '`' | '*' | '_' => {
            let open = run_len(pieces, i, c, end);
            if c != '`' && open > 2 {
                return None;
            }
            let mut j = i + open;
            // The span needs content.
            if j >= end || ch(pieces, j).is_some_and(char::is_whitespace) {
                return None;
            }
            while j < end {
                if blocked(j) {
                    return None;
                }
                if ch(pieces, j) == Some(c) {
                    let n = run_len(pieces, j, c, end);
                    if n == open && !ch(pieces, j - 1).is_some_and(char::is_whitespace) {
                        return Some((j, n, open, c.to_string().repeat(n)));
                    }
                    j += n;
                    continue;
                }
                j += 1;
            }
            None
        }
        '[' => {
            let mut j = i + 1;
            let mut depth = 0usize;
            while j < end {
                if blocked(j) {
                    return None;
                }
                match ch(pieces, j) {
                    Some('[') => depth += 1,
                    Some(']') if depth > 0 => depth -= 1,
                    Some(']') if ch(pieces, j + 1) == Some('(') => {
                        let mut k = j + 2;
                        let mut data = String::from("](");
                        while k < end {
                            match ch(pieces, k) {
                                Some(')') => {
                                    data.push(')');
                                    return Some((j, k + 1 - j, 1, data));
                                }
                                Some(c) if !c.is_whitespace() => data.push(c),
                                _ => return None,
                            }
                            k += 1;
                        }
                        return None;
                    }
                    Some(']') => return None,
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => None,
    }
}

fn pair_range(pieces: &[Piece], atoms: &[Tok], start: usize, end: usize, out: &mut Vec<Tok>) {
    let mut i = start;
    while i < end {
        match &pieces[i] {
            Piece::Atom(n, _) => {
                out.push(atoms[*n as usize].clone());
                i += 1;
            }
            Piece::Char(c) => {
                if let Some((close, close_len, open_len, data)) = find_close(pieces, i, end) {
                    let open: String = std::iter::repeat_n(*c, open_len).collect();
                    out.push(Tok::Open(open, data));
                    if *c == '`' {
                        // Code is literal: no spans inside.
                        let text: String = (i + open_len..close)
                            .filter_map(|k| ch(pieces, k))
                            .collect();
                        push_text(out, &text);
                    } else {
                        pair_range(pieces, atoms, i + open_len, close, out);
                    }
                    out.push(Tok::Close);
                    i = close + close_len;
                } else {
                    let mut buf = [0u8; 4];
                    push_text(out, c.encode_utf8(&mut buf));
                    i += 1;
                }
            }
        }
    }
}

/// The Fluent source of a pattern made of `toks` (lines separated by `\n`, not yet
/// indented): text escaped so Fluent reads it back as the same text, placeholders as
/// their data. `None` when a [`Tok::Close`] has no opening.
pub fn to_fluent(toks: &[Tok]) -> Option<String> {
    let mut out = String::new();
    let mut line_start = true;
    let mut open: Vec<&str> = Vec::new();
    let text = |s: &str, out: &mut String, line_start: &mut bool| {
        for c in s.chars() {
            match c {
                '{' => out.push_str("{\"{\"}"),
                '}' => out.push_str("{\"}\"}"),
                // Fluent drops line breaks at the start of a pattern: keep them as
                // literals.
                '\n' if out.is_empty() || out.ends_with("{\"\\u000A\"}") && !out.contains('\n') => {
                    out.push_str("{\"\\u000A\"}");
                    *line_start = false;
                    continue;
                }
                '\n' => {
                    out.push('\n');
                    *line_start = true;
                    continue;
                }
                '\r' => out.push_str("{\"\\u000D\"}"),
                '[' | '*' | '.' | ' ' if *line_start => {
                    out.push_str("{\"");
                    out.push(c);
                    out.push_str("\"}");
                }
                _ => out.push(c),
            }
            *line_start = false;
        }
    };
    for t in toks {
        match t {
            Tok::Text(s) => text(s, &mut out, &mut line_start),
            Tok::Open(start, end) => {
                text(start, &mut out, &mut line_start);
                open.push(end);
            }
            Tok::Close => {
                let end = open.pop()?;
                text(end, &mut out, &mut line_start);
            }
            Tok::Ph(d) => {
                out.push_str(d);
                line_start = false;
            }
            Tok::Syn(d) => {
                out.push_str(d);
                line_start = d.ends_with(' ');
            }
        }
    }
    if !open.is_empty() {
        return None;
    }
    // Fluent drops a pattern's trailing line breaks and blanks: keep them as literals.
    let breaks = out.len() - out.trim_end_matches('\n').len();
    out.truncate(out.len() - breaks);
    if breaks == 0 && out.ends_with(' ') {
        out.pop();
        out.push_str("{\" \"}");
    }
    for _ in 0..breaks {
        out.push_str("{\"\\u000A\"}");
    }
    Some(out)
}

/// [`to_fluent`] of tokens carta made (always balanced).
pub fn plain_fluent(toks: &[Tok]) -> String {
    to_fluent(toks).unwrap_or_else(|| plain(toks))
}

/// The placeables of `toks` and the selectors of its select expressions (`{ $n ->`; not
/// the variant keys, which a locale may need others of), sorted, for comparing a
/// translation with its source.
pub fn placeables(toks: &[Tok]) -> Vec<&str> {
    let mut out: Vec<&str> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Ph(d) => Some(d.as_str()),
            Tok::Syn(d) if d.ends_with("->") => Some(d.as_str()),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out
}

/// Whether `toks` has a select expression.
pub fn has_select(toks: &[Tok]) -> bool {
    toks.iter().any(|t| matches!(t, Tok::Syn(_)))
}

/// The plain text of `toks` with placeholders as their data: what a reader sees.
pub fn plain(toks: &[Tok]) -> String {
    let mut out = String::new();
    let mut open: Vec<&str> = Vec::new();
    for t in toks {
        match t {
            Tok::Text(s) | Tok::Ph(s) | Tok::Syn(s) => out.push_str(s),
            Tok::Open(s, e) => {
                out.push_str(s);
                open.push(e);
            }
            Tok::Close => out.push_str(open.pop().unwrap_or("")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks_of(src: &str) -> Vec<Tok> {
        let r = fluent_syntax::parser::parse(src).expect("parses");
        let ast::Entry::Message(m) = &r.body[0] else {
            panic!("no message")
        };
        tokens(m.value.as_ref().expect("value"))
    }

    fn round_trip(src: &str) {
        let t = toks_of(src);
        let fluent = to_fluent(&t).expect("balanced");
        let again = format!("x = {}\n", fluent.replace('\n', "\n    "));
        assert_eq!(toks_of(&again), t, "{src} -> {again}");
    }

    #[test]
    fn placeables_and_markdown_become_codes() {
        let t = toks_of("x = Hi { $name }, **read** [this](https://a.b/c) `code` now\n");
        assert_eq!(
            t,
            vec![
                Tok::Text("Hi ".into()),
                Tok::Ph("{ $name }".into()),
                Tok::Text(", ".into()),
                Tok::Open("**".into(), "**".into()),
                Tok::Text("read".into()),
                Tok::Close,
                Tok::Text(" ".into()),
                Tok::Open("[".into(), "](https://a.b/c)".into()),
                Tok::Text("this".into()),
                Tok::Close,
                Tok::Text(" ".into()),
                Tok::Open("`".into(), "`".into()),
                Tok::Text("code".into()),
                Tok::Close,
                Tok::Text(" now".into()),
            ]
        );
    }

    #[test]
    fn round_trips_are_lossless() {
        round_trip("x = Hi { $name }, **read** [this](https://a.b/c) `co*de`\n");
        round_trip("x = { $n ->\n    [one] One { $n } *thing*\n   *[other] { $n } things\n}\n");
        round_trip("x = literal {\"{\"} brace and {\"[\"}bracket and a * lone star\n");
        round_trip("x = two\n    lines { -term }\n");
        round_trip("x = **a *b* c** and *x **y** z* and ***z***\n");
        round_trip("x = { NUMBER($n, minimumFractionDigits: 2) } { msg.attr }\n");
    }

    #[test]
    fn unbalanced_close_is_refused() {
        assert_eq!(to_fluent(&[Tok::Close]), None);
        assert_eq!(to_fluent(&[Tok::Open("*".into(), "*".into())]), None);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn value_tokens(src: &str) -> Option<Vec<Tok>> {
        let r = fluent_syntax::parser::parse(src).ok()?;
        match r.body.as_slice() {
            [ast::Entry::Message(ast::Message { value: Some(v), .. })] => Some(tokens(v)),
            _ => None,
        }
    }

    proptest! {
        /// Any text (Markdown delimiters, braces, line-start characters, blanks) survives
        /// tokens → Fluent → tokens: what a CAT tool sends back as text is that text.
        #[test]
        fn text_round_trips(text in "[a-c *_`\\[\\](){}.\\n\\t#=é-]{0,40}") {
            let toks = vec![Tok::Text(text.clone())];
            let fluent = to_fluent(&toks).unwrap();
            let src = format!("x = {}\n", fluent.replace('\n', "\n    "));
            if let Some(back) = value_tokens(&src) {
                prop_assert_eq!(plain(&back), text, "{:?}", src);
            } else {
                // Only a text that is blank is no value at all.
                prop_assert!(text.trim().is_empty(), "{:?} -> {:?}", text, src);
            }
        }
    }
}
