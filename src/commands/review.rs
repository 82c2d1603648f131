//! `carta review`: lists what awaits a second person's sign-off in one locale, or records
//! that sign-off (`--by NAME`) for current, error-free translations, in the locale
//! files' state (`<file>.ftl.sync`, see [`crate::review`]).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::check::Severity;
use crate::error::{Error, Result};
use crate::fs::{Expect, TextFile};
use crate::locale::Tag;
use crate::project::Project;
use crate::review::{Record, Status};
use crate::state::State;

pub struct Options {
    pub locale: Tag,
    /// Who signs off; `None` lists what awaits review.
    pub by: Option<String>,
    /// `YYYY-MM-DD` (default: today, UTC).
    pub date: Option<String>,
    /// The messages to sign off (with `all`, every current one).
    pub ids: Vec<String>,
    pub all: bool,
}

/// One source message and its status in the locale.
pub struct Entry {
    pub id: String,
    /// The locale file and line of the translation (or of the source message).
    pub file: PathBuf,
    pub line: usize,
    pub status: Status,
    pub record: Option<Record>,
}

pub struct Report {
    pub tag: Tag,
    /// Every source message, in source order per file, with its status (after recording).
    pub entries: Vec<Entry>,
    /// Messages signed off by this run.
    pub recorded: Vec<String>,
    /// Messages that could not be signed off, and why.
    pub refused: Vec<(String, String)>,
}

struct LocaleFile {
    rel: PathBuf,
    source: Vec<(String, crate::state::Patterns)>,
    source_lines: HashMap<String, usize>,
    file: Option<TextFile>,
    state_file: Option<TextFile>,
}

/// Whether the translation at `li` is still under sync's `# carta-from-memory` line: a
/// pre-filled text nobody checked is not signed off, not even by `--all`.
fn from_memory(catalog: Option<&Catalog>, li: Option<usize>) -> bool {
    match (catalog, li) {
        (Some(c), Some(li)) => c
            .comment_lines(li)
            .iter()
            .any(|l| l.starts_with(crate::catalog::FROM_MEMORY_PREFIX)),
        _ => false,
    }
}

pub fn run(project: &Project, opts: &Options) -> Result<Report> {
    let tag = &opts.locale;
    if *tag == project.source {
        return Err(Error::Usage(format!(
            "`{tag}` is the source locale: its text is the original, there is nothing to review"
        )));
    }
    let dir = project.locale_dir(tag);
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "unknown locale `{tag}`: no folder `{}`",
            project.show(&dir).display()
        )));
    }
    if let Some(by) = &opts.by {
        crate::review::valid_reviewer(by).map_err(|e| Error::Usage(format!("--by: {e}")))?;
    }
    let date = match &opts.date {
        Some(d) if crate::review::valid_date(d) => d.clone(),
        Some(d) => return Err(Error::Usage(format!("--date `{d}` is not YYYY-MM-DD"))),
        None => crate::review::today(),
    };
    let mut files = Vec::new();
    for (rel, source) in super::read_sources(project)? {
        let catalog = Catalog::parse(&source.text);
        let mut messages = Vec::new();
        let mut source_lines = HashMap::new();
        let index = crate::fs::LineIndex::new(&source.text);
        for i in 0..catalog.resource.body.len() {
            if let crate::catalog::EntryKind::Message(id) = catalog.kind(i) {
                if catalog.index.get(id) == Some(&i) {
                    source_lines.insert(id.to_string(), index.locate(catalog.id_offset(i)).0);
                    messages.push((id.to_string(), catalog.patterns(i)));
                }
            }
        }
        let path = dir.join(&rel);
        let file = project.read(&path)?;
        let state_file = project.read(&super::sync::state_path(&path))?;
        files.push(LocaleFile {
            rel,
            source: messages,
            source_lines,
            file,
            state_file,
        });
    }

    // Messages with an error (after carta.toml's severities) cannot be signed off.
    let errors: HashMap<String, String> = if opts.by.is_some() {
        let check = super::check::run(
            project,
            &super::check::Options {
                locale: Some(tag.clone()),
            },
        )?;
        check
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .filter_map(|d| d.message_id.clone().map(|id| (id, d.message.clone())))
            .collect()
    } else {
        HashMap::new()
    };
    let known: std::collections::HashSet<&str> = files
        .iter()
        .flat_map(|f| f.source.iter().map(|(id, _)| id.as_str()))
        .collect();
    let mut refused: Vec<(String, String)> = opts
        .ids
        .iter()
        .filter(|id| !known.contains(id.as_str()))
        .map(|id| (id.clone(), "no such message in the source".to_string()))
        .collect();

    let staging = project.staging(&[]);
    let mut recorded = Vec::new();
    let mut entries = Vec::new();
    for f in &files {
        let path = dir.join(&f.rel);
        let shown = project.show(&path);
        let catalog = f.file.as_ref().map(|t| Catalog::parse(&t.text));
        let mut state = match &f.state_file {
            Some(t) => State::parse(&t.text).map_err(|(line, message)| Error::Config {
                path: project.show(&super::sync::state_path(&path)),
                line,
                column: 1,
                message,
            })?,
            None => State::default(),
        };
        let statuses = crate::review::statuses(&f.source, catalog.as_ref(), &state);
        let index = f.file.as_ref().map(|t| crate::fs::LineIndex::new(&t.text));
        let mut changed = false;
        for ((id, patterns), (_, status, record)) in f.source.iter().zip(statuses) {
            let li = catalog
                .as_ref()
                .and_then(|c| c.index.get(id.as_str()).copied());
            let line = match (li, &index, &catalog) {
                (Some(li), Some(index), Some(c)) => index.locate(c.id_offset(li)).0,
                _ => f.source_lines.get(id).copied().unwrap_or(1),
            };
            let mut entry = Entry {
                id: id.clone(),
                file: if li.is_some() {
                    shown.clone()
                } else {
                    project.show(&project.locale_dir(&project.source).join(&f.rel))
                },
                line,
                status,
                record,
            };
            let wanted = opts.by.is_some() && (opts.all || opts.ids.contains(id));
            if wanted {
                let why = match status {
                    Status::Missing => Some("not translated".to_string()),
                    Status::Template => {
                        Some("not translated (still a `# TODO` template)".to_string())
                    }
                    Status::Outdated => Some(
                        "outdated: the source changed since it was translated; update the translation first"
                            .to_string(),
                    ),
                    _ if from_memory(catalog.as_ref(), li) => Some(format!(
                        "pre-filled from the translation memory and not checked yet: delete the `# {}` line once the translator checked it",
                        crate::catalog::FROM_MEMORY_PREFIX
                    )),
                    _ => errors.get(id).map(|e| format!("has an error: {e}")),
                };
                match (why, li, &catalog, &opts.by) {
                    (None, Some(li), Some(c), Some(by)) => {
                        let r = Record::new(by, &date, patterns, &c.body_text(li));
                        if entry.record.as_ref() != Some(&r) {
                            state.reviews.insert(id.clone(), r.render());
                            // The state records what this translation saw: the source now.
                            state
                                .seen
                                .entry(id.clone())
                                .or_insert_with(|| patterns.clone());
                            changed = true;
                        }
                        entry.status = Status::Reviewed;
                        entry.record = Some(r);
                        recorded.push(id.clone());
                    }
                    (Some(why), _, _, _) => refused.push((id.clone(), why)),
                    _ => {}
                }
            }
            entries.push(entry);
        }
        if changed {
            let state_path = super::sync::state_path(&path);
            let label = shown.display().to_string().replace('\\', "/");
            let expect = f
                .state_file
                .as_ref()
                .map_or(Expect::Absent, TextFile::expect);
            project.stage_changed(
                &staging,
                &state_path,
                state.render(&label).as_bytes(),
                expect,
            )?;
            // The translation must still be what was signed off when the record lands.
            if let Some(t) = &f.file {
                project.stage_verify(&staging, &path, t.expect());
            }
        }
    }
    project.commit(staging)?;
    // Refusals in source order.
    let order: BTreeMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(n, e)| (e.id.as_str(), n))
        .collect();
    refused.sort_by_key(|(id, _)| order.get(id.as_str()).copied().unwrap_or(usize::MAX));
    Ok(Report {
        tag: tag.clone(),
        entries,
        recorded,
        refused,
    })
}
