//! The built front-end files a page names: the main JS and WASM (content
//! hashed by cargo-leptos's `hash-files`) and the split manifest, which maps
//! each lazily loaded piece to its files. Read once per site and kept.
use leptos::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the shell needs to start the app and preload a page's piece.
pub struct Bundle {
    /// `[js, wasm, css]` file names under `/pkg/`.
    pub main: [String; 3],
    /// `None` for a build that was not split.
    pub manifest: Option<leptos::WasmSplitManifest>,
}

/// The bundle of the site `options` describes. Cached by site root and hash
/// file, so tests that start several sites in one process each get theirs.
pub fn bundle(options: &LeptosOptions) -> Arc<Bundle> {
    static SITES: Mutex<Vec<(String, Arc<Bundle>)>> = Mutex::new(Vec::new());
    let key = format!(
        "{}|{}|{}",
        options.site_root, options.hash_file, options.hash_files
    );
    let mut sites = SITES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, found)) = sites.iter().find(|(k, _)| *k == key) {
        return found.clone();
    }
    let hashes = if options.hash_files {
        hashes(&hash_file_path(options))
    } else {
        Vec::new()
    };
    let found = Arc::new(Bundle {
        main: main_names(options, &hashes),
        manifest: manifest(options, &hashes),
    });
    sites.push((key, found.clone()));
    found
}

/// The main JS, WASM and CSS file names under `/pkg/`.
pub fn main_files(options: &LeptosOptions) -> [String; 3] {
    bundle(options).main.clone()
}

fn main_names(options: &LeptosOptions, hashes: &[(String, String)]) -> [String; 3] {
    let name = &*options.output_name;
    let file = |kind: &str, ext: &str| match hashes.iter().find(|(k, _)| k == kind) {
        Some((_, hash)) => format!("{name}.{hash}.{ext}"),
        None => format!("{name}.{ext}"),
    };
    [file("js", "js"), file("wasm", "wasm"), file("css", "css")]
}

fn manifest(
    options: &LeptosOptions,
    hashes: &[(String, String)],
) -> Option<leptos::WasmSplitManifest> {
    let hashed = |kind: &str, stem: &str, ext: &str| match hashes.iter().find(|(k, _)| k == kind) {
        Some((_, hash)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{stem}.{ext}"),
    };
    let pkg = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let text =
        std::fs::read_to_string(pkg.join(hashed("manifest", "__wasm_split_manifest", "json")))
            .ok()?;
    let pieces: HashMap<String, Vec<String>> = serde_json::from_str(&text)
        .inspect_err(|e| tracing::error!("unreadable split manifest: {e}"))
        .ok()?;
    Some(leptos::WasmSplitManifest(ArcStoredValue::new((
        format!("/{}", options.site_pkg_dir),
        pieces,
        hashed("split", "__wasm_split", "js"),
    ))))
}

fn hash_file_path(options: &LeptosOptions) -> PathBuf {
    let file = Path::new(&*options.hash_file);
    if file.is_absolute() {
        return file.to_path_buf();
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(file)))
        .unwrap_or_else(|| file.to_path_buf())
}

/// `kind: hash` lines, as cargo-leptos writes them.
fn hashes(path: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}
