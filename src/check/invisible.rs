//! W014 `invisible-characters`: characters a reader cannot see that change what they
//! read, in a translation but not in its source text.
//!
//! - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the
//!   text after them: U+202E shows "10 mg" as "gm 01". Always reported.
//! - Bidi marks (U+200E LRM, U+200F RLM, U+061C ALM) are how right-to-left text orders a
//!   number or a Latin word correctly, so they are reported only in left-to-right
//!   locales, where they have no such job.
//! - Zero-width characters: U+200B (zero-width space), U+2060 (word joiner) and U+FEFF
//!   (a byte order mark inside text) always; U+200C/U+200D (ZWNJ/ZWJ) only where they
//!   cannot be doing their job, which is between two letters of a script that joins
//!   (Persian, Arabic, Indic scripts) or inside an emoji sequence: next to an ASCII
//!   character, whitespace or the start or end of the text.
//!
//! - Line breaks only JavaScript sees: U+2028, U+2029 and a carriage return without a
//!   line feed (Fluent reads them as text; @fluent/bundle starts a new entry after one).
//!
//! The same characters are ignored when `identical` compares a translation with its
//! source ([`without_invisible`]), so a zero-width space cannot hide untranslated text.

use super::{Code, Diagnostic};

/// The name of an invisible character carta looks for, and whether it reorders text.
fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        // Line breaks to JavaScript, not to Fluent: @fluent/bundle's parser starts a new
        // entry after one (a `dose = …` hidden behind it replaced the real message).
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\r' => "CARRIAGE RETURN without a line feed",
        _ => return None,
    })
}

fn is_invisible(c: char) -> bool {
    name(c).is_some()
}

/// `text` without the characters this check looks for (for comparisons).
pub fn without_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_invisible) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !is_invisible(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether the occurrence of `c` between `before` and `after` is reported.
fn suspicious(c: char, before: Option<char>, after: Option<char>, rtl: bool) -> bool {
    match c {
        '\u{200E}' | '\u{200F}' | '\u{061C}' => !rtl,
        '\r' => after != Some('\n'),
        '\u{200C}' | '\u{200D}' => {
            let doing_its_job = |n: Option<char>| {
                n.is_some_and(|n| !n.is_ascii() && !n.is_whitespace() && !is_invisible(n))
            };
            !(doing_its_job(before) && doing_its_job(after))
        }
        _ => true,
    }
}

/// Adds a diagnostic per kind of invisible character `text` has where reported (see the
/// module doc) and `source` does not have at all.
pub fn check(
    label: &dyn std::fmt::Display,
    rtl: bool,
    source: &str,
    text: &str,
    offset: usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    if !text.chars().any(is_invisible) {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut reported: Vec<char> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let Some(name) = name(c) else { continue };
        if reported.contains(&c) || source.contains(c) {
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        if !suspicious(c, before, chars.get(i + 1).copied(), rtl) {
            continue;
        }
        reported.push(c);
        let effect = if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            "it reorders what readers see after it (U+202E shows “10 mg” as “gm 01”)"
        } else {
            "readers cannot see it, but it changes how the text is compared, searched and broken into lines"
        };
        out.push(d(
            Code::InvisibleCharacters,
            offset,
            format!(
                "{label} contains U+{:04X} {name}, which the source text does not: {effect}; delete it",
                c as u32
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(source: &str, text: &str, rtl: bool) -> Vec<String> {
        let d = |code, offset, message| {
            Diagnostic::new(code, "de", "x.ftl".into(), offset, Some("m"), message)
        };
        let mut out = Vec::new();
        check(&"`m`", rtl, source, text, 0, &d, &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn bidi_controls_and_zero_width_characters_are_reported() {
        let f = findings("Take 10 mg", "Nehmen Sie \u{202E}10 mg\u{202C}", false);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].contains("U+202E RIGHT-TO-LEFT OVERRIDE"), "{f:?}");
        assert_eq!(findings("Pain", "Pa\u{200B}in", false).len(), 1);
        assert_eq!(findings("Pain", "Pa\u{FEFF}in\u{2060}", false).len(), 2);
        // What the source has may stay.
        assert!(findings("a\u{200B}b", "c\u{200B}d", false).is_empty());
        assert!(findings("plain", "ganz normal", false).is_empty());
    }

    #[test]
    fn marks_and_joiners_doing_their_job_are_not() {
        // An RLM orders a number in Arabic text; in German it has nothing to do.
        assert!(findings("10 mg", "\u{200F}10 ملغ", true).is_empty());
        assert_eq!(findings("10 mg", "\u{200F}10 mg", false).len(), 1);
        // ZWNJ between Persian letters (می‌خواهم), ZWJ in an emoji sequence: needed.
        assert!(findings("I want", "می\u{200C}خواهم", true).is_empty());
        assert!(findings("family", "👨\u{200D}👩", false).is_empty());
        // Next to ASCII or at the edge, they only hide something.
        assert_eq!(findings("Pain", "Pa\u{200C}in", false).len(), 1);
        assert_eq!(findings("Pain", "\u{200D}Pain", false).len(), 1);
    }

    #[test]
    fn identical_ignores_them() {
        assert_eq!(
            without_invisible("Dry\u{200B} Needling\u{2060}"),
            "Dry Needling"
        );
        assert_eq!(without_invisible("plain"), "plain");
    }
}
