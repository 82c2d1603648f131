//! `carta check`: reads every locale (in parallel, each file parsed once), runs the
//! checks, applies the severities of `carta.toml`, and fills in `file:line:col`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::catalog::Catalog;
use crate::check::coverage::Coverage;
use crate::check::file::{self, Context, SourceFacts};
use crate::check::glossary::Glossary;
use crate::check::{format, plurals, readability};
use crate::check::{Code, Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::fs::TextFile;
use crate::locale::Tag;
use crate::project::Project;
use crate::state::StateView;

pub struct Options {
    pub locale: Option<Tag>,
}

/// Everything `check` found.
pub struct Report {
    pub source_locale: String,
    /// Sorted by locale.
    pub locales: Vec<Coverage>,
    /// Sorted by locale, file, position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks every locale and collects the whole [`Report`] (see [`run_streaming`] for a
/// large project: the diagnostics of a hundred locales can take hundreds of megabytes).
pub fn run(project: &Project, opts: &Options) -> Result<Report> {
    let mut diagnostics = Vec::new();
    let (source_locale, locales) = run_streaming(
        project,
        opts,
        |_, diags| diags,
        |diags| {
            diagnostics.extend(diags);
            Ok(())
        },
    )?;
    Ok(Report {
        source_locale,
        locales,
        diagnostics,
    })
}

struct Source {
    rel: PathBuf,
    file: TextFile,
}

/// Checks every locale, a few at a time in parallel, and hands each locale's
/// diagnostics to `render` (on the worker thread) and what it made to `emit` (in locale
/// order) as soon as the locale is done, so memory does not grow with the number of
/// locales. Returns the source locale and the coverage of every locale.
pub fn run_streaming<T: Send>(
    project: &Project,
    opts: &Options,
    render: impl Fn(&Coverage, Vec<Diagnostic>) -> T + Sync,
    mut emit: impl FnMut(T) -> Result<()>,
) -> Result<(String, Vec<Coverage>)> {
    let (all_tags, _) = project.target_locales()?;
    let tags: Vec<Tag> = match &opts.locale {
        Some(only) => {
            if !project.locale_dir(only).is_dir() {
                return Err(Error::Usage(format!(
                    "unknown locale `{only}`: no folder `{}`",
                    project.show(&project.locale_dir(only)).display()
                )));
            }
            vec![only.clone()]
        }
        None => all_tags.clone(),
    };
    let sources: Vec<Source> = super::read_sources(project)?
        .into_iter()
        .map(|(rel, file)| Source { rel, file })
        .collect();
    let catalogs: Vec<Catalog> = sources
        .iter()
        .map(|s| Catalog::parse(&s.file.text))
        .collect();
    // What every locale is compared with, computed once.
    let source_dir = project.locale_dir(&project.source);
    let facts: Vec<SourceFacts> = catalogs
        .par_iter()
        .zip(&sources)
        .map(|(c, s)| {
            let mut facts = SourceFacts::new(c);
            facts.shown = project.show(&source_dir.join(&s.rel));
            facts
        })
        .collect();
    let source_ids = file::SourceIds::new(&facts);
    let mut source_vars: HashMap<&str, Vec<&str>> = HashMap::new();
    for f in &facts {
        for m in &f.messages {
            // Most messages have no variables: no entry (formatting passes none).
            if !m.vars().is_empty() {
                source_vars.insert(m.id.as_ref(), m.vars().to_vec());
            }
        }
    }
    let source_functions = format::source_functions(&catalogs);
    let source_references = if opts.locale.is_none() {
        source_references(project, &sources, &catalogs, &source_ids)
    } else {
        Vec::new()
    };
    // The handouts (`content/*.md` with a source file) and how hard each reads.
    let names: Vec<String> = if project.content_dir().is_dir() {
        project
            .documents()
            .unwrap_or_default()
            .iter()
            .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
            .collect()
    } else {
        Vec::new()
    };
    let rels: Vec<PathBuf> = sources.iter().map(|s| s.rel.clone()).collect();
    let docs = readability::documents(
        project.source.langid().language.as_str(),
        &names,
        &rels,
        &catalogs,
    );
    let source_readability = if opts.locale.is_none() {
        source_readability(project, &sources, &catalogs, &docs)
    } else {
        (Vec::new(), Vec::new())
    };
    // The source's ASTs go before any locale is parsed: the facts hold what the checks
    // compare (at a million messages an AST is ~200 MB).
    drop(catalogs);
    let covered = super::fallback_coverage(project, &tags, &all_tags)?.covered;

    let side = SourceSide {
        sources: &sources,
        facts: &facts,
        ids: &source_ids,
        runtime: format::Runtime {
            vars: &source_vars,
            functions: &source_functions,
        },
        docs: &docs,
    };
    // Locales go in batches of a few per thread: enough that cores rarely wait for a
    // batch's slowest locale (eight per thread keeps them ~95% busy; two left ~10% of
    // the wall time idle), few enough that only a batch's diagnostics exist at a time.
    let batch = rayon::current_num_threads().max(1) * 8;
    let mut locales = Vec::with_capacity(tags.len() + 1);
    // The source's own problems, once, against the source file (not in every locale
    // that copied them); a row of its own in the summary when it has any.
    if opts.locale.is_none() {
        let (cov, diags) = lint_source(project, &side, source_references, source_readability);
        if !diags.is_empty() || !cov.readability.is_empty() {
            emit(render(&cov, diags))?;
            locales.push(cov);
        }
    }
    for chunk in tags.chunks(batch) {
        let done: Vec<(Coverage, T)> = chunk
            .par_iter()
            .map(|tag| {
                let (cov, diags) = check_locale(project, tag, &side, &covered[tag]);
                let made = render(&cov, diags);
                (cov, made)
            })
            .collect();
        for (cov, made) in done {
            emit(made)?;
            locales.push(cov);
        }
    }
    Ok((project.source.to_string(), locales))
}

/// The source's references to messages or terms no source file defines (a note: the app
/// may provide them at run time).
fn source_references(
    project: &Project,
    sources: &[Source],
    catalogs: &[Catalog],
    ids: &file::SourceIds,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let dir = project.locale_dir(&project.source);
    let overrides = severity_overrides(project);
    for (source, catalog) in sources.iter().zip(catalogs) {
        let path = project.show(&dir.join(&source.rel));
        let index = crate::fs::LineIndex::new(catalog.text);
        for i in 0..catalog.resource.body.len() {
            let Some(id) = catalog.entry_id(i) else {
                continue;
            };
            let mut reported = Vec::new();
            for r in catalog.references(i) {
                if ids.contains(r.as_str()) || reported.contains(&r) {
                    continue;
                }
                let what = if r.starts_with('-') {
                    "term"
                } else {
                    "message"
                };
                let d = Diagnostic::new(
                    Code::SourceReference,
                    project.source.as_str(),
                    path.clone(),
                    catalog.id_offset(i),
                    Some(&id),
                    format!("the source's `{id}` refers to the {what} `{r}`, which no source file defines: fine if the app provides it at run time, else a mistake in the source (translations that copy the reference are not flagged)"),
                );
                place(d, &index, &overrides, &mut diags);
                reported.push(r);
            }
        }
    }
    // An ID in two source files: one bundle holds them all, so the second is never
    // used (build takes the first file's; it wrote both into messages.ftl).
    if catalogs.len() > 1 {
        let mut first: HashMap<String, usize> = HashMap::new();
        for (f, (source, catalog)) in sources.iter().zip(catalogs).enumerate() {
            let mut index: Option<crate::fs::LineIndex> = None;
            for i in 0..catalog.resource.body.len() {
                let Some(id) = catalog.entry_id(i) else {
                    continue;
                };
                if catalog.index.get(id.as_ref()) != Some(&i) {
                    continue; // twice in one file: E002 of the file's own check
                }
                let Some(&g) = first.get(id.as_ref()) else {
                    first.insert(id.into_owned(), f);
                    continue;
                };
                let id = id.as_ref();
                let path = project.show(&dir.join(&source.rel));
                let d = Diagnostic::new(
                    Code::DuplicateId,
                    project.source.as_str(),
                    path,
                    catalog.id_offset(i),
                    Some(id),
                    format!(
                        "`{id}` is also defined in `{}`; that definition is used, this one never",
                        project.show(&dir.join(&sources[g].rel)).display()
                    ),
                );
                let index = index.get_or_insert_with(|| crate::fs::LineIndex::new(catalog.text));
                place(d, index, &overrides, &mut diags);
            }
        }
    }
    diags
}

/// How hard each handout reads, against the source file, once (before the source's
/// ASTs are dropped): the source's rows and its `readability` warnings, located.
fn source_readability(
    project: &Project,
    sources: &[Source],
    catalogs: &[Catalog],
    docs: &[readability::Doc],
) -> (Vec<readability::DocReadability>, Vec<Diagnostic>) {
    let dir = project.locale_dir(&project.source);
    let overrides = severity_overrides(project);
    let shown: Vec<PathBuf> = sources
        .iter()
        .map(|s| project.show(&dir.join(&s.rel)))
        .collect();
    let (rows, found) = readability::source(
        project.source.as_str(),
        docs,
        catalogs,
        &shown,
        limits(project),
    );
    let mut diags = Vec::new();
    for mut d in found {
        let catalog = &catalogs[shown.iter().position(|p| *p == d.path).unwrap_or(0)];
        let (line, column, excerpt) = crate::fs::LineIndex::new(catalog.text).locate(d.offset);
        d.line = line;
        d.column = column;
        d.set_excerpt(excerpt, column);
        if let Some(&s) = overrides.get(&d.code) {
            d.severity = s;
        }
        if d.severity != Severity::Off {
            diags.push(d);
        }
    }
    (rows, diags)
}

/// The source linted on its own: junk, duplicate IDs, what fluent-bundle cannot format
/// (from the checks every locale gets, run on the source as if it were one), and
/// references to messages or terms no source file defines (a note: the app may provide
/// them at run time).
fn lint_source(
    project: &Project,
    side: &SourceSide,
    references: Vec<Diagnostic>,
    (readability, hard): (Vec<readability::DocReadability>, Vec<Diagnostic>),
) -> (Coverage, Vec<Diagnostic>) {
    let empty = FxHashSet::default();
    let (mut cov, mut diags) = check_locale(project, &project.source, side, &empty);
    diags.retain(|d| {
        matches!(
            d.code,
            Code::Syntax | Code::DuplicateId | Code::Format | Code::Unreadable
        )
    });
    diags.extend(references);
    diags.extend(hard);
    cov.readability = readability;
    diags.sort_by(|a, b| (&a.path, a.offset, a.code).cmp(&(&b.path, b.offset, b.code)));
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    cov.errors = count(Severity::Error);
    cov.warnings = count(Severity::Warning);
    cov.notes = count(Severity::Note);
    cov.reviewed = 0;
    (cov, diags)
}

/// The source, read and analysed once, shared by every locale's check.
struct SourceSide<'a, 's> {
    sources: &'a [Source],
    facts: &'a [SourceFacts<'s>],
    ids: &'a file::SourceIds<'s>,
    runtime: format::Runtime<'a>,
    docs: &'a [readability::Doc],
}

/// `max-grade` and `harder-by` of `[check]`.
fn limits(project: &Project) -> readability::Limits {
    readability::Limits {
        max_grade: project.config.check.max_grade,
        harder_by: project
            .config
            .check
            .harder_by
            .unwrap_or(readability::DEFAULT_HARDER_BY),
    }
}

fn check_locale(
    project: &Project,
    tag: &Tag,
    side: &SourceSide,
    fallback_ids: &FxHashSet<String>,
) -> (Coverage, Vec<Diagnostic>) {
    let SourceSide {
        sources,
        facts: source_facts,
        ids: source_ids,
        ref runtime,
        docs,
    } = *side;
    let dir = project.locale_dir(tag);
    let glossary_path = dir.join("glossary.toml");
    // A file that cannot be read or decoded (or a glossary that does not parse) is a
    // finding about that file; the others are still checked.
    let mut unreadable: Vec<Diagnostic> = Vec::new();
    let glossary = match project.read(&glossary_path) {
        Ok(None) => None,
        Ok(Some(file)) => match Glossary::parse(&file.text) {
            Ok(g) => Some(g),
            Err((offset, message)) => {
                let (line, column) = offset.map_or((1, 1), |o| crate::fs::line_col(&file.text, o));
                let e = Error::Config {
                    path: project.show(&glossary_path),
                    line,
                    column,
                    message,
                };
                unreadable.push(unreadable_diagnostic(tag, project.show(&glossary_path), &e));
                None
            }
        },
        Err(e) => {
            unreadable.push(unreadable_diagnostic(tag, project.show(&glossary_path), &e));
            None
        }
    };
    // carta's own page words for this locale (`carta.ftl`): refused by `build` when
    // broken, so reported here first, where a translator looks.
    let words_path = dir.join(crate::bundle::strings::OVERRIDE_FILE);
    match project.read(&words_path) {
        Ok(Some(file)) => {
            let shown = project.show(&words_path);
            if let Err(e) =
                crate::bundle::strings::Overrides::default().add(tag, &shown, &file.text)
            {
                unreadable.push(unreadable_diagnostic(tag, shown, &e));
            }
        }
        Ok(None) => {}
        Err(e) => unreadable.push(unreadable_diagnostic(tag, project.show(&words_path), &e)),
    }
    // Read every file of the locale once.
    let mut files: Vec<(PathBuf, TextFile)> = Vec::new();
    let mut unreadable_rels: HashSet<PathBuf> = HashSet::new();
    let rels = project.ftl_files(&dir).unwrap_or_else(|e| {
        unreadable.push(unreadable_diagnostic(tag, project.show(&dir), &e));
        Vec::new()
    });
    for rel in rels {
        match project.read(&dir.join(&rel)) {
            Ok(Some(file)) => files.push((rel, file)),
            Ok(None) => {}
            Err(e) => {
                unreadable.push(unreadable_diagnostic(
                    tag,
                    project.show(&dir.join(&rel)),
                    &e,
                ));
                unreadable_rels.insert(rel);
            }
        }
    }
    // Files are parsed and checked in parallel too, so a locale checked on its own (or a
    // large one, such as an en-GB with tens of thousands of findings) uses every core.
    let catalogs: Vec<Catalog> = files
        .par_iter()
        .map(|(_, f)| Catalog::parse(&f.text))
        .collect();
    let shown_files: Vec<PathBuf> = files
        .iter()
        .map(|(rel, _)| project.show(&dir.join(rel)))
        .collect();
    let locale_ids = file::LocaleIds::new(
        catalogs
            .iter()
            .zip(&shown_files)
            .map(|(c, shown)| (c, shown.as_path())),
    );
    let categories = plurals::plural_categories(tag);
    let all: Vec<&Catalog> = catalogs.iter().collect();
    let private = crate::catalog::private_across(&all, |id| source_ids.contains(id));
    let ctx = Context {
        tag,
        same_language: tag.langid().language == project.source.langid().language,
        source_ids,
        locale_ids: &locale_ids,
        fallback_ids,
        private: &private,
        glossary: glossary.as_ref(),
        allow_identical: &project.config.check.allow_identical,
        plural_categories: &categories,
    };
    let mut cov = Coverage {
        locale: tag.to_string(),
        ..Coverage::default()
    };
    let mut diags = Vec::new();
    let by_rel: HashMap<&Path, usize> = files
        .iter()
        .enumerate()
        .map(|(i, (rel, _))| (rel.as_path(), i))
        .collect();
    let per_file: Vec<(Coverage, Vec<Diagnostic>, Vec<Diagnostic>)> = sources
        .par_iter()
        .zip(source_facts)
        .map(|(source, facts)| {
            let mut cov = Coverage::default();
            let mut diags = Vec::new();
            let mut unreadable = Vec::new();
            check_one(
                project,
                tag,
                &ctx,
                source,
                facts,
                by_rel.get(source.rel.as_path()).map(|&i| &catalogs[i]),
                &unreadable_rels,
                &mut cov,
                &mut diags,
                &mut unreadable,
            );
            (cov, diags, unreadable)
        })
        .collect();
    for (c, mut d, mut u) in per_file {
        cov.add(&c);
        diags.append(&mut d);
        unreadable.append(&mut u);
    }
    diags.append(&mut unreadable);
    let source_rels: HashSet<&Path> = sources.iter().map(|s| s.rel.as_path()).collect();
    for (rel, _) in &files {
        if !source_rels.contains(rel.as_path()) {
            diags.push(Diagnostic::new(
                Code::ObsoleteFile,
                tag.as_str(),
                project.show(&dir.join(rel)),
                0,
                None,
                "this file has no counterpart in the source; its messages are not used".into(),
            ));
        }
    }
    // The locale's own terms and helper messages are one namespace across its files (a
    // bundle holds them all): one defined in two files is a duplicate too, though each
    // file has it once. Build uses the first file's (in file order), a runtime whichever
    // file it loads first.
    if catalogs.len() > 1 {
        let mut ids: Vec<&String> = private.iter().collect();
        ids.sort();
        for id in ids {
            let mut defined = catalogs
                .iter()
                .enumerate()
                .filter_map(|(f, c)| c.index.get(id.as_str()).map(|&i| (f, c, i)));
            let Some((first, _, _)) = defined.next() else {
                continue;
            };
            for (f, c, i) in defined {
                diags.push(Diagnostic::new(
                    Code::DuplicateId,
                    tag.as_str(),
                    shown_files[f].clone(),
                    c.id_offset(i),
                    Some(id),
                    format!(
                        "`{id}` is also defined in `{}`; carta uses that definition, and a runtime loading both files keeps only one",
                        shown_files[first].display()
                    ),
                ));
            }
        }
    }
    let shown_files: Vec<(PathBuf, &Catalog)> = files
        .iter()
        .zip(&catalogs)
        .map(|((rel, _), c)| (project.show(&dir.join(rel)), c))
        .collect();
    let refs: Vec<(&Path, &Catalog)> = shown_files.iter().map(|(p, c)| (p.as_path(), *c)).collect();
    format::format_check(tag, &refs, runtime, &mut diags);
    // How hard each handout reads in this locale (one pass over text parsed above).
    // (The source's row is made once, before the locales.)
    if !docs.is_empty() && *tag != project.source {
        let files: Vec<Option<(&Catalog, PathBuf)>> = sources
            .iter()
            .map(|s| {
                let &i = by_rel.get(s.rel.as_path())?;
                Some((&catalogs[i], project.show(&dir.join(&s.rel))))
            })
            .collect();
        let (rows, found) = readability::locale(
            tag.as_str(),
            tag.langid().language.as_str(),
            project.source.langid().language.as_str(),
            docs,
            &files,
            limits(project),
        );
        cov.readability = rows;
        diags.extend(found);
    }

    // Severities from carta.toml; then positions, at the edge where the text is at hand.
    let overrides = severity_overrides(project);
    // Line indexes only for the files that have findings.
    let mut texts: HashMap<&Path, &str> = shown_files
        .iter()
        .map(|(p, c)| (p.as_path(), c.text))
        .collect();
    // A missing translation points at the source's message.
    for (f, s) in source_facts.iter().zip(sources) {
        texts.entry(f.shown.as_path()).or_insert(&s.file.text);
    }
    // Line indexes only for the files that have findings; then every finding located,
    // in parallel (a locale mostly identical to the source has tens of thousands).
    let with_findings: Vec<PathBuf> = {
        let paths: HashSet<&Path> = diags.iter().map(|d| d.path.as_path()).collect();
        paths.into_iter().map(Path::to_path_buf).collect()
    };
    let indexes: HashMap<&Path, crate::fs::LineIndex> = with_findings
        .par_iter()
        .filter_map(|p| {
            Some((
                p.as_path(),
                crate::fs::LineIndex::new(texts.get(p.as_path())?),
            ))
        })
        .collect();
    let mut located: Vec<Diagnostic> = std::mem::take(&mut diags);
    located.par_iter_mut().for_each(|d| {
        if let Some(&s) = overrides.get(&d.code) {
            d.severity = s;
        }
        if let Some(index) = indexes.get(d.path.as_path()) {
            let (line, column, excerpt) = index.locate(d.offset);
            d.line = line;
            d.column = column;
            d.set_excerpt(excerpt, column);
        } else if d.line == 0 {
            d.line = 1;
            d.column = 1;
        }
    });
    drop(indexes);
    located.retain(|d| d.severity != Severity::Off);
    let mut diags = located;
    diags.par_sort_by(|a, b| (&a.path, a.offset, a.code).cmp(&(&b.path, b.offset, b.code)));
    cov.errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    cov.warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    cov.notes = diags
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count();
    (cov, diags)
}

/// `[check.severity]` of carta.toml, by check.
/// A source finding placed in its file (line, column, excerpt) at the severity the
/// project gives its check, kept unless that is `off`.
fn place(
    mut d: Diagnostic,
    index: &crate::fs::LineIndex,
    overrides: &HashMap<Code, Severity>,
    diags: &mut Vec<Diagnostic>,
) {
    let (line, column, excerpt) = index.locate(d.offset);
    d.line = line;
    d.column = column;
    d.set_excerpt(excerpt, column);
    if let Some(&s) = overrides.get(&d.code) {
        d.severity = s;
    }
    if d.severity != Severity::Off {
        diags.push(d);
    }
}

fn severity_overrides(project: &Project) -> HashMap<Code, Severity> {
    project
        .config
        .check
        .severity
        .iter()
        .filter_map(|(k, v)| Some((Code::find(k)?, Severity::parse(v)?)))
        .collect()
}

/// A file `check` could not read, as an error diagnostic (with the line and column when
/// the error has them).
fn unreadable_diagnostic(tag: &Tag, path: PathBuf, e: &Error) -> Diagnostic {
    let (line, column, message) = match e {
        Error::Config {
            line,
            column,
            message,
            ..
        } => (*line, *column, message.clone()),
        Error::NotUtf8 {
            line, column, what, ..
        } => (
            *line,
            *column,
            format!("not UTF-8 — {what}; save the file as UTF-8"),
        ),
        other => (1, 1, other.to_string()),
    };
    let mut d = Diagnostic::new(
        Code::Unreadable,
        tag.as_str(),
        path,
        0,
        None,
        format!("cannot check this file: {message}"),
    );
    d.line = line;
    d.column = column;
    d
}

/// One file of a locale against its source file: its state read, then every rule.
#[allow(clippy::too_many_arguments)]
fn check_one(
    project: &Project,
    tag: &Tag,
    ctx: &Context,
    source: &Source,
    facts: &SourceFacts,
    locale: Option<&Catalog>,
    unreadable_rels: &HashSet<PathBuf>,
    cov: &mut Coverage,
    diags: &mut Vec<Diagnostic>,
    unreadable: &mut Vec<Diagnostic>,
) {
    let dir = project.locale_dir(tag);
    let path = dir.join(&source.rel);
    let shown = project.show(&path);
    if unreadable_rels.contains(&source.rel) {
        // Nothing of an unreadable file counts as translated.
        for m in &facts.messages {
            cov.total += 1;
            cov.missing += 1;
            cov.words_total += m.words;
        }
        return;
    }
    let state_path = super::sync::state_path(&path);
    let state_file = match locale {
        Some(_) => project.read(&state_path).unwrap_or_else(|e| {
            unreadable.push(unreadable_diagnostic(tag, project.show(&state_path), &e));
            None
        }),
        None => None,
    };
    let state = match &state_file {
        Some(f) => StateView::parse(&f.text).unwrap_or_else(|(line, message)| {
            let e = Error::Config {
                path: project.show(&state_path),
                line,
                column: 1,
                message,
            };
            unreadable.push(unreadable_diagnostic(tag, project.show(&state_path), &e));
            StateView::default()
        }),
        None => StateView::default(),
    };
    file::check_file(ctx, facts, locale, &state, &shown, cov, diags);
}
