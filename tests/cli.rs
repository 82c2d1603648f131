//! CLI behaviour as data: every folder `tests/cmd/<case>/` holds
//!
//! - `cmd`: carta command lines (without `carta`), one per line, run in order;
//! - `in/`: the project tree they run on (copied to a temporary folder);
//! - `out/`: the whole tree expected afterwards (omitted: the tree must be unchanged);
//! - `stdout`: what each command printed (stdout, then stderr) and its exit code;
//! - `case.toml` (optional, check fixtures): `check`, `fires` and `silent` — the check's
//!   diagnostics must appear for every `fires` locale and never for a `silent` one.
//!
//! `CARTA_BLESS=1 cargo test --test cli` rewrites `out/` and `stdout` from the actual
//! results; review the diff before committing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !root.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel.ends_with(".keep") {
                continue;
            }
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    // Symbolic links are copied as links (for the symlink and unreadable-file cases).
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        if entry.path_is_symlink() {
            let rel = entry.path().strip_prefix(from).unwrap();
            let dest = to.join(rel);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).unwrap(), dest).unwrap();
        }
    }
    for (rel, bytes) in tree(from) {
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, bytes).unwrap();
    }
    // Empty folders are kept in git with a `.keep` file.
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        if entry.file_type().is_dir() {
            let rel = entry.path().strip_prefix(from).unwrap();
            std::fs::create_dir_all(to.join(rel)).unwrap();
        }
    }
}

fn write_tree(root: &Path, files: &BTreeMap<String, Vec<u8>>) {
    let _ = std::fs::remove_dir_all(root);
    for (rel, bytes) in files {
        let dest = root.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, bytes).unwrap();
    }
}

/// Runs one case; returns a description of every mismatch.
fn run_case(case: &Path, bless: bool) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    copy_tree(&case.join("in"), &project);
    let before = tree(&project);
    let mut transcript = String::new();
    let mut failures = Vec::new();
    let mut outputs: Vec<(String, String)> = Vec::new();
    for line in std::fs::read_to_string(case.join("cmd"))
        .expect("cmd file")
        .lines()
    {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let args: Vec<&str> = line.split_whitespace().collect();
        let output = Command::new(env!("CARGO_BIN_EXE_carta"))
            .arg("-C")
            .arg(&project)
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .expect("run carta");
        let stdout = String::from_utf8_lossy(&output.stdout).to_string();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        let shown = |s: &str| s.replace(&project.display().to_string(), "<project>");
        transcript.push_str(&format!(
            "$ carta {line}\n{}{}exit: {}\n",
            shown(&stdout),
            shown(&stderr),
            output.status.code().unwrap_or(-1)
        ));
        if stderr.contains("panicked") {
            failures.push(format!("`carta {line}` panicked: {stderr}"));
        }
        outputs.push((line.to_string(), stdout));
    }
    let after = tree(&project);
    let expected_out = if case.join("out").exists() {
        tree(&case.join("out"))
    } else {
        before.clone()
    };
    if bless {
        if after == before {
            let _ = std::fs::remove_dir_all(case.join("out"));
        } else {
            write_tree(&case.join("out"), &after);
        }
        std::fs::write(case.join("stdout"), &transcript).unwrap();
    } else {
        let expected = std::fs::read_to_string(case.join("stdout")).unwrap_or_default();
        if expected != transcript {
            failures.push(format!(
                "output differs:\n--- expected\n{expected}\n--- actual\n{transcript}"
            ));
        }
        for (rel, bytes) in &expected_out {
            match after.get(rel) {
                None => failures.push(format!("missing file {rel}")),
                Some(b) if b != bytes => failures.push(format!(
                    "file {rel} differs:\n--- expected\n{}\n--- actual\n{}",
                    String::from_utf8_lossy(bytes),
                    String::from_utf8_lossy(b)
                )),
                _ => {}
            }
        }
        for rel in after.keys() {
            if !expected_out.contains_key(rel) {
                failures.push(format!("unexpected file {rel}"));
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string(case.join("case.toml")) {
        failures.extend(check_case(&text, &outputs));
    }
    failures
}

/// For check fixtures: the named check fires for `fires` locales and not for `silent`.
fn check_case(case_toml: &str, outputs: &[(String, String)]) -> Vec<String> {
    let case: toml::Table = toml::from_str(case_toml).expect("case.toml");
    let check = case["check"].as_str().expect("check").to_string();
    let list = |k: &str| -> Vec<String> {
        case.get(k)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let Some((_, json)) = outputs.iter().find(|(l, _)| l.contains("--format json")) else {
        return vec!["case.toml needs a `check --format json` command".into()];
    };
    let report: serde_json::Value = serde_json::from_str(json).expect("json output");
    let fired = |locale: &str| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["check"] == check.as_str() && d["locale"] == locale)
    };
    let mut failures = Vec::new();
    for l in list("fires") {
        if !fired(&l) {
            failures.push(format!("`{check}` did not fire for {l}"));
        }
    }
    for l in list("silent") {
        if fired(&l) {
            failures.push(format!("`{check}` fired for {l}, which is the good case"));
        }
    }
    failures
}

#[test]
fn cmd_fixtures() {
    let bless = std::env::var_os("CARTA_BLESS").is_some();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("cmd").exists())
        .collect();
    cases.sort();
    // `CARTA_CASE=prefix` runs (or blesses) only the matching cases.
    if let Some(prefix) = std::env::var_os("CARTA_CASE") {
        let prefix = prefix.to_string_lossy().to_string();
        cases.retain(|c| {
            c.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&prefix)
        });
    }
    assert!(!cases.is_empty());
    let mut failed = Vec::new();
    for case in &cases {
        let failures = run_case(case, bless);
        if !failures.is_empty() {
            failed.push(format!(
                "== {}\n{}",
                case.file_name().unwrap().to_string_lossy(),
                failures.join("\n")
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n\n")
    );
    eprintln!("{} cli cases passed", cases.len());
}
