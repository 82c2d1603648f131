//! "Safe to publish" (issue 15): outdated or unreviewed text never reaches a patient
//! unmarked. The clinic's scenario end to end — the English changes its meaning, the
//! Spanish is now wrong — through the publishing policy, `carta review`, Git, and the
//! review page, with real Chromium rendering the pages and printing them to PDF.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const NOTICE_ES: &str =
    "Esta parte ha cambiado en la versión original y su traducción se está actualizando.";
const OLD_ES: &str = "Mediante la punción es posible llegar a los tejidos y las articulaciones";
const NEW_EN: &str = "Do not swim in chlorinated pools for 24 hours after treatment.";

/// The shipped project after the clinic replaced the meaning of one benefit's text in
/// English, extracted and synced: the Spanish (and every other) translation of it is
/// now outdated.
fn changed_meaning() -> tempfile::TempDir {
    let tmp = shipped_project();
    let root = tmp.path();
    let md = root.join("content/dry-needling.md");
    let text = read(&md);
    let old = "Through needling, tissues and joints can be reached at a depth beyond what the hands can do alone.";
    assert!(text.contains(old));
    write(&md, &text.replace(old, NEW_EN));
    carta_ok(root, &["extract"], 0);
    carta_ok(root, &["sync"], 0);
    tmp
}

fn set_publish(root: &Path, publish: &str) {
    let toml = root.join("carta.toml");
    write(&toml, &format!("{}\n[publish]\n{publish}\n", read(&toml)));
}

fn artifacts() -> PathBuf {
    let dir = repo().join("target/test-artifacts/publish");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Prints a page to PDF with Chromium and returns the PDF's text (poppler's pdftotext).
fn print_to_pdf(page: &Path, name: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let pdf = artifacts().join(format!("{name}.pdf"));
    let _ = std::fs::remove_file(&pdf);
    let out = headless(profile.path())
        .arg("--virtual-time-budget=2000")
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is required: run `bash scripts/test.sh`");
    String::from_utf8_lossy(&text.stdout).to_string()
}

fn screenshot(page: &Path, name: &str) {
    let profile = tempfile::tempdir().unwrap();
    let shot = artifacts().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&shot);
    headless(profile.path())
        .arg("--virtual-time-budget=2000")
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=900,2400")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000, "{name}");
}

/// Collapses whitespace, so text that wraps across lines of a PDF still matches.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn outdated_text_is_marked_on_screen_and_in_print_or_falls_back_or_fails() {
    let tmp = changed_meaning();
    let root = tmp.path();

    // Default policy: mark. The old Spanish sentence is there, inside an element that
    // says why, with the notice in Spanish, on screen and on paper.
    let out = carta(root, &["build"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("es: 1 outdated passage(s) published marked on the page"),
        "{stderr}"
    );
    let page = root.join("dist/es/dry-needling.html");
    let dom = dump_dom(&page);
    let item = &dom[dom
        .find("id=\"dry-needling-benefit-deeper-treatment\"")
        .unwrap()..];
    let item = &item[..item.find("</li>").unwrap()];
    assert!(item.contains("data-carta-status=\"outdated\""), "{item}");
    assert!(item.contains(OLD_ES), "{item}");
    assert!(item.contains(NOTICE_ES), "{item}");
    screenshot(&page, "es-outdated-marked");
    let printed = flat(&print_to_pdf(&page, "es-outdated-marked"));
    assert!(printed.contains(&flat(NOTICE_ES)), "{printed}");
    assert!(printed.contains(&flat(OLD_ES)), "{printed}");
    let md = read(root.join("dist/es/dry-needling.md"));
    assert!(md.contains(NOTICE_ES), "{md}");
    let doc = json(&read(root.join("dist/es/dry-needling.json")));
    assert!(doc.to_string().contains("\"marked\":\"outdated\""));
    let manifest = json(&read(root.join("dist/manifest.json")));
    let es = manifest["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["tag"] == "es")
        .unwrap();
    assert_eq!(
        es["documents"]["dry-needling"]["marked"][0]["id"],
        "dry-needling-benefit-deeper-treatment"
    );
    // An unmarked page elsewhere says nothing.
    assert!(!read(root.join("dist/en-US/dry-needling.html")).contains("carta-notice\""));

    // --strict fails on the outdated message.
    let strict = carta(root, &["build", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("outdated"));

    // fallback: the English sentence instead, marked with its language.
    set_publish(root, "outdated = \"fallback\"");
    carta_ok(root, &["build"], 0);
    let dom2 = dump_dom(&page);
    let item = &dom2[dom2
        .find("id=\"dry-needling-benefit-deeper-treatment\"")
        .unwrap()..];
    let item = &item[..item.find("</li>").unwrap()];
    assert!(!item.contains(OLD_ES), "{item}");
    assert!(
        item.contains(&format!(
            "lang=\"en-US\" dir=\"ltr\" title=\"Aún no traducido: se muestra en inglés\">{NEW_EN}"
        )),
        "{item}"
    );
    screenshot(&page, "es-outdated-fallback");

    // fail: exit 1 naming the message; dist/ as the previous build left it.
    let before = snapshot(&root.join("dist"));
    write(
        root.join("carta.toml"),
        &read(root.join("carta.toml")).replace("outdated = \"fallback\"", "outdated = \"fail\""),
    );
    let failed = carta(root, &["build"]);
    assert_eq!(failed.status.code(), Some(1));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.contains("`dry-needling-benefit-deeper-treatment` is outdated in es"),
        "{err}"
    );
    assert_eq!(snapshot(&root.join("dist")), before, "nothing written");
}

#[test]
fn review_is_bound_to_both_texts_and_refuses_outdated_ones() {
    let tmp = changed_meaning();
    let root = tmp.path();
    // --all signs off every current translation and refuses the outdated one.
    let out = carta(
        root,
        &[
            "review",
            "--locale",
            "es",
            "--by",
            "Ana Ruiz",
            "--date",
            "2026-11-30",
            "--all",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("refused: dry-needling-benefit-deeper-treatment: outdated"),
        "{text}"
    );
    assert!(
        text.contains("es: 13 reviewed, 0 awaiting review, 1 outdated"),
        "{text}"
    );
    let state = read(root.join("locales/es/dry-needling.ftl.sync"));
    assert!(
        state.contains("dry-needling-title@reviewed = Ana Ruiz, 2026-11-30 (source "),
        "{state}"
    );
    // Unknown IDs and a name with a line break are refused.
    let out = carta(
        root,
        &["review", "--locale", "es", "--by", "Ana", "no-such-id"],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = carta(root, &["review", "--locale", "es", "--by", "A\nB", "--all"]);
    assert_eq!(out.status.code(), Some(2));

    // check counts them; the unreviewed policy lets a reviewed locale through.
    let report = json(&carta_ok(
        root,
        &["check", "--locale", "es", "--format", "json"],
        0,
    ));
    assert_eq!(report["summary"][0]["reviewed"], 13);
    set_publish(root, "outdated = \"fallback\"\nunreviewed = \"fail\"");
    carta_ok(root, &["build", "--locale", "es"], 0);

    // Editing a reviewed translation makes it unreviewed again, with no command...
    let es = root.join("locales/es/dry-needling.ftl");
    write(
        &es,
        &read(&es).replace(
            "Punción seca y sus beneficios",
            "La punción seca y sus beneficios",
        ),
    );
    let listed = carta_ok(root, &["review", "--locale", "es"], 0);
    assert!(
        listed.contains("awaiting review: dry-needling-title"),
        "{listed}"
    );
    // ... and unreviewed = "fail" blocks the build, naming it.
    let failed = carta(root, &["build", "--locale", "es"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr)
        .contains("`dry-needling-title` is unreviewed in es"));
    // Changing the English does the same for another message.
    let md = root.join("content/dry-needling.md");
    write(&md, &read(&md).replace("Pain Relief", "Relief of Pain"));
    carta_ok(root, &["extract"], 0);
    let listed = carta_ok(root, &["review", "--locale", "es"], 0);
    assert!(listed.contains(", 2 outdated"), "{listed}");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn review_records_survive_a_clone_and_merge_without_conflict() {
    let tmp = shipped_project();
    let root = tmp.path();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "shipped"]);
    // Two reviewers on two branches, neighbouring messages.
    git(root, &["checkout", "-qb", "ana"]);
    carta_ok(
        root,
        &[
            "review",
            "--locale",
            "es",
            "--by",
            "Ana Ruiz",
            "dry-needling-benefit-pain-relief",
        ],
        0,
    );
    git(root, &["commit", "-qam", "ana reviews"]);
    git(root, &["checkout", "-q", "main"]);
    git(root, &["checkout", "-qb", "luis"]);
    carta_ok(
        root,
        &[
            "review",
            "--locale",
            "es",
            "--by",
            "Luis Gómez",
            "dry-needling-benefit-improved-range-of-motion",
            "dry-needling-benefit-pain-relief-nope",
        ],
        1,
    );
    carta_ok(
        root,
        &[
            "review",
            "--locale",
            "es",
            "--by",
            "Luis Gómez",
            "dry-needling-benefit-localized-treatment",
            "dry-needling-benefit-improved-range-of-motion",
        ],
        0,
    );
    git(root, &["commit", "-qam", "luis reviews"]);
    git(root, &["merge", "-q", "--no-edit", "ana"]);
    let listed = carta_ok(root, &["review", "--locale", "es"], 0);
    assert!(
        listed.contains("es: 3 reviewed, 11 awaiting review"),
        "{listed}"
    );
    // A fresh clone has every status.
    let clone = tempfile::tempdir().unwrap();
    let target = clone.path().join("c");
    git(
        clone.path(),
        &[
            "clone",
            "-q",
            root.to_str().unwrap(),
            target.to_str().unwrap(),
        ],
    );
    let listed = carta_ok(&target, &["review", "--locale", "es"], 0);
    assert!(
        listed.contains("es: 3 reviewed, 11 awaiting review"),
        "{listed}"
    );
    let report = json(&carta_ok(&target, &["check", "--format", "json"], 0));
    let es = report["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["locale"] == "es")
        .unwrap();
    assert_eq!(es["reviewed"], 3);
}

#[test]
fn review_pages_render_for_every_locale_and_stay_inert() {
    let tmp = changed_meaning();
    let root = tmp.path();
    // A hostile translation, and a hostile reviewer name.
    let de = root.join("locales/de");
    std::fs::create_dir_all(&de).unwrap();
    write(
        de.join("dry-needling.ftl"),
        "dry-needling-title = <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','1')\"><script>document.documentElement.setAttribute('data-pwned','2')</script>\n",
    );
    carta_ok(
        root,
        &[
            "review",
            "--locale",
            "de",
            "--by",
            "<b onmouseover=alert`1`>Eve</b>",
            "dry-needling-title",
        ],
        0,
    );
    carta_ok(
        root,
        &[
            "review",
            "--locale",
            "es",
            "--by",
            "Ana Ruiz",
            "dry-needling-title",
        ],
        0,
    );
    carta_ok(root, &["build"], 0);
    let review = root.join("dist/review");
    let index = dump_dom(&review.join("index.html"));
    for tag in ["ar", "de", "es", "es-MX", "fr", "pt-BR", "vi", "zh-Hans"] {
        assert!(index.contains(&format!("href=\"{tag}.html\"")), "{tag}");
        let page = review.join(format!("{tag}.html"));
        let dom = dump_dom(&page);
        assert!(!dom.contains("data-pwned=\""), "{tag}: script ran");
        assert!(!dom.contains("<script") && !dom.contains("<img"), "{tag}");
        assert!(
            dom.contains("dry-needling-benefit-deeper-treatment"),
            "{tag}"
        );
        if tag != "de" {
            assert!(
                dom.contains("<del>") || dom.contains("<ins>"),
                "{tag}: the diff"
            );
            assert_eq!(dom.matches("<tr id=").count(), 14, "{tag}: every message");
        }
        screenshot(&page, &format!("review-{tag}"));
    }
    let es = dump_dom(&review.join("es.html"));
    assert!(es.contains("by Ana Ruiz on "), "reviewer shown");
    assert!(es.contains("<mark>"), "glossary terms marked");
    let ar = dump_dom(&review.join("ar.html"));
    assert!(
        ar.contains("lang=\"ar\" dir=\"rtl\""),
        "Arabic text right to left"
    );
    let de_dom = dump_dom(&review.join("de.html"));
    assert!(de_dom.contains("&lt;b onmouseover=alert`1`&gt;Eve&lt;/b&gt;"));
    let printed = flat(&print_to_pdf(&review.join("es.html"), "review-es"));
    assert!(
        printed.contains("Punción seca y sus beneficios"),
        "{printed}"
    );
}

// Found by the attack on issue 15: a translation that pulls in an outdated term of the
// locale (from another file) was published unmarked, even with `fail` and --strict.
#[test]
fn a_translation_using_an_outdated_term_is_outdated_too() {
    let tmp = shipped_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/brand.ftl"),
        "-tape-advice = You can shower with the tape on.\n",
    );
    carta_ok(root, &["sync", "--locale", "es"], 0);
    write(
        root.join("locales/es/brand.ftl"),
        "-tape-advice = Puede ducharse con la cinta puesta.\n",
    );
    let es = root.join("locales/es/dry-needling.ftl");
    write(
        &es,
        &read(&es).replace("por sí solas.", "por sí solas. { -tape-advice }"),
    );
    carta_ok(root, &["sync", "--locale", "es"], 0);
    write(
        root.join("locales/en-US/brand.ftl"),
        "-tape-advice = Do NOT shower or swim with the tape on.\n",
    );
    carta_ok(root, &["sync", "--locale", "es"], 0);
    set_publish(root, "outdated = \"fail\"");
    let out = carta(root, &["build", "--locale", "es"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("`dry-needling-benefit-deeper-treatment` is outdated in es"));
}

// Found by the attack: a state file with a merge conflict left in it made build treat
// every translation as current; and --strict wrote dist/ although it failed.
#[test]
fn a_broken_state_keeps_its_locale_out_and_strict_writes_nothing() {
    let tmp = changed_meaning();
    let root = tmp.path();
    let state = root.join("locales/es/dry-needling.ftl.sync");
    write(&state, &format!("{}<<<<<<< HEAD\n", read(&state)));
    let out = carta(root, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("dry-needling.ftl.sync"));
    assert!(!root.join("dist/es").exists(), "es is not built");
    let tmp = changed_meaning();
    let root = tmp.path();
    let strict = carta(root, &["build", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        !root.join("dist").exists(),
        "a failed --strict writes nothing"
    );
}

// Found by the attack: a typo fix merged from another branch changed the translation
// under a marker, which counted as "updated" and published the old meaning unmarked.
#[test]
fn editing_a_marked_translation_does_not_clear_the_marker() {
    let tmp = changed_meaning();
    let root = tmp.path();
    let es = root.join("locales/es/dry-needling.ftl");
    write(
        &es,
        &read(&es).replace(
            "Mediante la punción es posible",
            "Mediante la punción, es posible",
        ),
    );
    carta_ok(root, &["sync"], 0);
    assert!(read(&es).contains("# carta-outdated ["));
    let check = carta_ok(root, &["check", "--locale", "es"], 0);
    assert!(check.contains("edited since the source changed"), "{check}");
    carta_ok(root, &["build"], 0);
    assert!(read(root.join("dist/es/dry-needling.html")).contains("data-carta-status=\"outdated\""));
}

/// Every file the manifest lists has the SHA-256 the manifest gives.
fn manifest_matches_files(root: &Path) {
    use sha2::Digest;
    let dist = root.join("dist");
    let manifest = json(&read(dist.join("manifest.json")));
    for locale in manifest["locales"].as_array().unwrap() {
        for (rel, hash) in locale["files"].as_object().unwrap() {
            let bytes = std::fs::read(dist.join(rel)).unwrap();
            let actual = format!("sha256:{:x}", sha2::Sha256::digest(&bytes));
            assert_eq!(hash.as_str(), Some(actual.as_str()), "{rel}");
        }
    }
}

#[test]
fn a_partial_build_does_not_overwrite_a_manifest_another_build_wrote_meanwhile() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for dir in ["content", "locales"] {
        copy_dir(&repo().join(dir), &root.join(dir));
    }
    let toml = read(repo().join("carta.toml"));
    let toml = &toml[..toml.find("[clinic]").unwrap()];
    // The "browser" builds French (as a second `carta build --locale fr` started at the
    // same time would) once, while the Spanish build prints.
    let flag = root.join("fr-built");
    let browser = root.join("browser.sh");
    write(
        &browser,
        &format!(
            "#!/bin/sh\nif [ ! -e '{flag}' ]; then touch '{flag}'; '{carta}' -C '{root}' build --locale fr >/dev/null 2>&1; fi\nexec /usr/bin/chromium \"$@\"\n",
            flag = flag.display(),
            carta = env!("CARGO_BIN_EXE_carta"),
            root = root.display()
        ),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    write(
        root.join("carta.toml"),
        &format!("{toml}\n[pdf]\nbrowser = \"{}\"\n", browser.display()),
    );
    carta_ok(root, &["build"], 0);
    for (tag, title) in [
        ("es", "Punción seca: sus beneficios"),
        ("fr", "Puncture sèche : ses bienfaits"),
    ] {
        let ftl = root.join(format!("locales/{tag}/dry-needling.ftl"));
        let text = read(&ftl);
        let line = text
            .lines()
            .find(|l| l.starts_with("dry-needling-title = "))
            .unwrap()
            .to_string();
        write(
            &ftl,
            &text.replace(&line, &format!("dry-needling-title = {title}")),
        );
    }
    let before = snapshot(&root.join("dist"));
    let out = carta(root, &["build", "--pdf", "--locale", "es"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("manifest.json"), "{stderr}");
    assert!(stderr.contains("changed by someone else"), "{stderr}");
    assert!(flag.exists(), "the French build ran");
    // The French build's files and manifest stay; nothing of the Spanish one is written.
    let after = snapshot(&root.join("dist"));
    assert_ne!(before, after);
    assert!(!root.join("dist/es/dry-needling.pdf").exists());
    assert!(!read(root.join("dist/es/dry-needling.html")).contains("Punción seca: sus beneficios"));
    assert!(read(root.join("dist/fr/dry-needling.html")).contains("Puncture sèche : ses bienfaits"));
    manifest_matches_files(root);
    // Run again, it builds Spanish on top of the French build.
    carta_ok(root, &["build", "--pdf", "--locale", "es"], 0);
    assert!(read(root.join("dist/es/dry-needling.html")).contains("Punción seca: sus beneficios"));
    assert!(read(root.join("dist/fr/dry-needling.html")).contains("Puncture sèche : ses bienfaits"));
    manifest_matches_files(root);
}

/// From the first outside attack: `unreviewed = "fallback"` withheld the current,
/// merely unreviewed translation but published the outdated one (never reviewed against
/// the new source) where `outdated = "mark"`; and the app bundles carried marked text
/// with no sign of it. Outdated text now takes the stricter of the two policies, and
/// messages.json says which messages are published marked.
#[test]
fn outdated_text_follows_the_stricter_policy_and_app_bundles_say_what_is_marked() {
    let tmp = translated_then_changed(
        &[
            ("en-US", "a = Do not swim\nc = Rest\n"),
            ("de", "a = Nicht schwimmen\nc = Ruhe\n"),
        ],
        "a = You may swim after two days\nc = Rest\n",
    );
    let root = tmp.path();
    let config = "source-locale = \"en-US\"\n[publish]\nunreviewed = \"fallback\"\n";
    write(root.join("carta.toml"), config);
    carta_ok(root, &["build"], 0);
    let de = json(&read(root.join("dist/de/messages.json")));
    assert_eq!(de["messages"]["a"]["value"], "You may swim after two days");
    assert_eq!(de["messages"]["c"]["value"], "Rest");
    assert!(!read(root.join("dist/de/messages.ftl")).contains("Nicht schwimmen"));

    write(
        root.join("carta.toml"),
        "source-locale = \"en-US\"\n[publish]\nunreviewed = \"mark\"\n",
    );
    carta_ok(root, &["build"], 0);
    let de = json(&read(root.join("dist/de/messages.json")));
    assert_eq!(de["messages"]["a"]["value"], "Nicht schwimmen");
    assert_eq!(de["messages"]["a"]["status"], "outdated");
    assert_eq!(de["messages"]["c"]["status"], "unreviewed");
    write(root.join("carta.toml"), "source-locale = \"en-US\"\n");
    carta_ok(root, &["build"], 0);
    let de = json(&read(root.join("dist/de/messages.json")));
    assert_eq!(de["messages"]["a"]["status"], "outdated");
    assert!(de["messages"]["c"].get("status").is_none(), "{de}");
}

/// From the third outside attack: a regional locale's translation that uses its
/// parent's outdated message was published unmarked (es-MX `note = Nota MX: { advice }`
/// printed es's outdated `advice`), even with `outdated = "fallback"`. What a
/// translation pulls in from later locales of its chain counts too.
#[test]
fn a_regional_translation_is_only_as_current_as_what_it_takes_from_its_parent() {
    let tmp = translated_then_changed(
        &[
            (
                "en-US",
                "advice = You can shower with the tape on.\nnote = Note: { advice }\n",
            ),
            (
                "es",
                "advice = Puede ducharse con la cinta.\nnote = Nota: { advice }\n",
            ),
            ("es-MX", "note = Nota MX: { advice }\n"),
        ],
        "advice = Do not shower with the tape on.\nnote = Note: { advice }\n",
    );
    let root = tmp.path();
    carta_ok(root, &["build"], 0);
    let mx = json(&read(root.join("dist/es-MX/messages.json")));
    assert_eq!(mx["messages"]["note"]["status"], "outdated", "{mx}");
    write(
        root.join("carta.toml"),
        "source-locale = \"en-US\"\n[publish]\noutdated = \"fallback\"\n",
    );
    carta_ok(root, &["build"], 0);
    let mx = json(&read(root.join("dist/es-MX/messages.json")));
    assert_eq!(
        mx["messages"]["note"]["value"],
        "Note: Do not shower with the tape on."
    );
    assert!(!read(root.join("dist/es-MX/messages.ftl")).contains("Puede ducharse"));
}

/// A small Fluent project whose locales (`(tag, main.ftl)`, the source first) are
/// synced, then whose source's `main.ftl` becomes `source_after` and is synced again:
/// every translation of a changed message is outdated.
fn translated_then_changed(locales: &[(&str, &str)], source_after: &str) -> tempfile::TempDir {
    let tmp = common::ftl_project();
    let root = tmp.path();
    for (tag, text) in locales {
        write(root.join(format!("locales/{tag}/main.ftl")), text);
    }
    carta_ok(root, &["sync"], 0);
    write(root.join("locales/en-US/main.ftl"), source_after);
    carta_ok(root, &["sync"], 0);
    tmp
}
