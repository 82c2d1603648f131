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
        Ok(Project {
            root: root.to_path_buf(),
            config,
            source,
        })
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.config.content_dir)
    }

    pub fn locales_dir(&self) -> PathBuf {
        self.root.join(&self.config.locales_dir)
    }

    pub fn locale_dir(&self, tag: &Tag) -> PathBuf {
        self.locales_dir().join(tag.as_str())
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
                let name = entry.file_name();
                let problem = match name.to_str() {
                    None => Some("is not valid UTF-8"),
                    Some(n) if n.chars().any(char::is_control) => {
                        Some("has a control character (a newline, a tab, an escape…)")
                    }
                    Some(_) => None,
                };
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
            }
        }
        Ok(file)
    }

    /// Writes several files of the project as one step (see [`crate::fs::write_all`]).
    pub fn write_all(&self, files: &[(PathBuf, Vec<u8>)]) -> Result<usize> {
        for (path, _) in files {
            self.guard(path)?;
        }
        crate::fs::write_all(files).map_err(|e| self.relativize(e))
    }

    /// Stages a file of the project for a write as one step (see [`crate::fs::Staging`]).
    pub fn stage(&self, staging: &crate::fs::Staging, path: &Path, bytes: &[u8]) -> Result<bool> {
        self.guard(path)?;
        staging.stage(path, bytes).map_err(|e| self.relativize(e))
    }

    /// Stages a file the caller knows to differ from what is on disk (see
    /// [`crate::fs::Staging::stage_changed`]).
    pub fn stage_changed(
        &self,
        staging: &crate::fs::Staging,
        path: &Path,
        bytes: &[u8],
    ) -> Result<()> {
        self.guard(path)?;
        staging
            .stage_changed(path, bytes)
            .map_err(|e| self.relativize(e))
    }

    /// Writes every file staged in `staging`.
    pub fn commit(&self, staging: crate::fs::Staging) -> Result<usize> {
        staging.commit().map_err(|e| self.relativize(e))
    }

    /// Writes a file of the project atomically, refusing to follow a symlink outside it.
    pub fn write(&self, path: &Path, text: &str, bom: bool) -> Result<bool> {
        self.guard(path)?;
        crate::fs::write_text(path, text, bom).map_err(|e| self.relativize(e))
    }

    fn guard(&self, path: &Path) -> Result<()> {
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
            Error::NotUtf8 { path, offset } => Error::NotUtf8 {
                path: self.show(&path),
                offset,
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
