//! WASM entry point: hydrates the server-rendered page. Nothing else lives here.

/// The back office and the account pages are lazily loaded pieces of the
/// bundle (app/src/lib.rs). When the first page shown is one of theirs, its
/// piece is fetched before hydration starts, so the router finds it ready.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let path = document
        .location()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    wasm_bindgen_futures::spawn_local(async move {
        app::load_piece_for(&path).await;
        leptos::mount::hydrate_body(app::App);
        // Lets browser tests (and curious people) tell when the page is interactive.
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
        // A user timing, so a trace (scripts/lighthouse with devtools
        // throttling) shows when the page became fully interactive.
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("agora:hydrated");
        }
    });
}
