//! Privacy, security, failure and accessibility, measured in headless Chromium on the release
//! build: no request to another origin, a CSP that holds, inert labels, a crash view, and
//! axe-core finding no serious or critical violation on the main views.

use super::*;

async fn js_f64(wd: &WebDriver, script: &str) -> f64 {
    wd.execute(script, vec![])
        .await
        .ok()
        .and_then(|v| v.convert::<f64>().ok())
        .unwrap_or(f64::NAN)
}

#[tokio::test(flavor = "multi_thread")]
async fn no_request_leaves_the_origin() {
    let server = Server::start(dist());
    let log = std::env::temp_dir().join(format!("dealscope-netlog-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let (driver, wd) = browser_with("netlog", &[format!("--log-net-log={}", log.display())]).await;
    // A whole session: first visit, presets, a chosen cell, the share panel, a link, a reload
    // (service worker), an export.
    wd.goto(server.url()).await.expect("open");
    ready(&wd).await;
    for id in ["status-quo", "bedrock-stateful", "frontier-aws"] {
        choose_preset(&wd, id).await;
    }
    Page::new(&wd).click("[data-cell=\"v4-letter\"]").await;
    let link = Page::new(&wd).share_link().await;
    wd.goto(&link).await.expect("open link");
    wd.refresh().await.expect("reload");
    ready(&wd).await;
    Page::new(&wd).click("details.scenarios summary").await;
    wd.find(By::XPath("//button[text()='Export JSON']"))
        .await
        .expect("export")
        .click()
        .await
        .expect("click");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let _ = wd.quit().await;
    drop(driver); // chromedriver exits; Chromium writes the end of the log
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let text = std::fs::read_to_string(&log).expect("the net log was written");
    // Every request the page or its service worker starts names the app as its initiator;
    // Chromium's own background requests (updates, time) have an opaque one and are not the
    // app's. A request of the app's to any other origin fails the test.
    let origin = format!("http://127.0.0.1:{}", server.port);
    let netlog: serde_json::Value = serde_json::from_str(&text).expect("the net log is JSON");
    let mut own = 0;
    let mut foreign = Vec::new();
    for event in netlog["events"].as_array().expect("events") {
        let (Some(url), Some(initiator)) = (
            event["params"]["url"].as_str(),
            event["params"]["initiator"].as_str(),
        ) else {
            continue;
        };
        if initiator == origin {
            own += 1;
            let same = url.starts_with(&format!("{origin}/"))
                || url.starts_with("blob:")
                || url.starts_with("data:");
            if !same {
                foreign.push(url.to_string());
            }
        }
    }
    assert!(own >= 6, "the log holds the app's own requests ({own})");
    assert!(
        foreign.is_empty(),
        "the app made requests to other origins: {foreign:?}"
    );
    let _ = std::fs::remove_file(&log);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_csp_holds_and_is_never_violated() {
    let server = Server::start(dist());
    let (_d, wd) = browser("csp").await;
    wd.goto(server.url()).await.expect("open");
    ready(&wd).await;
    let html = std::fs::read_to_string(dist().join("index.html")).unwrap();
    assert!(
        html.contains("Content-Security-Policy")
            && html.contains("script-src 'self' 'wasm-unsafe-eval'")
    );
    assert!(
        !html.contains("<script type=\"module\">"),
        "no inline script"
    );
    // Every stylesheet loaded and applies (a stale integrity hash would block it silently).
    let styled = wd
        .execute(
            "return [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet && l.sheet.cssRules.length > 50) && getComputedStyle(document.body).margin === '0px'",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.convert::<bool>().ok());
    assert_eq!(styled, Some(true), "the stylesheet loads and applies");
    // Work the app a little: a drag from the palette shows the ghost, a chosen cell, a preview.
    Page::new(&wd).click("[data-cell=\"v4-letter\"]").await;
    wd.find(By::XPath("//button[text()='Preview on canvas']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let item = wd
        .find(By::Css("button.palette-item[data-kind=\"model\"]"))
        .await
        .unwrap();
    let canvas = wd.find(By::Css("svg.canvas")).await.unwrap();
    wd.action_chain()
        .click_and_hold_element(&item)
        .move_to_element_with_offset(&canvas, 0, 150)
        .release()
        .perform()
        .await
        .unwrap();
    assert_eq!(
        js_f64(&wd, "return window.__dealscope_csp_violations").await,
        0.0,
        "no violation while working"
    );
    // An injected inline script is refused: the policy is really in force.
    wd.execute("const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.appendChild(s);", vec![])
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(
        js_f64(&wd, "return window.__inline === undefined ? 0 : 1").await == 0.0,
        "the inline script did not run"
    );
    assert!(
        js_f64(&wd, "return window.__dealscope_csp_violations").await >= 1.0,
        "and it was reported as a violation"
    );
    let _ = wd.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn labels_with_markup_stay_inert_everywhere() {
    let server = Server::start(dist());
    let (_d, wd) = browser("inert").await;
    let payloads = [
        "<script>document.title='pwned'</script>",
        "<img src=x onerror=\"document.title='pwned'\">",
        "javascript:document.title='pwned'",
        "<svg onload=\"document.title='pwned'\"/>",
    ];
    let mut d = dealscope_core::presets::Preset::find("frontier-aws")
        .unwrap()
        .diagram();
    for (c, p) in d.components.iter_mut().zip(payloads) {
        c.label = p.into();
    }
    let link = dealscope_core::io::link::encode(&dealscope_core::io::link::Scenario {
        name: "<b>inert</b>".into(),
        diagram: d,
        clauses: String::new(),
    });
    wd.goto(format!("{}#{link}", server.url()))
        .await
        .expect("open");
    ready(&wd).await;
    let title = wd.title().await.unwrap();
    assert_eq!(title, "dealscope");
    assert_eq!(count(&wd, "img").await, 0);
    assert_eq!(count(&wd, "script").await, 1, "only the loader");
    assert_eq!(count(&wd, "svg[onload]").await, 0);
    // Canvas: the text is there, as text.
    let canvas_text = wd
        .find(By::Css("svg.canvas.boxes"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap_or_default();
    assert!(canvas_text.contains("<script>document.t"), "{canvas_text}");
    // Inspector: the label field holds the raw text.
    Page::new(&wd).click("g.node[data-id=\"1\"]").await;
    let value = wd
        .find(By::Css("input[aria-label=\"Label\"]"))
        .await
        .unwrap()
        .value()
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(value, payloads[0]);
    // Outline (its list is written once it opens).
    Page::new(&wd).click("details.outline summary").await;
    wait_for("the outline's list", || async {
        count(&wd, "details.outline li").await > 0
    })
    .await;
    let outline = wd
        .find(By::Css("details.outline"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(outline.contains(payloads[1]), "{outline}");
    // Exported SVG: escaped markup, and it imports back.
    wd.execute(
        "window.__blobs = []; const orig = URL.createObjectURL; URL.createObjectURL = (b) => { window.__blobs.push(b); return orig(b); };",
        vec![],
    )
    .await
    .unwrap();
    Page::new(&wd).click("details.scenarios summary").await;
    wd.find(By::XPath("//button[text()='Export SVG']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let svg: String = wd
        .execute_async(
            "const done = arguments[0]; window.__blobs[0].text().then(done);",
            vec![],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert!(
        svg.contains("&lt;script&gt;document.title="),
        "escaped in the picture"
    );
    assert!(
        !svg.contains("<script>document"),
        "no live script in the picture"
    );
    assert!(!svg.contains("<img src=x"), "no live image in the picture");
    let back = dealscope_core::io::file::import(&svg).expect("the picture imports again");
    assert_eq!(back.diagram.components[0].label, payloads[0]);
    assert_eq!(wd.title().await.unwrap(), "dealscope");
    wd.screenshot(&shots().join("12-inert-labels.png"))
        .await
        .unwrap();
    let _ = wd.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panic_shows_an_error_view_that_reloads_the_autosave() {
    let server = Server::start(dist());
    let (_d, wd) = browser("crash").await;
    wd.goto(server.url()).await.expect("open");
    ready(&wd).await;
    choose_preset(&wd, "status-quo").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await; // autosave
    wd.goto(format!("{}?crash-test", server.url()))
        .await
        .expect("open with the crash trigger");
    wait_for("the error view", || async {
        count(&wd, "main.crash").await == 1
    })
    .await;
    let text = text_of(&wd, "main.crash").await;
    assert!(
        text.contains("stopped because of an error") && text.contains("RuntimeError"),
        "{text}"
    );
    wd.screenshot(&shots().join("13-crash-view.png"))
        .await
        .unwrap();
    Page::new(&wd).click("main.crash a").await;
    ready(&wd).await;
    wd.screenshot(&shots().join("14-after-crash-reload.png"))
        .await
        .unwrap();
    let labels = wd
        .find(By::Css("svg.canvas.boxes"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap_or_default();
    assert!(
        labels.contains("Azure OpenAI Service"),
        "the autosave came back: {labels}"
    );
    let _ = wd.quit().await;
}

async fn axe(wd: &WebDriver, script: &str, view: &str) -> Vec<String> {
    wd.execute(script, vec![]).await.expect("inject axe-core");
    let result: serde_json::Value = wd
        .execute_async(
            "const done = arguments[0]; axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))).catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));",
            vec![],
        )
        .await
        .expect("run axe")
        .json()
        .clone();
    let mut bad = Vec::new();
    for v in result.as_array().cloned().unwrap_or_default() {
        let impact = v["impact"].as_str().unwrap_or("");
        let line = format!(
            "{view}: {} ({impact}): {} at {}",
            v["id"], v["help"], v["nodes"]
        );
        println!("{line}");
        if impact == "serious" || impact == "critical" {
            bad.push(line);
        }
    }
    bad
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_serious_or_critical_violation() {
    let Ok(path) = std::env::var("DEALSCOPE_AXE") else {
        panic!("DEALSCOPE_AXE must name axe.min.js (cargo xtask test installs it)");
    };
    let script = std::fs::read_to_string(path).expect("read axe-core");
    let server = Server::start(dist());
    let (_d, wd) = browser("axe").await;
    wd.goto(server.url()).await.expect("open");
    ready(&wd).await;
    let mut bad = axe(&wd, &script, "main view").await;
    Page::new(&wd).click("[data-cell=\"v4-letter\"]").await;
    bad.extend(axe(&wd, &script, "breach explained").await);
    Page::new(&wd).click("g.node[data-id=\"2\"]").await;
    bad.extend(axe(&wd, &script, "inspector").await);
    Page::new(&wd).click("g.edge .edge-label text").await;
    bad.extend(axe(&wd, &script, "relation").await);
    Page::new(&wd).click("[data-testid=\"share\"]").await;
    bad.extend(axe(&wd, &script, "share panel").await);
    // A press outside the panel closes it (and does nothing else).
    Page::new(&wd).click(".popover-backdrop").await;
    Page::new(&wd).click("details.scenarios summary").await;
    Page::new(&wd).click("details.outline summary").await;
    wait_for("the outline's list", || async {
        count(&wd, "details.outline li").await > 0
    })
    .await;
    Page::new(&wd).click("details.changed summary").await;
    wait_for("the comparison", || async {
        count(&wd, "[data-testid=\"witness\"]").await > 0
    })
    .await;
    bad.extend(axe(&wd, &script, "scenarios, outline and what changed").await);
    Page::new(&wd).click("button.help-btn").await;
    bad.extend(axe(&wd, &script, "help").await);
    Page::new(&wd).click(".help .btn").await;
    wd.set_window_rect(0, 0, 390, 844).await.unwrap();
    bad.extend(axe(&wd, &script, "390 px").await);
    let _ = wd.quit().await;
    let (_d2, empty) = browser("axe-empty").await;
    empty.goto(server.url()).await.unwrap();
    ready(&empty).await;
    // An empty diagram: select everything and delete it.
    empty
        .action_chain()
        .key_down(Key::Control)
        .send_keys("a")
        .key_up(Key::Control)
        .perform()
        .await
        .ok();
    bad.extend(axe(&empty, &script, "first visit").await);
    let _ = empty.quit().await;
    assert!(
        bad.is_empty(),
        "serious or critical accessibility violations:\n{}",
        bad.join("\n")
    );
}
