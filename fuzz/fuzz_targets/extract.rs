//! Markdown → extract: any text gives unique, valid IDs, Fluent without junk, and a
//! second extract over the first's output changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(md) = std::str::from_utf8(data) else { return };
    let doc = carta::content::parse("fuzz", md);
    let ids = carta::extract::assign_ids(std::slice::from_ref(&doc), &[vec![]]).remove(0);
    let mut seen = std::collections::HashSet::new();
    for id in ids.iter().flatten() {
        assert!(carta::ftl::is_identifier(id), "invalid id {id:?}");
        assert!(seen.insert(id.clone()), "duplicate id {id:?}");
    }
    let ftl = carta::extract::render(&doc, &ids, "content/fuzz.md");
    if carta::catalog::too_deep(&ftl).is_some() {
        return; // carta refuses such files on read; nothing further to test
    }
    let catalog = carta::catalog::Catalog::parse(&ftl);
    assert!(catalog.errors.is_empty(), "extract wrote invalid Fluent:\n{ftl}\n{:?}", catalog.errors);
    let previous = carta::extract::previous_messages(&catalog);
    let again = carta::extract::assign_ids(std::slice::from_ref(&doc), &[previous]).remove(0);
    assert_eq!(carta::extract::render(&doc, &again, "content/fuzz.md"), ftl, "not idempotent");
});
