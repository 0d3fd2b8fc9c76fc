//! The one fixture runner of the core's tests: a fixture file is an input, a line `---`, and
//! the expected output, written by hand from the sources.

use std::path::{Path, PathBuf};

/// The files of `fixtures/<folder>`, in name order.
fn files(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

/// Runs `render` on the input of every fixture in `fixtures/<folder>` (at least `min` of
/// them) and fails listing each fixture whose output differs from its expected text. With
/// `UPDATE_EXPECT` set, rewrites the expected text instead, for reviewing the diff by hand.
pub fn run(folder: &str, min: usize, render: impl Fn(&str) -> String) {
    let paths = files(folder);
    assert!(paths.len() >= min, "at least {min} fixtures in {folder}");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let (input, expect) = text.split_once("\n---\n").unwrap_or((&text, ""));
        let got = render(input);
        if got == expect {
            continue;
        }
        if update {
            std::fs::write(&path, format!("{input}\n---\n{got}")).unwrap();
        } else {
            failures.push(format!(
                "{}:\n--- want\n{expect}--- got\n{got}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
