//! `carta build`: resolves every locale through its fallback chain (in parallel) and
//! writes `dist/`. Each file is staged (written to a temporary file beside its target)
//! as soon as it is produced, never held whole in memory; nothing replaces a file of
//! `dist/` until every locale is built, so a failure leaves the previous `dist/` whole.

use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::resolver::errors::{ReferenceKind, ResolverError};
use fluent_bundle::{FluentBundle, FluentError, FluentResource};
use rayon::prelude::*;
use serde_json::{json, Value};

use super::extract::Extracted;
use crate::bundle::{self, Flag, LocaleBundle, Part, Resolved};
use crate::catalog::{Catalog, EntryKind};
use crate::config::PublishConfig;
use crate::error::{Error, Result};
use crate::fs::TextFile;
use crate::locale::Tag;
use crate::project::Project;
use crate::review::{Record, Status};
use crate::state::{Patterns, StateView};

pub struct Options {
    pub locale: Option<Tag>,
    pub out: Option<PathBuf>,
    pub pseudo: bool,
    /// `--strict`: a build with text from another language, or outdated text (unreviewed
    /// too when the policy requires review), fails and writes nothing.
    pub strict: bool,
    /// `--pdf`: also print every handout to `<doc>.pdf` (as `formats = [.., "pdf"]`).
    pub pdf: bool,
}

pub struct LocaleSummary {
    pub tag: Tag,
    pub messages: usize,
    /// Published with a notice on the page (`[publish] … = "mark"`): (id, why, locale).
    pub marked: Vec<(String, Flag, Tag)>,
    /// Not published from that locale, by policy (`"fallback"`): (id, why, locale).
    pub withheld: Vec<(String, Flag, Tag)>,
    /// What a `"fail"` policy fails the build on: (id, why, locale).
    pub failed: Vec<(String, Flag, Tag)>,
    /// Messages with a part from another locale: (id, from).
    pub fell_back: Vec<(String, Tag)>,
    /// Of those, how many came from a locale of another language.
    pub foreign: usize,
    /// Each document's title in this locale, as plain text: (document name, title).
    pub titles: Vec<(String, String)>,
    /// The pages to print to PDF: (`<tag>/<doc>.pdf`, the page, its `reviewed` date);
    /// taken out of the summary once printed.
    pub print: Vec<PrintPage>,
    /// Message parts (`id`, `id.attr`) no locale of the chain formats: in no bundle.
    pub unformattable: Vec<String>,
    /// How many parts messages.icu.json cannot say as Fluent does (listed in the manifest).
    pub icu_issues: usize,
    /// Each part's arguments (`id`, `id.attr` → name → kind), for messages.d.ts; taken
    /// out of the summary once merged.
    pub types: BTreeMap<String, BTreeMap<String, bundle::icu::Kind>>,
    /// Time spent on the new app bundles (the conversion, messages.icu.json, the types;
    /// not messages.json, written before too) and on the whole locale, for
    /// `CARTA_TIMINGS=1` (BENCHMARKS.md).
    pub app_bundles: std::time::Duration,
    pub total_time: std::time::Duration,
}

/// A page to print: (`<tag>/<doc>.pdf`, the page, its `reviewed` date).
pub type PrintPage = (PathBuf, String, Option<(i32, u8, u8)>);

pub struct Report {
    pub out_dir: PathBuf,
    pub locales: Vec<LocaleSummary>,
    pub files_written: usize,
    pub files_unchanged: usize,
    /// Files of the previous build that this one no longer produces, removed.
    pub files_removed: usize,
    /// A `"fail"` publishing policy found messages to fail on: nothing was written.
    pub blocked: bool,
    /// Locales not built because a file they need cannot be read: (locale, why). Their
    /// previous output stays; the run exits 2.
    pub skipped: Vec<(Tag, String)>,
}

use crate::bundle::Transform;

/// One built locale: its summary and its manifest entry (its files went to an [`Output`]).
type Built = (LocaleSummary, Value);

/// Writes one file's bytes.
type Write<'w> = &'w mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;

/// Where a built locale's files go, each as soon as it is produced (so the outputs of a
/// locale are not all held until the end): staged into `dist/` by a build, kept in
/// memory by [`build_texts`].
trait Output {
    /// File `rel` (relative to `dist/`), written by `write`.
    fn file(&mut self, rel: PathBuf, write: Write) -> Result<()>;

    fn bytes(&mut self, rel: PathBuf, bytes: &[u8]) -> Result<()> {
        self.file(rel, &mut |w| w.write_all(bytes))
    }
}

/// The files kept in memory, in the order they were produced.
#[derive(Default)]
struct InMemory(Vec<(PathBuf, Vec<u8>)>);

impl Output for InMemory {
    fn file(&mut self, rel: PathBuf, write: Write) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|source| Error::Write {
            path: rel.clone(),
            source,
        })?;
        self.0.push((rel, bytes));
        Ok(())
    }
}

/// Stages one file (relative to `dist/`): whether it changed, and its SHA-256.
type Stage<'a> = dyn Fn(&Path, Write) -> Result<(bool, [u8; 32])> + 'a;

/// The files staged into the output folder as they are produced, with their hashes for
/// the manifest.
struct Staged<'a> {
    stage: &'a Stage<'a>,
    /// `<tag>/<file>` → `sha256:…`.
    hashes: BTreeMap<String, String>,
    files: usize,
    written: usize,
}

impl Output for Staged<'_> {
    fn file(&mut self, rel: PathBuf, write: Write) -> Result<()> {
        let (changed, hash) = (self.stage)(&rel, write)?;
        self.hashes.insert(
            rel.display().to_string().replace('\\', "/"),
            format!("sha256:{}", bundle::hex(&hash)),
        );
        self.files += 1;
        self.written += usize::from(changed);
        Ok(())
    }
}

/// What remains of a built locale once its files are staged.
struct Done {
    summary: LocaleSummary,
    manifest_entry: Value,
    /// (`<doc>.html`, localized title) for the language picker.
    titles: Vec<(String, String)>,
    files: usize,
    written: usize,
}

pub fn run(project: &Project, opts: &Options) -> Result<Report> {
    let sources = super::read_sources(project)?;
    let content_dir = project.content_dir();
    // A project without handouts is a pure Fluent project; but a `content-dir` that is
    // set (a typo) or is not a folder must not give a "successful" build without them.
    if !content_dir.is_dir() && (project.config.content_dir_set || content_dir.exists()) {
        return Err(Error::Input {
            path: project.show(&content_dir),
            message: if content_dir.exists() {
                "the content folder is not a folder (set `content-dir` in carta.toml)"
            } else {
                "the content folder does not exist (set `content-dir` in carta.toml)"
            }
            .into(),
        });
    }
    let docs: Vec<Extracted> = if content_dir.is_dir() {
        let docs = super::extract::load(project)?;
        let source_dir = project.locale_dir(&project.source);
        for e in &docs {
            let expected = crate::extract::render(&e.doc, &e.ids, &e.source_path);
            let path = source_dir.join(format!("{}.ftl", e.doc.name));
            let current = sources.iter().find(|(rel, _)| source_dir.join(rel) == path);
            if current.map(|(_, f)| f.text.as_str()) != Some(expected.as_str()) {
                return Err(Error::Input {
                    path: project.show(&path),
                    message: format!(
                        "is out of date with `{}`; run `carta extract` first",
                        e.source_path
                    ),
                });
            }
        }
        docs
    } else {
        Vec::new()
    };

    let (targets, _) = project.target_locales()?;
    let mut tags: Vec<Tag> = match &opts.locale {
        Some(t) => vec![t.clone()],
        None => std::iter::once(project.source.clone())
            .chain(targets.iter().cloned())
            .collect(),
    };
    let mut all = targets.clone();
    all.extend(tags.iter().filter(|t| **t != project.source).cloned());
    all.sort();
    all.dedup();
    let mut chains = crate::fallback::chains(&all, &project.source, &project.config.fallback);
    chains.insert(project.source.clone(), vec![project.source.clone()]);
    for t in &tags {
        if *t != project.source && !project.locale_dir(t).is_dir() {
            return Err(Error::Usage(format!(
                "unknown locale `{t}`: no folder `{}`",
                project.show(&project.locale_dir(t)).display()
            )));
        }
    }
    let mut transforms: HashMap<Tag, Transform> = HashMap::new();
    if opts.pseudo {
        for (tag, f) in bundle::pseudo_tags() {
            // A project locale of that tag and the pseudo-locale would write one folder.
            if all.contains(&tag) {
                return Err(Error::Usage(format!(
                    "`--pseudo` builds the pseudo-locale `{tag}`, but `{}` is a locale of this project: rename that folder, or build without `--pseudo`",
                    project.show(&project.locale_dir(&tag)).display()
                )));
            }
            chains.insert(tag.clone(), vec![tag.clone(), project.source.clone()]);
            transforms.insert(tag.clone(), f);
            tags.push(tag);
        }
    }

    let out_dir = match &opts.out {
        Some(p) if p.is_absolute() => p.clone(),
        Some(p) => std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.clone()),
        None => project.out_dir(),
    };
    if opts.out.is_some() {
        project.check_layout(Some(&out_dir))?;
    }
    // carta replaces only what it wrote there before, and removes what it no longer
    // produces; a folder with files of someone else's is refused before any work.
    let previous = crate::dist::Previous::read(&out_dir, &project.show(&out_dir))?;
    let stage_out = |staging: &crate::fs::Staging, rel: &Path, bytes: &[u8]| -> Result<bool> {
        let path = out_dir.join(rel);
        let key = rel.display().to_string().replace('\\', "/");
        if std::fs::symlink_metadata(&path).is_ok() && !previous.owns(&key) {
            return Err(Error::Input {
                path: project.show(&path),
                message: format!(
                    "was not written by carta (the previous `{}` does not list it); carta does not replace it: move it away, or build into another folder",
                    crate::dist::MANIFEST
                ),
            });
        }
        project.stage(staging, &path, bytes)
    };
    // The same, for a file written as it is produced.
    let stage_stream = |staging: &crate::fs::Staging,
                        rel: &Path,
                        write: Write|
     -> Result<(bool, [u8; 32])> {
        let path = out_dir.join(rel);
        let key = rel.display().to_string().replace('\\', "/");
        if std::fs::symlink_metadata(&path).is_ok() && !previous.owns(&key) {
            return Err(Error::Input {
                path: project.show(&path),
                message: format!(
                    "was not written by carta (the previous `{}` does not list it); carta does not replace it: move it away, or build into another folder",
                    crate::dist::MANIFEST
                ),
            });
        }
        project.stage_stream(staging, &path, write)
    };
    let source_catalogs: Vec<Catalog> = sources
        .iter()
        .map(|(_, f)| Catalog::parse(&f.text))
        .collect();
    let source_texts: Vec<&str> = sources.iter().map(|(_, f)| f.text.as_str()).collect();
    let (source_resources, source_whole) = resources(&source_catalogs, &source_texts);
    let source_rels: Vec<PathBuf> = sources.iter().map(|(rel, _)| rel.clone()).collect();
    let kinds = source_kinds(source_resources.iter().map(FluentResource::source));
    let raised = translation_hints(project, &targets, &kinds).map(|mut raised| {
        raise_through_references(&source_catalogs, &mut raised);
        raised
    });
    let source = SourceLocale {
        tag: &project.source,
        rels: &source_rels,
        entries: &source_entries(&source_catalogs),
        catalogs: &source_catalogs,
        resources: &source_resources,
        whole: &source_whole,
        kinds: &kinds,
        hints: raised.as_ref().unwrap_or(&kinds),
    };
    let policy = project.config.publish.clone();
    let page_inputs = page_inputs(project, opts, &chains)?;
    // A PDF is asked for: the browser that prints it is found before any work.
    let browser = if page_inputs.formats.pdf {
        Some(
            bundle::pdf::find_browser(project.config.pdf.browser.as_deref(), &project.root)
                .map_err(Error::Usage)?,
        )
    } else {
        None
    };

    // Each locale is built and its files staged (written beside their targets) in its
    // own task, so only the locales being built are in memory; nothing replaces a file
    // of `dist/` until every locale has been built and staged.
    // `check`'s findings for the review pages, from one run of check over the locales
    // built, before any is: the source is read and parsed once (not once per locale),
    // and check's memory (most of a gigabyte at a million messages) is never held
    // beside a locale's build. A locale check could not run for is checked in its task.
    let wanted: Vec<&Tag> = tags
        .iter()
        .filter(|t| **t != project.source && !transforms.contains_key(*t))
        .collect();
    let findings = (!wanted.is_empty())
        .then(|| review_findings(project, opts.locale.as_ref(), &wanted))
        .flatten()
        .map(std::sync::Mutex::new);
    let extra_bases: Vec<PathBuf> = opts.out.iter().map(|_| out_dir.clone()).collect();
    let staging = project.staging(&extra_bases);
    let types = std::sync::Mutex::new(bundle::types::All::default());
    // A locale's build holds about 0.75 KB per source message beside the source's own
    // data (heaptrack, BENCHMARKS.md): past `ONE_AT_A_TIME` source messages the locales
    // are built one after another, so two huge locales are never in memory at once.
    let messages: usize = source_catalogs.iter().map(|c| c.index.len()).sum();
    let turn = std::sync::Mutex::new(());
    let results: Vec<std::result::Result<Done, (Tag, String)>> = tags
        .par_iter()
        .map(|tag| -> Result<std::result::Result<Done, (Tag, String)>> {
            let _turn = (messages > ONE_AT_A_TIME).then(|| {
                turn.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            });
            let chain = &chains[tag];
            let transform = transforms.get(tag).copied();
            // Everything the locale needs is read first: a file that cannot be read skips
            // this locale (its previous output stays), the others are built.
            let read = || -> Result<HashMap<Tag, Vec<LocaleText>>> {
                let mut texts: HashMap<Tag, Vec<LocaleText>> = HashMap::new();
                for t in chain
                    .iter()
                    .filter(|t| **t != project.source && !transforms.contains_key(*t))
                {
                    let dir = project.locale_dir(t);
                    let mut files = Vec::new();
                    for rel in project.ftl_files(&dir)? {
                        let path = dir.join(&rel);
                        if let Some(file) = project.read(&path)? {
                            // What sync and review recorded: which translations are
                            // outdated or signed off.
                            let state_path = super::sync::state_path(&path);
                            let state = project.read(&state_path)?;
                            // A state file that does not parse (a merge conflict left
                            // in it, a key twice) would hide what is outdated or
                            // reviewed: the locale is not built, as when a file
                            // cannot be read.
                            if let Some(st) = &state {
                                StateView::parse(&st.text).map_err(|(line, message)| {
                                    Error::Config {
                                        path: project.show(&state_path),
                                        line,
                                        column: 1,
                                        message,
                                    }
                                })?;
                            }
                            files.push(LocaleText { rel, file, state });
                        }
                    }
                    texts.insert(t.clone(), files);
                }
                Ok(texts)
            };
            let texts = match read() {
                Ok(texts) => texts,
                Err(e) => return Ok(Err((tag.clone(), e.to_string()))),
            };
            let publish = Publish {
                policy: &policy,
                findings: if transform.is_none() && *tag != project.source {
                    let found = findings
                        .as_ref()
                        .and_then(|f| f.lock().ok()?.remove(tag.as_str()));
                    match found {
                        Some(found) => found,
                        None => findings_of(project, tag)?,
                    }
                } else {
                    HashMap::new()
                },
                glossary: project
                    .read(&project.locale_dir(tag).join("glossary.toml"))
                    .ok()
                    .flatten()
                    .and_then(|f| crate::check::glossary::Glossary::parse(&f.text).ok())
                    .map(|g| g.terms)
                    .unwrap_or_default(),
                page: &page_inputs,
            };
            let stage = |rel: &Path, write: Write| stage_stream(&staging, rel, write);
            let mut out = Staged {
                stage: &stage,
                hashes: BTreeMap::new(),
                files: 0,
                written: 0,
            };
            let (mut summary, mut entry) = build_locale(
                tag, chain, texts, &source, transform, &docs, &publish, &mut out,
            )?;
            // Printing is the one step that runs another program: each page of this
            // locale, one after the other (locales print in parallel).
            for (rel, html, date) in std::mem::take(&mut summary.print) {
                let Some(browser) = &browser else { break };
                let pdf =
                    bundle::pdf::print(browser, &html, date).map_err(|message| Error::Input {
                        path: project.show(&out_dir.join(&rel)),
                        message,
                    })?;
                out.bytes(rel, &pdf)?;
            }
            if let Ok(mut all) = types.lock() {
                all.merge(std::mem::take(&mut summary.types));
            }
            let Staged {
                hashes,
                files,
                written,
                ..
            } = out;
            entry["files"] = json!(hashes);
            let titles: Vec<(String, String)> = summary
                .titles
                .iter()
                .map(|(doc, title)| {
                    (
                        format!("{doc}.{}", page_inputs.formats.linked()),
                        title.clone(),
                    )
                })
                .collect();
            // The language picker of a later partial build lists this locale from here.
            entry["titles"] = json!(titles.iter().cloned().collect::<BTreeMap<String, String>>());
            Ok(Ok(Done {
                summary,
                manifest_entry: entry,
                titles,
                files,
                written,
            }))
        })
        .collect::<Result<_>>()?;
    let mut built = Vec::new();
    let mut skipped: Vec<(Tag, String)> = Vec::new();
    for r in results {
        match r {
            Ok(b) => built.push(b),
            Err(s) => skipped.push(s),
        }
    }

    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut manifest_locales = Vec::new();
    let mut index_entries = Vec::new();
    let mut summaries = Vec::new();
    let (mut total, mut written) = (0, 0);
    let built_tags: std::collections::HashSet<String> =
        built.iter().map(|b| b.summary.tag.to_string()).collect();
    // A partial build (`--locale`) updates its locales and keeps the others as the
    // previous build left them.
    let skipped_tags: std::collections::HashSet<String> =
        skipped.iter().map(|(t, _)| t.to_string()).collect();
    if opts.locale.is_some() || !skipped.is_empty() {
        for entry in &previous.locales {
            let Some(tag) = entry["tag"].as_str().filter(|t| !built_tags.contains(*t)) else {
                continue;
            };
            // A full build keeps only the skipped locales' previous output.
            if opts.locale.is_none() && !skipped_tags.contains(tag) {
                continue;
            }
            let Ok(parsed) = Tag::parse(tag) else {
                continue;
            };
            let titles = entry["titles"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or(k).to_string()))
                        .collect()
                })
                .unwrap_or_default();
            manifest_locales.push(entry.clone());
            index_entries.push((parsed, titles));
        }
    }
    for b in built {
        manifest_locales.push(b.manifest_entry);
        index_entries.push((b.summary.tag.clone(), b.titles));
        summaries.push(b.summary);
        total += b.files;
        written += b.written;
    }
    manifest_locales.sort_by_key(|e| {
        let tag = e["tag"].as_str().unwrap_or_default().to_string();
        (
            tag != project.source.as_str(),
            e["pseudo"].as_bool() == Some(true),
            tag,
        )
    });
    index_entries.sort_by_key(|(tag, _)| {
        (
            *tag != project.source,
            bundle::pseudo_tags().iter().any(|(p, _)| p == tag),
            tag.to_string(),
        )
    });
    // The types of every message for front ends. A partial build (`--locale`) sees only
    // some locales, so it keeps the files of the last full build (when there are some).
    // They are written as they are produced (tens of megabytes at a million messages).
    let keep_types = opts.locale.is_some() && previous.owns(crate::dist::MESSAGES_DTS);
    let mut global_hashes: BTreeMap<String, String> = BTreeMap::new();
    if !keep_types {
        let types = types.into_inner().unwrap_or_default();
        let stage = |rel: &Path, write: Write| stage_stream(&staging, rel, write);
        let mut out = Staged {
            stage: &stage,
            hashes: BTreeMap::new(),
            files: 0,
            written: 0,
        };
        out.file(PathBuf::from(crate::dist::MESSAGES_DTS), &mut |w| {
            bundle::types::dts(w, &types)
        })?;
        out.file(PathBuf::from(crate::dist::MESSAGES_SCHEMA), &mut |w| {
            bundle::types::schema(w, &types)
        })?;
        global_hashes = out.hashes;
        total += out.files;
        written += out.written;
    }
    let manifest = json!({
        "schema_version": 1,
        "generator": format!("carta {}", env!("CARGO_PKG_VERSION")),
        "source_locale": project.source.as_str(),
        "documents": docs.iter().map(|e| e.doc.name.clone()).collect::<Vec<_>>(),
        "locales": manifest_locales,
        // Files for every locale (the types of dist/messages.d.ts and its schema); a
        // partial build keeps the last full build's.
        "files": if keep_types { previous.global.clone() } else { json!(global_hashes) },
    });
    let manifest_bytes =
        (serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n").into_bytes();
    if !docs.is_empty() {
        files.push((
            PathBuf::from("index.html"),
            bundle::html::index(&index_entries, &project.source, &|t: &Tag| {
                let chain = chains
                    .get(t)
                    .cloned()
                    .unwrap_or_else(|| vec![t.clone(), project.source.clone()]);
                bundle::strings::Strings::new(t, &chain, &page_inputs.overrides, None)
            })
            .into_bytes(),
        ));
    }
    // The review pages' index, from the manifest's entries (so a partial build lists
    // every locale).
    let reviewed: Vec<(Tag, [usize; 4])> = manifest_locales
        .iter()
        .filter_map(|e| {
            let tag = Tag::parse(e["tag"].as_str()?).ok()?;
            let r = &e["review"];
            let n = |k: &str| r[k].as_u64().unwrap_or(0) as usize;
            r.is_object().then(|| {
                (
                    tag,
                    [n("reviewed"), n("awaiting"), n("outdated"), n("missing")],
                )
            })
        })
        .collect();
    if !reviewed.is_empty() {
        files.push((
            PathBuf::from(crate::dist::REVIEW_INDEX),
            bundle::review_page::index(&reviewed).into_bytes(),
        ));
    }

    total += files.len() + 1;
    for (rel, bytes) in &files {
        written += usize::from(stage_out(&staging, rel, bytes)?);
    }
    // The manifest replaces only the one read at the start (or is created only where
    // there was none): a build that ran meanwhile (another `--locale`) made this one's
    // kept entries stale, and this build then writes nothing.
    let manifest_path = out_dir.join(crate::dist::MANIFEST);
    if previous.manifest.as_deref() == Some(&manifest_bytes[..]) {
        project.stage_verify(&staging, &manifest_path, previous.manifest_expect.clone());
    } else {
        project.stage_changed(
            &staging,
            &manifest_path,
            &manifest_bytes,
            previous.manifest_expect.clone(),
        )?;
        written += 1;
    }
    // What the previous build wrote and this one no longer produces (a deleted locale
    // or document) goes, in the same step as the writes.
    let mut produced: std::collections::HashSet<String> =
        [crate::dist::MANIFEST.to_string()].into();
    if !docs.is_empty() {
        produced.insert(crate::dist::INDEX.to_string());
    }
    if !reviewed.is_empty() {
        produced.insert(crate::dist::REVIEW_INDEX.to_string());
    }
    produced.insert(crate::dist::MESSAGES_DTS.to_string());
    produced.insert(crate::dist::MESSAGES_SCHEMA.to_string());
    for entry in &manifest_locales {
        if let Some(map) = entry["files"].as_object() {
            produced.extend(map.keys().cloned());
        }
    }
    let mut removed_dirs = std::collections::BTreeSet::new();
    let mut removed = 0;
    for rel in previous.files.iter().filter(|f| !produced.contains(*f)) {
        let path = out_dir.join(rel);
        // A folder or other odd thing where carta's file was is left alone.
        if let Some(expect) = crate::fs::expect_current(&path) {
            project.stage_removal(&staging, &path, expect)?;
            removed_dirs.extend(path.parent().map(Path::to_path_buf));
            removed += 1;
        }
    }
    staging.first(&out_dir.join(crate::dist::MANIFEST));
    // A "fail" policy that found something: nothing is written (the staged files go).
    let review_required = policy.unreviewed != crate::config::UnreviewedPolicy::Allow;
    let strict_fails = opts.strict
        && summaries.iter().any(|l| {
            l.foreign > 0
                || l.marked
                    .iter()
                    .chain(&l.withheld)
                    .any(|(_, why, _)| *why == Flag::Outdated || review_required)
        });
    // A "fail" policy that found something, or a failed --strict: nothing is written.
    let blocked = strict_fails || summaries.iter().any(|l| !l.failed.is_empty());
    if blocked {
        drop(staging);
        return Ok(Report {
            out_dir: project.show(&out_dir),
            locales: summaries,
            files_written: 0,
            files_unchanged: 0,
            files_removed: 0,
            blocked,
            skipped,
        });
    }
    project.commit(staging)?;
    for dir in removed_dirs.iter().rev() {
        if dir.starts_with(&out_dir) && *dir != out_dir {
            let _ = std::fs::remove_dir(dir); // only if now empty
        }
    }
    let unchanged = total.saturating_sub(written);
    Ok(Report {
        out_dir: project.show(&out_dir),
        locales: summaries,
        files_written: written,
        files_unchanged: unchanged,
        files_removed: removed,
        blocked,
        skipped,
    })
}

/// Builds one locale in memory from Fluent texts: `locale` falls back to `source`.
/// Returns the files of `dist/<tag>/` (relative paths). The entry point for fuzzing.
pub fn build_texts(
    tag: &Tag,
    source_tag: &Tag,
    source: &[String],
    locale: &[String],
    docs: &[Extracted],
) -> Vec<(PathBuf, Vec<u8>)> {
    // File n of the locale translates file n of the source.
    let rel = |n: usize| PathBuf::from(format!("{n}.ftl"));
    let to_files = |texts: &[String]| -> Vec<LocaleText> {
        texts
            .iter()
            .enumerate()
            .map(|(n, t)| LocaleText {
                rel: rel(n),
                file: TextFile::in_memory(t.clone()),
                state: None,
            })
            .collect()
    };
    let mut texts = HashMap::new();
    texts.insert(tag.clone(), to_files(locale));
    let catalogs: Vec<Catalog> = source.iter().map(|t| Catalog::parse(t)).collect();
    let texts_of: Vec<&str> = source.iter().map(String::as_str).collect();
    let (resources, whole) = resources(&catalogs, &texts_of);
    let rels: Vec<PathBuf> = (0..source.len()).map(rel).collect();
    let source = SourceLocale {
        tag: source_tag,
        rels: &rels,
        entries: &source_entries(&catalogs),
        catalogs: &catalogs,
        resources: &resources,
        whole: &whole,
        kinds: &source_kinds(resources.iter().map(FluentResource::source)),
        hints: &Default::default(),
    };
    let chain = [tag.clone(), source_tag.clone()];
    let policy = crate::config::PublishConfig::default();
    let page = PageInputs::default();
    let publish = Publish {
        policy: &policy,
        findings: HashMap::new(),
        glossary: Vec::new(),
        page: &page,
    };
    let mut out = InMemory::default();
    // Nothing written in memory can fail.
    let _ = build_locale(tag, &chain, texts, &source, None, docs, &publish, &mut out);
    out.0
}

/// The parts (`""`, `.attr`) message `id` has in a locale's catalogs.
fn part_keys(catalogs: &crate::catalog::Files, id: &str) -> Option<Vec<String>> {
    let (c, i) = catalogs.get(id)?;
    matches!(c.kind(i), EntryKind::Message(_))
        .then(|| c.patterns(i).into_iter().map(|(k, _)| k).collect())
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// The parts of a resolved message, in the order a catalog lists them.
fn resolved_keys(m: &Resolved) -> Vec<String> {
    m.value
        .iter()
        .map(|_| String::new())
        .chain(m.attributes.keys().map(|a| format!(".{a}")))
        .collect()
}

/// A message of `messages.ftl` made of parts from several locales: each part's pattern
/// (its Fluent source, variables and selects intact) from the locale that provided it,
/// with that locale's terms (`localize(text, k)`, see [`bundle::merge::localize_terms`]:
/// an English attribute beside a German value reads English's `-brand`, as carta
/// formatted it).
fn synthesize(
    id: &str,
    m: &Resolved,
    catalogs: &[crate::catalog::Files],
    localize: &mut dyn FnMut(String, usize) -> String,
) -> String {
    use fluent_syntax::ast;
    let message_in = |k: usize| -> Option<&ast::Message<&str>> {
        let (c, i) = catalogs.get(k)?.get(id)?;
        match &c.resource.body[i] {
            ast::Entry::Message(msg) => Some(msg),
            _ => None,
        }
    };
    // Each part alone, as the value of a message of its own locale, localized there.
    let alone = |pattern: &ast::Pattern<&str>| -> String {
        let resource = ast::Resource {
            body: vec![ast::Entry::Message(ast::Message {
                id: ast::Identifier { name: id },
                value: Some(pattern.clone()),
                attributes: Vec::new(),
                comment: None,
            })],
        };
        bundle::merge::serialize(resource.clone())
            .unwrap_or_else(|| fluent_syntax::serializer::serialize(&resource))
    };
    let mut texts: Vec<(Option<&str>, String)> = Vec::new();
    if let Some(p) = &m.value {
        if let Some(v) = message_in(p.from).and_then(|msg| msg.value.as_ref()) {
            texts.push((None, localize(alone(v), p.from)));
        }
    }
    for (a, p) in &m.attributes {
        let attribute =
            message_in(p.from).and_then(|msg| msg.attributes.iter().find(|x| x.id.name == a));
        if let Some(attribute) = attribute {
            texts.push((Some(a.as_str()), localize(alone(&attribute.value), p.from)));
        }
    }
    let parsed: Vec<(Option<&str>, ast::Resource<&str>)> = texts
        .iter()
        .map(|(a, t)| {
            let r = fluent_syntax::parser::parse(t.as_str()).unwrap_or_else(|(r, _)| r);
            (*a, r)
        })
        .collect();
    let mut value = None;
    let mut attributes = Vec::new();
    for &(a, ref r) in &parsed {
        let Some(ast::Entry::Message(msg)) = r.body.first() else {
            continue;
        };
        let Some(p) = msg.value.clone() else { continue };
        match a {
            None => value = Some(p),
            Some(a) => attributes.push(ast::Attribute {
                id: ast::Identifier { name: a },
                value: p,
            }),
        }
    }
    let resource = ast::Resource {
        body: vec![ast::Entry::Message(ast::Message {
            id: ast::Identifier { name: id },
            value,
            attributes,
            comment: None,
        })],
    };
    // (Should it not write safely, fluent-syntax's own serialization is all there is.)
    let plain = fluent_syntax::serializer::serialize(&resource);
    bundle::merge::serialize(resource)
        .unwrap_or(plain)
        .trim_end_matches(FLUENT_BLANK)
        .to_string()
}

/// A message's parts as one text: the value, then `attr: text` for each attribute.
fn patterns_text(p: &Patterns, separator: &str) -> String {
    p.iter()
        .map(|(k, t)| {
            if k.is_empty() {
                t.clone()
            } else {
                format!("{k}: {t}")
            }
        })
        .collect::<Vec<_>>()
        .join(separator)
}

/// Source messages past which `build` builds one locale at a time (see `run`).
const ONE_AT_A_TIME: usize = 250_000;

/// What Fluent itself trims at the end of an entry: spaces and line breaks. Not
/// Unicode's whitespace (`str::trim_end`), which took a value's closing no-break space
/// (`Total\u{a0}`, French `Nom\u{a0}:`) out of messages.ftl but not out of
/// messages.json.
const FLUENT_BLANK: [char; 3] = [' ', '\n', '\r'];

/// Entry `i` of a catalog as written (a message or term and its attributes, without its
/// comment), with LF line endings and nothing after its last character.
fn entry_text(c: &Catalog, i: usize) -> String {
    let span = &c.spans[i];
    c.text[span.body_start..span.end]
        .replace("\r\n", "\n")
        .trim_end_matches(FLUENT_BLANK)
        .to_string()
}

/// The entries of messages.ftl (`ranges` in `ftl`) that have a placeable, as one text.
fn with_placeables(ftl: &str, ranges: &[std::ops::Range<usize>]) -> String {
    ranges
        .iter()
        .map(|r| &ftl[r.start..r.end.min(ftl.len())])
        .filter(|t| t.contains('{'))
        .collect()
}

/// The message and term IDs a Fluent text refers to.
fn references(text: &str) -> rustc_hash::FxHashSet<String> {
    if text.is_empty() {
        return Default::default();
    }
    let catalog = Catalog::parse(text);
    (0..catalog.resource.body.len())
        .flat_map(|i| catalog.references(i))
        .collect()
}

/// The ID an entry of messages.ftl starts with (`id`, `-term`).
fn ftl_id(entry: &str) -> &str {
    let dash = usize::from(entry.starts_with('-'));
    &entry[..dash + crate::ftl::identifier_len(&entry[dash..])]
}

/// messages.ftl (its entries at `ranges`) converted to ICU, as
/// [`bundle::icu::convert_resource`] of the whole text gives it, but never parsed whole
/// nor held whole: an entry without a placeable (no `{`) refers to nothing, so it
/// converts the same in any resource. The entries with placeables are converted
/// together with every entry they refer to, and kept; the others are converted a slice
/// at a time, in ID order, each time they are visited (at a million messages, holding
/// their conversion was 300 MB). (messages.ftl has each ID once.)
struct Conversion<'f> {
    ftl: &'f str,
    together: BTreeMap<String, bundle::icu::Message>,
    /// The other entries, sorted by ID.
    rest: Vec<std::ops::Range<usize>>,
    kinds: &'f bundle::icu::Kinds,
    /// FormatJS picks the hour cycle of an ICU `j` from the tag's region; a private-use
    /// region (the pseudo-locales' XA, XB) it reads as 24-hour where Intl keeps the
    /// language's.
    private_region: bool,
    /// The time spent converting slices (for `CARTA_TIMINGS`).
    spent: std::cell::Cell<std::time::Duration>,
}

impl<'f> Conversion<'f> {
    const SLICE: usize = 20_000;

    fn new(
        ftl: &'f str,
        ranges: &[std::ops::Range<usize>],
        kinds: &'f bundle::icu::Kinds,
        tag: &Tag,
    ) -> Self {
        let private_region = tag.langid().region.is_some_and(|r| {
            let r = r.as_str();
            r == "AA" || r == "ZZ" || ("QM"..="QZ").contains(&r) || ("XA"..="XZ").contains(&r)
        });
        let entry = |r: &std::ops::Range<usize>| &ftl[r.start..r.end.min(ftl.len())];
        let refs = references(&with_placeables(ftl, ranges));
        let together =
            |r: &std::ops::Range<usize>| entry(r).contains('{') || refs.contains(ftl_id(entry(r)));
        let joined: String = ranges.iter().filter(|r| together(r)).map(entry).collect();
        let kept = if joined.is_empty() {
            BTreeMap::new()
        } else {
            bundle::icu::convert_resource_in(&joined, kinds, private_region)
        };
        drop(joined);
        let mut rest: Vec<std::ops::Range<usize>> =
            ranges.iter().filter(|r| !together(r)).cloned().collect();
        rest.sort_unstable_by(|a, b| ftl_id(entry(a)).cmp(ftl_id(entry(b))));
        Conversion {
            ftl,
            together: kept,
            rest,
            kinds,
            private_region,
            spent: Default::default(),
        }
    }

    /// Calls `f` with every converted message in ID order, until it returns false.
    fn visit(&self, f: &mut dyn FnMut(&str, &bundle::icu::Message) -> bool) {
        let entry = |r: &std::ops::Range<usize>| &self.ftl[r.start..r.end.min(self.ftl.len())];
        let mut together = self.together.iter().peekable();
        for slice in self.rest.chunks(Self::SLICE) {
            let started = std::time::Instant::now();
            let text: String = slice.iter().map(entry).collect();
            let converted =
                bundle::icu::convert_resource_in(&text, self.kinds, self.private_region);
            drop(text);
            self.spent.set(self.spent.get() + started.elapsed());
            for (id, m) in &converted {
                while let Some((t, tm)) = together.next_if(|(t, _)| t.as_str() < id.as_str()) {
                    if !f(t, tm) {
                        return;
                    }
                }
                if self.together.contains_key(id) {
                    continue;
                }
                if !f(id, m) {
                    return;
                }
            }
        }
        for (t, tm) in together {
            if !f(t, tm) {
                return;
            }
        }
    }
}

/// The IDs a locale's messages.ftl has so far: every source entry once the source's
/// are written (but the messages no locale formats, `left_out`), and those added after
/// them. (A set of every ID was 60 MB at a million messages.)
struct Emitted<'o> {
    source: &'o dyn Fn(&str) -> bool,
    left_out: rustc_hash::FxHashSet<&'o str>,
    added: rustc_hash::FxHashSet<String>,
}

impl Emitted<'_> {
    fn contains(&self, id: &str) -> bool {
        self.added.contains(id) || ((self.source)(id) && !self.left_out.contains(id))
    }

    /// Adds `id`; false if it was there.
    fn insert(&mut self, id: &str) -> bool {
        !self.contains(id) && self.added.insert(id.to_string())
    }
}

/// The source locale, parsed once and shared by every locale's build (a Fluent bundle
/// can hold borrowed resources).
struct SourceLocale<'a, 's> {
    tag: &'a Tag,
    /// The source files' paths, relative to the source folder.
    rels: &'a [PathBuf],
    /// Message and term ID → (file, entry) of its first definition in the source.
    entries: &'a SourceEntries<'s>,
    catalogs: &'a [Catalog<'s>],
    /// What of the source's files its bundle needs (see [`bundle::resources`]).
    resources: &'a [FluentResource],
    /// Per file, whether the bundle has all of it (nothing is read off its catalog).
    whole: &'a [bool],
    /// The kinds of the source's variables, by part (`id`, `id.attr`).
    kinds: &'a bundle::icu::Kinds,
    /// What every locale's ICU conversion is told: `kinds`, raised where a translation
    /// needs a number or a date (see [`translation_hints`]).
    hints: &'a bundle::icu::Kinds,
}

/// A locale's fluent-bundle resources: only the entries the bundle must format (see
/// [`bundle::resources`]), and per file whether it holds all of it.
fn resources(catalogs: &[Catalog], texts: &[&str]) -> (Vec<FluentResource>, Vec<bool>) {
    let whole = catalogs
        .iter()
        .zip(texts)
        .map(|(c, t)| bundle::resources::whole(c, t))
        .collect();
    let resources = bundle::resources::bundle_texts(catalogs, texts)
        .into_iter()
        .map(|t| FluentResource::try_new(t.into_owned()).unwrap_or_else(|(r, _)| r))
        .collect();
    (resources, whole)
}

/// The source's variable kinds raised where a translation needs more, or None when no
/// translation does. A variable the source only interpolates (`{ $n } files`) that a
/// translation selects on by plural or passes to `NUMBER()` is a number to the app (the
/// types say so, merged over the locales), and Fluent formats a number passed to
/// `{ $n }` with the locale's digits and grouping, so every locale's ICU must say
/// `{n, number}` too (a date likewise). Only the source's variables are raised (one that
/// only a translation uses is check's E005, and that part falls back). The translations'
/// entries that could raise one — a message whose source part has a text variable, with
/// a select, a function call or a reference — are found by a scan of their text and
/// converted with the locale's messages and terms they refer to.
fn translation_hints(
    project: &Project,
    targets: &[Tag],
    kinds: &bundle::icu::Kinds,
) -> Option<bundle::icu::Kinds> {
    use bundle::icu::Kind;
    // The source's messages with a variable that is not a number.
    let loose: rustc_hash::FxHashSet<&str> = kinds
        .iter()
        .filter(|(_, vars)| vars.values().any(|k| *k != Kind::Number))
        .map(|(key, _)| key.split('.').next().unwrap_or(key))
        .collect();
    if loose.is_empty() {
        return None;
    }
    // Each entry of a file, with its name (`-term` or `message`).
    fn each_entry(text: &str, f: &mut dyn FnMut(&str, &str)) {
        let mut visit = |start: usize, end: usize| {
            let e = &text[start..end];
            let name = e.split(['=', ' ', '\t', '\r', '\n']).next().unwrap_or("");
            if !name.starts_with('#') && !name.is_empty() {
                f(name, e);
            }
        };
        let (mut start, mut at) = (0, 0);
        for line in text.split_inclusive('\n') {
            let first = line.as_bytes().first().copied().unwrap_or(b' ');
            if at > 0 && (first.is_ascii_alphabetic() || first == b'-' || first == b'#') {
                visit(start, at);
                start = at;
            }
            at += line.len();
        }
        visit(start, text.len());
    }
    let typed = |e: &str| e.contains("->") || e.contains("NUMBER(") || e.contains("DATETIME(");
    let per_locale: Vec<bundle::icu::Kinds> = targets
        .par_iter()
        .map(|t| {
            let dir = project.locale_dir(t);
            // A file that cannot be read is reported by the locale's own build.
            let files: Vec<String> = project
                .ftl_files(&dir)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|rel| project.read(&dir.join(&rel)).ok().flatten())
                .map(|f| f.text)
                .collect();
            let mut text = String::new();
            // The entries of loose messages that type a variable themselves, or could
            // through what they refer to (a helper message or term of the locale's,
            // whose entries then come along: `a = { h }`, `h = { $n -> … }`).
            let mut wanted: rustc_hash::FxHashSet<String> = Default::default();
            for file in &files {
                each_entry(file, &mut |name, e| {
                    if !loose.contains(name) {
                        return;
                    }
                    let refs = referenced_names(e);
                    if typed(e) || !refs.is_empty() {
                        text.push_str(e);
                        text.push('\n');
                        wanted.extend(refs);
                    }
                });
            }
            let mut taken: rustc_hash::FxHashSet<String> = Default::default();
            // A chain of helpers is followed a few steps (each step one scan).
            for _ in 0..8 {
                wanted.retain(|n| !loose.contains(n.as_str()) && !taken.contains(n));
                if wanted.is_empty() {
                    break;
                }
                let mut next: rustc_hash::FxHashSet<String> = Default::default();
                for file in &files {
                    each_entry(file, &mut |name, e| {
                        if wanted.contains(name) && taken.insert(name.to_string()) {
                            text.push_str(e);
                            text.push('\n');
                            next.extend(referenced_names(e));
                        }
                    });
                }
                wanted = next;
            }
            if text.is_empty() {
                Default::default()
            } else {
                bundle::icu::kinds(&text)
            }
        })
        .collect();
    let mut raised = kinds.clone();
    let mut any = false;
    for locale in per_locale {
        for (key, vars) in locale {
            let Some(source) = raised.get_mut(&key) else {
                continue;
            };
            for (name, kind) in vars {
                if let Some(k) = source.get_mut(&name) {
                    if kind < *k {
                        *k = kind;
                        any = true;
                    }
                }
            }
        }
    }
    any.then_some(raised)
}

/// A source part that refers to another (`summary = Summary: { count }`) passes its
/// variables on, so a variable raised to a number in the other (a translation of
/// `count` uses `NUMBER($n)`) is raised in it too: its ICU must say `{n, number}` as well
/// (it said `{n}`, and printed "1234.5" where Fluent printed "1,234.5").
fn raise_through_references(catalogs: &[Catalog], raised: &mut bundle::icu::Kinds) {
    let mut edges: Vec<(String, String)> = Vec::new();
    for c in catalogs {
        for e in &c.resource.body {
            let fluent_syntax::ast::Entry::Message(m) = e else {
                continue;
            };
            let parts = m.value.iter().map(|p| (m.id.name.to_string(), p)).chain(
                m.attributes
                    .iter()
                    .map(|a| (format!("{}.{}", m.id.name, a.id.name), &a.value)),
            );
            for (key, p) in parts {
                if !raised.contains_key(&key) {
                    continue; // no variables
                }
                crate::check::ast::walk_pattern(p, &mut |i| {
                    if let fluent_syntax::ast::InlineExpression::MessageReference {
                        id,
                        attribute,
                    } = i
                    {
                        let to = match attribute {
                            None => id.name.to_string(),
                            Some(a) => format!("{}.{}", id.name, a.name),
                        };
                        edges.push((key.clone(), to));
                    }
                });
            }
        }
    }
    // To a fixed point (a chain of references raises along it), at most once per edge.
    for _ in 0..=edges.len() {
        let mut changed = false;
        for (from, to) in &edges {
            let Some(theirs) = raised.get(to).cloned() else {
                continue;
            };
            let Some(ours) = raised.get_mut(from) else {
                continue;
            };
            for (v, kind) in theirs {
                if let Some(k) = ours.get_mut(&v) {
                    if kind < *k {
                        *k = kind;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// The names (`message`, `-term`) an entry's text seems to refer to: an identifier right
/// after a `{` (and blanks) that is not a function call. A scan, not a parse: a name too
/// many only costs the scan one entry more.
fn referenced_names(entry: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = entry;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        let after = rest.trim_start_matches([' ', '\n', '\r', '\t']);
        let term = after.starts_with('-');
        let ident = after.trim_start_matches('-');
        let len = ident
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(ident.len());
        let name = &ident[..len];
        let call = ident[len..].trim_start().starts_with('(');
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) && (term || !call) {
            out.push(if term {
                format!("-{name}")
            } else {
                name.to_string()
            });
        }
    }
    out
}

/// The kinds of the source's variables (its files as one resource, so terms defined in
/// one file resolve in another). Read off the bundle's resources: a part without a
/// placeable has no variables, and an absent part is a part without variables to
/// `convert_resource`; every entry with a placeable is there with what it refers to,
/// and every definition of an ID defined twice (so the first one still wins).
fn source_kinds<'t>(texts: impl Iterator<Item = &'t str>) -> bundle::icu::Kinds {
    let joined: Vec<&str> = texts.collect();
    bundle::icu::kinds(&joined.join("\n\n"))
}

/// Every source message and term ID → (file, entry) of its first definition. Its text
/// is read off the catalog when needed (a map of every source text was 190 MB at a
/// million messages). A source of one file has its catalog's index (which maps the same
/// IDs to the same entries): a second map was 86 MB at a million messages.
enum SourceEntries<'s> {
    OneFile,
    Files(FxHashMap<std::borrow::Cow<'s, str>, (usize, usize)>),
}

fn source_entries<'s>(catalogs: &[Catalog<'s>]) -> SourceEntries<'s> {
    if catalogs.len() == 1 {
        return SourceEntries::OneFile;
    }
    let mut out = FxHashMap::default();
    for (f, c) in catalogs.iter().enumerate() {
        for i in 0..c.resource.body.len() {
            if matches!(c.kind(i), EntryKind::Message(_) | EntryKind::Term(_)) {
                if let Some(id) = c.entry_id(i) {
                    out.entry(id).or_insert((f, i));
                }
            }
        }
    }
    SourceEntries::Files(out)
}

impl SourceLocale<'_, '_> {
    /// (file, entry) of the first definition of message or term `id`, with the ID as
    /// the source's own (borrowed) string.
    fn entry(&self, id: &str) -> Option<(&str, usize, usize)> {
        match self.entries {
            SourceEntries::OneFile => {
                let (k, &i) = self.catalogs.first()?.index.get_key_value(id)?;
                Some((k.as_ref(), 0, i))
            }
            SourceEntries::Files(map) => {
                let (k, &(f, i)) = map.get_key_value(id)?;
                Some((k.as_ref(), f, i))
            }
        }
    }

    /// The source text of message or term `id` (what review records and sync's state
    /// are of).
    fn patterns(&self, id: &str) -> Option<Patterns> {
        let (_, f, i) = self.entry(id)?;
        Some(self.catalogs[f].patterns(i))
    }

    /// `id` as the source's own (borrowed) string, if the source has it.
    fn key(&self, id: &str) -> Option<&str> {
        self.entry(id).map(|(k, _, _)| k)
    }

    /// The source file that defines message `id` (first).
    fn home(&self, id: &str) -> Option<usize> {
        let (_, f, i) = self.entry(id)?;
        matches!(self.catalogs[f].kind(i), EntryKind::Message(_)).then_some(f)
    }
}

/// One chain locale's translations of source messages and terms: their status and
/// review record (boxed: most translations have none).
type Statuses<'a> = FxHashMap<&'a str, (Status, Option<Box<Record>>)>;

/// A locale file's text without the messages the source defines in another file: `check`
/// reports those as missing where the source has them (and sync moves them to the
/// obsolete section), so build does not use them either and falls back instead. Terms
/// and messages the source does not have stay. Borrowed when nothing is dropped.
fn without_strays<'t>(
    rel: &Path,
    text: &'t str,
    source: &SourceLocale,
) -> std::borrow::Cow<'t, str> {
    let home = source.rels.iter().position(|r| r == rel);
    let elsewhere = |id: &str| source.home(id).is_some_and(|f| Some(f) != home);
    // A message starts at column 0 with its ID, so a file none of whose lines starts
    // with a stray ID needs no parse here (the usual case).
    let suspect = text.lines().any(|line| {
        let end = crate::ftl::identifier_len(line);
        end > 0 && elsewhere(&line[..end])
    });
    if !suspect {
        return std::borrow::Cow::Borrowed(text);
    }
    let catalog = Catalog::parse(text);
    let stray = |i: usize| matches!(catalog.kind(i), EntryKind::Message(id) if elsewhere(id));
    if !(0..catalog.spans.len()).any(stray) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut kept = catalog.prefix().to_string();
    for (i, span) in catalog.spans.iter().enumerate() {
        if !stray(i) {
            kept.push_str(&text[span.start..span.next]);
        }
    }
    std::borrow::Cow::Owned(kept)
}

/// What the publishing policy and the review page need besides the texts.
pub(crate) struct Publish<'a> {
    policy: &'a PublishConfig,
    /// `check`'s findings on this locale, by message ID: (severity, text).
    findings: HashMap<String, Vec<(String, String)>>,
    /// The locale's glossary terms (source term, required translations).
    glossary: Vec<(String, Vec<String>)>,
    page: &'a PageInputs,
}

/// The clinic as this locale's pages show it: `[clinic.<tag>]` texts of the chain, else
/// the locale's `carta.ftl` (`carta-clinic-name`, `carta-clinic-address`), else `[clinic]`.
fn clinic_for(
    inputs: &PageInputs,
    chain: &[Tag],
    strings: &bundle::strings::Strings,
) -> Option<bundle::clinic::Clinic> {
    let config = inputs.clinic.as_ref()?;
    let mut text = config.text_for(chain);
    let localized = |f: fn(&crate::config::ClinicText) -> &Option<String>| {
        chain.iter().any(|t| {
            config
                .localized
                .get(t.as_str())
                .is_some_and(|c| f(c).is_some())
        })
    };
    if !localized(|c| &c.name) {
        if let Some(name) = strings.find("carta-clinic-name", &[]) {
            text.name = Some(name);
        }
    }
    if !localized(|c| &c.address) {
        if let Some(address) = strings.find("carta-clinic-address", &[]) {
            text.address = Some(address);
        }
    }
    let clinic = bundle::clinic::Clinic {
        text,
        logo: inputs.logo.clone(),
        accent: config.accent.clone(),
    };
    (!clinic.is_empty() || clinic.accent.is_some()).then_some(clinic)
}

/// Who signed off a page's translations: every reviewer's name and the latest date, when
/// every passage of the page comes from a translation that is signed off (a page with
/// any unreviewed or fallen-back text, and the source's page, have none).
fn reviewed_by(
    ids: &[Option<String>],
    lb: &LocaleBundle,
    statuses: &[Statuses],
    is_source: impl Fn(&Tag) -> bool,
) -> Option<(Vec<String>, String)> {
    let mut names: Vec<String> = Vec::new();
    let mut latest = String::new();
    let mut any = false;
    for id in ids.iter().flatten() {
        let m = lb.messages.get(id)?;
        for part in m.value.iter().chain(m.attributes.values()) {
            if is_source(&lb.chain[part.from]) {
                return None;
            }
            let (Status::Reviewed, Some(record)) = statuses.get(part.from)?.get(id.as_str())?
            else {
                return None;
            };
            any = true;
            if !names.contains(&record.by) {
                names.push(record.by.clone());
            }
            if record.date > latest {
                latest = record.date.clone();
            }
        }
    }
    names.sort();
    any.then_some((names, latest))
}

/// Which handout formats a build writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Formats {
    html: bool,
    md: bool,
    json: bool,
    pdf: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            html: true,
            md: true,
            json: true,
            pdf: false,
        }
    }
}

impl Formats {
    /// The format the language picker links to.
    fn linked(&self) -> &'static str {
        match (self.html, self.pdf, self.md) {
            (true, _, _) => "html",
            (false, true, _) => "pdf",
            (false, false, true) => "md",
            _ => "json",
        }
    }
}

/// What every page of the build shows besides its text, read once.
#[derive(Default)]
pub(crate) struct PageInputs {
    formats: Formats,
    paper: crate::config::Paper,
    /// The project's `locales/<tag>/carta.ftl` files.
    overrides: bundle::strings::Overrides,
    clinic: Option<crate::config::ClinicConfig>,
    /// The clinic's logo as a `data:` URI.
    logo: Option<String>,
}

/// Reads what the pages need besides the translations: the formats, the project's
/// `carta.ftl` files (checked), the clinic and its logo (checked).
fn page_inputs(
    project: &Project,
    opts: &Options,
    chains: &BTreeMap<Tag, Vec<Tag>>,
) -> Result<PageInputs> {
    let config = &project.config;
    let has = |f: &str| config.formats.iter().any(|x| x == f);
    let formats = Formats {
        html: has("html"),
        md: has("md"),
        json: has("json"),
        pdf: has("pdf") || opts.pdf,
    };
    let mut overrides = bundle::strings::Overrides::default();
    for tag in chains.keys() {
        if bundle::pseudo_tags().iter().any(|(p, _)| p == tag) {
            continue;
        }
        let path = project.locale_dir(tag).join(bundle::strings::OVERRIDE_FILE);
        if let Some(file) = project.read(&path)? {
            overrides.add(tag, &project.show(&path), &file.text)?;
        }
    }
    let logo = match config.clinic.as_ref().and_then(|c| c.logo.as_ref()) {
        None => None,
        Some(rel) => {
            let path = project.root.join(rel);
            let shown = project.show(&path);
            if rel.is_absolute()
                || rel
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir))
            {
                return Err(Error::Config {
                    path: crate::config::FILE_NAME.into(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "`clinic.logo` must be a path inside the project, not `{}`",
                        rel.display()
                    ),
                });
            }
            project.guard(&path)?;
            let bytes = crate::fs::read_regular(&path).map_err(|source| Error::Read {
                path: shown.clone(),
                source,
            })?;
            Some(
                bundle::clinic::logo_data_uri(&bytes).map_err(|message| Error::Input {
                    path: shown,
                    message,
                })?,
            )
        }
    };
    Ok(PageInputs {
        formats,
        paper: config.pdf.paper,
        overrides,
        clinic: config.clinic.clone(),
        logo,
    })
}

/// A locale file as build reads it: its text and its state (sync's and review's records).
struct LocaleText {
    rel: PathBuf,
    file: TextFile,
    state: Option<TextFile>,
}

/// What the publishing policy makes of one locale's translation of a message.
enum Decision {
    /// Use it as it is.
    Use,
    /// Use it, marked on the page.
    Mark(Flag),
    /// Do not use it: take the next locale of the chain.
    Skip(Flag),
    /// The build fails on it.
    Fail(Flag),
}

/// `check`'s findings on each locale of `wanted` (all of them: `only` is `--locale`), by
/// tag, from one run of check; `None` when check cannot run (each locale's task then
/// tries on its own, and reports why).
fn review_findings(
    project: &Project,
    only: Option<&Tag>,
    wanted: &[&Tag],
) -> Option<HashMap<String, Findings>> {
    let mut out = HashMap::new();
    let wanted: std::collections::HashSet<&str> = wanted.iter().map(|t| t.as_str()).collect();
    super::check::run_streaming(
        project,
        &super::check::Options {
            locale: only.cloned(),
        },
        |cov, diags| {
            wanted
                .contains(cov.locale.as_str())
                .then(|| (cov.locale.clone(), findings(diags)))
        },
        |made| {
            out.extend(made);
            Ok(())
        },
    )
    .ok()?;
    Some(out)
}

/// `check`'s findings on a locale, by message ID: (severity, text).
type Findings = HashMap<String, Vec<(String, String)>>;

/// `check`'s findings on one locale, by message ID, for its review page (the ones the
/// page shows anyway — missing, outdated, unreviewed — left out).
fn findings_of(project: &Project, tag: &Tag) -> Result<Findings> {
    let report = super::check::run(
        project,
        &super::check::Options {
            locale: Some(tag.clone()),
        },
    )?;
    Ok(findings(report.diagnostics))
}

/// The findings of `diagnostics` a review page lists.
fn findings(diagnostics: Vec<crate::check::Diagnostic>) -> Findings {
    use crate::check::{Code, Severity};
    let mut out: Findings = HashMap::new();
    for d in diagnostics {
        if matches!(d.code, Code::Missing | Code::Outdated | Code::Unreviewed)
            || d.severity == Severity::Off
        {
            continue;
        }
        if let Some(id) = d.message_id {
            out.entry(id)
                .or_default()
                .push((d.severity.as_str().to_string(), d.message));
        }
    }
    out
}

/// How the source of an outdated translation changed: the word diff of its marker, or
/// of the text the state recorded and the source now.
fn outdated_diff(catalog: &Catalog, i: usize, source: &Patterns, state: &StateView) -> String {
    let from_marker: Vec<&str> = catalog
        .comment_lines(i)
        .iter()
        .filter_map(|l| l.trim_start().split_once("diff: ").map(|(_, d)| d))
        .collect();
    if !from_marker.is_empty() {
        return from_marker.join(" · ");
    }
    let old = crate::state::Seen::patterns(state, catalog.entry_id(i).as_deref().unwrap_or(""))
        .unwrap_or_default();
    crate::sync::word_diff(&patterns_text(&old, " · "), &patterns_text(source, " · "))
}

/// Whether the policy fails the build on a translation flagged `why`.
fn policy_fails(why: Flag, policy: &PublishConfig) -> bool {
    match why {
        Flag::Outdated => policy.outdated == crate::config::OutdatedPolicy::Fail,
        Flag::Unreviewed => policy.unreviewed == crate::config::UnreviewedPolicy::Fail,
    }
}

fn decide(status: Status, policy: &PublishConfig) -> Decision {
    use crate::config::{OutdatedPolicy as O, UnreviewedPolicy as U};
    match status {
        // Outdated text is not reviewed against the source as it is now either, so the
        // stricter of the two policies applies (`unreviewed = "fallback"` withholds it
        // too: it let the riskier text through and withheld the current one).
        Status::Outdated => match (policy.outdated, policy.unreviewed) {
            (O::Fail, _) | (_, U::Fail) => Decision::Fail(Flag::Outdated),
            (O::Fallback, _) | (_, U::Fallback) => Decision::Skip(Flag::Outdated),
            _ => Decision::Mark(Flag::Outdated),
        },
        Status::Translated => match policy.unreviewed {
            U::Allow => Decision::Use,
            U::Mark => Decision::Mark(Flag::Unreviewed),
            U::Fallback => Decision::Skip(Flag::Unreviewed),
            U::Fail => Decision::Fail(Flag::Unreviewed),
        },
        _ => Decision::Use,
    }
}

#[allow(clippy::too_many_arguments)]
/// How hard each handout reads on `tag`'s page, counting the text in the page's language
/// (its own translations, and a regional locale's general-language fallback), and in the
/// source over the whole document: (document, on the page, source). Nothing for a
/// pseudo-locale.
fn readability_of(
    tag: &Tag,
    docs: &[Extracted],
    lb: &LocaleBundle,
    source_locale: &SourceLocale,
) -> Vec<(
    String,
    crate::readability::Readability,
    crate::readability::Readability,
)> {
    if lb.pseudo {
        return Vec::new();
    }
    let language = tag.langid().language.as_str();
    let source_language = source_locale.tag.langid().language.as_str();
    docs.iter()
        .map(|e| {
            let ids = || e.ids.iter().flatten();
            let page = ids()
                .filter_map(|id| lb.messages.get(id))
                .flat_map(|m| m.value.iter().chain(m.attributes.values()))
                .filter(|p| lb.locale_of(p).langid().language.as_str() == language)
                .map(|p| p.text.as_str());
            let source: Vec<String> = ids()
                .filter_map(|id| source_locale.patterns(id))
                .flat_map(|p| p.into_iter().map(|(_, t)| t))
                .collect();
            let source = source.iter().map(String::as_str);
            (
                e.doc.name.clone(),
                crate::readability::measure(language, page),
                crate::readability::measure(source_language, source),
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn build_locale(
    tag: &Tag,
    chain: &[Tag],
    texts: HashMap<Tag, Vec<LocaleText>>,
    source_locale: &SourceLocale,
    transform: Option<Transform>,
    docs: &[Extracted],
    publish: &Publish,
    out: &mut dyn Output,
) -> Result<Built> {
    let started = std::time::Instant::now();
    let policy = publish.policy;
    let source = source_locale.tag;
    let source_catalogs = source_locale.catalogs;
    // One bundle and one set of catalogs per chain locale; the source's are shared (a
    // pseudo-locale is the source with a transform).
    let is_source = |t: &Tag| t == source || (transform.is_some() && t == tag);
    let kept: Vec<Vec<std::borrow::Cow<str>>> = chain
        .iter()
        .map(|t| {
            let files = match texts.get(t) {
                Some(files) if !is_source(t) => files.as_slice(),
                _ => &[],
            };
            files
                .iter()
                .map(|f| without_strays(&f.rel, &f.file.text, source_locale))
                .collect::<Vec<_>>()
        })
        .collect();
    let own: Vec<(Vec<FluentResource>, Vec<Catalog>, Vec<bool>)> = kept
        .iter()
        .map(|texts| {
            let catalogs: Vec<Catalog> = texts.iter().map(|t| Catalog::parse(t)).collect();
            let strs: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
            let (resources, whole) = resources(&catalogs, &strs);
            (resources, catalogs, whole)
        })
        .collect();
    let functions = crate::check::format::source_functions(source_catalogs.iter());
    // What the locale's translations use but the locale does not define — the source's
    // `-brand`, left untranslated as brand names often are — from the first later locale
    // of the chain that has it: messages.ftl carries that definition, so a runtime
    // formats the translation with it, and carta does too (the translation fell back to
    // English before, though check counted it translated). Only when that entry and
    // everything it uses in turn come from one locale and the locale defines none of it
    // (else messages.ftl's copies could read otherwise): then the part falls back.
    // Per chain locale k (a regional locale's parent too).
    let chain_catalogs = |j: usize| -> &[Catalog] {
        if is_source(&chain[j]) {
            source_catalogs
        } else {
            own[j].1.as_slice()
        }
    };
    // Each chain locale's catalogs, looked up by ID.
    let catalogs: Vec<crate::catalog::Files> = (0..chain.len())
        .map(|j| crate::catalog::Files::new(chain_catalogs(j)))
        .collect();
    // The first chain locale that defines `id` (what messages.ftl's `id` is).
    let first_owner = |id: &str| (0..chain.len()).find(|&j| catalogs[j].contains(id));
    let fills: Vec<(FluentResource, rustc_hash::FxHashSet<String>)> = (0..chain.len())
        .map(|k| {
            let mut text = String::new();
            let mut filled = rustc_hash::FxHashSet::default();
            if !is_source(&chain[k]) && k + 1 < chain.len() {
                let mine = chain_catalogs(k);
                let defined_here = |id: &str| catalogs[k].contains(id);
                let mut wanted: Vec<String> = mine
                    .iter()
                    .flat_map(|c| {
                        (0..c.resource.body.len())
                            .filter(|&i| {
                                c.text[c.spans[i].body_start..c.spans[i].end].contains('{')
                            })
                            .flat_map(|i| c.references(i))
                    })
                    .filter(|id| !defined_here(id))
                    .collect();
                wanted.sort();
                wanted.dedup();
                for id in wanted {
                    if filled.contains(&id) {
                        continue;
                    }
                    let Some(j) = (k + 1..chain.len()).find(|&j| catalogs[j].contains(&id)) else {
                        continue;
                    };
                    // The entry and what it uses, all from locale j, which is also where
                    // messages.ftl takes each from (no locale before it has one).
                    let mut entries: Vec<(String, String)> = Vec::new();
                    let mut queue = vec![id.clone()];
                    let mut seen = rustc_hash::FxHashSet::default();
                    let mut whole = true;
                    while let Some(r) = queue.pop() {
                        if !seen.insert(r.clone()) || filled.contains(&r) {
                            continue;
                        }
                        if first_owner(&r) != Some(j) {
                            whole = false;
                            break;
                        }
                        let Some((c, i)) = catalogs[j].get(&r) else {
                            continue;
                        };
                        queue.extend(c.references(i));
                        entries.push((r, entry_text(c, i)));
                    }
                    if whole {
                        for (r, t) in entries {
                            text.push_str(&t);
                            text.push_str("\n\n");
                            filled.insert(r);
                        }
                    }
                }
            }
            let resource = FluentResource::try_new(text).unwrap_or_else(|(r, _)| r);
            (resource, filled)
        })
        .collect();
    let mut bundles: Vec<FluentBundle<&FluentResource>> = Vec::new();
    let mut wholes: Vec<&[bool]> = Vec::new();
    for (k, t) in chain.iter().enumerate() {
        let mut b = FluentBundle::new(vec![t.langid().clone()]);
        b.set_use_isolating(false);
        let _ = b.add_builtins();
        // fluent-rs has no DATETIME, and the app provides the source's own functions
        // (Firefox's PLATFORM()); check accepts them, so build keeps their parts too. They
        // take arguments, so their text is the pattern (messages.json), never formatted
        // here; an unset one writes `{NAME()}` as an unknown value would.
        for name in std::iter::once("DATETIME").chain(functions.iter().map(String::as_str)) {
            let _ = b.add_function(name, |_, _| fluent_bundle::FluentValue::Error);
        }
        if k == 0 {
            b.set_transform(transform);
        }
        let (resources, whole) = if is_source(t) {
            (source_locale.resources, source_locale.whole)
        } else {
            (own[k].0.as_slice(), own[k].2.as_slice())
        };
        for r in resources {
            let _ = b.add_resource(r);
        }
        let _ = b.add_resource(&fills[k].0);
        bundles.push(b);
        wholes.push(whole);
    }

    // A part that is plain text is read off the catalog; the bundle formats the rest
    // (see `bundle::resources`).
    let format = |k: usize, id: &str, attr: Option<&str>| -> Option<String> {
        let transform = if k == 0 { transform } else { None };
        if let Some(text) =
            bundle::resources::plain_part(&catalogs[k], wholes[k], id, attr, transform)
        {
            return text;
        }
        // (What the locale's bundle holds from later locales serves references only.)
        if fills[k].1.contains(id) {
            return None;
        }
        let msg = bundles[k].get_message(id)?;
        let pattern = match attr {
            None => msg.value()?,
            Some(a) => msg.get_attribute(a)?.value(),
        };
        let mut errors = Vec::new();
        let text = bundle::format_pattern(&bundles[k], pattern, None, &mut errors)?;
        // A variable the app passes (the source's part has it) is the app's to give; one
        // only a translation uses (check's E005) never comes: the handout would print
        // `{$user}` and the app bundles would ask for an argument the app does not know,
        // so the part falls back as if it did not format.
        let key = match attr {
            None => id.to_string(),
            Some(a) => format!("{id}.{a}"),
        };
        let passed = |name: &str| {
            is_source(&chain[k])
                || source_locale
                    .kinds
                    .get(&key)
                    .is_some_and(|vars| vars.contains_key(name))
        };
        let fatal = errors.iter().any(|e| match e {
            FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable {
                id,
            })) => !passed(id),
            _ => true,
        });
        // Formatting without arguments takes only the default variants, so what another
        // variant uses (a variable the app does not pass, a message, term or function
        // that does not exist: check's E005, E006, E007) is looked for in the pattern
        // itself, in the locale's helper messages and terms it uses (a term sees only its
        // call's arguments: `{$y}` where it prints one the call does not pass), at any
        // depth; otherwise such a part was published and printed `{file-word}` when the
        // app's number chose that variant.
        let entry_of = |id: &str| -> Option<&fluent_syntax::ast::Entry<&str>> {
            if let Some((c, i)) = catalogs[k].get(id) {
                return c.resource.body.get(i);
            }
            // What the locale's bundle holds from later locales (see `fills`).
            if !fills[k].1.contains(id) {
                return None;
            }
            (k + 1..chain.len()).find_map(|j| {
                let (c, i) = catalogs[j].get(id)?;
                c.resource.body.get(i)
            })
        };
        let helper = |id: &str| source_locale.key(id).is_none();
        let function = |name: &str| {
            matches!(name, "NUMBER" | "DATETIME") || functions.iter().any(|f| f == name)
        };
        let scope = crate::check::ast::Scope {
            entry: &entry_of,
            helper: &helper,
            function: &function,
        };
        let mut broken = false;
        crate::check::ast::reach(pattern, &passed, &scope, &mut |_| broken = true);
        (!fatal && !broken).then_some(text)
    };

    // The status of each chain locale's translations (the source's own text has none).
    let mut diffs: FxHashMap<String, String> = FxHashMap::default();
    let mut statuses: Vec<Statuses> = Vec::new();
    for (k, t) in chain.iter().enumerate() {
        statuses.push({
            let mut out = FxHashMap::default();
            if let Some(files) = texts.get(t).filter(|_| !is_source(t)) {
                for (f, catalog) in own[k].1.iter().enumerate() {
                    // A state file that does not parse is reported by check and sync; here
                    // the markers in the file still tell what is outdated.
                    let state = files[f]
                        .state
                        .as_ref()
                        .and_then(|s| StateView::parse(&s.text).ok())
                        .unwrap_or_default();
                    for i in 0..catalog.resource.body.len() {
                        if !matches!(catalog.kind(i), EntryKind::Message(_) | EntryKind::Term(_)) {
                            continue;
                        }
                        let Some(id) = catalog.entry_id(i) else {
                            continue;
                        };
                        let Some(id) = source_locale.key(id.as_ref()) else {
                            continue;
                        };
                        if catalog.index.get(id) == Some(&i) && !out.contains_key(id) {
                            let Some(patterns) = source_locale.patterns(id) else {
                                continue;
                            };
                            let (status, record) =
                                crate::review::translated_status(catalog, i, id, &patterns, &state);
                            out.insert(id, (status, record.map(Box::new)));
                            if status == Status::Outdated {
                                diffs.entry(id.to_string()).or_insert_with(|| {
                                    outdated_diff(catalog, i, &patterns, &state)
                                });
                            }
                        }
                    }
                }
            }
            out
        });
    }
    // A translation is only as fit to print as what it pulls in: a term or message it
    // refers to (in any of the locale's files, through one another, or from a later
    // locale of the chain, as es-MX reads es's `advice`) that is outdated makes it
    // outdated, and one that is not reviewed — or is a locale's own, which no review
    // record covers — makes it unreviewed. The later locales first, so what a locale
    // takes from them is final.
    for k in (0..chain.len()).rev() {
        if is_source(&chain[k]) {
            continue;
        }
        let resolve =
            |r: &str| (k..chain.len()).find_map(|j| catalogs[j].get(r).map(|(c, i)| (j, c, i)));
        let mut worse: Vec<(&str, Status)> = Vec::new();
        for (&id, (status, _)) in &statuses[k] {
            let Some((c, i)) = catalogs[k].get(id) else {
                continue;
            };
            let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
            let mut queue = c.references(i);
            let mut effective = *status;
            while let Some(r) = queue.pop() {
                if !seen.insert(r.clone()) {
                    continue;
                }
                let Some((j, rc, ri)) = resolve(&r) else {
                    continue;
                };
                if is_source(&chain[j]) {
                    continue; // the source's own text
                }
                let dep = statuses[j].get(r.as_str()).map(|(s, _)| *s);
                effective = effective.min(dep.unwrap_or(Status::Translated).max(Status::Outdated));
                // A later locale's translation has its final status; its own helper and
                // the locale's entries are followed.
                if j == k || dep.is_none() {
                    queue.extend(rc.references(ri));
                }
            }
            if effective < *status {
                worse.push((id, effective));
            }
        }
        for (id, status) in worse {
            if let Some(entry) = statuses[k].get_mut(id) {
                entry.0 = status;
                if status != Status::Reviewed {
                    entry.1 = None;
                }
            }
        }
    }
    let mut marked: Vec<(String, Flag, usize)> = Vec::new();
    let mut skipped: Vec<(String, Flag, usize)> = Vec::new();
    let mut failed: Vec<(String, Flag, usize)> = Vec::new();

    let mut messages: BTreeMap<String, Resolved> = BTreeMap::new();
    // (id, source file, entry); the IDs borrowed from the source's.
    let mut order: Vec<(&str, usize, usize)> = Vec::new();
    for (fi, sc) in source_catalogs.iter().enumerate() {
        for i in 0..sc.resource.body.len() {
            let Some(id) = sc.entry_id(i) else { continue };
            if sc.index.get(id.as_ref()) != Some(&i) {
                continue;
            }
            // An ID defined in two source files is the first file's (as in the bundle,
            // which keeps the first): messages.ftl had it twice, and @fluent/bundle
            // reported the second.
            let Some((id, f, j)) = source_locale.entry(&id) else {
                continue;
            };
            if (f, j) != (fi, i) {
                continue;
            }
            order.push((id, fi, i));
            let id = id.to_string();
            let EntryKind::Message(_) = sc.kind(i) else {
                continue;
            };
            let parts = sc.patterns(i);
            let mut resolved = Resolved::default();
            let mut noted = false;
            for (key, _) in parts {
                let attr = key.strip_prefix('.');
                let mut notes: Vec<(Flag, usize, bool)> = Vec::new(); // (why, locale, used)
                let found = (0..chain.len()).find_map(|k| {
                    let status = statuses[k].get(id.as_str()).map(|(s, _)| *s);
                    let flag = match status.map(|s| decide(s, policy)) {
                        Some(Decision::Skip(why)) => {
                            if bundles[k].has_message(&id)
                                || bundle::resources::has_message(
                                    catalogs[k].catalogs,
                                    wholes[k],
                                    &id,
                                )
                            {
                                notes.push((why, k, false));
                            }
                            return None;
                        }
                        Some(Decision::Mark(why)) => Some(why),
                        Some(Decision::Fail(why)) => {
                            notes.push((why, k, true));
                            None
                        }
                        _ => None,
                    };
                    let text = format(k, &id, attr)?;
                    if let Some(why) = flag {
                        notes.push((why, k, true));
                    }
                    Some(Part {
                        text,
                        from: k,
                        flag,
                    })
                });
                if !noted {
                    for (why, k, used) in notes {
                        let list = match (used, policy_fails(why, policy)) {
                            (_, true) => &mut failed,
                            (true, false) => &mut marked,
                            (false, false) => &mut skipped,
                        };
                        list.push((id.clone(), why, k));
                        noted = true;
                    }
                }
                if let Some(part) = found {
                    match attr {
                        None => resolved.value = Some(part),
                        Some(a) => {
                            resolved.attributes.insert(a.to_string(), part);
                        }
                    }
                }
            }
            messages.insert(id, resolved);
        }
    }
    let lb = LocaleBundle {
        tag: tag.clone(),
        chain: chain.to_vec(),
        pseudo: transform.is_some(),
        messages,
        strings: bundle::strings::Strings::new(tag, chain, &publish.page.overrides, transform),
    };

    let readability = readability_of(tag, docs, &lb, source_locale);
    let in_handouts: std::collections::HashSet<&str> = docs
        .iter()
        .flat_map(|e| e.ids.iter().flatten().map(String::as_str))
        .collect();
    // The review page of a translated locale (not the source, not a pseudo-locale).
    let mut review_counts = None;
    if !is_source(tag) {
        let text_of = |p: &Patterns| patterns_text(p, "\n");
        let templates: std::collections::HashSet<&str> = own[0]
            .1
            .iter()
            .flat_map(|c| {
                (0..c.resource.body.len()).filter_map(|i| match c.kind(i) {
                    EntryKind::Template(id) => Some(id),
                    _ => None,
                })
            })
            .collect();
        // The page's rows: each source message once, the handouts' first (in document
        // order), then the others in source order. Written row by row (at a million
        // messages the page is hundreds of megabytes), after a first pass for the counts
        // shown above them.
        // Gone over twice, never held (a list and a set of a million IDs were 90 MB).
        let candidates = || {
            let mut listed = std::collections::HashSet::new();
            let in_docs_order = docs.iter().flat_map(|e| {
                e.ids
                    .iter()
                    .flatten()
                    .map(|id| (Some(e.doc.name.as_str()), id.as_str()))
            });
            // Each source message once: at its first definition, unless a handout has it.
            let others = order
                .iter()
                .filter(|&&(id, fi, i)| {
                    !id.starts_with('-')
                        && !in_handouts.contains(id)
                        && source_locale.entry(id).map(|(_, f, i)| (f, i)) == Some((fi, i))
                        && matches!(source_catalogs[fi].kind(i), EntryKind::Message(_))
                })
                .map(|&(id, _, _)| (None, id));
            in_docs_order
                .filter(move |(_, id)| listed.insert(*id))
                .chain(others)
                .filter(|(_, id)| source_locale.key(id).is_some())
        };
        // The translation a row shows: (chain locale, its catalog, the entry).
        type At<'c, 't> = Option<(usize, &'c Catalog<'t>, usize)>;
        let found = |id: &str| -> At {
            (0..chain.len())
                .filter(|&k| !is_source(&chain[k]))
                .find_map(|k| {
                    let (c, i) = catalogs[k].get(id)?;
                    matches!(c.kind(i), EntryKind::Message(_)).then_some((k, c, i))
                })
        };
        let status_of = |id: &str| -> (Status, Option<&Record>, At) {
            match found(id) {
                Some((k, c, i)) => {
                    let (status, record) = statuses[k]
                        .get(id)
                        .map_or((Status::Translated, None), |(s, r)| (*s, r.as_deref()));
                    (status, record, Some((k, c, i)))
                }
                None if templates.contains(id) => (Status::Template, None, None),
                None => (Status::Missing, None, None),
            }
        };
        let counts = bundle::review_page::counts(candidates().map(|(_, id)| status_of(id).0));
        review_counts = Some(counts);
        let rows = candidates().map(|(document, id)| {
            let (status, record, at) = status_of(id);
            bundle::review_page::Row {
                diff: (status == Status::Outdated)
                    .then(|| diffs.get(id).cloned())
                    .flatten(),
                findings: publish.findings.get(id).cloned().unwrap_or_default(),
                id: id.to_string(),
                document: document.map(str::to_string),
                source: source_locale
                    .patterns(id)
                    .map(|p| text_of(&p))
                    .unwrap_or_default(),
                translation: at.map(|(_, c, i)| text_of(&c.patterns(i))),
                status,
                from: at.and_then(|(k, _, _)| (k > 0).then(|| chain[k].clone())),
                record: record.cloned(),
            }
        });
        let legibility: Vec<bundle::review_page::Legibility> = readability
            .iter()
            .map(
                |(document, translation, source)| bundle::review_page::Legibility {
                    document: document.clone(),
                    translation: translation.clone(),
                    source: source.clone(),
                },
            )
            .collect();
        let mut rows = Some(rows);
        out.file(
            PathBuf::from("review").join(format!("{tag}.html")),
            &mut |w| {
                bundle::review_page::write(
                    w,
                    tag,
                    source,
                    counts,
                    rows.take().into_iter().flatten(),
                    &publish.glossary,
                    &legibility,
                )
            },
        )?;
    }

    // What the rest needs of the statuses, so they go before messages.ftl is built (at
    // a million messages they are 70 MB): the signed-off messages, and the handouts'.
    let mut reviewed: Vec<(String, Record, Tag)> = Vec::new();
    for (id, m) in &lb.messages {
        let from = m
            .value
            .iter()
            .chain(m.attributes.values())
            .map(|p| p.from)
            .max();
        if let Some((Status::Reviewed, Some(record))) =
            from.and_then(|k| statuses[k].get(id.as_str()))
        {
            reviewed.push((
                id.clone(),
                (**record).clone(),
                chain[from.unwrap_or(0)].clone(),
            ));
        }
    }
    let statuses: Vec<Statuses> = statuses
        .into_iter()
        .map(|st| {
            st.into_iter()
                .filter(|(id, _)| in_handouts.contains(id))
                .collect()
        })
        .collect();
    drop(diffs);

    // messages.ftl: each source entry from the locale that provided it, verbatim when
    // one locale provided every part, synthesized from the formatted text otherwise.
    let mut ftl = format!("### carta build: {tag} (fallback: {}).\n### Every source message, each from the first locale of the chain that has it.\n\n", chain.iter().map(Tag::as_str).collect::<Vec<_>>().join(" → "));
    let find = |k: usize, id: &str| -> Option<String> {
        let (c, i) = catalogs[k].get(id)?;
        matches!(c.kind(i), EntryKind::Message(_) | EntryKind::Term(_)).then(|| entry_text(c, i))
    };
    // Which chain locale's definition a name means in the merged file, for entries that
    // fell back to a later locale (see bundle::merge): a source message's part comes
    // from the locale that resolved it, a term or helper from the first that has it.
    // A locale's own helper message (one the source lacks) is no locale's: each entry
    // that refers to it gets its pattern instead, so every locale's bundles hold the
    // source's messages and no more (the helper is written as a message only where a
    // reference cannot be so replaced).
    let in_source = |id: &str| source_locale.key(id).is_some();
    let owner = |name: &str, attr: Option<&str>| -> Option<usize> {
        if name.starts_with('-') {
            return (0..chain.len()).find(|&k| find(k, name).is_some());
        }
        let m = lb.messages.get(name)?;
        match attr {
            None => m.value.as_ref().map(|p| p.from),
            Some(a) => m.attributes.get(a).map(|p| p.from),
        }
    };
    // A copy's name is one no chain locale uses for a term of its own.
    let taken = |name: &str| {
        let term = format!("-{name}");
        (0..chain.len()).any(|k| find(k, &term).is_some())
    };
    // One name per copy (of a term `-x` or a message `x`, per locale), never one a
    // chain locale or another copy uses.
    let named: std::cell::RefCell<HashMap<(String, usize), String>> = Default::default();
    let used_names: std::cell::RefCell<std::collections::HashSet<String>> = Default::default();
    let copy = |id: &str, k: usize| -> String {
        let mut named = named.borrow_mut();
        if let Some(n) = named.get(&(id.to_string(), k)) {
            return n.clone();
        }
        let mut used_names = used_names.borrow_mut();
        let name = bundle::merge::copy_name(id, chain[k].as_str(), &|n| {
            taken(n) || used_names.contains(n)
        });
        used_names.insert(name.clone());
        named.insert((id.to_string(), k), name.clone());
        name
    };
    // Locale k's entry: its own term or message, or the helper its bundle formats (its
    // own, else the first later locale's: a de-AT translation uses de's helper).
    let entry_for = |k: usize, name: &str| {
        if name.starts_with('-') || in_source(name) {
            find(k, name)
        } else {
            (k..chain.len()).find_map(|j| find(j, name))
        }
    };
    let merge_chain = bundle::merge::Chain {
        owner: &owner,
        entry: &entry_for,
        copy: &copy,
    };
    let mut term_copies: Vec<(String, usize)> = Vec::new();
    let own_terms = |text: String, k: usize, copies: &mut Vec<(String, usize)>| -> String {
        let helper = |n: &String| !n.starts_with('-') && !in_source(n);
        if lb.pseudo || k == 0 && !referenced_names(&text).iter().any(helper) {
            return text;
        }
        match bundle::merge::localize(&text, k, &merge_chain) {
            Some((renamed, needed)) => {
                copies.extend(needed.into_iter().map(|n| (n, k)));
                renamed
            }
            None => text,
        }
    };
    let mut emitted = Emitted {
        source: &in_source,
        left_out: Default::default(),
        added: Default::default(),
    };
    // Where each entry of messages.ftl is (with the blank line after it), so it is never
    // parsed whole again (its AST would be most of a gigabyte at a million messages).
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    // A pseudo-locale's entries are the source's, their text transformed as carta
    // formats it (placeables and variants kept).
    let push = |ftl: &mut String, ranges: &mut Vec<std::ops::Range<usize>>, text: &str| {
        let start = ftl.len();
        match transform {
            Some(t) => ftl.push_str(bundle::merge::pseudo(text, t).trim_end_matches(FLUENT_BLANK)),
            // Written so that every parser reads it as carta did.
            None if bundle::merge::ambiguous(text) => {
                ftl.push_str(&bundle::merge::normalized(text).unwrap_or_else(|| text.to_string()))
            }
            None => ftl.push_str(text),
        }
        ftl.push_str("\n\n");
        ranges.push(start..ftl.len());
    };
    let mut unformattable: Vec<String> = Vec::new();
    for &(id, fi, i) in &order {
        let entry = if let Some(m) = lb.messages.get(id) {
            let froms: std::collections::BTreeSet<usize> = m
                .value
                .iter()
                .chain(m.attributes.values())
                .map(|p| p.from)
                .collect();
            let verbatim = (froms.len() == 1)
                .then(|| froms.first().copied())
                .flatten()
                .and_then(|k| find(k, id));
            // Verbatim only when that locale's entry has exactly the parts that resolved
            // (a part no locale formats is left out of every bundle).
            let verbatim = verbatim.filter(|_| {
                froms.first().is_some_and(|&k| {
                    part_keys(&catalogs[k], id).map(sorted) == Some(sorted(resolved_keys(m)))
                })
            });
            match verbatim {
                Some(text) => text,
                // Each part's pattern from the locale that provided it (its source, so
                // variables and selects stay; a pseudo-locale's is transformed below).
                None => synthesize(id, m, &catalogs, &mut |text, k| {
                    own_terms(text, k, &mut term_copies)
                }),
            }
        } else {
            // A term: from the first chain locale that defines it, with that locale's
            // terms (English's `-app = { -brand } App`, in a German bundle that has its
            // own `-brand`, keeps English's, as carta formatted it).
            match (0..chain.len()).find_map(|k| find(k, id).map(|t| (k, t))) {
                Some((k, t)) => own_terms(t, k, &mut term_copies),
                None => entry_text(&source_catalogs[fi], i),
            }
        };
        if let Some(m) = lb.messages.get(id) {
            // A part no locale of the chain formats is in no bundle: reported.
            for (key, _) in source_catalogs[fi].patterns(i) {
                let missing = match key.strip_prefix('.') {
                    None => m.value.is_none(),
                    Some(a) => !m.attributes.contains_key(a),
                };
                if missing {
                    unformattable.push(format!("{id}{key}"));
                }
            }
            if m.value.is_none() && m.attributes.is_empty() {
                emitted.left_out.insert(id);
                continue;
            }
        }
        // An entry all from one fallback locale uses that locale's terms.
        let single_from = lb.messages.get(id).and_then(|m| {
            let mut froms = m.value.iter().chain(m.attributes.values()).map(|p| p.from);
            let first = froms.next()?;
            froms.all(|f| f == first).then_some(first)
        });
        let entry = match single_from {
            Some(k) => own_terms(entry, k, &mut term_copies),
            None => entry,
        };
        push(&mut ftl, &mut ranges, &entry);
    }
    // The resource is self-contained: a message or term that an emitted entry refers
    // to (a term or helper message only the locale defines) comes along, from the first
    // locale of the chain that has it, with that locale's terms (a term of `de` that
    // uses `-brand`, in a `de-AT` that has its own `-brand`, keeps `de`'s); one nothing
    // uses is left out (it leaked unused helpers into the bundles).
    let mut helpers: BTreeMap<String, Resolved> = BTreeMap::new();
    let mut pending: Vec<String> = {
        // Only an entry with a placeable refers to anything (`emitted` holds every ID of
        // messages.ftl so far).
        let mut refs: Vec<String> = references(&with_placeables(&ftl, &ranges))
            .into_iter()
            .filter(|id| !emitted.contains(id.as_str()))
            .collect();
        refs.sort();
        refs.dedup();
        refs.reverse();
        refs
    };
    // Until nothing more is needed: the entries referred to, and the copies of the
    // fallback locales' own terms (and helpers' values) their entries use.
    let mut copied = std::collections::HashSet::new();
    loop {
        while let Some(id) = pending.pop() {
            if !emitted.insert(&id) {
                continue;
            }
            let Some((k, text)) = (0..chain.len()).find_map(|k| find(k, &id).map(|t| (k, t)))
            else {
                continue; // exists nowhere: check reports it
            };
            let text = own_terms(text, k, &mut term_copies);
            let entry = Catalog::parse(&text);
            // A helper message (not a term) is one of the locale's messages in every bundle:
            // messages.json lists it too, formatted from the same locale.
            if let Some(EntryKind::Message(_)) =
                (!entry.resource.body.is_empty()).then(|| entry.kind(0))
            {
                let mut resolved = Resolved::default();
                for (key, _) in entry.patterns(0) {
                    let attr = key.strip_prefix('.');
                    if let Some(text) = format(k, &id, attr) {
                        let part = Part {
                            text,
                            from: k,
                            flag: None,
                        };
                        match attr {
                            None => resolved.value = Some(part),
                            Some(a) => {
                                resolved.attributes.insert(a.to_string(), part);
                            }
                        }
                    }
                }
                helpers.insert(id.clone(), resolved);
            }
            pending.extend(
                (0..entry.resource.body.len())
                    .flat_map(|i| entry.references(i))
                    .filter(|r| !emitted.contains(r)),
            );
            push(&mut ftl, &mut ranges, &text);
        }
        // The fallback locales' own terms that their entries use, under their copies' names.
        while let Some((name, k)) = term_copies.pop() {
            if !copied.insert((name.clone(), k)) {
                continue;
            }
            let Some(text) = entry_for(k, &name) else {
                continue;
            };
            let text = own_terms(text, k, &mut term_copies);
            let name = copy(&name, k);
            if let Some(text) = bundle::merge::renamed_term(&text, &name) {
                // What the copy uses comes along too (a locale's term the copied helper
                // refers to).
                let entry = Catalog::parse(&text);
                pending.extend(
                    (0..entry.resource.body.len())
                        .flat_map(|i| entry.references(i))
                        .filter(|r| !emitted.contains(r)),
                );
                push(&mut ftl, &mut ranges, &text);
            }
        }
        if pending.is_empty() && term_copies.is_empty() {
            break;
        }
    }
    ftl.truncate(ftl.trim_end_matches(FLUENT_BLANK).len());
    ftl.push('\n');

    // What remains reads off the resolved messages: the locale's texts, catalogs and
    // bundles go (at a million messages they are a third of a gigabyte).
    drop(bundles);
    drop(emitted);
    drop(catalogs);
    drop(own);
    drop(kept);
    drop(texts);

    let titles = docs
        .iter()
        .map(|e| {
            let title = e
                .doc
                .blocks
                .iter()
                .zip(&e.ids)
                .find(|(b, _)| b.kind == crate::content::BlockKind::Title)
                .and_then(|(_, id)| lb.part(id.as_deref()?, None))
                .map(|p| bundle::html::plain(&p.text))
                .unwrap_or_else(|| e.doc.name.clone());
            (e.doc.name.clone(), title)
        })
        .collect();
    let dir = PathBuf::from(tag.as_str());
    let formats = publish.page.formats;
    let clinic = clinic_for(publish.page, chain, &lb.strings);
    let mut print = Vec::new();
    for e in docs {
        let mut page = bundle::html::Page {
            clinic: clinic.as_ref(),
            meta: e.meta.clone(),
            reviewed: reviewed_by(&e.ids, &lb, &statuses, |t| is_source(t)),
            paper: None,
        };
        if formats.html {
            out.bytes(
                dir.join(format!("{}.html", e.doc.name)),
                bundle::html::render(&e.doc, &e.ids, &lb, &page).as_bytes(),
            )?;
        }
        if formats.pdf {
            page.paper = Some(publish.page.paper);
            print.push((
                dir.join(format!("{}.pdf", e.doc.name)),
                bundle::html::render(&e.doc, &e.ids, &lb, &page),
                e.meta.reviewed,
            ));
        }
        if formats.md {
            out.bytes(
                dir.join(format!("{}.md", e.doc.name)),
                // The front matter (metadata, the author's as written) first, as in the
                // source.
                format!(
                    "{}{}",
                    e.meta.raw,
                    bundle::markdown::render(&e.doc, &e.ids, &lb)
                )
                .as_bytes(),
            )?;
        }
        if formats.json {
            out.bytes(
                dir.join(format!("{}.json", e.doc.name)),
                bundle::json::document(&e.doc, &e.ids, &lb).as_bytes(),
            )?;
        }
    }
    // Every other bundle is read off messages.ftl, so all list the same messages.
    let conversion_started = std::time::Instant::now();
    let conversion = Conversion::new(&ftl, &ranges, source_locale.hints, tag);
    drop(ranges);
    let mut app_time = conversion_started.elapsed();
    out.bytes(dir.join("messages.ftl"), ftl.as_bytes())?;
    // One visit of the conversion writes messages.json and gathers messages.icu.json
    // (a tenth of the conversion's size), the types and the ICU issues.
    let mut icu_json = bundle::json::IcuMessages::default();
    let mut icu_issues: Vec<(String, String)> = Vec::new();
    let mut types: BTreeMap<String, BTreeMap<String, bundle::icu::Kind>> = BTreeMap::new();
    out.file(dir.join("messages.json"), &mut |w| {
        // (From nothing, should a file ever be written twice.)
        (icu_json, icu_issues, types) = Default::default();
        bundle::json::messages(w, &lb, &helpers, &mut |each| {
            conversion.visit(&mut |id, m| {
                let started = std::time::Instant::now();
                let public = source_locale.key(id).is_some();
                let parts = m
                    .value
                    .iter()
                    .map(|c| (None, c))
                    .chain(m.attributes.iter().map(|(a, c)| (Some(a), c)));
                for (attr, c) in parts {
                    let key = match attr {
                        None => id.to_string(),
                        Some(a) => format!("{id}.{a}"),
                    };
                    icu_json.push(&key, &c.icu);
                    for why in &c.issues {
                        icu_issues.push((key.clone(), why.clone()));
                    }
                    // The types are the app's contract: the source's messages. A helper
                    // message only a locale defines is in that locale's bundles (its
                    // translations refer to it) but in no other locale's, so an app that
                    // asked for it would get nothing there.
                    if public {
                        types.insert(key, c.variables.clone());
                    }
                }
                app_time += started.elapsed();
                each(id, m)
            });
        })
    })?;
    let icu_started = std::time::Instant::now();
    let spent = conversion.spent.get();
    drop(conversion);
    drop(ftl);
    out.bytes(dir.join("messages.icu.json"), &icu_json.finish())?;
    let app_bundles = app_time + spent + icu_started.elapsed();

    let fell_back: Vec<(String, Tag)> = lb
        .fallbacks()
        .into_iter()
        .map(|(id, t)| (id.to_string(), t.clone()))
        .collect();
    let foreign = fell_back.iter().filter(|(_, t)| lb.is_foreign(t)).count();
    let total = lb.messages.len();
    let own = total - fell_back.len();
    let entry = json!({
        "tag": tag.as_str(),
        "name": tag.autonym(),
        "dir": if tag.is_rtl() { "rtl" } else { "ltr" },
        "pseudo": lb.pseudo,
        "fallback": chain.iter().map(Tag::as_str).collect::<Vec<_>>(),
        "messages": total,
        "translated": own,
        "coverage": if total == 0 { 100.0 } else { ((own as f64 * 1000.0 / total as f64).round()) / 10.0 },
        "fell_back": fell_back.iter().map(|(id, t)| json!({ "id": id, "from": t.as_str() })).collect::<Vec<_>>(),
        // Parts no locale of the chain formats: in no bundle of this locale.
        "unformattable": unformattable,
        // What messages.icu.json cannot say as Fluent does (a best-effort text is there).
        "icu_issues": icu_issues.iter().map(|(id, why)| json!({ "id": id, "why": why })).collect::<Vec<_>>(),
    });
    // What was published marked, withheld by policy and signed off, for the whole locale
    // and per handout (its .html, .md and .json show the same messages).
    let named = |list: &[(String, Flag, usize)]| -> Vec<(String, Flag, Tag)> {
        list.iter()
            .map(|(id, why, k)| (id.clone(), *why, chain[*k].clone()))
            .collect()
    };
    let (marked, withheld, failed) = (named(&marked), named(&skipped), named(&failed));
    let flagged = |list: &[(String, Flag, Tag)], keep: &dyn Fn(&str) -> bool| -> Vec<Value> {
        list.iter()
            .filter(|(id, _, _)| keep(id))
            .map(|(id, why, t)| json!({ "id": id, "why": why.as_str(), "locale": t.as_str() }))
            .collect()
    };
    let signed = |keep: &dyn Fn(&str) -> bool| -> Vec<Value> {
        reviewed
            .iter()
            .filter(|(id, _, _)| keep(id))
            .map(|(id, r, t)| json!({ "id": id, "by": r.by, "date": r.date, "locale": t.as_str() }))
            .collect()
    };
    let mut entry = entry;
    let all = |_: &str| true;
    entry["marked"] = json!(flagged(&marked, &all));
    entry["withheld"] = json!(flagged(&withheld, &all));
    entry["reviewed"] = json!(signed(&all));
    let mut per_doc = serde_json::Map::new();
    for e in docs {
        let ids: std::collections::HashSet<&str> =
            e.ids.iter().flatten().map(String::as_str).collect();
        let keep = |id: &str| ids.contains(id);
        per_doc.insert(
            e.doc.name.clone(),
            json!({
                "marked": flagged(&marked, &keep),
                "withheld": flagged(&withheld, &keep),
                "fell_back": fell_back.iter().filter(|(id, _)| keep(id)).map(|(id, t)| json!({ "id": id, "from": t.as_str() })).collect::<Vec<_>>(),
                "reviewed": signed(&keep),
            }),
        );
        // How hard the handout reads in this locale's language (not for a pseudo-locale).
        if let Some((_, r, _)) = readability.iter().find(|(d, _, _)| *d == e.doc.name) {
            if let Some(d) = per_doc.get_mut(&e.doc.name) {
                d["readability"] = json!(r);
            }
        }
    }
    entry["documents"] = Value::Object(per_doc);
    if let Some([reviewed, awaiting, outdated, missing]) = review_counts {
        entry["review"] = json!({ "reviewed": reviewed, "awaiting": awaiting, "outdated": outdated, "missing": missing });
    }
    Ok((
        LocaleSummary {
            tag: tag.clone(),
            messages: total,
            marked,
            withheld,
            failed,
            fell_back,
            foreign,
            titles,
            print,
            unformattable,
            icu_issues: icu_issues.len(),
            types,
            app_bundles,
            total_time: started.elapsed(),
        },
        entry,
    ))
}
