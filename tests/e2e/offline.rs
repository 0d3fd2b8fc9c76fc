//! Offline after one visit, and the headers a static host sends.

use super::*;

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
async fn works_offline_after_one_visit() {
    let server = Server::start(dist());
    let (_d, wd) = browser("offline").await;
    wd.goto(server.url()).await.expect("open");
    Page::new(&wd).wait_verdict("v4-letter", "breach").await;
    // Wait until the service worker controls the page and has cached the shell.
    wait_for_worker(&wd).await;
    choose_preset(&wd, "status-quo").await;
    Page::new(&wd).wait_verdict("v1-letter", "complies").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await; // autosave
    server.stop();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    wd.refresh().await.expect("reload offline");
    Page::new(&wd).wait_verdict("v1-letter", "complies").await;
    assert!(
        node_labels(&wd)
            .await
            .iter()
            .any(|l| l.contains("Azure OpenAI Service")),
        "the autosaved scenario is there"
    );
    Page::new(&wd).shot("11-offline.png").await;
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
    Page::new(&wd).wait_verdict("v4-letter", "breach").await;
    wait_for_worker(&wd).await;
    // A navigation inside the scope to a static file, while online.
    wd.goto(format!("{}icon.svg", server.url()))
        .await
        .expect("open the icon");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    server.stop();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    wd.goto(server.url()).await.expect("open offline");
    Page::new(&wd).wait_verdict("v4-letter", "breach").await;
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
