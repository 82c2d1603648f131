//! Readability per document and locale (issue 17, item 6) where it is published: in
//! `dist/manifest.json` per locale and handout, and on the review page; and the settings
//! of `[check]` that govern its warnings.

mod common;

use common::*;

/// The shipped handout: its real grade in the source, every translation's score beside
/// it, an explicit "not available" where the language has no measure.
#[test]
fn manifest_and_review_page_show_each_locales_readability() {
    let tmp = shipped_project();
    carta_ok(tmp.path(), &["build"], 0);
    let manifest = json(&read(tmp.path().join("dist/manifest.json")));
    let locales = manifest["locales"].as_array().expect("locales");
    let of = |tag: &str| -> serde_json::Value {
        locales
            .iter()
            .find(|l| l["tag"] == tag)
            .unwrap_or_else(|| panic!("{tag} in the manifest"))["documents"]["dry-needling"]
            ["readability"]
            .clone()
    };
    let en = of("en-US");
    assert_eq!(en["formula"], "Flesch / Flesch-Kincaid");
    assert!(en["grade"].as_f64().unwrap() > 8.0, "{en}");
    assert!(en["words"].as_u64().unwrap() > 300, "{en}");
    for (tag, formula) in [
        ("es", "Fernández Huerta"),
        ("es-MX", "Fernández Huerta"),
        ("fr", "Kandel-Moles"),
        ("pt-BR", "Flesch (Martins et al. 1996)"),
    ] {
        let r = of(tag);
        assert_eq!(r["formula"], formula, "{tag}: {r}");
        assert!(
            r["score"].is_number() && r["grade"].is_number(),
            "{tag}: {r}"
        );
    }
    assert!(of("es")["inflesz"].is_number());
    for tag in ["ar", "vi", "zh-Hans"] {
        let r = of(tag);
        assert!(r["grade"].is_null(), "{tag}: {r}");
        assert!(
            r["unavailable"]
                .as_str()
                .unwrap()
                .starts_with("not available"),
            "{tag}: {r}"
        );
    }
    // es-MX's page is its overrides plus Spanish from es: all of it counts.
    assert!(of("es-MX")["words"].as_u64() >= of("es")["words"].as_u64());

    let page = read(tmp.path().join("dist/review/es.html"));
    assert!(
        page.contains(
            "<p class=\"readability\">Readability of the translation (es): Fernández Huerta "
        ),
        "{page}"
    );
    assert!(page.contains("of the source (en-US): Flesch / Flesch-Kincaid "));
    let zh = read(tmp.path().join("dist/review/zh-Hans.html"));
    assert!(zh.contains("Readability of the translation (zh-Hans): not available: "));
}

/// `readability` and `harder-than-source` are checks like the others: a severity in
/// `[check.severity]` changes them; without `max-grade` only the comparison remains.
#[test]
fn readability_warnings_follow_the_config() {
    let tmp = shipped_project();
    let root = tmp.path();
    let count = |report: &serde_json::Value, check: &str| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["check"] == check)
            .count()
    };
    let report = json(&carta_ok(root, &["check", "--format", "json"], 0));
    // The source once, and es, es-MX, fr, pt-BR: ar, vi and zh-Hans have no measure.
    assert_eq!(count(&report, "readability"), 5, "{report}");
    let toml = root.join("carta.toml");
    let shipped = read(&toml);
    write(
        &toml,
        &format!("{shipped}\n[check.severity]\nW015 = \"off\"\n"),
    );
    let report = json(&carta_ok(root, &["check", "--format", "json"], 0));
    assert_eq!(count(&report, "readability"), 0);
    // A very low bar for "markedly harder": the comparison fires where a translation
    // reads harder at all (pt-BR, on Flesch's table), and only there.
    write(&toml, &shipped.replace("max-grade = 8", "harder-by = 0.1"));
    let report = json(&carta_ok(root, &["check", "--format", "json"], 0));
    assert_eq!(count(&report, "readability"), 0, "no max-grade, no W015");
    let harder: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["check"] == "harder-than-source")
        .map(|d| d["locale"].as_str().unwrap())
        .collect();
    assert_eq!(harder, vec!["pt-BR"]);
    // Out of range: exit 2, naming the key.
    write(&toml, &shipped.replace("max-grade = 8", "harder-by = 0"));
    let out = carta(root, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`check.harder-by` must be"));
    write(
        &toml,
        &shipped.replace("max-grade = 8", "max-grade = \"eight\""),
    );
    let out = carta(root, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("carta.toml"));
}
