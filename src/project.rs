//! The project on disk: where the handouts, the locale folders and `dist/` are, and the
//! only code that walks directories. Everything it returns is sorted, so every command is
//! deterministic, and every path it hands out is checked to stay inside the project.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::fs::TextFile;
use crate::locale::Tag;

pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub source: Tag,
}

impl Project {
    pub fn open(root: &Path) -> Result<Project> {
        if !root.is_dir() {
            return Err(Error::Input {
                path: root.to_path_buf(),
                message: "is not a folder".into(),
            });
        }
        let config = Config::load(root)?;
        let source = Tag::parse(&config.source_locale).map_err(Error::Usage)?;
        let project = Project {
            root: root.to_path_buf(),
            config,
            source,
        };
        project.check_layout(None)?;
        Ok(project)
    }

    /// The configured folders (and an explicit output folder) must not overlap, and the
    /// configured ones must lie inside the project: carta never writes its output over the
    /// handouts or the translations, nor anywhere outside the project it was not sent.
    pub fn check_layout(&self, explicit_out: Option<&Path>) -> Result<()> {
        use crate::dist::resolve;
        let root = resolve(&self.root);
        let folders = [
            (
                "content-dir",
                &self.config.content_dir,
                resolve(&self.content_dir()),
            ),
            (
                "locales-dir",
                &self.config.locales_dir,
                resolve(&self.locales_dir()),
            ),
            ("out-dir", &self.config.out_dir, resolve(&self.out_dir())),
        ];
        let config_error = |message: String| Error::Input {
            path: crate::config::FILE_NAME.into(),
            message,
        };
        // The folders carta writes into must be real folders, not links to elsewhere.
        for (key, value) in [
            ("locales-dir", &self.config.locales_dir),
            ("out-dir", &self.config.out_dir),
        ] {
            let mut current = self.root.clone();
            for part in value.components() {
                current.push(part);
                if std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink()) {
                    return Err(Error::Input {
                        path: self.show(&current),
                        message: format!("(`{key} = \"{}\"`) is a symbolic link to a folder; carta does not write through linked folders (replace it with a real folder)", value.display()),
                    });
                }
            }
        }
        for (key, value, path) in &folders {
            if !path.starts_with(&root) || *path == root {
                return Err(config_error(format!(
                    "`{key} = \"{}\"` must name a folder inside the project (below `{}`)",
                    value.display(),
                    self.root.display()
                )));
            }
        }
        let mut all: Vec<(String, PathBuf)> = folders
            .iter()
            .map(|(k, v, p)| (format!("`{k} = \"{}\"`", v.display()), p.clone()))
            .collect();
        if let Some(out) = explicit_out {
            all.pop();
            let resolved = resolve(out);
            if root.starts_with(&resolved) {
                return Err(Error::Usage(format!(
                    "`--out {}` contains the project; choose a folder of its own",
                    out.display()
                )));
            }
            all.push((format!("`--out {}`", out.display()), resolved));
        }
        for a in 0..all.len() {
            for b in a + 1..all.len() {
                let (ka, pa) = &all[a];
                let (kb, pb) = &all[b];
                if pa.starts_with(pb) || pb.starts_with(pa) {
                    let message = format!(
                        "{ka} and {kb} overlap; the handouts, the translations and the output each need a folder of their own"
                    );
                    return Err(if explicit_out.is_some() && b + 1 == all.len() {
                        Error::Usage(message)
                    } else {
                        config_error(message)
                    });
                }
            }
        }
        Ok(())
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.config.content_dir)
    }

    pub fn locales_dir(&self) -> PathBuf {
        self.root.join(&self.config.locales_dir)
    }

    pub fn locale_dir(&self, tag: &Tag) -> PathBuf {
        self.locales_dir().join(self.folder_of(tag))
    }

    /// The folder name of a locale: its tag, or the name `[locale-folders]` (or a known
    /// Mozilla name like `ja-JP-mac`) maps to it.
    pub fn folder_of(&self, tag: &Tag) -> String {
        self.config
            .locale_folders
            .iter()
            .map(|(f, t)| (f.as_str(), t.as_str()))
            .chain(crate::config::KNOWN_FOLDERS.iter().copied())
            .find(|(_, t)| Tag::parse(t).is_ok_and(|t| t == *tag))
            .map_or_else(|| tag.as_str().to_string(), |(f, _)| f.to_string())
    }

    /// The tag a folder name stands for when it is not a tag itself.
    fn mapped_folder(&self, name: &str) -> Option<Tag> {
        self.config
            .locale_folders
            .iter()
            .map(|(f, t)| (f.as_str(), t.as_str()))
            .chain(crate::config::KNOWN_FOLDERS.iter().copied())
            .find(|(f, _)| *f == name)
            .and_then(|(_, t)| Tag::parse(t).ok())
    }

    pub fn out_dir(&self) -> PathBuf {
        self.root.join(&self.config.out_dir)
    }

    /// A path as shown to users (relative to the project root).
    pub fn show(&self, path: &Path) -> PathBuf {
        crate::fs::display(&self.root, path)
    }

    /// The handouts: `content/*.md`, sorted by name.
    pub fn documents(&self) -> Result<Vec<PathBuf>> {
        let dir = self.content_dir();
        let entries = std::fs::read_dir(&dir).map_err(|source| Error::Read {
            path: self.show(&dir),
            source,
        })?;
        let mut docs = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| Error::Read {
                path: self.show(&dir),
                source,
            })?;
            let path = entry.path();
            // Not `is_file()`: a dangling link must be reported when read, not skipped.
            if path.extension().is_some_and(|e| e == "md") && !path.is_dir() {
                // The name becomes message IDs and is written into the source file's
                // comments: a newline in it would inject messages.
                // A name that is not UTF-8 is used as converted (`\xFF` → `�`); two that
                // convert alike are refused by extract, naming both.
                let name = entry.file_name();
                let problem = name
                    .to_string_lossy()
                    .chars()
                    .any(char::is_control)
                    .then_some("has a control character (a newline, a tab, an escape…)");
                if let Some(problem) = problem {
                    return Err(Error::Input {
                        path: self.show(&path),
                        message: format!("the document's file name {problem}; rename the file"),
                    });
                }
                docs.push(path);
            }
        }
        docs.sort();
        Ok(docs)
    }

    /// Target locales: `locales` from the config, or every folder under `locales/` whose
    /// name is a locale tag (others are returned as notes, e.g. `locales/templates`).
    pub fn target_locales(&self) -> Result<(Vec<Tag>, Vec<String>)> {
        let mut notes = Vec::new();
        let mut tags = Vec::new();
        if !self.config.locales.is_empty() {
            for t in &self.config.locales {
                let tag = Tag::parse(t).map_err(|e| Error::Config {
                    path: crate::config::FILE_NAME.into(),
                    line: 1,
                    column: 1,
                    message: e,
                })?;
                if tag != self.source {
                    tags.push(tag);
                }
            }
        } else {
            let dir = self.locales_dir();
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((tags, notes)),
                Err(source) => {
                    return Err(Error::Read {
                        path: self.show(&dir),
                        source,
                    })
                }
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if !path.is_dir() {
                    continue;
                }
                let name = entry.file_name().to_string_lossy().to_string();
                if name.starts_with('.') {
                    continue;
                }
                if let Some(tag) = self.mapped_folder(&name) {
                    if tag != self.source {
                        tags.push(tag);
                    }
                    continue;
                }
                match Tag::parse(&name) {
                    Ok(tag) if tag.as_str() == name => {
                        if tag != self.source {
                            tags.push(tag);
                        }
                    }
                    Ok(tag) => notes.push(format!(
                        "skipping `{}`: rename the folder to its canonical tag `{tag}`",
                        self.show(&path).display()
                    )),
                    Err(e) => notes.push(format!("skipping `{}`: {e}", self.show(&path).display())),
                }
            }
        }
        tags.sort();
        tags.dedup();
        self.config.check_fallback_locales(&tags, &self.source)?;
        Ok((tags, notes))
    }

    /// Every `*.ftl` under `dir`, relative to it, sorted. Missing folder → empty.
    pub fn ftl_files(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        if !dir.exists() {
            return Ok(files);
        }
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| Error::Read {
                path: self.show(e.path().unwrap_or(dir)),
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("file system loop")),
            })?;
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ftl") && !entry.file_type().is_dir() {
                if let Ok(rel) = path.strip_prefix(dir) {
                    // carta's own words for the locale (`carta.ftl`) are not one of its
                    // translations: no source, template, coverage or obsolete file.
                    if rel == Path::new(crate::bundle::strings::OVERRIDE_FILE) {
                        continue;
                    }
                    files.push(rel.to_path_buf());
                }
            }
        }
        Ok(files)
    }

    /// Reads a file of the project, refusing a symlink that leads outside it, and a
    /// Fluent file nested too deep to parse safely.
    pub fn read(&self, path: &Path) -> Result<Option<TextFile>> {
        self.guard(path)?;
        let file = crate::fs::read_text_if_exists(path).map_err(|e| self.relativize(e))?;
        if let Some(f) = &file {
            if path.extension().is_some_and(|e| e == "ftl") {
                if let Some(offset) = crate::catalog::too_deep(&f.text) {
                    let (line, column) = crate::fs::line_col(&f.text, offset);
                    return Err(Error::Config {
                        path: self.show(path),
                        line,
                        column,
                        message: format!("placeables nested more than {} levels deep; carta refuses to parse this file", crate::catalog::MAX_NESTING),
                    });
                }
                if let Some(offset) = crate::catalog::panicking_escape(&f.text) {
                    let (line, column) = crate::fs::line_col(&f.text, offset);
                    return Err(Error::Config {
                        path: self.show(path),
                        line,
                        column,
                        message: "a `\\u` or `\\U` escape without its 4 or 6 hex digits, followed by a non-ASCII character: write the character itself, or the escape in full (`\\u00E9`); carta refuses to parse this file".into(),
                    });
                }
            }
        }
        Ok(file)
    }

    /// Writes several files of the project as one step (see [`crate::fs::write_all`]).
    pub fn write_all(&self, files: &[(PathBuf, Vec<u8>)]) -> Result<usize> {
        let staging = self.staging(&[]);
        for (path, bytes) in files {
            self.stage(&staging, path, bytes)?;
        }
        self.commit(staging)
    }

    /// Stages a file of the project for a write as one step (see [`crate::fs::Staging`]).
    pub fn stage(&self, staging: &crate::fs::Staging, path: &Path, bytes: &[u8]) -> Result<bool> {
        self.guard(path)?;
        staging.stage(path, bytes).map_err(|e| self.relativize(e))
    }

    /// Stages a file of the project written as it is produced (see
    /// [`crate::fs::Staging::stage_stream`]): whether it changed, and its SHA-256.
    pub fn stage_stream(
        &self,
        staging: &crate::fs::Staging,
        path: &Path,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(bool, [u8; 32])> {
        self.guard(path)?;
        staging
            .stage_stream(path, write)
            .map_err(|e| self.relativize(e))
    }

    /// Stages a file the caller knows to differ from what is on disk (see
    /// [`crate::fs::Staging::stage_changed`]).
    pub fn stage_changed(
        &self,
        staging: &crate::fs::Staging,
        path: &Path,
        bytes: &[u8],
        expect: crate::fs::Expect,
    ) -> Result<()> {
        self.guard(path)?;
        staging
            .stage_changed(path, bytes, expect)
            .map_err(|e| self.relativize(e))
    }

    /// Stages the removal of a file carta wrote before (see [`crate::fs::Staging::remove`]).
    pub fn stage_removal(
        &self,
        staging: &crate::fs::Staging,
        path: &Path,
        expect: crate::fs::Expect,
    ) -> Result<()> {
        self.guard(path)?;
        staging.remove(path, expect).map_err(|e| self.relativize(e))
    }

    /// Makes a staged write depend on `path` being unchanged (see
    /// [`crate::fs::Staging::verify`]).
    pub fn stage_verify(
        &self,
        staging: &crate::fs::Staging,
        path: &Path,
        expect: crate::fs::Expect,
    ) {
        staging.verify(path, expect);
    }

    /// A staging for writes into this project (and `extra` folders given on the command
    /// line): it refuses to write through a linked folder inside any of them.
    pub fn staging(&self, extra: &[PathBuf]) -> crate::fs::Staging {
        let mut bases = vec![self.root.clone()];
        bases.extend(extra.iter().cloned());
        // The longest base first, so a folder is checked from the closest one.
        bases.sort_by_key(|b| std::cmp::Reverse(b.components().count()));
        crate::fs::Staging::within(bases)
    }

    /// Writes every file staged in `staging`.
    pub fn commit(&self, staging: crate::fs::Staging) -> Result<usize> {
        staging.commit().map_err(|e| self.relativize(e))
    }

    /// Writes a file of the project atomically, refusing to follow a symlink outside it.
    pub fn write(&self, path: &Path, text: &str, bom: bool) -> Result<bool> {
        self.write_all(&[(path.to_path_buf(), crate::fs::with_bom(text, bom))])
            .map(|written| written > 0)
    }

    pub(crate) fn guard(&self, path: &Path) -> Result<()> {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return Ok(());
        };
        if meta.file_type().is_symlink() {
            let root = self
                .root
                .canonicalize()
                .unwrap_or_else(|_| self.root.clone());
            // A dangling link is left to the read, which reports it as missing.
            let inside = path
                .canonicalize()
                .map(|t| t.starts_with(&root))
                .unwrap_or(true);
            if !inside {
                return Err(Error::Input {
                    path: self.show(path),
                    message:
                        "is a symbolic link to a file outside the project; refusing to follow it"
                            .into(),
                });
            }
        }
        Ok(())
    }

    /// Rewrites the path inside an error to be relative to the project.
    pub fn relativize(&self, e: Error) -> Error {
        match e {
            Error::Read { path, source } => Error::Read {
                path: self.show(&path),
                source,
            },
            Error::Write { path, source } => Error::Write {
                path: self.show(&path),
                source,
            },
            Error::NotUtf8 {
                path,
                offset,
                line,
                column,
                what,
            } => Error::NotUtf8 {
                path: self.show(&path),
                offset,
                line,
                column,
                what,
            },
            Error::Utf16 { path } => Error::Utf16 {
                path: self.show(&path),
            },
            Error::Input { path, message } => Error::Input {
                path: self.show(&path),
                message,
            },
            other => other,
        }
    }
}
