//! The built front-end files under `/pkg/`: the JS, the WASM split into
//! pieces (one per page, see `lazy_pages!` in app/src/lib.rs) and the CSS.
//! cargo-leptos gives them content-hashed names (`hash-files`) and writes
//! each one pre-compressed (brotli quality 11 and gzip, `--precompress`),
//! which the static file handler serves as they are. A hashed name never
//! changes meaning, so a browser may keep it for a year without asking.
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::LeptosOptions;
use std::path::{Path, PathBuf};

/// Where `scripts/lib.sh` leaves a copy of the build's hash file: beside the
/// site root, so a server binary copied elsewhere (tests, a deployment)
/// still finds it, and outside it, so it is not served.
pub fn site_hash_file(site_root: &str) -> PathBuf {
    Path::new(site_root).with_file_name("site-hash.txt")
}

/// Turns hashed names on when the build made them. Leptos reads the hash
/// file beside the running binary, where cargo-leptos writes it; a binary
/// run from elsewhere is pointed at the copy by its absolute path.
pub fn use_hash_file(options: &mut LeptosOptions) {
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&*options.hash_file)))
        .is_some_and(|p| p.is_file());
    if beside_binary {
        options.hash_files = true;
        return;
    }
    let copy = site_hash_file(&options.site_root);
    if let Ok(path) = std::path::absolute(&copy)
        && path.is_file()
    {
        options.hash_files = true;
        options.hash_file = path.to_string_lossy().into();
    } else {
        options.hash_files = false;
    }
}

/// `Cache-Control` for `/pkg/`: a year and immutable for hashed names,
/// otherwise revalidated every time (a development build's fixed names).
pub async fn cache_headers(hashed: bool, req: Request, next: Next) -> Response {
    let pkg = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    if pkg && res.status() == StatusCode::OK {
        let value = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

/// The main JS, WASM and CSS file names under `/pkg/`, as the pages name
/// them (the split pieces load on demand and are not listed).
pub use app::server::bundle::main_files;
