//! Fuzz target: arbitrary UTF-8 input against `carta::invariants::markdown` (see that
//! module for what must hold). Crashers are kept in fuzz/regressions/markdown/ and replayed by
//! tests/fuzz_regressions.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        carta::invariants::markdown(text);
    }
});
