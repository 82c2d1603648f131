//! Invariants the fuzz targets (`fuzz/`) and their regression tests
//! (`tests/fuzz_regressions.rs`) assert on arbitrary input. Each function panics when
//! carta breaks a promise; that is the point, so they are only for tests and fuzzing.
#![doc(hidden)]

use std::collections::HashSet;

use crate::catalog::{Catalog, EntryKind};
use crate::locale::Tag;

/// The shipped source messages, the fixed source the FTL targets check against.
pub const SOURCE: &str = include_str!("../locales/en-US/dry-needling.ftl");
const MARKDOWN: &str = include_str!("../content/dry-needling.md");

/// Markdown → extract: unique valid IDs, Fluent without junk, idempotent.
pub fn extract(md: &str) {
    let doc = crate::content::parse("fuzz", md);
    let ids = crate::extract::assign_ids(std::slice::from_ref(&doc), &[vec![]]).remove(0);
    let mut seen = HashSet::new();
    for id in ids.iter().flatten() {
        assert!(crate::ftl::is_identifier(id), "invalid id {id:?}");
        assert!(seen.insert(id.clone()), "duplicate id {id:?}");
    }
    let ftl = crate::extract::render(&doc, &ids, "content/fuzz.md");
    if crate::catalog::too_deep(&ftl).is_some() || crate::catalog::panicking_escape(&ftl).is_some()
    {
        return; // carta refuses such files when it reads them
    }
    let catalog = Catalog::parse(&ftl);
    assert!(
        catalog.errors.is_empty(),
        "extract wrote invalid Fluent:\n{ftl}\n{:?}",
        catalog.errors
    );
    let previous = crate::extract::previous_messages(&catalog);
    let again = crate::extract::assign_ids(std::slice::from_ref(&doc), &[previous]).remove(0);
    assert_eq!(
        crate::extract::render(&doc, &again, "content/fuzz.md"),
        ftl,
        "extract is not idempotent"
    );
}

/// Any locale file → sync: junk and messages survive byte for byte; a second sync
/// changes nothing.
pub fn sync(locale: &str) {
    if crate::catalog::too_deep(locale).is_some()
        || crate::catalog::panicking_escape(locale).is_some()
    {
        return;
    }
    let source = Catalog::parse(SOURCE);
    let catalog = Catalog::parse(locale);
    let covered = rustc_hash::FxHashSet::default();
    let opts = crate::sync::Options {
        tag: "es",
        source_label: "content/dry-needling.md",
        prune: false,
        covered: &covered,
        keep: &covered,
        elsewhere: &covered,
        memory: None,
    };
    let first = crate::sync::sync(&source, &catalog, &crate::state::State::default(), &opts);
    let state = crate::state::State::default();
    for (i, span) in catalog.spans.iter().enumerate() {
        // A template is the translator's unless it is exactly one carta would write.
        let translators_template = match catalog.kind(i) {
            EntryKind::Template(id) => {
                let current = source.index.get(id).map(|&e| source.patterns(e));
                crate::sync::template_owner(&catalog, i, id, current.as_deref(), &state)
                    == crate::sync::TemplateOwner::Translator
            }
            _ => false,
        };
        if translators_template
            || matches!(
                catalog.kind(i),
                EntryKind::Junk | EntryKind::Message(_) | EntryKind::Term(_) | EntryKind::Comment
            )
        {
            let bytes = locale[span.range()].trim_end_matches(['\r', '\n']);
            assert!(
                first.text.contains(bytes),
                "sync lost {bytes:?}\n--- in\n{locale}\n--- out\n{}",
                first.text
            );
        }
    }
    let again = crate::sync::sync(&source, &Catalog::parse(&first.text), &first.state, &opts);
    assert_eq!(again.text, first.text, "sync is not idempotent");
}

/// Any locale file → every check, in several locales: positions stay inside the file.
pub fn check(locale: &str) {
    if crate::catalog::too_deep(locale).is_some()
        || crate::catalog::panicking_escape(locale).is_some()
    {
        return;
    }
    for tag in ["es", "fr", "ar", "zh-Hans"] {
        let Ok(tag) = Tag::parse(tag) else { continue };
        let (_, diagnostics) = crate::check::check_texts(&tag, SOURCE, locale);
        for d in diagnostics {
            assert!(d.offset <= locale.len(), "offset out of range: {d:?}");
        }
    }
}

/// Any text → the nesting guard: whatever it lets through, fluent-syntax nests no deeper
/// than the limit. A small limit (8) so that fuzzed input reaches it.
pub fn nesting(text: &str) {
    const LIMIT: usize = 8;
    // Both guards run where carta reads a Fluent file (`Project::read`).
    if crate::catalog::too_deep_at(text, LIMIT).is_some()
        || crate::catalog::panicking_escape(text).is_some()
    {
        return;
    }
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) | Err((r, _)) => r,
    };
    let depth = crate::catalog::ast_depth(&resource);
    assert!(
        depth <= LIMIT,
        "the guard let through nesting {depth} > {LIMIT}"
    );
}

use crate::safe_markdown::unsafe_scheme;

/// An HTML attribute value as the browser reads it: character references decoded.
fn decode_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok()
            } else {
                match name {
                    "amp" => Some(38),
                    "lt" => Some(60),
                    "gt" => Some(62),
                    "quot" => Some(34),
                    "apos" => Some(39),
                    "colon" => Some(58),
                    "tab" | "Tab" => Some(9),
                    "newline" | "NewLine" => Some(10),
                    _ => None,
                }
            };
            code.and_then(char::from_u32).map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a permissive Markdown renderer (pulldown-cmark, every extension, raw HTML
/// allowed) reads in `md`: its block structure (headings with their attributes), and it
/// asserts that no raw HTML and no unsafe link target is in it.
fn markdown_blocks(md: &str, context: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut blocks = Vec::new();
    for event in Parser::new_ext(md, Options::all()) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                panic!("an image ({dest_url}) in Markdown from {context:?}: images are written as their alt text")
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(
                    !unsafe_scheme(&dest_url),
                    "unsafe link {dest_url} in Markdown from {context:?}"
                );
            }
            // Inline formatting (strikethrough comes from `~` inside a code span that
            // another extension reads differently): not structure.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Paragraph) => {}
            // Ids and classes may come from the text (`{#call}`); attributes may not.
            Event::Start(Tag::Heading { level, attrs, .. }) => {
                blocks.push(format!("{level} {attrs:?}"))
            }
            Event::Start(tag) => blocks.push(format!("{tag:?}")),
            Event::Rule => blocks.push("rule".into()),
            Event::Html(h) | Event::InlineHtml(h) => {
                panic!("raw HTML {h:?} in Markdown from {context:?}")
            }
            _ => {}
        }
    }
    blocks
}

/// Any text → the safe Markdown writer, in every mode: no block, no raw HTML, no unsafe
/// link; as a heading, one heading without attributes.
pub fn markdown(text: &str) {
    use crate::safe_markdown::{to_markdown, Mode};
    for mode in [Mode::Heading, Mode::Line, Mode::Blocks] {
        let md = to_markdown(text, mode);
        let blocks = markdown_blocks(&md, text);
        assert!(
            blocks.is_empty(),
            "{mode:?}: {blocks:?} in {md:?} from {text:?}"
        );
    }
    let heading = format!("## {}", to_markdown(text, Mode::Heading));
    let blocks = markdown_blocks(&heading, text);
    assert!(
        blocks.len() == 1 && blocks[0].starts_with("h2 ") && blocks[0].ends_with(" []"),
        "{heading:?} from {text:?}: {blocks:?}"
    );
}

/// Any locale file → build of one locale: valid JSON, no markup from the translation
/// becomes an active HTML element or attribute, and the Markdown handout, read by a
/// renderer that allows raw HTML, has the source's structure, no raw HTML and no unsafe
/// link.
pub fn build(locale: &str) {
    if crate::catalog::too_deep(locale).is_some()
        || crate::catalog::panicking_escape(locale).is_some()
    {
        return;
    }
    let doc = crate::content::parse("dry-needling", MARKDOWN);
    let previous = crate::extract::previous_messages(&Catalog::parse(SOURCE));
    let ids = crate::extract::assign_ids(std::slice::from_ref(&doc), &[previous]).remove(0);
    let docs = [crate::commands::extract::Extracted {
        doc,
        ids,
        source_path: "content/dry-needling.md".into(),
        meta: Default::default(),
    }];
    let (Ok(es), Ok(en)) = (Tag::parse("es"), Tag::parse("en-US")) else {
        return;
    };
    let files = crate::commands::build::build_texts(
        &es,
        &en,
        &[SOURCE.to_string()],
        &[locale.to_string()],
        &docs,
    );
    static SOURCE_MARKDOWN: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let source_blocks = SOURCE_MARKDOWN.get_or_init(|| {
        // Nothing translated: the Markdown is the source's.
        let files =
            crate::commands::build::build_texts(&es, &en, &[SOURCE.to_string()], &[], &docs);
        files
            .iter()
            .find(|(p, _)| p.extension().is_some_and(|e| e == "md"))
            .map(|(_, b)| markdown_blocks(&String::from_utf8_lossy(b), "the source"))
            .unwrap_or_default()
    });
    for (path, bytes) in files {
        let name = path.to_string_lossy().to_string();
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".md") {
            assert_eq!(
                &markdown_blocks(&text, locale),
                source_blocks,
                "the translation changed the Markdown's structure: {locale:?}\n{text}"
            );
        }
        if name.ends_with(".json") {
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "invalid JSON in {name}"
            );
        }
        if name.ends_with(".html") {
            let lower = text.to_ascii_lowercase();
            assert_eq!(
                lower.matches("<style").count(),
                1,
                "a <style> element from {locale:?}"
            );
            for tag in [
                "<script", "<img", "<iframe", "<svg", "<object", "<embed", "<link",
            ] {
                assert!(!lower.contains(tag), "{tag} in HTML from {locale:?}");
            }
            // Every link and source as the browser reads it (found by the fuzzer: a
            // relative `javascriptd','x'` is no `javascript:` link).
            for attr in [" href=\"", " src=\"", " action=\"", " formaction=\""] {
                for (at, _) in lower.match_indices(attr) {
                    let value = &text[at + attr.len()..];
                    let value = &value[..value.find('"').unwrap_or(value.len())];
                    assert!(
                        !unsafe_scheme(&decode_attribute(value)),
                        "unsafe link {value} in HTML from {locale:?}"
                    );
                }
            }
            let handler = lower.split('<').skip(1).any(|t| {
                let inside = t.split('>').next().unwrap_or("");
                // Attribute names only: quoted values are dropped.
                let names: String = inside.split('"').step_by(2).collect();
                names.contains(" on")
            });
            assert!(
                !handler,
                "an event-handler attribute in HTML from {locale:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_judged_as_a_browser_reads_them() {
        assert!(unsafe_scheme(&decode_attribute("javascript&#x3a;alert(1)")));
        assert!(unsafe_scheme(&decode_attribute("java&#9;script&colon;x")));
        assert!(unsafe_scheme(" DATA:text/html,x"));
        assert!(!unsafe_scheme(&decode_attribute(
            "javascriptd&#x27;,&#x27;span&#x27;"
        )));
        assert!(!unsafe_scheme("##data:x"));
        assert!(!unsafe_scheme("https://x.example/javascript:"));
    }
}
