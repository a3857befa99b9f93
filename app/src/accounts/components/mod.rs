mod address_book;
mod password_form;
mod profile_form;
mod sign_in_form;

pub use address_book::AddressBook;
pub use password_form::PasswordForm;
pub use profile_form::ProfileForm;
pub use sign_in_form::SignInForm;

use crate::error::{AppError, ErrorKey};
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
