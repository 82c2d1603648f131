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

/// Every temporary file carta left under `root`.
fn leftovers(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".carta-"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// One fault injected into a run of `sync`, `build` or `extract`.
#[derive(Debug, Clone, Copy)]
enum Fault {
    /// SIGKILL after a random delay.
    Kill,
    /// A folder where one of the files to write is: its rename fails.
    FolderInTheWay,
    /// A read-only target (root ignores it; others get a failed rename).
    ReadOnly,
    /// A translator's editor saving a locale file again and again meanwhile.
    Editor,
}

// Guards issue 13's fault loop: whatever goes wrong, every file is its old or its new
// version, an editor's last save is never lost, and the next clean run leaves no
// temporary file and reaches the same result as an undisturbed run.
#[test]
fn random_faults_leave_old_or_new_files_and_no_leftovers() {
    use std::os::unix::fs::PermissionsExt;
    let base = shipped_project();
    carta_ok(base.path(), &["build"], 0);
    let md = base.path().join("content/dry-needling.md");
    write(
        &md,
        &read(&md)
            .replace("Pain Relief", "Relief from Pain")
            .replace("tendons", "tendons and ligaments"),
    );
    let old = files(base.path());
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let commands: [&[&str]; 3] = [&["extract"], &["sync"], &["build"]];
    // The undisturbed result of extract, then sync, then build.
    let done = tempfile::tempdir().unwrap();
    copy_dir(base.path(), done.path());
    for args in commands {
        carta_ok(done.path(), args, 0);
    }
    let new = files(done.path());
    for run in 0..60 {
        let fault = [
            Fault::Kill,
            Fault::FolderInTheWay,
            Fault::ReadOnly,
            Fault::Editor,
        ][(rng.next() % 4) as usize];
        let work = tempfile::tempdir().unwrap();
        copy_dir(base.path(), work.path());
        let root = work.path();
        // Bring the tree to just before one of the three commands.
        let step = (rng.next() % 3) as usize;
        for args in &commands[..step] {
            carta_ok(root, args, 0);
        }
        let args = commands[step];
        let before = files(root);
        let target = match step {
            0 => root.join("locales/en-US/dry-needling.ftl"),
            1 => root.join("locales/fr/dry-needling.ftl"),
            _ => root.join("dist/fr/dry-needling.html"),
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_carta"));
        child.arg("-C").arg(root).args(args);
        let mut editor_last = None;
        match fault {
            Fault::Kill => {
                let mut c = child
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                std::thread::sleep(Duration::from_micros(rng.next() % 40_000));
                let _ = c.kill();
                let _ = c.wait();
            }
            Fault::FolderInTheWay => {
                std::fs::remove_file(&target).unwrap();
                std::fs::create_dir(&target).unwrap();
                write(target.join("keep.txt"), "someone's");
                let out = child.output().unwrap();
                assert_eq!(out.status.code(), Some(2), "run {run} {args:?} {fault:?}");
                assert_eq!(read(target.join("keep.txt")), "someone's");
                std::fs::remove_dir_all(&target).unwrap();
                std::fs::write(&target, &before[target.strip_prefix(root).unwrap()]).unwrap();
                if step == 1 {
                    // sync goes on with the other locales; the one it could not read
                    // (its file was a folder) is left exactly as it was.
                    for (path, bytes) in files(root) {
                        if path.starts_with("locales/fr") {
                            assert_eq!(
                                Some(&bytes),
                                before.get(&path),
                                "run {run}: {}",
                                path.display()
                            );
                        }
                    }
                } else {
                    assert_eq!(
                        files(root),
                        before,
                        "run {run}: a failed {args:?} changed nothing"
                    );
                }
            }
            Fault::ReadOnly => {
                std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
                let out = child.output().unwrap();
                let code = out.status.code();
                assert!(code == Some(0) || code == Some(2), "run {run}: {code:?}");
                if code == Some(2) {
                    assert_eq!(files(root), before);
                }
                let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o444, "run {run}: the mode is kept");
                std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
            }
            Fault::Editor => {
                // The translator saves once, at a random moment while carta runs.
                let editing = root.join("locales/es/dry-needling.ftl");
                let saved = format!("{}\n# guardado en la ejecución {run}\n", read(&editing));
                let delay = Duration::from_micros(rng.next() % 15_000);
                let c = child
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                std::thread::sleep(delay);
                // As editors do: write a new file, then rename it into place.
                let tmp = editing.with_extension("swp");
                std::fs::write(&tmp, &saved).unwrap();
                std::fs::rename(&tmp, &editing).unwrap();
                let out = c.wait_with_output().unwrap();
                let code = out.status.code();
                assert!(code == Some(0) || code == Some(2), "run {run}: {code:?}");
                if code == Some(2) {
                    let err = String::from_utf8_lossy(&out.stderr);
                    assert!(err.contains("changed by someone else"), "run {run}: {err}");
                }
                assert!(
                    read(&editing).contains(&format!("# guardado en la ejecución {run}\n")),
                    "run {run} {args:?} (save after {delay:?}): the editor's save was overwritten"
                );
                editor_last = Some(saved);
            }
        }
        for (path, bytes) in files(root) {
            if editor_last.is_some() && path.ends_with("es/dry-needling.ftl") {
                continue;
            }
            let ok = before.get(&path) == Some(&bytes)
                || new.get(&path) == Some(&bytes)
                || old.get(&path) == Some(&bytes);
            assert!(
                ok,
                "run {run} {args:?} {fault:?}: {} is torn",
                path.display()
            );
        }
        // The next undisturbed runs clean up and reach the same result.
        if editor_last.is_some() {
            // Undo the translator's save (and what a sync that saw it recorded).
            for rel in [
                "locales/es/dry-needling.ftl",
                "locales/es/dry-needling.ftl.sync",
            ] {
                std::fs::write(root.join(rel), &before[Path::new(rel)]).unwrap();
            }
        }
        for args in &commands[step..] {
            carta_ok(root, args, 0);
        }
        assert_eq!(
            leftovers(root),
            Vec::<PathBuf>::new(),
            "run {run} {fault:?}"
        );
        let after = files(root);
        let differ: Vec<&PathBuf> = after
            .keys()
            .chain(new.keys())
            .filter(|p| after.get(*p) != new.get(*p))
            .collect();
        assert!(
            differ.is_empty(),
            "run {run} {args:?} {fault:?}: {differ:?} differ from an undisturbed run"
        );
    }
}
