//! The edge where carta touches the disk: reading text with the path in every error, and
//! writing files as one step. A run's writes are staged as temporary files beside their
//! targets; [`Staging::commit`] renames them into place, keeping each replaced file until
//! the last rename has succeeded so that a failure puts every file back as it was. A crash
//! or a full disk leaves each file either old or new, never half of one, and a file that
//! someone else changed since carta read it is never overwritten.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::{Error, Result};

/// A text file as read from disk. `bom` remembers a UTF-8 byte order mark so that files
/// carta rewrites keep it; `stamp` is what the file looked like when read, so a write can
/// tell whether someone changed it since.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub text: String,
    pub bom: bool,
    pub stamp: Option<Stamp>,
}

impl TextFile {
    /// A file that never was on disk (fuzzing, tests).
    pub fn in_memory(text: String) -> TextFile {
        TextFile {
            text,
            bom: false,
            stamp: None,
        }
    }

    /// What a replacement must find on disk: this file, unchanged since it was read.
    pub fn expect(&self) -> Expect {
        match &self.stamp {
            Some(stamp) => Expect::Same(Fingerprint::new(
                stamp.clone(),
                &with_bom(&self.text, self.bom),
            )),
            None => Expect::Any,
        }
    }
}

/// Size and modification time of a file when it was read (from the open file, so they
/// describe the bytes that were read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// A file's stamp and the hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    stamp: Stamp,
    hash: [u8; 32],
}

impl Fingerprint {
    fn new(stamp: Stamp, bytes: &[u8]) -> Fingerprint {
        use sha2::{Digest, Sha256};
        Fingerprint {
            stamp,
            hash: Sha256::digest(bytes).into(),
        }
    }
}

/// What a staged write expects to find at its target when it replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Whatever is there (a file carta owns and did not read).
    Any,
    /// No file: a file created meanwhile by someone else is not overwritten.
    Absent,
    /// The file as it was read: same size, modification time and content hash.
    Same(Fingerprint),
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
    match read_text_if_exists(path)? {
        Some(file) => Ok(file),
        None => Err(Error::Read {
            path: path.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        }),
    }
}

/// Reads a file that may be absent.
pub fn read_text_if_exists(path: &Path) -> Result<Option<TextFile>> {
    match read_regular_stamped(path) {
        Ok((bytes, stamp)) => {
            let mut text = decode(path, bytes)?;
            text.stamp = Some(stamp);
            Ok(Some(text))
        }
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
    read_regular_stamped(path).map(|(bytes, _)| bytes)
}

/// [`read_regular`], with the file's stamp taken from the open file (so it describes the
/// bytes that were read).
fn read_regular_stamped(path: &Path) -> std::io::Result<(Vec<u8>, Stamp)> {
    let mut file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok((bytes, Stamp::of(&meta)))
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
        // Line and column of the bad byte (what comes before it is valid UTF-8), and
        // what it most likely is: a file saved as Latin-1 or Windows-1252.
        let before = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        let byte = bytes[valid_up_to];
        let what = match latin1(byte) {
            Some(c) => format!("the byte 0x{byte:02X} is \"{c}\" in Latin-1 / Windows-1252, so the file was probably saved in that encoding"),
            None => format!("the byte 0x{byte:02X} does not start a UTF-8 character"),
        };
        return Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: valid_up_to + if bom { 3 } else { 0 },
            line,
            column,
            what,
        });
    }
    // SAFETY: simdutf8 has just validated these bytes as UTF-8.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok(TextFile {
        text,
        bom,
        stamp: None,
    })
}

/// What a byte is in Windows-1252 (Latin-1 with printable characters in 0x80–0x9F),
/// for a non-UTF-8 byte's message.
fn latin1(byte: u8) -> Option<char> {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => Some(CP1252[usize::from(byte - 0x80)]).filter(|c| !c.is_control()),
        0xA0..=0xFF => char::from_u32(u32::from(byte)),
        _ => None,
    }
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
///
/// Temporary files are named `.carta-<pid>-<random>.tmp`; one left by a killed run is
/// removed by the next run that stages into its folder (see [`sweep_leftovers`]).
#[derive(Default)]
pub struct Staging {
    inner: std::sync::Mutex<Staged>,
    /// Folders below which no folder may be a symbolic link (the project root, an
    /// explicit output folder): carta never writes through a linked folder.
    bases: Vec<PathBuf>,
}

#[derive(Default)]
struct Staged {
    // Paths, not open files: a build of a hundred locales stages tens of thousands of
    // files, more than the usual limit of open descriptors.
    files: Vec<Pending>,
    created_dirs: Vec<PathBuf>,
    /// Folders known to exist and checked (so each is looked up, swept and created once,
    /// not per file).
    dirs: std::collections::HashSet<PathBuf>,
}

/// One staged change: a new content (`tmp`), a removal (`tmp` is `None`), or (`verify`)
/// only the check that the target is still as expected.
struct Pending {
    tmp: Option<tempfile::TempPath>,
    verify: bool,
    path: PathBuf,
    expect: Expect,
    /// Replaced before the others (an index of the rest: after a kill, it already
    /// lists every file the run had begun to write).
    first: bool,
}

/// The prefix of every temporary file carta writes.
pub const TEMP_PREFIX: &str = ".carta-";
/// The suffix of every temporary file carta writes.
pub const TEMP_SUFFIX: &str = ".tmp";

impl Staging {
    /// A staging that refuses to write through a symbolically linked folder below any of
    /// `bases`.
    pub fn within(bases: Vec<PathBuf>) -> Staging {
        Staging {
            inner: Default::default(),
            bases,
        }
    }

    /// Stages `contents` for `path`. Returns false (and stages nothing) when the file
    /// already holds exactly these bytes, so unchanged files keep their timestamps. The
    /// file is replaced only if it is still what was compared here.
    pub fn stage(&self, path: &Path, contents: &[u8]) -> Result<bool> {
        refuse_special(path)?;
        let dir = parent_dir(path);
        self.visit(&dir, false, path)?;
        let expect = match read_with_stamp(path) {
            Some((existing, _)) if existing == contents => return Ok(false),
            Some((existing, stamp)) => Expect::Same(Fingerprint::new(stamp, &existing)),
            None if std::fs::symlink_metadata(path).is_ok() => Expect::Any,
            None => Expect::Absent,
        };
        self.stage_changed(path, contents, expect).map(|()| true)
    }

    /// Stages the file that `write` produces for `path`, written straight into the
    /// temporary file as it is produced (through a buffer), so a large output (a review
    /// page or `messages.json` at a million messages) is never held in memory whole.
    /// Returns whether it was staged (false when the target already holds exactly these
    /// bytes: the temporary file is removed and the target keeps its timestamp) and the
    /// SHA-256 of the bytes. If `write` fails, nothing is staged and its error is
    /// returned with the path.
    pub fn stage_stream(
        &self,
        path: &Path,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(bool, [u8; 32])> {
        use sha2::{Digest, Sha256};
        refuse_special(path)?;
        let werr = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        let dir = parent_dir(path);
        self.visit(&dir, true, path)?;
        let mut tmp = self.temp_in(&dir).map_err(werr)?;
        /// Hashes and counts what goes through to the file.
        struct Hashing<'f> {
            file: &'f mut std::fs::File,
            hash: Sha256,
        }
        impl Write for Hashing<'_> {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                let n = self.file.write(buf)?;
                self.hash.update(&buf[..n]);
                Ok(n)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                self.file.flush()
            }
        }
        let mut hashing = Hashing {
            file: tmp.as_file_mut(),
            hash: Sha256::new(),
        };
        let hash: [u8; 32] = {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut hashing);
            write(&mut out).map_err(werr)?;
            out.flush().map_err(werr)?;
            drop(out);
            hashing.hash.finalize().into()
        };
        let expect = match fingerprint_current(path) {
            Some(current) if current.hash == hash => return Ok((false, hash)),
            Some(current) => Expect::Same(current),
            None if std::fs::symlink_metadata(path).is_ok() => Expect::Any,
            None => Expect::Absent,
        };
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.is_file() {
                tmp.as_file()
                    .set_permissions(meta.permissions())
                    .map_err(werr)?;
            }
        }
        let tmp = tmp.into_temp_path();
        self.lock().files.push(Pending {
            tmp: Some(tmp),
            verify: false,
            path: path.to_path_buf(),
            expect,
            first: false,
        });
        Ok((true, hash))
    }

    /// A new temporary file in `dir`, named as every temporary file of this run.
    fn temp_in(&self, dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
        let mut builder = tempfile::Builder::new();
        let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
        builder.prefix(&prefix).suffix(TEMP_SUFFIX);
        #[cfg(unix)]
        {
            // A new file gets the usual `0666 & !umask` (the kernel applies the umask); a
            // replaced file keeps its own mode.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        builder.tempfile_in(dir)
    }

    /// Stages `contents` for `path` without comparing: for a caller that has just read
    /// the file and knows its bytes differ (or that it does not exist). `expect` is what
    /// the target must still be when it is replaced.
    pub fn stage_changed(&self, path: &Path, contents: &[u8], expect: Expect) -> Result<()> {
        refuse_special(path)?;
        let werr = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        let dir = parent_dir(path);
        self.visit(&dir, true, path)?;
        // A replaced file keeps its own mode, below.
        let mut tmp = self.temp_in(&dir).map_err(werr)?;
        tmp.write_all(contents).map_err(werr)?;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.is_file() {
                tmp.as_file()
                    .set_permissions(meta.permissions())
                    .map_err(werr)?;
            }
        }
        let tmp = tmp.into_temp_path();
        self.lock().files.push(Pending {
            tmp: Some(tmp),
            verify: false,
            path: path.to_path_buf(),
            expect,
            first: false,
        });
        Ok(())
    }

    /// Marks the staged write of `path` to be made before all others (see `Pending`).
    pub fn first(&self, path: &Path) {
        for p in self.lock().files.iter_mut() {
            if p.path == path {
                p.first = true;
            }
        }
    }

    /// Stages the removal of `path` (a file carta wrote before and no longer produces).
    pub fn remove(&self, path: &Path, expect: Expect) -> Result<()> {
        self.visit(&parent_dir(path), false, path)?;
        self.lock().files.push(Pending {
            tmp: None,
            verify: false,
            path: path.to_path_buf(),
            expect,
            first: false,
        });
        Ok(())
    }

    /// Makes the commit depend on `path` still being as `expect` says, without writing
    /// it (a file whose content the staged writes were computed from).
    pub fn verify(&self, path: &Path, expect: Expect) {
        self.lock().files.push(Pending {
            tmp: None,
            verify: true,
            path: path.to_path_buf(),
            expect,
            first: true,
        });
    }

    /// First sight of a folder: refuse it if it lies behind a linked folder, remove the
    /// leftovers of killed runs from it, and create it (with its parents) if asked.
    fn visit(&self, dir: &Path, create: bool, path: &Path) -> Result<()> {
        if self.lock().dirs.contains(dir) {
            return Ok(());
        }
        if let Some(base) = self.bases.iter().find(|b| dir.starts_with(b)) {
            let mut current = base.clone();
            for part in dir
                .strip_prefix(base)
                .into_iter()
                .flat_map(Path::components)
            {
                current.push(part);
                match std::fs::symlink_metadata(&current) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        return Err(Error::Input {
                            path: current,
                            message: "is a symbolic link to a folder; carta does not write through linked folders (replace it with a real folder)".into(),
                        })
                    }
                    Ok(meta) if !meta.is_dir() => {
                        return Err(Error::Input {
                            path: current,
                            message: format!(
                                "is not a folder, but `{}` would be written inside it",
                                path.display()
                            ),
                        })
                    }
                    Ok(_) => {}
                    Err(_) => break, // missing: created below
                }
            }
        }
        if dir.is_dir() {
            sweep_leftovers(dir);
        } else if create {
            let mut missing = Vec::new();
            let mut d = Some(dir);
            while let Some(p) = d.filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
                missing.push(p.to_path_buf());
                d = p.parent();
            }
            let created = std::fs::create_dir_all(dir);
            let mut staged = self.lock();
            staged.created_dirs.extend(missing.into_iter().rev());
            created.map_err(|source| Error::Write {
                path: path.to_path_buf(),
                source,
            })?;
        } else {
            return Ok(());
        }
        self.lock().dirs.insert(dir.to_path_buf());
        Ok(())
    }

    /// Makes the staged contents durable, then replaces each target. Before a target is
    /// replaced it is checked to be what the stage expected (else nothing is written and
    /// the error names it) and kept aside; if any replacement fails, every file already
    /// replaced is put back and every new file removed, so the run changes nothing.
    /// Returns how many files were written or removed.
    pub fn commit(self) -> Result<usize> {
        let mut staged = std::mem::take(&mut *self.lock());
        if let Err(e) = flush(&staged.files) {
            drop(staged.files);
            remove_dirs(&staged.created_dirs);
            return Err(e);
        }
        // Removals last: a kill midway leaves files too many, never too few.
        staged.files.sort_by_key(|p| (!p.first, p.tmp.is_none()));
        let mut done: Vec<Done> = Vec::with_capacity(staged.files.len());
        let mut failure = None;
        for pending in staged.files.drain(..) {
            match replace(pending) {
                Ok(d) => done.push(d),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if let Some(e) = failure {
            for d in done.into_iter().rev() {
                d.undo();
            }
            drop(staged.files);
            remove_dirs(&staged.created_dirs);
            return Err(e);
        }
        let written = done.iter().filter(|d| !d.verified).count();
        for d in done {
            d.finish();
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

/// A target carta must not replace: a FIFO, a device or a folder (never replaced, nor
/// read, which would hang on a FIFO), or a symbolic link (replacing it would cut the
/// link someone made; writing through it would write where it points).
fn refuse_special(path: &Path) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "is a symbolic link; carta does not replace links or write through them (make it a regular file)".into(),
        });
    }
    if !meta.is_file() {
        return Err(Error::Write {
            path: path.to_path_buf(),
            source: not_regular(&meta.file_type()),
        });
    }
    Ok(())
}

/// Removes the folders a staging created, deepest first: two locales staged in
/// parallel record theirs in either order (`dist/fr`, then `dist` and `dist/es`), and
/// removing them in reverse order of record left `dist` behind, not yet empty (a failed
/// `--strict` build wrote an empty `dist/`; seen once under load).
fn remove_dirs(dirs: &[PathBuf]) {
    let mut dirs: Vec<&PathBuf> = dirs.iter().collect();
    dirs.sort_by(|a, b| {
        (b.components().count())
            .cmp(&a.components().count())
            .then_with(|| a.cmp(b))
    });
    dirs.dedup();
    for dir in dirs {
        let _ = std::fs::remove_dir(dir);
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A file's bytes and stamp, if it is a regular file that can be read (never blocking
/// on a FIFO).
fn read_with_stamp(path: &Path) -> Option<(Vec<u8>, Stamp)> {
    read_regular_stamped(path).ok()
}

/// What `path` is now, as a write or removal staged later must find it (`None`: not a
/// regular file that can be read).
pub fn expect_current(path: &Path) -> Option<Expect> {
    fingerprint_current(path).map(Expect::Same)
}

/// The fingerprint of `path` if it is a regular file that can be read, hashed as it is
/// read (a large output of the previous build is not read into memory whole).
fn fingerprint_current(path: &Path) -> Option<Fingerprint> {
    use sha2::{Digest, Sha256};
    let mut file = open_nonblocking(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hash.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        }
    }
    Some(Fingerprint {
        stamp: Stamp::of(&meta),
        hash: hash.finalize().into(),
    })
}

/// Why a target is not what its stage expected, if it is not.
fn unexpected(path: &Path, expect: &Expect) -> Option<&'static str> {
    match expect {
        Expect::Any => None,
        Expect::Absent => std::fs::symlink_metadata(path)
            .is_ok()
            .then_some("was created by someone else while carta ran"),
        Expect::Same(fingerprint) => match fingerprint_current(path) {
            None => Some("was removed or replaced by someone else while carta ran"),
            Some(current) => {
                (current != *fingerprint).then_some("was changed by someone else while carta ran")
            }
        },
    }
}

/// A replacement made by [`Staging::commit`], with what is needed to undo it.
struct Done {
    path: PathBuf,
    /// The previous file, kept under a temporary name until the commit succeeds.
    backup: Option<PathBuf>,
    /// Only checked, not written: nothing to undo.
    verified: bool,
}

impl Done {
    fn undo(self) {
        if self.verified {
            return;
        }
        match self.backup {
            Some(backup) => {
                let _ = std::fs::rename(&backup, &self.path);
            }
            None => {
                let _ = std::fs::remove_file(&self.path);
            }
        }
    }

    fn finish(self) {
        if let Some(backup) = self.backup {
            let _ = std::fs::remove_file(backup);
        }
    }
}

/// Replaces (or removes) one target, keeping the previous file aside.
fn replace(pending: Pending) -> Result<Done> {
    let Pending {
        tmp,
        verify,
        path,
        expect,
        ..
    } = pending;
    let werr = |source| Error::Write {
        path: path.clone(),
        source,
    };
    if let Some(why) = unexpected(&path, &expect) {
        return Err(Error::Input {
            path: path.clone(),
            message: format!("{why}; nothing was written (run carta again to include the change)"),
        });
    }
    if verify {
        return Ok(Done {
            path,
            backup: None,
            verified: true,
        });
    }
    let exists = std::fs::symlink_metadata(&path).is_ok();
    let backup = if exists {
        let backup = backup_name(&path);
        // A hard link keeps the old file without copying it; the rename below then
        // swaps the new content in as one step.
        if std::fs::hard_link(&path, &backup).is_err() {
            std::fs::copy(&path, &backup).map_err(werr)?;
        }
        Some(backup)
    } else {
        None
    };
    let result = match tmp {
        Some(tmp) => tmp.persist(&path).map_err(|e| e.error),
        None => std::fs::remove_file(&path),
    };
    match result {
        Ok(()) => Ok(Done {
            path,
            backup,
            verified: false,
        }),
        Err(source) => {
            if let Some(b) = &backup {
                let _ = std::fs::remove_file(b);
            }
            Err(werr(source))
        }
    }
}

/// A fresh temporary name beside `path`.
fn backup_name(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    parent_dir(path).join(format!(
        "{TEMP_PREFIX}{}-old{n}x{nanos:08x}{TEMP_SUFFIX}",
        std::process::id()
    ))
}

/// Whether a file name is one of carta's temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Removes from `dir` the temporary files of carta runs that no longer exist (killed
/// before they could clean up). A file whose run is still alive, or whose owner cannot
/// be told, is left alone, so two runs at once never remove each other's files; a
/// nameless one (written by carta before names carried the process ID) is removed once
/// it is an hour old.
pub fn sweep_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_temp_name(name) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let middle = &name[TEMP_PREFIX.len()..name.len() - TEMP_SUFFIX.len()];
        let stale = match middle.split_once('-') {
            Some((pid, _)) => match pid.parse::<u32>() {
                Ok(pid) => !process_alive(pid),
                Err(_) => false,
            },
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600),
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` is running (unknown → assumed alive).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists() || !Path::new("/proc/self").exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// Gets staged files onto the disk before they replace anything, so a power cut after
/// the rename cannot leave an empty file. On Linux one `syncfs` per file system flushes
/// them all (thousands of separate `fsync`s took most of a large sync's time); elsewhere
/// each file is synced.
fn flush(files: &[Pending]) -> Result<()> {
    let staged = files
        .iter()
        .filter_map(|p| p.tmp.as_ref().map(|t| (t, &p.path)));
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let mut devices = std::collections::HashSet::new();
        for (tmp, path) in staged {
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
    for (tmp, path) in staged {
        std::fs::File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
    }
    Ok(())
}

/// A text file's bytes, with its UTF-8 byte order mark when it had one.
pub fn with_bom(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if bom {
        bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    bytes.extend_from_slice(text.as_bytes());
    bytes
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

    // Guards the streamed build outputs: a file written as it is produced is staged like
    // any other (same bytes, same hash), an unchanged one is not staged (and leaves no
    // temporary file), and a write that fails stages nothing and leaves nothing behind.
    #[test]
    fn a_streamed_file_is_staged_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out/big.json");
        let staging = Staging::default();
        let (changed, hash) = staging
            .stage_stream(&path, &mut |w| {
                w.write_all(b"{\n")?;
                w.write_all(&[b'x'; 200_000])?;
                w.write_all(b"}\n")
            })
            .unwrap();
        assert!(changed);
        assert!(!path.exists(), "nothing replaced before the commit");
        staging.commit().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 200_004);
        assert_eq!(crate::bundle::hex(&hash), crate::bundle::sha256(&bytes));
        let leftovers = |d: &Path| {
            std::fs::read_dir(d)
                .unwrap()
                .filter(|e| is_temp_name(&e.as_ref().unwrap().file_name().to_string_lossy()))
                .count()
        };
        // The same bytes again: not staged.
        let staging = Staging::default();
        let (changed, again) = staging
            .stage_stream(&path, &mut |w| w.write_all(&bytes))
            .unwrap();
        assert!(!changed);
        assert_eq!(again, hash);
        assert_eq!(leftovers(&dir.path().join("out")), 0);
        assert_eq!(staging.commit().unwrap(), 0);
        // A write that fails halfway: an error naming the file, the old file whole.
        let staging = Staging::default();
        let err = staging
            .stage_stream(&path, &mut |w| {
                w.write_all(b"half")?;
                Err(std::io::Error::other("serializer failed"))
            })
            .unwrap_err();
        assert!(err.to_string().contains("big.json"), "{err}");
        assert_eq!(staging.commit().unwrap(), 0);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        assert_eq!(leftovers(&dir.path().join("out")), 0);
    }

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

    // Guards issue 13.4: an editor's save between carta's read and its write survives.
    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.ftl"), dir.path().join("b.ftl"));
        std::fs::write(&a, "a = 1\n").unwrap();
        std::fs::write(&b, "b = 1\n").unwrap();
        let read_a = read_text(&a).unwrap();
        let read_b = read_text(&b).unwrap();
        let staging = Staging::default();
        staging
            .stage_changed(&a, b"a = 2\n", read_a.expect())
            .unwrap();
        staging
            .stage_changed(&b, b"b = 2\n", read_b.expect())
            .unwrap();
        // The translator saves b.ftl (same size: only the hash tells).
        std::fs::write(&b, "b = 9\n").unwrap();
        let err = staging.commit().unwrap_err().to_string();
        assert!(
            err.contains("b.ftl") && err.contains("changed by someone else"),
            "{err}"
        );
        assert_eq!(
            std::fs::read(&a).unwrap(),
            b"a = 1\n",
            "nothing was written"
        );
        assert_eq!(std::fs::read(&b).unwrap(), b"b = 9\n", "the save is kept");
        assert_eq!(leftovers(dir.path()), 0);
        // A file created meanwhile where carta meant to create one is not overwritten.
        let c = dir.path().join("c.ftl");
        let staging = Staging::default();
        staging.stage_changed(&c, b"new", Expect::Absent).unwrap();
        std::fs::write(&c, "theirs").unwrap();
        assert!(staging.commit().is_err());
        assert_eq!(std::fs::read(&c).unwrap(), b"theirs");
    }

    fn leftovers(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| is_temp_name(&e.file_name().to_string_lossy()))
            .count()
    }

    // Guards issue 13.10: when a rename fails midway, the files already replaced are
    // put back, removed files come back, and new files and folders go.
    #[test]
    fn created_folders_are_removed_whatever_order_they_were_recorded_in() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            tmp.path().join("dist"),
            tmp.path().join("dist/es"),
            tmp.path().join("dist/fr"),
        );
        std::fs::create_dir_all(&b).unwrap();
        std::fs::create_dir_all(&c).unwrap();
        remove_dirs(&[c.clone(), a.clone(), b.clone(), a.clone()]);
        assert!(!a.exists());
    }

    #[test]
    fn a_failed_rename_undoes_every_replacement() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.txt");
        let gone = dir.path().join("gone.txt");
        let blocked = dir.path().join("blocked.txt");
        std::fs::write(&old, "old").unwrap();
        std::fs::write(&gone, "gone").unwrap();
        let staging = Staging::default();
        staging.stage(&old, b"new").unwrap();
        staging
            .stage(&dir.path().join("sub/fresh.txt"), b"fresh")
            .unwrap();
        staging.stage(&blocked, b"x").unwrap();
        staging.remove(&gone, Expect::Any).unwrap();
        // A folder appears where a file is to go: its rename fails.
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("inside"), "keep").unwrap();
        assert!(staging.commit().is_err());
        assert_eq!(std::fs::read(&old).unwrap(), b"old");
        assert_eq!(std::fs::read(&gone).unwrap(), b"gone");
        assert!(!dir.path().join("sub").exists());
        assert_eq!(std::fs::read(blocked.join("inside")).unwrap(), b"keep");
        assert_eq!(leftovers(dir.path()), 0);
    }

    // Guards issue 13.11: a replaced file keeps its mode; a new one gets 0666 & !umask.
    #[cfg(unix)]
    #[test]
    fn modes_are_kept_and_new_files_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared.ftl");
        std::fs::write(&shared, "a").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
        let fresh = dir.path().join("fresh.ftl");
        // What the umask makes of 0666, measured with a plain file.
        let probe = dir.path().join("probe");
        std::fs::File::create(&probe).unwrap();
        let usual = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
        write_all(&[
            (shared.clone(), b"b".to_vec()),
            (fresh.clone(), b"c".to_vec()),
        ])
        .unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&shared), 0o664);
        assert_eq!(mode(&fresh), usual);
    }

    // Guards issue 13.12: a killed run's temporary files go; a live run's stay.
    #[test]
    fn leftovers_of_dead_runs_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        // PIDs are below 2^22 on Linux: this one cannot be running.
        let dead = dir.path().join(".carta-4294967-abc123.tmp");
        let alive = dir
            .path()
            .join(format!(".carta-{}-abc123.tmp", std::process::id()));
        let other = dir.path().join(".carta-notes.txt");
        for p in [&dead, &alive, &other] {
            std::fs::write(p, "x").unwrap();
        }
        write_all(&[(dir.path().join("out.txt"), b"y".to_vec())]).unwrap();
        assert!(!dead.exists());
        assert!(alive.exists());
        assert!(other.exists());
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
