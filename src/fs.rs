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

/// Bytes a path segment of a URI keeps as they are (RFC 3986's unreserved characters);
/// everything else is percent-encoded, so `#`, `?`, `%`, spaces and non-ASCII names link
/// to the file they name.
const URI_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One file or folder name as a URI path segment (see [`URI_SEGMENT`]).
pub fn uri_segment(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, URI_SEGMENT).to_string()
}

/// A relative path as a relative URI reference: each segment percent-encoded, `/`
/// between them on every platform.
pub fn uri_path(path: &Path) -> String {
    path.components()
        .map(|c| uri_segment(&c.as_os_str().to_string_lossy()))
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a UTF-8 file (a leading BOM is accepted and remembered).
pub fn read_text(path: &Path) -> Result<TextFile> {
    let bytes = read_regular(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode(path, bytes)
}

/// Reads a file that may be absent.
pub fn read_text_if_exists(path: &Path) -> Result<Option<TextFile>> {
    match read_regular(path) {
        Ok(bytes) => decode(path, bytes).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Reads the bytes of a regular file (following symlinks). Anything else named like one
/// of carta's files (a FIFO, a device, a socket, a folder) is refused before a byte is
/// read: opening a FIFO blocks until a writer comes and a device may never end. The file
/// is opened non-blocking and its type taken from the open descriptor, so nothing can be
/// swapped in between the look and the read.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(target_os = "linux")]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

/// Without a portable non-blocking open, the type is looked up first.
#[cfg(not(target_os = "linux"))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    std::fs::File::open(path)
}

/// The error for a path that exists but is not a regular file.
pub fn not_regular(kind: &std::fs::FileType) -> std::io::Error {
    let what = if kind.is_dir() {
        "a folder"
    } else {
        special_kind(kind)
    };
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("is {what}, not a regular file"),
    )
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
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
    // simdutf8 validates several times faster than std on non-Latin text (most of a
    // large project's locales); std's slower check only runs to locate an error.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        let valid_up_to = std::str::from_utf8(&bytes)
            .err()
            .map_or(bytes.len(), |e| e.valid_up_to());
        return Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: valid_up_to + if bom { 3 } else { 0 },
        });
    }
    // SAFETY: simdutf8 has just validated these bytes as UTF-8.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok(TextFile { text, bom })
}

/// Writes `contents` to `path` atomically, creating parent folders. Does nothing when the
/// file already holds exactly these bytes, so unchanged files keep their timestamps.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<bool> {
    write_all(&[(path.to_path_buf(), contents.to_vec())]).map(|written| written > 0)
}

/// Writes several files as one step (see [`Staging`]). Returns how many files were
/// written; files whose bytes are unchanged are not touched.
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<usize> {
    let staging = Staging::default();
    for (path, contents) in files {
        staging.stage(path, contents)?;
    }
    staging.commit()
}

/// Files written as one step: [`Staging::stage`] writes each new content to a temporary
/// file beside its target (from any thread, as soon as it is computed, so callers need
/// not hold every output in memory), and [`Staging::commit`] flushes them to disk and
/// renames them into place. Dropped without a commit (an error anywhere), it removes the
/// temporary files and the folders it created, and no target is replaced.
#[derive(Default)]
pub struct Staging {
    inner: std::sync::Mutex<Staged>,
}

#[derive(Default)]
struct Staged {
    // Paths, not open files: a build of a hundred locales stages tens of thousands of
    // files, more than the usual limit of open descriptors.
    files: Vec<(tempfile::TempPath, PathBuf)>,
    created_dirs: Vec<PathBuf>,
    /// Folders known to exist (so each is looked up and created once, not per file).
    dirs: std::collections::HashSet<PathBuf>,
}

impl Staging {
    /// Stages `contents` for `path`. Returns false (and stages nothing) when the file
    /// already holds exactly these bytes, so unchanged files keep their timestamps.
    pub fn stage(&self, path: &Path, contents: &[u8]) -> Result<bool> {
        match std::fs::symlink_metadata(path) {
            // Never replace (or hang reading) a FIFO, a device or a folder at a target path.
            Ok(meta) if !meta.is_file() && !meta.file_type().is_symlink() => {
                return Err(Error::Write {
                    path: path.to_path_buf(),
                    source: not_regular(&meta.file_type()),
                })
            }
            Ok(_) => match read_regular(path) {
                Ok(existing) if existing == contents => return Ok(false),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
                    return Err(Error::Write {
                        path: path.to_path_buf(),
                        source: e,
                    })
                }
                Err(_) => {}
            },
            Err(_) => {}
        }
        self.stage_changed(path, contents).map(|()| true)
    }

    /// Stages `contents` for `path` without comparing: for a caller that has just read
    /// the file and knows its bytes differ (or that it does not exist).
    pub fn stage_changed(&self, path: &Path, contents: &[u8]) -> Result<()> {
        let werr = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !self.lock().dirs.contains(&dir) {
            let mut missing = Vec::new();
            let mut d = Some(dir.as_path());
            while let Some(p) = d.filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
                missing.push(p.to_path_buf());
                d = p.parent();
            }
            let created = std::fs::create_dir_all(&dir);
            let mut staged = self.lock();
            staged.created_dirs.extend(missing.into_iter().rev());
            created.map_err(werr)?;
            staged.dirs.insert(dir.clone());
        }
        let mut tmp = tempfile::Builder::new()
            .prefix(".carta-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(werr)?;
        tmp.write_all(contents).map_err(werr)?;
        let tmp = tmp.into_temp_path();
        self.lock().files.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Makes the staged contents durable, then renames each over its target. Returns how
    /// many files were written.
    pub fn commit(self) -> Result<usize> {
        let mut staged = std::mem::take(&mut *self.lock());
        if let Err(e) = flush(&staged.files) {
            drop(staged.files);
            remove_dirs(&staged.created_dirs);
            return Err(e);
        }
        let written = staged.files.len();
        for (tmp, path) in staged.files.drain(..) {
            tmp.persist(&path).map_err(|e| Error::Write {
                path,
                source: e.error,
            })?;
        }
        Ok(written)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Staged> {
        // A panic while holding the lock cannot leave `Staged` inconsistent (each
        // change is one push), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let staged = std::mem::take(&mut *self.lock());
        if !staged.files.is_empty() || !staged.created_dirs.is_empty() {
            drop(staged.files);
            remove_dirs(&staged.created_dirs);
        }
    }
}

fn remove_dirs(dirs: &[PathBuf]) {
    for dir in dirs.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// Gets staged files onto the disk before they replace anything, so a power cut after
/// the rename cannot leave an empty file. On Linux one `syncfs` per file system flushes
/// them all (thousands of separate `fsync`s took most of a large sync's time); elsewhere
/// each file is synced.
fn flush(files: &[(tempfile::TempPath, PathBuf)]) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let mut devices = std::collections::HashSet::new();
        for (tmp, path) in files {
            let werr = |source| Error::Write {
                path: path.clone(),
                source,
            };
            if devices.insert(std::fs::metadata(tmp).map_err(werr)?.dev()) {
                let file = std::fs::File::open(tmp).map_err(werr)?;
                rustix::fs::syncfs(&file).map_err(|e| werr(e.into()))?;
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    for (tmp, path) in files {
        std::fs::File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
    }
    Ok(())
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

/// Line starts of a text, so many offsets can be turned into `line:col` without
/// rescanning the text for each (a large file can have thousands of diagnostics).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters), and the text of that line.
    pub fn locate(&self, offset: usize) -> (usize, usize, &'a str) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e - 1);
        let column = self.text[start..offset].chars().count() + 1;
        (line, column, self.text[start..end].trim_end_matches('\r'))
    }
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
    fn write_all_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("a/b/ok.txt");
        // A file where a folder is needed makes the second write fail.
        std::fs::write(dir.path().join("blocker"), "x").unwrap();
        let bad = dir.path().join("blocker/c.txt");
        let err = write_all(&[(ok.clone(), b"new".to_vec()), (bad, b"y".to_vec())]);
        assert!(err.is_err());
        assert!(!ok.exists());
        assert!(
            !dir.path().join("a").exists(),
            "created folders are removed again"
        );
        assert_eq!(write_all(&[(ok.clone(), b"new".to_vec())]).unwrap(), 1);
        assert_eq!(write_all(&[(ok.clone(), b"new".to_vec())]).unwrap(), 0);
        assert_eq!(std::fs::read(&ok).unwrap(), b"new");
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "ab\r\n¿cd\n\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            let (l, c, _) = index.locate(offset);
            assert_eq!((l, c), line_col(text, offset), "offset {offset}");
        }
        assert_eq!(index.locate(0).2, "ab");
        assert_eq!(index.locate(5).2, "¿cd");
        assert_eq!(index.locate(text.len()).2, "last");
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\n¿cd\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 5), (2, 2));
    }
}
