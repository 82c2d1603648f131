//! A handout's YAML front matter: the metadata a clinic keeps at the top of
//! `content/<doc>.md` between two `---` lines (`reviewed: 2026-11-01`, `version`,
//! `audience`). It is not text to translate: [`mask`] blanks it out before the Markdown
//! is parsed (so extract makes no message of it and every offset stays where it was), and
//! [`parse`] reads it, strictly, for the footer of the built handouts. YAML is read by
//! serde_norway (a maintained fork of serde_yaml).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_norway::Value;

/// Front matter larger than this is refused (it is a few lines of metadata).
pub const MAX_BYTES: usize = 16 * 1024;
/// The longest value of `version` or `audience`, in characters.
const MAX_VALUE: usize = 200;

/// What the front matter says, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// When the clinic last reviewed the content: (year, month, day), a real date.
    pub reviewed: Option<(i32, u8, u8)>,
    pub version: Option<String>,
    /// Who the handout is for: one text, or one per locale tag (canonical).
    pub audience: Option<Audience>,
    /// The block as written, both `---` lines included (empty without one): every
    /// locale's Markdown handout starts with it, as the source does.
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Audience {
    All(String),
    /// Locale tag → text; a locale without one takes its chain's, then the source's.
    PerLocale(BTreeMap<String, String>),
}

/// The byte range of the front matter block (both `---` lines included) and of the YAML
/// inside it, when `text` opens with one.
fn locate(text: &str) -> Option<(usize, std::ops::Range<usize>)> {
    let first = text.lines().next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let start = text.find('\n')? + 1;
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some((at + line.len(), start..at));
        }
        at += line.len();
    }
    None
}

/// `text` with its front matter (if any) replaced by blank lines of the same bytes, so
/// the Markdown parser sees no text there and every offset after it is unchanged.
pub fn mask(text: &str) -> Cow<'_, str> {
    match locate(text) {
        None => Cow::Borrowed(text),
        Some((end, _)) => {
            let mut out = String::with_capacity(text.len());
            for c in text[..end].chars() {
                if c == '\n' {
                    out.push('\n');
                } else {
                    out.extend(std::iter::repeat_n(' ', c.len_utf8()));
                }
            }
            out.push_str(&text[end..]);
            Cow::Owned(out)
        }
    }
}

/// Reads the front matter of a handout. `Err((line, column, message))` when it is not
/// YAML, has a key carta does not know, or a value that cannot be right; lines count
/// from the top of the file.
pub fn parse(text: &str) -> Result<FrontMatter, (usize, usize, String)> {
    let Some((end, yaml)) = locate(text) else {
        // `---` then a `key:` line, and no closing `---`: front matter someone forgot to
        // close (or closed with `----`), not text to publish on every page.
        let mut lines = text.lines();
        let opens = lines.next().is_some_and(|l| l.trim_end() == "---");
        let key_line = lines.next().is_some_and(|l| {
            let key = l.split_once(':').map_or("", |(k, _)| k);
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
        if opens && key_line {
            return Err((
                1,
                1,
                "front matter is not closed (a line `---` after it)".to_string(),
            ));
        }
        return Ok(FrontMatter::default());
    };
    if end > MAX_BYTES {
        return Err((
            1,
            1,
            format!("the front matter is larger than {} KiB", MAX_BYTES / 1024),
        ));
    }
    let body = &text[yaml.clone()];
    let written = text[..end].to_string();
    if body.trim().is_empty() {
        return Ok(FrontMatter {
            raw: written,
            ..FrontMatter::default()
        });
    }
    let raw: Value = serde_norway::from_str(body).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line() + 1, l.column()));
        let message = e.to_string();
        // serde_norway appends " at line N column M": the location is ours already.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        (
            line,
            column.max(1),
            format!("front matter: {message} (carta knows `reviewed`, `version` and `audience`)"),
        )
    })?;
    let Value::Mapping(map) = raw else {
        return Err((
            2,
            1,
            "front matter must be `key: value` lines (carta knows `reviewed`, `version` and `audience`)".to_string(),
        ));
    };
    let line_of = |key: &str| {
        body.lines()
            .position(|l| l.starts_with(key))
            .map_or(1, |n| n + 2)
    };
    let checked = |key: &str, value: String| -> Result<String, (usize, usize, String)> {
        let value = value.trim().to_string();
        if value.is_empty() || value.chars().count() > MAX_VALUE || value.contains('\n') {
            return Err((
                line_of(key),
                1,
                format!("front matter: `{key}` must be one line of 1 to {MAX_VALUE} characters"),
            ));
        }
        if let Some(c) = value.chars().find(|&c| invisible(c)) {
            return Err((
                line_of(key),
                1,
                format!(
                    "front matter: `{key}` contains the invisible character U+{:04X}",
                    c as u32
                ),
            ));
        }
        Ok(value)
    };
    // What is written after `key:` on its line, for the messages.
    let literal = |key: &str| {
        body.lines()
            .find_map(|l| l.strip_prefix(key)?.trim_start().strip_prefix(':'))
            .unwrap_or("")
            .trim()
            .to_string()
    };
    // A value YAML reads as a number, a boolean or null is refused: `1.10` would print
    // "1.1", `0x10` "16".
    let quote = |key: &str| {
        (
            line_of(key),
            1,
            format!(
                "front matter: `{key}` must be text: write it in quotes: {key}: \"{}\"",
                literal(key).trim_matches(['"', '\''])
            ),
        )
    };
    let (mut reviewed, mut version, mut audience) = (None, None, None);
    for (key, value) in map {
        let Value::String(key) = key else {
            return Err((
                2,
                1,
                "front matter: a key is not text (carta knows `reviewed`, `version` and `audience`)".to_string(),
            ));
        };
        match key.as_str() {
            "reviewed" => {
                let written = match &value {
                    Value::String(s) => s.trim().to_string(),
                    _ => literal("reviewed"),
                };
                reviewed = Some(date(&written).ok_or_else(|| {
                    (
                        line_of("reviewed"),
                        1,
                        format!(
                            "front matter: `reviewed` must be a real date written YYYY-MM-DD, not `{written}`"
                        ),
                    )
                })?);
            }
            "version" => {
                let Value::String(v) = value else {
                    return Err(quote("version"));
                };
                version = Some(checked("version", v)?);
            }
            "audience" => match value {
                Value::String(s) => audience = Some(Audience::All(checked("audience", s)?)),
                Value::Mapping(m) => {
                    let mut out = BTreeMap::new();
                    for (tag, text) in m {
                        let (Value::String(tag), Value::String(text)) = (tag, text) else {
                            return Err(quote("audience"));
                        };
                        let canonical = crate::locale::Tag::parse(&tag).map_err(|e| {
                            (
                                line_of("audience"),
                                1,
                                format!("front matter: `audience`: {e}"),
                            )
                        })?;
                        out.insert(canonical.as_str().to_string(), checked("audience", text)?);
                    }
                    audience = Some(Audience::PerLocale(out));
                }
                _ => return Err(quote("audience")),
            },
            other => {
                return Err((
                    line_of(other),
                    1,
                    format!("front matter: unknown key `{other}` (carta knows `reviewed`, `version` and `audience`)"),
                ))
            }
        }
    }
    Ok(FrontMatter {
        reviewed,
        version,
        audience,
        raw: written,
    })
}

/// Characters that would change how the footer reads without being seen: controls,
/// bidi embeddings, overrides, isolates and marks, zero-width characters.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// `YYYY-MM-DD` → a real calendar date.
fn date(s: &str) -> Option<(i32, u8, u8)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[..4].parse().ok()?;
    let m: u8 = s[5..7].parse().ok()?;
    let d: u8 = s[8..10].parse().ok()?;
    if !(1900..=2199).contains(&y) {
        return None;
    }
    icu_calendar::Date::try_new_iso(y, m, d).ok()?;
    Some((y, m, d))
}

impl FrontMatter {
    /// The audience text for a locale with this fallback chain.
    pub fn audience_for(&self, chain: &[crate::locale::Tag]) -> Option<(String, String)> {
        match self.audience.as_ref()? {
            Audience::All(s) => Some((String::new(), s.clone())),
            Audience::PerLocale(map) => chain.iter().find_map(|t| {
                map.get(t.as_str())
                    .map(|s| (t.as_str().to_string(), s.clone()))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "---\nreviewed: 2026-11-01\nversion: \"2.1\"\naudience: adults\n---\n# Title\n\nText.\n";

    #[test]
    fn reads_and_masks() {
        let fm = parse(DOC).unwrap();
        assert_eq!(fm.reviewed, Some((2026, 11, 1)));
        assert_eq!(fm.version.as_deref(), Some("2.1"));
        assert_eq!(fm.audience, Some(Audience::All("adults".into())));
        let masked = mask(DOC);
        assert_eq!(masked.len(), DOC.len());
        assert!(masked.starts_with("   \n"));
        assert_eq!(&masked[masked.find('#').unwrap()..], "# Title\n\nText.\n");
        assert_eq!(mask("# A\n---\nb\n---\n"), "# A\n---\nb\n---\n");
    }

    #[test]
    fn refuses_what_cannot_be_right() {
        let err = |t: &str| parse(t).unwrap_err();
        assert_eq!(err("---\nreviewd: 2026-11-01\n---\n").0, 2);
        assert!(err("---\nreviewed: 2026-02-30\n---\n")
            .2
            .contains("real date"));
        assert!(err("---\nreviewed: soon\n---\n").2.contains("real date"));
        assert_eq!(err("---\nversion: 1\n\naudience: [a\n---\n").0, 5);
        assert!(err("---\naudience: \"a\u{202E}b\"\n---\n")
            .2
            .contains("U+202E"));
        assert!(err("---\naudience:\n  x/../y: a\n---\n")
            .2
            .contains("audience"));
        let big = format!("---\nversion: \"{}\"\n---\n", "x".repeat(MAX_BYTES));
        assert!(err(&big).2.contains("larger"));
        // A billion laughs is refused by the YAML reader, not expanded.
        let laughs = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n";
        assert!(parse(laughs).is_err());
        // No closing line after a `key:` line: front matter not closed (fix17 item 5).
        let e = err("---\nreviewed: 2026-11-01\nversion: \"2.0\"\n# Dry Needling\n");
        assert_eq!(
            e,
            (
                1,
                1,
                "front matter is not closed (a line `---` after it)".into()
            )
        );
        assert_eq!(err("---\nreviewed: 2026-11-01\n----\n# T\n").0, 1);
        // A rule and then text is not front matter.
        assert_eq!(
            parse("---\n\nreviewed: x\n").unwrap(),
            FrontMatter::default()
        );
        assert_eq!(
            parse("---\nJust a line: with a colon\n").unwrap(),
            FrontMatter::default()
        );
        // A version YAML reads as a number is refused, not rewritten (fix17 item 6).
        for (v, shown) in [
            ("1.10", "1.10"),
            ("1.0", "1.0"),
            ("0x10", "0x10"),
            ("1e3", "1e3"),
            (".nan", ".nan"),
            ("true", "true"),
            ("7", "7"),
        ] {
            let e = err(&format!("---\nreviewed: 2026-11-01\nversion: {v}\n---\n"));
            assert_eq!(
                e,
                (3, 1, format!("front matter: `version` must be text: write it in quotes: version: \"{shown}\"")),
            );
        }
        assert!(err("---\naudience: 12\n---\n")
            .2
            .contains("write it in quotes: audience: \"12\""));
        assert!(err("---\naudience:\n  es: 1.5\n---\n")
            .2
            .contains("write it in quotes"));
        // No Rust type name in a message.
        for bad in [
            "---\n- a\n- b\n---\n",
            "---\nversion: [1]\n---\n",
            "---\nreviewed: [1]\n---\n",
        ] {
            let e = err(bad).2;
            assert!(!e.contains("struct") && !e.contains("enum"), "{e}");
        }
    }

    #[test]
    fn audience_per_locale() {
        let fm = parse("---\naudience:\n  en-US: adults\n  es: adultos\n---\n").unwrap();
        let chain = |t: &[&str]| -> Vec<crate::locale::Tag> {
            t.iter()
                .map(|t| crate::locale::Tag::parse(t).unwrap())
                .collect()
        };
        assert_eq!(
            fm.audience_for(&chain(&["es-MX", "es", "en-US"]))
                .unwrap()
                .1,
            "adultos"
        );
        assert_eq!(
            fm.audience_for(&chain(&["fr", "en-US"])).unwrap(),
            ("en-US".into(), "adults".into())
        );
    }
}
