//! `cargo xtask bench`: the core's criterion benchmarks, the release bundle's size, share-link
//! lengths, and the browser benchmark (`tests/bench_browser.rs`) against the bench build of the
//! release (`target/dist-bench/`: the release plus the measurement hooks) served on loopback. Every figure is sampled several times; the full samples with median and
//! spread go to `target/bench.json`, and the last line printed is one JSON object of medians.

use crate::{root, run, step, tools};
use dealscope_core::io::link::{encode, Scenario};
use dealscope_core::{generate, presets::PRESETS};
use serde_json::{json, Map, Value};
use std::process::Command;

/// criterion's estimate for a benchmark (`median` or `mean` point estimate), in nanoseconds,
/// with the 95 % confidence interval of the median.
fn estimate(id: &str) -> Result<(f64, f64, f64), String> {
    let path = root()
        .join("target/criterion")
        .join(id)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let v: Value =
        serde_json::from_str(&text).map_err(|e| format!("bad {}: {e}", path.display()))?;
    let m = &v["median"];
    let get = |x: &Value| {
        x.as_f64()
            .ok_or_else(|| format!("no median in {}", path.display()))
    };
    Ok((
        get(&m["point_estimate"])?,
        get(&m["confidence_interval"]["lower_bound"])?,
        get(&m["confidence_interval"]["upper_bound"])?,
    ))
}

fn round(v: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (v * k).round() / k
}

/// Median, p95, min and max of samples.
fn summary(samples: &[f64]) -> Value {
    let mut s: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
    s.sort_by(|a, b| a.total_cmp(b));
    if s.is_empty() {
        return json!({ "n": 0 });
    }
    let at = |q: f64| s[((s.len() - 1) as f64 * q).round() as usize];
    json!({
        "n": s.len(),
        "median": round(at(0.5), 3),
        "p95": round(at(0.95), 3),
        "min": round(s[0], 3),
        "max": round(s[s.len() - 1], 3),
    })
}

/// Runs everything and prints the JSON line.
pub fn bench() -> Result<(), String> {
    step("native benchmarks (criterion)");
    run(Command::new("cargo").args(["bench", "-p", "dealscope-core", "--bench", "check"]))?;
    let mut full = Map::new();
    let mut line = Map::new();
    for (id, key, scale, places) in [
        ("check_1k", "check_1k_native_us", 1e3, 1),
        ("check_10k", "check_10k_native_us", 1e3, 1),
        ("bfs_1k", "bfs_1k_native_us", 1e3, 1),
        ("bfs_10k", "bfs_10k_native_us", 1e3, 1),
        ("repair_200", "repair_200_ms", 1e6, 3),
        ("relate_builtin", "relate_builtin_us", 1e3, 1),
        ("layout_500", "layout_500_native_ms", 1e6, 3),
    ] {
        let (m, lo, hi) = estimate(id)?;
        line.insert(key.into(), json!(round(m / scale, places)));
        full.insert(
            key.into(),
            json!({ "median": round(m / scale, places), "ci95_low": round(lo / scale, places), "ci95_high": round(hi / scale, places), "source": "criterion" }),
        );
    }
    // Hostile but valid scenarios (issue #11): open within 100 ms, one repair within 100 ms,
    // a 64 KB clause line parsed within 16 ms.
    let mut hostile: Vec<(String, String)> = Vec::new();
    for (name, _) in generate::hostile::all() {
        for what in ["open", "choose", "repair"] {
            hostile.push((
                format!("hostile/{name}_{what}"),
                format!("hostile_{name}_{what}_ms"),
            ));
        }
    }
    hostile.push((
        "hostile/clause_line_parse".into(),
        "hostile_clause_line_parse_ms".into(),
    ));
    for (id, key) in hostile {
        let (m, lo, hi) = estimate(&id)?;
        line.insert(key.clone(), json!(round(m / 1e6, 3)));
        full.insert(
            key,
            json!({ "median": round(m / 1e6, 3), "ci95_low": round(lo / 1e6, 3), "ci95_high": round(hi / 1e6, 3), "source": "criterion" }),
        );
    }
    let ratio = line["check_1k_native_us"].as_f64().unwrap_or(0.0)
        / line["bfs_1k_native_us"].as_f64().unwrap_or(1.0);
    line.insert("check_over_bfs_1k".into(), json!(round(ratio, 2)));

    let link = |n: usize| {
        encode(&Scenario {
            name: String::new(),
            diagram: generate::diagram(n),
            clauses: String::new(),
        })
        .len()
    };
    line.insert("link_chars_20".into(), json!(link(20)));
    line.insert("link_chars_200".into(), json!(link(200)));
    let presets: Map<String, Value> = PRESETS
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                json!(encode(&Scenario {
                    name: p.title.into(),
                    diagram: p.diagram(),
                    clauses: String::new(),
                })
                .len()),
            )
        })
        .collect();
    full.insert("link_chars_presets".into(), Value::Object(presets));

    let bundle = crate::dist()?;
    line.insert("bundle_gzip_bytes".into(), json!(bundle));
    let bench_dist = crate::dist_bench()?;

    let browser = browser_bench(&bench_dist)?;
    for (key, headline, stat) in [
        ("check_1k_wasm_us", "check_1k_wasm_us", "median"),
        (
            "edit_to_verdict_ms_200",
            "edit_to_verdict_p95_ms_200",
            "p95",
        ),
        (
            "clause_keystroke_ms_200",
            "clause_keystroke_p95_ms_200",
            "p95",
        ),
        (
            "clause_keystroke_hostile_ms_200",
            "hostile_clause_keystroke_p95_ms_200",
            "p95",
        ),
        (
            "drag_frame_script_ms_500",
            "drag_frame_script_p95_ms_500",
            "p95",
        ),
        ("load_cold_ms", "load_cold_ms", "median"),
        ("load_warm_ms", "load_warm_ms", "median"),
        ("memory_mb_500", "memory_mb_500", "median"),
        ("layout_ms_500", "layout_500_ms", "median"),
        ("relate_user_wasm_ms", "relate_user_wasm_ms", "median"),
        ("relate_hostile_wasm_ms", "relate_hostile_wasm_ms", "median"),
        ("layout_frame_ms_500", "layout_500_frame_ms", "median"),
    ] {
        let samples: Vec<f64> = browser[key]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|v| v.as_f64())
            .collect();
        let s = summary(&samples);
        line.insert(headline.into(), s[stat].clone());
        full.insert(key.into(), json!({ "summary": s, "samples": samples }));
    }
    // What a person sees while dragging: frames and the main thread's time per frame, from a
    // DevTools trace (the peer-bench harness, which also measures the React Flow peer).
    // Panning redraws the whole scene by nature: the same harness drags the background of the
    // same diagram with `?pan`, where a plain left-button drag pans (see src/measure.rs).
    for (gesture, path, target) in [
        ("drag", "/?generate=500", "g.node[data-id=\"150\"]"),
        ("pan", "/?generate=500&pan", "svg.canvas.arrows"),
    ] {
        let Some(frames) = frames_bench(&bench_dist, gesture, path, target)? else {
            break;
        };
        for (key, field) in [
            ("fps", "fps"),
            ("render_p95_ms", "render_p95_ms"),
            ("busy_p95_ms", "busy_p95_ms"),
            ("script_trace_p95_ms", "script_p95_ms"),
        ] {
            let key = format!("{gesture}_{key}_500");
            let figure = &frames["drag"][field];
            line.insert(key.clone(), figure["median"].clone());
            full.insert(
                key,
                json!({ "summary": figure, "source": "peer-bench trace" }),
            );
        }
    }
    line.insert(
        "statistic".into(),
        json!("native: criterion median; browser: median, or p95 where named"),
    );
    full.insert("headline".into(), Value::Object(line.clone()));
    std::fs::write(
        root().join("target/bench.json"),
        serde_json::to_string_pretty(&Value::Object(full)).unwrap_or_default(),
    )
    .map_err(|e| e.to_string())?;
    println!("{}", Value::Object(line));
    Ok(())
}

/// Drags `target` on the page `path` of the bench build with the peer-bench harness
/// (`../shared/peer-bench`, copied to `target/peer-bench` and installed from npm), one real
/// mouse move per frame, and returns its summary line; `None`, said aloud, without the
/// harness. `gesture` names the figures.
fn frames_bench(
    dist: &std::path::Path,
    gesture: &str,
    path: &str,
    target: &str,
) -> Result<Option<Value>, String> {
    let harness = root().join("target/peer-bench");
    if !harness.join("node_modules/playwright-core").exists() {
        let shared = root().join("../shared/peer-bench");
        if !shared.join("bench.mjs").exists() {
            println!(
                "frames: skipped (no peer-bench harness at {})",
                shared.display()
            );
            return Ok(None);
        }
        step("install the peer-bench harness (npm ci in target/peer-bench)");
        run(Command::new("cp").arg("-r").arg(&shared).arg(&harness))?;
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&harness))?;
    }
    step(&format!(
        "frames of a {gesture} at 500 components (peer-bench trace, 3 runs)"
    ));
    let out = Command::new("node")
        .arg(harness.join("bench.mjs"))
        .arg("--dir")
        .arg(dist)
        // For a box: one in the visible column that nothing covers. At the first view of 500
        // components the shared-scenario banner lies over the column's top, and "54" under it
        // took the press, so the box never moved (moved_px 0, 0).
        .args([
            "--path", path, "--ready", "g.node", "--drag", target, "--runs", "3",
        ])
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the peer-bench harness failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or_default();
    serde_json::from_str(last)
        .map(Some)
        .map_err(|e| format!("the harness's summary does not read: {e}"))
}

/// Runs the browser benchmark on the bench build in `dist` and reads its samples.
fn browser_bench(dist: &std::path::Path) -> Result<Value, String> {
    step("browser benchmark (headless Chromium, the bench build of the release)");
    tools::ensure_browser()?;
    let out = root().join("target/bench-browser.json");
    let _ = std::fs::remove_file(&out);
    let args = [
        "--test",
        "bench_browser",
        "--",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ];
    run(crate::browser_test(dist, &args)?.env("DEALSCOPE_BENCH_OUT", &out))?;
    let text = std::fs::read_to_string(&out)
        .map_err(|e| format!("the browser benchmark wrote no results: {e}"))?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}
