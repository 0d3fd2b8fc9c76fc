//! Any text as a link: decoding never panics, and whatever decodes re-encodes to a link that
//! decodes to the same scenario.
#![no_main]

use dealscope_core::io::link::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(scenario) = decode(&text) {
        let again = decode(&encode(&scenario)).expect("a decoded scenario re-encodes");
        assert_eq!(again.diagram.components.len(), scenario.diagram.components.len());
        assert_eq!(again.diagram.relations.len(), scenario.diagram.relations.len());
        // The checker accepts whatever the decoder accepts.
        let _ = dealscope_core::check(&scenario.diagram, &dealscope_core::builtin_clauses());
    }
    // Raw bytes behind a valid prefix reach the inflater and the postcard decoder.
    use base64::Engine as _;
    let _ = decode(&format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)));
});
