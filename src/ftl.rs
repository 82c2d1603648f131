//! Writing plain text as Fluent syntax and reading it back. Markdown text can hold
//! characters that mean something in Fluent (`{`, `}`, a line starting with `[`, `*` or
//! `.`); they are written as string-literal placeables (`{"{"}`) so the value means
//! exactly the text. Used by `extract` (source files) and `sync` (templates).

use fluent_syntax::ast;

/// Serializes a message with an optional value and attributes, each pattern from text.
pub fn message(id: &str, value: Option<&str>, attributes: &[(&str, &str)], eol: &str) -> String {
    let mut out = String::new();
    out.push_str(id);
    out.push_str(" =");
    if let Some(value) = value {
        push_pattern(&mut out, value, eol);
    }
    out.push_str(eol);
    for (name, text) in attributes {
        out.push_str("    .");
        out.push_str(name);
        out.push_str(" =");
        push_pattern(&mut out, text, eol);
        out.push_str(eol);
    }
    out
}

fn push_pattern(out: &mut String, text: &str, eol: &str) {
    // The first line goes after `=`, where `[`, `*` and `.` mean nothing to Fluent: a
    // paragraph starting `**Important:**` needs no `{"*"}` (which translators cannot
    // read, and which @fluent/bundle's isolation marks would break the bold around).
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or_default();
    if !first.is_empty() {
        out.push(' ');
        out.push_str(&escape_first_line(first));
    }
    for line in lines {
        out.push_str(eol);
        if !line.is_empty() {
            out.push_str("    ");
            out.push_str(&escape_line(line));
        }
    }
}

/// [`escape_line`] for a pattern's first line, written after `=`: only braces and
/// leading spaces need escaping there.
fn escape_first_line(line: &str) -> String {
    match line.chars().next() {
        Some('[' | '*' | '.') => {
            let c = &line[..1];
            let rest = escape_line(&format!("x{}", &line[1..]));
            format!("{c}{}", &rest[1..])
        }
        _ => escape_line(line),
    }
}

/// Escapes one line of text so Fluent reads it back unchanged.
pub fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.chars().enumerate() {
        match c {
            '{' => out.push_str("{\"{\"}"),
            '}' => out.push_str("{\"}\"}"),
            '[' | '*' | '.' if i == 0 => {
                out.push_str("{\"");
                out.push(c);
                out.push_str("\"}");
            }
            ' ' if i == 0 => out.push_str("{\" \"}"),
            _ => out.push(c),
        }
    }
    out
}

/// The text of a pattern made only of text and string literals (what carta writes);
/// other placeables are written back in Fluent syntax.
pub fn pattern_text(pattern: &ast::Pattern<&str>) -> String {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                    out.push_str(&unescape_literal(value))
                }
                other => {
                    out.push('{');
                    out.push_str(&expression_source(other));
                    out.push('}');
                }
            },
        }
    }
    out
}

pub(crate) fn expression_source(expression: &ast::Expression<&str>) -> String {
    let pattern = ast::Pattern {
        elements: vec![ast::PatternElement::Placeable {
            expression: expression.clone(),
        }],
    };
    let resource = ast::Resource {
        body: vec![ast::Entry::Message(ast::Message {
            id: ast::Identifier { name: "x" },
            value: Some(pattern),
            attributes: vec![],
            comment: None,
        })],
    };
    let text = fluent_syntax::serializer::serialize(&resource);
    let text = text.trim_end();
    let inner = text.strip_prefix("x = ").unwrap_or(text);
    inner
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(inner)
        .trim()
        .to_string()
}

/// Resolves the escapes of a Fluent string literal (`\"`, `\\`, `\uXXXX`, `\UXXXXXX`).
pub fn unescape_literal(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => push_code(&mut out, &mut chars, 4),
            Some('U') => push_code(&mut out, &mut chars, 6),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn push_code(out: &mut String, chars: &mut std::str::Chars, n: usize) {
    let hex: String = chars.by_ref().take(n).collect();
    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
        Some(c) => out.push(c),
        None => out.push('\u{FFFD}'),
    }
}

/// Whether `id` is a valid Fluent message identifier.
pub fn is_identifier(id: &str) -> bool {
    !id.is_empty() && identifier_len(id) == id.len()
}

/// The length in bytes of the Fluent identifier `text` starts with (`[a-zA-Z][a-zA-Z0-9_-]*`),
/// 0 when it does not start with one.
pub fn identifier_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return 0;
    }
    bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(text: &str) -> String {
        let src = message("m", Some(text), &[("body", text)], "\n");
        let res = fluent_syntax::parser::parse(src.as_str()).expect("valid FTL");
        let ast::Entry::Message(m) = &res.body[0] else {
            panic!("not a message: {src}")
        };
        let value = pattern_text(m.value.as_ref().unwrap());
        assert_eq!(pattern_text(&m.attributes[0].value), value);
        value
    }

    #[test]
    fn special_characters_roundtrip() {
        for text in [
            "plain",
            "braces {x} and }",
            "[not a variant",
            "*star",
            ".dot",
            "two\nlines",
            "para one\n\npara two",
            "line\n[bracket\n*star\n.dot",
            "quote \" and back\\slash",
        ] {
            assert_eq!(roundtrip(text), text, "{text:?}");
        }
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("dry-needling-title"));
        assert!(!is_identifier("1abc"));
        assert!(!is_identifier("a b"));
    }
}
