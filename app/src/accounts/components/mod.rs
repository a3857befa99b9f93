mod address_book;
mod address_form;
mod auth_actions;
mod mail_status;
mod password_form;
mod profile_form;
mod sign_in_form;

pub use address_book::{AddressBook, AddressBookState};
pub use auth_actions::{AuthActions, use_auth_actions};
pub use mail_status::MailFormStatus;
pub use password_form::PasswordForm;
pub use profile_form::ProfileForm;
pub use sign_in_form::SignInForm;

use crate::error::{AppError, ErrorKey};

/// The guest cart, sent with sign-in and registration so the server merges
/// it into the account in the same request (filled in after hydration).
#[component]
pub(crate) fn GuestCartField() -> impl IntoView {
    let payload = RwSignal::new(String::new());
    Effect::new(move |_| payload.set(crate::cart::local::merge_payload()));
    view! { <input type="hidden" name="cart" prop:value=move || payload.get() /> }
}
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The error for one field from the last run of `action`.
pub(crate) fn field_error<A>(
    action: ServerAction<A>,
    field: &'static str,
) -> Signal<Option<ErrorKey>>
where
    A: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || {
        action.value().with(|v| {
            v.as_ref()
                .and_then(|r| r.as_ref().err())
                .and_then(|e| e.field(field))
        })
    })
}

/// The last result of `action`, without its value.
pub(crate) fn outcome<A>(action: ServerAction<A>) -> Signal<Option<Result<(), AppError>>>
where
    A: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || {
        action.value().with(|v| {
            v.as_ref()
                .map(|r| r.as_ref().map(|_| ()).map_err(Clone::clone))
        })
    })
}

/// The error of the last run of `action`, if it failed.
pub(crate) fn last_error<A>(action: ServerAction<A>) -> Signal<Option<AppError>>
where
    A: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || {
        action
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    })
}

/// After `action` succeeds, closes the `<details>` holding its form and, for
/// a "new item" form, clears the fields (an edit form keeps its values).
pub(crate) fn close_on_success<A>(
    action: ServerAction<A>,
    details: NodeRef<leptos::html::Details>,
    reset: bool,
) where
    A: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    use leptos::wasm_bindgen::JsCast;
    Effect::new(move |_| {
        let succeeded = action.value().with(|v| matches!(v, Some(Ok(_))));
        if let (true, Some(d)) = (succeeded, details.get_untracked()) {
            d.set_open(false);
            if reset
                && let Ok(Some(form)) = d.query_selector("form")
                && let Ok(form) = form.dyn_into::<web_sys::HtmlFormElement>()
            {
                form.reset();
            }
        }
    });
}
