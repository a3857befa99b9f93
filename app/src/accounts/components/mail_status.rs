use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::ui::kit::FormStatus;
use leptos::prelude::*;

/// The two errors only the account e-mail forms meet, in words; their
/// texts live here, in the account pages' piece of the bundle, rather
/// than in the storefront's `error_text`.
fn mail_error(locale: Locale, key: ErrorKey) -> Option<&'static str> {
    match key {
        ErrorKey::LinkExpired => Some(td_string!(locale, accounts.link_expired_error)),
        ErrorKey::TooManyMails => Some(td_string!(locale, accounts.too_many_mails)),
        _ => None,
    }
}

/// `FormStatus` for the account e-mail forms: the same, plus the words
/// for an expired link and for too many e-mails asked for.
#[component]
pub fn MailFormStatus(
    #[prop(into)] result: Signal<Option<Result<(), AppError>>>,
    #[prop(optional)] success: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ours = move || {
        result.with(|r| match r {
            Some(Err(e)) => mail_error(i18n.get_locale(), e.key()),
            _ => None,
        })
    };
    let rest = Signal::derive(move || {
        result
            .get()
            .filter(|r| !matches!(r, Err(e) if mail_error(Locale::en, e.key()).is_some()))
    });
    view! {
        {move || ours().map(|t| view! { <p class="form-status error" role="alert">{t}</p> })}
        {match success {
            Some(s) => view! { <FormStatus result=rest success=s /> }.into_any(),
            None => view! { <FormStatus result=rest /> }.into_any(),
        }}
    }
}
