//! End-to-end: the release `dist/` served on loopback, driven in headless Chromium with real
//! pointer drags and real key presses. Screenshots of each state go to `target/e2e/`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::{browser, choose_preset, click, count, dist, shots, text_of, wait_for, Server};
use thirtyfour::prelude::*;

const API: &str = r#"g.node[aria-label^="OpenAI API (AWS), "]"#;

async fn verdict(wd: &WebDriver, cell: &str) -> String {
    match wd.find(By::Css(format!("[data-cell=\"{cell}\"]"))).await {
        Ok(el) => el
            .attr("data-verdict")
            .await
            .ok()
            .flatten()
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

async fn wait_verdict(wd: &WebDriver, cell: &str, want: &str) {
    wait_for(&format!("{cell} to be {want}"), || async {
        verdict(wd, cell).await == want
    })
    .await;
}

async fn open(wd: &WebDriver, server: &Server) {
    wd.goto(server.url()).await.expect("open the app");
    wait_verdict(wd, "v4-letter", "breach").await;
}

/// Waits until the service worker controls the page (and so has cached the shell).
async fn wait_for_worker(wd: &WebDriver) {
    wait_for("the service worker", || async {
        wd.execute("return !!navigator.serviceWorker.controller", vec![])
            .await
            .ok()
            .and_then(|v| v.convert::<bool>().ok())
            == Some(true)
    })
    .await;
}

async fn focused_label(wd: &WebDriver) -> String {
    let el = wd.active_element().await.expect("active element");
    el.attr("aria-label")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Presses Tab until the focused element's aria-label starts with `prefix`.
async fn tab_to(wd: &WebDriver, prefix: &str) {
    for _ in 0..60 {
        if focused_label(wd).await.starts_with(prefix) {
            return;
        }
        wd.action_chain()
            .send_keys(Key::Tab)
            .perform()
            .await
            .expect("tab");
    }
    panic!("Tab never reached `{prefix}`");
}

async fn run<F, Fut>(name: &str, f: F)
where
    F: FnOnce(WebDriver, Server) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let server = Server::start(dist());
    let (_driver, wd) = browser(name).await;
    let handle = wd.clone();
    f(wd, server).await;
    let _ = handle.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn mouse_drag_connect_rehost_and_undo() {
    run("mouse", |wd, server| async move {
        open(&wd, &server).await;
        let shots = shots();
        wd.screenshot(&shots.join("01-first-visit.png"))
            .await
            .expect("shot");
        let nodes = count(&wd, "g.node").await;

        // Drag a hosting provider from the palette onto the canvas.
        let item = wd
            .find(By::Css("button.palette-item[data-kind=\"host\"]"))
            .await
            .expect("palette");
        let canvas = wd.find(By::Css("svg.canvas")).await.expect("canvas");
        wd.action_chain()
            .click_and_hold_element(&item)
            .move_to_element_with_offset(&canvas, -60, 150)
            .move_to_element_with_offset(&canvas, -40, 200)
            .release()
            .perform()
            .await
            .expect("palette drag");
        wait_for("the new host", || async {
            count(&wd, "g.node").await == nodes + 1
        })
        .await;
        let azure = wd
            .find(By::Css(r#"g.node[aria-label="Azure, Hosting · Azure"]"#))
            .await
            .expect("azure host");

        // Move it with a real pointer drag: its transform changes.
        let before = azure.attr("transform").await.unwrap().unwrap_or_default();
        wd.action_chain()
            .click_and_hold_element(&azure)
            .move_by_offset(30, 10)
            .move_by_offset(30, 10)
            .release()
            .perform()
            .await
            .expect("move drag");
        let azure = wd
            .find(By::Css(r#"g.node[aria-label="Azure, Hosting · Azure"]"#))
            .await
            .expect("azure host");
        let after = azure.attr("transform").await.unwrap().unwrap_or_default();
        assert_ne!(before, after, "the drag moved the host");
        assert_eq!(
            verdict(&wd, "v4-letter").await,
            "breach",
            "moving changes no verdict"
        );

        // Connect the AWS-hosted API to the Azure host from its handle: re-hosted on Azure.
        let handle = wd
            .find(By::Css(format!("{API} circle.handle")))
            .await
            .expect("handle");
        let (h, a) = (
            handle.rect().await.expect("handle rect"),
            azure.rect().await.expect("host rect"),
        );
        let (dx, dy) = (
            a.x + a.width / 2.0 - (h.x + h.width / 2.0),
            a.y + a.height / 2.0 - (h.y + h.height / 2.0),
        );
        wd.action_chain()
            .click_and_hold_element(&handle)
            .move_by_offset(20, 20)
            .move_by_offset(dx as i64 - 20, dy as i64 - 20)
            .release()
            .perform()
            .await
            .expect("connect drag");
        // The 2025-01 version restricts the API, which is now on Azure; from 2026-02-27 Frontier
        // itself must be on Azure too.
        wait_verdict(&wd, "v2-letter", "complies").await;
        assert_eq!(
            verdict(&wd, "v4-letter").await,
            "breach",
            "Frontier is still on AWS"
        );
        wd.find(By::Css(
            r#"g.node[aria-label="OpenAI API (AWS), Stateless · OpenAI, Azure"]"#,
        ))
        .await
        .expect("the API is now hosted on Azure");
        assert_eq!(
            verdict(&wd, "v4-spirit").await,
            "breach",
            "Frontier still runs on AWS"
        );
        wd.screenshot(&shots.join("02-rehosted-on-azure.png"))
            .await
            .expect("shot");

        // Choose the spirit cell: the route is highlighted hop by hop, with a repair.
        wd.find(By::Css("[data-cell=\"v4-spirit\"]"))
            .await
            .expect("cell")
            .click()
            .await
            .expect("click");
        wait_for("the highlighted route", || async {
            count(&wd, "g.node.hop-off").await >= 1
        })
        .await;
        let detail = wd
            .find(By::Css(".detail"))
            .await
            .expect("detail")
            .text()
            .await
            .expect("text");
        assert!(
            detail.contains("Azure remains the exclusive cloud provider"),
            "quotes the clause: {detail}"
        );
        assert!(detail.contains("Smallest fix"), "offers a repair: {detail}");
        wd.screenshot(&shots.join("03-route-and-repair.png"))
            .await
            .expect("shot");

        // Apply the repair; then undo it, and undo the re-hosting: the verdict comes back.
        wd.find(By::Css(".repair .btn.primary"))
            .await
            .expect("apply")
            .click()
            .await
            .expect("click");
        wait_verdict(&wd, "v4-spirit", "complies").await;
        wd.action_chain()
            .key_down(Key::Control)
            .send_keys("z")
            .key_up(Key::Control)
            .perform()
            .await
            .expect("undo");
        wait_verdict(&wd, "v4-spirit", "breach").await;
        wd.action_chain()
            .key_down(Key::Control)
            .send_keys("z")
            .key_up(Key::Control)
            .perform()
            .await
            .expect("undo");
        wait_verdict(&wd, "v2-letter", "breach").await;
        // Redo with Ctrl+Y.
        wd.action_chain()
            .key_down(Key::Control)
            .send_keys("y")
            .key_up(Key::Control)
            .perform()
            .await
            .expect("redo");
        wait_verdict(&wd, "v2-letter", "complies").await;
        wd.screenshot(&shots.join("04-after-undo-redo.png"))
            .await
            .expect("shot");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_only_flow() {
    run("keyboard", |wd, server| async move {
        open(&wd, &server).await;
        let nodes = count(&wd, "g.node").await;
        // Tab to the palette's hosting provider and add one with Enter.
        let mut found = false;
        for _ in 0..40 {
            let el = wd.active_element().await.expect("active");
            if el.attr("data-kind").await.ok().flatten().as_deref() == Some("host") {
                found = true;
                break;
            }
            wd.action_chain()
                .send_keys(Key::Tab)
                .perform()
                .await
                .expect("tab");
        }
        assert!(found, "Tab reaches the palette");
        wd.action_chain()
            .send_keys(Key::Enter)
            .perform()
            .await
            .expect("enter");
        wait_for("the new host", || async {
            count(&wd, "g.node").await == nodes + 1
        })
        .await;
        // The new node has focus; arrow keys move it.
        wait_for("focus on the new host", || async {
            focused_label(&wd).await == "Azure, Hosting · Azure"
        })
        .await;
        let host = wd
            .find(By::Css(r#"g.node[aria-label="Azure, Hosting · Azure"]"#))
            .await
            .expect("host");
        let before = host.attr("transform").await.unwrap().unwrap_or_default();
        wd.action_chain()
            .send_keys(Key::Down)
            .perform()
            .await
            .expect("down");
        wait_for("the host to move", || async {
            let h = wd
                .find(By::Css(r#"g.node[aria-label="Azure, Hosting · Azure"]"#))
                .await;
            match h {
                Ok(h) => h.attr("transform").await.ok().flatten().unwrap_or_default() != before,
                Err(_) => false,
            }
        })
        .await;

        // Select the API endpoint with Tab and Enter, press C, Tab to the host, Enter.
        tab_to(&wd, "OpenAI API (AWS), ").await;
        wd.action_chain()
            .send_keys(Key::Enter)
            .perform()
            .await
            .expect("select");
        wd.action_chain()
            .send_keys("c")
            .perform()
            .await
            .expect("connect mode");
        tab_to(&wd, "Azure, Hosting").await;
        wd.action_chain()
            .send_keys(Key::Enter)
            .perform()
            .await
            .expect("connect");
        wait_verdict(&wd, "v2-letter", "complies").await;
        let live = wd
            .find(By::Css("[data-testid=\"announcer\"]"))
            .await
            .expect("live region");
        let said = live.text().await.unwrap_or_default();
        assert!(
            said.contains("V2 Letter reading now complies"),
            "announced: {said}"
        );
        wd.screenshot(&shots().join("05-keyboard-connected.png"))
            .await
            .expect("shot");

        // Undo from the keyboard.
        wd.action_chain()
            .key_down(Key::Control)
            .send_keys("z")
            .key_up(Key::Control)
            .perform()
            .await
            .expect("undo");
        wait_verdict(&wd, "v2-letter", "breach").await;
        // Escape clears the selection; Delete then removes nothing.
        wd.action_chain()
            .send_keys(Key::Escape)
            .perform()
            .await
            .expect("escape");
        assert_eq!(count(&wd, "g.node.selected").await, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn narrow_screen_stays_usable() {
    run("narrow", |wd, server| async move {
        wd.set_window_rect(0, 0, 390, 844).await.expect("resize");
        open(&wd, &server).await;
        let width: i64 = wd
            .execute("return document.documentElement.scrollWidth", vec![])
            .await
            .expect("script")
            .convert()
            .expect("number");
        assert!(
            width <= 400,
            "no horizontal scrolling at 390 px (scrollWidth {width})"
        );
        wd.screenshot(&shots().join("06-narrow-390.png"))
            .await
            .expect("shot");
    })
    .await;
}

async fn node_labels(wd: &WebDriver) -> Vec<String> {
    let mut out = Vec::new();
    for n in wd.find_all(By::Css("g.node")).await.unwrap_or_default() {
        out.push(
            n.attr("aria-label")
                .await
                .ok()
                .flatten()
                .unwrap_or_default(),
        );
    }
    out.sort();
    out
}

async fn verdicts(wd: &WebDriver) -> Vec<String> {
    let mut out = Vec::new();
    for c in wd
        .find_all(By::Css("button.cell"))
        .await
        .unwrap_or_default()
    {
        let id = c.attr("data-cell").await.ok().flatten().unwrap_or_default();
        let v = c
            .attr("data-verdict")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        out.push(format!("{id}={v}"));
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn share_link_opens_the_same_scenario_in_a_fresh_profile() {
    let server = Server::start(dist());
    let (_d1, a) = browser("share-a").await;
    a.goto(server.url()).await.expect("open");
    wait_verdict(&a, "v4-letter", "breach").await;
    choose_preset(&a, "bedrock-stateful").await;
    wait_verdict(&a, "v4-letter", "complies").await;
    a.find(By::Css("[data-testid=\"share\"]"))
        .await
        .expect("share")
        .click()
        .await
        .expect("click");
    let link = a
        .find(By::Css("[data-testid=\"share-link\"]"))
        .await
        .expect("link")
        .value()
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(link.contains("#3."), "{link}");
    let (labels, cells) = (node_labels(&a).await, verdicts(&a).await);
    a.screenshot(&shots().join("07-share-panel.png"))
        .await
        .expect("shot");
    let _ = a.quit().await;

    let (_d2, b) = browser("share-b").await;
    b.goto(&link).await.expect("open link");
    wait_for("the shared banner", || async {
        count(&b, "[data-testid=\"shared-banner\"]").await == 1
    })
    .await;
    assert_eq!(node_labels(&b).await, labels);
    assert_eq!(verdicts(&b).await, cells);
    b.screenshot(&shots().join("08-opened-link.png"))
        .await
        .expect("shot");
    let _ = b.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_never_overwrites_local_work() {
    run("local-work", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "status-quo").await;
        wait_verdict(&wd, "v1-letter", "complies").await;
        tokio::time::sleep(std::time::Duration::from_millis(600)).await; // autosave
        let own = node_labels(&wd).await;

        let shared = dealscope_core::io::link::encode(&dealscope_core::io::link::Scenario {
            name: "Frontier deal".into(),
            diagram: dealscope_core::presets::Preset::find("frontier-aws")
                .unwrap()
                .diagram(),
            clauses: String::new(),
        });
        wd.goto(format!("{}#{shared}", server.url()))
            .await
            .expect("open link");
        wait_for("the shared banner", || async {
            count(&wd, "[data-testid=\"shared-banner\"]").await == 1
        })
        .await;
        wait_verdict(&wd, "v4-letter", "breach").await;
        // Back to my work: the status quo is still there.
        wd.find(By::XPath("//button[text()='Back to my work']"))
            .await
            .expect("back")
            .click()
            .await
            .expect("click");
        wait_verdict(&wd, "v1-letter", "complies").await;
        assert_eq!(node_labels(&wd).await, own);
        // Open the link again and keep a copy: both survive in My scenarios.
        wd.goto(format!("{}#{shared}", server.url()))
            .await
            .expect("open link");
        wd.refresh().await.expect("reload with the link");
        wait_for("the shared banner", || async {
            count(&wd, "[data-testid=\"shared-banner\"]").await == 1
        })
        .await;
        wd.find(By::XPath("//button[text()='Keep a copy']"))
            .await
            .expect("keep")
            .click()
            .await
            .expect("click");
        wait_for("two saved scenarios", || async {
            count(&wd, ".saves li").await == 2
        })
        .await;
        let saved = text_of(&wd, ".saves").await;
        assert!(
            saved.contains("Frontier deal") && saved.contains("Status quo"),
            "{saved}"
        );
        wd.screenshot(&shots().join("09-kept-a-copy.png"))
            .await
            .expect("shot");
    })
    .await;
}

/// Adds a component of `kind` from the palette with the keyboard.
async fn add_from_palette(wd: &WebDriver, kind: &str) {
    wd.find(By::Css(format!(
        "button.palette-item[data-kind=\"{kind}\"]"
    )))
    .await
    .expect("palette")
    .send_keys(Key::Enter)
    .await
    .expect("add");
}

/// Opens the first of My scenarios and waits for its `nodes` components.
async fn open_first_save(wd: &WebDriver, nodes: usize) {
    wd.find(By::Css(".saves li button"))
        .await
        .expect("open button")
        .click()
        .await
        .expect("open");
    wait_for("the kept work", || async {
        count(wd, "g.node").await == nodes
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_preset_never_replaces_work_beyond_a_reload() {
    run("preset-keeps-work", |wd, server| async move {
        open(&wd, &server).await;
        let before = count(&wd, "g.node").await;
        add_from_palette(&wd, "host").await;
        tokio::time::sleep(std::time::Duration::from_millis(600)).await; // autosave
        choose_preset(&wd, "status-quo").await;
        wait_verdict(&wd, "v1-letter", "complies").await;
        // On through the list: an untouched preset is nothing to lose, so nothing more is kept.
        choose_preset(&wd, "natsec-aws").await;
        wait_verdict(&wd, "v3-letter", "complies").await;
        tokio::time::sleep(std::time::Duration::from_millis(600)).await; // autosave
        wd.refresh().await.expect("reload");
        wait_for("the kept work", || async {
            count(&wd, ".saves li").await == 1
        })
        .await;
        let saved = text_of(&wd, ".saves").await;
        assert!(saved.contains("Frontier"), "{saved}");
        // Opening it brings the work back, the added host with it.
        open_first_save(&wd, before + 1).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_links_show_a_message_and_keep_local_work() {
    run("hostile", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "natsec-aws").await;
        wait_verdict(&wd, "v3-letter", "complies").await;
        let own = node_labels(&wd).await;
        let good = dealscope_core::io::link::encode(&dealscope_core::io::link::Scenario {
            name: "x".into(),
            diagram: dealscope_core::presets::Preset::find("frontier-aws")
                .unwrap()
                .diagram(),
            clauses: String::new(),
        });
        let cases = [
            ("1.", "damaged or cut short"),
            (&good[..good.len() / 2], "could not be opened"),
            ("9.abc", "format version \u{201c}9\u{201d}"),
            ("hello", "does not start with a format version"),
            (
                "1.%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "not valid link text",
            ),
            ("1.AAAA", "damaged"),
        ];
        for (i, (link, want)) in cases.iter().enumerate() {
            wd.goto(format!("{}#{link}", server.url()))
                .await
                .expect("open");
            wd.refresh().await.expect("reload");
            wait_for("the error", || async {
                match wd.find(By::Css(".toast.error")).await {
                    Ok(t) => t.text().await.unwrap_or_default().contains(want),
                    Err(_) => false,
                }
            })
            .await;
            assert_eq!(
                node_labels(&wd).await,
                own,
                "case {i}: local work is untouched"
            );
            assert_eq!(count(&wd, "[data-testid=\"shared-banner\"]").await, 0);
        }
        wd.screenshot(&shots().join("10-hostile-link.png"))
            .await
            .expect("shot");
        // A label holding markup stays inert text.
        let mut d = dealscope_core::presets::Preset::find("frontier-aws")
            .unwrap()
            .diagram();
        d.components[0].label = "<img src=x onerror=\"document.title='pwned'\">".into();
        let link = dealscope_core::io::link::encode(&dealscope_core::io::link::Scenario {
            name: "<b>x</b>".into(),
            diagram: d,
            clauses: String::new(),
        });
        wd.goto(format!("{}#{link}", server.url()))
            .await
            .expect("open");
        wd.refresh().await.expect("reload");
        wait_for("the shared banner", || async {
            count(&wd, "[data-testid=\"shared-banner\"]").await == 1
        })
        .await;
        assert_eq!(
            count(&wd, "img").await,
            0,
            "no element was created from a label"
        );
        assert_ne!(wd.title().await.unwrap(), "pwned");
        assert!(node_labels(&wd)
            .await
            .iter()
            .any(|l| l.contains("<img src=x")));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn works_offline_after_one_visit() {
    let server = Server::start(dist());
    let (_d, wd) = browser("offline").await;
    wd.goto(server.url()).await.expect("open");
    wait_verdict(&wd, "v4-letter", "breach").await;
    // Wait until the service worker controls the page and has cached the shell.
    wait_for_worker(&wd).await;
    choose_preset(&wd, "status-quo").await;
    wait_verdict(&wd, "v1-letter", "complies").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await; // autosave
    server.stop();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    wd.refresh().await.expect("reload offline");
    wait_verdict(&wd, "v1-letter", "complies").await;
    assert!(
        node_labels(&wd)
            .await
            .iter()
            .any(|l| l.contains("Azure OpenAI Service")),
        "the autosaved scenario is there"
    );
    wd.screenshot(&shots().join("11-offline.png"))
        .await
        .expect("shot");
    // Negative control: without the worker and its cache the same reload fails.
    let _ = wd
        .execute_async(
            "const done = arguments[0]; (async () => { for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister(); for (const k of await caches.keys()) await caches.delete(k); })().then(() => done(true));",
            vec![],
        )
        .await;
    let _ = wd.refresh().await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        count(&wd, "button.cell").await,
        0,
        "without the worker the offline reload fails"
    );
    let _ = wd.quit().await;
}

/// A navigation to another file in the worker's scope must not become the offline shell.
#[tokio::test(flavor = "multi_thread")]
async fn opening_a_static_file_never_replaces_the_offline_app() {
    let server = Server::start(dist());
    let (_d, wd) = browser("offline-shell").await;
    wd.goto(server.url()).await.expect("open");
    wait_verdict(&wd, "v4-letter", "breach").await;
    wait_for_worker(&wd).await;
    // A navigation inside the scope to a static file, while online.
    wd.goto(format!("{}icon.svg", server.url()))
        .await
        .expect("open the icon");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    server.stop();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    wd.goto(server.url()).await.expect("open offline");
    wait_verdict(&wd, "v4-letter", "breach").await;
    assert!(
        count(&wd, "button.cell").await > 0,
        "offline, the app is the app"
    );
    let _ = wd.quit().await;
}

/// The headers a static host must send, as `cargo xtask serve` sends them from `_headers`.
#[tokio::test(flavor = "multi_thread")]
async fn the_server_sends_the_hosting_headers() {
    let server = Server::start(dist());
    let shell = server.head("/");
    assert!(shell.starts_with("HTTP/1.1 200"), "{shell}");
    for want in [
        "Content-Security-Policy: default-src 'self';",
        "frame-ancestors 'none'",
        "X-Frame-Options: DENY",
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: no-referrer",
        "Cache-Control: no-cache",
    ] {
        assert!(shell.contains(want), "`/` lacks `{want}`:\n{shell}");
    }
    let wasm = std::fs::read_dir(dist())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .find(|n| n.ends_with(".wasm"))
        .expect("a wasm file");
    let asset = server.head(&format!("/{wasm}"));
    assert!(asset.contains("Content-Type: application/wasm"), "{asset}");
    assert!(asset.contains("frame-ancestors 'none'"), "{asset}");
    assert!(
        !asset.contains("Cache-Control"),
        "hashed assets stay cacheable: {asset}"
    );
    // The release build, as users get it: the wasm within the budget, sent precompressed.
    let raw = std::fs::metadata(dist().join(&wasm)).unwrap().len();
    let br = server.head_with(
        &format!("/{wasm}"),
        "Accept-Encoding: gzip, deflate, br\r\n",
    );
    assert!(br.contains("Content-Encoding: br"), "{br}");
    let sent: u64 = br
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("a length");
    assert!(
        sent < raw / 2 && sent < 242 * 1024,
        "a release wasm of {raw} B is sent as {sent} B"
    );
    assert!(
        !asset.contains("Content-Encoding"),
        "nothing compressed for a client that did not ask: {asset}"
    );
    assert!(
        server.head("/../Cargo.toml").starts_with("HTTP/1.1 404"),
        "nothing outside dist/"
    );
    // In Chromium: no page can frame the app, not even one of its own origin. The control, the
    // same folder served without `_headers`, shows that the check can see a framed app.
    let (_d, wd) = browser("framing").await;
    for (with_headers, want_framed) in [(true, false), (false, true)] {
        let dir = copy_of_dist_with_framer(with_headers);
        let framer = Server::start(dir.clone());
        wd.goto(format!("{}frame.html", framer.url()))
            .await
            .expect("open the framer");
        let mut framed = false;
        for _ in 0..40 {
            framed = wd
                .execute(
                    "try { return !!document.getElementById('f').contentDocument.querySelector('button.cell'); } catch (e) { return false; }",
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.convert::<bool>().ok())
                .unwrap_or(false);
            if framed {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(framed, want_framed, "framed with _headers: {with_headers}");
        drop(framer);
        let _ = std::fs::remove_dir_all(dir);
    }
    let _ = wd.quit().await;
}

/// A copy of `dist/` with a page that frames the app, with or without its `_headers`.
fn copy_of_dist_with_framer(with_headers: bool) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "dealscope-framer-{}-{with_headers}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(dist()).unwrap().flatten() {
        let name = entry.file_name();
        if entry.path().is_file() && (with_headers || name != "_headers") {
            std::fs::copy(entry.path(), dir.join(&name)).unwrap();
        }
    }
    std::fs::write(
        dir.join("frame.html"),
        "<!doctype html><title>framer</title><iframe id=f src=\"/\" width=800 height=600></iframe>",
    )
    .unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_frame_never_scrolls_only_its_panels() {
    run("frame", |wd, server| async move {
        open(&wd, &server).await;
        // What once let a wheel over the palette scroll the page by 660 px: My scenarios open
        // and a breach chosen, so the side panel runs far below the window.
        click(&wd, "details.scenarios summary").await;
        click(&wd, "[data-cell=\"v4-letter\"]").await;
        click(&wd, "[data-testid=\"workbench\"]").await;
        let overflow = |wd: WebDriver| async move {
            wd.execute(
                "window.scrollTo(0, 5000); const e = document.scrollingElement; \
                 return [e.scrollHeight - innerHeight, scrollY]",
                vec![],
            )
            .await
            .unwrap()
            .convert::<Vec<f64>>()
            .unwrap()
        };
        assert_eq!(overflow(wd.clone()).await, vec![0.0, 0.0], "page height beyond the window, and scroll");
        // The side panel itself does scroll.
        let side: Vec<f64> = wd
            .execute(
                "const s = document.querySelector('.side'); s.scrollTop = 400; return [s.scrollTop]",
                vec![],
            )
            .await
            .unwrap()
            .convert()
            .unwrap();
        assert!(side[0] > 0.0, "the side panel scrolls: {side:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn arrowing_through_start_from_adds_nothing_until_asked() {
    run("start-from", |wd, server| async move {
        open(&wd, &server).await;
        click(&wd, "[data-testid=\"workbench\"]").await;
        let menu = wd
            .find(By::Css("select[aria-label=\"A built-in version to copy\"]"))
            .await
            .expect("start from");
        menu.focus().await.expect("focus");
        for _ in 0..3 {
            wd.action_chain()
                .send_keys(Key::Down)
                .perform()
                .await
                .expect("arrow");
        }
        let area = wd
            .find(By::Css("[data-testid=\"clause-text\"]"))
            .await
            .expect("editor");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(area.value().await.unwrap().unwrap_or_default(), "");
        click(&wd, "[data-testid=\"add-copy\"]").await;
        wait_for("one copy", || async {
            let text = area.value().await.ok().flatten().unwrap_or_default();
            text.starts_with("clause v") && text.matches("\nclause ").count() == 0
        })
        .await;
    })
    .await;
}

const MY_CLAUSE: &str = "clause mine \"Every hop on Azure\"\n  effective 2026-06-01\n  text \"Every hop that serves OpenAI models runs on Azure.\"\n  owner \"OpenAI\"\n  channels statefull-api, stateless-api\n  requires routed-through azure every-hop\nend\n";

#[tokio::test(flavor = "multi_thread")]
async fn a_user_clause_with_a_typo_is_diagnosed_fixed_joins_the_matrix_and_travels() {
    let server = Server::start(dist());
    let (_d1, wd) = browser("clause-a").await;
    open(&wd, &server).await;
    wd.find(By::Css("[data-testid=\"workbench\"]"))
        .await
        .expect("workbench")
        .click()
        .await
        .expect("open");
    let area = wd
        .find(By::Css("[data-testid=\"clause-text\"]"))
        .await
        .expect("editor");
    area.click().await.expect("focus");
    area.send_keys(MY_CLAUSE).await.expect("type");
    wait_for("the diagnostic", || async {
        match wd.find(By::Css("#clause-problems")).await {
            Ok(l) => l
                .text()
                .await
                .unwrap_or_default()
                .contains("Did you mean `stateful-api`?"),
            Err(_) => false,
        }
    })
    .await;
    assert!(
        count(&wd, ".editor .underlay mark").await >= 1,
        "the typo is underlined in place"
    );
    assert_eq!(
        count(&wd, "button.cell").await,
        10,
        "an invalid clause does not join the matrix"
    );
    wd.screenshot(&shots().join("15-clause-typo.png"))
        .await
        .expect("shot");
    // Fix the typo: select all, type the corrected text.
    area.send_keys(Key::Control + "a")
        .await
        .expect("select all");
    area.send_keys(
        MY_CLAUSE.replace("statefull-api", "stateful-api")
            + "expect mine letter complies\nexpect v4 letter breach\n",
    )
    .await
    .expect("retype");
    wait_for("the matrix to gain a row", || async {
        count(&wd, "button.cell").await == 12
    })
    .await;
    assert_eq!(count(&wd, "#clause-problems li").await, 0);
    assert_eq!(
        verdict(&wd, "mine-letter").await,
        "breach",
        "Frontier on AWS breaches the new clause"
    );
    // The expectations are re-checked: one is met, one fails with its route.
    let exp = wd
        .find(By::Css("[data-testid=\"expectations\"]"))
        .await
        .expect("expectations")
        .text()
        .await
        .unwrap();
    assert!(exp.contains("1 of 2 failing"), "{exp}");
    assert!(
        exp.contains("expected complies, but it is breach") && exp.contains("Route: Acme Corp"),
        "{exp}"
    );
    assert_eq!(
        count(&wd, "button.cell.missed").await,
        1,
        "the failing cell is flagged in the matrix"
    );
    wd.screenshot(&shots().join("16-clause-joins.png"))
        .await
        .expect("shot");
    // Share: the clause travels in the link.
    wd.find(By::Css("[data-testid=\"share\"]"))
        .await
        .expect("share")
        .click()
        .await
        .expect("click");
    let link = wd
        .find(By::Css("[data-testid=\"share-link\"]"))
        .await
        .expect("link")
        .value()
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(link.contains("#3."), "a version-3 link: {link}");
    let _ = wd.quit().await;

    let (_d2, fresh) = browser("clause-b").await;
    fresh.goto(&link).await.expect("open link");
    wait_for("the shared clause in the matrix", || async {
        count(&fresh, "button.cell").await == 12
    })
    .await;
    assert_eq!(verdict(&fresh, "mine-letter").await, "breach");
    let text = fresh
        .find(By::Css("[data-testid=\"clause-text\"]"))
        .await
        .unwrap()
        .value()
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(text.contains("clause mine"), "{text}");
    let exp = fresh
        .find(By::Css("[data-testid=\"expectations\"]"))
        .await
        .expect("expectations")
        .text()
        .await
        .unwrap();
    assert!(
        exp.contains("1 of 2 failing"),
        "the expectations came along: {exp}"
    );
    let _ = fresh.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn compare_with_a_saved_scenario_shows_what_changed_legally() {
    run("compare", |wd, server| async move {
        open(&wd, &server).await;
        wd.find(By::Css("details.scenarios summary"))
            .await
            .expect("my scenarios")
            .click()
            .await
            .expect("open");
        wd.find(By::XPath("//button[text()='Save as named']"))
            .await
            .expect("save")
            .click()
            .await
            .expect("click");
        choose_preset(&wd, "frontier-via-azure").await;
        wait_verdict(&wd, "v2-letter", "complies").await;
        wd.find(By::Css(
            "button[aria-label^=\"Compare with Frontier on AWS\"]",
        ))
        .await
        .expect("compare")
        .click()
        .await
        .expect("click");
        let panel = wd
            .find(By::Css("[data-testid=\"compare\"]"))
            .await
            .expect("panel")
            .text()
            .await
            .unwrap();
        assert!(panel.contains("Verdicts that changed (2)"), "{panel}");
        assert!(panel.contains("V2 \u{00b7} letter"), "{panel}");
        assert!(
            panel.contains("Azure OpenAI endpoint"),
            "a route that appeared: {panel}"
        );
        wd.screenshot(&shots().join("17-compare.png"))
            .await
            .expect("shot");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn exported_pictures_carry_the_scenario_and_import_again() {
    run("pictures", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "bedrock-stateful").await;
        wait_verdict(&wd, "v4-letter", "complies").await;
        wd.execute(
            "window.__blobs = []; const orig = URL.createObjectURL; URL.createObjectURL = (b) => { window.__blobs.push(b); return orig(b); };",
            vec![],
        )
        .await
        .unwrap();
        wd.find(By::Css("details.scenarios summary")).await.unwrap().click().await.unwrap();
        wd.find(By::XPath("//button[text()='Export PNG']")).await.unwrap().click().await.unwrap();
        wait_for("the PNG", || async {
            wd.execute("return window.__blobs.filter(b => b.type === 'image/png').length", vec![])
                .await
                .ok()
                .and_then(|v| v.convert::<i64>().ok())
                == Some(1)
        })
        .await;
        let bytes: Vec<u8> = wd
            .execute_async(
                "const done = arguments[0]; window.__blobs.find(b => b.type === 'image/png').arrayBuffer().then(b => done(Array.from(new Uint8Array(b))));",
                vec![],
            )
            .await
            .unwrap()
            .convert()
            .unwrap();
        assert!(bytes.len() > 2000, "a real picture: {} bytes", bytes.len());
        let back = dealscope_core::io::file::import_bytes(&bytes).expect("the PNG imports again");
        assert_eq!(back.name, "Bedrock stateful runtime");
        assert_eq!(back.diagram.components.len(), 6);
    })
    .await;
}

async fn toast(wd: &WebDriver) -> String {
    match wd.find(By::Css(".toast")).await {
        Ok(t) => t.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn corrupt_saves_are_recovered_and_reported() {
    run("corrupt", |wd, server| async move {
        open(&wd, &server).await;
        let good = dealscope_core::io::link::encode(&dealscope_core::io::link::Scenario {
            name: "Kept".into(),
            diagram: dealscope_core::presets::Preset::find("status-quo").unwrap().diagram(),
            clauses: String::new(),
        });
        // Write the damaged data from another page of the origin: leaving the app flushes its
        // autosave, which would overwrite it.
        wd.goto(format!("{}manifest.webmanifest", server.url())).await.unwrap();
        wd.execute(
            &format!(
                "localStorage.setItem('dealscope.autosave.v1', '1.AAAA'); localStorage.setItem('dealscope.saves.v1', 'Kept\\t{good}\\nBroken\\t1.AAAA\\n');"
            ),
            vec![],
        )
        .await
        .unwrap();
        wd.goto(server.url()).await.unwrap();
        wait_for("the recovery message", || async { toast(&wd).await.contains("could not be read") }).await;
        let msg = toast(&wd).await;
        assert!(msg.contains("Your autosaved scenario could not be read"), "{msg}");
        assert!(msg.contains("saved scenario `Broken` was lost"), "{msg}");
        let aside: String = wd.execute("return localStorage.getItem('dealscope.corrupt')", vec![]).await.unwrap().convert().unwrap();
        assert_eq!(aside, "1.AAAA", "the unreadable autosave was kept aside, not overwritten");
        let saves: String = wd.execute("return document.querySelector('.saves').textContent", vec![]).await.unwrap().convert().unwrap();
        assert!(saves.contains("Kept") && !saves.contains("Broken"), "{saves}");
        assert_eq!(count(&wd, "button.cell").await, 10, "the app works on");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn full_storage_is_said_and_work_goes_on() {
    run("full", |wd, server| async move {
        open(&wd, &server).await;
        wd.execute("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };", vec![])
            .await
            .unwrap();
        choose_preset(&wd, "status-quo").await;
        wait_for("the storage message", || async { toast(&wd).await.contains("Autosave failed") }).await;
        assert!(toast(&wd).await.contains("browser storage is full or blocked"));
        wait_verdict(&wd, "v1-letter", "complies").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_tabs_never_lose_work_silently() {
    run("tabs", |wd, server| async move {
        open(&wd, &server).await;
        let first = wd.window().await.unwrap();
        let second = wd.new_tab().await.unwrap();
        wd.switch_to_window(second.clone()).await.unwrap();
        wd.goto(server.url()).await.unwrap();
        wait_verdict(&wd, "v4-letter", "breach").await;
        // The first tab changes the scenario; the second is told, and autosave pauses there.
        wd.switch_to_window(first).await.unwrap();
        choose_preset(&wd, "status-quo").await;
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        wd.switch_to_window(second).await.unwrap();
        wait_for("the conflict banner", || async {
            count(&wd, ".banner.warn").await == 1
        })
        .await;
        wd.screenshot(&shots().join("18-two-tabs.png"))
            .await
            .unwrap();
        wd.find(By::XPath("//button[text()=\"Load the other tab's\"]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_verdict(&wd, "v1-letter", "complies").await;
        assert_eq!(count(&wd, ".banner.warn").await, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_two_finger_pinch_zooms_the_canvas() {
    run("pinch", |wd, server| async move {
        open(&wd, &server).await;
        let zoom = |wd: WebDriver| async move {
            let t = wd.find(By::Css(".zoom")).await.unwrap().text().await.unwrap();
            t.trim_end_matches('%').parse::<f64>().unwrap_or(0.0)
        };
        let before = zoom(wd.clone()).await;
        // Two touch pointers on the canvas background move apart: the distance doubles.
        wd.execute(
            r#"
            const svg = document.querySelector('svg.canvas');
            const r = svg.getBoundingClientRect();
            const y = r.top + 40, x = r.left + 40;
            const ev = (type, id, px) => new PointerEvent(type, { bubbles: true, cancelable: true, clientX: px, clientY: y, pointerId: id, pointerType: 'touch', isPrimary: id === 1, button: 0, buttons: 1 });
            svg.dispatchEvent(ev('pointerdown', 1, x));
            svg.dispatchEvent(ev('pointerdown', 2, x + 100));
            svg.dispatchEvent(ev('pointermove', 2, x + 200));
            svg.dispatchEvent(ev('pointerup', 2, x + 200));
            svg.dispatchEvent(ev('pointerup', 1, x));
            "#,
            vec![],
        )
        .await
        .unwrap();
        wait_for("the zoom to change", || {
            let wd = wd.clone();
            async move { zoom(wd).await > before }
        })
        .await;
        let after = zoom(wd.clone()).await;
        assert!((after / before - 2.0).abs() < 0.1, "pinching to twice the distance doubles the zoom: {before}% -> {after}%");
    })
    .await;
}

/// An operator that is not set is named as the missing fact; the button takes the user to the
/// field, and setting it decides the verdicts the way the record says.
#[tokio::test(flavor = "multi_thread")]
async fn an_open_operator_is_named_and_setting_it_decides_the_verdicts() {
    run("operator", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "operator-unknown").await;
        wait_verdict(&wd, "v4-letter", "undetermined").await;
        assert_eq!(
            verdict(&wd, "v2-letter").await,
            "complies",
            "a product is not the API"
        );
        wd.find(By::Css("[data-cell=\"v4-letter\"]"))
            .await
            .expect("cell")
            .click()
            .await
            .expect("click");
        let detail = wd.find(By::Css(".detail")).await.expect("detail");
        wait_for("the open question", || async {
            detail
                .text()
                .await
                .unwrap_or_default()
                .contains("Who runs Agent app is not set")
        })
        .await;
        wd.screenshot(&shots().join("19-open-operator.png"))
            .await
            .expect("shot");
        wd.find(By::Css("button[data-missing]"))
            .await
            .expect("the button that sets it")
            .click()
            .await
            .expect("click");
        wait_for("the operator field to have focus", || async {
            wd.execute(
                "return document.activeElement && document.activeElement.id",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.convert::<String>().ok())
            .as_deref()
                == Some("operator")
        })
        .await;
        let set = |name: &'static str| {
            let wd = wd.clone();
            async move {
                let field = wd.find(By::Css("#operator")).await.expect("operator field");
                field.clear().await.expect("clear");
                field.send_keys(name).await.expect("type");
                field.send_keys(Key::Enter).await.expect("enter");
                wd.action_chain()
                    .send_keys(Key::Tab)
                    .perform()
                    .await
                    .expect("tab");
            }
        };
        // OpenAI runs it: a first-party product on AWS, launched there first after the amendment.
        set("OpenAI").await;
        wait_verdict(&wd, "v4-letter", "breach").await;
        assert_eq!(verdict(&wd, "v1-letter").await, "breach");
        assert_eq!(verdict(&wd, "v5-letter").await, "breach");
        assert_eq!(verdict(&wd, "v2-spirit").await, "breach");
        // The customer runs it for itself: no version binds it.
        set("Acme Corp").await;
        wait_verdict(&wd, "v4-letter", "complies").await;
        for cell in [
            "v1-letter",
            "v1-spirit",
            "v2-spirit",
            "v4-spirit",
            "v5-letter",
            "v5-spirit",
        ] {
            assert_eq!(verdict(&wd, cell).await, "complies", "{cell}");
        }
        wd.screenshot(&shots().join("20-operator-set.png"))
            .await
            .expect("shot");
    })
    .await;
}

/// The amendment's exception: "cannot and chooses not to" (spirit) or "cannot, or chooses not
/// to" (letter); ticking the second condition settles both.
#[tokio::test(flavor = "multi_thread")]
async fn the_amendments_exception_follows_each_readings_connective() {
    run("support", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "amendment-declined").await;
        wait_verdict(&wd, "v5-spirit", "breach").await;
        assert_eq!(verdict(&wd, "v5-letter").await, "complies");
        // Select Frontier with a click on its box, then tick "Microsoft cannot support".
        wd.find(By::Css("g.node[aria-label^=\"Frontier,\"] .body"))
            .await
            .expect("Frontier")
            .click()
            .await
            .expect("select");
        wd.find(By::Css("input[data-support=\"cannot\"]"))
            .await
            .expect("the support box")
            .click()
            .await
            .expect("tick");
        wait_verdict(&wd, "v5-spirit", "complies").await;
        assert_eq!(verdict(&wd, "v5-letter").await, "complies");
        wd.screenshot(&shots().join("21-support-exception.png"))
            .await
            .expect("shot");
    })
    .await;
}

/// A component moved with the arrow keys past the canvas's edge stays in view: the view pans
/// to follow the focused component.
#[tokio::test(flavor = "multi_thread")]
async fn the_view_follows_a_component_moved_with_the_keyboard() {
    run("follow", |wd, server| async move {
        open(&wd, &server).await;
        // Focus the rightmost component, then move it 60 grid steps right (Shift+Arrow is 5).
        let id: String = wd
            .execute(
                "const n = [...document.querySelectorAll('g.node')].sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0]; n.focus(); return n.dataset.id;",
                vec![],
            )
            .await
            .unwrap()
            .convert()
            .unwrap();
        for _ in 0..12 {
            wd.action_chain()
                .key_down(Key::Shift)
                .send_keys(Key::Right)
                .key_up(Key::Shift)
                .perform()
                .await
                .expect("shift+right");
        }
        let inside = format!(
            "const n = document.querySelector('g.node[data-id=\"{id}\"]').getBoundingClientRect(); \
             const c = document.querySelector('svg.canvas').getBoundingClientRect(); \
             return n.left >= c.left && n.right <= c.right && n.top >= c.top && n.bottom <= c.bottom \
               && document.activeElement && document.activeElement.dataset.id === '{id}';"
        );
        wait_for("the moved component to be in view and focused", || async {
            wd.execute(&inside, vec![])
                .await
                .ok()
                .and_then(|v| v.convert::<bool>().ok())
                .unwrap_or(false)
        })
        .await;
        wd.screenshot(&shots().join("follow-moved-node.png"))
            .await
            .unwrap();
    })
    .await;
}

/// New starts an empty scenario without losing the work it replaces (kept in My scenarios,
/// beyond a reload), and Ctrl+A selects every component.
#[tokio::test(flavor = "multi_thread")]
async fn new_scenario_keeps_the_work_and_ctrl_a_selects_all() {
    run("new-scenario", |wd, server| async move {
        open(&wd, &server).await;
        let before = count(&wd, "g.node").await;
        add_from_palette(&wd, "host").await;
        click(&wd, "[data-testid=\"new\"]").await;
        wait_for("an empty canvas", || async {
            count(&wd, "g.node").await == 0 && count(&wd, ".empty-state").await == 1
        })
        .await;
        let name = wd
            .find(By::Css(".name input"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert_eq!(name, "New scenario");
        add_from_palette(&wd, "customer").await;
        add_from_palette(&wd, "party").await;
        wait_for("two components", || async {
            count(&wd, "g.node").await == 2
        })
        .await;
        wd.find(By::Css("svg.canvas"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wd.action_chain()
            .key_down(Key::Control)
            .send_keys("a")
            .key_up(Key::Control)
            .perform()
            .await
            .expect("ctrl+a");
        wait_for("both selected", || async {
            count(&wd, "g.node.selected").await == 2
        })
        .await;
        wd.screenshot(&shots().join("new-scenario-select-all.png"))
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(600)).await; // autosave
        wd.refresh().await.expect("reload");
        wait_for("the kept work in My scenarios", || async {
            count(&wd, ".saves li").await == 1
        })
        .await;
        assert_eq!(
            count(&wd, "g.node").await,
            2,
            "the new scenario is the autosave"
        );
        open_first_save(&wd, before + 1).await;
    })
    .await;
}

/// The share panel takes focus when it opens, and Escape closes it.
#[tokio::test(flavor = "multi_thread")]
async fn the_share_panel_takes_focus_and_escape_closes_it() {
    run("share-escape", |wd, server| async move {
        open(&wd, &server).await;
        click(&wd, "[data-testid=\"share\"]").await;
        wait_for("focus in the share panel", || async {
            count(&wd, ".popover").await == 1
                && wd
                    .execute(
                        "return document.activeElement.dataset.testid === 'share-link'",
                        vec![],
                    )
                    .await
                    .ok()
                    .and_then(|v| v.convert::<bool>().ok())
                    .unwrap_or(false)
        })
        .await;
        wd.action_chain()
            .send_keys(Key::Escape)
            .perform()
            .await
            .expect("escape");
        wait_for("the panel to close", || async {
            count(&wd, ".popover").await == 0
        })
        .await;
    })
    .await;
}
