//! Review: a second person's sign-off per translation, and the status every message of a
//! locale has (missing, template, outdated, translated, reviewed).
//!
//! A review record is bound to the exact texts it was given for — a hash of the source
//! message (value and attributes) and a hash of the translation — so any later change of
//! either undoes it, with no command: the record simply stops holding. Records live in
//! the locale file's state (`<file>.ftl.sync`), one line in each message's block:
//!
//! ```text
//! dry-needling-title@reviewed = Ana Ruiz, 2026-12-01 (source 1a2b3c4d5e6f7a8b, translation 0f1e2d3c4b5a6978)
//! ```
//!
//! so a reviewer reads who signed off what in a diff, and two branches that reviewed
//! different messages merge without conflict.

use crate::state::Patterns;

/// A message's status in a locale, from least to most fit to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No translation (and no template).
    Missing,
    /// Only a commented-out `# TODO` template.
    Template,
    /// Translated, but the source changed since (a marker, or a change sync has not seen).
    Outdated,
    /// Translated and current, not reviewed (or reviewed for other text).
    Translated,
    /// Translated, current, and signed off for exactly this source and translation.
    Reviewed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Template => "template",
            Status::Outdated => "outdated",
            Status::Translated => "translated",
            Status::Reviewed => "reviewed",
        }
    }
}

/// The status of translated entry `li` of `locale` (message `id`, whose source text is
/// `source`), and the review record that holds for it, if any.
pub fn translated_status(
    locale: &crate::catalog::Catalog,
    li: usize,
    id: &str,
    source: &Patterns,
    state: &impl crate::state::Seen,
) -> (Status, Option<Record>) {
    let body = locale.body_text(li);
    // A marker means outdated until the translator deletes it, edited or not.
    let marked = locale.outdated_marker(li).is_some();
    if marked || state.changed(id, source) {
        return (Status::Outdated, None);
    }
    match state
        .review(id)
        .and_then(|r| Record::parse(&r))
        .filter(|r| r.holds_for(source, &body))
    {
        Some(record) => (Status::Reviewed, Some(record)),
        None => (Status::Translated, None),
    }
}

/// Every source message of one file with its status in the locale, in source order.
pub fn statuses<'s>(
    source: &'s [(String, Patterns)],
    locale: Option<&crate::catalog::Catalog>,
    state: &impl crate::state::Seen,
) -> Vec<(&'s str, Status, Option<Record>)> {
    let templates: std::collections::HashSet<&str> = locale
        .map(|l| {
            (0..l.resource.body.len())
                .filter_map(|i| match l.kind(i) {
                    crate::catalog::EntryKind::Template(id) => Some(id),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    source
        .iter()
        .map(|(id, patterns)| {
            let found = locale.and_then(|l| l.index.get(id.as_str()).map(|&i| (l, i)));
            let (status, record) = match found {
                Some((l, li)) => translated_status(l, li, id, patterns, state),
                None if templates.contains(id.as_str()) => (Status::Template, None),
                None => (Status::Missing, None),
            };
            (id.as_str(), status, record)
        })
        .collect()
}

/// One sign-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub by: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// [`source_hash`] of the source message it was given for.
    pub source: String,
    /// [`translation_hash`] of the translation it was given for.
    pub translation: String,
}

impl Record {
    /// A record for `source` and `translation` (the translation's text as
    /// [`crate::catalog::Catalog::body_text`] gives it).
    pub fn new(by: &str, date: &str, source: &Patterns, translation: &str) -> Record {
        Record {
            by: by.to_string(),
            date: date.to_string(),
            source: source_hash(source),
            translation: translation_hash(translation),
        }
    }

    /// `Ana Ruiz, 2026-12-01 (source …, translation …)` → the record.
    pub fn parse(text: &str) -> Option<Record> {
        let (head, hashes) = text.strip_suffix(')')?.rsplit_once(" (source ")?;
        let (source, translation) = hashes.split_once(", translation ")?;
        let (by, date) = head.rsplit_once(", ")?;
        let hex = |h: &str| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit());
        // (An impossible date, 2026-02-30 written by hand, is no sign-off either.)
        (hex(source) && hex(translation) && !by.trim().is_empty() && valid_date(date)).then(|| {
            Record {
                by: by.to_string(),
                date: date.to_string(),
                source: source.to_string(),
                translation: translation.to_string(),
            }
        })
    }

    pub fn render(&self) -> String {
        format!(
            "{}, {} (source {}, translation {})",
            self.by, self.date, self.source, self.translation
        )
    }

    /// Whether the record was given for exactly this source and translation.
    pub fn holds_for(&self, source: &Patterns, translation: &str) -> bool {
        self.holds_for_texts(source, translation)
    }

    /// [`Record::holds_for`] with the source's `(key, text)` pairs held in any form
    /// (check borrows them from the source file).
    pub fn holds_for_texts<K: AsRef<str>, T: AsRef<str>>(
        &self,
        source: &[(K, T)],
        translation: &str,
    ) -> bool {
        // A record given before soft line breaks were joined holds for the text it saw.
        (self.source == source_hash(source) || self.source == legacy_source_hash(source))
            && self.translation == translation_hash(translation)
    }
}

fn hash16(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A hash of a source message's value and attributes, as a reader sees them: where a
/// paragraph's lines wrap does not count (see [`crate::state::same_but_wrapping`]).
pub fn source_hash<K: AsRef<str>, T: AsRef<str>>(source: &[(K, T)]) -> String {
    hash_patterns(source, |t| crate::state::unwrapped(t))
}

/// The hash records were given with before: the text as written, line breaks and all.
fn legacy_source_hash<K: AsRef<str>, T: AsRef<str>>(source: &[(K, T)]) -> String {
    hash_patterns(source, std::borrow::Cow::Borrowed)
}

fn hash_patterns<'p, K: AsRef<str>, T: AsRef<str>>(
    source: &'p [(K, T)],
    text_of: impl Fn(&'p str) -> std::borrow::Cow<'p, str>,
) -> String {
    let mut bytes = Vec::new();
    for (key, text) in source {
        bytes.extend_from_slice(key.as_ref().as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(text_of(text.as_ref()).as_bytes());
        bytes.push(0);
    }
    hash16(&bytes)
}

/// A hash of a translation's text (line endings normalised, as `body_text` gives it).
pub fn translation_hash(translation: &str) -> String {
    hash16(translation.as_bytes())
}

/// Whether a reviewer's name can be written into a record: not empty, one line, no
/// control characters, and not the separators the record uses.
pub fn valid_reviewer(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("the reviewer's name is empty".into());
    }
    if name.chars().any(|c| c.is_control()) {
        return Err("the reviewer's name has a control character (a line break?)".into());
    }
    // Bidi controls and invisible characters would change how the record and the review
    // page read ("Eve on 2026-12-01" shown reversed).
    let invisible = |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}');
    if name.chars().any(invisible) {
        return Err("the reviewer's name has an invisible or bidi control character".into());
    }
    if name.contains(" (source ") || name.contains('(') || name.contains(')') {
        return Err(
            "the reviewer's name cannot contain parentheses (the record puts its hashes in them)"
                .into(),
        );
    }
    if name.trim() != name {
        return Err("the reviewer's name starts or ends with a space".into());
    }
    Ok(())
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    civil_date(days)
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (Howard Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Whether `date` is a real calendar date `YYYY-MM-DD` between 2000 and 2199 (a sign-off
/// dated 0000-01-01 or 2026-02-30 is a typo).
pub fn valid_date(date: &str) -> bool {
    let b = date.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && date
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return false;
    }
    let (year, month, day) = (
        date[..4].parse::<u32>().unwrap_or(0),
        date[5..7].parse::<u32>().unwrap_or(0),
        date[8..10].parse::<u32>().unwrap_or(0),
    );
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    (2000..=2199).contains(&year) && (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    #[test]
    fn records_hold_however_the_source_wraps() {
        let wrapped: Patterns = vec![("".into(), "one\ntwo".into())];
        let joined: Patterns = vec![("".into(), "one two".into())];
        let old = Record {
            by: "Ana".into(),
            date: "2026-11-01".into(),
            source: legacy_source_hash(&wrapped),
            translation: translation_hash("uno dos"),
        };
        // An old record holds for the text as it saw it (a joined source differs from
        // that text: such a sign-off is asked for again once).
        assert!(old.holds_for(&wrapped, "uno dos"));
        assert!(!old.holds_for(&vec![("".into(), "one three".into())], "uno dos"));
        // A record given now holds however the source paragraph wraps.
        let new = Record {
            source: source_hash(&wrapped),
            ..old
        };
        assert!(new.holds_for(&joined, "uno dos"));
        assert!(new.holds_for(&wrapped, "uno dos"));
        assert_eq!(source_hash(&wrapped), source_hash(&joined));
    }

    use super::*;

    #[test]
    fn records_round_trip_and_bind_to_both_texts() {
        let source = vec![("".to_string(), "Pain".to_string())];
        let r = Record::new("Ana Ruiz, PT", "2026-12-01", &source, "a = Dolor");
        let text = r.render();
        assert_eq!(Record::parse(&text), Some(r.clone()));
        assert!(r.holds_for(&source, "a = Dolor"));
        assert!(!r.holds_for(&source, "a = Dolor agudo"));
        let changed = vec![("".to_string(), "Pain relief".to_string())];
        assert!(!r.holds_for(&changed, "a = Dolor"));
        assert_eq!(Record::parse("Ana"), None);
        assert!(valid_reviewer("Ana\nRuiz").is_err());
        assert!(valid_reviewer("Ana Ruiz").is_ok());
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_788), "2026-12-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert!(valid_date("2026-12-01") && !valid_date("2026-13-01") && !valid_date("26-1-1"));
        assert!(valid_date("2028-02-29") && !valid_date("2026-02-29") && !valid_date("2026-02-30"));
        assert!(!valid_date("0000-01-01") && !valid_date("9999-12-31"));
        assert!(valid_reviewer("Ana)").is_err() && valid_reviewer("Eve\u{202E}").is_err());
    }

    /// A record written by hand with an impossible date is no review (third attack: it
    /// counted, and the handout's footer printed it).
    #[test]
    fn a_record_with_an_impossible_date_is_no_review() {
        let ok = "Ana Ruiz, 2026-12-01 (source ab12, translation cd34)";
        assert!(Record::parse(ok).is_some());
        for date in [
            "2026-02-30",
            "9999-99-99",
            "1800-01-01",
            "0000-00-00",
            "2026-13-45",
        ] {
            let text = ok.replace("2026-12-01", date);
            assert!(Record::parse(&text).is_none(), "{date}");
        }
    }
}
