//! Fuzz target: arbitrary UTF-8 input against `carta::invariants::nesting` (see that
//! module for what must hold). Crashers are kept in fuzz/regressions/nesting/ and replayed by
//! tests/fuzz_regressions.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        carta::invariants::nesting(text);
    }
});
