//! Syntax errors: one finding per junk entry, at the line where it breaks, in plain words.

use super::file::{Context, MAX_SYNTAX_ERRORS};
use super::{Code, Diagnostic};
use crate::catalog::{Catalog, EntryKind};
use std::path::Path;

/// Each junk entry of a locale file with the parser's reason (the first
/// [`MAX_SYNTAX_ERRORS`] one by one, the rest counted).
pub(super) fn check_junk(ctx: &Context, locale: &Catalog, path: &Path, out: &mut Vec<Diagnostic>) {
    // Syntax errors: each junk entry with the parser's reason. The parser's error for a
    // junk entry has a slice that starts where the junk starts: looked up by that start
    // (a search through every error per junk entry made a file of junk quadratic).
    let by_start: rustc_hash::FxHashMap<usize, usize> = locale
        .errors
        .iter()
        .enumerate()
        .filter_map(|(n, e)| e.slice.as_ref().map(|s| (s.start, n)))
        .rev()
        .collect();
    // A file of junk would give a diagnostic per line (4 million for 8 MB of `x` lines,
    // 5 GB and most of a minute): past the first [`MAX_SYNTAX_ERRORS`], the rest of the
    // file's junk is one diagnostic that counts it.
    let mut junk_seen = 0usize;
    for (i, span) in locale.spans.iter().enumerate() {
        if locale.kind(i) != EntryKind::Junk {
            continue;
        }
        junk_seen += 1;
        if junk_seen > MAX_SYNTAX_ERRORS {
            if junk_seen == MAX_SYNTAX_ERRORS + 1 {
                let rest = (i..locale.spans.len())
                    .filter(|&j| locale.kind(j) == EntryKind::Junk)
                    .count();
                out.push(ctx.diag(
                    Code::Syntax,
                    path,
                    span.start,
                    None,
                    format!("syntax error: this and {} more unparseable entries after the first {MAX_SYNTAX_ERRORS} are not listed one by one (is this a Fluent file?); they are ignored by Fluent runtimes", rest - 1),
                ));
            }
            continue;
        }
        let error = by_start
            .get(&span.start)
            .map(|&n| &locale.errors[n])
            .or_else(|| {
                locale.errors.iter().find(|e| {
                    e.slice.is_none()
                        && e.pos.start >= span.start
                        && e.pos.start < span.next.max(span.start + 1)
                })
            });
        // The parser's position can point past the broken entry, into the next line (an
        // unclosed `{ $x` is only noticed there): the finding stays on the entry's own
        // last line, where it really breaks.
        let (offset, reason) = match error {
            Some(e) => {
                let last = locale.text[span.start..span.end]
                    .trim_end_matches(['\n', '\r'])
                    .len();
                let at = e.pos.start.min(span.start + last).max(span.start);
                (
                    at,
                    junk_reason(&locale.text[span.start..span.end], at - span.start, &e.kind),
                )
            }
            None => (span.start, "unparseable entry".to_string()),
        };
        out.push(ctx.diag(
            Code::Syntax,
            path,
            offset,
            None,
            format!("syntax error: {reason}; this entry is ignored by Fluent runtimes"),
        ));
    }
}

/// The parser's reason, with a hint at the usual cause for a translator.
/// The reason for a junk entry in plain words, with the fix, for the mistakes translators
/// really make; the parser's own reason otherwise. `at` is where the parser stopped,
/// relative to the entry's text.
fn junk_reason(junk: &str, at: usize, kind: &fluent_syntax::parser::ErrorKind) -> String {
    use fluent_syntax::parser::ErrorKind as K;
    // `#id = …`: a message commented out without the space a comment needs.
    if let Some(rest) = junk.strip_prefix('#') {
        let dash = usize::from(rest.starts_with('-'));
        let n = crate::ftl::identifier_len(&rest[dash..]);
        if n > 0 && rest[dash + n..].trim_start_matches(' ').starts_with('=') {
            let id = &rest[..dash + n];
            return format!("`#{id} = …` is neither a comment nor a message: to translate `{id}`, delete the `#`; to keep the line as a comment, write `# {id}` (a comment needs a space after `#`)");
        }
    }
    let mut at = at.min(junk.len());
    while !junk.is_char_boundary(at) {
        at -= 1;
    }
    let here = &junk[at..];
    // A string literal in single or typographic quotes: `{'*'}`, `{“…”}`.
    if let Some(q) = here
        .chars()
        .next()
        .filter(|c| ['\'', '‘', '’', '“', '”', '„', '«', '»'].contains(c))
    {
        let inner: String = here[q.len_utf8()..]
            .chars()
            .take_while(|c| !['\'', '‘', '’', '“', '”', '„', '«', '»', '}', '\n'].contains(c))
            .collect();
        let _ = q;
        return format!("string literals use straight double quotes: write `{{\"{inner}\"}}`");
    }
    // An unclosed placeable: `{ $name` at the end of its line.
    if matches!(kind, K::ExpectedToken('}')) {
        let line_start = junk[..at].rfind('\n').map_or(0, |i| i + 1);
        if let Some(open) = junk[line_start..at].rfind('{') {
            let placeable = junk[line_start + open..at].trim_end();
            if !placeable.contains('}') {
                return format!("the placeable `{placeable}` is not closed: end it with `}}` (to write a literal brace, use {{\"{{\"}})");
            }
        }
    }
    explain(kind)
}

/// fluent-syntax's text for an error, with its one wrong message mended.
fn describe(kind: &fluent_syntax::parser::ErrorKind) -> String {
    use fluent_syntax::parser::ErrorKind as K;
    match kind {
        // fluent-syntax says "can't be used as a selector" for this one, the opposite of
        // the rule: a term attribute can select (`{ -brand.gender -> … }`), not be shown.
        K::TermAttributeAsPlaceable => "a term's attribute can't be shown as text, only used as a selector (`{ -term.attr -> [a] … *[b] … }`)".into(),
        k => k.to_string(),
    }
}

fn explain(kind: &fluent_syntax::parser::ErrorKind) -> String {
    use fluent_syntax::parser::ErrorKind as K;
    let hint = match kind {
        K::ExpectedToken('=') => " (a line that continues a text must be indented with spaces; an ID must be followed by `=`)",
        K::ExpectedCharRange { .. } => " (indent with spaces, not tabs; IDs use only a-z, 0-9 and -)",
        K::ExpectedToken('}') | K::UnterminatedStringLiteral | K::UnbalancedClosingBrace => " (a `{` opens a placeable; write a literal brace as {\"{\"})",
        K::ExpectedMessageField { .. } => " (the message has an ID and `=` but no text)",
        K::MissingDefaultVariant => " (mark one variant as the default with `*`)",
        _ => "",
    };
    format!("{}{hint}", describe(kind))
}
