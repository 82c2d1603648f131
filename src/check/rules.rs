//! The checks themselves: one locale file against its source file. Each function adds
//! [`Diagnostic`]s and coverage counts; none does I/O.

use std::collections::{BTreeSet, HashMap, HashSet};

use rustc_hash::FxHashSet;
use std::path::Path;

use fluent_syntax::ast;

use super::coverage::{count_words, Coverage};
use super::glossary::Glossary;
use super::{Code, Diagnostic};
use crate::catalog::{text_hash, Catalog, EntryKind};
use crate::locale::Tag;
use crate::state::StateView;

/// What every file of one locale is checked with.
pub struct Context<'a> {
    pub tag: &'a Tag,
    /// The locale has the source's language (`en-GB` for `en-US`): identical text is fine.
    pub same_language: bool,
    pub source_ids: &'a FxHashSet<String>,
    /// IDs the locale defines, in any of its files (for references) → the file of the
    /// first definition, as shown to the user.
    pub locale_ids: &'a rustc_hash::FxHashMap<&'a str, &'a Path>,
    /// IDs translated by a (non-source) locale of the fallback chain.
    pub fallback_ids: &'a FxHashSet<String>,
    /// The locale's own terms and helper messages its translations use, in any of its
    /// files (see [`crate::catalog::private_across`]).
    pub private: &'a FxHashSet<String>,
    pub glossary: Option<&'a Glossary>,
    pub allow_identical: &'a [String],
    pub plural_categories: &'a [&'static str],
}

impl Context<'_> {
    pub(crate) fn diag(
        &self,
        code: Code,
        path: &Path,
        offset: usize,
        id: Option<&str>,
        message: String,
    ) -> Diagnostic {
        Diagnostic::new(
            code,
            self.tag.as_str(),
            path.to_path_buf(),
            offset,
            id,
            message,
        )
    }
}

/// How a diagnostic names a pattern: `` `id` `` or `` `id.attr` ``, formatted only when a
/// diagnostic is actually written.
struct Label<'a> {
    id: &'a str,
    key: &'a str,
}

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}{}`", self.id, self.key)
    }
}

/// What the checks need of one source message, computed once and shared by every
/// locale (so 100 locales do not recompute the source's text, words and numbers).
pub struct SourceMessage {
    pub id: String,
    pub entry: usize,
    /// `("", value)` and `(".attr", text)` as sync records them.
    pub patterns: crate::state::Patterns,
    /// Per pattern, in the same order: the literal text and what the text checks compare.
    derived: Vec<Derived>,
    pub words: usize,
    pub vars: BTreeSet<String>,
}

struct Derived {
    plain: String,
    numbers: Vec<String>,
    md: MarkdownShape,
    structures: Vec<crate::safe_markdown::Structure>,
}

/// The facts of every message and term of one source file.
pub struct SourceFacts {
    pub messages: Vec<SourceMessage>,
    /// The source file as shown to users (`locales/en-US/x.ftl`), where a missing
    /// translation points (empty when checking texts in memory).
    pub shown: std::path::PathBuf,
}

impl SourceFacts {
    pub fn new(source: &Catalog) -> SourceFacts {
        let mut messages = Vec::new();
        for i in 0..source.resource.body.len() {
            let Some(id) = source.entry_id(i) else {
                continue;
            };
            if source.index.get(id.as_ref()) != Some(&i) {
                continue;
            }
            let patterns = source.patterns(i);
            let words = patterns.iter().map(|(_, t)| count_words(t)).sum();
            let mut vars = Vec::new();
            let mut derived = Vec::new();
            for p in entry_patterns(&source.resource.body[i]) {
                collect_vars(p, &mut vars);
                let plain = plain_text(p);
                derived.push(Derived {
                    numbers: numbers(&plain).into_iter().map(str::to_string).collect(),
                    md: markdown_shape(&plain),
                    structures: crate::safe_markdown::structures(&plain),
                    plain: plain.into_owned(),
                });
            }
            messages.push(SourceMessage {
                id: id.into_owned(),
                entry: i,
                patterns,
                derived,
                words,
                vars: vars.into_iter().map(str::to_string).collect(),
            });
        }
        SourceFacts {
            messages,
            shown: std::path::PathBuf::new(),
        }
    }
}

/// How many syntax errors of one file are reported one by one.
pub const MAX_SYNTAX_ERRORS: usize = 100;

/// Checks one locale file (`None`: the file is missing) against its source file.
#[allow(clippy::too_many_arguments)]
pub fn check_file(
    ctx: &Context,
    source: &Catalog,
    facts: &SourceFacts,
    locale: Option<&Catalog>,
    state: &StateView,
    path: &Path,
    cov: &mut Coverage,
    out: &mut Vec<Diagnostic>,
) {
    let Some(locale) = locale else {
        out.push(ctx.diag(
            Code::MissingFile,
            path,
            0,
            None,
            format!(
                "the file is missing: {} messages of the source have no translation here",
                facts.messages.len()
            ),
        ));
        for m in &facts.messages {
            cov.total += 1;
            let words = m.words;
            cov.words_total += words;
            if ctx.fallback_ids.contains(&m.id) {
                cov.translated += 1;
                cov.via_fallback += 1;
                cov.words_translated += words;
            } else {
                cov.missing += 1;
            }
        }
        return;
    };

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

    // Duplicates and obsolete messages. The locale's own terms and helper messages, used
    // by its translations, are not obsolete.
    let private = ctx.private;
    let mut templates: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for i in 0..locale.resource.body.len() {
        match locale.kind(i) {
            EntryKind::Template(id) => {
                templates.entry(id).or_insert(i);
            }
            EntryKind::Message(_) | EntryKind::Term(_) => {
                let id = locale.entry_id(i).unwrap_or_default();
                if locale.index.get(id.as_ref()) != Some(&i) {
                    out.push(ctx.diag(
                        Code::DuplicateId,
                        path,
                        locale.id_offset(i),
                        Some(&id),
                        format!(
                            "`{id}` is defined more than once; runtimes use only one definition"
                        ),
                    ));
                } else if !ctx.source_ids.contains(id.as_ref()) && !private.contains(id.as_ref()) {
                    cov.obsolete += 1;
                    // A translated or mistyped ID looks like one of the file's missing
                    // messages: say so instead of advising to prune the translation.
                    let is_missing = |m: &&SourceMessage| {
                        !locale.index.contains_key(m.id.as_str())
                            && !ctx.fallback_ids.contains(&m.id)
                    };
                    // The missing message that belongs where this entry sits (after the
                    // source message before it), else one with a similar ID.
                    let before = (0..i).rev().find_map(|j| {
                        let prev = locale.entry_id(j)?;
                        facts.messages.iter().position(|m| m.id == prev.as_ref())
                    });
                    let in_place = facts.messages[before.map_or(0, |b| b + 1)..]
                        .iter()
                        .take_while(|m| !locale.index.contains_key(m.id.as_str()) || is_missing(m))
                        .find(is_missing)
                        .map(|m| &m.id);
                    let guess = in_place.map(|like| (1.0, like)).or_else(|| {
                        facts
                            .messages
                            .iter()
                            .filter(is_missing)
                            .map(|m| (strsim::normalized_damerau_levenshtein(&id, &m.id), &m.id))
                            .filter(|(score, _)| *score >= 0.5)
                            .max_by(|a, b| a.0.total_cmp(&b.0))
                    });
                    let message = match guess {
                        Some((_, like)) => format!("`{id}` is not a message of the source; did you mean `{like}`? Translations are found by their ID: keep the source's ID and translate only the text after `=`"),
                        None => format!("`{id}` is no longer in the source; reuse the text elsewhere or delete it (`carta sync --prune`)"),
                    };
                    out.push(ctx.diag(
                        Code::Obsolete,
                        path,
                        locale.id_offset(i),
                        Some(&id),
                        message,
                    ));
                }
            }
            _ => {}
        }
    }

    // Every source message: missing, outdated, or checked against its translation.
    let mut unreviewed = 0usize;
    for (n, m) in facts.messages.iter().enumerate() {
        let (id, si) = (&m.id, &m.entry);
        cov.total += 1;
        let words = m.words;
        cov.words_total += words;
        let Some(&li) = locale.index.get(id.as_str()) else {
            if ctx.fallback_ids.contains(id) {
                cov.translated += 1;
                cov.via_fallback += 1;
                cov.words_translated += words;
            } else {
                cov.missing += 1;
                let offset = templates
                    .get(id.as_str())
                    .map_or(0, |&t| locale.spans[t].start);
                // A translation in another file of the locale is not used: the source
                // has the message here (sync keeps the stray copy where it is, never
                // pruned, and build falls back instead).
                let edited = templates.get(id.as_str()).is_some_and(|&t| {
                    crate::sync::template_owner(locale, t, id, Some(&m.patterns), state)
                        == crate::sync::TemplateOwner::Translator
                });
                let message = match ctx.locale_ids.get(id.as_str()) {
                    _ if edited => format!(
                        "`{id}` is still commented out (its `# TODO` template was edited, so it may hold a translation or a note): remove `# TODO ` and the `# ` of the lines below it to use the translation"
                    ),
                    Some(elsewhere) => format!(
                        "`{id}` is not translated in this file; the translation in `{}` is not used, because the source has the message here: move it to this file",
                        elsewhere.display()
                    ),
                    None if templates.contains_key(id.as_str()) => {
                        format!("`{id}` is not translated yet")
                    }
                    // No template either: point at the source's message and say where the
                    // translation goes (sync puts a template there).
                    None => {
                        let after = facts.messages[..n]
                            .iter()
                            .rev()
                            .find(|p| locale.index.contains_key(p.id.as_str()))
                            .map_or("at the start".to_string(), |p| format!("after `{}`", p.id));
                        format!(
                            "`{id}` is not translated yet: add it to `{}` {after} (`carta sync` puts a template there)",
                            path.display()
                        )
                    }
                };
                let at_source = !templates.contains_key(id.as_str())
                    && !edited
                    && !facts.shown.as_os_str().is_empty()
                    && !ctx.locale_ids.contains_key(id.as_str());
                if at_source {
                    let offset = source.id_offset(m.entry);
                    out.push(ctx.diag(Code::Missing, &facts.shown, offset, Some(id), message));
                } else {
                    out.push(ctx.diag(Code::Missing, path, offset, Some(id), message));
                }
            }
            continue;
        };
        cov.translated += 1;
        cov.words_translated += words;
        let offset = locale.id_offset(li);
        // Outdated: sync's marker (until the translation is edited), or a source change
        // sync has not seen yet.
        let current = &m.patterns;
        // A marker means outdated until the translator deletes it, edited or not.
        let marker = locale.outdated_marker(li);
        let marked = marker.is_some();
        let edited = marker.is_some_and(|m| m.hash != text_hash(&locale.body_text(li)));
        let unsynced = state.changed(id, current);
        if !(marked || unsynced) {
            let signed = crate::state::Seen::review(state, id).is_some_and(|r| {
                crate::review::Record::parse(&r)
                    .is_some_and(|r| r.holds_for(current, &locale.body_text(li)))
            });
            if signed {
                cov.reviewed += 1;
            } else {
                unreviewed += 1;
            }
        }
        if marked || unsynced {
            cov.outdated += 1;
            let why = if edited {
                "the translation was edited since the source changed (see the marker above it): if it now says what the new source says, delete the marker lines"
            } else if marked {
                "the source changed after this was translated (see the marker above it): update the translation, then delete the marker lines"
            } else {
                "the source changed since the last `carta sync`"
            };
            out.push(ctx.diag(
                Code::Outdated,
                path,
                offset,
                Some(id),
                format!("`{id}` is outdated: {why}"),
            ));
        }
        check_pair(
            ctx,
            m,
            &source.resource.body[*si],
            &locale.resource.body[li],
            locale,
            path,
            offset,
            out,
        );
    }
    super::memory::check(ctx, locale, path, out);
    // One note per file, not per message: a new locale has every message unreviewed.
    if unreviewed > 0 {
        out.push(ctx.diag(
            Code::Unreviewed,
            path,
            0,
            None,
            format!(
                "{unreviewed} translation(s) in this file await review by a second person; `carta review --locale {}` lists them",
                ctx.tag
            ),
        ));
    }
}

/// The parts of a message or term that the checks compare.
struct Parts<'e, 's> {
    value: Option<&'e ast::Pattern<&'s str>>,
    attributes: &'e [ast::Attribute<&'s str>],
}

fn parts<'e, 's>(entry: &'e ast::Entry<&'s str>) -> Option<Parts<'e, 's>> {
    match entry {
        ast::Entry::Message(m) => Some(Parts {
            value: m.value.as_ref(),
            attributes: &m.attributes,
        }),
        ast::Entry::Term(t) => Some(Parts {
            value: Some(&t.value),
            attributes: &t.attributes,
        }),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn check_pair(
    ctx: &Context,
    msg: &SourceMessage,
    source: &ast::Entry<&str>,
    translation: &ast::Entry<&str>,
    locale: &Catalog,
    path: &Path,
    offset: usize,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(s), Some(t)) = (parts(source), parts(translation)) else {
        return;
    };
    let id = msg.id.as_str();
    let base = locale.text.as_ptr() as usize;
    let offset_of = |name: &str| {
        let p = name.as_ptr() as usize;
        if p >= base && p < base + locale.text.len() {
            p - base
        } else {
            offset
        }
    };
    let d = |code, off, msg: String| ctx.diag(code, path, off, Some(id), msg);

    match (s.value.is_some(), t.value.is_some()) {
        (true, false) => out.push(d(
            Code::ValueShape,
            offset,
            format!("`{id}` has no value, but the source has one"),
        )),
        (false, true) => out.push(d(
            Code::ValueShape,
            offset,
            format!("`{id}` has a value, but the source has none (only attributes)"),
        )),
        _ => {}
    }
    // A term's attributes are the locale's own grammar (`.gender`), and its variables
    // are parameters from its call sites (`-brand(case: "gen")`), not app variables.
    let is_term = matches!(translation, ast::Entry::Term(_));
    let s_attrs: Vec<&str> = if is_term {
        Vec::new()
    } else {
        s.attributes.iter().map(|a| a.id.name).collect()
    };
    for a in t.attributes.iter().filter(|_| !is_term) {
        if !s_attrs.contains(&a.id.name) {
            out.push(d(
                Code::Attributes,
                offset_of(a.id.name),
                format!(
                    "`{id}` has an attribute `.{}` the source does not have",
                    a.id.name
                ),
            ));
        }
    }
    let t_attrs: Vec<&str> = t.attributes.iter().map(|a| a.id.name).collect();
    for name in s_attrs.iter().filter(|_| !is_term) {
        if !t_attrs.contains(name) {
            out.push(d(
                Code::Attributes,
                offset,
                format!("`{id}` lacks the attribute `.{name}` of the source: add a line `    .{name} = …` (indented) under `{id}` with its translation"),
            ));
        }
    }

    // Pattern by pattern (value, then attributes present on both sides).
    // (key, the source pattern's derived facts, the translation's pattern); facts are in
    // the source's pattern order: the value (if any), then the attributes.
    let mut pairs: Vec<(&str, &Derived, &ast::Pattern<&str>)> = Vec::new();
    let offset_attr = usize::from(s.value.is_some());
    if let (Some(_), Some(tv)) = (s.value, t.value) {
        pairs.push(("", &msg.derived[0], tv));
    }
    // A term's attributes are not among its patterns (they are not text): a translated
    // term with attributes indexed past them and panicked.
    for (k, sa) in s.attributes.iter().enumerate() {
        let (Some(p), Some(facts)) = (
            msg.patterns.get(offset_attr + k),
            msg.derived.get(offset_attr + k),
        ) else {
            continue;
        };
        if let Some(ta) = t.attributes.iter().find(|a| a.id.name == sa.id.name) {
            pairs.push((p.0.as_str(), facts, &ta.value));
        }
    }
    let s_vars_all = &msg.vars;
    // References the source message makes itself: if one exists nowhere (the app provides
    // it at run time, or the source has a bug), that is the source's to fix, not the
    // translator's (the source lint reports it once).
    let mut source_refs: Vec<(&str, bool)> = Vec::new();
    for p in s
        .value
        .into_iter()
        .chain(s.attributes.iter().map(|a| &a.value))
    {
        collect_refs(p, &mut source_refs);
    }
    let mut t_vars_all: Vec<&str> = Vec::new();
    let mut s_text_all = String::new();
    let mut t_text_all = String::new();

    for (key, sp, tp) in &pairs {
        let label = Label { id, key };
        let mut t_vars = Vec::new();
        collect_vars(tp, &mut t_vars);
        let mut reported: Vec<&str> = Vec::new();
        for v in &t_vars {
            t_vars_all.push(v);
            if !is_term && !s_vars_all.contains(*v) && !reported.contains(v) {
                reported.push(v);
                out.push(d(Code::UnknownVariable, offset_of(v), format!("{label} uses `${v}`, which the source never uses; the app will not pass it")));
            }
        }
        let mut refs = Vec::new();
        collect_refs(tp, &mut refs);
        for (r, is_term) in refs {
            let full = reference_id(r, is_term);
            if !ctx.locale_ids.contains_key(full.as_str())
                && !ctx.source_ids.contains(full.as_str())
                && !source_refs.contains(&(r, is_term))
            {
                let what = if is_term { "term" } else { "message" };
                out.push(d(Code::UnknownReference, offset_of(r), format!("{label} refers to the {what} `{full}`, which exists neither in this locale nor in the source")));
            }
        }
        let t_text = plain_text(tp);
        check_text(ctx, &label, sp, &t_text, offset, &d, out);
        check_plurals(ctx, &label, tp, offset, &d, out);
        if ctx.glossary.is_some() {
            s_text_all.push_str(&sp.plain);
            s_text_all.push('\n');
            t_text_all.push_str(&t_text);
            t_text_all.push('\n');
        }
    }
    for v in s_vars_all
        .iter()
        .filter(|v| !is_term && !t_vars_all.contains(&v.as_str()))
    {
        out.push(d(
            Code::DroppedVariable,
            offset,
            format!("`{id}` does not use `${v}` of the source"),
        ));
    }
    if let Some(glossary) = ctx.glossary {
        for (term, targets) in glossary.unmet(&s_text_all, &t_text_all) {
            let wanted = targets
                .iter()
                .map(|t| format!("“{t}”"))
                .collect::<Vec<_>>()
                .join(" or ");
            out.push(d(
                Code::Glossary,
                offset,
                format!("`{id}`: the source says “{term}”; the glossary asks for {wanted}"),
            ));
        }
    }
}

fn check_text(
    ctx: &Context,
    label: &Label,
    source: &Derived,
    t: &str,
    offset: usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let s = source.plain.as_str();
    if !ctx.same_language
        && super::invisible::without_invisible(s) == super::invisible::without_invisible(t)
        && s.chars().any(char::is_alphabetic)
        && !ctx
            .allow_identical
            .iter()
            .any(|a| a.eq_ignore_ascii_case(s.trim()))
    {
        out.push(d(Code::Identical, offset, format!("{label} is identical to the source text (add it to `check.allow-identical` in carta.toml if that is intended)")));
    }
    let t_digits = if source.numbers.is_empty() {
        std::borrow::Cow::Borrowed("")
    } else {
        normalize_digits(t)
    };
    let t_numbers = numbers(&t_digits);
    let mut missing_numbers: Vec<&String> = source
        .numbers
        .iter()
        .filter(|n| !t_numbers.contains(&n.as_str()))
        .collect();
    missing_numbers.dedup();
    for n in missing_numbers {
        out.push(d(
            Code::Numbers,
            offset,
            format!("{label}: the number {n} of the source is missing from the translation"),
        ));
    }
    let (s_md, t_md) = (&source.md, markdown_shape(t));
    for link in s_md.links.difference(&t_md.links) {
        out.push(d(
            Code::Markdown,
            offset,
            format!("{label}: the link target `{link}` of the source is missing"),
        ));
    }
    for link in t_md.links.difference(&s_md.links) {
        out.push(d(
            Code::Markdown,
            offset,
            format!("{label}: the link target `{link}` is not in the source"),
        ));
    }
    for (what, a, b) in [
        ("strong emphasis", s_md.strong, t_md.strong),
        ("emphasis", s_md.emphasis, t_md.emphasis),
        ("code spans", s_md.code, t_md.code),
    ] {
        if a != b {
            out.push(d(
                Code::Markdown,
                offset,
                format!("{label}: the source has {a} {what}, the translation {b}"),
            ));
        }
    }
    super::structure::check(label, &source.structures, t, offset, d, out);
    super::invisible::check(label, ctx.tag.is_rtl(), s, t, offset, d, out);
    check_punctuation(ctx, label, t, offset, d, out);
}

fn check_punctuation(
    ctx: &Context,
    label: &Label,
    t: &str,
    offset: usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let lang = ctx.tag.langid().language.as_str();
    let count = |c: char| t.chars().filter(|&x| x == c).count();
    match lang {
        "es" | "gl" | "ast" => {
            if count('?') > count('¿') {
                out.push(d(
                    Code::Punctuation,
                    offset,
                    format!("{label}: a Spanish question needs an opening `¿`"),
                ));
            }
            if count('!') > count('¡') {
                out.push(d(
                    Code::Punctuation,
                    offset,
                    format!("{label}: a Spanish exclamation needs an opening `¡`"),
                ));
            }
        }
        "ar" | "fa" | "ur" if t.contains('?') => {
            out.push(d(
                Code::Punctuation,
                offset,
                format!("{label}: use the Arabic question mark `؟`, not `?`"),
            ));
        }
        "zh" | "ja" => {
            let chars: Vec<char> = t.chars().collect();
            for w in chars.windows(2) {
                if super::coverage::count_words(&w[0].to_string()) == 1
                    && !w[0].is_ascii()
                    && matches!(w[1], ',' | '?' | '!' | ':' | ';')
                {
                    out.push(d(Code::Punctuation, offset, format!("{label}: use full-width punctuation (`，？！：；`) after {} text, not `{}`", if lang == "zh" { "Chinese" } else { "Japanese" }, w[1])));
                    break;
                }
            }
        }
        "fr" => {
            let chars: Vec<char> = t.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                if !matches!(c, ':' | ';' | '?' | '!') || i == 0 {
                    continue;
                }
                let before = chars[i - 1];
                let url = c == ':' && chars.get(i + 1) == Some(&'/');
                let time = c == ':' && before.is_ascii_digit();
                if !url && !time && before != '\u{00A0}' && before != '\u{202F}' {
                    out.push(d(Code::FrenchSpacing, offset, format!("{label}: French typography puts a no-break space (U+00A0 or U+202F) before `{c}`")));
                    break;
                }
            }
        }
        _ => {}
    }
}

fn check_plurals(
    ctx: &Context,
    label: &Label,
    p: &ast::Pattern<&str>,
    offset: usize,
    d: &dyn Fn(Code, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    const CLDR: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
    if ctx.plural_categories.is_empty() {
        return;
    }
    let mut selects = Vec::new();
    collect_selects(p, &mut selects);
    for variants in selects {
        let keys: HashSet<&str> = variants
            .iter()
            .filter_map(|v| match &v.key {
                ast::VariantKey::Identifier { name } => Some(*name),
                ast::VariantKey::NumberLiteral { .. } => None,
            })
            .collect();
        // `*[other]` alone is also how gender and other string selects end: a plural
        // select is one with another CLDR category among its keys.
        if !keys.iter().any(|k| CLDR.contains(k) && *k != "other") {
            continue;
        }
        let missing: Vec<&str> = ctx
            .plural_categories
            .iter()
            .copied()
            .filter(|c| !keys.contains(c))
            .collect();
        if !missing.is_empty() {
            out.push(d(
                Code::PluralCategories,
                offset,
                format!(
                    "{label}: the plural select lacks `[{}]` for {}",
                    missing.join("], ["),
                    ctx.tag
                ),
            ));
        }
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
    format!("{kind}{hint}")
}

/// The CLDR cardinal categories a locale uses, found by asking its rules about samples.
pub fn plural_categories(tag: &Tag) -> Vec<&'static str> {
    plural_samples(tag).into_iter().map(|(c, _)| c).collect()
}

/// Each CLDR cardinal category of the locale with the first number that selects it
/// (integers first, then decimals), in CLDR order.
pub fn plural_samples(tag: &Tag) -> Vec<(&'static str, f64)> {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    let Ok(rules) = PluralRules::create(tag.langid().clone(), PluralRuleType::CARDINAL) else {
        return Vec::new();
    };
    let mut found: std::collections::BTreeMap<usize, f64> = std::collections::BTreeMap::new();
    let samples = (0..=200u64).map(|n| n.to_string()).chain(
        ["1000000", "0.5", "1.5", "2.5", "1.0", "10.0"]
            .iter()
            .map(|s| s.to_string()),
    );
    for s in samples {
        if let Ok(c) = rules.select(s.as_str()) {
            let index = match c {
                PluralCategory::ZERO => 0,
                PluralCategory::ONE => 1,
                PluralCategory::TWO => 2,
                PluralCategory::FEW => 3,
                PluralCategory::MANY => 4,
                PluralCategory::OTHER => 5,
            };
            found
                .entry(index)
                .or_insert_with(|| s.parse().unwrap_or(0.0));
        }
    }
    const NAMES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
    found.into_iter().map(|(i, n)| (NAMES[i], n)).collect()
}

/// Every `$variable` in a pattern, in select variants and call arguments too.
pub fn collect_vars<'s>(p: &ast::Pattern<&'s str>, out: &mut Vec<&'s str>) {
    walk_pattern(p, &mut |e| {
        if let ast::InlineExpression::VariableReference { id } = e {
            out.push(id.name);
        }
    });
}

/// The catalog ID of a reference: terms carry their `-`.
fn reference_id(name: &str, is_term: bool) -> String {
    if is_term {
        format!("-{name}")
    } else {
        name.to_string()
    }
}

fn collect_refs<'s>(p: &ast::Pattern<&'s str>, out: &mut Vec<(&'s str, bool)>) {
    walk_pattern(p, &mut |e| match e {
        ast::InlineExpression::MessageReference { id, .. } => out.push((id.name, false)),
        ast::InlineExpression::TermReference { id, .. } => out.push((id.name, true)),
        _ => {}
    });
}

fn collect_selects<'e, 's>(
    p: &'e ast::Pattern<&'s str>,
    out: &mut Vec<&'e [ast::Variant<&'s str>]>,
) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            collect_selects_expr(expression, out);
        }
    }
}

fn collect_selects_expr<'e, 's>(
    e: &'e ast::Expression<&'s str>,
    out: &mut Vec<&'e [ast::Variant<&'s str>]>,
) {
    if let ast::Expression::Select { variants, .. } = e {
        out.push(variants);
        for v in variants {
            collect_selects(&v.value, out);
        }
    }
}

pub(crate) fn walk_pattern<'s>(
    p: &ast::Pattern<&'s str>,
    f: &mut dyn FnMut(&ast::InlineExpression<&'s str>),
) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            walk_expression(expression, f);
        }
    }
}

fn walk_expression<'s>(
    e: &ast::Expression<&'s str>,
    f: &mut dyn FnMut(&ast::InlineExpression<&'s str>),
) {
    match e {
        ast::Expression::Inline(i) => walk_inline(i, f),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, f);
            for v in variants {
                walk_pattern(&v.value, f);
            }
        }
    }
}

fn walk_inline<'s>(
    i: &ast::InlineExpression<&'s str>,
    f: &mut dyn FnMut(&ast::InlineExpression<&'s str>),
) {
    f(i);
    match i {
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, f);
            }
            for a in &arguments.named {
                walk_inline(&a.value, f);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, f),
        _ => {}
    }
}

/// The literal text of a pattern, all select variants included (for text checks).
/// Borrowed when the pattern is one piece of text, as most are.
pub fn plain_text<'s>(p: &ast::Pattern<&'s str>) -> std::borrow::Cow<'s, str> {
    if let [ast::PatternElement::TextElement { value }] = p.elements.as_slice() {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::new();
    push_text(p, &mut out);
    std::borrow::Cow::Owned(out)
}

fn push_text(p: &ast::Pattern<&str>, out: &mut String) {
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression } => push_expr_text(expression, out),
        }
    }
}

fn push_expr_text(e: &ast::Expression<&str>, out: &mut String) {
    match e {
        ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
            out.push_str(&crate::ftl::unescape_literal(value))
        }
        // A number written as a literal placeable (`{ 10 }`) is shown as that number.
        ast::Expression::Inline(ast::InlineExpression::NumberLiteral { value }) => {
            out.push_str(value)
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            push_expr_text(expression, out)
        }
        ast::Expression::Inline(_) => out.push(' '),
        ast::Expression::Select { variants, .. } => {
            for v in variants {
                out.push(' ');
                push_text(&v.value, out);
            }
        }
    }
}

fn normalize_digits(s: &str) -> std::borrow::Cow<'_, str> {
    // Only Arabic-Indic and full-width digits need mapping; most text has none.
    if !s
        .contains(|c: char| matches!(c as u32, 0x0660..=0x0669 | 0x06F0..=0x06F9 | 0xFF10..=0xFF19))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c as u32 {
            0x0660..=0x0669 => char::from(b'0' + (c as u32 - 0x0660) as u8),
            0x06F0..=0x06F9 => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            0xFF10..=0xFF19 => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// The runs of ASCII digits in `s` (bytes: a UTF-8 continuation byte is never a digit).
fn numbers(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            out.push(&s[start..i]);
        } else {
            i += 1;
        }
    }
    out
}

#[derive(Default)]
struct MarkdownShape {
    links: BTreeSet<String>,
    strong: usize,
    emphasis: usize,
    code: usize,
}

fn markdown_shape(text: &str) -> MarkdownShape {
    use pulldown_cmark::{Event, Parser, Tag as MdTag};
    let mut shape = MarkdownShape::default();
    if !text
        .bytes()
        .any(|b| matches!(b, b'*' | b'_' | b'[' | b'`' | b'<'))
    {
        return shape;
    }
    for event in Parser::new(text) {
        match event {
            Event::Start(MdTag::Link { dest_url, .. })
            | Event::Start(MdTag::Image { dest_url, .. }) => {
                shape.links.insert(dest_url.to_string());
            }
            Event::Start(MdTag::Strong) => shape.strong += 1,
            Event::Start(MdTag::Emphasis) => shape.emphasis += 1,
            Event::Code(_) => shape.code += 1,
            _ => {}
        }
    }
    shape
}

/// Whether an entry has a placeable that is not a string or number literal (only those
/// can fail to format).
fn has_dynamic_placeable(entry: &ast::Entry<&str>) -> bool {
    entry_patterns(entry).iter().any(|p| {
        p.elements.iter().any(|e| {
            matches!(e, ast::PatternElement::Placeable { expression }
                if !matches!(expression, ast::Expression::Inline(ast::InlineExpression::StringLiteral { .. } | ast::InlineExpression::NumberLiteral { .. })))
        })
    })
}

/// Functions Fluent runtimes provide: fluent-rs has `NUMBER`, @fluent/bundle also
/// `DATETIME`.
const KNOWN_FUNCTIONS: &[&str] = &["NUMBER", "DATETIME"];

fn entry_patterns<'e, 's>(entry: &'e ast::Entry<&'s str>) -> Vec<&'e ast::Pattern<&'s str>> {
    match entry {
        ast::Entry::Message(m) => m
            .value
            .iter()
            .chain(m.attributes.iter().map(|a| &a.value))
            .collect(),
        ast::Entry::Term(t) => std::iter::once(&t.value)
            .chain(t.attributes.iter().map(|a| &a.value))
            .collect(),
        _ => Vec::new(),
    }
}

fn select_in_entry(entry: &ast::Entry<&str>) -> bool {
    entry_patterns(entry).into_iter().any(|p| {
        let mut selects = Vec::new();
        collect_selects(p, &mut selects);
        !selects.is_empty()
    })
}

/// Functions called anywhere in an entry (every variant) that no runtime provides.
/// The functions an entry calls that no Fluent runtime provides by itself.
fn unknown_functions<'s>(entry: &ast::Entry<&'s str>) -> Vec<&'s str> {
    let mut out = Vec::new();
    for p in entry_patterns(entry) {
        walk_pattern(p, &mut |e| {
            if let ast::InlineExpression::FunctionReference { id, .. } = e {
                if !KNOWN_FUNCTIONS.contains(&id.name) {
                    out.push(id.name);
                }
            }
        });
    }
    out
}

/// What the app formats a locale's messages with, as far as the source shows it.
pub struct Runtime<'a> {
    /// The variables each source message uses (formatting passes them all).
    pub vars: &'a HashMap<String, Vec<String>>,
    /// Functions the source calls beyond `NUMBER` and `DATETIME`: the app provides them
    /// (Firefox's `PLATFORM()`), so a translation may call them too.
    pub functions: &'a rustc_hash::FxHashSet<String>,
}

/// The functions a source calls beyond Fluent's own (see [`Runtime::functions`]).
pub fn source_functions<'c>(
    catalogs: impl IntoIterator<Item = &'c Catalog<'c>>,
) -> rustc_hash::FxHashSet<String> {
    catalogs
        .into_iter()
        .flat_map(|c| c.resource.body.iter().flat_map(unknown_functions))
        .map(str::to_string)
        .collect()
}

impl Runtime<'_> {
    fn provides(&self, function: &str) -> bool {
        KNOWN_FUNCTIONS.contains(&function) || self.functions.contains(function)
    }
}

/// Formats every message of a locale with fluent-bundle, as an app would, and reports
/// what the runtime reports (cycles, unknown functions, too many placeables). Missing
/// references are left to `unknown-reference`, which knows about the source.
pub fn format_check(
    tag: &Tag,
    files: &[(&Path, &Catalog)],
    runtime: &Runtime,
    out: &mut Vec<Diagnostic>,
) {
    format_check_with(tag, files, runtime, true, out)
}

/// The most placeables fluent-bundle resolves for one message before it gives up.
const MAX_PLACEABLES: usize = 100;

/// Where each message and term of a locale is defined (first definition wins, as in a
/// bundle): `(is_term, name)` → (file, entry).
type Definitions<'c> = rustc_hash::FxHashMap<(bool, &'c str), (usize, usize)>;

/// Decides, from the AST alone, which entries fluent-bundle can format without an error
/// carta reports. Those errors are: a cycle, a reference to a message without a value,
/// more than [`MAX_PLACEABLES`] placeables, and a function the runtime does not provide
/// (a missing default variant cannot parse). An entry is *clean* when it calls only
/// provided functions, every reference it makes (transitively) is to a clean entry or to
/// nothing (an unknown reference is not this check's finding), no message reference
/// without an attribute lands on a message without a value, and the placeables of all
/// its patterns and variants, with each reference counted as the whole entry it names,
/// are at most [`MAX_PLACEABLES`]: an upper bound of what the resolver counts.
struct StaticFormat<'f, 'c> {
    files: &'f [(&'f Path, &'f Catalog<'c>)],
    defs: Definitions<'c>,
    runtime: &'f Runtime<'f>,
    /// Per (file, entry): `Some(placeables)` when clean, `None` when not.
    memo: rustc_hash::FxHashMap<(usize, usize), Option<usize>>,
    /// Entries being measured (a reference back to one is a cycle).
    open: Vec<(usize, usize)>,
}

impl<'f, 'c> StaticFormat<'f, 'c> {
    fn new(files: &'f [(&'f Path, &'f Catalog<'c>)], runtime: &'f Runtime<'f>) -> Self {
        let mut defs = Definitions::default();
        for (f, (_, catalog)) in files.iter().enumerate() {
            for (i, entry) in catalog.resource.body.iter().enumerate() {
                let key = match entry {
                    ast::Entry::Message(m) => (false, m.id.name),
                    ast::Entry::Term(t) => (true, t.id.name),
                    _ => continue,
                };
                defs.entry(key).or_insert((f, i));
            }
        }
        StaticFormat {
            files,
            defs,
            runtime,
            memo: Default::default(),
            open: Vec::new(),
        }
    }

    /// `Some(upper bound of placeables)` when the entry formats cleanly.
    fn cost(&mut self, at: (usize, usize)) -> Option<usize> {
        if let Some(&known) = self.memo.get(&at) {
            return known;
        }
        // A reference chain this deep is left to the runtime (which also stops at
        // MAX_PLACEABLES), and it keeps this recursion's depth bounded.
        if self.open.contains(&at) || self.open.len() > MAX_PLACEABLES {
            return None;
        }
        self.open.push(at);
        let files = self.files;
        let entry = &files[at.0].1.resource.body[at.1];
        let mut total = Some(0usize);
        for p in entry_patterns(entry) {
            total = match (total, self.pattern_cost(p)) {
                (Some(a), Some(b)) => Some(a + b).filter(|&n| n <= MAX_PLACEABLES),
                _ => None,
            };
        }
        self.open.pop();
        self.memo.insert(at, total);
        total
    }

    fn pattern_cost(&mut self, p: &ast::Pattern<&'c str>) -> Option<usize> {
        let mut n = 0usize;
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                n += 1 + self.expression_cost(expression)?;
                if n > MAX_PLACEABLES {
                    return None;
                }
            }
        }
        Some(n)
    }

    fn expression_cost(&mut self, e: &ast::Expression<&'c str>) -> Option<usize> {
        match e {
            ast::Expression::Inline(i) => self.inline_cost(i),
            ast::Expression::Select { selector, variants } => {
                let mut n = self.inline_cost(selector)?;
                for v in variants {
                    n += self.pattern_cost(&v.value)?;
                }
                Some(n)
            }
        }
    }

    fn inline_cost(&mut self, i: &ast::InlineExpression<&'c str>) -> Option<usize> {
        match i {
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. }
            | ast::InlineExpression::VariableReference { .. } => Some(0),
            ast::InlineExpression::Placeable { expression } => self.expression_cost(expression),
            ast::InlineExpression::FunctionReference { id, arguments } => {
                if !self.runtime.provides(id.name) {
                    return None;
                }
                let mut n = 0;
                for a in &arguments.positional {
                    n += self.inline_cost(a)?;
                }
                for a in &arguments.named {
                    n += self.inline_cost(&a.value)?;
                }
                Some(n)
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let Some(&at) = self.defs.get(&(false, id.name)) else {
                    return Some(0);
                };
                let has_value = matches!(
                    &self.files[at.0].1.resource.body[at.1],
                    ast::Entry::Message(m) if m.value.is_some()
                );
                if attribute.is_none() && !has_value {
                    return None;
                }
                self.cost(at)
            }
            ast::InlineExpression::TermReference { id, arguments, .. } => {
                let mut n = 0;
                if let Some(arguments) = arguments {
                    for a in &arguments.positional {
                        n += self.inline_cost(a)?;
                    }
                    for a in &arguments.named {
                        n += self.inline_cost(&a.value)?;
                    }
                }
                match self.defs.get(&(true, id.name)) {
                    Some(&at) => Some(n + self.cost(at)?),
                    None => Some(n),
                }
            }
        }
    }
}

/// [`format_check`], with the static pre-pass switchable so a test can show that it
/// never changes what is reported.
fn format_check_with(
    tag: &Tag,
    files: &[(&Path, &Catalog)],
    runtime: &Runtime,
    skip_clean: bool,
    out: &mut Vec<Diagnostic>,
) {
    let source_vars = runtime.vars;
    use fluent_bundle::resolver::errors::{ReferenceKind, ResolverError};
    use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource, FluentValue};

    // Only a message with a placeable that is not a literal can fail to format, and of
    // those only the ones the static pre-pass cannot clear go to the runtime. The bundle
    // gets just those and, transitively, the messages and terms they reference, so the
    // runtime parses a fraction of the locale (usually nothing) instead of all of it.
    let mut dynamic: Vec<(usize, usize)> = Vec::new();
    for (f, (_, catalog)) in files.iter().enumerate() {
        for &i in catalog.index.values() {
            if matches!(catalog.kind(i), EntryKind::Message(_))
                && has_dynamic_placeable(&catalog.resource.body[i])
            {
                dynamic.push((f, i));
            }
        }
    }
    if dynamic.is_empty() {
        return;
    }
    dynamic.sort();
    let mut statically = StaticFormat::new(files, runtime);
    let to_format: HashSet<(usize, usize)> = dynamic
        .iter()
        .copied()
        .filter(|&at| !skip_clean || statically.cost(at).is_none())
        .collect();
    let bundle = (!to_format.is_empty()).then(|| {
        let mut needed: HashSet<(usize, usize)> = to_format.clone();
        let mut queue: Vec<(usize, usize)> = to_format.iter().copied().collect();
        while let Some((f, i)) = queue.pop() {
            let mut refs = Vec::new();
            for p in entry_patterns(&files[f].1.resource.body[i]) {
                collect_refs(p, &mut refs);
            }
            for (r, is_term) in refs {
                if let Some(&at) = statically.defs.get(&(is_term, r)) {
                    if needed.insert(at) {
                        queue.push(at);
                    }
                }
            }
        }
        let mut needed: Vec<(usize, usize)> = needed.into_iter().collect();
        needed.sort();
        let mut text = String::new();
        for (f, i) in needed {
            text.push_str(&files[f].1.body_text(i));
            text.push_str("\n\n");
        }
        let mut bundle = FluentBundle::new(vec![tag.langid().clone()]);
        bundle.set_use_isolating(false);
        let _ = bundle.add_builtins();
        let resource = FluentResource::try_new(text).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        bundle
    });
    // One number per plural category of the locale reaches every plural variant.
    let mut select_samples: Vec<f64> = plural_samples(tag).into_iter().map(|(_, n)| n).collect();
    if select_samples.is_empty() {
        select_samples = vec![0.0, 1.0, 2.0, 3.0, 5.0, 11.0, 100.0, 1.5];
    }
    for (f, i) in dynamic {
        let (path, catalog) = files[f];
        let EntryKind::Message(id) = catalog.kind(i) else {
            continue;
        };
        // Functions are checked in the AST, which sees every variant.
        let entry = &catalog.resource.body[i];
        // Each reason once per message (the AST pass and several samples can find it).
        let mut seen = HashSet::new();
        let mut report = |key: &str, why: String, out: &mut Vec<Diagnostic>| {
            if seen.insert(why.clone()) {
                out.push(Diagnostic::new(
                    Code::Format,
                    tag.as_str(),
                    path.to_path_buf(),
                    catalog.id_offset(i),
                    Some(id),
                    format!("`{id}{key}` fails to format in fluent-bundle: {why}"),
                ));
            }
        };
        for name in unknown_functions(entry) {
            if !runtime.provides(name) {
                report("", format!("unknown function `{name}()`"), out);
            }
        }
        let Some(bundle) = bundle.as_ref().filter(|_| to_format.contains(&(f, i))) else {
            continue;
        };
        let Some(message) = bundle.get_message(id) else {
            continue;
        };
        // Select expressions are formatted with several values, so the variants a
        // single value would skip are resolved too.
        let has_select = select_in_entry(entry);
        let samples: &[f64] = if has_select { &select_samples } else { &[3.0] };
        let patterns: Vec<(String, &fluent_syntax::ast::Pattern<&str>)> = message
            .value()
            .into_iter()
            .map(|p| (String::new(), p))
            .chain(
                message
                    .attributes()
                    .map(|a| (format!(".{}", a.id()), a.value())),
            )
            .collect();
        for (key, pattern) in patterns {
            for sample in samples
                .iter()
                .map(|n| Some(FluentValue::from(*n)))
                .chain(has_select.then_some(Some(FluentValue::from("other"))))
            {
                let mut args = FluentArgs::new();
                for v in source_vars.get(id).into_iter().flatten() {
                    args.set(v.clone(), sample.clone().unwrap_or(FluentValue::from(3)));
                }
                let mut errors = Vec::new();
                let _ = crate::bundle::format_pattern(bundle, pattern, Some(&args), &mut errors);
                for e in errors {
                    let FluentError::ResolverError(r) = &e else {
                        continue;
                    };
                    let why = match r {
                        ResolverError::Reference(ReferenceKind::Function { id }) => {
                            if runtime.provides(id) {
                                continue;
                            }
                            format!("unknown function `{id}()`")
                        }
                        ResolverError::Reference(_) => continue,
                        ResolverError::Cyclic => {
                            "a cyclic reference (the message refers back to itself)".to_string()
                        }
                        ResolverError::TooManyPlaceables => {
                            "more than 100 placeables in one message".to_string()
                        }
                        ResolverError::MissingDefault => {
                            "a select expression without a default variant".to_string()
                        }
                        ResolverError::NoValue(what) => {
                            format!("a reference to `{what}`, which has no value")
                        }
                    };
                    report(&key, why, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_categories_follow_cldr() {
        assert_eq!(
            plural_categories(&Tag::parse("en").unwrap()),
            vec!["one", "other"]
        );
        assert_eq!(
            plural_categories(&Tag::parse("ar").unwrap()),
            vec!["zero", "one", "two", "few", "many", "other"]
        );
        assert_eq!(plural_categories(&Tag::parse("zh").unwrap()), vec!["other"]);
    }

    /// The static pre-pass of `format_check` only skips messages the runtime would
    /// format without a reported error: with and without it, the findings are the same.
    fn same_with_and_without_pre_pass(ftl: &str) -> Vec<String> {
        let catalog = Catalog::parse(ftl);
        let tag = Tag::parse("en-US").unwrap();
        let vars: HashMap<String, Vec<String>> = ["a", "b", "c"]
            .iter()
            .map(|id| (id.to_string(), vec!["x".to_string(), "n".to_string()]))
            .collect();
        let functions: FxHashSet<String> = ["PLATFORM".to_string()].into_iter().collect();
        let runtime = Runtime {
            vars: &vars,
            functions: &functions,
        };
        let files = [(Path::new("x.ftl"), &catalog)];
        let render = |skip| {
            let mut out = Vec::new();
            format_check_with(&tag, &files, &runtime, skip, &mut out);
            out.iter()
                .map(|d| format!("{:?}@{}: {}", d.code, d.offset, d.message))
                .collect::<Vec<_>>()
        };
        let (fast, full) = (render(true), render(false));
        assert_eq!(fast, full, "for\n{ftl}");
        full
    }

    #[test]
    fn pre_pass_keeps_every_runtime_finding() {
        let many = "{ $x }".repeat(30);
        let cases = [
            "a = { b }\nb = { a }\n".to_string(),
            "a = { -t }\n-t = { -u }\n-u = { -t }\n".to_string(),
            "a = { b }\nb =\n    .label = L\n".to_string(),
            "a = { b.label }\nb =\n    .label = { $x }\n".to_string(),
            format!("a = {{ -t }} {{ -t }} {{ -t }} {{ -t }}\n-t = {many}\n"),
            format!("a = {{ -t }} {{ -t }} {{ -t }}\n-t = {many}\n"),
            "a = { -t }\n-t = { FOO() }\n".to_string(),
            "a = { PLATFORM() } { DATETIME($x) } { NUMBER($n, minimumFractionDigits: 2) }\n"
                .to_string(),
            "a = { $n ->\n    [one] { b }\n   *[other] { c }\n}\nb = { a }\nc = C\n".to_string(),
            "a = { NUMBER({ b }) }\nb = { a }\n".to_string(),
            "a = { { { b } } }\nb = { $x }\n".to_string(),
            "a = { missing } { -missing }\n".to_string(),
            // fluent-bundle panics on this one (projectfluent/fluent-rs#242).
            format!("a = {{ {{ b }} }} {{ {{ b }} }} {{ {{ b }} }} {{ {{ b }} }}\nb = {many}\n"),
        ];
        let found: Vec<Vec<String>> = cases
            .iter()
            .map(|c| same_with_and_without_pre_pass(c))
            .collect();
        // The cases above do reach the runtime's findings (the comparison is not vacuous).
        assert!(
            found[0].iter().any(|d| d.contains("cyclic")),
            "{:?}",
            found[0]
        );
        assert!(
            found[2].iter().any(|d| d.contains("no value")),
            "{:?}",
            found[2]
        );
        assert!(
            found[4].iter().any(|d| d.contains("100 placeables")),
            "{:?}",
            found[4]
        );
        assert!(found[5].is_empty(), "{:?}", found[5]);
        assert!(
            found[6].iter().any(|d| d.contains("FOO()")),
            "{:?}",
            found[6]
        );
        assert!(found[7].is_empty(), "{:?}", found[7]);
        assert!(
            found[12].iter().any(|d| d.contains("100 placeables")),
            "{:?}",
            found[12]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn pre_pass_never_changes_findings(
            entries in proptest::collection::vec(
                (0usize..5, proptest::option::of(proptest::collection::vec(0usize..12, 0..5)), proptest::collection::vec(proptest::collection::vec(0usize..12, 1..4), 0..2)),
                1..7,
            )
        ) {
            const IDS: [&str; 5] = ["a", "b", "c", "-t", "-u"];
            let element = |k: usize| -> String {
                match k {
                    0 => "text ".into(),
                    1 => "{ $x } ".into(),
                    2 => "{ a } ".into(),
                    3 => "{ b.label } ".into(),
                    4 => "{ -t } ".into(),
                    5 => "{ -u.attr } ".into(),
                    6 => "{ NUMBER($n) } ".into(),
                    7 => "{ FOO() } ".into(),
                    8 => "{ $n ->\n    [one] { c }\n   *[other] { -t(case: \"x\") }\n} ".into(),
                    9 => "{ { b } } ".into(),
                    10 => "{ $x }".repeat(26),
                    _ => "{ PLATFORM() } ".into(),
                }
            };
            let mut ftl = String::new();
            for (id, value, attrs) in &entries {
                let id = IDS[*id];
                // A term needs a value; a message needs a value or an attribute.
                let value = match value {
                    Some(v) => Some(v.clone()),
                    None if id.starts_with('-') || attrs.is_empty() => Some(vec![0]),
                    None => None,
                };
                ftl.push_str(id);
                ftl.push_str(" =");
                if let Some(v) = value {
                    ftl.push(' ');
                    ftl.push_str(&v.iter().map(|&k| element(k)).collect::<String>());
                    if v.is_empty() { ftl.push('x'); }
                }
                ftl.push('\n');
                for (n, a) in attrs.iter().enumerate() {
                    let name = ["label", "attr"][n % 2];
                    ftl.push_str(&format!("    .{name} = {}\n", a.iter().map(|&k| element(k)).collect::<String>()));
                }
            }
            same_with_and_without_pre_pass(&ftl);
        }
    }

    #[test]
    fn digits_are_normalised() {
        assert_eq!(numbers(&normalize_digits("١٠ فوائد")), vec!["10"]);
    }
}
