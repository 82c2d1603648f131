//! A handout's YAML front matter: the metadata a clinic keeps at the top of
//! `content/<doc>.md` between two `---` lines (`reviewed: 2026-11-01`, `version`,
//! `audience`). It is not text to translate: [`mask`] blanks it out before the Markdown
//! is parsed (so extract makes no message of it and every offset stays where it was), and
//! [`parse`] reads it, strictly, for the footer of the built handouts. YAML is read by
//! serde_norway (a maintained fork of serde_yaml).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    reviewed: Option<Scalar>,
    version: Option<Scalar>,
    audience: Option<RawAudience>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Scalar {
    fn text(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawAudience {
    All(String),
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
    let raw: Raw = serde_norway::from_str(body).map_err(|e| {
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
    let reviewed = match raw.reviewed {
        None => None,
        Some(s) => {
            let s = s.text();
            Some(date(s.trim()).ok_or_else(|| {
                (
                    line_of("reviewed"),
                    1,
                    format!(
                        "front matter: `reviewed` must be a real date written YYYY-MM-DD, not `{}`",
                        s.trim()
                    ),
                )
            })?)
        }
    };
    let version = raw
        .version
        .map(|v| checked("version", v.text()))
        .transpose()?;
    let audience = match raw.audience {
        None => None,
        Some(RawAudience::All(s)) => Some(Audience::All(checked("audience", s)?)),
        Some(RawAudience::PerLocale(map)) => {
            let mut out = BTreeMap::new();
            for (tag, text) in map {
                let canonical = crate::locale::Tag::parse(&tag).map_err(|e| {
                    (
                        line_of("audience"),
                        1,
                        format!("front matter: `audience`: {e}"),
                    )
                })?;
                out.insert(canonical.as_str().to_string(), checked("audience", text)?);
            }
            Some(Audience::PerLocale(out))
        }
    };
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
        "---\nreviewed: 2026-11-01\nversion: 2.1\naudience: adults\n---\n# Title\n\nText.\n";

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
        // No closing line: not front matter, just a rule.
        assert_eq!(parse("---\nreviewed: x\n").unwrap(), FrontMatter::default());
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
