//! `carta export` / `carta import` (CAT tools): round trips on the shipped project change
//! no byte; translations come back through the byte-preserving writer; a bad unit is
//! refused alone; a bad file (hostile XML, another language or project, unknown IDs, too
//! big) is exit 2 with nothing written. Exports are checked by independent tools:
//! `xmllint` (Debian libxml2-utils) against the official schemas vendored in tests/schemas/
//! (XLIFF 2.0 and 1.2 OASIS XSDs, the TMX 1.4 DTD) and `msgfmt --check` (gettext)
//! for PO; scripts/test.sh installs both.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn tool(name: &str, package: &str) -> String {
    for dir in ["/usr/bin", "/usr/local/bin", "/bin"] {
        let p = Path::new(dir).join(name);
        if p.exists() {
            return p.display().to_string();
        }
    }
    panic!("`{name}` is required for the exchange tests: run `bash scripts/test.sh`, which installs Debian's {package}");
}

/// Validates `file` with `xmllint` against the schema its format has, vendored in
/// `tests/schemas/` (see the README there): XLIFF 2.0 and 1.2 against the OASIS core
/// XSDs, TMX against the TMX 1.4 DTD. Network access is off: XLIFF 1.2's import of the
/// W3C `xml.xsd` resolves to the local copy through `tests/schemas/xliff/catalog.xml`.
fn schema_ok(file: &Path, format: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let xliff = dir.join("xliff");
    match format {
        "xliff2" => xmllint(
            file,
            &[
                "--schema".as_ref(),
                xliff.join("xliff-core-2.0.xsd").as_os_str(),
            ],
        ),
        "xliff1" => xmllint(
            file,
            &[
                "--schema".as_ref(),
                xliff.join("xliff-core-1.2-strict.xsd").as_os_str(),
            ],
        ),
        "tmx" => xmllint(
            file,
            &["--dtdvalid".as_ref(), dir.join("tmx/tmx14.dtd").as_os_str()],
        ),
        other => panic!("no schema for {other}"),
    }
}

fn xmllint(file: &Path, args: &[&std::ffi::OsStr]) {
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/xliff/catalog.xml");
    let out = Command::new(tool("xmllint", "libxml2-utils"))
        .args(["--noout", "--nonet"])
        .args(args)
        .arg(file)
        .env("XML_CATALOG_FILES", &catalog)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "xmllint {args:?} rejects {}: {}{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(file)
            .unwrap_or_default()
            .chars()
            .take(4000)
            .collect::<String>()
    );
}

fn msgfmt_ok(file: &Path) {
    let out = Command::new(tool("msgfmt", "gettext"))
        .args(["--check", "-o", "/dev/null"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "msgfmt --check rejects {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

const LOCALES: [&str; 7] = ["es", "fr", "pt-BR", "vi", "ar", "zh-Hans", "es-MX"];

#[test]
fn export_then_import_unchanged_changes_no_byte_in_any_locale_or_format() {
    let tmp = shipped_project();
    let files = tempfile::tempdir().unwrap();
    let before = snapshot(tmp.path());
    for tag in LOCALES {
        for (format, ext) in [
            ("xliff2", "xlf"),
            ("xliff1", "xlf"),
            ("po", "po"),
            ("tmx", "tmx"),
        ] {
            let out = files.path().join(format!("{tag}.{format}.{ext}"));
            let o = out.display().to_string();
            carta_ok(
                tmp.path(),
                &["export", "--locale", tag, "--format", format, "-o", &o],
                0,
            );
            match ext {
                "po" => msgfmt_ok(&out),
                _ => schema_ok(&out, format),
            }
            if format == "tmx" {
                continue;
            }
            let stdout = carta_ok(tmp.path(), &["import", &o], 0);
            assert!(
                stdout.contains(" 0 imported, 0 confirmed"),
                "{tag} {format}: {stdout}"
            );
        }
    }
    assert_eq!(snapshot(tmp.path()), before, "a round trip changed a file");
}

/// A small project with everything inline content can hold: placeables, a term, a
/// select, Markdown strong/emphasis/code/links, an attribute, templates.
fn inline_project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("locales/en-US")).unwrap();
    std::fs::create_dir_all(tmp.path().join("locales/es")).unwrap();
    write(
        tmp.path().join("locales/en-US/a.ftl"),
        "## Visits\n\n# Shown on the front desk.\nhello = Hello { $name }, read **this** and [the guide](https://x.org/g)!\nitems = { $n ->\n    [one] One *item*\n   *[other] { $n } items\n}\ncard = Card\n    .body = Bring your `card` and { -clinic }.\n-clinic = Our Clinic\nplain = Nothing special\n",
    );
    write(
        tmp.path().join("locales/es/a.ftl"),
        "hello  =  Hola { $name }, lee **esto** y [la guía](https://x.org/g).\r\n\r\n# nota del traductor\r\ncard = Tarjeta\r\n    .body = Traiga su `tarjeta` y { -clinic }.\r\n",
    );
    carta_ok(tmp.path(), &["sync"], 0);
    tmp
}

fn export(root: &Path, args: &[&str]) -> String {
    let mut all = vec!["export", "--locale", "es"];
    all.extend_from_slice(args);
    let text = carta_ok(root, &all, 0);
    // Every export of these tests is checked by its format's independent reader.
    let format = args
        .iter()
        .position(|a| *a == "--format")
        .map_or("xliff2", |i| args[i + 1]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export");
    std::fs::write(&file, &text).unwrap();
    match format {
        "po" => msgfmt_ok(&file),
        other => schema_ok(&file, other),
    }
    text
}

/// The `msgctxt` and `msgid` lines of unit `id` in an exported PO file.
fn po_source(po: &str, id: &str) -> String {
    let start = po
        .find(&format!("msgctxt \"{id}\"\n"))
        .unwrap_or_else(|| panic!("no {id} in {po}"));
    let end = start + po[start..].find("msgstr").unwrap();
    po[start..end].to_string()
}

fn import_text(root: &Path, name: &str, text: &str, code: i32) -> String {
    let path = root.join(name);
    write(&path, text);
    let p = path.display().to_string();
    carta_ok(root, &["import", &p], code)
}

#[test]
fn xliff2_targets_are_written_through_the_byte_preserving_writer() {
    let tmp = inline_project();
    let ftl = tmp.path().join("locales/es/a.ftl");
    let before = read(&ftl);
    let xlf = export(tmp.path(), &[]);
    // Placeables are protected <ph> with their Fluent source; Markdown is <pc>.
    assert!(xlf.contains("<data id=\"d1\">{ $name }</data>"), "{xlf}");
    assert!(
        xlf.contains("<pc id=\"3\" dataRefStart=\"d3\" dataRefEnd=\"d4\">the guide</pc>"),
        "{xlf}"
    );
    assert!(xlf.contains("<unit id=\"card.body\""), "{xlf}");
    // The translator fills `plain` and `-clinic`, and deletes a placeholder in `card.body`.
    let edited = xlf
        .replacen(
            "<segment state=\"initial\">\n        <source xml:space=\"preserve\">Nothing special</source>",
            "<segment state=\"translated\">\n        <source xml:space=\"preserve\">Nothing special</source>\n        <target>Nada {especial} &amp; más</target>",
            1,
        )
        .replacen(
            "<segment state=\"initial\">\n        <source xml:space=\"preserve\">Our Clinic</source>",
            "<segment state=\"translated\">\n        <source xml:space=\"preserve\">Our Clinic</source>\n        <target>Nuestra Clínica</target>",
            1,
        )
        .replacen(
            "Traiga su <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d1\">tarjeta</pc> y <ph id=\"2\" dataRef=\"d2\" canDelete=\"no\"/>.",
            "Traiga su tarjeta.",
            1,
        );
    assert_ne!(edited, xlf);
    let out = import_text(tmp.path(), "in.xlf", &edited, 1);
    assert!(
        out.contains("imported: plain") && out.contains("imported: -clinic"),
        "{out}"
    );
    assert!(
        out.contains("card.body: placeholder `{ -clinic }` of the source is missing"),
        "{out}"
    );
    let after = read(&ftl);
    // The translated messages and their CRLF line endings are untouched.
    assert!(after.starts_with("hello  =  Hola { $name }, lee **esto** y [la guía](https://x.org/g).\r\n\r\n# TODO items"), "{after}");
    assert!(after.contains("\r\n\r\n# nota del traductor\r\ncard = Tarjeta\r\n    .body = Traiga su `tarjeta` y { -clinic }.\r\n"), "{after}");
    assert!(
        after.contains("plain = Nada {\"{\"}especial{\"}\"} & más\r\n"),
        "{after}"
    );
    assert!(after.contains("-clinic = Nuestra Clínica\r\n"), "{after}");
    assert!(
        !after.contains("# TODO plain") && !after.contains("# TODO -clinic"),
        "{after}"
    );
    assert_ne!(before, after);
    // Import twice = import once.
    let snap = snapshot(tmp.path());
    import_text(tmp.path(), "in.xlf", &edited, 1);
    assert_eq!(snapshot(tmp.path()), snap);
    // sync and check agree the imported messages are translated.
    carta_ok(tmp.path(), &["sync", "--check"], 0);
    let check = carta_ok(tmp.path(), &["check", "--locale", "es"], 0);
    assert!(check.contains("`items` is not translated yet"), "{check}");
    assert!(
        !check.contains("`plain` is not translated")
            && !check.contains("`-clinic` is not translated"),
        "{check}"
    );
}

#[test]
fn select_expressions_round_trip_and_variants_can_change() {
    let tmp = inline_project();
    let xlf = export(tmp.path(), &["--format", "xliff1"]);
    assert!(
        xlf.contains("<ph id=\"1\" ctype=\"x-fluent-select\">{ $n -&gt;</ph>"),
        "{xlf}"
    );
    let source = "<source><ph id=\"1\" ctype=\"x-fluent-select\">{ $n -&gt;</ph><ph id=\"2\" ctype=\"x-fluent-select\">\n[one] </ph>One <bpt id=\"3\" ctype=\"italic\">*</bpt>item<ept id=\"3\">*</ept><ph id=\"4\" ctype=\"x-fluent-select\">\n*[other] </ph><ph id=\"5\" ctype=\"x-fluent-placeable\">{ $n }</ph> items<ph id=\"6\" ctype=\"x-fluent-select\">\n}</ph></source>";
    assert!(xlf.contains(source), "{xlf}");
    // A translation with an extra variant (`[few]`) is Fluent the tool can rebuild.
    let target = "<target state=\"translated\"><ph id=\"1\">{ $n -&gt;</ph><ph id=\"2\">\n[one] </ph>Un <bpt id=\"3\">*</bpt>artículo<ept id=\"3\">*</ept><ph>\n[few] </ph><ph>{ $n }</ph> artículos<ph id=\"4\">\n*[other] </ph><ph id=\"5\">{ $n }</ph> artículos<ph id=\"6\">\n}</ph></target>";
    let edited = xlf.replacen(source, &format!("{source}\n        {target}"), 1);
    let out = import_text(tmp.path(), "in.xlf", &edited, 0);
    assert!(out.contains("imported: items"), "{out}");
    let ftl = read(tmp.path().join("locales/es/a.ftl"));
    assert!(ftl.contains("items = { $n ->\r\n    [one] Un *artículo*\r\n    [few] { $n } artículos\r\n    *[other] { $n } artículos\r\n    }\r\n"), "{ftl}");
    // Exported again, the unit's target is the translation, and it imports as unchanged.
    let again = export(tmp.path(), &["--format", "xliff2"]);
    let out = import_text(tmp.path(), "again.xlf", &again, 0);
    assert!(out.contains(" 0 imported"), "{out}");
}

#[test]
fn outdated_translations_export_as_drafts_and_are_confirmed_by_a_done_state() {
    let tmp = inline_project();
    let src = tmp.path().join("locales/en-US/a.ftl");
    write(&src, &read(&src).replace("Bring your", "Please bring your"));
    carta_ok(tmp.path(), &["sync"], 0);
    let po = export(tmp.path(), &["--format", "po", "--only", "outdated"]);
    assert!(po.contains("#, fuzzy\n#| msgctxt \"card.body\"\n#| msgid \"Bring your `card` and {-clinic}.\"\nmsgctxt \"card.body\"\nmsgid \"Please bring your `card` and { -clinic }.\"\nmsgstr \"Traiga su `tarjeta` y { -clinic }.\""), "{po}");
    assert!(!po.contains("msgctxt \"plain\""), "--only outdated: {po}");
    let xlf = export(tmp.path(), &["--only", "outdated"]);
    assert!(
        xlf.contains("<segment state=\"initial\" subState=\"carta:outdated\">"),
        "{xlf}"
    );
    // Unchanged drafts change nothing.
    let snap = snapshot(tmp.path());
    import_text(tmp.path(), "o.po", &po, 0);
    std::fs::remove_file(tmp.path().join("o.po")).unwrap();
    assert_eq!(snapshot(tmp.path()), snap);
    // The translator updates the text and clears the fuzzy flag: imported, marker gone.
    let done = po.replace("#, fuzzy\n", "").replace(
        "msgstr \"Traiga su `tarjeta` y { -clinic }.\"",
        "msgstr \"Por favor, traiga su `tarjeta` y { -clinic }.\"",
    );
    let out = import_text(tmp.path(), "o.po", &done, 0);
    assert!(
        out.contains("imported: card.body") && out.contains("confirmed (no longer outdated): card"),
        "{out}"
    );
    let ftl = read(tmp.path().join("locales/es/a.ftl"));
    assert!(!ftl.contains("carta-outdated"), "{ftl}");
    assert!(ftl.contains("# nota del traductor\r\ncard = Tarjeta\r\n    .body = Por favor, traiga su `tarjeta` y { -clinic }.\r\n"), "{ftl}");
    let check = carta_ok(tmp.path(), &["check", "--locale", "es"], 0);
    assert!(!check.contains("W002"), "{check}");
}

#[test]
fn bad_files_are_exit_2_and_write_nothing() {
    let tmp = inline_project();
    let xlf = export(tmp.path(), &[]);
    let good = xlf.replacen(
        "<segment state=\"initial\">\n        <source xml:space=\"preserve\">Nothing special</source>",
        "<segment state=\"translated\">\n        <source xml:space=\"preserve\">Nothing special</source>\n        <target>Nada</target>",
        1,
    );
    let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    let cases: Vec<(&str, String, &str)> = vec![
        ("billion laughs", good.replacen(decl, &format!("{decl}<!DOCTYPE xliff [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"), 1).replacen("<target>Nada</target>", "<target>&c;</target>", 1), "document type declaration"),
        ("external entity", good.replacen(decl, &format!("{decl}<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"), 1).replacen("<target>Nada</target>", "<target>&x;</target>", 1), "document type declaration"),
        ("undeclared entity", good.replacen("<target>Nada</target>", "<target>&x;</target>", 1), "entity `&x;` is not allowed"),
        ("malformed", good.replacen("</unit>", "", 1), "not well-formed"),
        ("another language", good.replacen("trgLang=\"es\"", "trgLang=\"fr\"", 1), "unknown locale `fr`"),
        ("another source", good.replacen("srcLang=\"en-US\"", "srcLang=\"de\"", 1), "another project"),
        ("another project", good.replace("unit id=\"", "unit id=\"other-"), "another project"),
        ("unknown ID", good.replacen("unit id=\"hello\"", "unit id=\"helo\"", 1), "unit `helo` is not a message of the source"),
        ("not XLIFF", "<html><body/></html>".to_string(), "not `<xliff>`"),
        ("PO unknown escape", "msgid \"\"\nmsgstr \"Language: es\\nX-Carta-Source-Language: en-US\\n\"\n\nmsgctxt \"plain\"\nmsgid \"Nothing special\"\nmsgstr \"Nada \\q\"\n".to_string(), ":6:1: unknown escape"),
        ("PO without msgctxt", "msgid \"\"\nmsgstr \"Language: es\\nX-Carta-Source-Language: en-US\\n\"\n\nmsgid \"Nothing special\"\nmsgstr \"Nada\"\n".to_string(), "without `msgctxt`"),
    ];
    let snap = snapshot(tmp.path());
    for (name, text, expected) in cases {
        let path = tmp.path().join("bad.xlf");
        write(&path, &text);
        let out = carta(tmp.path(), &["import", &path.display().to_string()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        std::fs::remove_file(&path).unwrap();
        assert_eq!(snapshot(tmp.path()), snap, "{name} wrote something");
    }
    // --locale must match the file.
    let path = tmp.path().join("good.xlf");
    write(&path, &good);
    let out = carta(
        tmp.path(),
        &["import", &path.display().to_string(), "--locale", "fr"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not `fr`"));
    // A 200 MB file is refused before it is read.
    let huge = tmp.path().join("huge.xlf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let out = carta_within(tmp.path(), &["import", &huge.display().to_string()], 10);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 64 MB"));
    std::fs::remove_file(&huge).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(snapshot(tmp.path()), snap);
}

#[test]
fn po_with_crlf_and_escapes_imports_and_broken_placeholders_are_refused_per_unit() {
    let tmp = inline_project();
    let po = "# from a Windows tool\r\nmsgid \"\"\r\nmsgstr \"\"\r\n\"Language: es\\n\"\r\n\"X-Carta-Source-Language: en-US\\n\"\r\n\r\n#, c-format\r\nmsgctxt \"plain\"\r\nmsgid \"Nothing special\"\r\nmsgstr \"Nada \\\"especial\\\"\\t\"\r\n\"y más\"\r\n\r\nmsgctxt \"hello\"\r\nmsgid \"Hello { $name }, read **this** and [the guide](https://x.org/g)!\"\r\nmsgstr \"Hola { $nombre }\"\r\n\r\nmsgctxt \"-clinic\"\r\nmsgid \"Our Clinic\"\r\nmsgstr \"Clínica { $x\"\r\n\r\n#~ msgctxt \"gone\"\r\n#~ msgid \"old\"\r\n#~ msgstr \"viejo\"\r\n";
    let out = import_text(tmp.path(), "in.po", po, 1);
    assert!(out.contains("imported: plain"), "{out}");
    assert!(out.contains("hello: placeholder `{ $name }` of the source is missing or repeated too few times; placeholder `{ $nombre }` is not in the source"), "{out}");
    assert!(
        out.contains("-clinic: the target is not valid Fluent"),
        "{out}"
    );
    let ftl = read(tmp.path().join("locales/es/a.ftl"));
    assert!(
        ftl.contains("plain = Nada \"especial\"\ty más\r\n"),
        "{ftl}"
    );
    assert!(ftl.contains("hello  =  Hola { $name }"), "{ftl}");
    assert!(ftl.contains("# TODO -clinic = Our Clinic"), "{ftl}");
}

#[test]
fn a_template_the_translator_edited_is_never_overwritten() {
    let tmp = inline_project();
    let ftl = tmp.path().join("locales/es/a.ftl");
    write(
        &ftl,
        &read(&ftl).replace(
            "# TODO plain = Nothing special",
            "# TODO plain = Nada especial (borrador)",
        ),
    );
    let po = export(tmp.path(), &["--format", "po"]);
    let edited = po.replace(
        "msgctxt \"plain\"\nmsgid \"Nothing special\"\nmsgstr \"\"",
        "msgctxt \"plain\"\nmsgid \"Nothing special\"\nmsgstr \"Nada\"",
    );
    let out = import_text(tmp.path(), "in.po", &edited, 1);
    assert!(
        out.contains("plain: the `# TODO` template of this message was edited by hand"),
        "{out}"
    );
    assert!(read(&ftl).contains("# TODO plain = Nada especial (borrador)"));
}

#[test]
fn attacks_on_placeholders_are_refused_per_unit() {
    let tmp = inline_project();
    let head = "msgid \"\"\nmsgstr \"Language: es\\nX-Carta-Source-Language: en-US\\n\"\n\n";
    // The selector swapped for another variable, placeables nested past the parser's
    // limit, a bare CR, an attribute smuggled in through a line break, a gettext plural.
    let deep = format!("{}x{}", "{ ".repeat(200), " }".repeat(200));
    let exported = export(tmp.path(), &["--format", "po"]);
    let e = |id: &str| po_source(&exported, id);
    let po = format!(
        "{head}{}msgstr \"{{ $evil ->\\n[one] uno\\n*[other] {{ $n }} varios\\n}}\"\n\n{}msgstr \"{deep}\"\n\n{}msgstr \"a\\rb\"\n\n{}msgstr \"Tarjeta\\n.evil = injected\"\n\n{}msgid_plural \"y\"\nmsgstr[0] \"Hola\"\n",
        e("items"),
        e("plain"),
        e("-clinic"),
        e("card"),
        e("hello")
    );
    let snap = snapshot(tmp.path());
    let out = import_text(tmp.path(), "in.po", &po, 1);
    assert!(
        out.contains("items: placeholder `{ $n ->` of the source is missing"),
        "{out}"
    );
    assert!(
        out.contains("plain: the target nests placeables more than"),
        "{out}"
    );
    assert!(
        out.contains("-clinic: the target has a carriage return"),
        "{out}"
    );
    assert!(
        out.contains("card: the target is not one Fluent pattern"),
        "{out}"
    );
    assert!(
        out.contains("hello: gettext plural forms are not carta's"),
        "{out}"
    );
    assert!(out.contains("0 imported"), "{out}");
    std::fs::remove_file(tmp.path().join("in.po")).unwrap();
    assert_eq!(snapshot(tmp.path()), snap);
    // XLIFF: a data reference to nothing, and an element carta never writes.
    let xlf = export(tmp.path(), &[]);
    let bad = xlf
        .replacen(
            "<ph id=\"1\" dataRef=\"d1\" canDelete=\"no\"/>, lee",
            "<ph id=\"1\" dataRef=\"d9\"/>, lee",
            1,
        )
        .replacen(
            "<target xml:space=\"preserve\">Tarjeta</target>",
            "<target xml:space=\"preserve\"><sm id=\"x\"/>Tarjeta</target>",
            1,
        );
    let out = import_text(tmp.path(), "in.xlf", &bad, 1);
    assert!(
        out.contains("hello: `dataRef=\"d9\"` names no `<data>` of the unit"),
        "{out}"
    );
    assert!(out.contains("card: inline element `<sm>`"), "{out}");
}

#[test]
fn export_never_writes_into_the_project_folders() {
    let tmp = inline_project();
    let ftl = tmp.path().join("locales/es/a.ftl");
    let before = read(&ftl);
    let out = carta(
        tmp.path(),
        &["export", "--locale", "es", "-o", &ftl.display().to_string()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not overwrite"));
    assert_eq!(read(&ftl), before);
    // Nor the configuration, the published site (even before it exists, or through a
    // link), or the content.
    write(tmp.path().join("carta.toml"), "source-locale = \"en-US\"\n");
    std::fs::create_dir_all(tmp.path().join("dist")).unwrap();
    write(tmp.path().join("dist/manifest.json"), "{}");
    std::fs::create_dir_all(tmp.path().join("elsewhere")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        tmp.path().join("carta.toml"),
        tmp.path().join("elsewhere/link.xlf"),
    )
    .unwrap();
    let snap = snapshot(tmp.path());
    for o in [
        "carta.toml",
        "./carta.toml",
        "elsewhere/../carta.toml",
        "dist/manifest.json",
        "dist/new.xlf",
        "content/x.xlf",
        "locales/es/x.xlf",
        #[cfg(unix)]
        "elsewhere/link.xlf",
        "elsewhere",
    ] {
        // `-o` is relative to the current folder, not to `-C`.
        let o = format!("{}/{o}", tmp.path().display());
        let out = carta(tmp.path(), &["export", "--locale", "es", "-o", &o]);
        assert_eq!(out.status.code(), Some(2), "{o}");
        assert_eq!(snapshot(tmp.path()), snap, "{o}");
    }
    let ok = tmp.path().join("elsewhere/ok.xlf").display().to_string();
    carta_ok(tmp.path(), &["export", "--locale", "es", "-o", &ok], 0);
    assert!(tmp.path().join("elsewhere/ok.xlf").is_file());
    // The source locale and unknown locales are usage errors.
    assert_eq!(
        carta(tmp.path(), &["export", "--locale", "en-US"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        carta(tmp.path(), &["export", "--locale", "de"])
            .status
            .code(),
        Some(2)
    );
    // Nothing matches: a note, no file.
    let target = tmp.path().join("none.xlf");
    let out = carta(
        tmp.path(),
        &[
            "export",
            "--locale",
            "es",
            "--only",
            "outdated",
            "-o",
            &target.display().to_string(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(!target.exists());
}

#[test]
fn a_unit_split_into_segments_by_the_cat_tool_is_joined_back() {
    let tmp = inline_project();
    let xlf = export(tmp.path(), &[]);
    let one = "<segment state=\"initial\">\n        <source xml:space=\"preserve\">Nothing special</source>\n      </segment>";
    assert!(xlf.contains(one), "{xlf}");
    let split = "<segment state=\"translated\"><source>Nothing</source><target>Nada</target></segment><ignorable><source> </source></ignorable><segment state=\"final\"><source>special</source><target>especial.</target></segment>";
    let out = import_text(tmp.path(), "in.xlf", &xlf.replacen(one, split, 1), 0);
    assert!(out.contains("imported: plain"), "{out}");
    assert!(read(tmp.path().join("locales/es/a.ftl")).contains("\r\nplain = Nada especial.\r\n"));
    // One segment still a draft: the unit is not imported.
    let draft = split
        .replacen("state=\"final\"", "state=\"initial\"", 1)
        .replace("Nada", "Nadita");
    let out = import_text(tmp.path(), "in2.xlf", &xlf.replacen(one, &draft, 1), 0);
    assert!(out.contains("0 imported"), "{out}");
}

/// An export made before the English changed must not clear the outdated marker, nor
/// write a translation of the old English: each unit is refused with its ID, in every
/// format, unedited or edited.
#[test]
fn a_stale_export_neither_confirms_nor_imports_against_an_old_source() {
    for format in ["xliff2", "xliff1", "po"] {
        let tmp = inline_project();
        let old = export(tmp.path(), &["--format", format]);
        let src = tmp.path().join("locales/en-US/a.ftl");
        write(
            &src,
            &read(&src)
                .replace("Bring your", "Never bring your")
                .replace("Nothing special", "Nothing at all"),
        );
        carta_ok(tmp.path(), &["sync"], 0);
        let ftl = tmp.path().join("locales/es/a.ftl");
        assert!(read(&ftl).contains("carta-outdated"), "{format}");
        let snap = snapshot(tmp.path());
        // Unedited, with the file's "done" state: nothing confirmed.
        let done = old
            .replace(
                "state=\"initial\" subState=\"carta:outdated\"",
                "state=\"final\"",
            )
            .replace("#, fuzzy\n", "");
        let out = import_text(tmp.path(), "old", &done, 1);
        assert!(
            out.contains(
                "card.body: the source changed since this file was exported: export again"
            ),
            "{format}: {out}"
        );
        assert!(out.contains("0 imported, 0 confirmed"), "{format}: {out}");
        std::fs::remove_file(tmp.path().join("old")).unwrap();
        assert_eq!(snapshot(tmp.path()), snap, "{format}");
        // Edited against the old English: the new target and a translation of a message
        // that was missing at export time are refused too.
        let edited = match format {
            "po" => old
                .replace("Traiga su `tarjeta`", "Nunca traiga su `tarjeta`")
                .replace(
                    "msgid \"Nothing special\"\nmsgstr \"\"",
                    "msgid \"Nothing special\"\nmsgstr \"Nada especial\"",
                ),
            "xliff1" => old
                .replace(">Traiga su ", ">Siempre traiga su ")
                .replace(
                    "<source>Nothing special</source>",
                    "<source>Nothing special</source><target state=\"translated\">Nada especial</target>",
                ),
            _ => old.replace(">Traiga su ", ">Siempre traiga su ").replace(
                "<source xml:space=\"preserve\">Nothing special</source>",
                "<source xml:space=\"preserve\">Nothing special</source><target>Nada especial</target>",
            ).replacen("<segment state=\"initial\">\n        <source xml:space=\"preserve\">Nothing special", "<segment state=\"translated\">\n        <source xml:space=\"preserve\">Nothing special", 1),
        };
        assert_ne!(edited, old, "{format}");
        let out = import_text(tmp.path(), "old", &edited, 1);
        assert!(
            out.contains("plain: the source changed since this file was exported"),
            "{format}: {out}"
        );
        assert!(
            out.contains("card.body: the source changed since this file was exported"),
            "{format}: {out}"
        );
        assert!(out.contains("0 imported, 0 confirmed"), "{format}: {out}");
        std::fs::remove_file(tmp.path().join("old")).unwrap();
        assert_eq!(snapshot(tmp.path()), snap, "{format}");
        let check = carta_ok(tmp.path(), &["check", "--locale", "es"], 0);
        assert!(check.contains("W002"), "{format}: {check}");
        // A fresh export of the same still confirms.
        let fresh = export(tmp.path(), &["--format", format, "--only", "outdated"])
            .replace(
                "state=\"initial\" subState=\"carta:outdated\"",
                "state=\"final\"",
            )
            .replace("state=\"needs-review-translation\"", "state=\"translated\"")
            .replace("#, fuzzy\n", "");
        let out = import_text(tmp.path(), "fresh", &fresh, 0);
        assert!(
            out.contains("confirmed (no longer outdated): card"),
            "{format}: {out}"
        );
    }
}

/// A CAT tool shows a placeholder as a tag, not its data: data the file changed or added
/// (hidden text, a literal, a link to another address) is refused, never imported.
#[test]
fn placeholder_data_is_never_taken_from_the_file() {
    let tmp = inline_project();
    let snap = snapshot(tmp.path());
    let xlf = export(tmp.path(), &[]);
    let cases = [
        // Data shared by source and target, changed.
        xlf.replacen(
            "<data id=\"d1\">{ $name }</data>",
            "<data id=\"d1\">{ $name } EXTRA TEXT</data>",
            1,
        ),
        // A new data item for the target only.
        xlf.replacen(
            "<data id=\"d1\">{ $name }</data>",
            "<data id=\"d1\">{ $name }</data><data id=\"d9\">{ $name }{ \"lit\" }</data>",
            1,
        )
        .replacen(", lee", "<ph id=\"9\" dataRef=\"d9\"/> lee", 1)
        .replacen(
            "<ph id=\"1\" dataRef=\"d1\" canDelete=\"no\"/><ph id=\"9\"",
            "<ph id=\"9\"",
            1,
        ),
        // A link's address changed.
        xlf.replacen(
            "](https://x.org/g)</data>",
            "](https://evil.example)</data><data id=\"d9\">](https://evil.example)</data>",
            1,
        )
        .replacen("dataRefEnd=\"d4\">la guía", "dataRefEnd=\"d9\">la guía", 1),
    ];
    for (n, text) in cases.iter().enumerate() {
        assert_ne!(*text, xlf, "case {n}");
        let out = import_text(tmp.path(), "in.xlf", text, 1);
        assert!(
            out.contains("hello: a tag carta did not write"),
            "case {n}: {out}"
        );
    }
    // XLIFF 1.2: the `<ph>` content is the data.
    let x1 = export(tmp.path(), &["--format", "xliff1"]);
    let bad = x1.replacen(
        "Hola <ph id=\"1\" ctype=\"x-fluent-placeable\">{ $name }</ph>",
        "Hola <ph id=\"1\" ctype=\"x-fluent-placeable\">{ $name } TEXTO OCULTO</ph>",
        1,
    );
    assert_ne!(bad, x1);
    let out = import_text(tmp.path(), "in.xlf", &bad, 1);
    assert!(out.contains("hello: a tag carta did not write"), "{out}");
    std::fs::remove_file(tmp.path().join("in.xlf")).unwrap();
    assert_eq!(snapshot(tmp.path()), snap);
}

/// A target over the per-unit limit is refused with its ID before it is parsed.
#[test]
fn a_huge_target_is_refused_per_unit() {
    let tmp = inline_project();
    let xlf = export(tmp.path(), &[]);
    let huge = format!("<target>{}</target>", "a *b* ".repeat(50 * 1024));
    let text = xlf.replacen(
        "<segment state=\"initial\">\n        <source xml:space=\"preserve\">Nothing special</source>",
        &format!("<segment state=\"translated\">\n        <source xml:space=\"preserve\">Nothing special</source>{huge}"),
        1,
    );
    assert_ne!(text, xlf);
    let snap = snapshot(tmp.path());
    let out = import_text(tmp.path(), "in.xlf", &text, 1);
    assert!(
        out.contains("plain: the target is 300 KB; carta takes at most 256 KB per unit"),
        "{out}"
    );
    std::fs::remove_file(tmp.path().join("in.xlf")).unwrap();
    assert_eq!(snapshot(tmp.path()), snap);
}
