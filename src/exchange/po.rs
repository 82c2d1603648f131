//! Gettext PO: one entry per unit, `msgctxt` = the unit ID, `msgid` the source and
//! `msgstr` the translation as Fluent pattern syntax (PO has no inline markup, so
//! placeables stay `{ $var }` and a literal brace is `{"{"}`), carta's notes as extracted
//! comments (`#.`), the source file and line as a reference (`#:`). An outdated
//! translation is `#, fuzzy` with the old source as `#| msgid`; a fuzzy entry is a draft
//! on import. The header names the languages; no timestamps, so exports are stable.

use std::fmt::Write as _;

use super::inline::{plain_fluent, Tok};
use super::{Export, InUnit, Incoming};
use crate::review::Status;

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// `keyword "…"`, split after each `\n` as gettext does.
fn field(out: &mut String, prefix: &str, keyword: &str, text: &str) {
    if text.contains('\n') {
        let _ = writeln!(out, "{prefix}{keyword} \"\"");
        for line in text.split_inclusive('\n') {
            let _ = writeln!(out, "{prefix}\"{}\"", quote(line));
        }
    } else {
        let _ = writeln!(out, "{prefix}{keyword} \"{}\"", quote(text));
    }
}

fn fluent(toks: &[Tok]) -> String {
    plain_fluent(toks)
}

/// The export as a PO file.
pub fn write(export: &Export) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Translation of {} into {}, exported by carta.",
        export
            .files
            .iter()
            .map(|f| f.original.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        export.target_lang
    );
    out.push_str(
        "# Text is Fluent syntax: keep every { … } placeable; a literal brace is {\"{\"}.\n",
    );
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for line in [
        "Project-Id-Version: carta\\n".to_string(),
        "Language-Team: none\\n".to_string(),
        "Last-Translator: none\\n".to_string(),
        "PO-Revision-Date: 2000-01-01 00:00+0000\\n".to_string(),
        "MIME-Version: 1.0\\n".to_string(),
        "Content-Type: text/plain; charset=UTF-8\\n".to_string(),
        "Content-Transfer-Encoding: 8bit\\n".to_string(),
        format!("Language: {}\\n", quote(&export.target_lang)),
        format!("X-Carta-Source-Language: {}\\n", quote(&export.source_lang)),
    ] {
        let _ = writeln!(out, "\"{line}\"");
    }
    for f in &export.files {
        for u in &f.units {
            out.push('\n');
            for (cat, text) in &u.notes {
                for (n, line) in text.lines().enumerate() {
                    if n == 0 {
                        let _ = writeln!(out, "#. {cat}: {line}");
                    } else {
                        let _ = writeln!(out, "#.   {line}");
                    }
                }
            }
            let _ = writeln!(
                out,
                "#: {}:{}",
                u.reference.0.replace(' ', "\u{2007}"),
                u.reference.1
            );
            let draft =
                u.status == Status::Outdated || u.from_memory && u.status == Status::Translated;
            if draft {
                out.push_str("#, fuzzy\n");
                if let Some(prev) = &u.previous_source {
                    field(&mut out, "#| ", "msgctxt", &u.id);
                    field(&mut out, "#| ", "msgid", prev);
                }
            }
            field(&mut out, "", "msgctxt", &u.id);
            field(&mut out, "", "msgid", &fluent(&u.source));
            let target = u.target.as_ref().map(|t| fluent(t)).unwrap_or_default();
            field(&mut out, "", "msgstr", &target);
        }
    }
    out
}

/// Unescapes the inside of one PO string.
fn unquote(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('a') => out.push('\u{7}'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some(other) => return Err(format!("unknown escape `\\{other}`")),
            None => return Err("a string ends with `\\`".into()),
        }
    }
    Ok(out)
}

#[derive(Default)]
struct Entry {
    line: usize,
    ctxt: Option<String>,
    id: Option<String>,
    plural: bool,
    strs: Vec<String>,
    fuzzy: bool,
    obsolete: bool,
}

/// Reads a PO file. Errors give the line.
pub fn read(text: &str) -> Result<Incoming, (usize, String)> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut cur = Entry::default();
    // Which string a continuation line extends.
    #[derive(Clone, Copy, PartialEq)]
    enum Field {
        None,
        Ctxt,
        Id,
        Plural,
        Str,
    }
    let mut field_now = Field::None;
    let flush = |cur: &mut Entry, entries: &mut Vec<Entry>| {
        if cur.id.is_some() || cur.ctxt.is_some() {
            entries.push(std::mem::take(cur));
        } else {
            *cur = Entry::default();
        }
    };
    for (n, raw) in text.split('\n').enumerate() {
        let line_no = n + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("#~") {
            let _ = rest;
            if field_now != Field::None && !cur.obsolete {
                flush(&mut cur, &mut entries);
                field_now = Field::None;
            }
            cur.obsolete = true;
            continue;
        }
        if let Some(flags) = line.strip_prefix("#,") {
            if field_now != Field::None {
                flush(&mut cur, &mut entries);
                field_now = Field::None;
            }
            if flags.split(',').any(|f| f.trim() == "fuzzy") {
                cur.fuzzy = true;
            }
            continue;
        }
        if line.starts_with('#') {
            if field_now != Field::None {
                flush(&mut cur, &mut entries);
                field_now = Field::None;
            }
            continue;
        }
        let string_of = |s: &str| -> Result<String, (usize, String)> {
            let s = s.trim();
            let inner = s
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .filter(|_| s.len() >= 2)
                .ok_or((line_no, format!("expected a quoted string, found `{s}`")))?;
            unquote(inner).map_err(|e| (line_no, e))
        };
        if line.starts_with('"') {
            let s = string_of(line)?;
            match field_now {
                Field::Ctxt => cur.ctxt.get_or_insert_with(String::new).push_str(&s),
                Field::Id => cur.id.get_or_insert_with(String::new).push_str(&s),
                Field::Plural => {}
                Field::Str => {
                    if let Some(last) = cur.strs.last_mut() {
                        last.push_str(&s)
                    }
                }
                Field::None => {
                    return Err((line_no, "a string without a keyword before it".into()))
                }
            }
            continue;
        }
        let (keyword, rest) = line.split_once([' ', '\t']).unwrap_or((line, ""));
        match keyword {
            "msgctxt" => {
                if field_now != Field::None {
                    flush(&mut cur, &mut entries);
                }
                cur.line = line_no;
                cur.ctxt = Some(string_of(rest)?);
                field_now = Field::Ctxt;
            }
            "msgid" => {
                if matches!(field_now, Field::Str | Field::Plural) {
                    flush(&mut cur, &mut entries);
                }
                if cur.line == 0 {
                    cur.line = line_no;
                }
                cur.id = Some(string_of(rest)?);
                field_now = Field::Id;
            }
            "msgid_plural" => {
                cur.plural = true;
                string_of(rest)?;
                field_now = Field::Plural;
            }
            k if k == "msgstr" || k.starts_with("msgstr[") => {
                cur.strs.push(string_of(rest)?);
                field_now = Field::Str;
            }
            other => return Err((line_no, format!("unknown keyword `{other}`"))),
        }
    }
    flush(&mut cur, &mut entries);
    let mut incoming = Incoming::default();
    for e in entries {
        if e.obsolete {
            continue;
        }
        if e.id.as_deref() == Some("") && e.ctxt.is_none() {
            let header = e.strs.first().cloned().unwrap_or_default();
            for h in header.lines() {
                if let Some(v) = h.strip_prefix("Language:") {
                    incoming.target_lang = Some(v.trim().to_string());
                }
                if let Some(v) = h.strip_prefix("X-Carta-Source-Language:") {
                    incoming.source_lang = Some(v.trim().to_string());
                }
            }
            continue;
        }
        let Some(id) = e.ctxt else {
            return Err((
                e.line,
                "an entry without `msgctxt`: carta's PO files name each message there".into(),
            ));
        };
        let target = if e.plural {
            Err("gettext plural forms are not carta's; plurals are Fluent select expressions in the text".to_string())
        } else {
            let s = e
                .strs
                .first()
                .cloned()
                .unwrap_or_default()
                .replace("\r\n", "\n");
            Ok((!s.is_empty()).then_some(s))
        };
        incoming.units.push(InUnit {
            id,
            line: e.line,
            source: e.id.map(|s| s.replace("\r\n", "\n")),
            target,
            // A PO target is plain Fluent the translator sees whole: it has no tags.
            codes: Vec::new(),
            draft: e.fuzzy,
        });
    }
    Ok(incoming)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn crlf_odd_escapes_and_obsolete_entries() {
        let text = "msgid \"\"\r\nmsgstr \"Language: es\\nX-Carta-Source-Language: en-US\\n\"\r\n\r\n#, fuzzy, c-format\r\nmsgctxt \"a\"\r\nmsgid \"A\"\r\nmsgstr \"\\a\\\\\\\"\"\r\n\"b\"\r\n#~ msgctxt \"gone\"\r\n#~ msgstr \"x\"\r\n";
        let i = read(text).unwrap();
        assert_eq!(i.target_lang.as_deref(), Some("es"));
        assert_eq!(i.source_lang.as_deref(), Some("en-US"));
        assert_eq!(i.units.len(), 1);
        assert!(i.units[0].draft);
        assert_eq!(i.units[0].target, Ok(Some("\u{7}\\\"b".to_string())));
        assert!(read("msgid \"a\nmsgstr \"\"").is_err());
        assert!(read("msgfoo \"a\"").is_err());
    }

    proptest! {
        /// The PO reader never panics, whatever the bytes.
        #[test]
        fn po_reader_never_panics(text in "(msgctxt |msgid |msgstr |\"|\\\\|#[,.:|~]? |fuzzy|\n|\r|[a-z{}$ ])*") {
            let _ = read(&text);
        }

        /// The XML reader never panics either.
        #[test]
        fn xml_reader_never_panics(text in "(<|>|/|&|;|#|x|=|\"|'|!|\\[|\\]|-|\\?|[a-z ]|\n|DOCTYPE|ENTITY|CDATA|&amp;|&#0;|&#x110000;)*") {
            let _ = super::super::xml::parse(&text);
        }
    }
}
