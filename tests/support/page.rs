//! `Page`: what a browser test does to the app, one call each, so a test reads as the steps a
//! user takes (open, click, press a chord, read a verdict, wait, take a screenshot, share).

use super::{shots, wait_for};
use thirtyfour::prelude::*;

/// The app in one browser window.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub wd: &'a WebDriver,
}

impl<'a> Page<'a> {
    pub fn new(wd: &'a WebDriver) -> Page<'a> {
        Page { wd }
    }

    /// Opens `url` and waits for the verdict matrix.
    pub async fn open(&self, url: &str) {
        self.wd.goto(url).await.expect("open the app");
        super::ready(self.wd).await;
    }

    /// The first element matching `css`.
    pub async fn find(&self, css: impl Into<String>) -> WebElement {
        let css = css.into();
        self.wd
            .find(By::Css(css.clone()))
            .await
            .unwrap_or_else(|e| panic!("no `{css}`: {e}"))
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: impl Into<String>) {
        let css = css.into();
        self.find(css.clone())
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("`{css}` would not click: {e}"));
    }

    /// Presses Ctrl (or Cmd) with `key`.
    pub async fn chord(&self, key: &str) {
        self.wd
            .action_chain()
            .key_down(Key::Control)
            .send_keys(key)
            .key_up(Key::Control)
            .perform()
            .await
            .unwrap_or_else(|e| panic!("Ctrl+{key}: {e}"));
    }

    /// Presses keys where the focus is.
    pub async fn press(&self, keys: impl Into<TypingData>) {
        self.wd
            .action_chain()
            .send_keys(keys)
            .perform()
            .await
            .expect("press keys");
    }

    /// The verdict a matrix cell shows (`complies`, `breach`, `undetermined`), or "".
    pub async fn verdict(&self, cell: &str) -> String {
        match self
            .wd
            .find(By::Css(format!("[data-cell=\"{cell}\"]")))
            .await
        {
            Ok(el) => el
                .attr("data-verdict")
                .await
                .ok()
                .flatten()
                .unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits until a matrix cell shows `want`.
    pub async fn wait_verdict(&self, cell: &str, want: &str) {
        wait_for(&format!("{cell} to be {want}"), || async {
            self.verdict(cell).await == want
        })
        .await;
    }

    /// The text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        super::text_of(self.wd, css).await
    }

    /// How many elements match `css`.
    pub async fn count(&self, css: &str) -> usize {
        super::count(self.wd, css).await
    }

    /// Saves a screenshot as `target/e2e/<name>`.
    pub async fn shot(&self, name: &str) {
        self.wd
            .screenshot(&shots().join(name))
            .await
            .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
    }

    /// Opens the share panel and reads the link it offers, once the browser has compressed it.
    pub async fn share_link(&self) -> String {
        self.click("[data-testid=\"share\"]").await;
        super::wait_for("the share link", || async {
            self.count("[data-testid=\"share-link\"]").await == 1
        })
        .await;
        self.find("[data-testid=\"share-link\"]")
            .await
            .value()
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }
}
