//! Any text as clause source: diagnostics, never a panic; whatever parses prints canonically
//! and parses back to the same clauses.
#![no_main]

use dealscope_core::lang::{parse, print};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = parse(&text);
    if !parsed.clauses.is_empty() {
        let again = parse(&print(&parsed.clauses));
        assert_eq!(again.clauses, parsed.clauses);
        assert!(again.diagnostics.is_empty());
    }
});
