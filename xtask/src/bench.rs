//! `cargo xtask bench`: runs the core's criterion benchmarks and prints one JSON line.

use crate::{root, run, step};
use std::process::Command;

/// criterion's median estimate for a benchmark, in nanoseconds.
fn median_ns(id: &str) -> Result<f64, String> {
    let path = root()
        .join("target/criterion")
        .join(id)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("bad {}: {e}", path.display()))?;
    v["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("no median in {}", path.display()))
}

/// Runs the benchmarks and prints the JSON line; writes it to `target/bench.json` too.
pub fn bench() -> Result<(), String> {
    step("native benchmarks (criterion)");
    run(Command::new("cargo").args(["bench", "-p", "dealscope-core", "--bench", "check"]))?;
    let us = |id: &str| median_ns(id).map(|ns| (ns / 1000.0 * 10.0).round() / 10.0);
    let check_1k = us("check_1k")?;
    let bfs_1k = us("bfs_1k")?;
    let json = serde_json::json!({
        "check_1k_native_us": check_1k,
        "check_10k_native_us": us("check_10k")?,
        "bfs_1k_native_us": bfs_1k,
        "bfs_10k_native_us": us("bfs_10k")?,
        "check_over_bfs_1k": ((check_1k / bfs_1k) * 100.0).round() / 100.0,
        "repair_200_ms": ((median_ns("repair_200")? / 1e6) * 1000.0).round() / 1000.0,
        "statistic": "median of criterion samples",
    });
    let line = json.to_string();
    std::fs::write(root().join("target/bench.json"), &line).map_err(|e| e.to_string())?;
    println!("{line}");
    Ok(())
}
