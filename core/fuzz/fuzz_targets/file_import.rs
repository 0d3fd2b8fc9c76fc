//! Any bytes as an imported file (JSON, SVG or link text): never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dealscope_core::io::file::import(&String::from_utf8_lossy(data));
});
