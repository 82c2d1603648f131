//! The edge where carta touches the disk: reading text with the path in every error, and
//! writing files atomically (temp file in the same folder, then rename), so a crash or a
//! full disk leaves either the old file or the new one, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A text file as read from disk. `bom` remembers a UTF-8 byte order mark so that files
/// carta rewrites keep it.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub text: String,
    pub bom: bool,
}

/// Reads a UTF-8 file (a leading BOM is accepted and remembered).
pub fn read_text(path: &Path) -> Result<TextFile> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode(path, bytes)
}

/// Reads a file that may be absent.
pub fn read_text_if_exists(path: &Path) -> Result<Option<TextFile>> {
    match std::fs::read(path) {
        Ok(bytes) => decode(path, bytes).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<TextFile> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::Utf16 {
            path: path.to_path_buf(),
        });
    }
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    if bom {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(TextFile { text, bom }),
        Err(e) => Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to() + if bom { 3 } else { 0 },
        }),
    }
}

/// Writes `contents` to `path` atomically, creating parent folders. Does nothing when the
/// file already holds exactly these bytes, so unchanged files keep their timestamps.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<bool> {
    let werr = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Ok(existing) = std::fs::read(path) {
        if existing == contents {
            return Ok(false);
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(werr)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".carta-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(werr)?;
    tmp.write_all(contents).map_err(werr)?;
    tmp.as_file().sync_all().map_err(werr)?;
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(true)
}

/// Writes a text file, restoring its byte order mark if it had one.
pub fn write_text(path: &Path, text: &str, bom: bool) -> Result<bool> {
    if bom {
        let mut bytes = Vec::with_capacity(text.len() + 3);
        bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        bytes.extend_from_slice(text.as_bytes());
        write_atomic(path, &bytes)
    } else {
        write_atomic(path, text.as_bytes())
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The path as shown to users: relative to `root` when it is inside it.
pub fn display(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\n¿cd\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 5), (2, 2));
    }
}
