//! The write floor for `bench/run.sh`: what replacing a list of files as one step costs
//! on this machine, with the same primitive `carta sync` uses ([`carta::fs::Staging`]:
//! each new content written to a temporary file beside its target, in parallel, one
//! `syncfs`, then one rename per file) and nothing else: no parsing, no syncing logic.
//! Each file is rewritten with its own bytes.
//!
//! ```text
//! cargo run --release --example write_floor -- ROOT LIST
//! ```
//!
//! LIST holds one path per line, relative to ROOT (what `carta sync --check` prints after
//! `would change:`). Prints one line: files, bytes, elapsed seconds.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, list] = args.as_slice() else {
        eprintln!("usage: write_floor ROOT LIST");
        std::process::exit(2);
    };
    let root = PathBuf::from(root);
    let list = std::fs::read_to_string(list).unwrap_or_else(|e| {
        eprintln!("write_floor: {list}: {e}");
        std::process::exit(2)
    });
    let files: Vec<PathBuf> = list
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| root.join(l.trim()))
        .collect();
    let started = Instant::now();
    let staging = carta::fs::Staging::default();
    let bytes: usize = files
        .par_iter()
        .map(|path| {
            let contents = std::fs::read(path).unwrap_or_else(|e| {
                eprintln!("write_floor: {}: {e}", path.display());
                std::process::exit(2)
            });
            // As sync does: the replacement must find the file as it was read.
            let expect = carta::fs::expect_current(path).unwrap_or(carta::fs::Expect::Any);
            staging
                .stage_changed(path, &contents, expect)
                .unwrap_or_else(|e| {
                    eprintln!("write_floor: {e}");
                    std::process::exit(2)
                });
            contents.len()
        })
        .sum();
    let written = staging.commit().unwrap_or_else(|e| {
        eprintln!("write_floor: {e}");
        std::process::exit(2)
    });
    println!(
        "write_floor: {written} files, {bytes} bytes ({:.1} MB), {:.3} s on {} threads",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );
}
