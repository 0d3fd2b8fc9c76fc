//! Helpers for the end-to-end tests: a static file server for `dist/` and a Chromium session.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use thirtyfour::prelude::*;

mod page;
#[allow(unused_imports)]
pub use page::Page;

/// `cargo xtask serve --no-build` for a folder, on a free port of 127.0.0.1, until dropped or
/// stopped: the tests see exactly the server and the headers (`dist/_headers`) that ship.
pub struct Server {
    pub port: u16,
    child: std::sync::Mutex<Option<Child>>,
}

/// The xtask program: the one running the tests, else the workspace's debug build.
fn xtask() -> PathBuf {
    std::env::var_os("DEALSCOPE_XTASK")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug/xtask"))
}

impl Server {
    /// Serves `root` until stopped.
    pub fn start(root: PathBuf) -> Server {
        let port = free_port();
        let exe = xtask();
        let mut child = Command::new(&exe)
            .args(["serve", "--no-build", "--port", &port.to_string(), "--dir"])
            .arg(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {} serve: {e}", exe.display()));
        for _ in 0..400 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Server {
                    port,
                    child: std::sync::Mutex::new(Some(child)),
                };
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("`xtask serve` did not listen on port {port}");
    }

    /// The page's address.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Stops the server (the port then refuses).
    pub fn stop(&self) {
        if let Some(mut child) = self.child.lock().ok().and_then(|mut c| c.take()) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The status line and headers of a GET for `path`, as raw text.
    pub fn head(&self, path: &str) -> String {
        self.head_with(path, "")
    }

    /// The response headers of a GET of `path` sent with `extra` request header lines (each
    /// ending in CRLF).
    pub fn head_with(&self, path: &str, extra: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}Connection: close\r\n\r\n"
        )
        .expect("send");
        let mut reader = BufReader::new(stream);
        let mut out = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            out.push_str(&line);
        }
        out
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The release build to test.
pub fn dist() -> PathBuf {
    let dir = std::env::var("DEALSCOPE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no release build at {} (run `cargo xtask dist`)",
        dir.display()
    );
    dir
}

/// Where screenshots go.
pub fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir
}

/// A chromedriver process, killed when dropped.
pub struct Driver {
    child: Child,
    pub port: u16,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Starts chromedriver and opens a headless Chromium with a fresh profile.
pub async fn browser(name: &str) -> (Driver, WebDriver) {
    browser_with(name, &[]).await
}

/// Like [`browser`], with extra Chromium arguments.
pub async fn browser_with(name: &str, extra: &[String]) -> (Driver, WebDriver) {
    let port = free_port();
    let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let profile = std::env::temp_dir().join(format!("dealscope-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let driver = Driver {
        child,
        port,
        profile: profile.clone(),
    };
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(&std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
        .expect("binary");
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,800",
    ] {
        caps.add_arg(arg).expect("arg");
    }
    caps.add_arg(&format!("--user-data-dir={}", profile.display()))
        .expect("profile");
    for arg in extra {
        caps.add_arg(arg).expect("extra arg");
    }
    let url = format!("http://127.0.0.1:{port}");
    let mut last = None;
    for _ in 0..50 {
        match WebDriver::new(&url, caps.clone()).await {
            Ok(wd) => return (driver, wd),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start: {last:?}");
}

/// Polls `f` until it returns true or the timeout passes.
pub async fn wait_for<F, Fut>(what: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..100 {
        if f().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Waits until the focused element's property `what` (e.g. `id`, `name`, `textContent`) is
/// `want`. Focus moves once the next view is drawn, so it is waited for, never read at once.
pub async fn wait_for_focus(wd: &WebDriver, what: &str, want: &str) {
    // JavaScript's `??` turns "nothing focused" into "".
    let js = format!("return String(document.activeElement?.{what} ?? '')");
    wait_for(&format!("focus on {what} {want:?}"), || {
        let (wd, js) = (wd.clone(), js.clone());
        async move {
            let v = wd.execute(&js, vec![]).await.ok();
            v.and_then(|v| v.convert::<String>().ok()).as_deref() == Some(want)
        }
    })
    .await
}

/// Where a box is drawn, as "translate(x,y)" from its body's corner ("" when there is no such
/// box): boxes are drawn where they land, without a transform of their own.
pub async fn position(wd: &WebDriver, css: &str) -> String {
    let js = format!(
        "const r = document.querySelector({css:?})?.querySelector('rect.body'); \
         return r ? 'translate(' + r.getAttribute('x') + ',' + r.getAttribute('y') + ')' : ''"
    );
    wd.execute(&js, vec![])
        .await
        .ok()
        .and_then(|v| v.convert::<String>().ok())
        .unwrap_or_default()
}

/// Whether a script returns `true` (any error or other value is `false`).
pub async fn holds(wd: &WebDriver, js: &str) -> bool {
    wd.execute(js, vec![])
        .await
        .ok()
        .and_then(|v| v.convert::<bool>().ok())
        .unwrap_or(false)
}

/// How many elements match a CSS selector.
pub async fn count(wd: &WebDriver, css: &str) -> usize {
    wd.find_all(By::Css(css))
        .await
        .map(|v| v.len())
        .unwrap_or(0)
}

/// Waits until the app has rendered its verdict matrix.
/// Clicks the first element matching `css`.
pub async fn click(wd: &WebDriver, css: &str) {
    wd.find(By::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}`: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("`{css}` would not click: {e}"));
}

/// The text of the first element matching `css`.
pub async fn text_of(wd: &WebDriver, css: &str) -> String {
    wd.find(By::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}`: {e}"))
        .text()
        .await
        .unwrap_or_default()
}

pub async fn ready(wd: &WebDriver) {
    wait_for("the verdict matrix", || async {
        count(wd, "button.cell").await == 10
    })
    .await;
}

/// Opens a preset from the scenario menu.
pub async fn choose_preset(wd: &WebDriver, id: &str) {
    let select = wd
        .find(By::Css("select[aria-label=\"Open a preset scenario\"]"))
        .await
        .expect("preset menu");
    select
        .find(By::Css(format!("option[value=\"{id}\"]")))
        .await
        .expect("option")
        .click()
        .await
        .expect("choose");
}
