//! The Markdown floor for the pathological-input benchmarks (`bench/pathological.sh`):
//! read each `.md` given and let pulldown-cmark parse it (the options `extract` uses),
//! counting events. Nothing else. `extract` and `build` read every handout this way, so
//! neither can be faster than this; the issue-14 target is 10× this floor.
//!
//! ```text
//! cargo run --release --example markdown_floor -- FILE.md [FILE.md...]
//! ```
//!
//! Prints one line: files, bytes, events, elapsed seconds.

use std::time::Instant;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: markdown_floor FILE.md [FILE.md...]");
        std::process::exit(2);
    }
    let started = Instant::now();
    let (mut bytes, mut events) = (0usize, 0usize);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| {
            eprintln!("markdown_floor: {f}: {e}");
            std::process::exit(2)
        });
        bytes += text.len();
        events += pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::empty()).count();
    }
    println!(
        "{} files, {bytes} bytes, {events} events, {:.3} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
}
