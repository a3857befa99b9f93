//! What a shopper did before the app started. Pages work without the app
//! (plain forms), and the app starts only after the page has loaded and
//! painted (`start_script` in app/src/lib.rs), so a shopper may already
//! have typed into a field. Hydration writes each field's value from its
//! signal (`prop:value`), which would throw that away: a field's signal
//! starts from what the field holds instead.

/// The value of the first input matching `selector`, while the app is
/// hydrating the server's page; None otherwise (on the server, and when a
/// component is created for a navigation in the browser, where the field
/// found would be the previous page's).
pub fn typed_before_start(selector: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::{Owner, document};
        use leptos::wasm_bindgen::JsCast;
        let hydrating = Owner::current_shared_context().is_some_and(|sc| sc.during_hydration());
        if !hydrating {
            return None;
        }
        document()
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|el| el.value())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = selector;
        None
    }
}

/// What the input with this id holds right now, in the browser. Effects run
/// a moment after hydration, and a shopper (or a test) may type in that
/// moment: an effect's first run reads the field again rather than trusting
/// what `typed_before_start` saw.
pub fn live_input_value(id: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::document;
        use leptos::wasm_bindgen::JsCast;
        document()
            .get_element_by_id(id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|el| el.value())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        None
    }
}
