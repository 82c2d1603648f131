//! `carta import FILE`: translations from a CAT tool's XLIFF 2.0, XLIFF 1.2 or PO file
//! written into the locale's files, the way `sync` writes: only the messages whose text
//! changed are replaced, every other byte stays. A unit that cannot be imported (a
//! placeholder deleted or invented, invalid Fluent) is refused with its ID and the reason
//! and the others are imported; a file for another language or project, or with unknown
//! IDs, is an error and nothing is written. All files are written as one step.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::exchange::{self, Incoming, Outcome};
use crate::fs::{Expect, TextFile};
use crate::locale::Tag;
use crate::project::Project;
use crate::state::State;

/// Larger files are refused before they are read: an export of the 100-locale scale
/// corpus is a few MB per locale.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

pub struct Options {
    pub file: PathBuf,
    pub locale: Option<Tag>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub tag: String,
    pub imported: Vec<String>,
    pub confirmed: Vec<String>,
    pub unchanged: usize,
    pub skipped: usize,
    /// (unit ID, line in the file, why).
    pub refused: Vec<(String, usize, String)>,
    pub written: Vec<PathBuf>,
    /// For a TMX file: what it added to the locale's translation memory.
    pub memory: Option<MemoryImport>,
}

fn input_error(path: &Path, line: usize, message: String) -> Error {
    Error::Config {
        path: path.to_path_buf(),
        line,
        column: 1,
        message,
    }
}

/// Reads the file given to `import`, refusing what is not a regular file or too big.
fn read_limited(path: &Path) -> Result<TextFile> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "not a regular file".into(),
        });
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "is {} MB; carta imports files of at most {} MB (export fewer messages with `--only`)",
                meta.len() / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
        });
    }
    let file = crate::fs::read_text(path)?;
    if file.text.len() as u64 > MAX_BYTES {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "grew past the size limit while being read".into(),
        });
    }
    Ok(file)
}

/// Whether the file is TMX (a translation memory) rather than XLIFF or PO.
fn is_tmx(path: &Path, text: &str) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ext.eq_ignore_ascii_case("tmx")
        || text.trim_start().starts_with('<') && text.contains("<tmx") && !text.contains("<xliff")
}

/// Reads and parses the file given to `import` (XLIFF or PO).
pub fn read_incoming(path: &Path) -> Result<Incoming> {
    let file = read_limited(path)?;
    parse_incoming(path, &file.text)
}

fn parse_incoming(path: &Path, text: &str) -> Result<Incoming> {
    if text.trim_start().starts_with('<') {
        let root = exchange::xml::parse(text).map_err(|(l, m)| input_error(path, l, m))?;
        exchange::xliff::read(&root).map_err(|(l, m)| input_error(path, l, m))
    } else {
        exchange::po::read(text).map_err(|(l, m)| input_error(path, l, m))
    }
}

/// What importing a TMX file did to the locale's memory.
#[derive(Debug, Default)]
pub struct MemoryImport {
    /// Units added to `locales/<tag>/memory.tmx`.
    pub added: usize,
    /// Units the memory already had (same source and translation).
    pub known: usize,
}

/// `carta import FILE.tmx`: the file's units for one locale added to the locale's
/// memory (`locales/<tag>/memory.tmx`), which `sync` offers from. Units whose
/// translation is not valid Fluent are refused (with their line); the others are added.
fn import_memory(project: &Project, opts: &Options, text: &str) -> Result<Report> {
    use exchange::tmx;
    let shown_in = opts.file.clone();
    let root =
        exchange::xml::parse_with(text, true).map_err(|(l, m)| input_error(&shown_in, l, m))?;
    let file = tmx::read(&root).map_err(|(l, m)| input_error(&shown_in, l, m))?;
    if let Some(src) = file.srclang.as_deref().filter(|s| *s != "*all*") {
        if !tmx::same_language(src, &project.source) {
            return Err(Error::Input {
                path: shown_in,
                message: format!(
                    "translates from `{src}` (its `srclang`), but this project's source is `{}`",
                    project.source
                ),
            });
        }
    }
    let mut langs: Vec<Tag> = Vec::new();
    for u in &file.units {
        for (lang, _) in &u.variants {
            if let Ok(t) = Tag::parse(lang) {
                if !tmx::same_language(lang, &project.source) && !langs.contains(&t) {
                    langs.push(t);
                }
            }
        }
    }
    langs.sort();
    // Without `--locale`: the project's locale the file's languages stand for (`de-DE`
    // for `de`), when there is exactly one.
    let (known, _) = project.target_locales()?;
    let matching: Vec<&Tag> = known
        .iter()
        .filter(|k| langs.iter().any(|l| tmx::same_language(l.as_str(), k)))
        .collect();
    let tag = match &opts.locale {
        Some(t) => t.clone(),
        None if matching.len() == 1 => matching[0].clone(),
        None if langs.len() == 1 => langs[0].clone(),
        None => {
            return Err(Error::Usage(format!(
                "`{}` has translations into {}: name the locale with `--locale TAG`",
                shown_in.display(),
                if langs.is_empty() {
                    "no language other than the source".to_string()
                } else {
                    langs
                        .iter()
                        .map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            )))
        }
    };
    if tag == project.source {
        return Err(Error::Usage(format!(
            "`{tag}` is the source locale; a translation memory is for a target locale"
        )));
    }
    let dir = project.locale_dir(&tag);
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "unknown locale `{tag}`: no folder `{}` (create it with `carta add-locale {tag}`)",
            project.show(&dir).display()
        )));
    }
    if !langs.iter().any(|l| tmx::same_language(l.as_str(), &tag)) {
        return Err(Error::Input {
            path: shown_in,
            message: format!("has no translation into `{tag}`"),
        });
    }
    let (mut entries, refused) = tmx::stored_entries(&file, &project.source, &tag);
    let name = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    for e in &mut entries {
        if e.from.is_none() {
            e.from.clone_from(&name);
        }
    }
    let mut merged = super::sync::read_memory(project, &tag)?;
    let mut report = Report {
        tag: tag.to_string(),
        ..Report::default()
    };
    let mut memory = MemoryImport::default();
    let key = |e: &tmx::Stored| (crate::memory::normalize(&e.source), e.target.clone());
    let mut have: std::collections::HashSet<(String, String)> = merged.iter().map(key).collect();
    // The locale's current translations are in the memory already (its own TMX export
    // brought back must not copy them into memory.tmx).
    for f in super::export::collect(project, &tag)?.files {
        for u in f.units {
            if let (Some(t), true) = (&u.target, u.status >= crate::review::Status::Translated) {
                have.insert((
                    crate::memory::normalize(&exchange::inline::plain(&u.source)),
                    exchange::inline::plain_fluent(t),
                ));
            }
        }
    }
    for e in entries {
        if have.insert(key(&e)) {
            merged.push(e);
            memory.added += 1;
        } else {
            memory.known += 1;
        }
    }
    report.refused = refused;
    if memory.added > 0 {
        let path = dir.join(super::sync::MEMORY_FILE);
        let text = tmx::write_stored(project.source.as_str(), tag.as_str(), &merged).map_err(
            |(_, c)| Error::Input {
                path: shown_in.clone(),
                message: format!(
                    "has the character U+{:04X}, which XML cannot hold",
                    c as u32
                ),
            },
        )?;
        let old = project.read(&path)?;
        let expect = old.as_ref().map_or(Expect::Absent, TextFile::expect);
        let staging = project.staging(&[]);
        project.stage_changed(&staging, &path, text.as_bytes(), expect)?;
        project.commit(staging)?;
        report.written.push(project.show(&path));
    }
    report.memory = Some(memory);
    Ok(report)
}

pub fn run(project: &Project, opts: &Options) -> Result<Report> {
    let shown_in = opts.file.clone();
    let file = read_limited(&opts.file)?;
    if is_tmx(&opts.file, &file.text) {
        return import_memory(project, opts, &file.text);
    }
    let incoming = parse_incoming(&opts.file, &file.text)?;
    let file_lang = incoming.target_lang.clone().ok_or_else(|| Error::Input {
        path: shown_in.clone(),
        message: "names no target language (XLIFF `trgLang`/`target-language`, PO `Language:`)"
            .into(),
    })?;
    let tag = Tag::parse(&file_lang).map_err(|e| Error::Input {
        path: shown_in.clone(),
        message: format!("target language `{file_lang}`: {e}"),
    })?;
    if let Some(want) = &opts.locale {
        if *want != tag {
            return Err(Error::Input {
                path: shown_in.clone(),
                message: format!("is a translation into `{tag}`, not `{want}`"),
            });
        }
    }
    match incoming.source_lang.as_deref().map(Tag::parse) {
        Some(Ok(s)) if s == project.source => {}
        Some(Ok(s)) => {
            return Err(Error::Input {
                path: shown_in.clone(),
                message: format!(
                    "translates from `{s}`, but this project's source is `{}`: is it another project's file?",
                    project.source
                ),
            })
        }
        Some(Err(_)) | None => {
            return Err(Error::Input {
                path: shown_in.clone(),
                message: "names no valid source language (XLIFF `srcLang`/`source-language`, PO `X-Carta-Source-Language:`)".into(),
            })
        }
    }
    if tag == project.source {
        return Err(Error::Usage(format!(
            "`{tag}` is the source locale; its text is written by `carta extract`"
        )));
    }
    let dir = project.locale_dir(&tag);
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "unknown locale `{tag}`: no folder `{}` (create it with `carta add-locale {tag}`)",
            project.show(&dir).display()
        )));
    }
    let sources = super::read_sources(project)?;
    let catalogs: Vec<(PathBuf, Catalog)> = sources
        .iter()
        .map(|(rel, f)| (rel.clone(), Catalog::parse(&f.text)))
        .collect();
    // Unit ID → the source file that has it.
    let mut where_: HashMap<String, usize> = HashMap::new();
    for (n, (_, c)) in catalogs.iter().enumerate() {
        for i in 0..c.resource.body.len() {
            if let Some(id) = c.entry_id(i) {
                for (key, _) in c.patterns(i) {
                    where_.entry(format!("{id}{key}")).or_insert(n);
                }
            }
        }
    }
    let unknown: Vec<&exchange::InUnit> = incoming
        .units
        .iter()
        .filter(|u| !where_.contains_key(&u.id))
        .collect();
    if !incoming.units.is_empty() && unknown.len() == incoming.units.len() {
        return Err(Error::Input {
            path: shown_in,
            message: format!(
                "none of its {} unit(s) is a message of this project (first: `{}`): is it another project's file?",
                incoming.units.len(),
                unknown[0].id
            ),
        });
    }
    if let Some(u) = unknown.first() {
        return Err(input_error(
            &shown_in,
            u.line,
            format!(
                "unit `{}` is not a message of the source{}; nothing was imported (run `carta extract`/`carta sync` if the source changed, and export again)",
                u.id,
                if unknown.len() > 1 {
                    format!(" (and {} more)", unknown.len() - 1)
                } else {
                    String::new()
                }
            ),
        ));
    }
    let mut by_file: BTreeMap<usize, BTreeMap<String, &exchange::InUnit>> = BTreeMap::new();
    let mut lines: HashMap<&str, usize> = HashMap::new();
    for u in &incoming.units {
        lines.insert(&u.id, u.line);
        let prev = by_file
            .entry(where_[&u.id])
            .or_default()
            .insert(u.id.clone(), u);
        if prev.is_some() {
            return Err(input_error(
                &shown_in,
                u.line,
                format!("unit `{}` appears twice", u.id),
            ));
        }
    }
    let mut report = Report {
        tag: tag.to_string(),
        ..Report::default()
    };
    let staging = project.staging(&[]);
    for (n, units) in by_file {
        let (rel, source) = &catalogs[n];
        let path = dir.join(rel);
        let Some(file) = project.read(&path)? else {
            for id in units.keys() {
                report.refused.push((
                    id.clone(),
                    lines[id.as_str()],
                    format!(
                        "the locale has no `{}` yet; run `carta sync --locale {tag}` first",
                        project.show(&path).display()
                    ),
                ));
            }
            continue;
        };
        let state_path = super::sync::state_path(&path);
        let state_file = project.read(&state_path)?;
        let mut state = match &state_file {
            Some(t) => State::parse(&t.text).map_err(|(line, message)| Error::Config {
                path: project.show(&state_path),
                line,
                column: 1,
                message,
            })?,
            None => State::default(),
        };
        let before = state.clone();
        let locale = Catalog::parse(&file.text);
        let applied = exchange::apply(source, &locale, &mut state, &units);
        for (id, outcome) in applied.outcomes {
            match outcome {
                Outcome::Imported => report.imported.push(id),
                Outcome::Confirmed => report.confirmed.push(id),
                Outcome::Unchanged => report.unchanged += 1,
                Outcome::Skipped => report.skipped += 1,
                Outcome::Refused(why) => {
                    let line = lines.get(id.as_str()).copied().unwrap_or(0);
                    report.refused.push((id, line, why));
                }
            }
        }
        if applied.text != file.text {
            let mut bytes = Vec::with_capacity(applied.text.len() + 3);
            if file.bom {
                bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            }
            bytes.extend_from_slice(applied.text.as_bytes());
            project.stage_changed(&staging, &path, &bytes, file.expect())?;
            report.written.push(project.show(&path));
        }
        if state != before {
            let label = project.show(&path).display().to_string().replace('\\', "/");
            let expect = state_file.as_ref().map_or(Expect::Absent, TextFile::expect);
            project.stage_changed(
                &staging,
                &state_path,
                state.render(&label).as_bytes(),
                expect,
            )?;
            report.written.push(project.show(&state_path));
        }
    }
    project.commit(staging)?;
    Ok(report)
}
