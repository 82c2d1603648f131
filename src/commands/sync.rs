//! `carta sync`: every target locale's files brought in line with the source files.

use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::fs::{Expect, TextFile};
use crate::locale::Tag;
use crate::project::Project;
use crate::state::{self, StateView};
use crate::sync::{self, IdSet, Stats};

#[derive(Debug, Default)]
pub struct LocaleReport {
    pub tag: String,
    pub stats: Stats,
    /// Files written (or that `--check` found would change).
    pub changed: Vec<PathBuf>,
    /// Locale files with no source file.
    pub obsolete_files: Vec<PathBuf>,
    /// The locale could not be synced (a file that is not UTF-8, a broken state file…):
    /// nothing of it was written; the other locales were synced. The run exits 2.
    pub skipped: Option<String>,
}

pub struct Options {
    pub locale: Option<Tag>,
    pub check: bool,
    pub prune: bool,
}

/// The state file that belongs to a locale file.
pub fn state_path(locale_file: &Path) -> PathBuf {
    let mut name = locale_file.as_os_str().to_owned();
    name.push(".");
    name.push(state::EXTENSION);
    PathBuf::from(name)
}

fn parse_state<'t>(project: &Project, path: &Path, text: &'t str) -> Result<StateView<'t>> {
    StateView::parse(text).map_err(|(line, message)| Error::Config {
        path: project.show(path),
        line,
        column: 1,
        message,
    })
}

pub fn run(project: &Project, opts: &Options) -> Result<Vec<LocaleReport>> {
    let (mut tags, _) = project.target_locales()?;
    if let Some(only) = opts.locale.as_ref().filter(|t| **t == project.source) {
        return Err(Error::Usage(format!(
            "`{only}` is the source locale: `carta extract` writes it from the handouts, and its hand-written files are the author's; sync updates translations"
        )));
    }
    if let Some(only) = &opts.locale {
        if !tags.contains(only) && !project.locale_dir(only).is_dir() {
            return Err(Error::Usage(format!(
                "unknown locale `{only}`: no folder `{}` (create it with `carta add-locale {only}`)",
                project.show(&project.locale_dir(only)).display()
            )));
        }
        tags = vec![only.clone()];
    }
    sync_locales(project, &tags, opts.check, opts.prune, true)
}

/// `sparse`: messages a fallback locale translates get no templates (so `es-MX` stays a
/// short list of overrides); `false` lists every message.
pub fn sync_locales(
    project: &Project,
    tags: &[Tag],
    check: bool,
    prune: bool,
    sparse: bool,
) -> Result<Vec<LocaleReport>> {
    // Every locale's files are staged (written beside their targets) as soon as they are
    // computed, and replace nothing until every locale has synced: a bad file or a failed
    // write anywhere leaves every file as it was, and memory stays bounded by the
    // locales being synced at the moment.
    let staging = (!check).then(|| project.staging(&[]));
    let reports = stage_locales(project, tags, staging.as_ref(), prune, sparse)?;
    if let Some(staging) = staging {
        project.commit(staging)?;
    }
    Ok(reports)
}

/// [`sync_locales`] without the commit: the files are staged in `staging` (none with
/// `None`, as for `--check`), for a caller that writes something else in the same step
/// (`add-locale` registers the locale in carta.toml).
pub fn stage_locales(
    project: &Project,
    tags: &[Tag],
    staging: Option<&crate::fs::Staging>,
    prune: bool,
    sparse: bool,
) -> Result<Vec<LocaleReport>> {
    let sources = super::read_sources(project)?;
    let catalogs: Vec<SourceFile> = sources
        .iter()
        .map(|(rel, file)| {
            let catalog = Catalog::parse(&file.text);
            let label = super::source_label(project, rel, &catalog);
            let messages = sync::source_messages(&catalog);
            SourceFile {
                rel: rel.clone(),
                catalog: catalog.outline(),
                ast: std::sync::OnceLock::new(),
                label,
                messages,
            }
        })
        .collect();
    let (known, _) = project.target_locales()?;
    let super::Coverage {
        mut covered,
        broken,
    } = super::fallback_coverage(project, tags, &known)?;
    if !sparse {
        covered.values_mut().for_each(FxHashSet::clear);
    }
    let all_source_ids = sync::SourceIdSet::new(catalogs.iter().map(|c| &c.catalog));
    // Every source message's text, for the translation memory (the first file that has
    // an ID wins, as everywhere): made when a locale's memory is first asked.
    let source_patterns = std::sync::OnceLock::new();
    let source_patterns = || {
        source_patterns.get_or_init(|| {
            let mut map: rustc_hash::FxHashMap<&str, &[crate::memory::SourceText]> =
                rustc_hash::FxHashMap::default();
            for c in &catalogs {
                for m in &c.messages {
                    map.entry(m.id()).or_insert(m.patterns());
                }
            }
            map
        })
    };
    // A regional locale's fallback synced in the same run may get translations pre-filled
    // from its memory: those count as covered too, so the regional locale does not get
    // templates the next sync would take back. So fallbacks are synced first, in rounds.
    let mut all = known.clone();
    all.extend(tags.iter().filter(|t| !known.contains(t)).cloned());
    let chains = crate::fallback::chains(&all, &project.source, &project.config.fallback);
    let mut done: std::collections::HashMap<Tag, LocaleReport> = std::collections::HashMap::new();
    let mut left: Vec<&Tag> = tags.iter().collect();
    while !left.is_empty() {
        let (ready, waiting): (Vec<&Tag>, Vec<&Tag>) = left.iter().partition(|t| {
            chains.get(*t).is_none_or(|chain| {
                chain
                    .iter()
                    .skip(1)
                    .all(|f| !tags.contains(f) || done.contains_key(f))
            })
        });
        // A cycle cannot be configured (config refuses it); never loop on one anyway.
        let ready = if ready.is_empty() {
            waiting.clone()
        } else {
            ready
        };
        let waiting: Vec<&Tag> = left
            .iter()
            .copied()
            .filter(|t| !ready.contains(t))
            .collect();
        let round: Vec<Result<LocaleReport>> = ready
            .par_iter()
            .map(|tag| {
                if let Some(why) = broken.get(*tag) {
                    return Ok(LocaleReport {
                        tag: tag.to_string(),
                        skipped: Some(why.clone()),
                        ..LocaleReport::default()
                    });
                }
                let mut covered = covered[*tag].clone();
                if sparse {
                    for f in chains.get(*tag).into_iter().flatten().skip(1) {
                        if let Some(r) = done.get(f) {
                            covered.extend(r.stats.prefilled.iter().cloned());
                        }
                    }
                }
                match sync_locale(
                    project,
                    tag,
                    &catalogs,
                    &covered,
                    &SourceIds {
                        all: &all_source_ids,
                        patterns: &source_patterns,
                    },
                    staging,
                    prune,
                ) {
                    // A file of this locale that cannot be read: the locale is skipped (its
                    // reads come before anything of it is staged), the others go on. A
                    // failure once staging began stops the run (nothing is committed).
                    Err(Failure::Read(e)) => Ok(LocaleReport {
                        tag: tag.to_string(),
                        skipped: Some(e.to_string()),
                        ..LocaleReport::default()
                    }),
                    Err(Failure::Stage(e)) => Err(e),
                    Ok(report) => Ok(report),
                }
            })
            .collect();
        for (tag, report) in ready.iter().zip(round) {
            done.insert((*tag).clone(), report?);
        }
        left = waiting;
    }
    Ok(tags
        .iter()
        .map(|t| done.remove(t).unwrap_or_default())
        .collect())
}

/// What syncing one file made: an existing locale file synced, or a new one.
enum Made<'m, 's> {
    With(sync::SyncedWith<'m, 's>),
    New(sync::Synced),
}

/// A source file as every locale's sync needs it, analysed once.
struct SourceFile<'s> {
    rel: PathBuf,
    /// Its [`Catalog::outline`]: the AST is parsed again (once, into `ast`) only if a
    /// template from the memory or a new locale file needs it.
    catalog: Catalog<'s>,
    ast: std::sync::OnceLock<Catalog<'s>>,
    label: String,
    messages: Vec<sync::SourceMessage<'s>>,
}

fn sync_locale(
    project: &Project,
    tag: &Tag,
    sources: &[SourceFile],
    covered: &FxHashSet<String>,
    ids: &SourceIds,
    staging: Option<&crate::fs::Staging>,
    prune: bool,
) -> std::result::Result<LocaleReport, Failure> {
    let SourceIds {
        all: all_source_ids,
        patterns: source_patterns,
    } = ids;
    let dir = project.locale_dir(tag);
    let mut report = LocaleReport {
        tag: tag.to_string(),
        ..LocaleReport::default()
    };
    // Every file of the locale, read once: an entry one file defines may be what another
    // file's translations use, so what to keep is decided across the locale.
    let locale_files = project.ftl_files(&dir).map_err(Failure::Read)?;
    let mut texts: std::collections::HashMap<PathBuf, Option<crate::fs::TextFile>> =
        std::collections::HashMap::new();
    let mut states: std::collections::HashMap<PathBuf, Option<crate::fs::TextFile>> =
        std::collections::HashMap::new();
    // Everything is read (and state files parsed) before anything is staged, so a file
    // that cannot be read skips the whole locale and nothing of it is written.
    for rel in locale_files.iter().chain(sources.iter().map(|s| &s.rel)) {
        if !texts.contains_key(rel) {
            texts.insert(
                rel.clone(),
                project.read(&dir.join(rel)).map_err(Failure::Read)?,
            );
        }
        let state_file = state_path(&dir.join(rel));
        if !states.contains_key(rel) {
            let state = project.read(&state_file).map_err(Failure::Read)?;
            if let Some(f) = &state {
                parse_state(project, &state_file, &f.text).map_err(Failure::Read)?;
            }
            states.insert(rel.clone(), state);
        }
    }
    let keep = keep_set(&texts, all_source_ids);
    // Every file of the locale and its state, parsed once: the translation memory is made
    // of all of them, and each is then synced from the same parse.
    let shown_of = |rel: &Path| {
        project
            .show(&dir.join(rel))
            .display()
            .to_string()
            .replace('\\', "/")
    };
    let mut rels: Vec<&PathBuf> = texts.keys().collect();
    rels.sort();
    let mut parsed: Vec<Parsed> = Vec::with_capacity(rels.len());
    for rel in rels {
        let state_file = state_path(&dir.join(rel));
        let state = match states.get(rel).and_then(Option::as_ref) {
            None => StateView::default(),
            Some(f) => parse_state(project, &state_file, &f.text).map_err(Failure::Read)?,
        };
        parsed.push(Parsed {
            rel,
            shown: shown_of(rel),
            catalog: texts[rel].as_ref().map(|f| Catalog::parse(&f.text)),
            state,
        });
    }
    let stored = read_memory(project, tag).map_err(Failure::Read)?;
    let memory_shown = shown_of(Path::new(MEMORY_FILE));
    let files: Vec<crate::memory::LocaleFile<StateView>> = parsed
        .iter()
        .filter_map(|p| {
            p.catalog.as_ref().map(|catalog| crate::memory::LocaleFile {
                shown: &p.shown,
                catalog,
                state: &p.state,
            })
        })
        .collect();
    // Made only when a template is written (a sync that adds none never asks): at a
    // million messages the memory's entries and the source's texts by ID are ~150 MB.
    let build = || {
        let imported = stored
            .iter()
            .enumerate()
            .map(|(n, e)| crate::memory::Entry {
                source: std::borrow::Cow::Borrowed(e.source.as_str()),
                target: crate::memory::Target::Fluent(e.target.clone()),
                file: std::borrow::Cow::Borrowed(memory_shown.as_str()),
                unit: match &e.tuid {
                    Some(t) => std::borrow::Cow::Borrowed(t.as_str()),
                    None => std::borrow::Cow::Owned(format!("unit {}", n + 1)),
                },
                kind: crate::memory::Kind::Imported,
            });
        crate::memory::from_locale(&files, source_patterns(), imported)
    };
    let memory = crate::memory::Memory::lazy(&build);
    let by_rel: std::collections::HashMap<&PathBuf, &Parsed> =
        parsed.iter().map(|p| (p.rel, p)).collect();
    for SourceFile {
        rel,
        catalog: source,
        ast,
        label,
        messages,
    } in sources
    {
        let ast = sync::SourceAst::Later(source.text, ast);
        let path = dir.join(rel);
        let state_file = state_path(&path);
        let opts = sync::Options {
            tag: tag.as_str(),
            source_label: label,
            prune,
            covered,
            keep: &keep,
            elsewhere: *all_source_ids,
            memory: Some(&memory),
        };
        let existing = texts.get(rel).and_then(Option::as_ref);
        let old_state = states.get(rel).and_then(Option::as_ref);
        let this = by_rel[rel];
        let shown = &this.shown;
        let (mut made, bom) = match (existing, &this.catalog) {
            (Some(file), Some(locale)) => (
                Made::With(sync::sync_with(
                    source,
                    &ast,
                    messages,
                    locale,
                    &this.state,
                    &opts,
                )),
                file.bom,
            ),
            _ => (Made::New(sync::new_file(ast.full(), &opts)), false),
        };
        let text = match &mut made {
            Made::With(s) => std::mem::take(&mut s.text),
            Made::New(s) => std::mem::take(&mut s.text),
        };
        report.stats.add(match &made {
            Made::With(s) => &s.stats,
            Made::New(s) => &s.stats,
        });
        if existing.map(|f| f.text.as_str()) != Some(text.as_str()) {
            report.changed.push(project.show(&path));
            if let Some(staging) = staging {
                let expect = existing.map_or(Expect::Absent, TextFile::expect);
                project
                    .stage_changed(staging, &path, &crate::fs::with_bom(&text, bom), expect)
                    .map_err(Failure::Stage)?;
            }
        }
        // The new state's text is made once the locale file's is staged and gone (at a
        // million messages each is ~50 MB).
        drop(text);
        let state_text = match &made {
            Made::With(s) => s.state_text(shown),
            Made::New(s) => s.state.render(shown),
        };
        if old_state.map(|f| f.text.as_str()) != Some(state_text.as_str()) {
            report.changed.push(project.show(&state_file));
            // Staged after its locale file, so it is renamed after it: a kill between the
            // two leaves a new marker with the old state (the next sync keeps the marker),
            // never a new state that would hide an outdated translation.
            if let Some(staging) = staging {
                let expect = old_state.map_or(Expect::Absent, TextFile::expect);
                project
                    .stage_changed(staging, &state_file, state_text.as_bytes(), expect)
                    .map_err(Failure::Stage)?;
            }
        }
    }
    let source_set: std::collections::HashSet<&PathBuf> = sources.iter().map(|f| &f.rel).collect();
    let files = locale_files;
    if staging.is_some() {
        // Temporary files a killed run left in the locale's folders go, even where this
        // run writes nothing.
        let folders: std::collections::BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|rel| dir.join(rel).parent().map(Path::to_path_buf))
            .chain(std::iter::once(dir.clone()))
            .collect();
        folders.iter().for_each(|d| crate::fs::sweep_leftovers(d));
    }
    for rel in files {
        if !source_set.contains(&rel) {
            report.obsolete_files.push(project.show(&dir.join(&rel)));
        }
    }
    Ok(report)
}

/// The locale's own entries that its translations use, across its files (looked for only when some line of the locale starts with an ID the
/// source does not have, so a usual locale is not parsed twice).
fn keep_set(
    texts: &std::collections::HashMap<PathBuf, Option<crate::fs::TextFile>>,
    all_source_ids: &sync::SourceIdSet,
) -> FxHashSet<String> {
    let mut keep = FxHashSet::default();
    let foreign = texts.values().flatten().any(|f| {
        f.text.lines().any(|line| {
            let dash = usize::from(line.starts_with('-'));
            let end = dash + crate::ftl::identifier_len(&line[dash..]);
            end > dash && !all_source_ids.contains(&line[..end])
        })
    });
    if foreign {
        let catalogs: Vec<Catalog> = texts
            .values()
            .flatten()
            .map(|f| Catalog::parse(&f.text))
            .collect();
        let all: Vec<&Catalog> = catalogs.iter().collect();
        keep.extend(crate::catalog::private_across(&all, |id| {
            all_source_ids.contains(id)
        }));
    }
    keep
}

/// Every source message and term ID, and each message's text (for the memory).
struct SourceIds<'a> {
    all: &'a sync::SourceIdSet<'a>,
    patterns: &'a (dyn Fn() -> &'a rustc_hash::FxHashMap<&'a str, &'a [crate::memory::SourceText<'a>]>
             + Sync),
}

/// A locale file and its state, parsed.
struct Parsed<'t> {
    rel: &'t PathBuf,
    shown: String,
    catalog: Option<Catalog<'t>>,
    state: StateView<'t>,
}

/// The file in a locale's folder that holds its imported translation memory.
pub const MEMORY_FILE: &str = "memory.tmx";

/// The entries of `locales/<tag>/memory.tmx` (none when there is no such file).
pub fn read_memory(project: &Project, tag: &Tag) -> Result<Vec<crate::exchange::tmx::Stored>> {
    let path = project.locale_dir(tag).join(MEMORY_FILE);
    let Some(file) = project.read(&path)? else {
        return Ok(Vec::new());
    };
    let error = |(line, message): (usize, String)| Error::Config {
        path: project.show(&path),
        line,
        column: 1,
        message,
    };
    let root = crate::exchange::xml::parse_with(&file.text, true).map_err(error)?;
    let tmx = crate::exchange::tmx::read(&root).map_err(error)?;
    Ok(crate::exchange::tmx::stored_entries(&tmx, &project.source, tag).0)
}

/// Why a locale could not be synced: a file of it could not be read (the locale is
/// skipped, the others go on), or staging failed once it began (the run stops).
enum Failure {
    Read(Error),
    Stage(Error),
}
