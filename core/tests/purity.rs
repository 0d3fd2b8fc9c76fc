//! Architecture invariant: the core's dependency tree holds no browser crate.

#[test]
fn core_depends_on_no_browser_crate() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "dealscope-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--manifest-path",
        ])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.contains("serde"), "the tree was read: {tree}");
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or("");
        for banned in ["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo"] {
            assert!(
                !(name == banned || name.starts_with(&format!("{banned}-"))),
                "dealscope-core depends on `{name}`"
            );
        }
    }
}

/// The core's modules in layers, lowest first. A module uses only modules of lower layers
/// (and, inside a folder that is one unit, its siblings). ARCHITECTURE.md explains each layer.
const LAYERS: &[&[&str]] = &[
    &["fx", "lex", "verdict", "textfit", "io::json", "io::base64"],
    &["model"],
    &["limits"],
    &["clause", "io::text", "io::inflate"],
    &["lang", "presets", "io::link"],
    &[
        "check",
        "edit",
        "generate",
        "io::svg",
        "io::png",
        "io::saves",
    ],
    &["repair", "compare", "relate", "io::file"],
    &["workspace", "memo"],
];

/// Folders whose files form one unit (they may use each other); other folders only group.
const UNITS: &[&str] = &["check", "edit", "lang"];

fn layer_of(unit: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&unit))
}

/// The unit a source file belongs to: `check/graph.rs` is `check`, `io/link.rs` is `io::link`.
fn unit_of(rel: &str) -> String {
    let path = rel.trim_end_matches(".rs");
    match path.split_once('/') {
        Some((dir, _)) if UNITS.contains(&dir) => dir.into(),
        Some((dir, "mod")) => dir.into(),
        Some((dir, file)) => format!("{dir}::{file}"),
        None => path.into(),
    }
}

/// The units a file's code (its tests left out) names through `crate::` or `super::`.
fn used_units(rel: &str, code: &str) -> Vec<String> {
    let own = unit_of(rel);
    let mut out = Vec::new();
    for (prefix, from_super) in [("crate::", false), ("super::", true)] {
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            let word = |s: &str| -> String {
                s.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect()
            };
            let first = word(rest);
            let in_unit = rel
                .split_once('/')
                .is_some_and(|(dir, _)| UNITS.contains(&dir));
            assert!(
                !first.is_empty() || (from_super && in_unit),
                "{rel} uses `{prefix}{{…}}`: name each module on its own line"
            );
            let unit = if from_super {
                // `super::x` inside a unit is a sibling; inside a grouping folder, `dir::x`.
                match rel.split_once('/') {
                    Some((dir, _)) if !UNITS.contains(&dir) => format!("{dir}::{first}"),
                    _ => own.clone(),
                }
            } else if first == "io" {
                format!("io::{}", word(&rest[4..]))
            } else {
                first
            };
            out.push(unit);
        }
    }
    out
}

fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read core/src") {
        let path = entry.expect("read an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_modules_use_only_lower_layers() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut wrong = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "lib.rs" || rel == "io/mod.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // Tests may use anything: the code ends where the first test module begins.
        let code = text.split("\n#[cfg(test)]\n").next().unwrap();
        let own = unit_of(&rel);
        let Some(mine) = layer_of(&own) else {
            wrong.push(format!("{rel}: `{own}` is in no layer; add it to LAYERS"));
            continue;
        };
        for used in used_units(&rel, code) {
            if used == own || used == "io" {
                continue;
            }
            match layer_of(&used) {
                Some(theirs) if theirs < mine => {}
                Some(theirs) => wrong.push(format!(
                    "{rel}: `{own}` (layer {mine}) uses `{used}` (layer {theirs})"
                )),
                None => wrong.push(format!("{rel}: uses `{used}`, which is in no layer")),
            }
        }
    }
    assert!(wrong.is_empty(), "layer violations:\n{}", wrong.join("\n"));
}

#[test]
fn the_layer_check_sees_a_violation() {
    // A model that used the checker would be caught.
    let used = used_units(
        "model.rs",
        "use crate::check::Verdict;\nfn f() { super::x(); }",
    );
    assert_eq!(used, ["check", "model"]);
    assert!(layer_of("check") > layer_of("model"));
    assert_eq!(
        used_units("io/file.rs", "use super::png::Carried;"),
        ["io::png"]
    );
    assert_eq!(
        used_units("check/spec.rs", "use super::graph::Class;"),
        ["check"]
    );
    assert_eq!(used_units("lang.rs", "crate::io::link::X"), ["io::link"]);
}
