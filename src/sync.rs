//! (source catalog, locale catalog, state) → the updated locale file + what changed.
//!
//! The locale file is never re-serialized: its entries are copied as the bytes they were
//! (see `catalog`), and sync only adds what it owns — templates for untranslated
//! messages (`# TODO id = …`), outdated markers (`# carta-outdated [hash]: …`) and the
//! obsolete section header. Translated messages that left the source move, bytes intact,
//! into the obsolete section at the end. A file nothing happened to comes back
//! byte-identical, CRLF, junk and all.

use std::collections::HashMap;

use crate::catalog::{text_hash, Catalog, EntryKind, OBSOLETE_PREFIX, OUTDATED_PREFIX};
use crate::state::{Patterns, Seen, State};

/// What sync did to one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Templates added for messages the locale lacked.
    pub added: usize,
    /// Translations newly marked outdated.
    pub outdated: usize,
    /// Translations still under an outdated marker from an earlier sync.
    pub still_outdated: usize,
    /// Translations moved to the obsolete section.
    pub obsoleted: usize,
    /// Obsolete translations deleted by `--prune`.
    pub pruned: usize,
    /// Translations whose source did not change.
    pub unchanged: usize,
    /// Untranslated messages (templates) after the sync.
    pub untranslated: usize,
    /// Unparseable entries kept verbatim.
    pub junk: usize,
    /// Templates a translator edited (a translation typed under `# TODO `, a note beside
    /// it), kept as they are.
    pub edited_templates: usize,
    /// Messages pre-filled from the translation memory (an exact match), to review.
    pub from_memory: usize,
    /// Templates with a translation-memory suggestion (a similar text) after the sync.
    pub suggested: usize,
    /// The IDs pre-filled from the memory (so a regional locale synced in the same run
    /// counts them as covered by its fallback).
    #[serde(skip)]
    pub prefilled: Vec<String>,
}

impl Stats {
    pub fn add(&mut self, other: &Stats) {
        self.added += other.added;
        self.outdated += other.outdated;
        self.still_outdated += other.still_outdated;
        self.obsoleted += other.obsoleted;
        self.pruned += other.pruned;
        self.unchanged += other.unchanged;
        self.untranslated += other.untranslated;
        self.junk += other.junk;
        self.edited_templates += other.edited_templates;
        self.from_memory += other.from_memory;
        self.suggested += other.suggested;
        self.prefilled.extend(other.prefilled.iter().cloned());
    }
}

pub struct Options<'a> {
    pub tag: &'a str,
    /// What the file translates, for the header of a new file.
    pub source_label: &'a str,
    pub prune: bool,
    /// Messages a locale of the fallback chain (other than the source) translates: a
    /// sparse regional locale (`es-MX` over `es`) gets no templates for them.
    pub covered: &'a rustc_hash::FxHashSet<String>,
    /// IDs this file's source lacks that stay where they are, never obsolete or pruned:
    /// the locale's own terms and messages that translations in other files use (see
    /// [`crate::catalog::private_across`]).
    pub keep: &'a rustc_hash::FxHashSet<String>,
    /// Every source message and term of every file: one in this locale file that the
    /// source has elsewhere is a translation in the wrong file (check says where it
    /// belongs), kept where it is.
    pub elsewhere: &'a (dyn IdSet + Sync),
    /// What the locale already translated elsewhere: a template sync writes gets the
    /// translation pre-filled (exact match) or a suggestion (similar text).
    pub memory: Option<&'a crate::memory::Memory<'a>>,
}

/// A set of message and term IDs, however it is held (a set of owned IDs, or the
/// indexes of the parsed source files, see [`SourceIdSet`]).
pub trait IdSet {
    fn contains(&self, id: &str) -> bool;
}

impl IdSet for rustc_hash::FxHashSet<String> {
    fn contains(&self, id: &str) -> bool {
        rustc_hash::FxHashSet::contains(self, id)
    }
}

/// Every ID the source files define, asked of their own indexes (a set of owned copies
/// was ~60 MB at a million messages); merged into one set of borrowed IDs only for a
/// source of many files.
pub struct SourceIdSet<'a> {
    indexes: Vec<&'a rustc_hash::FxHashMap<std::borrow::Cow<'a, str>, usize>>,
    merged: Option<rustc_hash::FxHashSet<&'a str>>,
}

impl<'a> SourceIdSet<'a> {
    pub fn new(catalogs: impl IntoIterator<Item = &'a Catalog<'a>>) -> SourceIdSet<'a> {
        const FEW: usize = 4;
        let indexes: Vec<_> = catalogs.into_iter().map(|c| &c.index).collect();
        let merged = (indexes.len() > FEW).then(|| {
            indexes
                .iter()
                .flat_map(|index| index.keys().map(|k| k.as_ref()))
                .collect()
        });
        SourceIdSet { indexes, merged }
    }
}

impl IdSet for SourceIdSet<'_> {
    fn contains(&self, id: &str) -> bool {
        match &self.merged {
            Some(set) => set.contains(id),
            None => self.indexes.iter().any(|index| index.contains_key(id)),
        }
    }
}

pub struct Synced {
    pub text: String,
    pub state: State,
    pub stats: Stats,
}

/// A message of the source, as sync needs it: its ID and texts borrowed from the
/// source file where they can be (owned copies were ~150 bytes a message).
pub struct SourceMessage<'s> {
    id: std::borrow::Cow<'s, str>,
    entry: usize,
    patterns: crate::catalog::BorrowedPatterns<'s>,
}

impl<'s> SourceMessage<'s> {
    pub fn id(&self) -> &str {
        &self.id
    }
    /// `("", value)` and `(".attr", text)`, as [`Catalog::patterns`] gives them.
    pub fn patterns(&self) -> &[(std::borrow::Cow<'s, str>, std::borrow::Cow<'s, str>)] {
        &self.patterns
    }
    /// [`SourceMessage::patterns`] as owned strings.
    pub fn owned_patterns(&self) -> Patterns {
        owned(&self.patterns)
    }
}

fn owned<K: AsRef<str>, T: AsRef<str>>(patterns: &[(K, T)]) -> Patterns {
    patterns
        .iter()
        .map(|(k, t)| (k.as_ref().to_string(), t.as_ref().to_string()))
        .collect()
}

/// The source's messages with their texts, computed once and shared by every locale.
pub fn source_messages<'s>(source: &Catalog<'s>) -> Vec<SourceMessage<'s>> {
    let mut out = Vec::with_capacity(source.index.len());
    for i in 0..source.resource.body.len() {
        if let Some(id) = source.entry_id(i) {
            // The first definition of each ID.
            if source.index.get(id.as_ref()) == Some(&i) {
                out.push(SourceMessage {
                    patterns: source.borrowed_patterns(i),
                    id,
                    entry: i,
                });
            }
        }
    }
    out
}

/// The commented template of source entry `i`, ending with `eol`.
pub fn template(source: &Catalog, i: usize, eol: &str) -> String {
    let body = source.body_text(i);
    let mut out = String::with_capacity(body.len() + 32);
    for (n, line) in body.lines().enumerate() {
        if n == 0 {
            out.push_str("# TODO ");
        } else if line.trim().is_empty() {
            out.push('#');
            out.push_str(eol);
            continue;
        } else {
            out.push_str("# ");
        }
        out.push_str(line.trim_end());
        out.push_str(eol);
    }
    out
}

/// Header of a locale file that sync creates: it translates `source_label` into `tag`.
pub fn header(tag: &str, source_label: &str, eol: &str) -> String {
    [
        format!("### Translation of {source_label} into {tag}."),
        "### Lines starting with \"# TODO\" are messages still to translate: delete \"# TODO \" (and \"# \" on".into(),
        "### the lines below it), then replace the English after \"=\" with your translation.".into(),
        format!("### Run `carta check --locale {tag}` to see what is missing or outdated."),
    ]
    .iter()
    .map(|l| format!("{l}{eol}"))
    .collect()
}

/// A new locale file: header, the source's group comments, a template per message.
pub fn new_file(source: &Catalog, opts: &Options) -> Synced {
    let eol = "\n";
    let mut out = header(opts.tag, opts.source_label, eol);
    let mut stats = Stats::default();
    for i in 0..source.resource.body.len() {
        match source.kind(i) {
            EntryKind::GroupComment => {
                out.push_str(eol);
                out.push_str(&source.text[source.spans[i].range()].replace("\r\n", "\n"));
            }
            EntryKind::Message(_) | EntryKind::Term(_) => {
                if source
                    .entry_id(i)
                    .is_some_and(|id| opts.covered.contains(id.as_ref()))
                {
                    continue;
                }
                out.push_str(eol);
                let id = source.entry_id(i).unwrap_or_default();
                match offered(source, &SourceAst::Here(source), i, &id, opts.memory, eol) {
                    Offered::Prefill(text) => {
                        out.push_str(&text);
                        stats.from_memory += 1;
                        stats.prefilled.push(id.to_string());
                    }
                    Offered::Template(text, suggested) => {
                        out.push_str(&text);
                        stats.added += 1;
                        stats.suggested += usize::from(suggested);
                    }
                }
            }
            _ => {}
        }
    }
    stats.untranslated = stats.added;
    // The state records what each template shows, so a later sync can tell a template
    // it wrote (and may refresh) from one a translator typed into (which it keeps).
    let seen = source_messages(source)
        .into_iter()
        .filter(|m| !opts.covered.contains(m.id.as_ref()))
        .map(|m| (m.id.into_owned(), owned(&m.patterns)))
        .collect();
    Synced {
        text: out,
        state: State {
            seen,
            reviews: Default::default(),
        },
        stats,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Role {
    /// Kept where it is, as it is.
    Keep,
    /// The translation of a source message (first definition in the file).
    /// (Each holds the message's number in the source's messages.)
    Translated(usize),
    /// A template carta wrote for a source message that is still untranslated.
    Template(usize),
    /// A template for a source message that a translator edited: kept byte for byte.
    EditedTemplate(usize),
    /// A translated message that is not in the source.
    Obsolete,
    /// Carta-owned text that no longer applies (stale template, obsolete header).
    Drop,
}

/// Syncs an existing locale file.
pub fn sync(source: &Catalog, locale: &Catalog, state: &State, opts: &Options) -> Synced {
    let messages = source_messages(source);
    let synced = sync_with(
        source,
        &SourceAst::Here(source),
        &messages,
        locale,
        state,
        opts,
    );
    Synced {
        state: State {
            seen: synced
                .seen
                .iter()
                .map(|m| (m.id.to_string(), m.owned_patterns()))
                .chain(synced.kept.iter().cloned())
                .collect(),
            reviews: synced.reviews.clone(),
        },
        text: synced.text,
        stats: synced.stats,
    }
}

/// What [`sync_with`] made: the state is the source messages the translations now saw,
/// borrowed and sorted by ID (see [`crate::state::render`]).
pub struct SyncedWith<'m, 's> {
    pub text: String,
    pub seen: Vec<&'m SourceMessage<'s>>,
    /// Records of the old state kept as they were (for templates a translator edited),
    /// sorted by ID; no ID is also in `seen`.
    pub kept: Vec<(String, Patterns)>,
    /// Review records that still hold (for the current source and translation text), by
    /// ID; records that no longer hold are dropped.
    pub reviews: std::collections::BTreeMap<String, String>,
    pub stats: Stats,
}

impl SyncedWith<'_, '_> {
    /// The new state file's text.
    pub fn state_text(&self, locale_file: &str) -> String {
        use std::borrow::Cow;
        let mut seen = self
            .seen
            .iter()
            .map(|m| (m.id.as_ref(), &*m.patterns))
            .peekable();
        // (Few: edited templates and obsolete translations.)
        let kept: Vec<(&str, Vec<crate::memory::SourceText>)> = self
            .kept
            .iter()
            .map(|(id, p)| {
                let borrowed = p
                    .iter()
                    .map(|(k, t)| (Cow::Borrowed(k.as_str()), Cow::Borrowed(t.as_str())))
                    .collect();
                (id.as_str(), borrowed)
            })
            .collect();
        let mut kept = kept.iter().map(|(id, p)| (*id, p.as_slice())).peekable();
        let merged = std::iter::from_fn(move || match (seen.peek(), kept.peek()) {
            (Some(a), Some(b)) if b.0 < a.0 => kept.next(),
            (Some(_), _) => seen.next(),
            (None, _) => kept.next(),
        });
        crate::state::render(locale_file, merged, |id| {
            self.reviews.get(id).map(String::as_str)
        })
    }
}

/// Who a template belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateOwner {
    /// carta wrote it and it shows the current source text.
    Current,
    /// carta wrote it for an earlier source text (the one the state recorded).
    Stale,
    /// A translator changed it (typed a translation under `# TODO `, added a note): it
    /// is theirs, and no command rewrites or removes it.
    Translator,
}

/// Whose template entry `i` of `locale` (for message `id`) is: carta's if, uncommented,
/// it is exactly the message `id` with the current source text or with the text the
/// state recorded for it; otherwise the translator's.
pub fn template_owner<K: AsRef<str>, T: AsRef<str>>(
    locale: &Catalog,
    i: usize,
    id: &str,
    current: Option<&[(K, T)]>,
    state: &impl Seen,
) -> TemplateOwner {
    let Some(text) = locale.uncommented(i) else {
        return TemplateOwner::Translator;
    };
    let parsed = Catalog::parse(&text);
    if parsed.resource.body.len() != 1 || parsed.entry_id(0).as_deref() != Some(id) {
        return TemplateOwner::Translator;
    }
    let patterns = parsed.patterns(0);
    let same = |current: &[(K, T)]| {
        current.len() == patterns.len()
            && current
                .iter()
                .zip(&patterns)
                .all(|((ck, ct), (k, t))| ck.as_ref() == k && ct.as_ref() == t)
    };
    if current.is_some_and(same) {
        TemplateOwner::Current
    } else if state.patterns(id).as_ref() == Some(&patterns) {
        TemplateOwner::Stale
    } else {
        TemplateOwner::Translator
    }
}

/// The source file's parsed entries, for a template pre-filled or suggested from the
/// translation memory: the catalog itself, or (when the caller keeps only its
/// [`Catalog::outline`]) parsed again from its text on first use.
pub enum SourceAst<'c, 's> {
    Here(&'c Catalog<'s>),
    Later(&'s str, &'c std::sync::OnceLock<Catalog<'s>>),
}

impl<'c, 's> SourceAst<'c, 's> {
    /// The whole catalog, AST and all.
    pub fn full(&self) -> &Catalog<'s> {
        self.get()
    }

    fn get(&self) -> &Catalog<'s> {
        match self {
            SourceAst::Here(c) => c,
            SourceAst::Later(text, cell) => cell.get_or_init(|| Catalog::parse(text)),
        }
    }
}

/// [`sync`] with the source's messages already computed (see [`source_messages`]) and
/// the state read in any form (a [`crate::state::StateView`] borrows the file).
pub fn sync_with<'m, 's>(
    source_catalog: &Catalog,
    source_ast: &SourceAst,
    messages: &'m [SourceMessage<'s>],
    locale: &Catalog,
    state: &impl Seen,
    opts: &Options,
) -> SyncedWith<'m, 's> {
    let eol = locale.eol;
    let text = locale.text;
    // Message number by source entry, so that an ID's message is found through the
    // source's own index (a map of every ID was ~50 MB at a million messages).
    let mut entry_message = vec![u32::MAX; source_catalog.spans.len()];
    for (k, m) in messages.iter().enumerate() {
        if let Some(slot) = entry_message.get_mut(m.entry) {
            *slot = u32::try_from(k).unwrap_or(u32::MAX);
        }
    }
    let in_source = |id: &str| -> Option<usize> {
        let &e = source_catalog.index.get(id)?;
        let k = *entry_message.get(e)? as usize;
        messages.get(k).filter(|m| m.id.as_ref() == id).map(|_| k)
    };
    let n = locale.resource.body.len();

    // 1. What each entry is, and whether it sits in the obsolete section.
    let mut roles = Vec::with_capacity(n);
    let mut obsolete_section = Vec::with_capacity(n);
    let mut in_obsolete = false;
    // By message number.
    let mut translated = vec![false; messages.len()];
    let private = locale.private_entries(|id| in_source(id).is_some());
    for i in 0..n {
        let kind = locale.kind(i);
        if kind == EntryKind::ObsoleteHeader {
            in_obsolete = true;
        }
        obsolete_section.push(in_obsolete);
        let role = match kind {
            EntryKind::Message(_) | EntryKind::Term(_) => {
                let id = locale.entry_id(i).unwrap_or_default();
                let first = locale.index.get(id.as_ref()) == Some(&i);
                match in_source(id.as_ref()) {
                    Some(k) if first => {
                        translated[k] = true;
                        Role::Translated(k)
                    }
                    _ => {
                        if in_source(id.as_ref()).is_some()
                            || private.contains(id.as_ref())
                            || opts.keep.contains(id.as_ref())
                            || opts.elsewhere.contains(id.as_ref())
                        {
                            // A duplicate (check reports it, sync keeps it), the locale's own
                            // term or helper message, or a source message of another file.
                            Role::Keep
                        } else {
                            Role::Obsolete
                        }
                    }
                }
            }
            EntryKind::ObsoleteHeader => Role::Drop,
            _ => Role::Keep,
        };
        roles.push(role);
    }
    // Templates: carta's own are refreshed or dropped; one a translator edited is
    // theirs and stays as it is, wherever it is.
    let mut templated = vec![false; messages.len()];
    let mut owners: HashMap<usize, TemplateOwner> = HashMap::new();
    let mut stats = Stats::default();
    let mut kept: Vec<(String, Patterns)> = Vec::new();
    for (i, role) in roles.iter_mut().enumerate() {
        if let EntryKind::Template(id) = locale.kind(i) {
            let k = in_source(id);
            let source = k.map(|k| &messages[k]);
            let fresh = source.map(|m| template(source_catalog, m.entry, eol));
            let owner = if fresh.as_deref() == Some(&text[locale.spans[i].range()]) {
                TemplateOwner::Current
            } else {
                template_owner(locale, i, id, source.map(|m| &*m.patterns), state)
            };
            owners.insert(i, owner);
            // A source message not yet translated nor templated (once each).
            let mut take = |k: Option<usize>| match k {
                Some(k) if !translated[k] && !obsolete_section[i] && !templated[k] => {
                    templated[k] = true;
                    Some(k)
                }
                _ => None,
            };
            *role = match owner {
                TemplateOwner::Translator => {
                    stats.edited_templates += 1;
                    if let Some(k) = take(k) {
                        if let Some(p) = state.patterns(id) {
                            kept.push((id.to_string(), p));
                        }
                        Role::EditedTemplate(k)
                    } else {
                        Role::Keep
                    }
                }
                // carta's template for a message a fallback locale now covers goes (a
                // sparse regional locale lists only its own overrides); one a translator
                // edited stays (above).
                _ if opts.covered.contains(id) => Role::Drop,
                _ => match take(k) {
                    Some(k) => Role::Template(k),
                    None => Role::Drop,
                },
            };
        }
    }
    // An obsolete translation keeps the source text it last saw: the translation memory
    // offers it for a message with that text, and if the message comes back with other
    // text, it comes back outdated.
    if !opts.prune {
        for (i, role) in roles.iter().enumerate() {
            if *role != Role::Obsolete {
                continue;
            }
            let Some(id) = locale.entry_id(i) else {
                continue;
            };
            if locale.index.get(id.as_ref()) != Some(&i) {
                continue;
            }
            if let Some(p) = state.patterns(&id) {
                kept.push((id.into_owned(), p));
            }
        }
    }
    kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));

    // 2. New text for each translated message (outdated markers) and template.
    let mut seen: Vec<&SourceMessage> = Vec::new();
    let mut reviews = std::collections::BTreeMap::new();
    let mut replacement: HashMap<usize, String> = HashMap::new();
    for i in 0..n {
        match roles[i] {
            Role::Translated(k) => {
                let message = &messages[k];
                let id = &message.id;
                let current = &message.patterns;
                let old = if state.changed(id, current) {
                    state.patterns(id)
                } else {
                    None
                };
                if let Some(record) = state.review(id) {
                    if crate::review::Record::parse(&record)
                        .is_some_and(|r| r.holds_for_texts(current, &locale.body_text(i)))
                    {
                        reviews.insert(id.to_string(), record);
                    }
                }
                // The usual translation: current and unmarked (see `mark`).
                let (entry_text, status) = if old.is_none() && locale.outdated_marker(i).is_none() {
                    (None, Status::Current)
                } else {
                    mark(locale, i, old.as_ref(), &owned(current), eol)
                };
                // A suggestion left above a translation made from its template has done
                // its job: it goes (only an unedited one: see `suggestion_block`).
                let entry_text = match without_suggestion(
                    entry_text
                        .as_deref()
                        .unwrap_or(&text[locale.spans[i].range()]),
                ) {
                    Some(stripped) => Some(stripped),
                    None => entry_text,
                };
                match status {
                    Status::Newly => stats.outdated += 1,
                    Status::Still => stats.still_outdated += 1,
                    Status::Current => stats.unchanged += 1,
                }
                if let Some(new) = entry_text.filter(|t| *t != text[locale.spans[i].range()]) {
                    replacement.insert(i, new);
                }
                seen.push(message);
            }
            Role::Template(k) => {
                let message = &messages[k];
                let id = &message.id;
                let existing = &text[locale.spans[i].range()];
                let had_suggestion = crate::catalog::suggestion_block(
                    &locale.text[locale.spans[i].range()]
                        .lines()
                        .map(comment_content)
                        .collect::<Vec<_>>(),
                )
                .is_some();
                match offered(
                    source_catalog,
                    source_ast,
                    message.entry,
                    id,
                    opts.memory,
                    eol,
                ) {
                    Offered::Prefill(new) => {
                        replacement.insert(i, new);
                        translated[k] = true;
                        stats.from_memory += 1;
                        stats.prefilled.push(id.to_string());
                    }
                    Offered::Template(new, suggested) => {
                        stats.suggested += usize::from(suggested);
                        // A template without a suggestion before or after is refreshed
                        // only when it shows an earlier source text (a hand-spaced one
                        // that shows the current text stays as it is).
                        if (suggested || had_suggestion) && new != existing
                            || owners.get(&i) == Some(&TemplateOwner::Stale)
                        {
                            replacement.insert(i, new);
                        }
                    }
                }
                seen.push(message);
            }
            _ => {}
        }
    }

    // 3. Where the messages the main part lacks go: after their nearest preceding source
    //    neighbour that is there, or before the first one.
    // Entry by message number (`usize::MAX`: not in the main part).
    let mut position = vec![usize::MAX; messages.len()];
    for i in 0..n {
        if obsolete_section[i] {
            continue;
        }
        if let Role::Translated(k) | Role::Template(k) | Role::EditedTemplate(k) = roles[i] {
            position[k] = i;
        }
    }
    let revived: HashMap<usize, usize> = (0..n)
        .filter(|&i| obsolete_section[i])
        .filter_map(|i| match roles[i] {
            Role::Translated(k) => Some((k, i)),
            _ => None,
        })
        .collect();
    let mut after: HashMap<usize, Vec<String>> = HashMap::new();
    let mut before_first: Vec<String> = Vec::new();
    let mut anchor: Option<usize> = None;
    for (k, m) in messages.iter().enumerate() {
        if position[k] != usize::MAX {
            anchor = Some(position[k]);
            continue;
        }
        let piece = match revived.get(&k) {
            Some(&i) => replacement
                .get(&i)
                .cloned()
                .unwrap_or_else(|| text[locale.spans[i].range()].to_string()),
            None if opts.covered.contains(m.id.as_ref()) => continue,
            None => {
                seen.push(m);
                match offered(source_catalog, source_ast, m.entry, &m.id, opts.memory, eol) {
                    Offered::Prefill(text) => {
                        translated[k] = true;
                        stats.from_memory += 1;
                        stats.prefilled.push(m.id.to_string());
                        text
                    }
                    Offered::Template(text, suggested) => {
                        stats.added += 1;
                        stats.suggested += usize::from(suggested);
                        text
                    }
                }
            }
        };
        match anchor {
            Some(a) => after.entry(a).or_default().push(piece),
            None => before_first.push(piece),
        }
    }
    let first_source_entry = (0..n).find(|&i| {
        !obsolete_section[i]
            && matches!(
                roles[i],
                Role::Translated(_) | Role::Template(_) | Role::EditedTemplate(_)
            )
    });

    // 4. Assemble: main part in file order with insertions, then the obsolete section.
    let mut out = String::with_capacity(text.len() + 256);
    out.push_str(locale.prefix());
    let mut moved: Vec<String> = Vec::new();
    let mut kept_obsolete: Vec<usize> = Vec::new();
    let mut obsolete_header: Option<usize> = None;
    for i in 0..n {
        let span = &locale.spans[i];
        if obsolete_section[i] {
            match roles[i] {
                Role::Drop if locale.kind(i) == EntryKind::ObsoleteHeader => {
                    obsolete_header = obsolete_header.or(Some(i))
                }
                Role::Translated(_) | Role::Drop => {}
                // An entry of no bytes (fluent-syntax can end a file with an empty junk
                // entry after a comment holding lone CRs) keeps nothing: it must not keep
                // the obsolete header either, or the next sync, without it, drops the
                // header (found by the sync fuzzer).
                _ if span.start == span.end => {}
                _ => kept_obsolete.push(i),
            }
            continue;
        }
        if Some(i) == first_source_entry {
            for piece in before_first.drain(..) {
                push_piece(&mut out, &piece, eol);
            }
        }
        match &roles[i] {
            Role::Drop => {}
            Role::Obsolete => {
                stats.obsoleted += 1;
                moved.push(text[span.range()].to_string());
            }
            _ => {
                match replacement.get(&i) {
                    Some(new) => {
                        out.push_str(new);
                        out.push_str(&text[span.end..span.next]);
                    }
                    None => out.push_str(&text[span.start..span.next]),
                }
                if !out.ends_with('\n') && after.contains_key(&i) {
                    out.push_str(eol);
                }
            }
        }
        if let Some(pieces) = after.remove(&i) {
            for piece in pieces {
                push_piece(&mut out, &piece, eol);
            }
        }
    }
    for piece in before_first.drain(..) {
        push_piece(&mut out, &piece, eol);
    }

    let obsolete_messages = kept_obsolete
        .iter()
        .filter(|&&i| roles[i] == Role::Obsolete)
        .count()
        + moved.len();
    if opts.prune {
        stats.pruned = obsolete_messages;
        stats.obsoleted = 0;
        kept_obsolete.retain(|&i| roles[i] != Role::Obsolete);
        moved.clear();
    }
    if !kept_obsolete.is_empty() || !moved.is_empty() {
        match obsolete_header {
            Some(h) => {
                let span = &locale.spans[h];
                ensure_blank_line(&mut out, eol);
                out.push_str(&text[span.start..span.next]);
            }
            None => push_piece(&mut out, &obsolete_header_text(eol), eol),
        }
        for &i in &kept_obsolete {
            let span = &locale.spans[i];
            if !out.ends_with('\n') {
                out.push_str(eol);
            }
            out.push_str(&text[span.start..span.next]);
        }
        for piece in moved {
            let mut piece = piece;
            if !piece.ends_with('\n') {
                piece.push_str(eol);
            }
            push_piece(&mut out, &piece, eol);
        }
    }

    if out != text {
        // Something changed: end the file with exactly one line ending — the one its last
        // line already had, so a translator's last line keeps its bytes.
        // (Not tabs: a tab is text in Fluent, `a = \t` a message whose value is a tab.)
        let trimmed = out.trim_end_matches(['\n', '\r', ' ']).len();
        let last_eol = if out[trimmed..].starts_with("\r\n") {
            "\r\n"
        } else if out[trimmed..].starts_with('\n') {
            "\n"
        } else {
            eol
        };
        out.truncate(trimmed);
        out.push_str(last_eol);
    }
    stats.untranslated = messages
        .iter()
        .zip(&translated)
        .filter(|(m, &done)| !done && !opts.covered.contains(m.id.as_ref()))
        .count();
    stats.junk = (0..n)
        .filter(|&i| locale.kind(i) == EntryKind::Junk)
        .count();
    seen.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    SyncedWith {
        text: out,
        seen,
        kept,
        reviews,
        stats,
    }
}

/// A comment line's text as the parser gives it: without `# ` (or `#`).
fn comment_content(line: &str) -> &str {
    line.strip_prefix("# ")
        .or_else(|| line.strip_prefix('#'))
        .unwrap_or(line)
}

/// `entry` without the carta-written, unedited suggestion among its leading comment
/// lines; `None` when it has none.
fn without_suggestion(entry: &str) -> Option<String> {
    let lines: Vec<&str> = entry.split_inclusive('\n').collect();
    let comments = lines.iter().take_while(|l| l.starts_with('#')).count();
    let contents: Vec<&str> = lines[..comments]
        .iter()
        .map(|l| comment_content(l.trim_end_matches(['\n', '\r'])))
        .collect();
    let block = crate::catalog::suggestion_block(&contents)?;
    Some(
        lines
            .iter()
            .enumerate()
            .filter(|(n, _)| !block.contains(n))
            .map(|(_, l)| *l)
            .collect(),
    )
}

/// What sync writes for a source message the locale lacks.
enum Offered {
    /// The translation memory has every part of it exactly: the translation, under a
    /// `# carta-from-memory` line naming where it came from.
    Prefill(String),
    /// The `# TODO` template, with a suggestion above it when the memory has a similar
    /// text (`true`).
    Template(String, bool),
}

/// What sync writes for source entry `i` (message `id`) given the locale's memory.
fn offered(
    source: &Catalog,
    ast: &SourceAst,
    i: usize,
    id: &str,
    memory: Option<&crate::memory::Memory>,
    eol: &str,
) -> Offered {
    let plain = || Offered::Template(template(source, i, eol), false);
    let Some(memory) = memory.filter(|m| !m.is_empty() && !id.starts_with('-')) else {
        return plain();
    };
    let source = ast.get();
    let patterns = source.patterns(i);
    let matches: Vec<(String, String, Option<crate::memory::Match>)> = patterns
        .into_iter()
        .map(|(key, text)| {
            let hit = memory.lookup(&text, id);
            (key, text, hit)
        })
        .collect();
    if matches.iter().all(|(_, _, m)| m.is_none()) {
        return plain();
    }
    if matches
        .iter()
        .all(|(_, _, m)| m.is_some_and(|m| m.percent == 100))
    {
        if let Some(text) = prefill(source, i, id, memory, &matches, eol) {
            return Offered::Prefill(text);
        }
    }
    let mut lines = Vec::new();
    for (key, text, hit) in &matches {
        let Some(hit) = hit else { continue };
        let entry = memory.entry(hit.entry);
        let label = if key.is_empty() {
            "value"
        } else {
            key.as_str()
        };
        lines.push(format!(
            "  {label} {}% like {}: {}",
            hit.percent,
            safe_line(&entry.origin()),
            safe_line(&entry.target.fluent())
        ));
        if hit.percent < 100 {
            lines.push(format!(
                "  {label} diff: {}",
                safe_line(&word_diff(&entry.source, text))
            ));
        }
    }
    let hash = text_hash(&lines.join("\n"));
    let mut out = format!(
        "# {} [{hash}]: the translation memory has similar text; check it, use what fits, then delete these lines{eol}",
        crate::catalog::SUGGESTION_PREFIX
    );
    for l in &lines {
        out.push_str("# ");
        out.push_str(l);
        out.push_str(eol);
    }
    out.push_str(&template(source, i, eol));
    Offered::Template(out, true)
}

/// The message pre-filled from exact matches, if it makes a valid translation (same
/// parts, the source's placeables); `None` otherwise (then it is only suggested).
fn prefill(
    source: &Catalog,
    i: usize,
    id: &str,
    memory: &crate::memory::Memory,
    matches: &[(String, String, Option<crate::memory::Match>)],
    eol: &str,
) -> Option<String> {
    use crate::exchange::{self, inline};
    let source_parts = exchange::entry_patterns(&source.resource.body[i]);
    let mut parts = Vec::new();
    let mut origins: Vec<String> = Vec::new();
    for (key, _, hit) in matches {
        let entry = memory.entry(hit.as_ref()?.entry);
        let fluent = entry.target.fluent();
        let toks = exchange::parse_pattern(&fluent).ok()?;
        let (_, src) = source_parts.iter().find(|(k, _)| k == key)?;
        if exchange::placeholder_problem(&inline::tokens(src), None, &toks).is_some() {
            return None;
        }
        parts.push((key.clone(), fluent));
        // Parts of one message name it once.
        let unit = entry
            .unit
            .strip_suffix(key.as_str())
            .filter(|_| !key.is_empty())
            .unwrap_or(&entry.unit);
        let origin = format!("`{unit}` in {}", entry.file);
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    let body = exchange::entry_source(id, &parts, eol);
    let parsed = Catalog::parse(&body);
    if !parsed.errors.is_empty()
        || parsed.resource.body.len() != 1
        || parsed.entry_id(0).as_deref() != Some(id)
    {
        return None;
    }
    Some(format!(
        "# {} exact match of {}; check that it fits here, then delete this line{eol}{body}",
        crate::catalog::FROM_MEMORY_PREFIX,
        safe_line(&origins.join(", "))
    ))
}

/// `text` on one comment line: line breaks as ` ⏎ `, other control characters and bidi
/// embeddings, overrides and isolates (which would reorder how the line reads in an
/// editor) as U+FFFD.
fn safe_line(text: &str) -> String {
    one_line(text)
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Adds a generated or moved piece with a blank line before and after it, so a template
/// never glues itself to a message as that message's comment.
fn push_piece(out: &mut String, piece: &str, eol: &str) {
    ensure_blank_line(out, eol);
    out.push_str(piece);
    out.push_str(eol);
}

fn ensure_blank_line(out: &mut String, eol: &str) {
    if out.is_empty() {
        return;
    }
    if !out.ends_with('\n') {
        out.push_str(eol);
    }
    let without_last = &out[..out.len() - 1].trim_end_matches('\r');
    if !without_last.ends_with('\n') {
        out.push_str(eol);
    }
}

/// The comment that opens the obsolete section at the end of a locale file.
pub fn obsolete_header_text(eol: &str) -> String {
    [
        format!("## {OBSOLETE_PREFIX}: these translations are no longer in the source. They are kept so no"),
        "## work is lost: reuse what you need, then delete them (or run `carta sync --prune`).".into(),
    ]
    .iter()
    .map(|l| format!("{l}{eol}"))
    .collect()
}

/// Whether a translation is outdated after this sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Current,
    /// Marked by this sync.
    Newly,
    /// Marked by an earlier sync and not edited since.
    Still,
}

/// The entry text of translated message `i` with its outdated marker added, updated or
/// removed, and its status. `changed` is the source text the translation last saw, given
/// only when it differs from `current`.
fn mark(
    locale: &Catalog,
    i: usize,
    changed: Option<&Patterns>,
    current: &Patterns,
    eol: &str,
) -> (Option<String>, Status) {
    // A marker always shows what changed: no old text that differs, no marker.
    let changed = changed.filter(|old| differs(old, current));
    let span = &locale.spans[i];
    let entry = &locale.text[span.range()];
    let marker = locale.outdated_marker(i);
    if marker.is_none() && changed.is_none() {
        // The common case: current and unmarked. No hash needed.
        return (None, Status::Current);
    }
    let hash = text_hash(&locale.body_text(i));
    // The entry without the lines sync wrote for its marker (wherever they are among the
    // comment's lines: a translator's note between them stays, in its place).
    let after_marker = || -> String {
        let comment_len = span.body_start.saturating_sub(span.start).min(entry.len());
        let mut out = String::with_capacity(entry.len());
        let mut header_seen = false;
        for line in entry[..comment_len].split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let content = content.strip_prefix('#').unwrap_or(content);
            let content = content.strip_prefix(' ').unwrap_or(content);
            if !header_seen && content.starts_with(OUTDATED_PREFIX) {
                header_seen = true;
                continue;
            }
            if header_seen && crate::catalog::is_marker_line(content) {
                continue;
            }
            out.push_str(line);
        }
        out.push_str(&entry[comment_len..]);
        out
    };
    match (marker, changed) {
        // Edited since it was marked, the source unchanged: still outdated until the
        // translator deletes the marker. (An edit is no proof the translation follows the
        // new source: a typo fix merged from another branch is an edit too.)
        (Some(m), None) if m.hash != hash => (None, Status::Still),
        // Edited, but the source moved on once more: a fresh marker from that source.
        (Some(m), Some(old)) if m.hash != hash => (
            Some(format!(
                "{}{}",
                marker_lines(old, current, &hash, eol),
                after_marker()
            )),
            Status::Newly,
        ),
        // Not edited and the source changed again: keep what it was translated from —
        // the marker's `was` texts, and for what the marker does not mention (it did not
        // change then) the text the state recorded.
        (Some(_), Some(old)) => {
            let marked = marker_was(locale.comment_lines(i), locale.comment_lines(i).len());
            let mut was = old.clone();
            for (key, text) in marked {
                match was.iter_mut().find(|(k, _)| *k == key) {
                    Some(slot) => slot.1 = text,
                    None => was.push((key, text)),
                }
            }
            if !differs(&was, current) {
                // The source is back to what was translated: current again.
                return (Some(after_marker()), Status::Current);
            }
            (
                Some(format!(
                    "{}{}",
                    marker_lines(&was, current, &hash, eol),
                    after_marker()
                )),
                Status::Still,
            )
        }
        (Some(_), None) => (None, Status::Still),
        (None, Some(old)) => (
            Some(format!("{}{entry}", marker_lines(old, current, &hash, eol))),
            Status::Newly,
        ),
        (None, None) => (None, Status::Current),
    }
}

fn one_line(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', " ⏎ ")
}

/// The `was:` texts of an existing marker (its lines among the comment's `lines`).
fn marker_was(lines: &[&str], len: usize) -> Patterns {
    let mut out = Vec::new();
    for line in lines.iter().take(len).skip(1) {
        if !crate::catalog::is_marker_line(line) {
            continue;
        }
        let line = line.trim_start();
        if let Some((key, text)) = line.split_once("was: ") {
            let key = key.trim();
            let key = if key == "value" { "" } else { key };
            out.push((key.to_string(), text.replace(" ⏎ ", "\n")));
        }
    }
    out
}

/// Whether any value or attribute of `old` and `new` differs.
fn differs(old: &Patterns, new: &Patterns) -> bool {
    fn get<'p>(p: &'p Patterns, k: &str) -> Option<&'p String> {
        p.iter().find(|(key, _)| key == k).map(|(_, t)| t)
    }
    new.iter()
        .chain(old.iter())
        .any(|(k, _)| get(old, k) != get(new, k))
}

/// The marker comment lines for a translation whose source went from `old` to `new`.
pub fn marker_lines(old: &Patterns, new: &Patterns, hash: &str, eol: &str) -> String {
    let mut out = format!(
        "# {OUTDATED_PREFIX} [{hash}]: the source changed after this was translated. Update the translation, then delete these lines.{eol}"
    );
    let get = |p: &Patterns, k: &str| p.iter().find(|(key, _)| key == k).map(|(_, t)| t.clone());
    let mut keys: Vec<String> = new.iter().map(|(k, _)| k.clone()).collect();
    for (k, _) in old {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    for key in keys {
        let (was, now) = (get(old, &key), get(new, &key));
        if was == now {
            continue;
        }
        let label = if key.is_empty() {
            "value".to_string()
        } else {
            key.clone()
        };
        let was = was.unwrap_or_default();
        let now = now.unwrap_or_default();
        out.push_str(&format!("#   {label} was: {}{eol}", one_line(&was)));
        out.push_str(&format!("#   {label} now: {}{eol}", one_line(&now)));
        out.push_str(&format!(
            "#   {label} diff: {}{eol}",
            one_line(&word_diff(&was, &now))
        ));
    }
    out
}

/// `[-removed-]{+added+}` word diff.
pub fn word_diff(old: &str, new: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    let mut current: Option<ChangeTag> = None;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if current != Some(tag) {
            match current {
                Some(ChangeTag::Delete) => out.push_str("-]"),
                Some(ChangeTag::Insert) => out.push_str("+}"),
                _ => {}
            }
            match tag {
                ChangeTag::Delete => out.push_str("[-"),
                ChangeTag::Insert => out.push_str("{+"),
                ChangeTag::Equal => {}
            }
            current = Some(tag);
        }
        out.push_str(change.value());
    }
    match current {
        Some(ChangeTag::Delete) => out.push_str("-]"),
        Some(ChangeTag::Insert) => out.push_str("+}"),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every source ID is found whether the source files' indexes are asked one by one
    /// (a few files) or merged (many), and nothing else is.
    #[test]
    fn source_id_set_finds_every_file_s_ids() {
        let texts: Vec<String> = (0..6).map(|f| format!("a{f} = A\n-t{f} = T\n")).collect();
        let catalogs: Vec<Catalog> = texts.iter().map(|t| Catalog::parse(t)).collect();
        for n in [2, 6] {
            let set = SourceIdSet::new(catalogs[..n].iter());
            assert_eq!(set.merged.is_some(), n > 4);
            for f in 0..6 {
                assert_eq!(set.contains(&format!("a{f}")), f < n);
                assert_eq!(set.contains(&format!("-t{f}")), f < n);
            }
            assert!(!set.contains("t0") && !set.contains(""));
        }
    }

    const SOURCE: &str = "### Source\n\n## Intro\n\na = Alpha\n\nb = Beta\n    .body = Beta body\n\n## More\n\nc = Gamma\n";

    fn run(source: &str, locale: &str, state: &State) -> Synced {
        let covered = rustc_hash::FxHashSet::default();
        let opts = Options {
            tag: "es",
            source_label: "x",
            prune: false,
            covered: &covered,
            keep: &covered,
            elsewhere: &covered,
            memory: None,
        };
        sync(
            &Catalog::parse(source),
            &Catalog::parse(locale),
            state,
            &opts,
        )
    }

    #[test]
    fn new_file_has_templates_and_groups() {
        let covered = rustc_hash::FxHashSet::default();
        let opts = Options {
            tag: "es",
            source_label: "content/x.md",
            prune: false,
            covered: &covered,
            keep: &covered,
            elsewhere: &covered,
            memory: None,
        };
        let s = new_file(&Catalog::parse(SOURCE), &opts);
        assert!(s.text.contains(
            "## Intro\n\n# TODO a = Alpha\n\n# TODO b = Beta\n#     .body = Beta body\n"
        ));
        assert_eq!(s.stats.added, 3);
        let c = Catalog::parse(&s.text);
        assert!(c.errors.is_empty());
        // Syncing the new file changes nothing.
        let again = run(SOURCE, &s.text, &State::default());
        assert_eq!(again.text, s.text);
    }

    #[test]
    fn untouched_file_is_byte_identical() {
        let locale = "### mine\r\n\r\n# note\r\na = Alfa\r\n\r\n\r\nbroken without equals\r\n\r\nb = Beta-es\r\n    .body = Cuerpo\r\n\r\nc = Gama";
        let first = run(SOURCE, locale, &State::default());
        assert_eq!(first.text, locale);
        let second = run(SOURCE, locale, &first.state);
        assert_eq!(second.text, locale);
        assert_eq!(second.stats.unchanged, 3);
        assert_eq!(second.stats.junk, 1);
    }

    #[test]
    fn missing_goes_next_to_neighbours() {
        let locale = "a = Alfa\n\nc = Gama\n";
        let s = run(SOURCE, locale, &State::default());
        assert_eq!(
            s.text,
            "a = Alfa\n\n# TODO b = Beta\n#     .body = Beta body\n\nc = Gama\n"
        );
        assert_eq!(s.stats.added, 1);
    }

    #[test]
    fn changed_source_marks_outdated_until_edited() {
        let locale = "a = Alfa\n\nb = Beta-es\n    .body = Cuerpo\n\nc = Gama\n";
        let first = run(SOURCE, locale, &State::default());
        let changed = SOURCE.replace("Beta body", "Beta body, longer");
        let second = run(&changed, &first.text, &first.state);
        assert_eq!(second.stats.outdated, 1);
        assert!(
            second
                .text
                .contains("#   .body was: Beta body\n#   .body now: Beta body, longer\n"),
            "{}",
            second.text
        );
        // Syncing again keeps the marker and counts nothing new.
        let third = run(&changed, &second.text, &second.state);
        assert_eq!(third.text, second.text);
        // The translator edits the translation: still outdated until the marker is
        // deleted (an edit alone may be a typo fix merged from another branch).
        let edited = third.text.replace("Cuerpo", "Cuerpo, más largo");
        let fourth = run(&changed, &edited, &third.state);
        assert_eq!(fourth.text, edited);
        assert_eq!(fourth.stats.still_outdated, 1);
        // The translator deletes the marker: current.
        let cleared: String = edited
            .split_inclusive('\n')
            .filter(|l| !l.starts_with("# carta-outdated") && !l.starts_with("#   .body"))
            .collect();
        let fifth = run(&changed, &cleared, &fourth.state);
        assert!(!fifth.text.contains(OUTDATED_PREFIX));
        assert!(fifth.text.contains("Cuerpo, más largo"));
        assert_eq!(fifth.stats.unchanged, 3);
    }

    #[test]
    fn removed_messages_move_to_obsolete_and_come_back() {
        let locale = "a = Alfa\n\nb = Beta-es\n\nc = Gama\n";
        let without_b = SOURCE.replace("b = Beta\n    .body = Beta body\n", "");
        let s = run(&without_b, locale, &State::default());
        assert!(
            s.text
                .ends_with("(or run `carta sync --prune`).\n\nb = Beta-es\n"),
            "{}",
            s.text
        );
        assert_eq!(s.stats.obsoleted, 1);
        let again = run(&without_b, &s.text, &s.state);
        assert_eq!(again.text, s.text);
        let back = run(SOURCE, &s.text, &s.state);
        assert!(
            back.text
                .starts_with("a = Alfa\n\nb = Beta-es\n\nc = Gama\n"),
            "{}",
            back.text
        );
        assert!(!back.text.contains("obsolete"));
    }

    #[test]
    fn sparse_locales_get_no_templates_for_covered_messages() {
        let covered: rustc_hash::FxHashSet<String> =
            ["a".to_string(), "c".to_string()].into_iter().collect();
        let opts = Options {
            tag: "es-MX",
            source_label: "x",
            prune: false,
            covered: &covered,
            keep: &covered,
            elsewhere: &covered,
            memory: None,
        };
        let s = sync(
            &Catalog::parse(SOURCE),
            &Catalog::parse("c = Gama-mx\n"),
            &State::default(),
            &opts,
        );
        assert_eq!(
            s.text,
            "# TODO b = Beta\n#     .body = Beta body\n\nc = Gama-mx\n"
        );
        assert_eq!(s.stats.untranslated, 1);
        // carta's template for a message the fallback now covers goes (issue 16.13); one
        // a translator edited stays.
        let carta_wrote = "# TODO a = Alpha\n\nc = Gama-mx\n";
        let s = sync(
            &Catalog::parse(SOURCE),
            &Catalog::parse(carta_wrote),
            &State::default(),
            &opts,
        );
        assert_eq!(
            s.text,
            "# TODO b = Beta\n#     .body = Beta body\n\nc = Gama-mx\n"
        );
        let edited = "# TODO a = Alfa, a mano\n\nc = Gama-mx\n";
        let s = sync(
            &Catalog::parse(SOURCE),
            &Catalog::parse(edited),
            &State::default(),
            &opts,
        );
        assert!(
            s.text.starts_with("# TODO a = Alfa, a mano\n"),
            "{}",
            s.text
        );
    }

    #[test]
    fn word_diff_marks_changes() {
        assert_eq!(word_diff("a b c", "a x c"), "a [-b-]{+x+} c");
    }
}
