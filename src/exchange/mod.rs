//! Exchange with CAT tools: a locale's messages as translation units (XLIFF 2.0, XLIFF
//! 1.2, PO) and translated units back into the locale's files.
//!
//! A unit is one pattern: a message's value (`<message-id>`) or one attribute
//! (`<message-id>.<attr>`), in source order, with its inline content as [`inline::Tok`]s.
//! Import ([`apply`]) writes the way `sync` does: the locale file is never re-serialized;
//! only the entries of messages whose text changed are replaced (their comments kept,
//! an outdated marker dropped), every other byte is copied. This module does no I/O:
//! `commands::export` and `commands::import` read and write.

pub mod inline;
pub mod po;
pub mod tmx;
pub mod xliff;
pub mod xml;

use std::collections::BTreeMap;

use fluent_syntax::ast;

use crate::catalog::{Catalog, EntryKind};
use crate::review::Status;
use crate::state::{Seen, State};
use inline::Tok;

/// One translation unit of an export.
#[derive(Debug, Clone)]
pub struct Unit {
    /// `<message-id>` or `<message-id>.<attr>`.
    pub id: String,
    pub source: Vec<Tok>,
    /// The locale's current text (also for an outdated message).
    pub target: Option<Vec<Tok>>,
    pub status: Status,
    /// (category, text): `comment`, `translator`, `document`, `heading`, `outdated`.
    pub notes: Vec<(&'static str, String)>,
    /// The source file and line of the message.
    pub reference: (String, usize),
    /// For an outdated message, the source text the translation was made for.
    pub previous_source: Option<String>,
    /// The translation is still under sync's `# carta-from-memory` line: pre-filled,
    /// nobody checked it. Exported as needing review (XLIFF 2 `initial` with
    /// `subState="carta:from-memory"`, XLIFF 1.2 `needs-review-translation`, PO fuzzy).
    pub from_memory: bool,
}

/// The units of one locale file.
#[derive(Debug, Clone)]
pub struct FileUnits {
    /// The locale file, relative to the project (`locales/es/dry-needling.ftl`).
    pub original: String,
    pub units: Vec<Unit>,
}

/// What to export.
#[derive(Debug, Clone)]
pub struct Export {
    pub source_lang: String,
    pub target_lang: String,
    pub files: Vec<FileUnits>,
}

/// The patterns of a message or term entry: `("", value)`, `(".attr", pattern)`.
pub fn entry_patterns<'e, 'a>(
    entry: &'e ast::Entry<&'a str>,
) -> Vec<(String, &'e ast::Pattern<&'a str>)> {
    let (value, attributes) = match entry {
        ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes[..]),
        ast::Entry::Term(t) => (Some(&t.value), &t.attributes[..]),
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    if let Some(v) = value {
        out.push((String::new(), v));
    }
    for a in attributes {
        out.push((format!(".{}", a.id.name), &a.value));
    }
    out
}

/// The keys of a source entry that are the source's text to translate: a term's
/// attributes belong to each locale (see [`Catalog::patterns`]).
fn source_keys<'e, 'a>(entry: &'e ast::Entry<&'a str>) -> Vec<(String, &'e ast::Pattern<&'a str>)> {
    let mut p = entry_patterns(entry);
    if matches!(entry, ast::Entry::Term(_)) {
        p.truncate(1);
    }
    p
}

/// The units of one source file for one locale file (`locale` absent when the locale
/// lacks the file), in source order. `document` names what the file translates.
pub fn units(
    source: &Catalog,
    source_path: &str,
    document: &str,
    locale: Option<&Catalog>,
    state: &State,
) -> Vec<Unit> {
    let messages: Vec<(String, crate::state::Patterns)> = crate::sync::source_messages(source)
        .into_iter()
        .map(|m| (m.id().to_string(), m.owned_patterns()))
        .collect();
    let statuses = crate::review::statuses(&messages, locale, state);
    let status_of: BTreeMap<&str, Status> = statuses.iter().map(|(id, s, _)| (*id, *s)).collect();
    let lines = crate::fs::LineIndex::new(source.text);
    let mut heading: Option<String> = None;
    let mut out = Vec::new();
    let mut done = std::collections::HashSet::new();
    for i in 0..source.resource.body.len() {
        match source.kind(i) {
            EntryKind::GroupComment => {
                if let ast::Entry::GroupComment(c) = &source.resource.body[i] {
                    heading = c.content.first().map(|l| l.to_string());
                }
                continue;
            }
            EntryKind::Message(_) | EntryKind::Term(_) => {}
            _ => continue,
        }
        let Some(id) = source.entry_id(i) else {
            continue;
        };
        if !done.insert(id.to_string()) {
            continue;
        }
        let status = status_of
            .get(id.as_ref())
            .copied()
            .unwrap_or(Status::Missing);
        let li = locale.and_then(|l| l.index.get(id.as_ref()).map(|&li| (l, li)));
        let target_patterns: Vec<(String, Vec<Tok>)> = match (li, status) {
            (Some((l, li)), s) if s >= Status::Outdated => entry_patterns(&l.resource.body[li])
                .into_iter()
                .map(|(k, p)| (k, inline::tokens(p)))
                .collect(),
            _ => Vec::new(),
        };
        let translator: Vec<String> = match li {
            Some((l, li)) => {
                let lines = l.comment_lines(li);
                let skip = l.outdated_marker(li).map_or(0, |m| m.lines);
                lines.iter().skip(skip).map(|s| s.to_string()).collect()
            }
            None => Vec::new(),
        };
        let from_memory = li.is_some_and(|(l, li)| {
            l.comment_lines(li)
                .iter()
                .any(|c| c.starts_with(crate::catalog::FROM_MEMORY_PREFIX))
        });
        let previous = if status == Status::Outdated {
            state.patterns(&id)
        } else {
            None
        };
        let line = lines.locate(source.id_offset(i)).0;
        for (key, pattern) in source_keys(&source.resource.body[i]) {
            let mut notes = Vec::new();
            let comment = source.comment_lines(i).join("\n");
            if !comment.trim().is_empty() {
                notes.push(("comment", comment));
            }
            if !translator.is_empty() {
                notes.push(("translator", translator.join("\n")));
            }
            notes.push(("document", document.to_string()));
            if let Some(h) = &heading {
                notes.push(("heading", h.clone()));
            }
            let source_tokens = inline::tokens(pattern);
            let now = crate::ftl::pattern_text(pattern);
            // The old text is the marker's (sync records the new source in the state
            // when it writes one); without a marker, the state's.
            let label = if key.is_empty() {
                "value"
            } else {
                key.as_str()
            };
            let from_marker = li.and_then(|(l, li)| {
                let m = l.outdated_marker(li)?;
                let wanted = format!("{label} was: ");
                l.comment_lines(li)[..m.lines]
                    .iter()
                    .find_map(|line| line.trim_start().strip_prefix(wanted.as_str()))
                    .map(String::from)
            });
            let previous_source = from_marker
                .or_else(|| {
                    previous
                        .as_ref()
                        .and_then(|p| p.iter().find(|(k, _)| *k == key).map(|(_, t)| t.clone()))
                })
                .filter(|was| status == Status::Outdated && *was != now);
            if let Some(was) = &previous_source {
                notes.push((
                    "outdated",
                    format!(
                        "The source changed after this was translated.\nwas: {was}\nnow: {now}\ndiff: {}",
                        crate::sync::word_diff(was, &now)
                    ),
                ));
            }
            let target = target_patterns
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, t)| t.clone());
            out.push(Unit {
                id: format!("{id}{key}"),
                source: source_tokens,
                target,
                status,
                notes,
                reference: (source_path.to_string(), line),
                previous_source,
                from_memory: from_memory && target_patterns.iter().any(|(k, _)| *k == key),
            });
        }
    }
    out
}

/// A unit read from a CAT tool's file.
#[derive(Debug, Clone)]
pub struct InUnit {
    pub id: String,
    /// Line of the unit in the file, for messages.
    pub line: usize,
    /// The source text the file was made for, as the Fluent source of a pattern
    /// (`None`: the file has none). A unit is only imported against the same source.
    pub source: Option<String>,
    /// The target as the Fluent source of a pattern (`None`: no target), or why it cannot
    /// be used.
    pub target: Result<Option<String>, String>,
    /// The target's inline codes (placeholders, Markdown spans, select syntax) as the
    /// file spelled their data: each must be one carta writes for this message.
    pub codes: Vec<Tok>,
    /// Whether the file says the target is a draft (XLIFF `initial`/`needs-*`, PO `fuzzy`).
    pub draft: bool,
}

/// What a CAT tool's file holds.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
    pub units: Vec<InUnit>,
}

/// What happened to one unit on import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The translation was written.
    Imported,
    /// The file's text is the locale's already.
    Unchanged,
    /// An outdated translation confirmed as it is (the file marks it done).
    Confirmed,
    /// No target, or one the file marks as a draft: left alone.
    Skipped,
    /// Not imported, and why.
    Refused(String),
}

/// The Fluent source of one message or term entry, ending with `eol`.
pub(crate) fn entry_source(id: &str, parts: &[(String, String)], eol: &str) -> String {
    let mut out = String::from(id);
    out.push_str(" =");
    for (key, src) in parts {
        let indent = if key.is_empty() { "    " } else { "        " };
        if !key.is_empty() {
            out.push_str(eol);
            out.push_str("    ");
            out.push_str(key);
            out.push_str(" =");
        }
        out.push(' ');
        out.push_str(&src.replace('\n', &format!("{eol}{indent}")));
    }
    out.push_str(eol);
    out
}

/// The longest target one unit may have (a handout's longest paragraph is a few KB): a
/// longer one is refused, so no file can make every later import or sync huge.
pub const MAX_UNIT_BYTES: usize = 256 * 1024;

/// Parses the Fluent source of one pattern into tokens, or says why it is not Fluent.
pub fn parse_pattern(src: &str) -> Result<Vec<Tok>, String> {
    if src.len() > MAX_UNIT_BYTES {
        return Err(format!(
            "the target is {} KB; carta takes at most {} KB per unit",
            src.len() / 1024,
            MAX_UNIT_BYTES / 1024
        ));
    }
    if src.contains('\r') {
        return Err("the target has a carriage return; write line breaks as `\\n`".into());
    }
    let text = entry_source("x", &[(String::new(), src.to_string())], "\n");
    // fluent-syntax recurses per nesting level: refuse before it could overflow the stack.
    if crate::catalog::panicking_escape(&text).is_some() {
        return Err(
            "the target has a `\\u` escape without its hex digits before a non-ASCII character"
                .into(),
        );
    }
    if crate::catalog::too_deep(&text).is_some() {
        return Err(format!(
            "the target nests placeables more than {} levels deep",
            crate::catalog::MAX_NESTING
        ));
    }
    match fluent_syntax::parser::parse(text.as_str()) {
        Ok(r) if r.body.len() == 1 => match &r.body[0] {
            ast::Entry::Message(ast::Message {
                value: Some(v),
                attributes,
                ..
            }) if attributes.is_empty() => Ok(inline::tokens(v)),
            _ => Err("the target is not one Fluent pattern".into()),
        },
        Ok(_) => Err("the target is not one Fluent pattern".into()),
        Err((_, errors)) => Err(format!(
            "the target is not valid Fluent ({})",
            errors
                .first()
                .map(|e| e.kind.to_string())
                .unwrap_or_default()
        )),
    }
}

/// Why `target` cannot replace the translation of `source`, if it cannot: a placeable of
/// the source deleted, or one invented. A translation's own placeables (`{ -clinic }`)
/// are accepted when the current translation has them too.
pub fn placeholder_problem(
    source: &[Tok],
    current: Option<&[Tok]>,
    target: &[Tok],
) -> Option<String> {
    let select = inline::has_select(source)
        || inline::has_select(target)
        || current.is_some_and(inline::has_select);
    let norm = |t: &[Tok]| {
        let mut p: Vec<String> = inline::placeables(t)
            .into_iter()
            .map(String::from)
            .collect();
        if select {
            p.dedup();
        }
        p
    };
    let want = norm(source);
    let got = norm(target);
    if got == want || current.is_some_and(|c| norm(c) == got) {
        return None;
    }
    let count = |v: &[String], x: &String| v.iter().filter(|y| *y == x).count();
    let missing: Vec<&String> = {
        let mut m: Vec<&String> = want
            .iter()
            .filter(|x| count(&got, x) < count(&want, x))
            .collect();
        m.dedup();
        m
    };
    let invented: Vec<&String> = {
        let mut m: Vec<&String> = got
            .iter()
            .filter(|x| count(&got, x) > count(&want, x))
            .collect();
        m.dedup();
        m
    };
    let list = |v: &[&String]| {
        v.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut why = Vec::new();
    if !missing.is_empty() {
        why.push(format!(
            "placeholder {} of the source is missing or repeated too few times",
            list(&missing)
        ));
    }
    if !invented.is_empty() {
        why.push(format!(
            "placeholder {} is not in the source",
            list(&invented)
        ));
    }
    Some(why.join("; "))
}

/// Why a unit is refused whose source is not the project's current source text.
pub const SOURCE_CHANGED: &str = "the source changed since this file was exported: export again";

/// Why the target's inline codes cannot be used, if one is not a code carta writes for
/// this unit: a CAT tool shows a tag, not its data, so data the file changed (`{ $phone
/// } hidden text`, a link to another address) would reach the patient unseen. Allowed:
/// the codes of the source and of the current translation, and select syntax for the
/// locale's own variants (`[few]`) or on one of those placeables.
pub fn foreign_code(source: &[Tok], current: Option<&[Tok]>, codes: &[Tok]) -> Option<String> {
    let known = |t: &Tok| source.contains(t) || current.is_some_and(|c| c.contains(t));
    for code in codes {
        let ok = match code {
            Tok::Text(_) | Tok::Close => true,
            Tok::Ph(_) | Tok::Open(..) => known(code),
            Tok::Syn(d) => {
                known(code)
                    || d == "\n}"
                    || is_variant_key(d)
                    || d.strip_suffix(" ->")
                        .is_some_and(|head| known(&Tok::Ph(format!("{head} }}"))))
            }
        };
        if !ok {
            let data = match code {
                Tok::Ph(d) | Tok::Syn(d) => d.clone(),
                Tok::Open(s, e) => format!("{s}…{e}"),
                _ => String::new(),
            };
            return Some(format!(
                "a tag carta did not write (its data is `{}`): keep the tags of the source",
                data.escape_debug()
            ));
        }
    }
    None
}

/// Whether `d` is the syntax of one select variant, `\n[key] ` or `\n*[key] `.
fn is_variant_key(d: &str) -> bool {
    let Some(rest) = d.strip_prefix('\n') else {
        return false;
    };
    let rest = rest.strip_prefix('*').unwrap_or(rest);
    rest.strip_prefix('[')
        .and_then(|r| r.strip_suffix("] "))
        .is_some_and(|key| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        })
}

/// One locale file after an import.
pub struct Applied {
    pub text: String,
    pub outcomes: Vec<(String, Outcome)>,
}

/// Applies `units` (unit ID → unit, for messages of `source`) to a locale file: `locale`
/// (or `None` when the locale lacks the file) and its `state`, which is updated.
pub fn apply(
    source: &Catalog,
    locale: &Catalog,
    state: &mut State,
    units: &BTreeMap<String, &InUnit>,
) -> Applied {
    let eol = locale.eol;
    let mut outcomes = Vec::new();
    // (range to replace, replacement), in file order once sorted.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut appended = String::new();
    let templates: BTreeMap<&str, usize> = (0..locale.resource.body.len())
        .filter_map(|i| match locale.kind(i) {
            EntryKind::Template(id) => Some((id, i)),
            _ => None,
        })
        .collect();
    let obsolete_at = (0..locale.resource.body.len())
        .find(|&i| locale.kind(i) == EntryKind::ObsoleteHeader)
        .map(|i| locale.spans[i].start);
    let mut seen_ids = std::collections::HashSet::new();
    for si in 0..source.resource.body.len() {
        let Some(id) = source.entry_id(si) else {
            continue;
        };
        if !seen_ids.insert(id.to_string()) {
            continue;
        }
        let entry = &source.resource.body[si];
        let keys = source_keys(entry);
        let wanted: Vec<(String, &InUnit)> = keys
            .iter()
            .filter_map(|(k, _)| units.get(&format!("{id}{k}")).map(|u| (k.clone(), *u)))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let source_patterns = source.patterns(si);
        let li = locale.index.get(id.as_ref()).copied();
        let current: Vec<(String, &ast::Pattern<&str>)> = li
            .map(|li| entry_patterns(&locale.resource.body[li]))
            .unwrap_or_default();
        let outdated = li.is_some_and(|li| {
            crate::review::translated_status(locale, li, &id, &source_patterns, &*state).0
                == Status::Outdated
        });
        // Per key: the new pattern's Fluent source, if the unit changes it.
        let mut new_parts: BTreeMap<String, String> = BTreeMap::new();
        let mut touched = false;
        let mut results: Vec<(String, Outcome)> = Vec::new();
        for (key, unit) in &wanted {
            let uid = format!("{id}{key}");
            let src_pattern = keys.iter().find(|(k, _)| k == key).map(|(_, p)| *p);
            let Some(src_pattern) = src_pattern else {
                continue;
            };
            match &unit.target {
                Ok(None) => {
                    results.push((uid, Outcome::Skipped));
                    continue;
                }
                Ok(Some(t)) if t.trim().is_empty() => {
                    results.push((uid, Outcome::Skipped));
                    continue;
                }
                _ => {}
            }
            // A translation is of one source text: a file made for another (an old
            // export, a unit edited by hand) must neither write nor confirm anything.
            let src_tokens = inline::tokens(src_pattern);
            let cur = current
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, p)| inline::tokens(p));
            if let Some(why) = foreign_code(&src_tokens, cur.as_deref(), &unit.codes) {
                results.push((uid, Outcome::Refused(why)));
                continue;
            }
            if unit.source.as_deref() != Some(inline::plain_fluent(&src_tokens).as_str()) {
                results.push((uid, Outcome::Refused(SOURCE_CHANGED.into())));
                continue;
            }
            let target = match &unit.target {
                Err(why) => {
                    results.push((uid, Outcome::Refused(why.clone())));
                    continue;
                }
                Ok(None) => continue,
                Ok(Some(t)) => t,
            };
            let tokens = match parse_pattern(target) {
                Ok(t) => t,
                Err(why) => {
                    results.push((uid, Outcome::Refused(why)));
                    continue;
                }
            };
            let same = cur.as_ref() == Some(&tokens);
            if same {
                if outdated && !unit.draft {
                    touched = true;
                    results.push((uid, Outcome::Confirmed));
                } else {
                    results.push((uid, Outcome::Unchanged));
                }
                continue;
            }
            if unit.draft {
                results.push((uid, Outcome::Skipped));
                continue;
            }
            if let Some(why) = placeholder_problem(&src_tokens, cur.as_deref(), &tokens) {
                results.push((uid, Outcome::Refused(why)));
                continue;
            }
            match inline::to_fluent(&tokens) {
                Some(f) => {
                    new_parts.insert(key.clone(), f);
                    touched = true;
                    results.push((uid, Outcome::Imported));
                }
                None => results.push((uid, Outcome::Refused("unbalanced codes".into()))),
            }
        }
        if !touched {
            outcomes.extend(results);
            continue;
        }
        // An outdated message is current again only when every part of it is: one part
        // confirmed while another was refused or left a draft keeps the marker.
        if outdated {
            let open: Vec<String> = keys
                .iter()
                .map(|(k, _)| format!("{id}{k}"))
                .filter(|uid| {
                    !results.iter().any(|(u, o)| {
                        u == uid && matches!(o, Outcome::Imported | Outcome::Confirmed)
                    })
                })
                .collect();
            if !open.is_empty() {
                let why = format!(
                    "the message is outdated and `{}` is not translated or confirmed in this file: do every part of it together",
                    open.join("`, `")
                );
                outcomes.extend(results.into_iter().map(|(u, o)| match o {
                    Outcome::Imported | Outcome::Confirmed => (u, Outcome::Refused(why.clone())),
                    o => (u, o),
                }));
                continue;
            }
        }
        // The message as it will be: source keys in source order, then the locale's own.
        let mut parts: Vec<(String, String)> = Vec::new();
        let mut missing_keys = Vec::new();
        for (key, _) in &keys {
            if let Some(f) = new_parts.get(key) {
                parts.push((key.clone(), f.clone()));
            } else if let Some((_, p)) = current.iter().find(|(k, _)| k == key) {
                parts.push((
                    key.clone(),
                    inline::to_fluent(&inline::tokens(p)).unwrap_or_default(),
                ));
            } else {
                missing_keys.push(if key.is_empty() {
                    "the value".to_string()
                } else {
                    format!("`{key}`")
                });
            }
        }
        for (key, p) in &current {
            if !keys.iter().any(|(k, _)| k == key) {
                parts.push((
                    key.clone(),
                    inline::to_fluent(&inline::tokens(p)).unwrap_or_default(),
                ));
            }
        }
        if !missing_keys.is_empty() {
            let why = format!(
                "a new translation needs every part of the message: {} has no target",
                missing_keys.join(", ")
            );
            outcomes.extend(results.into_iter().map(|(u, o)| match o {
                Outcome::Imported | Outcome::Confirmed => (u, Outcome::Refused(why.clone())),
                o => (u, o),
            }));
            continue;
        }
        let new_entry = entry_source(&id, &parts, eol);
        let parsed = Catalog::parse(&new_entry);
        if !parsed.errors.is_empty()
            || parsed.resource.body.len() != 1
            || parsed.entry_id(0).as_deref() != Some(id.as_ref())
        {
            let why = "the translation does not make a valid Fluent message".to_string();
            outcomes.extend(results.into_iter().map(|(u, o)| match o {
                Outcome::Imported | Outcome::Confirmed => (u, Outcome::Refused(why.clone())),
                o => (u, o),
            }));
            continue;
        }
        match li {
            Some(li) => {
                let span = &locale.spans[li];
                let comment = &locale.text[span.start..span.body_start];
                // An outdated marker is sync's; it goes once the translation is current.
                let skip = locale.outdated_marker(li).map_or(0, |m| m.lines);
                let kept: String = comment.split_inclusive('\n').skip(skip).collect();
                edits.push((span.start..span.end, format!("{kept}{new_entry}")));
            }
            None => {
                let owner = templates.get(id.as_ref()).map(|&ti| {
                    (
                        ti,
                        crate::sync::template_owner(
                            locale,
                            ti,
                            &id,
                            Some(&source_patterns),
                            &*state,
                        ),
                    )
                });
                match owner {
                    Some((_, crate::sync::TemplateOwner::Translator)) => {
                        let why = "the `# TODO` template of this message was edited by hand in the locale file; finish that translation there".to_string();
                        outcomes.extend(results.into_iter().map(|(u, o)| match o {
                            Outcome::Imported | Outcome::Confirmed => {
                                (u, Outcome::Refused(why.clone()))
                            }
                            o => (u, o),
                        }));
                        continue;
                    }
                    Some((ti, _)) => {
                        let span = &locale.spans[ti];
                        edits.push((span.start..span.end, new_entry));
                    }
                    None => match obsolete_at {
                        Some(at) => edits.push((at..at, format!("{new_entry}{eol}"))),
                        None => {
                            appended.push_str(eol);
                            appended.push_str(&new_entry);
                        }
                    },
                }
            }
        }
        state.seen.insert(id.to_string(), source_patterns);
        outcomes.extend(results);
    }
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut text = String::with_capacity(locale.text.len() + appended.len());
    let mut at = 0;
    for (range, replacement) in edits {
        text.push_str(&locale.text[at..range.start]);
        text.push_str(&replacement);
        at = range.end;
    }
    text.push_str(&locale.text[at..]);
    if !appended.is_empty() {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push_str(eol);
        }
        text.push_str(&appended);
    }
    Applied { text, outcomes }
}

/// Escapes text for a double-quoted XML attribute: as [`xml_escape`], and tabs and line
/// feeds as character references, which a reader's attribute-value normalization would
/// otherwise turn into spaces (a `tuid` with a line break came back changed).
pub fn xml_attr_escape(s: &str) -> Result<String, char> {
    Ok(xml_escape(s)?.replace('\n', "&#10;").replace('\t', "&#9;"))
}

/// Escapes text for XML content or a double-quoted attribute. `None` names a character
/// XML 1.0 cannot hold at all.
pub fn xml_escape(s: &str) -> Result<String, char> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => return Err(c),
            c => out.push(c),
        }
    }
    Ok(out)
}
