//! Helpers shared by the integration tests: a copy of the shipped project in a temporary
//! folder, and running the carta binary on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of the shipped project (content, locales, carta.toml).
pub fn shipped_project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["content", "locales"] {
        copy_dir(&repo().join(dir), &tmp.path().join(dir));
    }
    std::fs::copy(repo().join("carta.toml"), tmp.path().join("carta.toml")).unwrap();
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

pub fn carta(root: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_carta"))
        .arg("-C")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run carta");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "carta {args:?} panicked: {stderr}"
    );
    out
}

/// Runs carta and asserts the exit code; returns stdout.
pub fn carta_ok(root: &Path, args: &[&str], code: i32) -> String {
    let out = carta(root, args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "carta {args:?}: stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// Writes `text` to `path`, making its folder first.
pub fn write(path: impl AsRef<Path>, text: &str) {
    if let Some(dir) = path.as_ref().parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path.as_ref(), text).unwrap();
}

/// A Fluent-only project (no handouts) with `en-US` as its source: `carta.toml` only.
pub fn ftl_project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path().join("carta.toml"), "source-locale = \"en-US\"\n");
    tmp
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

/// Every file under `root` (absolute path → bytes), for "nothing changed" assertions.
pub fn snapshot(root: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            (
                e.path().to_path_buf(),
                std::fs::read(e.path()).unwrap_or_else(|_| b"<unreadable>".to_vec()),
            )
        })
        .collect()
}

/// Runs carta like [`carta`], but kills it and fails the test when it has not finished
/// within `seconds` (for inputs that used to hang it).
pub fn carta_within(root: &Path, args: &[&str], seconds: u64) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (dir.path().join("stdout"), dir.path().join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_carta"))
        .arg("-C")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("run carta");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("carta {args:?} hung (killed after {seconds} s)");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let out = Output {
        status,
        stdout: std::fs::read(&out_path).unwrap(),
        stderr: std::fs::read(&err_path).unwrap(),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "carta {args:?} panicked: {stderr}"
    );
    out
}

/// Marker a successful injection leaves on `<html>` (see [`HOSTILE_MARKDOWN`]).
pub const PWNED: &str = "data-pwned";

/// Translations written by an attacker to break out of their block in the Markdown (and
/// HTML) output: fences, indentation, block markers and link definitions inside a
/// title, code spans split across an item's title and body, unsafe link schemes in
/// every link form, raw HTML blocks and inline HTML, entities.
pub const HOSTILE_MARKDOWN: &[&str] = &[
    "Titel\n```\n<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','fence')\">\n```",
    "Kopf\n    <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','indent')\">",
    "`Code",
    "span` <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','span')\">",
    "[klick](javascript:document.documentElement.setAttribute('data-pwned','js')) [d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [v]( VbScRiPt:msgbox(1)) <javascript:alert(1)>",
    "# Überschrift\n---\n> Zitat\n1. Liste\n- Punkt\n| a | b |\n|---|---|\n<div onmouseover=\"document.documentElement.setAttribute('data-pwned','div')\">x</div>",
    "[ref]\n\n[ref]: javascript:document.documentElement.setAttribute('data-pwned','ref')",
    "&lt;img src=x onerror=alert(1)&gt; <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
    "<!-- c --><script>document.documentElement.setAttribute('data-pwned','script')</script>",
    "![bild](javascript:alert(1)) <svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\"></svg>",
    "Text\n\n<details open ontoggle=\"document.documentElement.setAttribute('data-pwned','details')\">\n\nmehr",
    "Linie\n===\n~~~\ncode\n~~~\n[x]: <javascript:alert(1)>",
    "Heading attributes {#x .c onmouseover=\"document.documentElement.setAttribute('data-pwned','attr')\"}",
];

/// The body of an item whose title is a lone backtick (see [`hostile_markdown_locale`]).
pub const SPLIT_CODE_SPAN_BODY: &str =
    "a `<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','split')\">` b";

/// Writes locale `tag` of the project at `root`, translating every message and attribute
/// of every source file with [`HOSTILE_MARKDOWN`] (in turn).
pub fn hostile_markdown_locale(root: &Path, tag: &str) {
    let source_dir = root.join("locales/en-US");
    let mut n = 0;
    let mut next = || {
        n += 1;
        HOSTILE_MARKDOWN[(n - 1) % HOSTILE_MARKDOWN.len()]
    };
    for entry in std::fs::read_dir(&source_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let text = read(&path);
        let resource = fluent_syntax::parser::parse(text.as_str()).unwrap();
        let mut out = String::new();
        let mut titled = 0;
        for entry in &resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                let mut value = m.value.as_ref().map(|_| next());
                let mut attributes: Vec<(&str, &str)> =
                    m.attributes.iter().map(|a| (a.id.name, next())).collect();
                // Every other titled item: a code span opened in the title and closed in
                // the body, so that what the body's own parse saw as code is not.
                if let [("body", body)] = attributes.as_mut_slice() {
                    titled += 1;
                    if titled % 2 == 1 {
                        value = Some("`");
                        *body = SPLIT_CODE_SPAN_BODY;
                    }
                }
                out.push_str(&carta::ftl::message(m.id.name, value, &attributes, "\n"));
                out.push('\n');
            }
        }
        let dir = root.join("locales").join(tag);
        std::fs::create_dir_all(&dir).unwrap();
        write(dir.join(path.file_name().unwrap()), &out);
    }
}

/// The shipped handout and the richer one of the extract fixtures (quotes, nested and
/// numbered lists, inline Markdown, a code block and a rule), translated by an attacker.
pub fn hostile_markdown_projects() -> Vec<tempfile::TempDir> {
    let shipped = shipped_project();
    hostile_markdown_locale(shipped.path(), "de");
    let richer = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/cmd/extract-new-user-handout/out"),
        richer.path(),
    );
    hostile_markdown_locale(richer.path(), "de");
    for p in [&shipped, &richer] {
        carta_ok(p.path(), &["build"], 0);
    }
    vec![shipped, richer]
}

/// A translator's "done" with an outdated translation: the marker lines sync wrote
/// (`# carta-outdated …` and its `#   value|.attr was/now/diff:` lines) deleted.
pub fn delete_markers(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|l| {
            let c = l.strip_prefix("#   ").unwrap_or("");
            let marker_line = ["value ", "."].iter().any(|p| c.starts_with(p))
                && [" was: ", " now: ", " diff: "]
                    .iter()
                    .any(|k| c.contains(k));
            !l.starts_with("# carta-outdated") && !marker_line
        })
        .collect()
}

/// Makes the `readability` warnings of the shipped project notes: its handout reads above
/// `max-grade = 8` (a real finding, see tests/readability.rs), which a test of something
/// else that gates on `--deny warnings` must not trip over.
pub fn readability_as_note(root: &Path) {
    let toml = root.join("carta.toml");
    let text = read(&toml);
    write(
        &toml,
        &format!("{text}\n[check.severity]\nreadability = \"note\"\n"),
    );
}

/// Debian's Chromium, which `scripts/test.sh` installs (the HTML, print and publishing
/// tests open carta's pages in it).
pub fn chromium() -> PathBuf {
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(candidate).exists() {
            return PathBuf::from(candidate);
        }
    }
    panic!("Chromium is required for the browser tests: run `bash scripts/test.sh`, which installs Debian's chromium");
}

/// Headless Chromium with its own profile folder and nothing reaching the network on its
/// own. Callers add `--virtual-time-budget=…` where the page must have run its scripts
/// (had any survived) before the DOM, screenshot or PDF is taken.
pub fn headless(profile: &Path) -> Command {
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// The DOM of a page after it ran (scripts included, had any survived), in a fresh
/// profile.
pub fn dump_dom(page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = headless(profile.path())
        .arg("--virtual-time-budget=2000")
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        dom.contains("<html"),
        "chromium printed no DOM for {}: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    dom
}

/// The entry of locale `tag` in `dist/manifest.json` (read from the project's `dist`).
pub fn manifest_locale(root: &Path, tag: &str) -> serde_json::Value {
    let manifest = json(&read(root.join("dist/manifest.json")));
    manifest["locales"]
        .as_array()
        .expect("locales")
        .iter()
        .find(|l| l["tag"] == tag)
        .unwrap_or_else(|| panic!("{tag} is not in the manifest"))
        .clone()
}

/// The IDs of the messages locale `tag` took from a later locale of its chain.
pub fn fell_back_ids(root: &Path, tag: &str) -> Vec<String> {
    manifest_locale(root, tag)["fell_back"]
        .as_array()
        .expect("fell_back")
        .iter()
        .map(|f| f["id"].as_str().expect("id").to_string())
        .collect()
}
