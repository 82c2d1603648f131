//! W013 `structure`: a translation whose text would open block structure the source text
//! does not have — a line starting with `#`, `>`, `-`, `1.`, `|`, a fence, a raw HTML
//! block, a link definition, an indented code block. In a Markdown handout that would put
//! a heading inside a title or let a fence swallow the rest of the page; `build` renders
//! such text inline (see [`crate::safe_markdown`]), so the page keeps the source's shape
//! but the translation does not read as its translator meant.

use super::{Code, Diagnostic};
use crate::safe_markdown::{structures, Structure};

/// Adds a diagnostic for every kind of block structure `text` would open that `source`
/// (its structures, from [`structures`]) does not.
pub fn check(
    label: &dyn std::fmt::Display,
    source: &[Structure],
    text: &str,
    offset: usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    for s in structures(text) {
        if !source.contains(&s) {
            out.push(d(
                Code::Structure,
                offset,
                format!(
                    "{label}: a line of the translation would start {}; carta shows it as plain text inside the block (keep the text inline, as in the source)",
                    s.describe()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Severity;

    fn findings(source: &str, text: &str) -> Vec<String> {
        let d = |code, offset, message| {
            Diagnostic::new(code, "de", "x.ftl".into(), offset, Some("m"), message)
        };
        let mut out = Vec::new();
        check(&"`m`", &structures(source), text, 0, &d, &mut out);
        assert!(out.iter().all(|d| d.severity == Severity::Warning));
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn block_starts_the_source_lacks_are_reported() {
        assert!(findings("Title", "Titel").is_empty());
        assert!(findings("Title", "Titel mit # und 1. und - mitten").is_empty());
        let f = findings("Title", "Titel\n# Unter\n```\ncode\n```");
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].contains("a heading"), "{f:?}");
        assert!(f[1].contains("a code block"), "{f:?}");
        // What the source has may stay.
        assert!(findings("intro\n- a\n- b", "Einleitung\n- a\n- b").is_empty());
    }
}
