//! End-to-end: the release `dist/` served on loopback, driven in headless Chromium with real
//! pointer drags and real key presses, one module per feature (and `safety`: privacy, CSP,
//! crash view, accessibility). Screenshots of each state go to `target/e2e/`. `Page`
//! (`support/page.rs`) is what a test does to the app.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../support/mod.rs"]
mod support;

mod changed;
mod clauses;
mod editing;
mod offline;
mod safety;
mod sharing;
mod storage;

pub(crate) use support::{
    browser, browser_with, choose_preset, click, count, dist, holds, position, ready, shots,
    text_of, wait_for, wait_for_focus, Page, Server,
};
pub(crate) use thirtyfour::prelude::*;

pub(crate) const API: &str = r#"g.node[aria-label^="OpenAI API (AWS), "]"#;

pub(crate) async fn open(wd: &WebDriver, server: &Server) {
    wd.goto(server.url()).await.expect("open the app");
    Page::new(wd).wait_verdict("v4-letter", "breach").await;
}

pub(crate) async fn run<F, Fut>(name: &str, f: F)
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

pub(crate) async fn node_labels(wd: &WebDriver) -> Vec<String> {
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

pub(crate) async fn verdicts(wd: &WebDriver) -> Vec<String> {
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

/// Adds a component of `kind` from the palette with the keyboard.
pub(crate) async fn add_from_palette(wd: &WebDriver, kind: &str) {
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
pub(crate) async fn open_first_save(wd: &WebDriver, nodes: usize) {
    Page::new(wd).click(".saves li button").await;
    wait_for("the kept work", || async {
        count(wd, "g.node").await == nodes
    })
    .await;
}

pub(crate) async fn toast(wd: &WebDriver) -> String {
    match wd.find(By::Css(".toast")).await {
        Ok(t) => t.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}
