//! Any locale file → build of one locale (HTML, Markdown, JSON, FTL): no panic, the JSON
//! is valid, and no markup from the translation becomes an HTML element.
#![no_main]

use std::sync::OnceLock;

use carta::commands::extract::Extracted;
use carta::locale::Tag;
use libfuzzer_sys::fuzz_target;

const SOURCE: &str = include_str!("../../locales/en-US/dry-needling.ftl");
const MARKDOWN: &str = include_str!("../../content/dry-needling.md");

fn docs() -> &'static Vec<Extracted> {
    static DOCS: OnceLock<Vec<Extracted>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let doc = carta::content::parse("dry-needling", MARKDOWN);
        let previous = carta::extract::previous_messages(&carta::catalog::Catalog::parse(SOURCE));
        let ids = carta::extract::assign_ids(std::slice::from_ref(&doc), &[previous]).remove(0);
        vec![Extracted { doc, ids, source_path: "content/dry-needling.md".into() }]
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(locale) = std::str::from_utf8(data) else { return };
    if carta::catalog::too_deep(locale).is_some() {
        return;
    }
    let files = carta::commands::build::build_texts(&Tag::parse("es").unwrap(), &Tag::parse("en-US").unwrap(), &[SOURCE.to_string()], &[locale.to_string()], docs());
    for (path, bytes) in files {
        let name = path.to_string_lossy().to_string();
        let text = String::from_utf8(bytes).expect("UTF-8 output");
        if name.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
        }
        if name.ends_with(".html") {
            let lower = text.to_ascii_lowercase();
            // The page itself has exactly one <style> and no other active elements.
            assert_eq!(lower.matches("<style").count(), 1, "a <style> from input {locale:?}");
            for tag in ["<script", "<img", "<iframe", "<svg", "<object", "<embed", "<link", "<meta http-equiv", "href=\"javascript", "href=\"data:", " on"] {
                if tag == " on" {
                    // No event-handler attribute on any element: ` on…=` only inside text.
                    let has_handler = lower.split('<').skip(1).any(|t| {
                        let inside = t.split('>').next().unwrap_or("");
                        // Attribute names only: drop the quoted values.
                        let names: String = inside.split('"').step_by(2).collect();
                        names.contains(" on")
                    });
                    assert!(!has_handler, "event handler attribute from input {locale:?}");
                    continue;
                }
                assert!(!lower.contains(tag), "{tag} in HTML from input {locale:?}");
            }
        }
    }
});
