//! `cargo xtask serve`: the release build served on loopback with the headers a static host
//! must send, read from `dist/_headers` (the Netlify and Cloudflare Pages format, which the
//! release build writes; `docs/hosting.md` has the same as an nginx snippet). The end-to-end
//! tests run against this server, so the headers shipped are the headers tested.
//!
//! `serve [--port N] [--dir PATH] [--no-build]`: without `--no-build` it first runs the release
//! build. Only GET and HEAD; `/` is `index.html`; nothing outside the folder is ever served. A
//! file with a precompressed twin (`.br`, `.gz`, written by `dist`) is sent compressed when the
//! browser accepts it, as a static host with `brotli_static`/`gzip_static` does.
//!
//! `serve --dev [--port N]` is for working on the app: Trunk's debug build with live reload,
//! without the release build's size work, CSP or service worker.

use crate::{step, CSP};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The `_headers` file of the release build: what every response carries, and what the shell
/// and the service worker carry besides (never cached without revalidation, so a release is
/// picked up).
pub fn headers_file() -> String {
    format!(
        "# Headers for a static host (Netlify, Cloudflare Pages); docs/hosting.md has them for nginx.\n\
         /*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  X-Frame-Options: DENY\n  \
         X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  \
         Cross-Origin-Opener-Policy: same-origin\n  \
         Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()\n\
         /\n  Cache-Control: no-cache\n\
         /index.html\n  Cache-Control: no-cache\n\
         /sw.js\n  Cache-Control: no-cache\n"
    )
}

/// The rules of a `_headers` file: a path (`/*` for all), then its indented `Name: value`
/// lines.
pub fn parse_headers(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            rules.push((line.trim().to_string(), Vec::new()));
        } else if let (Some((_, list)), Some((name, value))) =
            (rules.last_mut(), line.trim().split_once(':'))
        {
            list.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    rules
}

/// The headers for a request path, in file order: `/*` and the exact path.
fn headers_for(rules: &[(String, Vec<(String, String)>)], path: &str) -> Vec<(String, String)> {
    rules
        .iter()
        .filter(|(pattern, _)| pattern == "/*" || pattern == path)
        .flat_map(|(_, list)| list.iter().cloned())
        .collect()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "webmanifest" => "application/manifest+json",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn respond(mut stream: TcpStream, root: &Path, rules: &[(String, Vec<(String, String)>)]) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut accept = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accept = value.trim().to_ascii_lowercase();
            }
        }
    }
    let mut words = request.split_whitespace();
    let method = words.next().unwrap_or("");
    let path = words.next().unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let rel = if path == "/" {
        "index.html"
    } else {
        path.trim_start_matches('/')
    };
    let file = root.join(rel);
    let safe = !rel.split('/').any(|part| part == ".." || part.is_empty()) && !rel.contains('\\');
    let mut encoding = None;
    let (status, body, ctype) = if !matches!(method, "GET" | "HEAD") {
        (
            "405 Method Not Allowed",
            b"method not allowed".to_vec(),
            "text/plain",
        )
    } else if safe && file.is_file() {
        let (sent, coding) = precompressed(&file, &accept);
        encoding = coding;
        (
            "200 OK",
            std::fs::read(&sent).unwrap_or_default(),
            content_type(&file),
        )
    } else {
        ("404 Not Found", b"not found".to_vec(), "text/plain")
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(coding) = encoding {
        head.push_str(&format!(
            "Content-Encoding: {coding}\r\nVary: Accept-Encoding\r\n"
        ));
    }
    for (name, value) in headers_for(rules, path) {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
}

/// The file to send for `file` given the request's `Accept-Encoding` (lowercased): its brotli or
/// gzip twin when there is one and the browser takes it, with the `Content-Encoding` to say so.
fn precompressed(file: &Path, accept: &str) -> (PathBuf, Option<&'static str>) {
    let takes = |coding: &str| {
        accept.split(',').any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            name == coding && !refused
        })
    };
    for (coding, ext) in [("br", "br"), ("gzip", "gz")] {
        let twin = PathBuf::from(format!("{}.{ext}", file.display()));
        if takes(coding) && twin.is_file() {
            return (twin, Some(coding));
        }
    }
    (file.to_path_buf(), None)
}

/// Serves `root` on 127.0.0.1:`port` until the process ends.
pub fn serve_dir(root: PathBuf, port: u16) -> Result<(), String> {
    let rules = parse_headers(&std::fs::read_to_string(root.join("_headers")).unwrap_or_default());
    if rules.is_empty() {
        eprintln!(
            "warning: {} has no _headers; serving without them",
            root.display()
        );
    }
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    step(&format!(
        "serving {} on http://127.0.0.1:{port}/ (Ctrl+C to stop)",
        root.display()
    ));
    let rules = std::sync::Arc::new(rules);
    for stream in listener.incoming().flatten() {
        let (root, rules) = (root.clone(), rules.clone());
        std::thread::spawn(move || respond(stream, &root, &rules));
    }
    Ok(())
}

/// `cargo xtask serve [--port N] [--dir PATH] [--no-build]`.
pub fn serve(args: &[String]) -> Result<(), String> {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let port: u16 = match value("--port") {
        Some(p) => p.parse().map_err(|_| format!("`{p}` is not a port"))?,
        None => 8080,
    };
    if args.iter().any(|a| a == "--dev") {
        crate::tools::ensure_build_tools()?;
        step(&format!(
            "debug build with live reload (trunk serve) on http://127.0.0.1:{port}/: not what users get; `cargo xtask serve` serves the release build"
        ));
        return crate::run(Command::new("trunk").args(["serve", "--port", &port.to_string()]));
    }
    let dir = value("--dir").map_or_else(|| crate::root().join("dist"), PathBuf::from);
    if !args.iter().any(|a| a == "--no-build") {
        crate::tools::ensure_build_tools()?;
        crate::dist()?;
    }
    serve_dir(dir, port)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headers_file_forbids_framing_and_reads_back() {
        let rules = parse_headers(&headers_file());
        let all = headers_for(&rules, "/app.wasm");
        let csp = all
            .iter()
            .find(|(n, _)| n == "Content-Security-Policy")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        assert!(csp.ends_with("; frame-ancestors 'none'"), "{csp}");
        assert!(csp.starts_with(CSP), "{csp}");
        assert!(all.contains(&("X-Content-Type-Options".into(), "nosniff".into())));
        assert!(
            !all.iter().any(|(n, _)| n == "Cache-Control"),
            "assets are cacheable"
        );
        let shell = headers_for(&rules, "/");
        assert!(shell.contains(&("Cache-Control".into(), "no-cache".into())));
    }

    #[test]
    fn a_precompressed_twin_is_sent_only_when_the_browser_takes_it() {
        let dir = std::env::temp_dir().join(format!("dealscope-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let app = dir.join("app.wasm");
        for name in ["app.wasm", "app.wasm.br", "app.wasm.gz", "plain.png"] {
            std::fs::write(dir.join(name), name).unwrap();
        }
        let twin = |f: &Path, ext: &str| PathBuf::from(format!("{}.{ext}", f.display()));
        for (accept, want) in [
            ("gzip, deflate, br, zstd", (twin(&app, "br"), Some("br"))),
            ("gzip", (twin(&app, "gz"), Some("gzip"))),
            ("br;q=0, gzip;q=1", (twin(&app, "gz"), Some("gzip"))),
            ("", (app.clone(), None)),
            ("identity", (app.clone(), None)),
        ] {
            assert_eq!(precompressed(&app, accept), want, "{accept}");
        }
        let png = dir.join("plain.png");
        assert_eq!(precompressed(&png, "br, gzip"), (png.clone(), None));
        let _ = std::fs::remove_dir_all(dir);
    }
}
