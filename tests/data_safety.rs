//! "Nothing a translator or clinic wrote is ever lost, and carta writes only what it
//! owns" (issue 13): each case below was a way to lose work or write where carta had no
//! business, reproduced as a hostile user would; each test fails on the old behaviour.

mod common;

use std::path::Path;

use common::*;

fn es(root: &Path) -> std::path::PathBuf {
    root.join("locales/es/dry-needling.ftl")
}

fn stderr(root: &Path, args: &[&str], code: i32) -> String {
    let out = carta(root, args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "carta {args:?}: stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

/// A project whose `de` locale has only templates (as `add-locale` writes them).
fn project_with_templates() -> tempfile::TempDir {
    let tmp = shipped_project();
    carta_ok(tmp.path(), &["add-locale", "de"], 0);
    tmp
}

// 13.1: a translation typed inside a `# TODO` template, and a note beside one, survive
// every sync, even after the source changed; carta's own templates are refreshed.
#[test]
fn text_typed_into_a_template_is_kept() {
    let tmp = project_with_templates();
    let root = tmp.path();
    let de = root.join("locales/de/dry-needling.ftl");
    let text = read(&de);
    let edited = text
        .replace(
            "# TODO dry-needling-title = Dry Needling and Its Benefits",
            "# TODO dry-needling-title = Dry Needling und seine Vorteile",
        )
        .replace(
            "# TODO dry-needling-benefit-pain-relief = Pain Relief",
            "# TODO dry-needling-benefit-pain-relief = Pain Relief\n# Notiz: mit Dr. Weber klären",
        );
    assert_ne!(edited, text);
    write(&de, &edited);
    let out = carta_ok(root, &["sync"], 0);
    assert!(out.contains("2 template(s) edited by hand kept"), "{out}");
    assert_eq!(
        read(&de),
        edited,
        "sync with no source change keeps every byte"
    );

    // The source changes under both edited templates and an untouched one.
    let md = root.join("content/dry-needling.md");
    write(
        &md,
        &read(&md)
            .replace(
                "Dry Needling and Its Benefits",
                "Dry Needling and What It Does",
            )
            .replace("Pain Relief", "Relief of Pain")
            .replace("Deeper Treatment", "Deeper Care"),
    );
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["sync"], 0);
    let after = read(&de);
    assert!(after.contains("# TODO dry-needling-title = Dry Needling und seine Vorteile\n"));
    assert!(after.contains("# Notiz: mit Dr. Weber klären"));
    assert!(
        after.contains("# TODO dry-needling-benefit-deeper-treatment = Deeper Care\n"),
        "carta's own template shows the new source:\n{after}"
    );
    assert_eq!(
        after.matches("dry-needling-title").count(),
        1,
        "no second template"
    );
    carta_ok(root, &["sync", "--check"], 0);

    let check = carta_ok(root, &["check", "--locale", "de"], 0);
    assert!(
        check.contains("`dry-needling-title` is still commented out"),
        "{check}"
    );
}

// 13.15: templates are recognised by ID, whatever the spacing of the source message.
#[test]
fn sync_is_idempotent_on_every_spacing_style() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("locales/en-US")).unwrap();
    std::fs::create_dir_all(root.join("locales/de")).unwrap();
    write(
        root.join("locales/en-US/app.ftl"),
        "tight=Tight\nwide  = Wide\nlate =Late\n-brand=Brand\nattr=\n    .label=Label\n",
    );
    write(root.join("locales/de/app.ftl"), "");
    carta_ok(root, &["sync"], 0);
    let once = read(root.join("locales/de/app.ftl"));
    carta_ok(root, &["sync", "--check"], 0);
    carta_ok(root, &["sync"], 0);
    assert_eq!(read(root.join("locales/de/app.ftl")), once);
    for id in ["tight", "wide", "late", "-brand", "attr"] {
        assert_eq!(
            once.matches(&format!("# TODO {id}")).count(),
            1,
            "{id}:\n{once}"
        );
    }
}

// 13.2 and 13.13: a term and a helper message the locale defines for itself are used by
// its translations: not obsolete, never pruned, and shipped in messages.ftl.
#[test]
fn locale_private_entries_are_kept_and_shipped() {
    let tmp = shipped_project();
    let root = tmp.path();
    let text = read(es(root));
    let title = "dry-needling-title = Punción seca y sus beneficios";
    assert!(text.contains(title));
    let private = text.replace(
        title,
        "-clinic-name = Clínica Sol\n\nclinic-line = en { -clinic-name }\n\ndry-needling-title = Punción seca y sus beneficios { clinic-line }",
    );
    write(es(root), &private);
    carta_ok(root, &["sync", "--prune"], 0);
    let after = read(es(root));
    assert!(after.contains("-clinic-name = Clínica Sol"), "{after}");
    assert!(
        after.contains("clinic-line = en { -clinic-name }"),
        "{after}"
    );
    assert!(
        !after.contains("obsolete"),
        "not moved to the obsolete section:\n{after}"
    );
    let check = carta_ok(root, &["check", "--locale", "es"], 0);
    assert!(!check.contains("W003"), "{check}");
    carta_ok(root, &["build"], 0);
    let ftl = read(root.join("dist/es/messages.ftl"));
    // The helper message is a private term (it needs no variable), so the bundles hold
    // the source's messages and no more; the term stays a term.
    assert!(
        ftl.contains("dry-needling-title = Punción seca y sus beneficios { -clinic-line__es }"),
        "{ftl}"
    );
    assert!(
        ftl.contains("-clinic-line__es = en { -clinic-name }"),
        "{ftl}"
    );
    assert!(!ftl.contains("clinic-line ="), "{ftl}");
    assert!(json(&read(root.join("dist/es/messages.json")))["messages"]
        .get("clinic-line")
        .is_none());
    assert!(ftl.contains("-clinic-name = Clínica Sol"), "{ftl}");
    // Every reference in the resource is defined in it.
    let resource = carta::catalog::Catalog::parse(&ftl);
    for i in 0..resource.resource.body.len() {
        for r in resource.references(i) {
            assert!(
                resource.index.contains_key(r.as_str()),
                "{r} is not in messages.ftl"
            );
        }
    }
}

/// The shipped project with the pain-relief body changed in English and synced, so the
/// Spanish translation carries an outdated marker.
fn outdated_project() -> tempfile::TempDir {
    let tmp = shipped_project();
    let root = tmp.path();
    let md = root.join("content/dry-needling.md");
    write(
        &md,
        &read(&md).replace("alleviate pain through", "relieve pain by"),
    );
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["sync"], 0);
    assert!(read(es(root)).contains("# carta-outdated ["));
    tmp
}

// 13.3: a translator's indented note under the marker stays when the marker goes.
#[test]
fn a_note_under_an_outdated_marker_survives_its_removal() {
    let tmp = outdated_project();
    let root = tmp.path();
    let text = read(es(root));
    let start = text.find("# carta-outdated [").unwrap();
    let message = start
        + text[start..]
            .find("dry-needling-benefit-pain-relief =")
            .unwrap();
    let with_note = format!(
        "{}#   ojo: confirmar con la Dra. Ruiz\n{}",
        &text[..message],
        &text[message..]
    );
    // The translator updates the translation and deletes the marker lines; the note stays.
    let edited = delete_markers(&with_note).replace(
        "herramienta eficaz que puede utilizarse para aliviar el dolor al actuar sobre",
        "herramienta eficaz para aliviar el dolor actuando sobre",
    );
    assert_ne!(edited, with_note);
    write(es(root), &edited);
    carta_ok(root, &["sync"], 0);
    let after = read(es(root));
    assert!(!after.contains("carta-outdated"), "{after}");
    assert!(
        after.contains("#   ojo: confirmar con la Dra. Ruiz\ndry-needling-benefit-pain-relief ="),
        "{after}"
    );
}

// 13.5: a state key recorded twice is reported with its line, and no empty marker is
// ever written.
#[test]
fn a_duplicate_state_key_is_reported_with_its_line() {
    let tmp = shipped_project();
    let root = tmp.path();
    let state = root.join("locales/es/dry-needling.ftl.sync");
    let text = read(&state);
    let line = text
        .lines()
        .find(|l| l.starts_with("dry-needling-title = "))
        .unwrap()
        .to_string();
    write(&state, &text.replace(&line, &format!("{line}\n{line}")));
    let before = snapshot(root);
    let err = stderr(root, &["sync"], 2);
    assert!(err.contains("dry-needling.ftl.sync:"), "{err}");
    assert!(err.contains("recorded twice"), "{err}");
    assert_eq!(snapshot(root), before, "nothing written");
    let check = carta(root, &["check", "--locale", "es"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.contains("E008") && out.contains("recorded twice"),
        "{out}"
    );
    assert!(!read(es(root)).contains("carta-outdated"));
}

// 13.9: carta writes only inside the project, never through a linked folder, never over
// files it did not write.
#[cfg(unix)]
#[test]
fn writes_stay_inside_what_carta_owns() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path().join("index.html"), "<p>someone's page</p>");

    // out-dir outside the project, or overlapping the translations.
    for (config, what) in [
        ("out-dir = \"..\"", "inside the project"),
        ("out-dir = \"locales/es\"", "overlap"),
        ("out-dir = \".\"", "inside the project"),
        ("content-dir = \"locales\"", "overlap"),
    ] {
        let tmp = shipped_project();
        let toml = tmp.path().join("carta.toml");
        let key = config.split(' ').next().unwrap();
        let text: String = read(&toml)
            .lines()
            .map(|l| {
                if l.starts_with(key) {
                    config.to_string()
                } else {
                    l.to_string()
                }
            })
            .map(|l| l + "\n")
            .collect();
        assert!(text.contains(config));
        write(&toml, &text);
        let before = snapshot(tmp.path());
        let err = stderr(tmp.path(), &["build"], 2);
        assert!(
            err.contains(what) && err.contains("carta.toml"),
            "{config}: {err}"
        );
        assert_eq!(snapshot(tmp.path()), before, "{config}");
    }

    // dist/ as a link to a folder elsewhere.
    let tmp = shipped_project();
    std::os::unix::fs::symlink(outside.path(), tmp.path().join("dist")).unwrap();
    let err = stderr(tmp.path(), &["build"], 2);
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(
        read(outside.path().join("index.html")),
        "<p>someone's page</p>"
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);

    // A locale folder as a link to a folder elsewhere.
    let tmp = outdated_project_without_sync();
    let es_dir = tmp.path().join("locales/es");
    copy_dir(&es_dir, &outside.path().join("es"));
    std::fs::remove_dir_all(&es_dir).unwrap();
    std::os::unix::fs::symlink(outside.path().join("es"), &es_dir).unwrap();
    let before = snapshot(outside.path());
    let err = stderr(tmp.path(), &["sync"], 2);
    assert!(
        err.contains("symbolic link") && err.contains("locales/es"),
        "{err}"
    );
    assert_eq!(snapshot(outside.path()), before);

    // A non-empty output folder carta did not build, and a stranger's file in dist/.
    let tmp = shipped_project();
    write(
        tmp.path().join("carta.toml"),
        &read(tmp.path().join("carta.toml")).replace("out-dir = \"dist\"", "out-dir = \"site\""),
    );
    std::fs::create_dir(tmp.path().join("site")).unwrap();
    write(tmp.path().join("site/index.html"), "mine");
    let err = stderr(tmp.path(), &["build"], 2);
    assert!(err.contains("no carta `manifest.json`"), "{err}");
    assert_eq!(read(tmp.path().join("site/index.html")), "mine");
    std::fs::remove_dir_all(tmp.path().join("site")).unwrap();
    carta_ok(tmp.path(), &["build"], 0);
    write(tmp.path().join("site/es/dry-needling.md.bak"), "notes");
    std::fs::remove_file(tmp.path().join("site/es/dry-needling.md")).unwrap();
    write(tmp.path().join("site/es/dry-needling.md"), "my own edit");
    carta_ok(tmp.path(), &["build"], 0); // listed in the manifest: carta's to replace
    std::fs::remove_file(tmp.path().join("site/manifest.json")).unwrap();
    let err = stderr(tmp.path(), &["build"], 2);
    assert!(err.contains("manifest.json"), "{err}");
    assert_eq!(
        read(tmp.path().join("site/es/dry-needling.md.bak")),
        "notes"
    );

    // An explicit --out outside the project: allowed when empty, refused when not.
    let tmp = shipped_project();
    let target = outside.path().join("build-here");
    let out = target.to_str().unwrap();
    carta_ok(tmp.path(), &["build", "--out", out], 0);
    assert!(target.join("es/dry-needling.html").exists());
    let err = stderr(
        tmp.path(),
        &["build", "--out", outside.path().to_str().unwrap()],
        2,
    );
    assert!(err.contains("no carta `manifest.json`"), "{err}");
}

fn outdated_project_without_sync() -> tempfile::TempDir {
    let tmp = shipped_project();
    let md = tmp.path().join("content/dry-needling.md");
    write(&md, &read(&md).replace("Pain Relief", "Relief of Pain"));
    carta_ok(tmp.path(), &["extract"], 0);
    tmp
}

// 13.14: a deleted locale's files leave dist/; a partial build keeps the other locales.
#[test]
fn stale_output_is_removed_and_partial_builds_keep_the_rest() {
    let tmp = shipped_project();
    let root = tmp.path();
    carta_ok(root, &["build", "--pseudo"], 0);
    assert!(root.join("dist/vi/dry-needling.html").exists());
    assert!(root.join("dist/en-XA/messages.ftl").exists());
    std::fs::remove_dir_all(root.join("locales/vi")).unwrap();
    carta_ok(root, &["build"], 0);
    assert!(
        !root.join("dist/vi").exists(),
        "the deleted locale's output is gone"
    );
    assert!(
        !root.join("dist/en-XA").exists(),
        "pseudo-locales not built this time go"
    );
    let manifest = read(root.join("dist/manifest.json"));
    assert!(!manifest.contains("\"vi\""));

    let index = read(root.join("dist/index.html"));
    carta_ok(root, &["build", "--locale", "es"], 0);
    assert_eq!(
        read(root.join("dist/index.html")),
        index,
        "the picker still lists every locale"
    );
    let manifest = json(&read(root.join("dist/manifest.json")));
    let tags: Vec<&str> = manifest["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["tag"].as_str().unwrap())
        .collect();
    assert!(
        tags.contains(&"fr") && tags.contains(&"es") && tags.contains(&"ar"),
        "{tags:?}"
    );
    assert!(root.join("dist/fr/dry-needling.html").exists());
}

// 13.11: modes survive a rewrite, and dist/ is readable by a web server.
#[cfg(unix)]
#[test]
fn file_modes_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = outdated_project_without_sync();
    let root = tmp.path();
    std::fs::set_permissions(es(root), std::fs::Permissions::from_mode(0o664)).unwrap();
    carta_ok(root, &["sync"], 0);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&es(root)), 0o664);
    carta_ok(root, &["build"], 0);
    assert_ne!(
        mode(&root.join("dist/es/dry-needling.html")) & 0o044,
        0,
        "readable by others"
    );
}

// 13.12: temporary files of a killed run are cleaned up by the next run that writes in
// their folder (and never read as input).
#[test]
fn leftovers_of_a_killed_run_are_removed() {
    let tmp = shipped_project();
    let root = tmp.path();
    carta_ok(root, &["build"], 0);
    let dead = [
        root.join("locales/es/.carta-4194999-Ab3dEf.tmp"),
        root.join("dist/es/.carta-4194999-Xy9zW1.tmp"),
        root.join("locales/en-US/.carta-4194999-Qq1rS2.tmp"),
    ];
    for p in &dead {
        write(p, "dry-needling-title = half written");
    }
    carta_ok(root, &["check"], 0); // check writes nothing, and does not read them
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["sync"], 0);
    carta_ok(root, &["build"], 0);
    for p in &dead {
        assert!(!p.exists(), "{} is still there", p.display());
    }
    assert!(read(repo().join(".gitignore")).contains(".carta-*.tmp"));
}

/// A second handout, so a locale has two files.
fn two_handouts() -> tempfile::TempDir {
    let tmp = shipped_project();
    let root = tmp.path();
    write(
        root.join("content/second.md"),
        "# Second Handout\n\nSome paragraph text.\n",
    );
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["sync", "--locale", "fr"], 0);
    tmp
}

// Found by the attack on issue 13: a term one file of the locale defines, used by a
// translation in another file, was obsolete and pruned.
#[test]
fn a_private_term_used_from_another_file_survives_prune() {
    let tmp = two_handouts();
    let root = tmp.path();
    let second = root.join("locales/fr/second.ftl");
    write(
        &second,
        &read(&second).replace(
            "# TODO second-title = Second Handout",
            "second-title = Deuxième { -clinic-name }",
        ),
    );
    let first = root.join("locales/fr/dry-needling.ftl");
    write(
        &first,
        &format!("{}\n-clinic-name = Clinique Dupont\n", read(&first)),
    );
    carta_ok(root, &["sync", "--locale", "fr", "--prune"], 0);
    assert!(read(&first).contains("-clinic-name = Clinique Dupont"));
    assert!(!read(&first).contains("obsolete"));
    let check = carta_ok(root, &["check", "--locale", "fr"], 0);
    assert!(!check.contains("W003"), "{check}");
    carta_ok(root, &["build", "--locale", "fr"], 0);
    assert!(read(root.join("dist/fr/second.html")).contains("Deuxième Clinique Dupont"));
}

// Found by the attack: a translation in the wrong file of the locale was moved to the
// obsolete section ("no longer in the source") and `--prune` deleted it.
#[test]
fn a_translation_in_the_wrong_file_is_never_pruned() {
    let tmp = two_handouts();
    let root = tmp.path();
    let second = root.join("locales/fr/second.ftl");
    write(
        &second,
        &format!(
            "{}\ndry-needling-benefit-deeper-treatment = Traitement (MON TRAVAIL)\n    .body = Texte.\n",
            read(&second)
        ),
    );
    let first = root.join("locales/fr/dry-needling.ftl");
    let text = read(&first);
    let start = text
        .find("dry-needling-benefit-deeper-treatment = ")
        .unwrap();
    let end = start + text[start..].find("\n\n").unwrap();
    write(&first, &format!("{}{}", &text[..start], &text[end + 2..]));
    carta_ok(root, &["sync", "--locale", "fr", "--prune"], 0);
    assert!(read(&second).contains("Traitement (MON TRAVAIL)"));
    let check = carta_ok(root, &["check", "--locale", "fr"], 0);
    assert!(check.contains("is not used"), "{check}");
}

// Found by the attack: `sync --locale en-US` wrote state files and markers into the
// source folder (the author's and extract's files).
#[test]
fn sync_refuses_the_source_locale() {
    let tmp = shipped_project();
    let before = snapshot(tmp.path());
    let err = stderr(tmp.path(), &["sync", "--locale", "en-US"], 2);
    assert!(err.contains("is the source locale"), "{err}");
    assert_eq!(snapshot(tmp.path()), before);
}

// Found by the attack: with the project given as a relative path (the current folder),
// `out-dir = "../x"` and `locales-dir = "../x"` were accepted.
#[test]
fn folders_outside_a_relative_project_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let project = outer.path().join("p");
    std::fs::create_dir(&project).unwrap();
    for dir in ["content", "locales"] {
        copy_dir(&repo().join(dir), &project.join(dir));
    }
    for setting in ["out-dir = \"../escape\"", "locales-dir = \"../escape\""] {
        write(project.join("carta.toml"), &format!("{setting}\n"));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_carta"))
            .arg("build")
            .current_dir(&project)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{setting}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("inside the project"));
        assert!(!outer.path().join("escape").exists(), "{setting}");
    }
}

// Found by the attack: the English changed twice (and back): the marker kept an empty
// `value was:` for a title that never changed, and going back to the translated text
// left the translation marked.
#[test]
fn markers_show_only_real_changes_and_go_when_the_source_comes_back() {
    let tmp = shipped_project();
    let root = tmp.path();
    let md = root.join("content/dry-needling.md");
    let a = read(&md);
    let fr = root.join("locales/fr/dry-needling.ftl");
    let translated = read(&fr);
    let edit = |from: &str, to: &str| {
        write(&md, &read(&md).replace(from, to));
        carta_ok(root, &["extract"], 0);
        carta_ok(root, &["sync", "--locale", "fr"], 0);
    };
    edit(
        "Through needling, tissues",
        "Through needling, deep tissues",
    );
    edit("deep tissues", "very deep tissues");
    let text = read(&fr);
    assert!(
        !text.contains("value was:"),
        "the title did not change:\n{text}"
    );
    assert!(
        text.contains(".body was: Through needling, tissues and joints"),
        "{text}"
    );
    // Back to the text the translation was made from: no marker.
    write(&md, &a);
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["sync", "--locale", "fr"], 0);
    assert_eq!(read(&fr), translated);
}

// Found by the attack: a note the translator put between a marker's lines was
// duplicated under a second marker when the source changed again.
#[test]
fn a_note_inside_a_marker_is_kept_once() {
    let tmp = shipped_project();
    let root = tmp.path();
    let md = root.join("content/dry-needling.md");
    let fr = root.join("locales/fr/dry-needling.ftl");
    let edit = |from: &str, to: &str| {
        write(&md, &read(&md).replace(from, to));
        carta_ok(root, &["extract"], 0);
        carta_ok(root, &["sync", "--locale", "fr"], 0);
    };
    edit(
        "Through needling, tissues",
        "Through needling, deep tissues",
    );
    let text = read(&fr);
    let now = text.find("#   .body now:").unwrap();
    write(
        &fr,
        &format!(
            "{}#   note: demander à Claire\n{}",
            &text[..now],
            &text[now..]
        ),
    );
    edit("deep tissues", "very deep tissues");
    let text = read(&fr);
    assert_eq!(text.matches("carta-outdated").count(), 1, "{text}");
    assert_eq!(
        text.matches("#   note: demander à Claire").count(),
        1,
        "{text}"
    );
    assert_eq!(text.matches(".body was:").count(), 1, "{text}");
}

// Found by the attack: a locale file that is a link to another was reported as
// "changed by someone else" on every run; a link is never replaced or written through.
#[cfg(unix)]
#[test]
fn a_linked_locale_file_is_refused_not_replaced() {
    let tmp = outdated_project_without_sync();
    let root = tmp.path();
    let vi = root.join("locales/vi/dry-needling.ftl");
    std::fs::remove_file(&vi).unwrap();
    std::os::unix::fs::symlink("../es/dry-needling.ftl", &vi).unwrap();
    let before = snapshot(root);
    let err = stderr(root, &["sync"], 2);
    assert!(
        err.contains("symbolic link") && err.contains("locales/vi/dry-needling.ftl"),
        "{err}"
    );
    assert_eq!(snapshot(root), before);
    assert!(std::fs::symlink_metadata(&vi)
        .unwrap()
        .file_type()
        .is_symlink());
}

// Found by the attack: a build after a handout was removed printed a wrapped-around
// count of unchanged files.
#[test]
fn removing_a_handout_reports_sane_counts() {
    let tmp = two_handouts();
    let root = tmp.path();
    carta_ok(root, &["build"], 0);
    std::fs::remove_file(root.join("content/second.md")).unwrap();
    carta_ok(root, &["extract"], 0);
    let out = carta_ok(root, &["build"], 0);
    let line = out.lines().last().unwrap();
    assert!(line.contains("no longer built removed"), "{line}");
    assert!(!line.contains("18446744"), "{line}");
    assert!(!root.join("dist/fr/second.html").exists());
}
