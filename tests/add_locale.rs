//! `carta add-locale` and the hand-written `carta.toml`: the new tag is added to `locales`
//! and every other byte of the file stays (comments, order, CRLF, a BOM, other keys), and
//! a failure anywhere registers nothing and creates nothing.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

/// The configuration block of README.md.
const README: &str = r#"source-locale = "en-US"   # folder under locales/ with the source messages
content-dir = "content"
locales-dir = "locales"
out-dir = "dist"
locales = ["es", "fr"]    # default: every folder under locales/ that is a locale tag

[fallback]                # default: negotiated among the project's locales, then the source
"es-MX" = ["es"]

[check]
allow-identical = ["OK", "Dr."]   # texts that may stay identical to the source

[check.severity]          # per check, by name or code: error | warning | note | off
identical = "off"
W008 = "error"
"#;

/// Runs `add-locale pt_pt` on the shipped project with this carta.toml; returns the
/// project, the output and the carta.toml afterwards.
fn add_pt_pt(config: &[u8]) -> (tempfile::TempDir, Output, Vec<u8>) {
    let tmp = shipped_project();
    std::fs::write(tmp.path().join("carta.toml"), config).unwrap();
    let out = carta(tmp.path(), &["add-locale", "pt_pt"]);
    let after = std::fs::read(tmp.path().join("carta.toml")).unwrap();
    (tmp, out, after)
}

/// The `locales` list of a carta.toml, parsed independently of carta.
fn locales(config: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(config).unwrap();
    let table: toml::Table = text.trim_start_matches('\u{feff}').parse().unwrap();
    table["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

// Regression: the README's own layout lost `locales-dir` and `out-dir` (they start with
// `locales` and came first); a CRLF file had its list swallowed into a comment, and one
// with a non-ASCII comment panicked; a `]` in a comment inside the list left invalid TOML.
#[test]
fn the_tag_is_added_and_every_other_byte_stays() {
    let crlf = README.replace('\n', "\r\n");
    let cases: Vec<(String, String)> = vec![
        (
            README.into(),
            README.replace(r#"["es", "fr"]"#, r#"["es", "fr", "pt-PT"]"#),
        ),
        (
            crlf.clone(),
            crlf.replace(r#"["es", "fr"]"#, r#"["es", "fr", "pt-PT"]"#),
        ),
        (
            format!("\u{feff}{crlf}"),
            format!("\u{feff}{crlf}").replace(r#"["es", "fr"]"#, r#"["es", "fr", "pt-PT"]"#),
        ),
        (
            "# Configuración de la clínica — idiomas\r\nlocales = [\"es\"]  # español\r\n".into(),
            "# Configuración de la clínica — idiomas\r\nlocales = [\"es\", \"pt-PT\"]  # español\r\n"
                .into(),
        ),
        (
            "locales = [\n    \"es\",  # Spanish ] (neutral)\n    \"fr\",\n]\nout-dir = \"dist\"\n".into(),
            "locales = [\n    \"es\",  # Spanish ] (neutral)\n    \"fr\",\n    \"pt-PT\",\n]\nout-dir = \"dist\"\n"
                .into(),
        ),
        (
            "locales = [\"es\"]\nfallback = { \"es-MX\" = [\"es\"] }\ncheck = { allow-identical = [\"OK\"], severity = { identical = \"off\" } }\n".into(),
            "locales = [\"es\", \"pt-PT\"]\nfallback = { \"es-MX\" = [\"es\"] }\ncheck = { allow-identical = [\"OK\"], severity = { identical = \"off\" } }\n".into(),
        ),
        (
            "locales = [\r\n\t\"es\",\r\n\t\"fr\"  # français [fr]\r\n]  # ] more to come\r\n# locales = [\"de\"]\r\n".into(),
            "locales = [\r\n\t\"es\",\r\n\t\"fr\",  # français [fr]\r\n\t\"pt-PT\"\r\n]  # ] more to come\r\n# locales = [\"de\"]\r\n".into(),
        ),
        (
            "\u{feff}\"locales\" = ['es'] # quoted key\ncheck.severity.identical = \"off\"\n".into(),
            "\u{feff}\"locales\" = ['es', 'pt-PT'] # quoted key\ncheck.severity.identical = \"off\"\n".into(),
        ),
    ];
    for (before, expected) in cases {
        let (tmp, out, after) = add_pt_pt(before.as_bytes());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{before:?}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&after), expected, "{before:?}");
        let mut listed = locales(before.as_bytes());
        listed.push("pt-PT".into());
        assert_eq!(locales(&after), listed);
        assert!(tmp.path().join("locales/pt-PT/dry-needling.ftl").is_file());
        // carta reads its own edit back.
        carta_ok(tmp.path(), &["sync", "--check"], 0);
    }
}

#[test]
fn an_unlisted_locale_setting_leaves_carta_toml_alone() {
    for config in [
        "source-locale = \"en-US\"\n",
        "locales = []  # every folder\n",
        "locales = [\"es\", \"pt_pt\"]\n",
    ] {
        let (tmp, out, after) = add_pt_pt(config.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{config:?}");
        assert_eq!(after, config.as_bytes());
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains("carta.toml"), "{config:?}: {stdout}");
        assert!(tmp.path().join("locales/pt-PT/dry-needling.ftl").is_file());
    }
}

/// Runs `add-locale pt-PT` and expects exit 2 with `needle` and no file changed.
fn refused(
    root: &Path,
    out: Output,
    before: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>,
    needle: &str,
) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(needle), "expected {needle:?} in {stderr}");
    assert_eq!(&snapshot(root), before, "nothing is created or changed");
    assert!(
        !root.join("locales/pt-PT").exists(),
        "no folder is left behind"
    );
}

#[test]
fn a_read_only_carta_toml_is_refused_before_anything_is_created() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = shipped_project();
    let root = tmp.path();
    write(root.join("carta.toml"), README);
    std::fs::set_permissions(
        root.join("carta.toml"),
        std::fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let before = snapshot(root);
    let out = carta(root, &["add-locale", "pt-PT"]);
    refused(root, out, &before, "`carta.toml`: is read-only");
}

#[test]
fn a_linked_carta_toml_is_edited_through_the_link_or_refused_outside() {
    let tmp = shipped_project();
    let root = tmp.path();
    std::fs::create_dir(root.join("config")).unwrap();
    write(root.join("config/carta.toml"), README);
    std::fs::remove_file(root.join("carta.toml")).unwrap();
    std::os::unix::fs::symlink("config/carta.toml", root.join("carta.toml")).unwrap();
    carta_ok(root, &["add-locale", "pt-PT"], 0);
    assert!(std::fs::symlink_metadata(root.join("carta.toml"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        read(root.join("config/carta.toml")),
        README.replace(r#"["es", "fr"]"#, r#"["es", "fr", "pt-PT"]"#)
    );

    let outside = tempfile::tempdir().unwrap();
    let tmp = shipped_project();
    let root = tmp.path();
    write(outside.path().join("carta.toml"), README);
    std::fs::remove_file(root.join("carta.toml")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("carta.toml"), root.join("carta.toml")).unwrap();
    let before = snapshot(root);
    let out = carta(root, &["add-locale", "pt-PT"]);
    refused(
        root,
        out,
        &before,
        "`carta.toml`: is a symbolic link to a file outside the project",
    );
    assert_eq!(read(outside.path().join("carta.toml")), README);
}

#[test]
fn a_carta_toml_folder_is_an_error_naming_it() {
    let tmp = shipped_project();
    let root = tmp.path();
    std::fs::remove_file(root.join("carta.toml")).unwrap();
    std::fs::create_dir(root.join("carta.toml")).unwrap();
    let before = snapshot(root);
    let out = carta(root, &["add-locale", "pt-PT"]);
    refused(
        root,
        out,
        &before,
        "failed to read `carta.toml`: is a folder, not a regular file",
    );
}

// Regression: a link to a missing carta.toml was read as no carta.toml at all, so the
// project's settings were silently replaced by the defaults.
#[test]
fn a_dangling_carta_toml_link_is_an_error() {
    let tmp = shipped_project();
    let root = tmp.path();
    std::fs::remove_file(root.join("carta.toml")).unwrap();
    std::os::unix::fs::symlink("gone.toml", root.join("carta.toml")).unwrap();
    for args in [&["add-locale", "pt-PT"][..], &["check"], &["build"]] {
        let before = snapshot(root);
        let out = carta(root, args);
        refused(
            root,
            out,
            &before,
            "`carta.toml`: is a symbolic link to a file that does not exist",
        );
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Runs carta as `nobody` when the suite runs as root (root may write anywhere).
fn carta_unprivileged(root: &Path, args: &[&str]) -> Output {
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        c.arg(env!("CARGO_BIN_EXE_carta"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_carta"))
    };
    cmd.arg("-C")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run carta")
}

/// A shipped project with README's carta.toml that everybody may write, except `locked`
/// (mode 0555).
fn project_locking(locked: Option<&str>) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["content", "locales"] {
        copy_dir(&repo().join(dir), &tmp.path().join(dir));
    }
    write(tmp.path().join("carta.toml"), README);
    for e in walkdir::WalkDir::new(tmp.path()).into_iter().flatten() {
        let mode = if e.file_type().is_dir() { 0o777 } else { 0o666 };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    if let Some(locked) = locked {
        std::fs::set_permissions(
            tmp.path().join(locked),
            std::fs::Permissions::from_mode(0o555),
        )
        .unwrap();
    }
    tmp
}

#[test]
fn files_that_cannot_be_created_leave_carta_toml_unchanged() {
    let tmp = project_locking(Some("locales"));
    let root = tmp.path();
    let before = snapshot(root);
    let out = carta_unprivileged(root, &["add-locale", "pt-PT"]);
    refused(root, out, &before, "failed to write `locales/pt-PT/");
}

#[test]
fn a_carta_toml_that_cannot_be_written_leaves_no_locale_files() {
    let tmp = project_locking(Some("."));
    let root = tmp.path();
    let before = snapshot(root);
    let out = carta_unprivileged(root, &["add-locale", "pt-PT"]);
    refused(root, out, &before, "failed to write `carta.toml`");
}

/// The last step failing: carta.toml is already replaced when a staged file cannot take
/// its place (here a stale state file owned by root in a sticky folder, which `nobody`
/// may not replace). carta.toml gets its old bytes back and no new file remains.
#[test]
fn a_file_that_cannot_replace_its_target_undoes_the_carta_toml_edit() {
    use std::os::unix::fs::PermissionsExt;
    if !is_root() {
        // Only root can own the file that `nobody` may not replace.
        eprintln!("skipped: needs root");
        return;
    }
    let tmp = project_locking(None);
    let root = tmp.path();
    let dir = root.join("locales/pt-PT");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
    write(dir.join("dry-needling.ftl.sync"), "# an old state file\n");
    let before = snapshot(root);
    let out = carta_unprivileged(root, &["add-locale", "pt-PT"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("failed to write `locales/pt-PT/dry-needling.ftl.sync`"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(root),
        before,
        "carta.toml restored, nothing created"
    );
}

/// Regression (found by an outside attack): every regional tag was refused as unknown to
/// CLDR ("no data for its language `en`"), because plural rules were looked up by the
/// whole tag.
#[test]
fn regional_tags_are_added_without_force() {
    for tag in ["en-GB", "es-419", "fr-CA", "zh-TW", "sr-Latn"] {
        let tmp = shipped_project();
        let out = carta(tmp.path(), &["add-locale", tag]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{tag}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(tmp.path().join(format!("locales/{tag}")).is_dir(), "{tag}");
    }
    let tmp = shipped_project();
    let out = carta(tmp.path(), &["add-locale", "klingon"]);
    assert_eq!(out.status.code(), Some(2));
}
