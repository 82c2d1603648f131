//! The read floor for `bench/run.sh`: read every file `carta check` must read under a
//! folder and parse it — each `.ftl` with `fluent_syntax::parser::parse`, each
//! `.ftl.sync` state file with carta's own state reader (it is carta's format), each
//! `glossary.toml` with the `toml` crate — in parallel on all cores (rayon). Nothing
//! else: no checks, no output files. Any carta command that must look at every file of
//! every locale cannot be faster than this.
//!
//! ```text
//! cargo run --release --example parse_floor -- DIR [DIR...]
//! ```
//!
//! Prints one line: files, bytes, entries (junk entries), elapsed seconds (wall, from the
//! directory walk to the last parse).

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        eprintln!("usage: parse_floor DIR [DIR...]");
        std::process::exit(2);
    }
    let started = Instant::now();
    let mut files = Vec::new();
    for dir in &dirs {
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.unwrap_or_else(|e| {
                eprintln!("parse_floor: {e}");
                std::process::exit(2)
            });
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file()
                && (name.ends_with(".ftl")
                    || name.ends_with(".ftl.sync")
                    || name == "glossary.toml")
            {
                files.push(entry.into_path());
            }
        }
    }
    let (bytes, entries, junk) = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
                eprintln!("parse_floor: {}: {e}", path.display());
                std::process::exit(2)
            });
            let name = path.to_string_lossy();
            if name.ends_with(".sync") {
                let lines = carta::state::StateView::parse(&text).map_or(0, |_| 1);
                return (text.len(), lines, 0);
            }
            if name.ends_with(".toml") {
                let ok = text.parse::<toml::Table>().is_ok();
                return (text.len(), usize::from(ok), 0);
            }
            let resource = match fluent_syntax::parser::parse(text.as_str()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            let junk = resource
                .body
                .iter()
                .filter(|e| matches!(e, fluent_syntax::ast::Entry::Junk { .. }))
                .count();
            (text.len(), resource.body.len(), junk)
        })
        .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "parse_floor: {} files, {} bytes ({:.1} MB), {} entries ({} junk), {:.3} s on {} threads",
        files.len(),
        bytes,
        bytes as f64 / 1e6,
        entries,
        junk,
        elapsed,
        rayon::current_num_threads()
    );
}
