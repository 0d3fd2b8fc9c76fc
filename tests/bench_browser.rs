//! The browser benchmark (not a test: `#[ignore]`d, run by `cargo xtask bench`). It drives the
//! release build in headless Chromium through the measurement hooks (`?generate=N`, `?bench`)
//! and writes every sample to the file named by `DEALSCOPE_BENCH_OUT`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::{browser, browser_with, dist, ready, wait_for, Server};
use thirtyfour::prelude::*;

async fn samples(wd: &WebDriver, script: &str) -> Vec<f64> {
    let v = wd
        .execute_async(script, vec![])
        .await
        .expect("measurement script");
    v.json()
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|x| x.as_f64())
        .collect()
}

async fn number(wd: &WebDriver, script: &str) -> f64 {
    wd.execute(script, vec![])
        .await
        .ok()
        .and_then(|v| v.json().as_f64())
        .unwrap_or(f64::NAN)
}

/// Milliseconds from a key press that moves the selected component to the DOM holding the new
/// verdicts (a MutationObserver fires once the render that includes the re-check is done).
const EDIT_TO_VERDICT: &str = r#"
const done = arguments[0];
const at = n => { const r = n && n.querySelector('rect.body'); return r ? r.getAttribute('x') + ',' + r.getAttribute('y') : null; };
const times = [];
const side = document.querySelector('.side');
const node = document.querySelector('g.node.selected');
function once(key) {
  return new Promise(resolve => {
    const before = at(node);
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (at(node) !== before) { obs.disconnect(); resolve(performance.now() - t0); }
    });
    obs.observe(document.querySelector('.app'), { subtree: true, attributes: true, childList: true, characterData: true });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: key, bubbles: true }));
  });
}
(async () => {
  for (let i = 0; i < 40; i++) {
    times.push(await once(i % 2 ? 'ArrowLeft' : 'ArrowRight'));
    await new Promise(r => requestAnimationFrame(() => r()));
  }
  done(times);
})();
"#;

/// Script time of each animation frame of a drag: one pointermove per frame, timed from the
/// dispatch until the moved component's position is in the DOM.
const DRAG_FRAMES: &str = r#"
const done = arguments[0];
const at = n => { const r = n && n.querySelector('rect.body'); return r ? r.getAttribute('x') + ',' + r.getAttribute('y') : null; };
const first = document.querySelector('g.node[data-id="60"]') || document.querySelector('g.node');
const id = first.getAttribute('data-id');
const find = () => document.querySelector('g.node[data-id="' + id + '"]');
const box = first.getBoundingClientRect();
let x = box.left + 40, y = box.top + 20;
const opts = (px, py) => ({ bubbles: true, cancelable: true, clientX: px, clientY: py, button: 0, buttons: 1, pointerId: 1, pointerType: 'mouse', isPrimary: true });
first.dispatchEvent(new PointerEvent('pointerdown', opts(x, y)));
// The still scene and the drag layer (its own svg, where a lifted box moves) share a parent.
const world = document.querySelector('svg.canvas').parentNode;
const times = [];
(async () => {
  await new Promise(r => requestAnimationFrame(() => r()));
  for (let i = 0; i < 61; i++) {
    await new Promise(r => requestAnimationFrame(() => r()));
    const before = at(find());
    x += 3; y += 1;
    const t0 = performance.now();
    const moved = new Promise(resolve => {
      const obs = new MutationObserver(() => {
        const n = find();
        if (n && at(n) !== before) { obs.disconnect(); resolve(); }
      });
      obs.observe(world, { attributes: true, childList: true, subtree: true });
    });
    find().dispatchEvent(new PointerEvent('pointermove', opts(x, y)));
    await moved;
    // The first move lifts the component out of the still scene (a one-off re-render).
    if (i > 0) times.push(performance.now() - t0);
  }
  find().dispatchEvent(new PointerEvent('pointerup', opts(x, y)));
  done(times);
})();
"#;

/// Milliseconds from one keystroke in the clause workbench (it renames a clause, so the clauses
/// change and every check and comparison runs again) to the matrix showing it.
const KEYSTROKE: &str = r#"
const done = arguments[0];
document.querySelector('[data-testid="workbench"]').click();
const area = document.querySelector('[data-testid="clause-text"]');
const matrix = document.querySelector('.matrix');
let text = __FILE__;
const times = [];
function type(value) {
  return new Promise(resolve => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now() - t0); });
    obs.observe(matrix, { subtree: true, childList: true, characterData: true, attributes: true });
    area.value = value;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'x', inputType: 'insertText' }));
  });
}
(async () => {
  await type(text);
  await new Promise(r => requestAnimationFrame(() => r()));
  for (let i = 0; i < 30; i++) {
    text = text.replace(__FROM__, __FROM__ + 'x');
    times.push(await type(text));
    await new Promise(r => requestAnimationFrame(() => r()));
  }
  done(times);
})();
"#;

/// Milliseconds from the key that lays the diagram out (L) to the frame after the DOM holds the
/// laid-out diagram; each is undone (Ctrl+Z) before the next, untimed.
const LAYOUT: &str = r#"
const done = arguments[0];
const at = n => { const r = n && n.querySelector('rect.body'); return r ? r.getAttribute('x') + ',' + r.getAttribute('y') : null; };
const times = [];
const app = document.querySelector('.app');
const spot = () => at(document.querySelector('g.node[data-id="150"]'));
function press(key, ctrl) {
  return new Promise(resolve => {
    const before = spot();
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (spot() !== before) {
        obs.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    });
    obs.observe(app, { subtree: true, attributes: true, childList: true });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: key, ctrlKey: ctrl, bubbles: true }));
  });
}
(async () => {
  for (let i = 0; i < 12; i++) {
    times.push(await press('l', false));
    await press('z', true);
    await new Promise(r => requestAnimationFrame(() => r()));
  }
  done(times);
})();
"#;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: run by cargo xtask bench"]
async fn browser_benchmark() {
    let out =
        std::env::var("DEALSCOPE_BENCH_OUT").expect("DEALSCOPE_BENCH_OUT names the output file");
    let server = Server::start(dist());
    let mut result = serde_json::Map::new();

    // Check of 1,000 components inside the browser, via the ?bench hook.
    let (_d, wd) = browser_with("bench", &["--enable-precise-memory-info".to_string()]).await;
    wd.goto(format!("{}?bench", server.url())).await.unwrap();
    ready(&wd).await;
    let mut check_us = Vec::new();
    for _ in 0..7 {
        check_us.push(number(&wd, "return window.__dealscope_check(1000, 25)").await);
    }
    result.insert("check_1k_wasm_us".into(), json!(check_us));
    let mut layout_ms = Vec::new();
    for _ in 0..7 {
        layout_ms.push(number(&wd, "return window.__dealscope_layout(500, 5)").await);
    }
    result.insert("layout_ms_500".into(), json!(layout_ms));
    for (key, hostile) in [
        ("relate_user_wasm_ms", false),
        ("relate_hostile_wasm_ms", true),
    ] {
        let mut ms = Vec::new();
        for _ in 0..7 {
            ms.push(
                number(
                    &wd,
                    &format!("return window.__dealscope_relate(5, {hostile})"),
                )
                .await,
            );
        }
        result.insert(key.into(), json!(ms));
    }

    // Edit to verdict at 200 components.
    wd.goto(format!("{}?bench&generate=200", server.url()))
        .await
        .unwrap();
    ready(&wd).await;
    // Select a component with the keyboard (the shared-scenario banner covers the top).
    wd.execute(
        "document.querySelector('g.node[data-id=\"30\"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))",
        vec![],
    )
    .await
    .unwrap();
    wait_for("the selection", || async {
        wd.find_all(By::Css("g.node.selected"))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
            == 1
    })
    .await;
    result.insert(
        "edit_to_verdict_ms_200".into(),
        json!(samples(&wd, EDIT_TO_VERDICT).await),
    );

    // A keystroke in a 50-line clause file with 200 components: parse, check, compare, render.
    let mut file = dealscope_core::lang::BUILTIN_TEXT.replace("clause v", "clause my-v");
    file.push_str("expect my-v4 letter breach\nexpect v4 spirit breach\n");
    assert!(file.lines().count() >= 50, "a 50-line clause file");
    let keystroke = |file: &str, from: &str| {
        KEYSTROKE
            .replace("__FILE__", &serde_json::to_string(file).unwrap())
            .replace("__FROM__", &serde_json::to_string(from).unwrap())
    };
    let script = keystroke(&file, "clause my-v1 \"Exclusive cloud");
    result.insert(
        "clause_keystroke_ms_200".into(),
        json!(samples(&wd, &script).await),
    );
    // The same, in clause text built to be slow (issue #11): 100 sentences of user clauses
    // that each name a provider of their own, then a 40 KB line of unknown words.
    let mut hostile = dealscope_core::generate::hostile::wide(50, 2).clauses;
    hostile.push_str(&dealscope_core::generate::hostile::clause_line(40 * 1024));
    assert!(hostile.len() <= dealscope_core::limits::MAX_CLAUSE_TEXT);
    let script = keystroke(&hostile, "clause w0 \"W");
    result.insert(
        "clause_keystroke_hostile_ms_200".into(),
        json!(samples(&wd, &script).await),
    );

    // Drag frames and memory at 500 components.
    wd.goto(format!("{}?bench&generate=500", server.url()))
        .await
        .unwrap();
    ready(&wd).await;
    result.insert(
        "drag_frame_script_ms_500".into(),
        json!(samples(&wd, DRAG_FRAMES).await),
    );
    let mut memory = Vec::new();
    for _ in 0..5 {
        let js = number(&wd, "return performance.memory.usedJSHeapSize").await;
        let wasm = number(&wd, "return window.__dealscope_memory()").await;
        memory.push((js + wasm) / (1024.0 * 1024.0));
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    result.insert("memory_mb_500".into(), json!(memory));
    result.insert(
        "layout_frame_ms_500".into(),
        json!(samples(&wd, LAYOUT).await),
    );

    // Warm loads: the service worker serves the shell and assets.
    wd.goto(server.url()).await.unwrap();
    ready(&wd).await;
    wait_for("the service worker", || async {
        number(&wd, "return navigator.serviceWorker.controller ? 1 : 0").await == 1.0
    })
    .await;
    let mut warm = Vec::new();
    for _ in 0..7 {
        wd.refresh().await.unwrap();
        ready(&wd).await;
        warm.push(number(&wd, "return window.__dealscope_ready").await);
    }
    result.insert("load_warm_ms".into(), json!(warm));
    let _ = wd.quit().await;

    // Cold loads: a fresh profile each time, nothing cached.
    let mut cold = Vec::new();
    for i in 0..5 {
        let (_d, fresh) = browser(&format!("cold{i}")).await;
        fresh.goto(server.url()).await.unwrap();
        ready(&fresh).await;
        cold.push(number(&fresh, "return window.__dealscope_ready").await);
        let _ = fresh.quit().await;
    }
    result.insert("load_cold_ms".into(), json!(cold));

    let text = serde_json::to_string_pretty(&Value::Object(result)).unwrap();
    std::fs::write(&out, text).expect("write the results");
}
