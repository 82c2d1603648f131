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
