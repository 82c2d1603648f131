//! Typed errors for "carta could not do its job" (exit code 2).
//!
//! Findings about translations are data (`check::Diagnostic`), never errors; an `Error`
//! always names the file it is about, and the line and column where one applies.

use std::path::PathBuf;

/// Everything that stops a command from running.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("failed to read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("failed to write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: not UTF-8 — {what}; save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)", path.display())]
    NotUtf8 {
        path: PathBuf,
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
        line: usize,
        column: usize,
        /// What the byte is, in words (`the byte 0xE0, "à" in Latin-1/Windows-1252`).
        what: String,
    },
    #[error("`{}` looks like UTF-16 (byte order mark at offset 0); save it as UTF-8", path.display())]
    Utf16 { path: PathBuf },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Config {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("`{}`: {message}", path.display())]
    Input { path: PathBuf, message: String },
    /// A file carta would write that is not its own, or two inputs that would write the
    /// same thing; the message names the other file and what to do.
    #[error("`{}` {message}", path.display())]
    Conflict { path: PathBuf, message: String },
    #[error("{0}")]
    Usage(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
