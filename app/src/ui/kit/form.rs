//! Reading a submitted form in the browser, for forms whose server function
//! takes JSON (nested or typed input) rather than URL-encoded fields, and
//! the idempotency keys forms send.
use leptos::wasm_bindgen::JsCast;

/// A reader of the submitted form's fields by name ("" when absent).
pub fn form_data(ev: &leptos::ev::SubmitEvent) -> impl Fn(&str) -> String + use<> {
    let data = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        .and_then(|f| web_sys::FormData::new_with_form(&f).ok());
    move |name| {
        data.as_ref()
            .and_then(|d| d.get(name).as_string())
            .unwrap_or_default()
    }
}

/// A fresh idempotency key for one form (a checkout, an after-sales
/// request): sent again with a retry, so the server acts once. Browser
/// only (call it from an event handler).
pub fn fresh_key() -> String {
    leptos::prelude::window()
        .crypto()
        .map(|c| c.random_uuid())
        .unwrap_or_else(|_| format!("k-{}", web_sys::js_sys::Date::now() as u64))
}
