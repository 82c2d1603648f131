//! One file per subcommand: the glue that reads the project, runs a stage and writes
//! its output. Stages themselves (`extract`, `sync`, `check`, `bundle`) do no I/O.

pub mod add_locale;
pub mod build;
pub mod check;
pub mod export;
pub mod extract;
pub mod import;
pub mod review;
pub mod sync;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::fs::TextFile;
use crate::locale::Tag;
use crate::project::Project;

/// What to do when the source locale's folder is missing: extract the handouts, or
/// name the folder a project without handouts (Firefox-like) uses for its source.
fn missing_source_hint(project: &Project) -> String {
    let language = project.source.langid().language;
    let mut candidates: Vec<String> = std::fs::read_dir(project.locales_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| Tag::parse(name).is_ok_and(|t| t.langid().language == language))
        .collect();
    candidates.sort();
    if let Some(first) = candidates.first() {
        let list = candidates
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ");
        format!("the locales folder has {list}: if that is the source, set `source-locale = \"{first}\"` in carta.toml")
    } else if project.content_dir().is_dir() {
        "run `carta extract` first to create it from the handouts".into()
    } else {
        "run `carta extract` first (or set `source-locale` in carta.toml)".into()
    }
}

/// The source locale's files, read once: (relative path, file).
pub fn read_sources(project: &Project) -> Result<Vec<(std::path::PathBuf, TextFile)>> {
    let dir = project.locale_dir(&project.source);
    if !dir.is_dir() {
        return Err(Error::Input {
            path: project.show(&dir),
            message: format!(
                "the source locale folder does not exist; {}",
                missing_source_hint(project)
            ),
        });
    }
    let files = project.ftl_files(&dir)?;
    let mut out = Vec::with_capacity(files.len());
    for rel in files {
        if let Some(file) = project.read(&dir.join(&rel))? {
            out.push((rel, file));
        }
    }
    Ok(out)
}

/// What a locale file translates: the Markdown named in the source's `### Source:` line,
/// or the source file itself.
pub fn source_label(project: &Project, rel: &Path, source: &Catalog) -> String {
    if let Some(fluent_syntax::ast::Entry::ResourceComment(c)) = source.resource.body.first() {
        if let Some(path) = c.content.first().and_then(|l| l.strip_prefix("Source: ")) {
            return path.to_string();
        }
    }
    let path = Path::new(&project.config.locales_dir)
        .join(project.source.as_str())
        .join(rel);
    path.display().to_string().replace('\\', "/")
}

/// What the (non-source) fallback locales of each of `tags` translate, read once each.
pub struct Coverage {
    /// Tag → the IDs the other locales of its chain translate.
    pub covered: HashMap<Tag, FxHashSet<String>>,
    /// Tag → why its coverage is unknown: a locale of its chain has a file that cannot be
    /// read (sync skips such a locale rather than add templates for what the fallback may
    /// well translate).
    pub broken: HashMap<Tag, String>,
}

/// For each of `tags`, the IDs translated by the other (non-source) locales of its
/// fallback chain; each fallback locale is read once.
pub fn fallback_coverage(project: &Project, tags: &[Tag], known: &[Tag]) -> Result<Coverage> {
    let mut all: Vec<Tag> = known.to_vec();
    for t in tags {
        if !all.contains(t) {
            all.push(t.clone());
        }
    }
    let chains = crate::fallback::chains(&all, &project.source, &project.config.fallback);
    let fallbacks: HashSet<&Tag> = tags
        .iter()
        .flat_map(|t| chains[t].iter().skip(1))
        .filter(|t| **t != project.source)
        .collect();
    let translated: HashMap<&Tag, (FxHashSet<String>, Option<String>)> = fallbacks
        .par_iter()
        .map(|tag| translated_ids(project, tag).map(|found| (*tag, found)))
        .collect::<Result<_>>()?;
    let mut covered = HashMap::new();
    let mut broken = HashMap::new();
    for tag in tags {
        let mut ids = FxHashSet::default();
        for t in chains[tag].iter().skip(1) {
            if let Some((set, unreadable)) = translated.get(t) {
                ids.extend(set.iter().cloned());
                if let Some(why) = unreadable {
                    broken.entry(tag.clone()).or_insert_with(|| {
                        format!("its fallback locale `{t}` has a file that cannot be read: {why}")
                    });
                }
            }
        }
        covered.insert(tag.clone(), ids);
    }
    Ok(Coverage { covered, broken })
}

/// The message and term IDs a locale translates, across its files, and the first of its
/// files that could not be read (reported where that locale itself is checked or
/// synced; a locale falling back to it cannot know what it covers).
fn translated_ids(project: &Project, tag: &Tag) -> Result<(FxHashSet<String>, Option<String>)> {
    let dir = project.locale_dir(tag);
    let mut ids = FxHashSet::default();
    let mut unreadable = None;
    for rel in project.ftl_files(&dir)? {
        match project.read(&dir.join(&rel)) {
            Ok(Some(file)) => {
                let c = Catalog::parse(&file.text);
                ids.extend(c.index.into_keys().map(|k| k.into_owned()));
            }
            Ok(None) => {}
            Err(e) => {
                unreadable.get_or_insert(e.to_string());
            }
        }
    }
    Ok((ids, unreadable))
}
