//! Real consumers of `carta build`: every handout rendered in headless Chromium
//! (Debian's `chromium`, installed by scripts/test.sh), including a hostile translation.
//! A screenshot per locale is kept in `target/test-artifacts/screenshots/`.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// A German "translation" written by an attacker: every way to get markup or script in.
fn hostile_locale(root: &Path) {
    let source = read(root.join("locales/en-US/dry-needling.ftl"));
    let mut out = String::new();
    let payloads = [
        "<script>document.documentElement.setAttribute('data-pwned','script')</script>Trockennadelung",
        "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">Was ist das?",
        "</title><script>document.documentElement.setAttribute('data-pwned','title')</script>",
        "[Klick](javascript:document.documentElement.setAttribute('data-pwned','link')) und [hier](JaVaScRiPt:alert(1))",
        "Text mit \u{202E}Bidi-Umkehrung\u{202C} und <b onmouseover=alert(1)>fett</b>",
        "<iframe src=\"javascript:parent.document.documentElement.setAttribute('data-pwned','iframe')\"></iframe>",
        "<svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\"></svg><style>body{display:none}</style>",
    ];
    let mut n = 0;
    for line in source.lines() {
        if let Some((id, _)) = line.split_once(" = ") {
            if !line.starts_with(' ') && !line.starts_with('#') {
                out.push_str(&format!(
                    "{id} = {}\n",
                    escape_ftl(payloads[n % payloads.len()])
                ));
                n += 1;
                continue;
            }
        }
        if let Some((attr, _)) = line.trim_start().split_once(" = ") {
            if line.starts_with("    .") {
                out.push_str(&format!(
                    "    {attr} = {}\n",
                    escape_ftl(payloads[n % payloads.len()])
                ));
                n += 1;
            }
        }
    }
    std::fs::create_dir_all(root.join("locales/de")).unwrap();
    write(root.join("locales/de/dry-needling.ftl"), &out);
}

/// `{` and `}` are Fluent syntax: written as string literals so payloads arrive intact.
fn escape_ftl(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '{' => "{\"{\"}".to_string(),
            '}' => "{\"}\"}".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

/// Fonts for Arabic and Chinese: without them Chromium draws those handouts as empty
/// boxes and every screenshot would still "pass".
fn assert_fonts_for(langs: &[&str]) {
    for lang in langs {
        let out = Command::new("fc-list")
            .arg(format!(":lang={lang}"))
            .arg("family")
            .output()
            .expect("fc-list (fontconfig) is needed: run `bash scripts/test.sh`");
        let families = String::from_utf8_lossy(&out.stdout);
        assert!(
            !families.trim().is_empty(),
            "no font covers `{lang}`: its handout would render as empty boxes. Install Debian's fonts-noto-core and fonts-noto-cjk (`bash scripts/test.sh` does)"
        );
    }
}

#[test]
fn every_handout_renders_in_chromium_and_hostile_text_stays_inert() {
    assert_fonts_for(&["ar", "zh", "vi"]);
    let tmp = shipped_project();
    let root = tmp.path();
    hostile_locale(root);
    carta_ok(root, &["build", "--pseudo"], 0);
    let dist = root.join("dist");
    // The other formats stay inert too: the Markdown gains no raw HTML (every `<` is
    // escaped), the JSON files parse and keep the payload as plain text.
    let md = read(dist.join("de/dry-needling.md"));
    assert!(md.contains("\\<script>"), "{md}");
    assert_eq!(
        md.matches('<').count(),
        md.matches("\\<").count(),
        "unescaped < in Markdown:\n{md}"
    );
    let doc = json(&read(dist.join("de/dry-needling.json")));
    assert!(doc["title"]["text"]
        .as_str()
        .unwrap()
        .starts_with("<script>"));
    json(&read(dist.join("de/messages.json")));
    let manifest = json(&read(dist.join("manifest.json")));
    let artifacts = repo().join("target/test-artifacts/screenshots");
    std::fs::create_dir_all(&artifacts).unwrap();
    let locales = manifest["locales"].as_array().unwrap();
    assert!(locales.len() >= 10, "source, 7 shipped, de, 2 pseudo");

    let handles: Vec<_> = locales
        .iter()
        .map(|l| {
            let tag = l["tag"].as_str().unwrap().to_string();
            let dir = l["dir"].as_str().unwrap().to_string();
            let dist = dist.clone();
            let artifacts = artifacts.clone();
            std::thread::spawn(move || {
                let profile = tempfile::tempdir().unwrap();
                let page = dist.join(&tag).join("dry-needling.html");
                let dom = dump_dom(&page);
                // Exactly these attributes: an injected script would have added one.
                assert!(
                    dom.contains(&format!("<html lang=\"{tag}\" dir=\"{dir}\"><head>")),
                    "{tag}: {}",
                    &dom[..dom.len().min(300)]
                );
                assert!(
                    !dom.contains(&format!("{PWNED}=\"")),
                    "{tag}: injected script ran: {dom}"
                );
                assert!(
                    !dom.contains("href=\"javascript"),
                    "{tag}: javascript: link survived"
                );
                assert!(!dom.contains("<script"), "{tag}: a script element exists");
                // The only image is the clinic's logo ([clinic] in carta.toml), embedded.
                assert!(
                    !dom.contains("<iframe")
                        && !dom.contains("<svg")
                        && dom.matches("<img").count()
                            == dom
                                .matches("<img class=\"clinic-logo\" src=\"data:image/png;base64,")
                                .count(),
                    "{tag}: markup from the translation became elements"
                );
                let messages = json(&read(dist.join(&tag).join("messages.json")));
                let title = messages["messages"]["dry-needling-title"]["value"]
                    .as_str()
                    .unwrap();
                if tag != "de" {
                    let start = dom
                        .find("<h1 id=\"dry-needling-title\">")
                        .unwrap_or_else(|| panic!("{tag}: no title"));
                    let h1 = &dom[start..start + dom[start..].find("</h1>").unwrap()];
                    assert!(
                        h1.contains(&html_escape(title)),
                        "{tag}: expected {title} in {h1}"
                    );
                } else {
                    assert!(
                        dom.contains("&lt;script&gt;document.documentElement"),
                        "de: the payload shows as text"
                    );
                    assert!(
                        !dom.contains("class=\"fallback\""),
                        "de: every hostile message parsed and was used"
                    );
                }
                let shot = artifacts.join(format!("{tag}.png"));
                let _ = std::fs::remove_file(&shot);
                let status = headless(profile.path())
                    .arg("--virtual-time-budget=2000")
                    .arg(format!("--screenshot={}", shot.display()))
                    .arg("--window-size=900,1400")
                    .arg(format!("file://{}", page.display()))
                    .output()
                    .expect("screenshot");
                assert!(
                    shot.exists() && std::fs::metadata(&shot).unwrap().len() > 10_000,
                    "{tag}: no screenshot: {}",
                    String::from_utf8_lossy(&status.stderr)
                );
                tag
            })
        })
        .collect();
    let mut done = Vec::new();
    for h in handles {
        done.push(h.join().expect("a locale failed"));
    }
    // The language picker lists every locale by its own name.
    let index = dump_dom(&dist.join("index.html"));
    for (tag, name) in [
        ("es", "Español"),
        ("ar", "العربية"),
        ("zh-Hans", "中文（简体）"),
        ("vi", "Tiếng Việt"),
        ("pt-BR", "Português (Brasil)"),
    ] {
        assert!(
            index.contains(&format!("href=\"{tag}/dry-needling.html\"")),
            "{tag}"
        );
        assert!(index.contains(name), "{name}");
    }
    eprintln!(
        "rendered {} locales in chromium: {}",
        done.len(),
        done.join(", ")
    );
}

/// Regression (issue 14, item 3): the Markdown handouts of a hostile translation, turned
/// into HTML by a CommonMark renderer that allows raw HTML (pulldown-cmark, every
/// extension on), run no script in Chromium and keep no unsafe link.
#[test]
fn markdown_handouts_rendered_with_raw_html_allowed_run_no_script() {
    use pulldown_cmark::{Options, Parser};
    let mut pages = Vec::new();
    let projects = hostile_markdown_projects();
    for project in &projects {
        for entry in std::fs::read_dir(project.path().join("dist/de")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let mut body = String::new();
                pulldown_cmark::html::push_html(
                    &mut body,
                    Parser::new_ext(&read(&path), Options::all()),
                );
                let page = path.with_extension("rendered.html");
                write(
                    &page,
                    &format!("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"></head><body>\n{body}</body></html>\n"),
                );
                pages.push(page);
            }
        }
    }
    assert!(pages.len() >= 3, "{pages:?}");
    for page in pages {
        let dom = dump_dom(&page);
        assert!(
            dom.contains("<html lang=\"de\"><head>"),
            "{}: {}",
            page.display(),
            &dom[..dom.len().min(300)]
        );
        assert!(
            !dom.contains(&format!("{PWNED}=\"")),
            "{}: script ran: {dom}",
            page.display()
        );
        for needle in [
            "href=\"javascript",
            "href=\"data:",
            "href=\"vbscript",
            "<script",
            "<img",
            "<svg",
            "<details",
        ] {
            assert!(
                !dom.to_ascii_lowercase().contains(needle),
                "{}: {needle} in {dom}",
                page.display()
            );
        }
        assert!(
            dom.contains("onerror="),
            "{}: the payload shows as text",
            page.display()
        );
    }
}
