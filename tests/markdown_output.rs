//! The Markdown output is inert wherever it is opened: every `dist/**/*.md` of a project
//! translated by an attacker ([`common::HOSTILE_MARKDOWN`]) is read by pulldown-cmark
//! with every extension on and raw HTML allowed, as a permissive renderer would. No raw
//! HTML, no unsafe link and no block the source does not have may come out of it
//! (regression, issue 14, items 3 and 4). The same pages rendered to HTML are loaded in
//! Chromium by `tests/browser.rs`.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// What a permissive renderer reads: the block structure (every block start, headings
/// with their level), and every raw HTML event and link target.
#[derive(Debug, Default)]
struct Reading {
    blocks: Vec<String>,
    html: Vec<String>,
    links: Vec<String>,
}

fn read_markdown(md: &str) -> Reading {
    let mut r = Reading::default();
    for event in Parser::new_ext(md, Options::all()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                r.links.push(dest_url.to_string())
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Paragraph) => {}
            // A translated heading loses the author's `{#id}`; it must gain no attribute.
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => r
                .blocks
                .push(format!("Heading({level}, {classes:?}, {attrs:?})")),
            Event::Start(tag) => r.blocks.push(format!("{tag:?}")),
            Event::Rule => r.blocks.push("Rule".into()),
            Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.to_string()),
            _ => {}
        }
    }
    r
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn hostile_translations_stay_inline_and_inert_in_markdown() {
    for project in hostile_markdown_projects() {
        let dist = project.path().join("dist");
        let files = markdown_files(&dist.join("de"));
        assert!(!files.is_empty());
        for file in files {
            let md = read(&file);
            let source = read(dist.join("en-US").join(file.file_name().unwrap()));
            let (got, want) = (read_markdown(&md), read_markdown(&source));
            assert_eq!(
                got.blocks,
                want.blocks,
                "{}: the translation changed the structure:\n{md}",
                file.display()
            );
            // The only raw HTML is what the author wrote (none in these handouts).
            assert_eq!(got.html, want.html, "{}: raw HTML in\n{md}", file.display());
            for link in &got.links {
                let lower = link.to_ascii_lowercase();
                assert!(
                    !["javascript:", "data:", "vbscript:"]
                        .iter()
                        .any(|s| lower.contains(s)),
                    "{}: unsafe link {link}",
                    file.display()
                );
            }
            // Rendered with raw HTML allowed, nothing can run.
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, Parser::new_ext(&md, Options::all()));
            for needle in [
                "<script",
                "<img",
                "<svg",
                "<div",
                "<details",
                "href=\"javascript",
            ] {
                assert!(
                    !html.contains(needle),
                    "{}: {needle} in\n{html}",
                    file.display()
                );
            }
            // The payloads are still there, as text.
            assert!(
                html.contains("&lt;img src=x onerror="),
                "{}:\n{html}",
                file.display()
            );
        }
        // The HTML handout keeps the source's structure too: one title, no extra headings.
        for file in markdown_files(&dist.join("en-US")) {
            let name = file.file_stem().unwrap().to_string_lossy().to_string();
            let page = read(dist.join("de").join(format!("{name}.html")));
            let source = read(dist.join("en-US").join(format!("{name}.html")));
            for tag in [
                "<h1",
                "<h2",
                "<h3",
                "<ul",
                "<ol",
                "<li",
                "<blockquote",
                "<pre",
                "<hr",
                "<table",
            ] {
                assert_eq!(
                    page.matches(tag).count(),
                    source.matches(tag).count(),
                    "{name}.html: {tag} count differs:\n{page}"
                );
            }
        }
    }
}

/// `check` names what the attacker tried: a `structure` warning for every text that
/// would open a block.
#[test]
fn check_reports_block_structure_in_translations() {
    let tmp = shipped_project();
    hostile_markdown_locale(tmp.path(), "de");
    let report = json(&carta_ok(
        tmp.path(),
        &["check", "--locale", "de", "--format", "json"],
        0,
    ));
    let structure: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["check"] == "structure")
        .collect();
    assert!(
        structure
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("a code block")),
        "{structure:#?}"
    );
    assert!(structure.iter().all(|d| d["code"] == "W013"));
    let schema = json(&read(repo().join("schemas/check-report.v1.json")));
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(validator.is_valid(&report), "the report matches its schema");
    assert!(structure.len() >= 5, "{structure:#?}");
}
