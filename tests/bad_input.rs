//! The bad-input matrix: each case feeds carta something broken and asserts a clear
//! one-line error naming the file (and line where it applies), the exit code, and that
//! no file was created or modified. Accepted oddities (BOM, CRLF, mixed endings, huge
//! messages) must round-trip.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

/// Runs carta, expects `code`, a single stderr line containing every `needle`, and an
/// unchanged tree.
fn fails_cleanly(root: &Path, args: &[&str], code: i32, needles: &[&str]) -> String {
    let before = snapshot(root);
    let out = carta(root, args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    // One line naming the problem (plus, for sync and build, which go on with the other
    // locales, the line that counts the locales left out).
    let lines: Vec<&str> = stderr
        .trim_end()
        .lines()
        .filter(|l| !l.contains("locale(s) could not be") && !l.starts_with("carta: error: es-MX:"))
        .collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    for n in needles {
        assert!(stderr.contains(n), "{args:?}: expected {n:?} in {stderr}");
    }
    if args.first() == Some(&"build") {
        // build goes on with the other locales (issue 16.10): their output is written, the
        // broken locale's is not, and no input changes.
        let inputs = |snap: std::collections::BTreeMap<PathBuf, Vec<u8>>| {
            snap.into_iter()
                .filter(|(p, _)| !p.starts_with(root.join("dist")))
                .collect::<std::collections::BTreeMap<_, _>>()
        };
        assert_eq!(
            inputs(snapshot(root)),
            inputs(before),
            "{args:?} changed inputs"
        );
        assert!(
            !root.join("dist/es").exists(),
            "{args:?} built the broken locale"
        );
        let _ = std::fs::remove_dir_all(root.join("dist"));
    } else {
        assert_eq!(snapshot(root), before, "{args:?} changed files");
    }
    stderr
}

/// `check` reports an unreadable file as an error diagnostic and checks the rest: exit
/// 1, every locale in the summary, nothing written.
fn check_reports_unreadable(root: &Path, needle: &str) {
    let before = snapshot(root);
    let report = json(&carta_ok(root, &["check", "--format", "json"], 1));
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["check"] == "unreadable")
        .expect("an unreadable diagnostic");
    assert_eq!(d["file"], "locales/es/dry-needling.ftl");
    assert!(d["message"].as_str().unwrap().contains(needle), "{d}");
    assert_eq!(
        report["summary"].as_array().unwrap().len(),
        8,
        "the other locales are still checked (and the source's row)"
    );
    let es = report["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["locale"] == "es")
        .unwrap();
    assert_eq!(
        es["missing"], 14,
        "nothing of an unreadable file counts as translated"
    );
    assert_eq!(snapshot(root), before);
}

fn es_file(root: &Path) -> PathBuf {
    root.join("locales/es/dry-needling.ftl")
}

#[test]
fn invalid_utf8_is_named_with_its_line_and_column() {
    let tmp = shipped_project();
    let mut bytes = std::fs::read(es_file(tmp.path())).unwrap();
    bytes.splice(10..10, [0xFF, 0xFE, 0x41]);
    std::fs::write(es_file(tmp.path()), &bytes).unwrap();
    for cmd in [&["sync"][..], &["build"]] {
        fails_cleanly(
            tmp.path(),
            cmd,
            2,
            &[
                "locales/es/dry-needling.ftl:1:11: not UTF-8",
                "save the file as UTF-8",
            ],
        );
    }
    check_reports_unreadable(tmp.path(), "save the file as UTF-8");
}

#[test]
fn utf16_is_refused() {
    let tmp = shipped_project();
    let text = read(es_file(tmp.path()));
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(es_file(tmp.path()), bytes).unwrap();
    fails_cleanly(
        tmp.path(),
        &["sync"],
        2,
        &["locales/es/dry-needling.ftl", "UTF-16"],
    );
}

#[test]
fn bom_crlf_and_mixed_line_endings_are_accepted_and_kept() {
    let tmp = shipped_project();
    let root = tmp.path();
    let text = read(es_file(root));
    // BOM, CRLF for the first half, LF for the rest.
    let half = text.len() / 2;
    let cut = text[..half].rfind('\n').unwrap() + 1;
    let mixed = format!(
        "\u{feff}{}{}",
        text[..cut].replace('\n', "\r\n"),
        &text[cut..]
    );
    write(es_file(root), &mixed);
    let before = std::fs::read(es_file(root)).unwrap();
    carta_ok(root, &["sync"], 0);
    assert_eq!(
        std::fs::read(es_file(root)).unwrap(),
        before,
        "byte-identical"
    );
    readability_as_note(root);
    carta_ok(root, &["check", "--deny", "warnings"], 0);
    // A change still keeps every original line and the BOM.
    let md = root.join("content/dry-needling.md");
    write(&md, &read(&md).replace("Pain Relief", "Relief of Pain"));
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["sync"], 0);
    let after = std::fs::read(es_file(root)).unwrap();
    assert!(after.starts_with(&[0xEF, 0xBB, 0xBF]));
    let after = String::from_utf8(after).unwrap();
    for line in mixed.trim_start_matches('\u{feff}').split_inclusive('\n') {
        assert!(after.contains(line), "lost {line:?}");
    }
}

#[test]
fn empty_locale_file_gets_templates() {
    let tmp = shipped_project();
    write(es_file(tmp.path()), "");
    let out = carta_ok(tmp.path(), &["sync", "--locale", "es"], 0);
    assert!(out.contains("added 14"), "{out}");
    assert_eq!(read(es_file(tmp.path())).matches("# TODO ").count(), 14);
}

#[test]
fn a_50_mb_single_line_message_is_handled() {
    let tmp = shipped_project();
    let root = tmp.path();
    let huge = "palabra ".repeat(50 * 1024 * 1024 / 8);
    let text = read(es_file(root)).replace(
        "dry-needling-title = Punción seca y sus beneficios",
        &format!("dry-needling-title = {}", huge.trim_end()),
    );
    write(es_file(root), &text);
    let before = std::fs::read(es_file(root)).unwrap();
    carta_ok(root, &["sync", "--locale", "es"], 0);
    assert_eq!(std::fs::read(es_file(root)).unwrap(), before);
    carta_ok(root, &["check", "--locale", "es", "--format", "json"], 0);
    carta_ok(root, &["build", "--locale", "es"], 0);
    assert!(
        std::fs::metadata(root.join("dist/es/messages.json"))
            .unwrap()
            .len()
            > 50_000_000
    );
}

#[test]
fn ten_thousand_nested_placeables_are_refused_not_a_crash() {
    let tmp = shipped_project();
    let root = tmp.path();
    let deep = format!(
        "dry-needling-title = {}x{}\n",
        "{ ".repeat(10_000),
        " }".repeat(10_000)
    );
    let text = read(es_file(root)).replace(
        "dry-needling-title = Punción seca y sus beneficios\n",
        &deep,
    );
    write(es_file(root), &text);
    for cmd in [&["sync"][..], &["build"]] {
        fails_cleanly(
            root,
            cmd,
            2,
            &[
                "locales/es/dry-needling.ftl:6:",
                "nested more than 64 levels",
            ],
        );
    }
    check_reports_unreadable(root, "nested more than 64 levels");
    // Deep Markdown nesting is fine: pulldown-cmark and the walker are iterative.
    let md = root.join("content/deep.md");
    write(
        &md,
        &format!(
            "# Deep\n\n{}quote\n\n{}",
            "> ".repeat(5_000),
            (0..500)
                .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
                .collect::<String>()
        ),
    );
    carta_ok(root, &["extract"], 0);
}

/// Regression (issue 14, item 1): nested calls whose continuation lines start with a
/// letter reset the old line-based nesting count; fluent-syntax recursed ~10,000 deep and
/// every command aborted with a stack overflow (exit 134).
#[test]
fn nested_calls_across_lines_are_refused_not_a_crash() {
    let tmp = shipped_project();
    let root = tmp.path();
    let deep = format!(
        "dry-needling-title = {{ F({}\"x\"{}) }}\n",
        "\nF({ F(".repeat(5000),
        ") })".repeat(5000)
    );
    let text = read(es_file(root)).replace(
        "dry-needling-title = Punción seca y sus beneficios\n",
        &deep,
    );
    write(es_file(root), &text);
    for cmd in [&["sync"][..], &["build"]] {
        fails_cleanly(
            root,
            cmd,
            2,
            &["locales/es/dry-needling.ftl:", "nested more than 64 levels"],
        );
    }
    check_reports_unreadable(root, "nested more than 64 levels");
}

/// Replaces `path` with a named pipe (nobody ever writes to it).
#[cfg(unix)]
fn make_fifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// Runs carta with a deadline and expects `code` and every needle on stderr.
fn exits_within(root: &Path, args: &[&str], code: i32, needles: &[&str]) -> Output {
    let out = carta_within(root, args, 60);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    for n in needles {
        assert!(stderr.contains(n), "{args:?}: expected {n:?} in {stderr}");
    }
    out
}

/// Regression (issue 14, item 2): a FIFO named like a locale file, a handout, the config
/// or a build output hung every command forever (the open blocks until a writer comes).
#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_carta_file_is_refused_not_a_hang() {
    let fifo = "is a named pipe (FIFO), not a regular file";
    let tmp = shipped_project();
    let root = tmp.path();
    make_fifo(&es_file(root));
    for cmd in [&["sync"][..], &["build"]] {
        exits_within(root, cmd, 2, &["`locales/es/dry-needling.ftl`", fifo]);
    }
    // check reports it as unreadable and checks every other locale.
    let out = exits_within(root, &["check", "--format", "json"], 1, &[]);
    let report = json(&String::from_utf8(out.stdout).unwrap());
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["check"] == "unreadable")
        .expect("an unreadable diagnostic");
    assert_eq!(d["file"], "locales/es/dry-needling.ftl");
    assert!(d["message"].as_str().unwrap().contains(fifo), "{d}");
    // Seven translations and the source's row (its readability warning).
    assert_eq!(report["summary"].as_array().unwrap().len(), 8);

    let tmp = shipped_project();
    let root = tmp.path();
    make_fifo(&root.join("content/dry-needling.md"));
    for cmd in ["extract", "build"] {
        exits_within(root, &[cmd], 2, &["`content/dry-needling.md`", fifo]);
    }

    let tmp = shipped_project();
    let root = tmp.path();
    carta_ok(root, &["build", "--locale", "es"], 0);
    make_fifo(&root.join("dist/es/dry-needling.html"));
    exits_within(
        root,
        &["build", "--locale", "es"],
        2,
        &["dist/es/dry-needling.html", fifo],
    );

    let tmp = shipped_project();
    let root = tmp.path();
    make_fifo(&root.join("carta.toml"));
    for cmd in ["check", "sync", "build", "extract"] {
        exits_within(root, &[cmd], 2, &["carta.toml`", fifo]);
    }
}

/// A folder named like the config is refused the same way (it used to give the OS's
/// "Is a directory").
#[test]
fn a_folder_named_carta_toml_is_refused() {
    let tmp = shipped_project();
    let root = tmp.path();
    std::fs::remove_file(root.join("carta.toml")).unwrap();
    std::fs::create_dir(root.join("carta.toml")).unwrap();
    exits_within(
        root,
        &["check"],
        2,
        &["carta.toml`", "is a folder, not a regular file"],
    );
}

/// Regression (issue 14, item 5): a handout's file name is written into the comments of
/// the source file it becomes; a newline in it injected messages and terms.
#[cfg(unix)]
#[test]
fn a_control_character_in_a_document_name_is_refused() {
    let tmp = shipped_project();
    let root = tmp.path();
    write(
        root.join("content/a\ninjected = x\n-term = y.md"),
        "# Title\n\nText.\n",
    );
    for cmd in ["extract", "build"] {
        fails_cleanly(
            root,
            &[cmd],
            2,
            &[
                "`content/a\\u{a}injected = x\\u{a}-term = y.md`",
                "file name has a control character",
            ],
        );
    }
}

/// Regression (issue 14, item 10): a file of junk took quadratic time (each junk entry
/// searched every parser error) and gave one diagnostic per line. Past the first 100,
/// the rest is one diagnostic that counts it.
#[test]
fn a_file_of_junk_is_summarised_after_100_errors() {
    let tmp = shipped_project();
    let root = tmp.path();
    write(es_file(root), &"x\n".repeat(150));
    let report = json(&carta_ok(
        root,
        &["check", "--locale", "es", "--format", "json"],
        1,
    ));
    let syntax: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["check"] == "syntax")
        .collect();
    assert_eq!(syntax.len(), 101);
    assert_eq!(syntax[100]["line"], 101);
    assert!(
        syntax[100]["message"]
            .as_str()
            .unwrap()
            .contains("this and 49 more unparseable entries"),
        "{}",
        syntax[100]
    );
}

#[test]
fn cycles_and_duplicates_are_diagnostics_not_crashes() {
    let tmp = shipped_project();
    let root = tmp.path();
    let text = read(es_file(root))
        .replace("dry-needling-title = Punción seca y sus beneficios", "dry-needling-title = { dry-needling-what-is-dry-needling-heading }")
        .replace("dry-needling-what-is-dry-needling-heading = ¿Qué es la punción seca?", "dry-needling-what-is-dry-needling-heading = ¿{ dry-needling-title }?\n\ndry-needling-what-is-dry-needling-heading = ¿Duplicado?");
    write(es_file(root), &text);
    let report = json(&carta_ok(
        root,
        &["check", "--format", "json", "--locale", "es"],
        1,
    ));
    let checks: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["check"].as_str().unwrap())
        .collect();
    assert!(checks.contains(&"format"), "{checks:?}");
    assert!(checks.contains(&"duplicate-id"), "{checks:?}");
    // sync keeps both definitions.
    carta_ok(root, &["sync", "--locale", "es"], 0);
    assert!(read(es_file(root)).contains("¿Duplicado?"));
    // build falls back for the cyclic messages instead of printing `{???}`.
    carta_ok(root, &["build", "--locale", "es"], 0);
}

#[test]
fn path_like_locales_are_refused() {
    let tmp = shipped_project();
    for tag in ["../etc", "en-1/..", "es/../../x", ""] {
        for cmd in ["sync", "check", "build"] {
            fails_cleanly(tmp.path(), &[cmd, "--locale", tag], 2, &["locale tag"]);
        }
        fails_cleanly(tmp.path(), &["add-locale", tag], 2, &["locale tag"]);
    }
}

#[test]
fn a_symlink_out_of_the_project_is_refused() {
    let tmp = shipped_project();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.ftl");
    std::fs::copy(es_file(tmp.path()), &secret).unwrap();
    std::fs::remove_file(es_file(tmp.path())).unwrap();
    std::os::unix::fs::symlink(&secret, es_file(tmp.path())).unwrap();
    let before = std::fs::read(&secret).unwrap();
    fails_cleanly(
        tmp.path(),
        &["sync"],
        2,
        &[
            "`locales/es/dry-needling.ftl`",
            "symbolic link",
            "outside the project",
        ],
    );
    check_reports_unreadable(tmp.path(), "outside the project");
    assert_eq!(std::fs::read(&secret).unwrap(), before);
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Runs carta as an unprivileged user (root reads everything, so permission tests
/// drop to `nobody` with setpriv when the suite runs as root, as CI does).
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

fn open_up(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for e in walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
    {
        let mode = if e.file_type().is_dir() { 0o777 } else { 0o666 };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let mut p = path.parent();
    while let Some(dir) = p {
        if dir == Path::new("/") {
            break;
        }
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
        p = dir.parent();
        if dir == std::env::temp_dir() {
            break;
        }
    }
}

#[test]
fn permission_denied_is_reported_with_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = shipped_project();
    let root = tmp.path();
    open_up(root);
    std::fs::set_permissions(es_file(root), std::fs::Permissions::from_mode(0o000)).unwrap();
    let before = snapshot(root);
    let out = carta_unprivileged(root, &["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("failed to read `locales/es/dry-needling.ftl`")
            && stderr.contains("ermission denied"),
        "{stderr}"
    );
    // es-MX falls back to es: it is left out too (not given templates for what es may
    // translate), and says why.
    assert!(
        stderr.contains("es-MX: not synced") && stderr.contains("fallback locale `es`"),
        "{stderr}"
    );
    assert_eq!(snapshot(root), before);
}

#[test]
fn a_read_only_dist_is_left_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = shipped_project();
    let root = tmp.path();
    carta_ok(root, &["build"], 0);
    // Change a translation so the build has something to write, then lock dist/es.
    write(
        es_file(root),
        &read(es_file(root)).replace(
            "Punción seca y sus beneficios",
            "La punción seca y sus beneficios",
        ),
    );
    open_up(root);
    std::fs::set_permissions(root.join("dist/es"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = snapshot(&root.join("dist"));
    let out = carta_unprivileged(root, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("failed to write `dist/es/") && stderr.contains("ermission denied"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&root.join("dist")),
        before,
        "no file of dist/ changed"
    );
    std::fs::set_permissions(root.join("dist/es"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A full disk, simulated with a 64 KiB tmpfs (root in CI; elsewhere in a user+mount
/// namespace via `unshare`): the build fails with a clear error and writes nothing.
#[test]
fn a_full_disk_fails_the_build_without_partial_files() {
    let tmp = shipped_project();
    let root = tmp.path();
    let mnt = root.join("small");
    std::fs::create_dir(&mnt).unwrap();
    // Fill the disk with a previous build's file so a partial overwrite would show.
    let script = format!(
        "mount -t tmpfs -o size=64k tmpfs '{m}' && echo old > '{m}/marker' && '{bin}' -C '{root}' build --out '{m}/dist'; code=$?; ls -R '{m}' > '{root}/listing'; cat '{m}/marker' >> '{root}/listing'; umount '{m}'; exit $code",
        m = mnt.display(),
        bin = env!("CARGO_BIN_EXE_carta"),
        root = root.display()
    );
    let out = if is_root() {
        Command::new("sh").arg("-c").arg(&script).output().unwrap()
    } else {
        Command::new("unshare")
            .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
            .output()
            .unwrap()
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("failed to write") && stderr.contains("No space left on device"),
        "{stderr}"
    );
    let listing = read(root.join("listing"));
    assert!(
        !listing.contains(".html") && !listing.contains(".json") && !listing.contains(".carta-"),
        "partial output left behind:\n{listing}"
    );
    assert!(listing.trim_end().ends_with("old"));
}

/// Regression: a translated term with an attribute (`-brand` / `.gender`) made `check`
/// (and `build`, which runs it for the review page) index past the term's patterns and
/// panic.
#[test]
fn a_translated_term_with_an_attribute_does_not_panic() {
    let tmp = shipped_project();
    let root = tmp.path();
    let ftl = "-brand = Carta\n    .gender = feminine\n\nx = { -brand }\n";
    write(root.join("locales/en-US/app.ftl"), ftl);
    write(root.join("locales/es/app.ftl"), ftl);
    carta_ok(root, &["check", "--locale", "es"], 0);
    carta_ok(root, &["build", "--locale", "es"], 0);
}

#[test]
fn front_matter_not_closed_or_with_an_unquoted_version_is_refused() {
    // fix17 items 5 and 6: not a message published on every page, not "Version 1.1".
    let tmp = shipped_project();
    let root = tmp.path();
    let md = root.join("content/dry-needling.md");
    let original = read(&md);
    let body = &original[original.find("\n# ").unwrap() + 1..];
    for close in ["", "----\n"] {
        write(
            &md,
            &format!("---\nreviewed: 2026-11-01\nversion: \"2.0\"\n{close}{body}"),
        );
        fails_cleanly(
            root,
            &["extract"],
            2,
            &["content/dry-needling.md:1:1: front matter is not closed (a line `---` after it)"],
        );
        fails_cleanly(root, &["build"], 2, &["front matter is not closed"]);
    }
    write(&md, &original.replace("version: \"1.0\"", "version: 1.10"));
    fails_cleanly(
        root,
        &["build"],
        2,
        &["content/dry-needling.md:3:1: front matter: `version` must be text: write it in quotes: version: \"1.10\""],
    );
}

/// A full disk or a closed pipe on standard output: `completions` panicked (exit 101),
/// and `export` and `review` exited 0 having written nothing (found by the issue 19
/// attack). A full disk is exit 2 with the reason; a closed pipe is not an error.
#[test]
fn standard_output_that_cannot_be_written_is_an_error_not_a_panic() {
    let project = shipped_project();
    for args in [
        &["completions", "bash"][..],
        &["export", "--locale", "es"],
        &["review", "--locale", "es"],
        &["check"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_carta"))
            .arg("-C")
            .arg(project.path())
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("No space left on device") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
    // A reader that stops early (`| head`) ends the output, nothing more.
    for args in [&["completions", "zsh"][..], &["export", "--locale", "es"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_carta"))
            .arg("-C")
            .arg(project.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// A locale's own term defined in two of its files (each has it once) is a duplicate:
/// one bundle holds both files, build uses the first file's, and check says so at the
/// second (it was silent).
#[test]
fn a_private_term_in_two_files_of_a_locale_is_a_duplicate() {
    let tmp = ftl_project();
    let root = tmp.path();
    write(root.join("locales/en-US/a.ftl"), "a-title = Clinic hours\n");
    write(
        root.join("locales/en-US/b.ftl"),
        "b-title = Clinic address\n",
    );
    write(
        root.join("locales/es/a.ftl"),
        "-sitio = la clínica\na-title = Horario de { -sitio }\n",
    );
    write(
        root.join("locales/es/b.ftl"),
        "-sitio = el consultorio\nb-title = Dirección de { -sitio }\n",
    );
    let report = json(&carta_ok(root, &["check", "--format", "json"], 1));
    let dups: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["check"] == "duplicate-id")
        .collect();
    assert_eq!(dups.len(), 1, "{report}");
    assert_eq!(dups[0]["message_id"], "-sitio");
    assert!(
        dups[0]["file"].as_str().unwrap().ends_with("b.ftl"),
        "{}",
        dups[0]
    );
    assert_eq!(dups[0]["line"], 1);
    assert!(dups[0]["message"].as_str().unwrap().contains("a.ftl"));
    // Build uses the first file's definition in both messages.
    carta_ok(root, &["build"], 0);
    let ftl = read(root.join("dist/es/messages.ftl"));
    assert!(ftl.contains("-sitio = la clínica"), "{ftl}");
    assert!(!ftl.contains("el consultorio"), "{ftl}");
}

/// What a translation uses only in a variant that formatting without arguments does
/// not take — a variable the source lacks, a message, term or function that does not
/// exist — was published: the app's number chose that variant and printed `{$count}`
/// or `{file-word}`, and messages.d.ts asked every app for `count`. Such a part falls
/// back, as the same use in the default variant does.
#[test]
fn what_a_non_default_variant_lacks_makes_the_part_fall_back() {
    let tmp = ftl_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/main.ftl"),
        "q = { $g ->\n    [a] A\n   *[b] B\n}\n\
         files = { $n ->\n    [one] One file\n   *[other] { $n } files\n}\n\
         days = { $n ->\n    [one] One day\n   *[other] { $n } days\n}\n\
         loud = { $n ->\n    [one] One\n   *[other] Many\n}\n\
         term = { $n ->\n    [one] One { -brand(case: \"x\") }\n   *[other] Many\n}\n\
         -brand = Carta\n\
         ok = { $n ->\n    [one] One\n   *[other] Many\n}\n\
         plainterm = Plain text\nselterm = Uses the brand\n\
         attr = { $n ->\n    [one] One\n   *[other] Many\n}\n",
    );
    write(
        root.join("locales/de/main.ftl"),
        "q = { $g ->\n    [a] A { $count }\n   *[b] B\n}\n\
         files = { $n ->\n    [one] Eine { file-word }\n   *[other] { $n } Dateien\n}\n\
         days = { $n ->\n    [one] Ein { -day-term }\n   *[other] { $n } Tage\n}\n\
         loud = { $n ->\n    [one] { UPPER(\"eins\") }\n   *[other] Viele\n}\n\
         term = { $n ->\n    [one] Eine { -brand(case: $stray) }\n   *[other] Viele\n}\n\
         -brand = Carta\n\
         ok = { $n ->\n    [one] Eins\n   *[other] Viele\n}\n\
         plainterm = Einfach { -hv }\n-hv = mit { $y }\n\
         selterm = Nutzt { -marke }\n-marke = { $case ->\n    [gen] der Marke\n   *[nom] die Marke\n}\n\
         attr = { $n ->\n    [one] { selterm.nope }\n   *[other] Viele\n}\n",
    );
    carta_ok(root, &["build"], 0);
    let de = manifest_locale(root, "de");
    let fell = fell_back_ids(root, "de");
    // (A term printing a variable its reference does not pass wrote `{$y}`; one that
    // selects on it takes its default variant, as meant.)
    assert_eq!(
        fell,
        ["attr", "days", "files", "loud", "plainterm", "q", "term"],
        "{de}"
    );
    assert_eq!(
        json(&read(root.join("dist/de/messages.json")))["messages"]["selterm"]["value"],
        "Nutzt die Marke"
    );
    let ftl = read(root.join("dist/de/messages.ftl"));
    for gone in ["$count", "file-word", "-day-term", "UPPER", "$stray"] {
        assert!(!ftl.contains(gone), "{gone}: {ftl}");
    }
    assert!(ftl.contains("[one] Eins"), "{ftl}");
    let dts = read(root.join("dist/messages.d.ts"));
    assert!(dts.contains("\"q\": { \"g\": string };"), "{dts}");
    assert!(!dts.contains("stray"), "{dts}");
}

/// A translation that uses a source term the locale leaves untranslated (a brand name)
/// is published as written, with the source's term (messages.ftl carries it, so every
/// runtime reads it so); it fell back to English whole, though check counted it
/// translated. A source message it uses likewise.
#[test]
fn a_translation_using_an_untranslated_source_term_is_published() {
    let tmp = ftl_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/main.ftl"),
        "-brand = Carta\nabout = About { -brand }\nhelper = the clinic\nuses = Ask { helper }\n",
    );
    write(
        root.join("locales/de/main.ftl"),
        "about = Über { -brand }\nuses = Fragen Sie { helper }\n",
    );
    carta_ok(root, &["build"], 0);
    let m = json(&read(root.join("dist/de/messages.json")));
    assert_eq!(m["messages"]["about"]["value"], "Über Carta");
    assert_eq!(m["messages"]["uses"]["value"], "Fragen Sie the clinic");
    assert_eq!(m["messages"]["helper"]["value"], "the clinic");
    let ftl = read(root.join("dist/de/messages.ftl"));
    assert!(ftl.contains("about = Über { -brand }"), "{ftl}");
    assert!(ftl.contains("-brand = Carta"), "{ftl}");
    let de = manifest_locale(root, "de");
    let fell = fell_back_ids(root, "de");
    assert_eq!(fell, ["helper"], "{de}");
}

/// The same ID in two source files: check says which is never used, and build writes
/// the first file's once (messages.ftl had both, and @fluent/bundle reported the
/// second).
#[test]
fn an_id_in_two_source_files_is_a_duplicate_and_written_once() {
    let tmp = ftl_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/x.ftl"),
        "-t = TX\ndup = X { -t }\n",
    );
    write(
        root.join("locales/en-US/y.ftl"),
        "-t = TY\ndup = Y { -t }\nother = O\n",
    );
    write(root.join("locales/de/x.ftl"), "dup = de-X\n");
    write(root.join("locales/de/y.ftl"), "other = de-O\n");
    let report = json(&carta_ok(root, &["check", "--format", "json"], 1));
    let dups: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["check"] == "duplicate-id")
        .map(|d| {
            (
                d["message_id"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        dups,
        [
            ("-t".to_string(), "locales/en-US/y.ftl".to_string()),
            ("dup".to_string(), "locales/en-US/y.ftl".to_string())
        ],
        "{report}"
    );
    carta_ok(root, &["build"], 0);
    for tag in ["en-US", "de"] {
        let ftl = read(root.join(format!("dist/{tag}/messages.ftl")));
        assert_eq!(ftl.matches("\ndup = ").count(), 1, "{tag}: {ftl}");
        assert_eq!(ftl.matches("-t = ").count(), 1, "{tag}: {ftl}");
    }
}

/// Through a chain de-AT → de → en-US (from the second outside attack): a German
/// translation using a source message is published in de-AT too (it was English); an
/// English term reached through another English term keeps English's `-brand` in a
/// German bundle (messages.ftl had German's); a term variant that prints a message
/// variable the term cannot see falls back (it printed `{$leak}`).
#[test]
fn a_chain_reads_the_same_in_every_bundle() {
    let tmp = ftl_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/main.ftl"),
        "-brand = Firefox\n-app = { -brand } App\nm6 = Use { -app }\nbase = Base\n\
         m2 = See { base }\nother = Other\nd = D plain\n",
    );
    write(
        root.join("locales/de/main.ftl"),
        "-brand = Feuerfuchs\nm2 = Siehe { base }\n\
         -t = { $tv ->\n    [x] X { $leak }\n   *[y] Y\n}\nd = D { -t(tv: \"x\") }\n",
    );
    write(root.join("locales/de-AT/main.ftl"), "other = Anderes\n");
    carta_ok(root, &["build"], 0);
    let de = json(&read(root.join("dist/de/messages.json")));
    assert_eq!(de["messages"]["m6"]["value"], "Use Firefox App");
    assert_eq!(
        json(&read(root.join("dist/de/messages.icu.json")))["m6"],
        "Use Firefox App"
    );
    let ftl = read(root.join("dist/de/messages.ftl"));
    assert!(ftl.contains("-app = { -brand__en-US } App"), "{ftl}");
    assert_eq!(de["messages"]["d"]["value"], "D plain");
    assert!(ftl.contains("\nd = D plain\n"), "{ftl}");
    let at = read(root.join("dist/de-AT/messages.ftl"));
    assert!(at.contains("m2 = Siehe { base }"), "{at}");
    assert_eq!(
        json(&read(root.join("dist/de-AT/messages.json")))["messages"]["m2"]["value"],
        "Siehe Base"
    );
}

/// What build lets fall back, check reports (from the second outside attack, where
/// check was silent and build published English): a variable reached through a helper
/// message of the locale's own, in a variant too (E005); a term of the locale's that
/// prints a variable its call does not pass (E005); a missing attribute in a variant
/// (E006); options the JavaScript runtimes' Intl refuses, in a translation (E007, and
/// the part falls back) and in the source (E007, and the part is in no bundle).
#[test]
fn check_reports_what_build_lets_fall_back() {
    let tmp = ftl_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/main.ftl"),
        "a = A { $n }\nb = B plain\nd = D plain\nv = { $n ->\n    [one] One\n   *[other] Many\n}\n\
         when = On { DATETIME($d) }\nsum = Total { NUMBER($n) }\n\
         src = { NUMBER($n, minimumFractionDigits: 30) }\nok = Fine\n",
    );
    write(
        root.join("locales/de/main.ftl"),
        "helper = Helfer { $bogus }\nhelper2 = H2 { $n ->\n    [one] eins { $bogus2 }\n   *[other] andere\n}\n\
         a = A { $n } { helper }\nb = B { helper2 }\n\
         -t = { $tv ->\n    [x] X { $leak }\n   *[y] Y\n}\nd = D { -t(tv: \"x\") }\n\
         v = { $n ->\n    [one] { b.nope }\n   *[other] Viele\n}\n\
         when = Am { DATETIME($d, dateStyle: \"lang\") }\n\
         sum = Summe { NUMBER($n, minimumFractionDigits: 200) }\n\
         src = { NUMBER($n) }\nok = Gut\n",
    );
    let report = json(&carta_ok(root, &["check", "--format", "json"], 1));
    let mut found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["message_id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    found.sort();
    let want: Vec<(String, String)> = [
        ("E005", "a"),
        ("E005", "b"),
        ("E005", "b"),
        ("E005", "d"),
        ("E006", "v"),
        ("E007", "src"),
        ("E007", "sum"),
        ("E007", "when"),
    ]
    .iter()
    .map(|(c, i)| (c.to_string(), i.to_string()))
    .collect();
    assert_eq!(found, want, "{report}");
    carta_ok(root, &["build"], 0);
    let de = manifest_locale(root, "de");
    let fell = fell_back_ids(root, "de");
    assert_eq!(fell, ["a", "b", "d", "sum", "v", "when"], "{de}");
    // The source's own refused option is in none of its bundles (German's is fine).
    let en = manifest_locale(root, "en-US");
    assert_eq!(en["unformattable"], serde_json::json!(["src"]), "{en}");
    assert!(!read(root.join("dist/en-US/messages.ftl")).contains("src ="));
    let ftl = read(root.join("dist/de/messages.ftl"));
    assert!(ftl.contains("src = { NUMBER($n) }"), "{ftl}");
    assert!(ftl.contains("ok = Gut"), "{ftl}");
}

/// From the second outside attack: a translation that retypes a variable (plural keys on
/// the source's string select, a plural on the source's date, a date on the source's
/// number) changed the app's types in messages.d.ts, and check was silent. E009.
#[test]
fn a_translation_retyping_a_variable_is_an_error() {
    let tmp = ftl_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/main.ftl"),
        "g = { $kind ->\n    [cat] Cat\n   *[other] Other\n}\nb = Since { DATETIME($d) }\n\
         a = { $n ->\n    [one] One day\n   *[other] { $n } days\n}\nfree = { $x } left\n\
         same = { $n ->\n    [one] One\n   *[other] Many\n}\n",
    );
    write(
        root.join("locales/de/main.ftl"),
        "g = { $kind ->\n    [one] Eins\n   *[other] Andere\n}\nb = Seit { $d ->\n    [one] einem Tag\n   *[other] Tagen\n}\n\
         a = Am { DATETIME($n) }\nfree = { NUMBER($x) } übrig\n\
         same = { NUMBER($n) ->\n    [one] Eins\n   *[few] Wenige\n   [other] Viele\n}\n",
    );
    let report = json(&carta_ok(root, &["check", "--format", "json"], 1));
    let mut kinds: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "E009")
        .map(|d| d["message_id"].as_str().unwrap())
        .collect();
    kinds.sort();
    // (`free` only interpolates in the source: a translation may need a number there.)
    assert_eq!(kinds, ["a", "b", "g"], "{report}");
}

/// From the third outside attack: what a part reaches through terms calling terms,
/// terms and helpers referring to messages, and helpers referring to nothing. Each
/// such part falls back and check says why; an unused helper or term is in no bundle;
/// a regional locale's translation may use its parent's helper (check agrees).
#[test]
fn what_a_part_reaches_through_terms_and_helpers_is_checked_at_any_depth() {
    let tmp = ftl_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/main.ftl"),
        "nested = Nested\nvia-helper = Helper\nterm-msg = Term message\n\
         a = A\nc = C\nd = D\ngreet = Hello\nbye = Bye\nok = Fine\n",
    );
    write(
        root.join("locales/de/main.ftl"),
        "-b = vor { $x } nach\n-a = { -b }\nnested = Verschachtelt { -a(x: 1) }\n\
         h = { -b }\nvia-helper = Hilfe { h }\n\
         hx = ha { $x } ha\n-t = { hx }\nterm-msg = Begriff { -t }\n\
         hn = { nope }\nh2 = x\n-u = { h2.nope }\n-v = { -w }\n\
         a = A { hn }\nc = C { -u }\nd = D { -v }\n\
         hilfe = Servus\ngreet = Hallo { hilfe }\n-unused = { h2 }\nok = Gut\n",
    );
    write(
        root.join("locales/de-AT/main.ftl"),
        "bye = Pfiat di { hilfe }\n",
    );
    let report = json(&carta_ok(root, &["check", "--format", "json"], 1));
    let mut found: Vec<(String, String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["locale"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["message_id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    found.sort();
    let want: Vec<(String, String, String)> = [
        ("de", "E005", "nested"),
        ("de", "E005", "term-msg"),
        ("de", "E005", "via-helper"),
        ("de", "E006", "a"),
        ("de", "E006", "c"),
        ("de", "E006", "d"),
    ]
    .iter()
    .map(|(l, c, i)| (l.to_string(), c.to_string(), i.to_string()))
    .collect();
    assert_eq!(found, want, "{report}");
    carta_ok(root, &["build"], 0);
    assert_eq!(
        fell_back_ids(root, "de"),
        ["a", "bye", "c", "d", "nested", "term-msg", "via-helper"]
    );
    let de = read(root.join("dist/de/messages.ftl"));
    for gone in ["h2", "-unused", "hn =", "{$x}", "{ $x }"] {
        assert!(!de.contains(gone), "{gone}: {de}");
    }
    // A helper without variables is a private term copy, written once.
    assert!(de.contains("greet = Hallo { -hilfe__de }"), "{de}");
    assert!(de.contains("-hilfe__de = Servus"), "{de}");
    assert!(!de.contains("\nhilfe ="), "{de}");
    let at = read(root.join("dist/de-AT/messages.ftl"));
    assert!(at.contains("bye = Pfiat di { -hilfe__de-AT }"), "{at}");
    assert!(at.contains("-hilfe__de-AT = Servus"), "{at}");
    assert!(!at.contains("\nhilfe ="), "{at}");
}
