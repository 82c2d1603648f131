//! `carta check` output formats: the JSON report validates against the schema shipped
//! in `schemas/`, SARIF against the OASIS SARIF 2.1.0 schema, GitHub annotations have the
//! workflow-command shape, and the exit-code gates hold.

mod common;

use common::*;

/// A copy of the shipped project with one of each kind of problem in Spanish.
fn broken_project() -> tempfile::TempDir {
    let tmp = shipped_project();
    let es = tmp.path().join("locales/es/dry-needling.ftl");
    let text = read(&es)
        .replace(
            "dry-needling-title = Punción seca y sus beneficios",
            "dry-needling-title = Punción seca y sus beneficios { $clinic }\n\nthis line is broken",
        )
        .replace(
            "dry-needling-benefits-of-dry-needling-heading = 10 beneficios",
            "dry-needling-benefits-of-dry-needling-heading = Diez beneficios",
        );
    write(&es, &text);
    tmp
}

fn validate(schema_path: &str, instance: &serde_json::Value) {
    let schema = json(&read(repo().join(schema_path)));
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{schema_path}: {errors:#?}");
}

#[test]
fn json_report_matches_its_schema() {
    let tmp = broken_project();
    let out = carta(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "errors found → exit 1");
    let report = json(&String::from_utf8_lossy(&out.stdout));
    validate("schemas/check-report.v1.json", &report);
    let checks: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["locale"] == "es")
        .map(|d| d["check"].as_str().unwrap())
        .collect();
    for expected in ["syntax", "unknown-variable", "numbers"] {
        assert!(checks.contains(&expected), "{expected} in {checks:?}");
    }
    // Errors in one file never hide the others: other locales are still reported (seven
    // translations, and the source's row with its readability).
    assert_eq!(report["summary"].as_array().unwrap().len(), 8);
}

#[test]
fn sarif_report_matches_sarif_2_1_0() {
    let tmp = broken_project();
    let out = carta(tmp.path(), &["check", "--format", "sarif"]);
    let sarif = json(&String::from_utf8_lossy(&out.stdout));
    validate("tests/schemas/sarif-2.1.0-rtm.5.json", &sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "E001" && r["level"] == "error"));
    let rule_count = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .len();
    for r in results {
        assert!(r["ruleIndex"].as_u64().unwrap() < rule_count as u64);
    }
}

#[test]
fn github_annotations() {
    let tmp = broken_project();
    let out = carta(
        tmp.path(),
        &["check", "--format", "github", "--locale", "es"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("::error "))
        .expect("an error annotation");
    assert!(
        line.starts_with("::error file=locales/es/dry-needling.ftl,line="),
        "{line}"
    );
    assert!(line.contains(",title=carta E"), "{line}");
}

/// A project whose input tries to inject: a locale folder and a file name carrying a
/// newline and a workflow command, and a translation carrying terminal escapes.
#[cfg(unix)]
fn hostile_names_project() -> tempfile::TempDir {
    let tmp = broken_project();
    let root = tmp.path();
    std::fs::create_dir(root.join("locales/x\n::stop-commands::pwned")).unwrap();
    write(
        root.join("locales/es/a\n::error file=x::injected %0A.ftl"),
        "a = A\n",
    );
    let es = root.join("locales/es/dry-needling.ftl");
    let text = read(&es).replace(
        "this line is broken",
        "this \u{1b}]0;owned\u{7}\u{1b}[2J line \u{9b}31m is broken\r::warning::x",
    );
    write(&es, &text);
    tmp
}

/// Regression (issue 14, items 6 and 7): no line carta prints can be started by input,
/// so the only workflow commands in a GitHub log are carta's own annotations; and
/// control characters reach no terminal raw.
#[cfg(unix)]
#[test]
fn input_cannot_inject_workflow_commands_or_terminal_escapes() {
    let tmp = hostile_names_project();
    for format in ["github", "text"] {
        let out = carta(tmp.path(), &["check", "--format", format]);
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("skipping `locales/x\\u{a}::stop-commands::pwned`"),
            "{stderr}"
        );
        let mut annotations = 0;
        // The runner reads lines split at LF, CR or CRLF, and trims them.
        for line in stdout.split(['\n', '\r']).chain(stderr.split(['\n', '\r'])) {
            let line = line.trim();
            if line.starts_with("::") {
                assert!(
                    ["::error file=", "::warning file=", "::notice file="]
                        .iter()
                        .any(|p| line.starts_with(p)),
                    "{format}: input started a line: {line}"
                );
                annotations += 1;
            }
            for c in line.chars() {
                assert!(
                    !c.is_control() || c == '\t',
                    "{format}: raw {c:?} in {line}"
                );
            }
        }
        if format == "github" {
            // One per diagnostic, every value escaped in place.
            assert!(annotations > 3, "{stdout}");
            assert!(
                stdout
                    .contains("file=locales/es/a\\u{a}%3A%3Aerror file=x%3A%3Ainjected %250A.ftl,"),
                "{stdout}"
            );
        } else {
            assert_eq!(annotations, 0);
            assert!(
                stdout.contains("this \\u{1b}]0;owned\\u{7}\\u{1b}[2J line \\u{9b}31m is broken\\u{d}::warning::x"),
                "{stdout}"
            );
        }
    }
}

/// The caret stays under the character it points at when the excerpt before it is
/// escaped.
#[test]
fn caret_follows_escaped_characters() {
    let tmp = broken_project();
    let es = tmp.path().join("locales/es/dry-needling.ftl");
    write(
        &es,
        &read(&es).replace("this line is broken", "a = \u{1b}\u{1b} { ! }"),
    );
    let out = carta(tmp.path(), &["check", "--locale", "es"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("8 | a = \\u{1b}\\u{1b} { ! }\n  |                    ^ syntax"),
        "{text}"
    );
}

#[test]
fn text_report_shows_the_line_with_a_caret() {
    let tmp = broken_project();
    let out = carta(tmp.path(), &["check", "--locale", "es"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}'), "NO_COLOR: no escape codes");
    assert!(
        text.contains("error[E001]: syntax error: Expected a token starting with \"=\""),
        "{text}"
    );
    assert!(
        text.contains("  --> locales/es/dry-needling.ftl:8:6"),
        "{text}"
    );
    assert!(
        text.contains("8 | this line is broken\n  |      ^ syntax"),
        "{text}"
    );
}

#[test]
fn gates() {
    let tmp = shipped_project();
    let root = tmp.path();
    carta_ok(root, &["check"], 0);
    // The shipped handout reads above `max-grade`: a warning, which `--deny` fails on…
    carta_ok(
        root,
        &["check", "--deny", "warnings", "--min-coverage", "100"],
        1,
    );
    // …until the clinic makes `readability` a note.
    let toml = root.join("carta.toml");
    write(
        &toml,
        &format!(
            "{}\n[check.severity]\nreadability = \"note\"\n",
            read(&toml)
        ),
    );
    carta_ok(
        root,
        &["check", "--deny", "warnings", "--min-coverage", "100"],
        0,
    );
    // One untranslated message: a warning, 92.9% coverage.
    let fr = root.join("locales/fr/dry-needling.ftl");
    let text = read(&fr);
    let start = text.find("dry-needling-title =").unwrap();
    let end = start + text[start..].find('\n').unwrap() + 1;
    write(&fr, &format!("{}{}", &text[..start], &text[end..]));
    carta_ok(root, &["check"], 0);
    carta_ok(root, &["check", "--deny", "warnings"], 1);
    carta_ok(root, &["check", "--min-coverage", "90"], 0);
    carta_ok(root, &["check", "--min-coverage", "95"], 1);
    // Severity off in carta.toml silences it.
    write(&toml, &format!("{}missing = \"off\"\n", read(&toml)));
    carta_ok(root, &["check", "--deny", "warnings"], 0);
    // A bad severity value is a config error: exit 2 naming the file and line.
    write(&toml, &read(&toml).replace("\"off\"", "\"loud\""));
    let out = carta(root, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("carta.toml:"), "{err}");
}

/// `carta check | head`: the report is streamed, and a reader that goes away early ends
/// the output quietly; the exit code still gives the result (1: the warnings of a
/// locale with nothing translated are findings, and --deny warnings makes them fail).
#[test]
fn a_closed_pipe_ends_the_report_quietly() {
    use std::io::Read;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let source: String = (0..3000)
        .map(|i| format!("message-{i} = Text number {i} of the source\n"))
        .collect();
    std::fs::create_dir_all(root.join("locales/en-US")).unwrap();
    std::fs::create_dir_all(root.join("locales/de")).unwrap();
    write(root.join("locales/en-US/app.ftl"), &source);
    write(root.join("locales/de/app.ftl"), "");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_carta"))
        .args(["-C", root.to_str().unwrap(), "check", "--deny", "warnings"])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"warning[W001]"), "{first:?}");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(!stderr.contains("cannot write"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}

/// A translation that uses a variable the source does not have (check's E005) is not
/// fit to print or to ship: the handout printed `{$user}` and messages.d.ts asked the
/// app for an argument it never passes. The part falls back, in every output (found by
/// the issue 19 attack).
#[test]
fn a_variable_only_the_translation_uses_falls_back_everywhere() {
    let tmp = shipped_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/app.ftl"),
        "app-hello = Hello\napp-bye = Bye { $name }\n",
    );
    write(
        root.join("locales/es/app.ftl"),
        "app-hello = Hola { $user }\napp-bye = Adiós { $name } { $extra }\n",
    );
    let es = root.join("locales/es/dry-needling.ftl");
    let text = read(&es).replace(
        "dry-needling-title = Punción seca y sus beneficios",
        "dry-needling-title = Punción seca y sus beneficios { $clinic }",
    );
    assert!(text.contains("{ $clinic }"), "the fixture's title changed");
    write(&es, &text);
    let out = carta(root, &["build"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dist = root.join("dist");
    let ftl = read(dist.join("es/messages.ftl"));
    assert!(
        ftl.contains("app-hello = Hello\n") && ftl.contains("app-bye = Bye { $name }\n"),
        "{ftl}"
    );
    let dts = read(dist.join("messages.d.ts"));
    assert!(
        dts.contains("\"app-hello\": {};") && dts.contains("\"app-bye\": { \"name\": string };"),
        "{dts}"
    );
    let html = read(dist.join("es/dry-needling.html"));
    assert!(
        !html.contains("{$clinic}") && !html.contains("$clinic"),
        "a stray variable reached the handout"
    );
}
