//! Atomic writes under SIGKILL: `sync` and `build` are killed at random points, 200
//! times each; afterwards every file is exactly its old or its new version — never
//! truncated, never half written. (Temporary `.carta-*.tmp` files a kill leaves behind
//! are ignored by every command and are not the files being checked.)

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with(".carta-")
        })
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A deterministic pseudo-random sequence (xorshift), so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn kill_loop(args: &[&str], prepare: impl Fn(&Path)) {
    // The state before and after an uninterrupted run.
    let base = shipped_project();
    prepare(base.path());
    let old = files(base.path());
    let done = tempfile::tempdir().unwrap();
    copy_dir(base.path(), done.path());
    let start = Instant::now();
    carta_ok(done.path(), args, 0);
    let full = start.elapsed();
    let new = files(done.path());
    assert_ne!(old, new, "the command must have work to do");

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut interrupted = 0;
    for run in 0..200 {
        let work = tempfile::tempdir().unwrap();
        copy_dir(base.path(), work.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_carta"))
            .arg("-C")
            .arg(work.path())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = Duration::from_micros(rng.next() % (full.as_micros() as u64 * 12 / 10 + 1));
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        for (path, bytes) in files(work.path()) {
            let ok = old.get(&path) == Some(&bytes) || new.get(&path) == Some(&bytes);
            assert!(ok, "run {run} (killed after {delay:?}): {} is neither its old nor its new version ({} bytes)", path.display(), bytes.len());
        }
        for path in old.keys() {
            assert!(
                work.path().join(path).exists() || !new.contains_key(path),
                "run {run}: {} disappeared",
                path.display()
            );
        }
    }
    assert!(
        interrupted > 50,
        "only {interrupted} of 200 runs were killed mid-way"
    );
}

#[test]
fn sync_killed_at_random_points_leaves_old_or_new_files() {
    kill_loop(&["sync"], |root| {
        let md = root.join("content/dry-needling.md");
        write(
            &md,
            &read(&md)
                .replace("Pain Relief", "Relief from Pain")
                .replace("tendons", "tendons and ligaments"),
        );
        carta_ok(root, &["extract"], 0);
    });
}

#[test]
fn build_killed_at_random_points_leaves_old_or_new_files() {
    kill_loop(&["build", "--pseudo"], |root| {
        carta_ok(root, &["build", "--pseudo"], 0);
        for tag in ["es", "fr", "vi"] {
            let f = root.join(format!("locales/{tag}/dry-needling.ftl"));
            let text = read(&f);
            let first = text.find("dry-needling-title = ").unwrap() + "dry-needling-title = ".len();
            write(&f, &format!("{}★ {}", &text[..first], &text[first..]));
        }
    });
}
