//! Replays every input the fuzzers once crashed on (`fuzz/regressions/<target>/`)
//! through the same invariants the fuzz targets assert, so a fixed crash stays fixed.

use std::path::Path;

#[test]
fn fuzz_regressions_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for (target, check) in [
        ("extract", carta::invariants::extract as fn(&str)),
        ("sync", carta::invariants::sync),
        ("check", carta::invariants::check),
        ("build_locale", carta::invariants::build),
        ("markdown", carta::invariants::markdown),
        ("nesting", carta::invariants::nesting),
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let result = std::panic::catch_unwind(|| check(text));
                assert!(result.is_ok(), "{} fails again", path.display());
                replayed += 1;
            }
        }
    }
    assert!(replayed > 0, "no regression inputs found");
    // The seed inputs must pass too: the shipped handout and translations.
    carta::invariants::extract(include_str!("../content/dry-needling.md"));
    for f in ["es", "fr", "ar", "zh-Hans", "vi", "pt-BR", "es-MX"] {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{f}/dry-needling.ftl")),
        )
        .unwrap();
        carta::invariants::sync(&text);
        carta::invariants::check(&text);
        carta::invariants::build(&text);
        carta::invariants::nesting(&text);
        for line in text.lines() {
            carta::invariants::markdown(line);
        }
    }
}
