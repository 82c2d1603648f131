//! Any locale file → sync against the shipped source: junk, comments and translations
//! come back, and a second sync changes nothing.
#![no_main]

use std::collections::HashSet;

use carta::catalog::{Catalog, EntryKind};
use libfuzzer_sys::fuzz_target;

const SOURCE: &str = include_str!("../../locales/en-US/dry-needling.ftl");

fuzz_target!(|data: &[u8]| {
    let Ok(locale) = std::str::from_utf8(data) else { return };
    if carta::catalog::too_deep(locale).is_some() {
        return; // refused on read by carta
    }
    let source = Catalog::parse(SOURCE);
    let catalog = Catalog::parse(locale);
    let covered = HashSet::new();
    let opts = carta::sync::Options { tag: "es", source_label: "content/dry-needling.md", prune: false, covered: &covered };
    let first = carta::sync::sync(&source, &catalog, &carta::state::State::default(), &opts);
    // Every junk entry and every translated or obsolete message survives, byte for byte
    // (up to the line ending of the file's last line).
    for (i, span) in catalog.spans.iter().enumerate() {
        let keep = matches!(catalog.kind(i), EntryKind::Junk | EntryKind::Message(_) | EntryKind::Term(_));
        if keep {
            let bytes = locale[span.range()].trim_end_matches(['\r', '\n']);
            assert!(first.text.contains(bytes), "lost {bytes:?}\n--- in\n{locale}\n--- out\n{}", first.text);
        }
    }
    let again = carta::sync::sync(&source, &Catalog::parse(&first.text), &first.state, &opts);
    assert_eq!(again.text, first.text, "sync is not idempotent");
});
