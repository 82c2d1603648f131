//! What carta owns in the output folder: the files the previous build's `manifest.json`
//! lists there. `build` replaces only those, removes those it no longer produces, and
//! refuses a folder that holds files it did not write (as `cargo new` refuses a
//! non-empty folder), so a mistyped `out-dir` or `--out` never overwrites anyone's work.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The name of the manifest in the output folder.
pub const MANIFEST: &str = "manifest.json";
/// The language picker, written beside the manifest.
pub const INDEX: &str = "index.html";
/// The list of review pages (`review/<tag>.html`).
pub const REVIEW_INDEX: &str = "review/index.html";
/// TypeScript types of every message and its arguments.
pub const MESSAGES_DTS: &str = "messages.d.ts";
/// The same as a JSON schema of an ID → arguments object.
pub const MESSAGES_SCHEMA: &str = "messages.schema.json";

/// The previous build of an output folder.
#[derive(Debug)]
pub struct Previous {
    /// Every file the previous build wrote, relative to the folder (`/`-separated).
    pub files: BTreeSet<String>,
    /// The previous manifest's locale entries, by tag (kept for a partial build).
    pub locales: Vec<serde_json::Value>,
    /// The previous manifest's files for every locale (`files`), kept by a partial build.
    pub global: serde_json::Value,
    /// The manifest as read (its bytes and what it must still be when replaced: the
    /// same file, or none), so a build that ran meanwhile (another `--locale`) is not
    /// overwritten with entries computed from the older one.
    pub manifest: Option<Vec<u8>>,
    pub manifest_expect: crate::fs::Expect,
}

impl Default for Previous {
    fn default() -> Self {
        Previous {
            files: BTreeSet::new(),
            locales: Vec::new(),
            global: serde_json::Value::Null,
            manifest: None,
            manifest_expect: crate::fs::Expect::Absent,
        }
    }
}

impl Previous {
    /// Reads what carta wrote into `dir` before. A folder that does not exist or is
    /// empty has no previous build; a non-empty one without a carta manifest is refused.
    pub fn read(dir: &Path, shown: &Path) -> Result<Previous> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Previous::default()),
            Err(source) => {
                return Err(Error::Read {
                    path: shown.to_path_buf(),
                    source,
                })
            }
        };
        let mut others = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !crate::fs::is_temp_name(&name) {
                others.push(name);
            }
        }
        let manifest_path = dir.join(MANIFEST);
        let refuse = |why: String| {
            Error::Input {
            path: shown.to_path_buf(),
            message: format!("{why}; carta writes only into an empty folder or one it built before (remove the folder, or choose another `out-dir` / `--out`)"),
        }
        };
        if others.is_empty() {
            return Ok(Previous::default());
        }
        if std::fs::symlink_metadata(&manifest_path).is_err() {
            others.sort();
            let sample = others
                .iter()
                .take(3)
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(refuse(format!(
                "is not empty ({sample}{}) and has no carta `{MANIFEST}`",
                if others.len() > 3 { ", …" } else { "" }
            )));
        }
        let text = crate::fs::read_text(&manifest_path)
            .map_err(|_| refuse(format!("has a `{MANIFEST}` carta cannot read")))?;
        let manifest: serde_json::Value = serde_json::from_str(&text.text)
            .map_err(|_| refuse(format!("has a `{MANIFEST}` that is not carta's")))?;
        let is_carta = manifest["generator"]
            .as_str()
            .is_some_and(|g| g.starts_with("carta "));
        let Some(locales) = manifest["locales"].as_array().filter(|_| is_carta) else {
            return Err(refuse(format!("has a `{MANIFEST}` that is not carta's")));
        };
        let mut files: BTreeSet<String> = [
            MANIFEST.to_string(),
            INDEX.to_string(),
            REVIEW_INDEX.to_string(),
            MESSAGES_DTS.to_string(),
            MESSAGES_SCHEMA.to_string(),
        ]
        .into();
        for locale in locales {
            if let Some(map) = locale["files"].as_object() {
                // Normalised (`vi/./x` is `vi/x`), so one file is never listed twice.
                files.extend(map.keys().filter_map(|k| normal_relative(k)));
            }
        }
        Ok(Previous {
            files,
            locales: locales.clone(),
            global: manifest["files"].clone(),
            manifest: Some(crate::fs::with_bom(&text.text, text.bom)),
            manifest_expect: text.expect(),
        })
    }

    /// Whether carta wrote `rel` (relative to the folder, `/`-separated) before.
    pub fn owns(&self, rel: &str) -> bool {
        self.files.contains(rel)
    }
}

/// A manifest key that names a file inside the folder (no `..`, not absolute), as
/// `a/b/c`, so a hand-edited manifest cannot make carta remove files elsewhere.
fn normal_relative(rel: &str) -> Option<String> {
    let mut parts = Vec::new();
    for c in Path::new(rel).components() {
        match c {
            std::path::Component::Normal(p) => parts.push(p.to_str()?.to_string()),
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `path` with `.` and `..` resolved without touching the disk, then with its longest
/// existing prefix resolved through links: where a folder really is, even before it
/// exists.
pub fn resolve(path: &Path) -> PathBuf {
    // Relative to the current folder first: `..` of a relative root must not vanish.
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut lexical = PathBuf::new();
    for c in absolute.components() {
        match c {
            std::path::Component::ParentDir => {
                if !lexical.pop() {
                    lexical.push("..");
                }
            }
            std::path::Component::CurDir => {}
            other => lexical.push(other.as_os_str()),
        }
    }
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => {
                rest.push(name.to_os_string());
                existing.pop();
            }
            None => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}
