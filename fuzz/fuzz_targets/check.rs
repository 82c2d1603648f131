//! Any locale file → every check, including fluent-bundle formatting: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

const SOURCE: &str = include_str!("../../locales/en-US/dry-needling.ftl");

fuzz_target!(|data: &[u8]| {
    let Ok(locale) = std::str::from_utf8(data) else { return };
    if carta::catalog::too_deep(locale).is_some() {
        return;
    }
    for tag in ["es", "fr", "ar", "zh-Hans"] {
        let tag = carta::locale::Tag::parse(tag).unwrap();
        let (_, diagnostics) = carta::check::check_texts(&tag, SOURCE, locale);
        for d in diagnostics {
            assert!(d.offset <= locale.len(), "offset out of range: {d:?}");
        }
    }
});
