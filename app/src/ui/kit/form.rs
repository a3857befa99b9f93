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

/// Runs an action a page offers (a request's withdrawal, a ticket's reply):
/// `busy` while it runs, then the page's data read again (`version`), or
/// the refusal shown (`error`).
pub fn act(
    busy: leptos::prelude::RwSignal<bool>,
    error: leptos::prelude::RwSignal<Option<crate::error::AppError>>,
    version: leptos::prelude::RwSignal<u32>,
    action: impl std::future::Future<Output = Result<(), crate::error::AppError>> + 'static,
) {
    use leptos::prelude::{Set, Update};
    busy.set(true);
    leptos::task::spawn_local(async move {
        let result = action.await;
        busy.set(false);
        match result {
            Ok(()) => {
                error.set(None);
                version.update(|v| *v += 1);
            }
            Err(e) => error.set(Some(e)),
        }
    });
}
