//! Translation memory: what a locale already translated, offered for the messages it
//! has not translated yet.
//!
//! A [`Memory`] holds one [`Entry`] per translated pattern (a message's value or one
//! attribute): its source text, the translation and where it came from — a current
//! translation in any file of the locale, an obsolete one still in a file (its source
//! text from the `.ftl.sync` state), or a unit imported from a TMX file
//! (`locales/<tag>/memory.tmx`). `sync` asks it for an [`Offer`] per template it writes:
//! every pattern of the message found exactly → the translation pre-filled (and marked
//! for review); otherwise the best matches at least [`FUZZY_THRESHOLD`] % similar, as a
//! commented suggestion.
//!
//! Lookup goes through indexes built on first use, never a scan of the memory: exact
//! matches by the hash of the normalised source text; fuzzy ones through an inverted
//! index of word bigrams (shingles) — the entries sharing the most bigrams with the text,
//! at most [`CANDIDATES`] of them, and only those, get a word-level edit distance. A
//! bigram that more than [`MAX_POSTINGS`] entries share ("of the") says little and is
//! not counted. This module does no I/O.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

/// The least similarity (in percent) a fuzzy match needs to be offered.
pub const FUZZY_THRESHOLD: u32 = 75;
/// How many entries sharing bigrams with a text get their similarity computed.
pub const CANDIDATES: usize = 24;
/// A bigram in more entries than this is not used to find candidates.
pub const MAX_POSTINGS: usize = 4096;
/// Texts longer than this (in words) get exact matches only: the edit distance is
/// quadratic in the length.
pub const MAX_FUZZY_WORDS: usize = 300;

/// Where an entry came from, in order of preference when two match equally well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A current translation in one of the locale's files.
    Current,
    /// A translation in the obsolete section (or of a message the source no longer has).
    Obsolete,
    /// A unit imported from a TMX file.
    Imported,
}

/// The translation of an entry: a pattern of a parsed locale file (turned into Fluent
/// source only when offered), or Fluent source already (from TMX).
#[derive(Debug, Clone)]
pub enum Target<'a> {
    Pattern(&'a fluent_syntax::ast::Pattern<&'a str>),
    Fluent(String),
}

impl Target<'_> {
    /// The translation as Fluent pattern source (continuation lines not indented).
    pub fn fluent(&self) -> String {
        match self {
            Target::Pattern(p) => {
                crate::exchange::inline::plain_fluent(&crate::exchange::inline::tokens(p))
            }
            Target::Fluent(s) => s.clone(),
        }
    }
}

/// One translated pattern.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// The source text, as [`crate::catalog::Catalog::patterns`] gives it.
    pub source: Cow<'a, str>,
    pub target: Target<'a>,
    /// The file it is in (`locales/es/a.ftl`, `locales/es/memory.tmx`).
    pub file: Cow<'a, str>,
    /// The unit: `message-id`, `message-id.attr`, or a TMX `tuid`.
    pub unit: Cow<'a, str>,
    pub kind: Kind,
}

impl Entry<'_> {
    /// "`a-id` in locales/es/a.ftl"
    pub fn origin(&self) -> String {
        format!("`{}` in {}", self.unit, self.file)
    }
}

/// A match for one pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub entry: usize,
    /// 100 for an exact match; a fuzzy one is below 100 even when only case, spacing or
    /// punctuation differ.
    pub percent: u32,
}

/// What makes a memory's entries when it is first asked (see [`Memory::lazy`]).
type Build<'a> = &'a dyn Fn() -> Memory<'a>;

/// A locale's memory with its indexes.
#[derive(Default)]
pub struct Memory<'a> {
    /// Made on first use by `build` when the memory is [`Memory::lazy`]: a sync that
    /// writes no template never asks (at a million messages the entries are ~100 MB).
    entries: OnceCell<Vec<Entry<'a>>>,
    build: std::cell::Cell<Option<Build<'a>>>,
    exact: OnceCell<FxHashMap<u64, Vec<u32>>>,
    fuzzy: OnceCell<Fuzzy>,
    /// Shared-bigram counts per entry, reused from query to query (all zero between).
    counts: std::cell::RefCell<Vec<u16>>,
}

#[derive(Default)]
struct Fuzzy {
    /// Per entry: its words (hashed, lower case).
    words: Vec<Vec<u64>>,
    /// Bigram hash → its range of `entries`.
    postings: FxHashMap<u64, (u32, u32)>,
    /// The entries of each bigram, ascending, bigram after bigram.
    entries: Vec<u32>,
}

impl Fuzzy {
    fn postings(&self, shingle: u64) -> &[u32] {
        match self.postings.get(&shingle) {
            Some(&(start, end)) => &self.entries[start as usize..end as usize],
            None => &[],
        }
    }
}

impl<'a> Memory<'a> {
    pub fn new() -> Memory<'a> {
        Memory::default()
    }

    /// A memory whose entries `build` makes the first time anything is asked of it.
    pub fn lazy(build: Build<'a>) -> Memory<'a> {
        Memory {
            build: std::cell::Cell::new(Some(build)),
            ..Memory::default()
        }
    }

    /// Every entry, made now if the memory is lazy and this is the first use.
    fn all(&self) -> &Vec<Entry<'a>> {
        self.entries.get_or_init(|| match self.build.take() {
            Some(build) => build().entries.into_inner().unwrap_or_default(),
            None => Vec::new(),
        })
    }

    pub fn push(&mut self, entry: Entry<'a>) {
        debug_assert!(self.exact.get().is_none(), "entries after the first lookup");
        self.all();
        if let Some(entries) = self.entries.get_mut() {
            entries.push(entry);
        }
    }

    pub fn len(&self) -> usize {
        self.all().len()
    }

    pub fn is_empty(&self) -> bool {
        self.all().is_empty()
    }

    pub fn entry(&self, i: usize) -> &Entry<'a> {
        &self.all()[i]
    }

    pub fn entries(&self) -> &[Entry<'a>] {
        self.all()
    }

    fn exact_index(&self) -> &FxHashMap<u64, Vec<u32>> {
        self.exact.get_or_init(|| {
            let mut map: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
            map.reserve(self.all().len());
            for (i, e) in self.all().iter().enumerate() {
                map.entry(normalized_hash(&e.source))
                    .or_default()
                    .push(i as u32);
            }
            map
        })
    }

    fn fuzzy_index(&self) -> &Fuzzy {
        self.fuzzy.get_or_init(|| {
            // (bigram, entry) pairs sorted once: one flat array of postings, no list per
            // bigram to grow.
            let mut words = Vec::with_capacity(self.all().len());
            let mut pairs: Vec<(u64, u32)> = Vec::with_capacity(self.all().len() * 16);
            for (i, e) in self.all().iter().enumerate() {
                let w = words_of(&e.source);
                pairs.extend(shingles(&w).map(|s| (s, i as u32)));
                words.push(w);
            }
            pairs.sort_unstable();
            pairs.dedup();
            let mut postings = FxHashMap::default();
            let mut entries = Vec::with_capacity(pairs.len());
            let mut start = 0;
            while start < pairs.len() {
                let shingle = pairs[start].0;
                let mut end = start;
                while end < pairs.len() && pairs[end].0 == shingle {
                    entries.push(pairs[end].1);
                    end += 1;
                }
                postings.insert(shingle, (start as u32, end as u32));
                start = end;
            }
            Fuzzy {
                words,
                postings,
                entries,
            }
        })
    }

    /// The preferred entry among `ids`: current translations before obsolete ones
    /// before imported ones, then the first in file order.
    fn best_of(&self, ids: impl Iterator<Item = u32>) -> Option<usize> {
        ids.map(|i| i as usize)
            .min_by_key(|&i| (self.all()[i].kind, i))
    }

    /// Whether entry `i` is a translation of message `id` itself (in another file than
    /// the source has it: `check` says where it belongs; it is no memory for itself).
    fn is_of(&self, i: usize, id: &str) -> bool {
        let unit = &self.all()[i].unit;
        !id.is_empty()
            && unit
                .strip_prefix(id)
                .is_some_and(|r| r.is_empty() || r.starts_with('.'))
            && self.all()[i].kind != Kind::Imported
    }

    /// The entry whose source is `text` (after normalising spacing), if any, other than
    /// a translation of message `not_of`.
    pub fn exact(&self, text: &str, not_of: &str) -> Option<usize> {
        let ids = self.exact_index().get(&normalized_hash(text))?;
        let want = normalize(text);
        self.best_of(ids.iter().copied().filter(|&i| {
            !self.is_of(i as usize, not_of) && normalize(&self.all()[i as usize].source) == want
        }))
    }

    /// The most similar entry at or above [`FUZZY_THRESHOLD`] that is not an exact match
    /// (nor a translation of message `not_of`).
    pub fn fuzzy(&self, text: &str, not_of: &str) -> Option<Match> {
        let query = words_of(text);
        if query.is_empty() || query.len() > MAX_FUZZY_WORDS {
            return None;
        }
        let index = self.fuzzy_index();
        // Shared bigrams per entry, counted over the postings of the text's bigrams in a
        // dense array (reset through the list of entries touched).
        let mut counts = self.counts.borrow_mut();
        counts.resize(self.all().len(), 0);
        let mut touched: Vec<u32> = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for s in shingles(&query) {
            if !seen.insert(s) {
                continue;
            }
            let list = index.postings(s);
            if list.len() <= MAX_POSTINGS {
                for &e in list {
                    let c = &mut counts[e as usize];
                    if *c == 0 {
                        touched.push(e);
                    }
                    *c = c.saturating_add(1);
                }
            }
        }
        let mut candidates: Vec<(u32, u16)> = touched
            .iter()
            .map(|&e| (e, std::mem::take(&mut counts[e as usize])))
            .collect();
        drop(counts);
        // Most shared bigrams first; ties in entry order, so the result is deterministic.
        let order = |a: &(u32, u16), b: &(u32, u16)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if candidates.len() > CANDIDATES {
            candidates.select_nth_unstable_by(CANDIDATES, order);
            candidates.truncate(CANDIDATES);
        }
        candidates.sort_unstable_by(order);
        let want = normalize(text);
        let mut best: Option<(u32, Kind, usize)> = None;
        for (e, _) in candidates {
            let e = e as usize;
            if self.is_of(e, not_of) {
                continue;
            }
            let words = &index.words[e];
            let (short, long) = if words.len() < query.len() {
                (words.len(), query.len())
            } else {
                (query.len(), words.len())
            };
            // The edit distance is at least the length difference: skip what cannot reach
            // the threshold without computing it.
            if (short * 100) < long * FUZZY_THRESHOLD as usize {
                continue;
            }
            let distance = strsim::generic_levenshtein(words, &query);
            let mut percent = (100 * (long - distance.min(long)) / long) as u32;
            if percent >= 100 {
                if normalize(&self.all()[e].source) == want {
                    continue; // exact: not a fuzzy match
                }
                percent = 99; // only case or punctuation differ
            }
            if percent < FUZZY_THRESHOLD {
                continue;
            }
            let key = (percent, self.all()[e].kind, e);
            let better = match best {
                None => true,
                Some((p, k, i)) => percent > p || percent == p && (key.1, key.2) < (k, i),
            };
            if better {
                best = Some(key);
            }
        }
        best.map(|(percent, _, entry)| Match { entry, percent })
    }

    /// The best match for `text` (a pattern of message `not_of`): exact, else fuzzy.
    pub fn lookup(&self, text: &str, not_of: &str) -> Option<Match> {
        match self.exact(text, not_of) {
            Some(entry) => Some(Match {
                entry,
                percent: 100,
            }),
            None => self.fuzzy(text, not_of),
        }
    }
}

/// One file of a locale, as the memory reads it.
pub struct LocaleFile<'a, S> {
    /// The file as shown to users (`locales/es/a.ftl`).
    pub shown: &'a str,
    pub catalog: &'a crate::catalog::Catalog<'a>,
    pub state: &'a S,
}

/// The memory of one locale: every current translation in its files (for the source
/// text of its message, in any source file), every translation of a message the source
/// no longer has whose source text the state recorded, then `imported` (from
/// `memory.tmx`). Left out: outdated translations (they do not say what the source now
/// says) and translations carta pre-filled that nobody has checked yet.
/// A source pattern's key (`""`, `.attr`) and text, borrowed from the source file where
/// it can be (see [`crate::catalog::Catalog::borrowed_patterns`]).
pub type SourceText<'a> = (Cow<'a, str>, Cow<'a, str>);

pub fn from_locale<'a, S: crate::state::Seen>(
    files: &[LocaleFile<'a, S>],
    source: &FxHashMap<&str, &'a [SourceText<'a>]>,
    imported: impl IntoIterator<Item = Entry<'a>>,
) -> Memory<'a> {
    use crate::catalog::FROM_MEMORY_PREFIX;
    let mut memory = Memory::new();
    let mut obsolete = Vec::new();
    for f in files {
        let c = f.catalog;
        for i in 0..c.resource.body.len() {
            if !matches!(c.kind(i), crate::catalog::EntryKind::Message(_)) {
                continue;
            }
            let Some(id) = c.entry_id(i) else { continue };
            if c.index.get(id.as_ref()) != Some(&i)
                || c.outdated_marker(i).is_some()
                || c.comment_lines(i)
                    .iter()
                    .any(|l| l.starts_with(FROM_MEMORY_PREFIX))
            {
                continue;
            }
            let parts = crate::exchange::entry_patterns(&c.resource.body[i]);
            let unit = |key: &str| -> Cow<'a, str> {
                if key.is_empty() {
                    id.clone()
                } else {
                    Cow::Owned(format!("{id}{key}"))
                }
            };
            match source.get(id.as_ref()) {
                Some(patterns) => {
                    if f.state.changed(&id, patterns) {
                        continue;
                    }
                    for (key, text) in patterns.iter() {
                        if let Some((_, p)) = parts.iter().find(|(k, _)| k == key) {
                            memory.push(Entry {
                                source: Cow::Borrowed(text.as_ref()),
                                target: Target::Pattern(p),
                                file: Cow::Borrowed(f.shown),
                                unit: unit(key),
                                kind: Kind::Current,
                            });
                        }
                    }
                }
                None => {
                    for (key, text) in f.state.patterns(&id).unwrap_or_default() {
                        if let Some((_, p)) = parts.iter().find(|(k, _)| *k == key) {
                            obsolete.push(Entry {
                                source: Cow::Owned(text),
                                target: Target::Pattern(p),
                                file: Cow::Borrowed(f.shown),
                                unit: unit(&key),
                                kind: Kind::Obsolete,
                            });
                        }
                    }
                }
            }
        }
    }
    for e in obsolete.into_iter().chain(imported) {
        memory.push(e);
    }
    memory
}

/// Spacing normalised the way two renderings of one Fluent pattern differ: runs of
/// white space are one space, none at the ends, none just inside a placeable's braces
/// (`{ $name }` and `{$name}` are the same text).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space && c != '}' && !out.ends_with('{') {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

fn normalized_hash(text: &str) -> u64 {
    let mut h = FxHasher::default();
    normalize(text).hash(&mut h);
    h.finish()
}

/// The words of a text, lower case, hashed: runs of letters and digits (a placeable's
/// `$name` is the word `name`); punctuation and spacing are not words.
fn words_of(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut h = FxHasher::default();
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                l.hash(&mut h);
            }
            in_word = true;
        } else if in_word {
            out.push(h.finish());
            h = FxHasher::default();
            in_word = false;
        }
    }
    if in_word {
        out.push(h.finish());
    }
    out
}

/// Word bigrams (a one-word text: the word itself).
fn shingles(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    let single = (words.len() == 1).then(|| words[0]);
    words
        .windows(2)
        .map(|w| w[0].rotate_left(17) ^ w[1].wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .chain(single)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory(sources: &[&str]) -> Memory<'static> {
        let mut m = Memory::new();
        for (i, s) in sources.iter().enumerate() {
            m.push(Entry {
                source: Cow::Owned(s.to_string()),
                target: Target::Fluent(format!("t{i}")),
                file: Cow::Borrowed("locales/es/a.ftl"),
                unit: Cow::Owned(format!("m{i}")),
                kind: Kind::Current,
            });
        }
        m
    }

    #[test]
    fn exact_ignores_spacing_inside_placeables_only() {
        let m = memory(&["Hello {$name}, welcome.", "Other text"]);
        assert_eq!(m.exact("Hello { $name },  welcome.", ""), Some(0));
        assert_eq!(m.exact("hello {$name}, welcome.", ""), None);
        assert_eq!(normalize("  a \n b { $x } "), "a b {$x}");
    }

    #[test]
    fn fuzzy_finds_the_most_similar_at_or_above_the_threshold() {
        let m = memory(&[
            "Physical therapists can help you recover after surgery.",
            "Physical therapists can help you move again after an injury.",
            "Drink plenty of water after the session.",
        ]);
        let hit = m
            .fuzzy(
                "Physical therapists can help you recover after an operation.",
                "",
            )
            .unwrap();
        assert_eq!(hit.entry, 0);
        assert_eq!(hit.percent, 77); // 2 of 9 words replaced… of 9: (9-2)/9
        assert_eq!(
            m.fuzzy("Something else entirely, with no shared words.", ""),
            None
        );
        // Exact is not fuzzy; case or punctuation only is 99%.
        assert_eq!(
            m.fuzzy("Drink plenty of water after the session.", ""),
            None
        );
        assert_eq!(
            m.fuzzy("Drink plenty of water after the session!", "")
                .map(|h| h.percent),
            Some(99)
        );
    }

    #[test]
    fn preference_is_current_then_obsolete_then_imported() {
        let mut m = memory(&[]);
        for kind in [Kind::Imported, Kind::Obsolete, Kind::Current] {
            m.push(Entry {
                source: Cow::Borrowed("Same text here"),
                target: Target::Fluent(format!("{kind:?}")),
                file: Cow::Borrowed("f"),
                unit: Cow::Borrowed("u"),
                kind,
            });
        }
        assert_eq!(m.exact("Same text here", ""), Some(2));
        assert_eq!(
            m.fuzzy("Same text here too, now", "").map(|h| h.entry),
            None
        );
        assert_eq!(m.fuzzy("Same text here now", "").map(|h| h.entry), Some(2));
        // A message's own translation in another file is no memory for it.
        assert_eq!(
            memory(&["Same text here"]).exact("Same text here", "m0"),
            None
        );
        assert_eq!(
            memory(&["Same text here"]).exact("Same text here", "m"),
            Some(0)
        );
    }
}
