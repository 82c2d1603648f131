//! Handout file names that are not UTF-8: one works like any other, and two that look the
//! same once converted are refused with both names, instead of taking turns at the same
//! source file (which left `build` asking for an `extract` that never satisfied it).

#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use common::*;

fn handout(root: &Path, name: &[u8], title: &str) {
    let path = root.join("content").join(OsStr::from_bytes(name));
    std::fs::write(path, format!("# {title}\n\nSome text about {title}.\n")).unwrap();
}

fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("content")).unwrap();
    tmp
}

#[test]
fn one_name_that_is_not_utf8_is_extracted_and_built() {
    let tmp = project();
    let root = tmp.path();
    handout(root, b"gu\xeda.md", "Guide");
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["extract", "--check"], 0);
    carta_ok(root, &["build"], 0);
    assert!(root.join("dist/en-US/gu\u{FFFD}a.html").is_file());
}

// Regression: both became `locales/en-US/�.ftl`, so every extract rewrote it for one of
// them and build kept saying "run `carta extract` first".
#[test]
fn two_names_that_convert_to_the_same_text_are_refused_naming_both() {
    let tmp = project();
    let root = tmp.path();
    handout(root, b"\xfe.md", "First");
    carta_ok(root, &["extract"], 0);
    handout(root, b"\xff.md", "Second");
    for args in [&["extract"][..], &["extract", "--check"], &["build"]] {
        let before = snapshot(root);
        let out = carta(root, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(
                r"`content/\xFE.md` and `content/\xFF.md` have the same name once converted to UTF-8"
            ),
            "{args:?}: {stderr}"
        );
        assert_eq!(snapshot(root), before, "{args:?} wrote nothing");
    }
    // A valid name that is already what the other converts to clashes the same way.
    let tmp = project();
    let root = tmp.path();
    handout(root, b"\xff.md", "First");
    handout(root, "\u{FFFD}.md".as_bytes(), "Second");
    let out = carta(root, &["extract"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(r"`content/\xFF.md` and `content/�.md`")
            || stderr.contains(r"`content/�.md` and `content/\xFF.md`"),
        "{stderr}"
    );
}
