//! One locale file against its source file: the source's facts computed once, then
//! every rule family (see the sibling modules) on each translation. No I/O.

use std::borrow::Cow;
use std::path::Path;

use fluent_syntax::ast;
use rustc_hash::FxHashSet;

use super::ast::{collect_vars, entry_patterns, plain_text};
use super::coverage::{count_words, Coverage};
use super::glossary::Glossary;
use super::text::{markdown_shape, MarkdownShape};
use super::{Code, Diagnostic};
use crate::catalog::{text_hash, Catalog, EntryKind};
use crate::locale::Tag;
use crate::state::StateView;

/// What every file of one locale is checked with.
pub struct Context<'a> {
    pub tag: &'a Tag,
    /// The locale has the source's language (`en-GB` for `en-US`): identical text is fine.
    pub same_language: bool,
    pub source_ids: &'a SourceIds<'a>,
    /// IDs the locale defines, in any of its files (for references) → the file of the
    /// first definition, as shown to the user.
    pub locale_ids: &'a LocaleIds<'a>,
    /// IDs translated by a (non-source) locale of the fallback chain.
    pub fallback_ids: &'a FxHashSet<String>,
    /// The locale's own terms and helper messages its translations use, in any of its
    /// files (see [`crate::catalog::private_across`]).
    pub private: &'a FxHashSet<String>,
    pub glossary: Option<&'a Glossary>,
    pub allow_identical: &'a [String],
    pub plural_categories: &'a [&'static str],
}

/// The message and term IDs of the source, in any of its files: a table of the source
/// facts' message numbers, 4 bytes each (a set of the borrowed IDs was 36 MB at a
/// million messages).
pub struct SourceIds<'a> {
    facts: &'a [SourceFacts<'a>],
    /// The number of each file's first message.
    starts: Vec<usize>,
    table: hashbrown::HashTable<u32>,
}

fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
}

impl<'a> SourceIds<'a> {
    pub fn new(facts: &'a [SourceFacts<'a>]) -> SourceIds<'a> {
        let mut starts = Vec::with_capacity(facts.len());
        let mut total = 0;
        for f in facts {
            starts.push(total);
            total += f.messages.len();
        }
        let mut ids = SourceIds {
            facts,
            starts,
            table: hashbrown::HashTable::with_capacity(total),
        };
        let mut number = 0u32;
        for f in facts {
            for m in &f.messages {
                if !ids.contains(&m.id) {
                    let table = &mut ids.table;
                    let (facts, starts) = (ids.facts, &ids.starts);
                    table.insert_unique(id_hash(&m.id), number, |&n| {
                        id_hash(id_of(facts, starts, n))
                    });
                }
                // Past 4 billion messages the rest are not found (the files would be
                // hundreds of gigabytes).
                number = number.saturating_add(1);
            }
        }
        ids
    }

    pub fn contains(&self, id: &str) -> bool {
        self.table
            .find(id_hash(id), |&n| id_of(self.facts, &self.starts, n) == id)
            .is_some()
    }

    /// The source message (or term) `id`, its first definition.
    pub fn get(&self, id: &str) -> Option<&'a SourceMessage<'a>> {
        let &n = self
            .table
            .find(id_hash(id), |&n| id_of(self.facts, &self.starts, n) == id)?;
        let n = n as usize;
        let f = self.starts.partition_point(|&s| s <= n) - 1;
        self.facts[f].messages.get(n - self.starts[f])
    }

    /// The variables message `msg` uses itself and through the messages it refers to
    /// (a message reference passes the caller's arguments on), sorted, each once.
    pub fn reachable_vars<'m>(&self, msg: &'m SourceMessage<'a>) -> Cow<'m, [&'a str]> {
        let refers = |m: &SourceMessage| m.refs().iter().any(|(_, term)| !term);
        if !refers(msg) {
            return Cow::Borrowed(msg.vars());
        }
        let mut vars = msg.vars().to_vec();
        let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
        let mut queue: Vec<&str> = Vec::new();
        let push = |m: &SourceMessage<'a>, queue: &mut Vec<&'a str>| {
            queue.extend(m.refs().iter().filter(|(_, term)| !term).map(|(n, _)| *n));
        };
        push(msg, &mut queue);
        while let Some(name) = queue.pop() {
            if !seen.insert(name) {
                continue;
            }
            if let Some(m) = self.get(name) {
                vars.extend_from_slice(m.vars());
                push(m, &mut queue);
            }
        }
        vars.sort_unstable();
        vars.dedup();
        Cow::Owned(vars)
    }
}

/// The ID of message number `n` across the files' facts.
fn id_of<'a>(facts: &'a [SourceFacts<'a>], starts: &[usize], n: u32) -> &'a str {
    let n = n as usize;
    let f = starts.partition_point(|&s| s <= n) - 1;
    &facts[f].messages[n - starts[f]].id
}

/// The message and term IDs a locale defines, in any of its files → the file of the
/// first definition, as shown to the user. With a few files each lookup asks their
/// indexes in turn; a map of every ID (~50 MB at a million messages) is made only for
/// a locale of many files.
pub struct LocaleIds<'a> {
    files: Vec<(&'a Catalog<'a>, &'a Path)>,
    /// With many files, each ID → the file of its first definition.
    merged: Option<rustc_hash::FxHashMap<&'a str, u32>>,
}

impl<'a> LocaleIds<'a> {
    /// Files in the order their definitions win.
    pub fn new(files: impl IntoIterator<Item = (&'a Catalog<'a>, &'a Path)>) -> LocaleIds<'a> {
        const FEW: usize = 4;
        let files: Vec<_> = files.into_iter().collect();
        let merged = (files.len() > FEW).then(|| {
            let mut map = rustc_hash::FxHashMap::default();
            for (f, (catalog, _)) in files.iter().enumerate() {
                for id in catalog.index.keys() {
                    map.entry(id.as_ref()).or_insert(f as u32);
                }
            }
            map
        });
        LocaleIds { files, merged }
    }

    fn file(&self, id: &str) -> Option<usize> {
        match &self.merged {
            Some(map) => map.get(id).map(|&f| f as usize),
            None => self
                .files
                .iter()
                .position(|(catalog, _)| catalog.index.contains_key(id)),
        }
    }

    pub fn get(&self, id: &str) -> Option<&'a Path> {
        self.file(id).map(|f| self.files[f].1)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.file(id).is_some()
    }

    /// The locale's first definition of a message or term (`-name`).
    pub fn entry(&self, id: &str) -> Option<&'a ast::Entry<&'a str>> {
        let (catalog, _) = self.files[self.file(id)?];
        catalog.resource.body.get(*catalog.index.get(id)?)
    }
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
pub(super) struct Label<'a> {
    pub(super) id: &'a str,
    pub(super) key: &'a str,
}

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}{}`", self.id, self.key)
    }
}

/// What the checks need of one source message, computed once and shared by every
/// locale (so 100 locales do not recompute the source's text, words and numbers).
pub struct SourceMessage<'c> {
    /// Borrowed from the source file's text (as are the texts below, where they can be):
    /// at a million messages, copies of them were most of check's memory.
    pub id: std::borrow::Cow<'c, str>,
    pub entry: usize,
    /// Where the ID is in the source file (a missing translation points there).
    pub offset: usize,
    /// What the shape and reference checks compare: the source's entry itself is not
    /// kept, so the source's AST can go before any locale is checked.
    pub(super) has_value: bool,
    /// Attributes, references and variables, for the few messages that have any (three
    /// empty slices took 48 bytes a message).
    extra: Option<Box<Extra<'c>>>,
    /// `("", value)` and `(".attr", text)` as sync records them (see
    /// [`Catalog::patterns`]), borrowed from the source's text where the text is one
    /// piece (an owned copy of each was ~90 bytes a message).
    pub patterns: crate::catalog::BorrowedPatterns<'c>,
    /// Per pattern, in the same order: the literal text and what the text checks compare.
    pub(super) derived: Box<[Derived<'c>]>,
    pub words: usize,
}

#[derive(Default)]
struct Extra<'c> {
    /// How the source uses its variables where that types them (see [`VarUse`]).
    uses: Box<[(&'c str, super::ast::VarUse)]>,
    attributes: Box<[&'c str]>,
    /// The references the message makes itself (`(name, is_term)`).
    refs: Box<[(&'c str, bool)]>,
    /// Sorted, each once.
    vars: Box<[&'c str]>,
}

impl<'c> SourceMessage<'c> {
    /// The names of the source's attributes, in order.
    pub(super) fn attributes(&self) -> &[&'c str] {
        self.extra.as_ref().map_or(&[], |e| &e.attributes)
    }
    /// The references the message makes itself (`(name, is_term)`).
    pub(super) fn refs(&self) -> &[(&'c str, bool)] {
        self.extra.as_ref().map_or(&[], |e| &e.refs)
    }
    /// The variables the message uses, sorted, each once.
    pub fn vars(&self) -> &[&'c str] {
        self.extra.as_ref().map_or(&[], |e| &e.vars)
    }
    /// How the message uses its variables where that types them.
    pub(super) fn uses(&self) -> &[(&'c str, super::ast::VarUse)] {
        self.extra.as_ref().map_or(&[], |e| &e.uses)
    }
}

pub(super) struct Derived<'c> {
    pub(super) plain: std::borrow::Cow<'c, str>,
    /// `None` for the usual text without Markdown or block structure (inline, the two
    /// took 96 bytes per message). The numbers are found again in `plain` when compared:
    /// kept, they took ~130 bytes a message where most messages have one.
    marks: Option<Box<Marks>>,
}

/// What the Markdown checks compare, when the text has any.
#[derive(Default)]
pub(super) struct Marks {
    pub(super) md: MarkdownShape,
    pub(super) structures: Vec<crate::safe_markdown::Structure>,
}

impl Derived<'_> {
    pub(super) fn marks(&self) -> &Marks {
        static NONE: std::sync::OnceLock<Marks> = std::sync::OnceLock::new();
        self.marks
            .as_deref()
            .unwrap_or_else(|| NONE.get_or_init(Marks::default))
    }
}

/// The facts of every message and term of one source file.
pub struct SourceFacts<'c> {
    pub messages: Vec<SourceMessage<'c>>,
    /// The source file as shown to users (`locales/en-US/x.ftl`), where a missing
    /// translation points (empty when checking texts in memory).
    pub shown: std::path::PathBuf,
}

impl<'c> SourceFacts<'c> {
    pub fn new(source: &Catalog<'c>) -> SourceFacts<'c> {
        let mut messages = Vec::with_capacity(source.index.len());
        for i in 0..source.resource.body.len() {
            let Some(id) = source.entry_id(i) else {
                continue;
            };
            if source.index.get(id.as_ref()) != Some(&i) {
                continue;
            }
            let patterns = source.borrowed_patterns(i);
            let words = patterns.iter().map(|(_, t)| count_words(t)).sum();
            let mut vars = Vec::new();
            let mut refs = Vec::new();
            let entry_patterns = entry_patterns(&source.resource.body[i]);
            let mut derived = Vec::with_capacity(entry_patterns.len());
            let mut uses = Vec::new();
            for p in entry_patterns {
                collect_vars(p, &mut vars);
                super::ast::var_uses(p, &mut uses);
                super::ast::collect_refs(p, &mut refs);
                let plain = plain_text(p);
                let marks = Marks {
                    md: markdown_shape(&plain),
                    structures: crate::safe_markdown::structures(&plain),
                };
                let marked = !(marks.md.is_empty() && marks.structures.is_empty());
                derived.push(Derived {
                    plain,
                    marks: marked.then(|| Box::new(marks)),
                });
            }
            let (has_value, attributes): (bool, Vec<&str>) = match &source.resource.body[i] {
                ast::Entry::Message(m) => (
                    m.value.is_some(),
                    m.attributes.iter().map(|a| a.id.name).collect(),
                ),
                ast::Entry::Term(t) => (true, t.attributes.iter().map(|a| a.id.name).collect()),
                _ => (false, Vec::new()),
            };
            messages.push(SourceMessage {
                id,
                entry: i,
                offset: source.id_offset(i),
                has_value,
                extra: (!(attributes.is_empty() && refs.is_empty() && vars.is_empty())).then(
                    || {
                        vars.sort_unstable();
                        vars.dedup();
                        uses.dedup();
                        Box::new(Extra {
                            uses: uses.into(),
                            attributes: attributes.into(),
                            refs: refs.into(),
                            vars: vars.into(),
                        })
                    },
                ),
                patterns,
                derived: derived.into_boxed_slice(),
                words,
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
            if ctx.fallback_ids.contains(m.id.as_ref()) {
                cov.translated += 1;
                cov.via_fallback += 1;
                cov.words_translated += words;
            } else {
                cov.missing += 1;
            }
        }
        return;
    };

    super::syntax::check_junk(ctx, locale, path, out);
    super::ids::check_ids(ctx, facts, locale, path, cov, out);
    // sync's `# TODO` templates, by ID: where a missing message's translation goes.
    let mut templates: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for i in 0..locale.resource.body.len() {
        if let EntryKind::Template(id) = locale.kind(i) {
            templates.entry(id).or_insert(i);
        }
    }

    // Every source message: missing, outdated, or checked against its translation.
    let mut unreviewed = 0usize;
    for (n, m) in facts.messages.iter().enumerate() {
        let id = &m.id;
        cov.total += 1;
        let words = m.words;
        cov.words_total += words;
        let Some(&li) = locale.index.get(id.as_ref()) else {
            if ctx.fallback_ids.contains(id.as_ref()) {
                cov.translated += 1;
                cov.via_fallback += 1;
                cov.words_translated += words;
            } else {
                cov.missing += 1;
                let offset = templates
                    .get(id.as_ref())
                    .map_or(0, |&t| locale.spans[t].start);
                // A translation in another file of the locale is not used: the source
                // has the message here (sync keeps the stray copy where it is, never
                // pruned, and build falls back instead).
                let edited = templates.get(id.as_ref()).is_some_and(|&t| {
                    crate::sync::template_owner(locale, t, id, Some(&*m.patterns), state)
                        == crate::sync::TemplateOwner::Translator
                });
                let message = match ctx.locale_ids.get(id.as_ref()) {
                    _ if edited => format!(
                        "`{id}` is still commented out (its `# TODO` template was edited, so it may hold a translation or a note): remove `# TODO ` and the `# ` of the lines below it to use the translation"
                    ),
                    Some(elsewhere) => format!(
                        "`{id}` is not translated in this file; the translation in `{}` is not used, because the source has the message here: move it to this file",
                        elsewhere.display()
                    ),
                    None if templates.contains_key(id.as_ref()) => {
                        format!("`{id}` is not translated yet")
                    }
                    // No template either: point at the source's message and say where the
                    // translation goes (sync puts a template there).
                    None => {
                        let after = facts.messages[..n]
                            .iter()
                            .rev()
                            .find(|p| locale.index.contains_key(p.id.as_ref()))
                            .map_or("at the start".to_string(), |p| format!("after `{}`", p.id));
                        format!(
                            "`{id}` is not translated yet: add it to `{}` {after} (`carta sync` puts a template there)",
                            path.display()
                        )
                    }
                };
                let at_source = !templates.contains_key(id.as_ref())
                    && !edited
                    && !facts.shown.as_os_str().is_empty()
                    && !ctx.locale_ids.contains_key(id.as_ref());
                if at_source {
                    let offset = m.offset;
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
        let unsynced = state.changed_texts(id, current);
        if !(marked || unsynced) {
            let signed = crate::state::Seen::review(state, id).is_some_and(|r| {
                crate::review::Record::parse(&r)
                    .is_some_and(|r| r.holds_for_texts(current, &locale.body_text(li)))
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
        check_pair(ctx, m, &locale.resource.body[li], locale, path, offset, out);
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
pub(super) struct Parts<'e, 's> {
    pub(super) value: Option<&'e ast::Pattern<&'s str>>,
    pub(super) attributes: &'e [ast::Attribute<&'s str>],
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
    translation: &ast::Entry<&str>,
    locale: &Catalog,
    path: &Path,
    offset: usize,
    out: &mut Vec<Diagnostic>,
) {
    let Some(t) = parts(translation) else {
        return;
    };
    let id = msg.id.as_ref();
    let base = locale.text.as_ptr() as usize;
    // Where a name of the translation sits in the file (a variable, an attribute).
    let offset_of = |name: &str| {
        let p = name.as_ptr() as usize;
        if p >= base && p < base + locale.text.len() {
            p - base
        } else {
            offset
        }
    };
    let d = |code, off, msg: String| ctx.diag(code, path, off, Some(id), msg);
    // A term's attributes are the locale's own grammar (`.gender`), and its variables
    // are parameters from its call sites (`-brand(case: "gen")`), not app variables.
    let is_term = matches!(translation, ast::Entry::Term(_));
    let pair = Pair {
        id,
        is_term,
        source_has_value: msg.has_value,
        source_attributes: msg.attributes(),
        translation: &t,
        offset,
    };
    super::shape::check(&pair, &offset_of, &d, out);

    // Pattern by pattern (value, then attributes present on both sides).
    // (key, the source pattern's derived facts, the translation's pattern); facts are in
    // the source's pattern order: the value (if any), then the attributes.
    let mut pairs: Vec<(&str, &Derived, &ast::Pattern<&str>)> = Vec::new();
    let offset_attr = usize::from(msg.has_value);
    if let (true, Some(tv)) = (msg.has_value, t.value) {
        pairs.push(("", &msg.derived[0], tv));
    }
    // A term's attributes are not among its patterns (they are not text): a translated
    // term with attributes indexed past them and panicked.
    // The translation's attributes by name (a list's search was quadratic at 40,000).
    let t_attributes: rustc_hash::FxHashMap<&str, &ast::Pattern<&str>> = t
        .attributes
        .iter()
        .map(|a| (a.id.name, &a.value))
        .rev()
        .collect();
    for (k, name) in msg.attributes().iter().enumerate() {
        let (Some(p), Some(facts)) = (
            msg.patterns.get(offset_attr + k),
            msg.derived.get(offset_attr + k),
        ) else {
            continue;
        };
        if let Some(ta) = t_attributes.get(name) {
            pairs.push((p.0.as_ref(), facts, ta));
        }
    }
    let mut t_vars_all: Vec<&str> = Vec::new();
    let mut s_text_all = String::new();
    let mut t_text_all = String::new();
    // What the app passes: the source's variables, also those it reaches through a
    // message reference (`m = Hello { helper }` where `helper` uses `$x`).
    let passed = ctx.source_ids.reachable_vars(msg);
    for (key, sp, tp) in &pairs {
        let label = Label { id, key };
        super::variables::check_pattern(
            &pair,
            &label,
            &passed,
            tp,
            &mut t_vars_all,
            &offset_of,
            &d,
            out,
        );
        super::references::check_pattern(ctx, &label, msg.refs(), tp, &offset_of, &d, out);
        super::references::check_reach(ctx, &label, is_term, &passed, tp, &offset_of, &d, out);
        let t_text = plain_text(tp);
        super::text::check_text(ctx, &label, sp, &t_text, offset, &d, out);
        super::plurals::check_plurals(ctx, &label, tp, offset, &d, out);
        if ctx.glossary.is_some() {
            s_text_all.push_str(&sp.plain);
            s_text_all.push('\n');
            t_text_all.push_str(&t_text);
            t_text_all.push('\n');
        }
    }
    if !is_term && !msg.uses().is_empty() {
        let mut t_uses = Vec::new();
        for (_, _, tp) in &pairs {
            super::ast::var_uses(tp, &mut t_uses);
        }
        super::variables::check_kinds(id, msg.uses(), &t_uses, &offset_of, &d, out);
    }
    super::variables::check_dropped(&pair, msg.vars(), &t_vars_all, &d, out);
    if let Some(glossary) = ctx.glossary {
        super::glossary::check(glossary, &pair, &s_text_all, &t_text_all, &d, out);
    }
}

/// A source message or term and its translation, as the rule families see them.
pub(super) struct Pair<'p, 'e, 's> {
    pub(super) id: &'p str,
    pub(super) is_term: bool,
    pub(super) source_has_value: bool,
    pub(super) source_attributes: &'p [&'s str],
    pub(super) translation: &'p Parts<'e, 's>,
    /// Where the translation's ID is (findings without a better place go there).
    pub(super) offset: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ID lookups give the same answers however they are held: asked of each
    /// file's index (a few files) or of one merged map (many), first file winning; the
    /// source's table finds every ID of every file, once, and nothing else.
    #[test]
    fn id_lookups_answer_alike_for_few_and_many_files() {
        let texts: Vec<String> = (0..7)
            .map(|f| format!("shared = S{f}\nonly-{f} = O\n-term-{f} = T\n"))
            .collect();
        let catalogs: Vec<Catalog> = texts.iter().map(|t| Catalog::parse(t)).collect();
        let paths: Vec<std::path::PathBuf> = (0..7).map(|f| format!("f{f}.ftl").into()).collect();
        for n in [1, 3, 7] {
            let ids = LocaleIds::new(
                catalogs[..n]
                    .iter()
                    .zip(&paths)
                    .map(|(c, p)| (c, p.as_path())),
            );
            assert_eq!(ids.merged.is_some(), n > 4);
            assert_eq!(ids.get("shared"), Some(paths[0].as_path()));
            for (f, path) in paths.iter().enumerate() {
                let want = (f < n).then_some(path.as_path());
                assert_eq!(ids.get(&format!("only-{f}")), want);
                assert_eq!(ids.contains_key(&format!("-term-{f}")), f < n);
            }
            assert!(!ids.contains_key("missing") && !ids.contains_key("term-0"));
        }
        let facts: Vec<SourceFacts> = catalogs.iter().map(SourceFacts::new).collect();
        let source = SourceIds::new(&facts);
        assert_eq!(source.table.len(), 1 + 7 * 2);
        for f in 0..7 {
            assert!(source.contains(&format!("only-{f}")));
            assert!(source.contains(&format!("-term-{f}")));
        }
        assert!(source.contains("shared"));
        assert!(!source.contains("only-7") && !source.contains("") && !source.contains("-"));
    }
}
