//! The parse floor for `bench/run.sh`: read every `.ftl` under a folder and parse it with
//! `fluent_syntax::parser::parse`, in parallel on all cores (rayon). Nothing else: no
//! checks, no output files. Any carta command that must look at every file of every
//! locale cannot be faster than this.
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
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "ftl") {
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
