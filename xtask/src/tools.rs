//! Installing the tools the build and tests need, each only when missing.
//!
//! Every tool version is pinned here, in one place. wasm-bindgen-cli follows the `wasm-bindgen`
//! version in `Cargo.lock`; `Trunk.toml` must name the same versions (checked below).

use crate::{root, run, step};
use std::path::PathBuf;
use std::process::Command;

/// cargo-fuzz, for the decoder's fuzz targets (run on stable with `RUSTC_BOOTSTRAP=1`).
pub const CARGO_FUZZ: &str = "0.13.2";
/// Trunk, installed from crates.io with its own lock file.
pub const TRUNK: &str = "0.21.14";
/// binaryen from npm (Debian's wasm-opt is too old for what Rust 1.95 emits).
pub const BINARYEN: &str = "132.0.0";
/// terser from npm, which minifies wasm-bindgen's JavaScript glue in release builds.
pub const TERSER: &str = "5.51.4";
/// axe-core from npm, injected into the page by the accessibility tests.
pub const AXE: &str = "4.14.1";
/// The Debian packages for browser tests.
pub const BROWSER_PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];
/// Where the browser and its driver are.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// See [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The version of `wasm-bindgen` that `Cargo.lock` resolved.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no `wasm-bindgen` package".into())
}

/// Folder of npm-installed tools (wasm-opt); put first on PATH for Trunk.
pub fn npm_bin() -> PathBuf {
    root().join("target/tools/node_modules/.bin")
}

/// PATH with the npm tools and cargo's bin folder first.
pub fn path_env() -> String {
    let cargo_bin = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
        .join("bin");
    format!(
        "{}:{}:{}",
        npm_bin().display(),
        cargo_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn has_version(cmd: &str, want: &str) -> bool {
    let path = path_env();
    Command::new(cmd)
        .arg("--version")
        .env("PATH", path)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .is_some_and(|o| String::from_utf8_lossy(&o.stdout).contains(want))
}

/// Installs what `serve` and `dist` need: the wasm target, Trunk, wasm-bindgen-cli, wasm-opt.
pub fn ensure_build_tools() -> Result<(), String> {
    check_trunk_toml()?;
    let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        step("install the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    if !has_version("trunk", TRUNK) {
        step(&format!(
            "install trunk {TRUNK} (about 11 minutes on 2 cores, once)"
        ));
        run(Command::new("cargo").args([
            "install",
            "--locked",
            "--force",
            "trunk",
            "--version",
            TRUNK,
        ]))?;
    }
    let wb = wasm_bindgen_version()?;
    if !has_version("wasm-bindgen", &wb) || !has_version("wasm-bindgen-test-runner", &wb) {
        // Not --locked: its lock file wants a webpki-roots release the registry lacks.
        step(&format!(
            "install wasm-bindgen-cli {wb} (about 3 minutes, once)"
        ));
        run(Command::new("cargo").args([
            "install",
            "--force",
            "wasm-bindgen-cli",
            "--version",
            &wb,
        ]))?;
    }
    if !has_version(
        "wasm-opt",
        &format!("version {}", BINARYEN.split('.').next().unwrap_or(BINARYEN)),
    ) {
        step(&format!("install binaryen {BINARYEN} from npm (wasm-opt)"));
        let prefix = root().join("target/tools");
        std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg(format!("binaryen@{BINARYEN}")))?;
    }
    ensure_terser().map(|_| ())
}

/// Installs terser from npm when missing; returns its command-line script (run with node).
pub fn ensure_terser() -> Result<PathBuf, String> {
    ensure_npm("terser", TERSER, "bin/terser", "minifies the JS glue")
}

/// The environment of the release build: std rebuilt for size with the app (`-Zbuild-std` on
/// stable through `RUSTC_BOOTSTRAP=1`), a panic aborting at once without formatting its message
/// (the page sees a `RuntimeError`, and `src/crash.rs` shows the crash view), and no panic
/// locations or `Debug` text in the wasm.
pub const RELEASE_ENV: [(&str, &str); 4] = [
    ("RUSTC_BOOTSTRAP", "1"),
    ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
    // std's own smaller algorithms (sorting, formatting) where it offers them.
    ("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size"),
    (
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none",
    ),
];

/// Installs what rebuilding std needs: the `rust-src` component, and std's own dependencies
/// fetched from crates.io (Trunk builds offline).
pub fn ensure_build_std() -> Result<(), String> {
    let components = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    if !components.lines().any(|l| l.trim().starts_with("rust-src")) {
        step("install the rust-src component (to rebuild std for size)");
        run(Command::new("rustup").args(["component", "add", "rust-src"]))?;
    }
    let sysroot = output("rustc", &["--print", "sysroot"]).ok_or("cannot find rustc's sysroot")?;
    let library = PathBuf::from(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.toml");
    run(Command::new("cargo")
        .arg("fetch")
        .arg("--manifest-path")
        .arg(&library)
        .env("RUSTC_BOOTSTRAP", "1"))
}

/// Installs cargo-fuzz when missing.
pub fn ensure_cargo_fuzz() -> Result<(), String> {
    let installed = output("cargo", &["fuzz", "--version"]).is_some_and(|v| v.contains(CARGO_FUZZ));
    if !installed {
        step(&format!(
            "install cargo-fuzz {CARGO_FUZZ} (about 2 minutes, once)"
        ));
        run(Command::new("cargo").args([
            "install",
            "--locked",
            "--force",
            "cargo-fuzz",
            "--version",
            CARGO_FUZZ,
        ]))?;
    }
    Ok(())
}

/// Installs axe-core from npm (for the accessibility tests) when missing; returns its script.
pub fn ensure_axe() -> Result<PathBuf, String> {
    ensure_npm("axe-core", AXE, "axe.min.js", "for the accessibility tests")
}

/// Installs an npm package at an exact version under `target/tools` when missing or at another
/// version; returns the path of one of its files.
fn ensure_npm(name: &str, version: &str, file: &str, why: &str) -> Result<PathBuf, String> {
    let prefix = root().join("target/tools");
    let folder = prefix.join("node_modules").join(name);
    let script = folder.join(file);
    let current = std::fs::read_to_string(folder.join("package.json")).unwrap_or_default();
    if !script.exists() || !current.contains(&format!("\"version\": \"{version}\"")) {
        step(&format!("install {name} {version} from npm ({why})"));
        std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg(format!("{name}@{version}")))?;
    }
    Ok(script)
}

/// Installs Debian's Chromium and ChromeDriver when missing.
pub fn ensure_browser() -> Result<(), String> {
    if std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    step("install chromium and chromium-driver from Debian");
    let sudo: &[&str] = if output("id", &["-u"]).is_some_and(|u| u.trim() == "0") {
        &[]
    } else {
        &["sudo"]
    };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut cmd = Command::new(all[0]);
        cmd.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-q"])?;
    let mut args = vec!["install", "-y", "-q"];
    args.extend(BROWSER_PACKAGES);
    apt(&args)
}

/// Trunk.toml must name the versions pinned here, or Trunk would try to download others.
fn check_trunk_toml() -> Result<(), String> {
    let text = std::fs::read_to_string(root().join("Trunk.toml"))
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    let wb = wasm_bindgen_version()?;
    let major = BINARYEN.split('.').next().unwrap_or(BINARYEN);
    for want in [
        format!("wasm_bindgen = \"{wb}\""),
        format!("wasm_opt = \"version_{major}\""),
    ] {
        if !text.contains(&want) {
            return Err(format!(
                "Trunk.toml must say `{want}` to match the pinned tools"
            ));
        }
    }
    Ok(())
}

/// Whether `cargo <tool>` (a rustup component such as `fmt` or `clippy`) is installed.
pub fn has_cargo_tool(tool: &str) -> bool {
    Command::new("cargo")
        .args([tool, "--version"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
