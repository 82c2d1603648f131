//! Real consumer of `dist/<tag>/messages.ftl`: Node's `@fluent/bundle` (pinned in
//! tests/node/package-lock.json, installed by scripts/test.sh) loads every merged resource,
//! formats every message and attribute with zero errors, and gets the same text as
//! carta's `messages.json`.

mod common;

use std::process::Command;

use common::*;

#[test]
fn fluent_bundle_in_node_formats_every_message_like_carta() {
    let consumer = repo().join("tests/node/fluent-consumer.mjs");
    assert!(
        repo().join("tests/node/node_modules/@fluent/bundle").is_dir(),
        "tests/node/node_modules is missing: run `bash scripts/test.sh` (it runs `npm ci` in tests/node)"
    );
    let tmp = shipped_project();
    let root = tmp.path();
    // Beyond the handout: an app-style file with terms, attributes, plurals, variables,
    // escapes, and a Spanish translation that covers only part of it and uses a helper
    // message of its own (`clinic-line`, issue 13.13: messages.ftl must carry it).
    write(
        root.join("locales/en-US/app.ftl"),
        "-brand = Carta Clinic\n\napp-title = { -brand } handouts\n    .tooltip = Open { -brand }\n\nfiles = { $count ->\n    [one] One file\n   *[other] { $count } files\n}\n\nbraces = Literal {\"{\"} and {\"}\"}\n\nonly-attrs =\n    .label = Label only\n\nmultiline =\n    First line\n    second line\n",
    );
    write(
        root.join("locales/es/app.ftl"),
        "-brand = Clínica Carta\n\napp-title = Folletos { clinic-line }\n    .tooltip = Abrir { -brand }\n\nclinic-line = de { -brand }\n\nfiles = { $count ->\n    [one] Un archivo\n   *[other] { $count } archivos\n}\n",
    );
    carta_ok(root, &["build", "--pseudo"], 0);
    let out = Command::new("node")
        .arg(&consumer)
        .arg(root.join("dist"))
        .output()
        .expect("node is installed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the Node consumer failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("10 passed, 0 failed"), "{stdout}");
    // The Spanish bundle mixes its own messages and English fallbacks.
    let es = json(&read(root.join("dist/es/messages.json")));
    assert_eq!(
        es["messages"]["app-title"]["value"],
        "Folletos de Clínica Carta"
    );
    assert_eq!(es["messages"]["braces"]["value"], "Literal { and }");
    assert_eq!(
        es["messages"]["only-attrs"]["attributes"]["label"],
        "Label only"
    );
}

/// Hostile app text for the bundles with arguments: apostrophes, braces, `#` and `<` in
/// plurals, numeric keys, ordinals, NUMBER options, nested selects, terms with
/// arguments, a select on a term attribute, message references, DATETIME with options
/// (fluent-rs has none: carta keeps its pattern, the runtimes format it), and a message
/// that no locale can format (a reference to nothing: left out of every bundle).
const APP_EN: &str = r##"-brand = { $case ->
   *[nom] Carta's Clinic
    [gen] Carta's Clinic's
}
    .gender = feminine

files = { $count ->
    [0] No files in '{ $dir }'
    [one] One file — #{ $count } {"{"}braces{"}"}
   *[other] { $count } files in <b>{ $dir }</b> at { -brand(case: "gen") } '#'
}
    .title = { NUMBER($count) ->
        [one] { $count } file
       *[other] { $count } files
    }
place = You finished { NUMBER($rank, type: "ordinal") ->
    [one] { $rank }st
    [two] { $rank }nd
    [few] { $rank }rd
   *[other] { $rank }th
}
price = { NUMBER($amount, minimumFractionDigits: 2) } / { NUMBER($share, style: "percent") } / { NUMBER($amount, minimumIntegerDigits: 3, useGrouping: "false") } / { NUMBER($share, maximumSignificantDigits: 2) }
greeting = { $gender ->
    [male] He said it's { $count ->
        [one] one
       *[other] many
    }
   *[other] They said it's {"{"}ok{"}"}
}
brand-line = { -brand.gender ->
    [masculine] his
   *[other] her
} { -brand } — { greeting }
last-login = Last login { DATETIME($when) }, { DATETIME($when, month: "long", day: "numeric") } at { DATETIME($when, hour: "numeric", minute: "2-digit") }
dangling = See { nowhere }
about = About { -brand } and { shared }
shared = Shared
-term-hash = #tag's {"{"}x{"}"}
apos = '{ $a }' and ''{ $b }'' and {"{'}"}{"'}"}
hash-plural = { $n ->
    [one] # one {-term-hash} {"#"}
   *[other] {"{"}#{"}"} { $n }
}
nested = { $n ->
    [0] none
    [one] { $g ->
        [male] his { $m ->
            [one] one
           *[other] { $m } items
        }
       *[other] their
    }
   *[other] { $n } and { $g ->
        [female] hers
       *[other] theirs
    }
}
only-attr =
    .label = Label { $x } { apos }
    .plain = Plain 'text'
multi =
    First line { $x }
      indented second
    third
selected = { $picked } selected
# Multi-line values whose first line starts with `[`, `*` or `.` (extract writes such a
# paragraph as it is): re-serialized for en-XA and ar-XB, and for `es`, which takes the
# value but not the attribute, they became junk and left every bundle (a serializer trap).
link = [Read more](https://example.com) about it
    on two lines
    .title = Read more
star = *Important* note
    second line
dot = .hidden file
    second line
welcome = Welcome
    .title = { -brand } home
wrapped = Hello { -brand }
"##;
const APP_ES: &str = r#"-brand = { $case ->
   *[nom] Clínica d'Carta
    [gen] de la Clínica d'Carta
}
    .gender = feminine

files = { $count ->
    [0] Ningún archivo en «{ $dir }»
    [one] Un archivo #{ $count }
   *[other] { $count } archivos en { $dir } { -brand(case: "gen") }
}
place = Terminaste en el puesto { $rank }.º
shared = Compartido
# English only interpolates the count; Spanish needs its plural, so the app passes a
# number (the types say so) and English's ICU must format it as one: `{picked, number}`.
selected = { $picked ->
    [one] { $picked } seleccionado
   *[other] { $picked } seleccionados
}
link = [Más información](https://example.com) sobre ello
    en dos líneas
# The value translated, the attribute not: the attribute reads English's term, as carta
# formats it, in every bundle (messages.ftl had Spanish's).
welcome = Bienvenida
# Through a term only Spanish has: es-MX, with a `-brand` of its own, keeps Spanish's.
-wrap = [{ -brand }]
wrapped = Hola { -wrap }
"#;

fn node(args: &[&std::ffi::OsStr]) -> (bool, String) {
    let out = Command::new("node")
        .args(args)
        .output()
        .expect("node is installed");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Formats `results.json`'s texts of @fluent/bundle again with fluent-rs (the runtime
/// carta renders with) and returns the disagreements. Compared where fluent-rs can agree:
/// fluent-rs writes numbers as Rust does (no grouping, no locale digits), so only
/// samples whose numbers are integers below 1000, in locales whose digits are ASCII.
fn fluent_rs_disagreements(
    dist: &std::path::Path,
    results: &serde_json::Value,
) -> (usize, Vec<String>) {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
    let mut compared = 0;
    let mut wrong = Vec::new();
    for (tag, locale) in results["locales"].as_object().expect("locales") {
        if locale["plainNumbers"] != true {
            continue;
        }
        let ftl = read(dist.join(tag).join("messages.ftl"));
        let resource = FluentResource::try_new(ftl).expect("messages.ftl parses in fluent-rs");
        let langid: unic_langid::LanguageIdentifier = tag.parse().expect("tag");
        let mut bundle = FluentBundle::new(vec![langid]);
        bundle.set_use_isolating(false);
        bundle.add_builtins().expect("builtins");
        bundle.add_resource(&resource).expect("no duplicate");
        for (key, runs) in locale["texts"].as_object().expect("texts") {
            let (id, attr) = key
                .split_once('.')
                .map_or((key.as_str(), None), |(a, b)| (a, Some(b)));
            let msg = bundle.get_message(id).expect("message in fluent-rs");
            let pattern = match attr {
                None => msg.value().expect("value"),
                Some(a) => msg.get_attribute(a).expect("attribute").value(),
            };
            for run in runs.as_array().expect("runs") {
                // fluent-rs has no DATETIME: carta keeps such patterns unformatted.
                if run["dates"] == true {
                    continue;
                }
                let mut args = FluentArgs::new();
                let mut plain = true;
                for (name, v) in run["args"].as_object().expect("args") {
                    match v {
                        serde_json::Value::Number(n) => {
                            let f = n.as_f64().unwrap_or(0.0);
                            plain &= f.fract() == 0.0 && f < 1000.0;
                            args.set(name.clone(), FluentValue::from(f));
                        }
                        other => args.set(
                            name.clone(),
                            FluentValue::from(other.as_str().unwrap_or("").to_string()),
                        ),
                    }
                }
                // NUMBER() options are formatted by Intl in @fluent/bundle only.
                let src = read(dist.join(tag).join("messages.ftl"));
                if !plain || src.contains(&format!("{id} =")) && pattern_uses_options(&src, id) {
                    continue;
                }
                let mut errors = Vec::new();
                let got = bundle.format_pattern(pattern, Some(&args), &mut errors);
                compared += 1;
                if got != run["text"].as_str().unwrap_or_default() || !errors.is_empty() {
                    wrong.push(format!(
                        "{tag} {key} {}: fluent-rs {got:?} ({errors:?}) != @fluent/bundle {}",
                        run["args"], run["text"]
                    ));
                }
            }
        }
    }
    (compared, wrong)
}

/// Whether message `id` of `ftl` calls NUMBER with formatting options (other than `type`).
fn pattern_uses_options(ftl: &str, id: &str) -> bool {
    let start = ftl.find(&format!("\n{id} =")).map_or(0, |i| i + 1);
    let end = ftl[start + 1..]
        .find("\n\n")
        .map_or(ftl.len(), |e| start + 1 + e);
    ftl[start..end].contains("NUMBER(") && ftl[start..end].contains(':')
}

fn check_bundles_with_arguments(root: &std::path::Path) {
    let dist = root.join("dist");
    let results = root.join("results.json");
    let (ok, text) = node(&[
        repo().join("tests/node/icu-consumer.mjs").as_os_str(),
        dist.as_os_str(),
        results.as_os_str(),
    ]);
    assert!(ok, "ICU and Fluent disagree:\n{text}");
    assert!(text.contains(" passed, 0 failed"), "{text}");
    let results = json(&read(&results));
    let (compared, wrong) = fluent_rs_disagreements(&dist, &results);
    assert!(compared > 0, "nothing compared with fluent-rs");
    assert!(
        wrong.is_empty(),
        "{} disagreements, e.g.:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(10)].join("\n")
    );
    // Every messages.json is what schemas/messages.v1.json says.
    let schema = json(&read(repo().join("schemas/messages.v1.json")));
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for e in std::fs::read_dir(&dist).expect("dist") {
        let p = e.expect("entry").path().join("messages.json");
        if p.is_file() {
            let doc = json(&read(&p));
            let errors: Vec<String> = validator
                .iter_errors(&doc)
                .map(|e| format!("{e} at {}", e.instance_path))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", p.display());
        }
    }
}

#[test]
fn icu_fluent_and_fluent_rs_agree_with_arguments_on_the_shipped_project() {
    assert!(
        repo()
            .join("tests/node/node_modules/intl-messageformat")
            .is_dir(),
        "run `bash scripts/test.sh` (npm ci in tests/node)"
    );
    let tmp = shipped_project();
    let root = tmp.path();
    // A value ending in a no-break space (French writes `Nom\u{a0}:`), which Fluent
    // keeps: messages.ftl dropped it, messages.json did not.
    write(
        root.join("locales/en-US/app.ftl"),
        &format!("{APP_EN}nbsp = Total\u{a0}\nnnbsp = Nom\u{a0}: {{ $name }}\u{202f}\n"),
    );
    write(root.join("locales/es/app.ftl"), APP_ES);
    write(
        root.join("locales/es-MX/app.ftl"),
        "-brand = { $case ->\n   *[nom] Clínica MX\n    [gen] de la Clínica MX\n}\n    .gender = feminine\n",
    );
    let out = carta(root, &["build", "--pseudo"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // The message that refers to nothing: reported, and in no bundle of any locale.
    assert!(
        stderr.contains("es: 1 message part(s) no locale formats") && stderr.contains("`dangling`"),
        "{stderr}"
    );
    for tag in ["en-US", "es", "es-MX", "en-XA"] {
        let d = root.join("dist").join(tag);
        assert!(
            !read(d.join("messages.ftl")).contains("dangling ="),
            "{tag}"
        );
        assert!(
            json(&read(d.join("messages.json")))["messages"]
                .get("dangling")
                .is_none(),
            "{tag}"
        );
        assert!(
            json(&read(d.join("messages.icu.json")))
                .get("dangling")
                .is_none(),
            "{tag}"
        );
        // DATETIME (which fluent-rs lacks) is in every bundle: the pattern, a date
        // argument, ICU date skeletons.
        assert!(
            read(d.join("messages.ftl")).contains("last-login ="),
            "{tag}"
        );
        // (en-XA too: a pseudo-locale's bundles are the source's patterns, transformed.)
        assert_eq!(
            json(&read(d.join("messages.json")))["messages"]["last-login"]["variables"],
            serde_json::json!({ "when": "datetime" }),
            "{tag}"
        );
    }
    for tag in ["es", "en-XA", "ar-XB"] {
        let m = json(&read(root.join(format!("dist/{tag}/messages.json"))));
        for id in ["link", "star", "dot"] {
            assert!(
                m["messages"][id]["value"]
                    .as_str()
                    .is_some_and(|v| v.contains('\n')),
                "{tag} {id}: {}",
                m["messages"][id]
            );
        }
    }
    assert_eq!(
        json(&read(root.join("dist/es/messages.json")))["messages"]["link"]["attributes"]["title"],
        "Read more"
    );
    let es = json(&read(root.join("dist/es/messages.json")));
    assert_eq!(es["messages"]["welcome"]["value"], "Bienvenida");
    assert_eq!(
        es["messages"]["welcome"]["attributes"]["title"],
        "Carta's Clinic home"
    );
    let mx = json(&read(root.join("dist/es-MX/messages.json")));
    assert_eq!(mx["messages"]["wrapped"]["value"], "Hola [Clínica d'Carta]");
    assert_eq!(
        json(&read(root.join("dist/es-MX/messages.icu.json")))["wrapped"],
        "Hola [Clínica d''Carta]"
    );
    assert_eq!(
        json(&read(root.join("dist/en-US/messages.icu.json")))["selected"],
        "{picked, number} selected"
    );
    assert!(read(root.join("dist/messages.d.ts")).contains("\"selected\": { \"picked\": number };"));
    assert_eq!(
        json(&read(root.join("dist/en-US/messages.icu.json")))["last-login"],
        "Last login {when, date}, {when, date, ::MMMMd} at {when, date, ::jmm}"
    );
    // `about` falls back to English in es, and reads as English reads it (the English
    // term and message), in messages.json and in messages.ftl alike; the consumer
    // compares the two for every part without arguments.
    assert_eq!(
        json(&read(root.join("dist/es/messages.json")))["messages"]["about"]["value"],
        "About Carta's Clinic and Shared"
    );
    assert!(read(root.join("dist/es/messages.ftl"))
        .contains("about = About { -brand__en-US } and { -shared__en-US }"));
    assert!(read(root.join("dist/es/messages.ftl")).contains("nbsp = Total\u{a0}\n"));
    assert!(read(root.join("dist/messages.d.ts")).contains("\"last-login\": { \"when\": Date };"));
    let manifest = json(&read(root.join("dist/manifest.json")));
    let es = manifest["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["tag"] == "es")
        .unwrap();
    assert_eq!(es["unformattable"], serde_json::json!(["dangling"]));
    assert!(manifest["files"]["messages.d.ts"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));
    // messages.json: static text kept, patterns and kinds for the rest.
    let m = json(&read(root.join("dist/es/messages.json")));
    assert_eq!(m["messages"]["files"]["value"], serde_json::Value::Null);
    assert_eq!(
        m["messages"]["files"]["variables"],
        serde_json::json!({ "count": "number", "dir": "string" })
    );
    assert!(m["messages"]["files"]["pattern"]
        .as_str()
        .unwrap()
        .contains("$count ->"));
    assert_eq!(
        m["messages"]["files"]["attribute_patterns"]["title"]
            .as_str()
            .map(|s| s.contains("NUMBER($count)")),
        Some(true)
    );
    check_bundles_with_arguments(root);
}

#[test]
fn icu_fluent_and_fluent_rs_agree_with_arguments_on_a_generated_app_corpus() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    let generator = std::path::Path::new(env!("CARGO_BIN_EXE_carta"))
        .parent()
        .expect("target dir")
        .join("examples/gen_corpus");
    assert!(
        generator.is_file(),
        "cargo test builds the examples: {}",
        generator.display()
    );
    let run = |args: &[&str]| {
        let out = Command::new(&generator)
            .args(args)
            .output()
            .expect("gen_corpus runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let dir = root.to_str().expect("utf-8 temp dir");
    run(&["content", "--out", dir, "--messages", "300"]);
    carta_ok(root, &["extract"], 0);
    run(&["locales", "--out", dir, "--locales", "10"]);
    carta_ok(root, &["build"], 0);
    check_bundles_with_arguments(root);
}

#[test]
fn typescript_accepts_a_typed_consumer_and_rejects_a_wrong_id_and_a_missing_argument() {
    let tmp = shipped_project();
    let root = tmp.path();
    write(root.join("locales/en-US/app.ftl"), APP_EN);
    carta_ok(root, &["build"], 0);
    let ts = root.join("ts");
    std::fs::create_dir_all(&ts).unwrap();
    std::fs::copy(root.join("dist/messages.d.ts"), ts.join("messages.d.ts")).unwrap();
    let header =
        "import type { Format, MessageArgs } from \"./messages\";\ndeclare const t: Format;\n";
    let cases = [
        ("ok.ts", "export const a: string = t(\"dry-needling-title\");\nexport const b: string = t(\"files\", { count: 2, dir: \"x\" });\nexport const c: string = t(\"files.title\", { count: 1 });\nexport const d: MessageArgs<\"place\"> = { rank: 3 };\n", true),
        ("wrong-id.ts", "export const a = t(\"no-such-message\");\n", false),
        ("missing-argument.ts", "export const b = t(\"files\", { count: 2 });\n", false),
        ("wrong-kind.ts", "export const b = t(\"place\", { rank: \"third\" });\n", false),
    ];
    let tsc = repo().join("tests/node/node_modules/typescript/bin/tsc");
    for (name, body, accept) in cases {
        write(ts.join(name), &format!("{header}{body}"));
        let (ok, text) = node(&[
            tsc.as_os_str(),
            "--noEmit".as_ref(),
            "--strict".as_ref(),
            "--target".as_ref(),
            "es2022".as_ref(),
            "--module".as_ref(),
            "esnext".as_ref(),
            "--moduleResolution".as_ref(),
            "bundler".as_ref(),
            ts.join(name).as_os_str(),
        ]);
        assert_eq!(ok, accept, "{name}:\n{text}");
        if !accept {
            assert!(text.contains("error TS"), "{name}: {text}");
        }
    }
    // The JSON schema says the same to any other app.
    let schema = json(&read(root.join("dist/messages.schema.json")));
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(validator.is_valid(
        &serde_json::json!({ "files": { "count": 2, "dir": "x" }, "dry-needling-title": {} })
    ));
    assert!(!validator.is_valid(&serde_json::json!({ "files": { "count": 2 } })));
    assert!(!validator.is_valid(&serde_json::json!({ "no-such-message": {} })));
}

/// The third round of outside attacks on the bundles, each case a part that read one
/// way in messages.json and another in messages.ftl or messages.icu.json (or made
/// @fluent/bundle throw on loading): the real runtimes format every part of every
/// locale alike with arguments.
#[test]
fn what_the_attackers_found_reads_the_same_in_every_bundle() {
    let tmp = common::ftl_project();
    let root = tmp.path();
    write(
        root.join("locales/en-US/main.ftl"),
        "-brand = Firefox\n\
         m = Hello\n    .title = { m } title\n\
         helper = Helper\n    .x = HX\n\
         b = B { helper.x } / { helper }\n\
         e = E { -brand }\n    .a = { e } again\n\
         d = D { e }\n\
         about = About { -brand }\n\
         uses = Uses { -brand }\n\
         files = You have { $n } files\n\
         ind =\n    a\n      { $v } b\n\
         tab = Hello\n    \t\n\
         r = See { helper.x }\n\
         esc = Mark { \"x\" } { $n }\n\
         intro = Read this leaflet.\ndose = Take 1 tablet a day.\n\
         care = Keep it clean.\n    Do not swim.\n\
         para =\n    One\n    Two\n\
         k = { $n ->\n    [one] one\n   *[other] many\n}\n\
         count = { $c } items\nsummary = Summary: { count }\n",
    );
    write(
        root.join("locales/de/main.ftl"),
        "-brand = Feuerfuchs\n-brand__en-US = Eigener Begriff\nuses = Benutzt { -brand__en-US }\n\
         m = Hallo\n\
         helper = Helfer\n    .x = HX de\n\
         e = DE { -brand }\n\
         files = { h }\nh = { $n ->\n    [one] Sie haben eine Datei\n   *[other] Sie haben { $n } Dateien\n}\n\
         ind =\n    a\n      { $v } b de\n\
         tab = Hallo\n    \t\n\
         r = Siehe { helper    .x }\n\
         esc = Markierung { \"\\UFFFFFF\" } { $n }\n\
         intro = Lesen Sie dies.\u{2028}dose = Nehmen Sie 10 Tabletten.\rmehr\n\
         dose = Nehmen Sie 1 Tablette am Tag.\n\
         care = Sauber halten.\n    \u{3000}Nicht schwimmen.\n\
         para =\n    Eins\n      \n    Zwei\n\
         k = \t{ $n ->\n    [one] eins\n   *[other] viele\n}\n\
         count = { NUMBER($c) } Stück\nsummary = Übersicht\n",
    );
    write(
        root.join("locales/de-AT/main.ftl"),
        "m = Servus\nsummary = Überblick: { count }\n",
    );
    carta_ok(root, &["build", "--pseudo"], 0);
    let de = json(&read(root.join("dist/de/messages.json")));
    assert_eq!(de["messages"]["m"]["attributes"]["title"], "Hello title");
    assert_eq!(de["messages"]["b"]["value"], "B HX / Helper");
    assert_eq!(de["messages"]["about"]["value"], "About Firefox");
    let ftl = read(root.join("dist/de/messages.ftl"));
    assert!(ftl.contains("-brand__en-US = Eigener Begriff"), "{ftl}");
    assert!(ftl.contains("about = About { -brand__en-US_2 }"), "{ftl}");
    // @fluent/bundle found a second `dose` behind the U+2028 and kept it (10 tablets).
    assert_eq!(
        de["messages"]["dose"]["value"],
        "Nehmen Sie 1 Tablette am Tag."
    );
    assert!(!ftl.contains('\u{2028}') && !ftl.contains('\r'), "{ftl}");
    // The source says `{n, number}` because a translation's helper plural needs a number.
    assert_eq!(
        json(&read(root.join("dist/en-US/messages.icu.json")))["files"],
        "You have {n, number} files"
    );
    // de's NUMBER($c), reached from de-AT's summary, makes `c` a number for the source's
    // summary too.
    assert_eq!(
        json(&read(root.join("dist/en-US/messages.icu.json")))["summary"],
        "Summary: {c, number} items"
    );
    check_bundles_with_arguments(root);
}
