//! A labelled form field with its translated error, and a form-level status line.
use super::error_text;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Field(
    /// The form field name (also the id, prefixed with `form`).
    name: &'static str,
    /// Prefix that keeps ids unique when several forms are on one page.
    #[prop(into, default = "f".to_string())]
    form: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = true)] required: bool,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional)] hint: Option<AnyView>,
    #[prop(into)] error: Signal<Option<ErrorKey>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{form}-{name}");
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.get().is_some() {
            ids.push(err_id.clone());
        }
        if ids.is_empty() {
            None
        } else {
            Some(ids.join(" "))
        }
    };
    let hint_id2 = format!("{id}-hint");
    let err_id2 = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{children()}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                prop:value=move || value.get()
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="field-hint" id=hint_id2>{h}</p> })}
            <p class="field-error" id=err_id2 aria-live="polite">
                {move || error.get().map(|k| error_text(i18n.get_locale(), k))}
            </p>
        </div>
    }
}

/// The outcome of a form action: a translated error or success message.
#[component]
pub fn FormStatus(
    #[prop(into)] result: Signal<Option<Result<(), AppError>>>,
    /// Message shown on success; nothing is shown when `None`.
    #[prop(optional)]
    success: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match result.get() {
        Some(Err(AppError::Validation(_))) | None => None,
        Some(Err(e)) => Some(
            view! { <p class="form-status error" role="alert">{error_text(i18n.get_locale(), e.key())}</p> }
                .into_any(),
        ),
        Some(Ok(())) => success.map(|s| view! { <p class="form-status ok" role="status">{s}</p> }.into_any()),
    }
    }
}

/// A translated alert for an error that is not about one field.
#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let key = error.key();
    view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), key)}</p> }
}
