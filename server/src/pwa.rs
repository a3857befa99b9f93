//! The service worker, served from the site root so it controls every page.
//! Its cache version is a hash of the built bundle, so each new build
//! replaces the old app-shell cache exactly once.
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use leptos::prelude::LeptosOptions;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

#[derive(Clone)]
pub struct ServiceWorker(Arc<str>);

impl ServiceWorker {
    pub fn new(options: &LeptosOptions) -> Self {
        let root = Path::new(options.site_root.as_ref());
        let pkg = root.join(options.site_pkg_dir.as_ref());
        let [js, wasm, css] = crate::assets::main_files(options);
        let template = std::fs::read_to_string(root.join("sw.js")).unwrap_or_else(|_| {
            tracing::warn!("sw.js template missing from the site root; serving a no-op worker");
            String::from("self.addEventListener('fetch', () => {});")
        });
        let mut hasher = Sha256::new();
        hasher.update(template.as_bytes());
        for file in [&js, &wasm, &css] {
            if let Ok(bytes) = std::fs::read(pkg.join(file)) {
                hasher.update(&bytes);
            }
        }
        let version = hex::encode(&hasher.finalize()[..8]);
        ServiceWorker(
            template
                .replace("__AGORA_VERSION__", &version)
                .replace("__AGORA_JS__", &js)
                .replace("__AGORA_WASM__", &wasm)
                .replace("__AGORA_CSS__", &css)
                .into(),
        )
    }
}

pub async fn serve(State(sw): State<ServiceWorker>) -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        sw.0.to_string(),
    )
}
