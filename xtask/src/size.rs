//! The size profile of the release build: where the wasm's bytes are, per function and per
//! crate, and `target/size.json` for comparing commits. It reads the name section of the wasm
//! that rustc linked, after wasm-bindgen (which drops its own descriptor functions) and before
//! wasm-opt (which strips the names), so sizes are before wasm-opt's shrinking.

use std::collections::BTreeMap;
use std::path::Path;

/// A function of the linked wasm: its symbol and its body's size in bytes.
pub struct Function {
    /// The mangled symbol (Rust's v0 scheme), or `?` when the wasm has no name for it.
    pub name: String,
    /// Bytes of its body in the code section.
    pub bytes: u64,
}

fn leb(data: &[u8], at: &mut usize) -> Result<u64, String> {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = *data.get(*at).ok_or("the wasm ends inside a number")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Ok(value);
        }
        shift += 7;
        if shift > 63 {
            return Err("a number in the wasm is too long".into());
        }
    }
}

/// The functions of a wasm module with their sizes, largest first.
pub fn functions(wasm: &[u8]) -> Result<Vec<Function>, String> {
    if wasm.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".into());
    }
    let mut at = 8;
    let (mut imported, mut bodies, mut names) = (0u64, Vec::new(), BTreeMap::new());
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb(wasm, &mut at)? as usize;
        let end = at + size;
        let section = wasm.get(at..end).ok_or("a section runs past the end")?;
        match id {
            2 => imported = imported_functions(section)?,
            10 => bodies = code_sizes(section)?,
            0 => read_names(section, &mut names)?,
            _ => {}
        }
        at = end;
    }
    let mut out: Vec<Function> = bodies
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| Function {
            name: names
                .remove(&(imported + i as u64))
                .unwrap_or_else(|| "?".into()),
            bytes,
        })
        .collect();
    out.sort_by_key(|f| core::cmp::Reverse(f.bytes));
    Ok(out)
}

fn imported_functions(s: &[u8]) -> Result<u64, String> {
    let mut at = 0;
    let mut functions = 0;
    for _ in 0..leb(s, &mut at)? {
        for _ in 0..2 {
            let len = leb(s, &mut at)? as usize;
            at += len;
        }
        let kind = *s.get(at).ok_or("an import runs past its section")?;
        at += 1;
        match kind {
            0 => {
                leb(s, &mut at)?;
                functions += 1;
            }
            1 => {
                at += 1;
                let flags = leb(s, &mut at)?;
                leb(s, &mut at)?;
                if flags & 1 == 1 {
                    leb(s, &mut at)?;
                }
            }
            2 => {
                let flags = leb(s, &mut at)?;
                leb(s, &mut at)?;
                if flags & 1 == 1 {
                    leb(s, &mut at)?;
                }
            }
            3 => at += 2,
            4 => {
                at += 1;
                leb(s, &mut at)?;
            }
            k => return Err(format!("unknown import kind {k}")),
        }
    }
    Ok(functions)
}

fn code_sizes(s: &[u8]) -> Result<Vec<u64>, String> {
    let mut at = 0;
    let count = leb(s, &mut at)?;
    let mut sizes = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let size = leb(s, &mut at)?;
        at += size as usize;
        sizes.push(size);
    }
    Ok(sizes)
}

fn read_names(s: &[u8], names: &mut BTreeMap<u64, String>) -> Result<(), String> {
    let mut at = 0;
    let len = leb(s, &mut at)? as usize;
    if s.get(at..at + len) != Some(b"name") {
        return Ok(());
    }
    at += len;
    while at < s.len() {
        let sub = s[at];
        at += 1;
        let size = leb(s, &mut at)? as usize;
        let end = at + size;
        if sub == 1 {
            let mut p = at;
            for _ in 0..leb(s, &mut p)? {
                let index = leb(s, &mut p)?;
                let len = leb(s, &mut p)? as usize;
                let name = s.get(p..p + len).ok_or("a name runs past its section")?;
                names.insert(index, String::from_utf8_lossy(name).into_owned());
                p += len;
            }
        }
        at = end;
    }
    Ok(())
}

/// The crate a function belongs to, from its demangled name (wasm-bindgen writes names
/// demangled, each crate with its hash: `dealscope_core[b985…]::lang::parse_with`): the first
/// path's crate, which for a trait impl is the type's crate (`<dealscope::app::App as yew::…>`)
/// and for a generic is the crate whose code was instantiated (`yew::…::<dealscope::…>`). A name
/// that is not a Rust path (`memcpy`, an unnamed function) is `other`.
pub fn crate_of(name: &str) -> String {
    let rest = name.trim_start_matches(['<', '&', '(', '[']);
    let rest = ["dyn ", "*const ", "*mut ", "mut "]
        .iter()
        .fold(rest, |r, p| r.strip_prefix(p).unwrap_or(r));
    let ident: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let after = &rest[ident.len()..];
    if !ident.is_empty() && (after.starts_with('[') || after.starts_with("::")) {
        ident
    } else {
        "other".into()
    }
}

/// Prints the largest functions and crates, and writes `out` (JSON): each file's sizes, the
/// bundle total, and the 40 largest functions and every crate.
pub fn profile(
    linked: &Path,
    rows: &[crate::Sized],
    bundle_gzip: u64,
    bundle_br: u64,
    out: &Path,
) -> Result<(), String> {
    let dir = crate::root().join("target/size-profile");
    crate::run(
        std::process::Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--keep-debug",
                "--no-typescript",
                "--out-name",
                "app",
                "--out-dir",
            ])
            .arg(&dir)
            .arg(linked),
    )?;
    let bound = dir.join("app_bg.wasm");
    let wasm =
        std::fs::read(&bound).map_err(|e| format!("cannot read {}: {e}", bound.display()))?;
    let functions = functions(&wasm)?;
    let mut crates: BTreeMap<String, u64> = BTreeMap::new();
    for f in &functions {
        *crates.entry(crate_of(&f.name)).or_default() += f.bytes;
    }
    let mut crates: Vec<(String, u64)> = crates.into_iter().collect();
    crates.sort_by_key(|c| core::cmp::Reverse(c.1));
    let total: u64 = functions.iter().map(|f| f.bytes).sum();
    println!(
        "\ncode after wasm-bindgen, before wasm-opt: {total} B in {} functions",
        functions.len()
    );
    println!("{:>9}  crate", "bytes");
    for (name, bytes) in crates.iter().take(12) {
        println!("{bytes:>9}  {name}");
    }
    println!("{:>9}  function (the largest 15)", "bytes");
    for f in functions.iter().take(15) {
        println!("{:>9}  {}", f.bytes, short(&f.name));
    }
    let mut bad = forbidden(&functions);
    bad.extend(oversized(&functions));
    if !bad.is_empty() {
        return Err(bad.join("; "));
    }
    let json = serde_json::json!({
        "bundle_gzip": bundle_gzip,
        "bundle_brotli": bundle_br,
        "files": rows.iter().map(|r| serde_json::json!({
            "name": r.name, "raw": r.raw, "gzip": r.gzip, "brotli": r.br,
        })).collect::<Vec<_>>(),
        "code_bytes": total,
        "crates": crates.iter().map(|(n, b)| serde_json::json!({ "crate": n, "bytes": b })).collect::<Vec<_>>(),
        "functions": functions.iter().take(40).map(|f| serde_json::json!({
            "function": short(&f.name), "bytes": f.bytes,
        })).collect::<Vec<_>>(),
    });
    std::fs::write(out, serde_json::to_string_pretty(&json).unwrap_or_default())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("size profile written to {}", out.display());
    Ok(())
}

/// Code that must never reach the release wasm: it is large, and there is a cheap way around
/// it. Float formatting (`format!` of an `f64`: use `canvas::num`) and Unicode's case tables
/// (`char::to_lowercase`: use the ASCII forms) each cost about 6 KB gzip.
pub const FORBIDDEN: [(&str, &str); 3] = [
    (
        "core::fmt::float",
        "float formatting; format numbers with canvas::num",
    ),
    (
        "core::num::flt2dec",
        "float formatting; format numbers with canvas::num",
    ),
    (
        "core::unicode::unicode_data::conversions",
        "Unicode case tables; use the ASCII case forms",
    ),
];

/// The forbidden code present in `functions`, as messages.
pub fn forbidden(functions: &[Function]) -> Vec<String> {
    FORBIDDEN
        .iter()
        .filter_map(|(path, why)| {
            let hit = functions
                .iter()
                .map(|f| short(&f.name))
                .find(|name| name.contains(path))?;
            Some(format!("`{hit}` is in the wasm ({why})"))
        })
        .collect()
}

/// The size above which a function fails the build: a view function that absorbed the whole
/// app, or any function too long to read. (Measured before wasm-opt, on the build that keeps
/// names.) A component's parts go out of line as functions or components of their own, and the
/// app's hooks through `hooks::use_apart`.
pub const FUNCTION_LIMIT: u64 = 16 * 1024;

/// The functions over [`FUNCTION_LIMIT`], as messages.
pub fn oversized(functions: &[Function]) -> Vec<String> {
    functions
        .iter()
        .filter(|f| f.bytes > FUNCTION_LIMIT)
        .map(|f| {
            format!(
                "`{}` is {} B of code, over the limit of {FUNCTION_LIMIT} B for one function",
                short(&f.name),
                f.bytes
            )
        })
        .collect()
}

/// A function's name without its crate hashes (`[b985…]`), cut to 160 characters.
fn short(name: &str) -> String {
    let mut out = String::new();
    let mut rest = name;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        match tail.find(']') {
            Some(j) if j > 0 && tail[..j].chars().all(|c| c.is_ascii_hexdigit()) => {
                rest = &tail[j + 1..]
            }
            _ => {
                out.push('[');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out.chars().take(160).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_belongs_to_the_crate_of_its_first_path() {
        for (name, want) in [
            ("dealscope_core[b9858782e451859]::lang::parse_with", "dealscope_core"),
            (
                "<dealscope[5d9f1cd66c860466]::app::App as yew[7874356a91bcbb1c]::functional::FunctionProvider>::run::inner",
                "dealscope",
            ),
            (
                "<yew[7874356a91bcbb1c]::html::component::lifecycle::CompStateInner<dealscope[5d9f1cd66c860466]::canvas::Node>>::view",
                "yew",
            ),
            ("core::ptr::drop_in_place<alloc::string::String>", "core"),
            ("<&mut T as core::fmt::Write>::write_str", "other"),
            ("memcpy", "other"),
            ("?", "other"),
        ] {
            assert_eq!(crate_of(name), want, "{name}");
        }
        assert_eq!(
            short("dealscope_core[b9858782e451859]::lang::parse_with<[u8]>"),
            "dealscope_core::lang::parse_with<[u8]>"
        );
    }

    #[test]
    fn forbidden_code_is_named() {
        let f = |name: &str| Function {
            name: name.into(),
            bytes: 1,
        };
        assert!(forbidden(&[f("dealscope::components::canvas::num")]).is_empty());
        let bad = forbidden(&[
            f("core[1f]::fmt::float::float_to_decimal_common_shortest<f64>"),
            f("core::unicode::unicode_data::conversions::to_lower"),
        ]);
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(
            bad[0].contains("core::fmt::float::float_to_decimal"),
            "{bad:?}"
        );
    }

    #[test]
    fn a_function_over_the_limit_is_named_with_its_size() {
        let f = |name: &str, bytes: u64| Function {
            name: name.into(),
            bytes,
        };
        assert!(oversized(&[f("a", FUNCTION_LIMIT), f("b", 10)]).is_empty());
        let over = oversized(&[
            f("a", FUNCTION_LIMIT),
            f(
                "<dealscope[5d9f]::components::app::App as yew[78]::functional::FunctionProvider>::run",
                52_023,
            ),
        ]);
        assert_eq!(
            over,
            [
                "`<dealscope::components::app::App as yew::functional::FunctionProvider>::run` \
              is 52023 B of code, over the limit of 16384 B for one function"
            ]
        );
    }

    #[test]
    fn reads_function_sizes_and_names_from_a_module() {
        // A module with one imported function and two bodies (3 and 5 bytes), named "b" and "c".
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let section = |id: u8, body: &[u8]| {
            let mut s = vec![id, body.len() as u8];
            s.extend_from_slice(body);
            s
        };
        wasm.extend(section(1, &[1, 0x60, 0, 0])); // one type: () -> ()
        wasm.extend(section(2, &[1, 1, b'm', 1, b'f', 0, 0])); // import m.f
        wasm.extend(section(3, &[2, 0, 0]));
        wasm.extend(section(
            10,
            &[2, 3, 0, 0x01, 0x0b, 5, 0, 0x01, 0x01, 0x01, 0x0b],
        ));
        let names = [4, b'n', b'a', b'm', b'e', 1, 7, 2, 1, 1, b'b', 2, 1, b'c'];
        wasm.extend(section(0, &names));
        let f = functions(&wasm).unwrap();
        let got: Vec<(&str, u64)> = f.iter().map(|f| (f.name.as_str(), f.bytes)).collect();
        assert_eq!(got, [("c", 5), ("b", 3)]);
        assert!(functions(b"not wasm").is_err());
    }
}
