//! Translation memory: `sync` offers what a locale already translated — an exact match
//! pre-filled and marked for review (never counted as reviewed), a similar text as a
//! suggestion in a comment sync recognises and replaces; `carta import x.tmx` adds to it;
//! hostile TMX files are refused whole with nothing written.

mod common;

use std::path::Path;

use common::*;

/// `write`, creating the folders.
fn put(path: impl AsRef<Path>, text: &str) {
    std::fs::create_dir_all(path.as_ref().parent().unwrap()).unwrap();
    write(path, text);
}

/// The value of message `id` in an FTL text (one line), if it is there uncommented.
fn value_of(text: &str, id: &str) -> Option<String> {
    let prefix = format!("{id} = ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map(str::to_string)
}

const AFTERCARE: &str = "# After Your Dry Needling Session\n\n## What is Dry Needling?\n\nDry needling is a therapeutic technique used by some healthcare professionals including physical therapists to treat musculoskeletal pain and dysfunction.\n\n## What to Expect\n\n1. **Pain Relief**: Dry Needling is an effective tool that can be used to alleviate pain through targeting trigger points, tight muscles, irritated nerves, and chronically painful areas for relief.\n2. **Soreness**: Mild soreness for one or two days is normal. Drink plenty of water.\n";

/// The issue's acceptance case: a second handout that repeats sentences of the first gets
/// exact-match suggestions in every locale on `sync`, and they are not counted as
/// reviewed; a second sync changes no byte.
#[test]
fn a_second_handout_gets_exact_matches_in_every_locale_not_counted_as_reviewed() {
    let tmp = shipped_project();
    let root = tmp.path();
    put(root.join("content/dry-needling-aftercare.md"), AFTERCARE);
    carta_ok(root, &["extract"], 0);
    let out = carta_ok(root, &["sync"], 0);
    for tag in ["es", "fr", "pt-BR", "vi", "ar", "zh-Hans"] {
        assert!(
            out.contains(&format!("{tag:<8} added 4,"))
                && out.contains("2 pre-filled from the translation memory, to review"),
            "{out}"
        );
        let first = read(root.join(format!("locales/{tag}/dry-needling.ftl")));
        let second = read(root.join(format!("locales/{tag}/dry-needling-aftercare.ftl")));
        for (new, old) in [
            (
                "dry-needling-aftercare-what-is-dry-needling-heading",
                "dry-needling-what-is-dry-needling-heading",
            ),
            (
                "dry-needling-aftercare-item-pain-relief",
                "dry-needling-benefit-pain-relief",
            ),
        ] {
            let translation = value_of(&first, old).unwrap();
            assert_eq!(
                value_of(&second, new).as_deref(),
                Some(translation.as_str()),
                "{tag}: {second}"
            );
            let marker = format!(
                "# carta-from-memory: exact match of `{old}` in locales/{tag}/dry-needling.ftl; check that it fits here, then delete this line\n{new} = "
            );
            assert!(second.contains(&marker), "{tag}: {second}");
        }
        // The body of the titled item came along with its title.
        assert!(second.contains("\n    .body = "), "{second}");
        // Not reviewed: check counts them as translated, not reviewed, notes where they
        // came from and counts them among the unreviewed.
        let report = json(&carta_ok(
            root,
            &["check", "--locale", tag, "--format", "json"],
            0,
        ));
        let summary = &report["summary"][0];
        assert_eq!(summary["reviewed"], 0, "{tag}");
        assert_eq!(summary["translated"], 16, "{tag}");
        let diags = report["diagnostics"].as_array().unwrap();
        let notes: Vec<&serde_json::Value> = diags.iter().filter(|d| d["code"] == "N004").collect();
        assert_eq!(notes.len(), 2, "{tag}: {diags:?}");
        assert!(notes[0]["message"]
            .as_str()
            .unwrap()
            .contains("exact match of `dry-needling-what-is-dry-needling-heading`"));
        let unreviewed = diags
            .iter()
            .find(|d| d["code"] == "N002" && d["file"].as_str().unwrap().ends_with("aftercare.ftl"))
            .unwrap_or_else(|| panic!("{tag}: no N002 for the new file: {diags:?}"));
        assert!(
            unreviewed["message"]
                .as_str()
                .unwrap()
                .starts_with("2 translation(s)"),
            "{unreviewed}"
        );
        // `carta review` lists them as awaiting review.
        let awaiting = carta_ok(root, &["review", "--locale", tag], 0);
        assert!(
            awaiting.contains("awaiting review: dry-needling-aftercare-item-pain-relief"),
            "{awaiting}"
        );
    }
    // Exported for a CAT tool, a pre-filled message needs review.
    let xlf = carta_ok(root, &["export", "--locale", "es"], 0);
    let unit = &xlf[xlf
        .find("<unit id=\"dry-needling-aftercare-item-pain-relief\"")
        .unwrap()..];
    let unit = &unit[..unit.find("</unit>").unwrap()];
    assert!(
        unit.contains("<segment state=\"initial\" subState=\"carta:from-memory\">"),
        "{unit}"
    );
    let x1 = carta_ok(root, &["export", "--locale", "es", "--format", "xliff1"], 0);
    let unit = &x1[x1
        .find("<trans-unit id=\"dry-needling-aftercare-item-pain-relief\"")
        .unwrap()..];
    assert!(
        unit[..unit.find("</trans-unit>").unwrap()]
            .contains("<target state=\"needs-review-translation\">"),
        "{unit}"
    );
    let po = carta_ok(root, &["export", "--locale", "es", "--format", "po"], 0);
    assert!(
        po.contains("#, fuzzy\nmsgctxt \"dry-needling-aftercare-item-pain-relief\""),
        "{po}"
    );
    // `review --all` does not sign off a pre-filled message until its line is deleted.
    let out = carta(
        root,
        &[
            "review",
            "--locale",
            "es",
            "--by",
            "Ana",
            "--all",
            "--date",
            "2026-01-02",
        ],
    );
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("dry-needling-aftercare-item-pain-relief: pre-filled from the translation memory and not checked yet: delete the `# carta-from-memory:` line once the translator checked it"), "{text}");
    let ftl = root.join("locales/es/dry-needling-aftercare.ftl");
    let state = read(root.join("locales/es/dry-needling-aftercare.ftl.sync"));
    assert!(!state.contains("item-pain-relief = Ana"), "{state}");
    let check = carta_ok(root, &["check", "--locale", "es", "--format", "json"], 0);
    assert!(check.contains("N004"), "{check}");
    // The translator deletes the line: now it can be signed off.
    let kept: String = read(&ftl)
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("# carta-from-memory:"))
        .collect();
    put(&ftl, &kept);
    let out = carta(
        root,
        &[
            "review",
            "--locale",
            "es",
            "--by",
            "Ana",
            "--all",
            "--date",
            "2026-01-02",
        ],
    );
    let out = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.contains("reviewed: dry-needling-aftercare-item-pain-relief\n"),
        "{out}"
    );
    assert!(!out.contains("pre-filled"), "{out}");
    assert!(
        read(root.join("locales/es/dry-needling-aftercare.ftl.sync"))
            .contains("dry-needling-aftercare-item-pain-relief")
    );
    // es-MX takes them from es, like everything es translates.
    let mx = read(root.join("locales/es-MX/dry-needling-aftercare.ftl"));
    assert!(!mx.contains("item-pain-relief"), "{mx}");
    let before = snapshot(root);
    carta_ok(root, &["sync"], 0);
    assert_eq!(snapshot(root), before, "a second sync changed a file");
}

/// A project with one translated sentence in `a.ftl` and a similar one in `b.ftl`.
fn fuzzy_project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    put(
        root.join("locales/en-US/a.ftl"),
        "after = Physical therapists can help you recover after surgery.\n",
    );
    put(
        root.join("locales/en-US/b.ftl"),
        "## Recovery\n\nrecover = Physical therapists can help you recover after an operation.\n    .title = Recovery\n",
    );
    put(
        root.join("locales/es/a.ftl"),
        "after = Los fisioterapeutas pueden ayudarle a recuperarse después de la cirugía.\n",
    );
    tmp
}

const FUZZY_B: &str = "### Translation of locales/en-US/b.ftl into es.
### Lines starting with \"# TODO\" are messages still to translate: delete \"# TODO \" (and \"# \" on
### the lines below it), then replace the English after \"=\" with your translation.
### Run `carta check --locale es` to see what is missing or outdated.

## Recovery

# carta-suggestion [8fdeba6a]: the translation memory has similar text; check it, use what fits, then delete these lines
#   value 77% like `after` in locales/es/a.ftl: Los fisioterapeutas pueden ayudarle a recuperarse después de la cirugía.
#   value diff: Physical therapists can help you recover after [-surgery.-]{+an operation.+}
# TODO recover = Physical therapists can help you recover after an operation.
#     .title = Recovery
";

#[test]
fn a_similar_text_is_suggested_with_its_percentage_and_word_diff() {
    let tmp = fuzzy_project();
    let root = tmp.path();
    let out = carta_ok(root, &["sync"], 0);
    assert!(
        out.contains("1 template(s) with a suggestion from the translation memory"),
        "{out}"
    );
    let b = root.join("locales/es/b.ftl");
    assert_eq!(read(&b), FUZZY_B);
    // It is a template: missing for check, no error, and a second sync changes no byte.
    let check = carta_ok(root, &["check", "--locale", "es"], 0);
    assert!(check.contains("`recover` is not translated yet"), "{check}");
    let before = snapshot(root);
    carta_ok(root, &["sync"], 0);
    assert_eq!(snapshot(root), before);

    // A translator who edits the suggestion owns the template: it is kept byte for byte.
    let edited = FUZZY_B.replace("de la cirugía.", "de una operación.");
    put(&b, &edited);
    let out = carta_ok(root, &["sync"], 0);
    assert!(out.contains("1 template(s) edited by hand"), "{out}");
    assert_eq!(read(&b), edited);

    // Translated from the template, the suggestion left above it: sync removes the
    // (unedited) suggestion and keeps the translation.
    let translated = FUZZY_B
        .replace(
            "# TODO recover = Physical therapists can help you recover after an operation.\n#     .title = Recovery\n",
            "recover = Los fisioterapeutas pueden ayudarle a recuperarse después de una operación.\n    .title = Recuperación\n",
        );
    put(&b, &translated);
    carta_ok(root, &["sync"], 0);
    let after = read(&b);
    assert!(!after.contains("carta-suggestion"), "{after}");
    assert!(after.ends_with("## Recovery\n\nrecover = Los fisioterapeutas pueden ayudarle a recuperarse después de una operación.\n    .title = Recuperación\n"), "{after}");
    let check = carta_ok(root, &["check", "--locale", "es"], 0);
    assert!(!check.contains("warning["), "{check}");
}

/// The memory changes (the similar translation is deleted): the suggestion carta wrote
/// goes with it, the template stays.
#[test]
fn a_suggestion_follows_the_memory() {
    let tmp = fuzzy_project();
    let root = tmp.path();
    carta_ok(root, &["sync"], 0);
    put(root.join("locales/es/a.ftl"), "# TODO after = x\n");
    carta_ok(root, &["sync"], 0);
    let b = read(root.join("locales/es/b.ftl"));
    assert!(!b.contains("carta-suggestion"), "{b}");
    assert!(b.contains("\n# TODO recover = Physical therapists can help you recover after an operation.\n#     .title = Recovery\n"), "{b}");
}

/// An obsolete translation (its message left the source) is memory too: its source text
/// is the one the state recorded.
#[test]
fn an_obsolete_translation_is_offered_for_a_new_message_with_its_text() {
    let tmp = fuzzy_project();
    let root = tmp.path();
    carta_ok(root, &["sync"], 0);
    // The author renames the message: `after` becomes obsolete, `after-surgery` is new.
    put(
        root.join("locales/en-US/a.ftl"),
        "after-surgery = Physical therapists can help you recover after surgery.\n",
    );
    carta_ok(root, &["sync"], 0);
    let a = read(root.join("locales/es/a.ftl"));
    assert!(
        a.starts_with("# carta-from-memory: exact match of `after` in locales/es/a.ftl; check that it fits here, then delete this line\nafter-surgery = Los fisioterapeutas pueden ayudarle a recuperarse después de la cirugía.\n"),
        "{a}"
    );
    assert!(a.contains("## carta: obsolete"), "{a}");
    let before = snapshot(root);
    carta_ok(root, &["sync"], 0);
    assert_eq!(snapshot(root), before);
}

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SomeCAT" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US" srclang="en-US" datatype="plaintext"/>
  <body>
    <tu tuid="agency-1">
      <tuv xml:lang="en-US"><seg>Physical therapists can help you recover after an operation.</seg></tuv>
      <tuv xml:lang="es-ES"><seg>Los fisioterapeutas pueden ayudarle a recuperarse tras una operación.</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Les kinésithérapeutes peuvent vous aider à récupérer après une opération.</seg></tuv>
    </tu>
    <tu tuid="agency-2">
      <tuv xml:lang="en-US"><seg>Recovery</seg></tuv>
      <tuv xml:lang="es-ES"><seg>Recuperación</seg></tuv>
    </tu>
    <tu tuid="broken">
      <tuv xml:lang="en-US"><seg>Hello</seg></tuv>
      <tuv xml:lang="es-ES"><seg>Hola <ph x="1">{ $ }</ph></seg></tuv>
    </tu>
  </body>
</tmx>
"#;

fn schema_dtd() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/tmx/tmx14.dtd")
}

#[test]
fn an_imported_tmx_is_stored_and_offered_by_sync() {
    let tmp = fuzzy_project();
    let root = tmp.path();
    carta_ok(root, &["sync"], 0);
    let file = root.join("agency.tmx");
    put(&file, TMX);
    let f = file.display().to_string();
    // Two languages besides the source, one of them a project locale: that one.
    let out = carta_ok(root, &["import", &f], 1);
    assert!(out.contains("refused: ") && out.contains("broken"), "{out}");
    assert!(
        out.contains("es: translation memory: 2 unit(s) added, 0 already there, 1 refused"),
        "{out}"
    );
    let memory = root.join("locales/es/memory.tmx");
    let stored = read(&memory);
    assert!(
        stored.contains("<prop type=\"x-carta-from\">agency.tmx</prop>"),
        "{stored}"
    );
    // The stored memory is TMX 1.4 valid against its DTD.
    let lint = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--dtdvalid"])
        .arg(schema_dtd())
        .arg(&memory)
        .output()
        .expect("xmllint (Debian libxml2-utils; scripts/test.sh installs it)");
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );
    // Importing it twice is importing it once.
    let before = snapshot(root);
    let again = carta_ok(root, &["import", &f], 1);
    assert!(
        again.contains("0 unit(s) added, 2 already there"),
        "{again}"
    );
    assert_eq!(snapshot(root), before);
    // sync pre-fills `recover` (both parts are exact matches in the memory).
    let out = carta_ok(root, &["sync"], 0);
    assert!(out.contains("1 pre-filled"), "{out}");
    let b = read(root.join("locales/es/b.ftl"));
    assert!(b.contains("# carta-from-memory: exact match of `agency-1` in locales/es/memory.tmx, `agency-2` in locales/es/memory.tmx; check that it fits here, then delete this line\nrecover = Los fisioterapeutas pueden ayudarle a recuperarse tras una operación.\n    .title = Recuperación\n"), "{b}");
    // `export --format tmx` writes the whole memory: translations and what was imported.
    let exported = root.join("out.tmx");
    carta_ok(
        root,
        &[
            "export",
            "--locale",
            "es",
            "--format",
            "tmx",
            "-o",
            &exported.display().to_string(),
        ],
        0,
    );
    let text = read(&exported);
    assert!(
        text.contains("<tu tuid=\"agency-2\">") && text.contains("<tu tuid=\"after\">"),
        "{text}"
    );
    let lint = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--dtdvalid"])
        .arg(schema_dtd())
        .arg(&exported)
        .output()
        .unwrap();
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );
    // A locale that is not in the project.
    let out = carta(root, &["import", &f, "--locale", "fr"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Hostile TMX files are refused whole (exit 2) and nothing is written: entity
/// declarations (billion laughs), external entities, undefined entities, malformed XML,
/// another source language, a file over the size limit.
#[test]
fn hostile_tmx_files_are_refused_and_nothing_is_written() {
    let tmp = fuzzy_project();
    let root = tmp.path();
    carta_ok(root, &["sync"], 0);
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<tmx version="1.4"><header srclang="en-US"/><body><tu><tuv xml:lang="en-US"><seg>&lol3;</seg></tuv><tuv xml:lang="es"><seg>x</seg></tuv></tu></body></tmx>"#;
    let external = r#"<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en-US"/><body><tu><tuv xml:lang="en-US"><seg>&xxe;</seg></tuv><tuv xml:lang="es"><seg>x</seg></tuv></tu></body></tmx>"#;
    let undefined = TMX.replace("Recuperación", "&xxe;");
    let malformed = TMX.replace("</tuv>", "");
    let other_source = TMX.replace("srclang=\"en-US\"", "srclang=\"de\"");
    let not_tmx = "<?xml version=\"1.0\"?><xliff version=\"2.0\"/>";
    let html = "<html><script>alert(1)</script></html>";
    let before = snapshot(root);
    for (name, text, why) in [
        (
            "laughs.tmx",
            laughs.to_string(),
            "document type declaration",
        ),
        (
            "external.tmx",
            external.to_string(),
            "document type declaration",
        ),
        ("undefined.tmx", undefined, "not allowed"),
        ("malformed.tmx", malformed, "well-formed"),
        ("other.tmx", other_source, "translates from `de`"),
        ("xliff.tmx", not_tmx.to_string(), "not <tmx>"),
        ("page.tmx", html.to_string(), "not <tmx>"),
    ] {
        let path = root.join(name);
        put(&path, &text);
        let out = carta(root, &["import", &path.display().to_string()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains(why),
            "{name}: {stderr}"
        );
        std::fs::remove_file(&path).unwrap();
    }
    // Over the size limit: refused before it is read.
    let huge = root.join("huge.tmx");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap();
    let out = carta(root, &["import", &huge.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 64 MB"));
    std::fs::remove_file(&huge).unwrap();
    assert_eq!(snapshot(root), before, "a refused file wrote something");
    // A stored memory that someone broke keeps its locale from syncing, with the file
    // and line; nothing is written.
    put(root.join("locales/es/memory.tmx"), "<tmx><body>");
    let before = snapshot(root);
    let out = carta(root, &["sync"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("locales/es/memory.tmx"));
    assert_eq!(snapshot(root), before);
}

/// Hostile translations in a memory: one that invents a placeable the source does not
/// have is not pre-filled (only suggested); a multi-line one with control characters is
/// suggested on one comment line that cannot break out of the comment.
#[test]
fn hostile_memory_translations_are_only_suggested_on_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    put(
        root.join("locales/en-US/a.ftl"),
        "warn = Do not swim for two days after the session.\nother = Call the clinic if the pain gets worse after two days.\n",
    );
    put(root.join("locales/es/a.ftl"), "# Spanish, for the clinic\n");
    let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US"/><body>
<tu tuid="evil"><tuv xml:lang="en-US"><seg>Do not swim for two days after the session.</seg></tuv>
<tuv xml:lang="es"><seg>No nade <ph x="1">{ $evil }</ph> durante dos días.</seg></tuv></tu>
<tu tuid="lines"><tuv xml:lang="en-US"><seg>Call the clinic if the pain gets much worse after two days.</seg></tuv>
<tuv xml:lang="es"><seg>Llame a la clínica&#10;# TODO other = injected&#13;si el dolor empeora.&#x202E;</seg></tuv></tu>
</body></tmx>"#;
    put(root.join("m.tmx"), tmx);
    carta_ok(
        root,
        &["import", &root.join("m.tmx").display().to_string()],
        0,
    );
    carta_ok(root, &["sync"], 0);
    let a = read(root.join("locales/es/a.ftl"));
    assert!(!a.contains("carta-from-memory"), "{a}");
    assert!(a.contains("#   value 100% like `evil` in locales/es/memory.tmx: No nade { $evil } durante dos días.\n"), "{a}");
    // One template per message, the injected text inside one comment line.
    assert_eq!(
        a.lines()
            .filter(|l| l.starts_with("# TODO other = "))
            .count(),
        1,
        "{a}"
    );
    let line = a.lines().find(|l| l.contains("like `lines`")).unwrap();
    assert!(
        line.contains("Llame a la clínica ⏎ # TODO other = injected"),
        "{line}"
    );
    assert!(line.ends_with("si el dolor empeora.\u{FFFD}"), "{line}");
    let check = carta_ok(root, &["check", "--locale", "es"], 0);
    assert!(!check.contains("error["), "{check}");
    let before = snapshot(root);
    carta_ok(root, &["sync"], 0);
    assert_eq!(snapshot(root), before);
}

/// A blank translation is never stored or pre-filled, and counts as refused; a segment
/// over the per-unit limit is refused with its ID, so memory.tmx cannot grow every later
/// sync huge.
#[test]
fn blank_and_huge_tmx_segments_are_refused_and_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    put(
        root.join("locales/en-US/a.ftl"),
        "intro = Pain Relief\nother = Other text\nthird = Third text\n",
    );
    put(root.join("locales/es/a.ftl"), "# Spanish\n");
    let huge = "a ".repeat(200 * 1024);
    let tmx = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US"/><body>
<tu tuid="spaces"><tuv xml:lang="en-US"><seg>Pain Relief</seg></tuv><tuv xml:lang="es"><seg>   </seg></tuv></tu>
<tu tuid="empty"><tuv xml:lang="en-US"><seg>Other text</seg></tuv><tuv xml:lang="es"><seg/></tuv></tu>
<tu tuid="huge"><tuv xml:lang="en-US"><seg>Third text</seg></tuv><tuv xml:lang="es"><seg>{huge}</seg></tuv></tu>
</body></tmx>"#
    );
    put(root.join("m.tmx"), &tmx);
    let out = carta_ok(
        root,
        &["import", &root.join("m.tmx").display().to_string()],
        1,
    );
    assert!(
        out.contains("spaces: the source or the translation is blank"),
        "{out}"
    );
    assert!(
        out.contains("empty: the source or the translation is blank"),
        "{out}"
    );
    assert!(
        out.contains("huge: the target is 400 KB; carta takes at most 256 KB per unit"),
        "{out}"
    );
    assert!(
        out.contains("0 unit(s) added, 0 already there, 3 refused"),
        "{out}"
    );
    assert!(!root.join("locales/es/memory.tmx").exists());
    // A memory.tmx written before the limit (or by hand) is read the same way.
    std::fs::copy(root.join("m.tmx"), root.join("locales/es/memory.tmx")).unwrap();
    carta_ok(root, &["sync"], 0);
    let a = read(root.join("locales/es/a.ftl"));
    assert!(!a.contains("carta-from-memory"), "{a}");
    assert!(!a.contains("{\" \"}") && !a.contains("a a a"), "{a}");
}

/// The locale's own TMX export brought back adds nothing: its current translations are
/// in the memory already.
#[test]
fn importing_the_locales_own_tmx_export_adds_nothing() {
    let tmp = fuzzy_project();
    let root = tmp.path();
    carta_ok(root, &["sync"], 0);
    let own = root.join("own.tmx");
    carta_ok(
        root,
        &[
            "export",
            "--locale",
            "es",
            "--format",
            "tmx",
            "-o",
            &own.display().to_string(),
        ],
        0,
    );
    let before = snapshot(root);
    let out = carta_ok(root, &["import", &own.display().to_string()], 0);
    assert!(out.contains(" 0 unit(s) added, "), "{out}");
    assert!(!out.contains(" 0 already there"), "{out}");
    assert!(!root.join("locales/es/memory.tmx").exists());
    assert_eq!(snapshot(root), before);
}
