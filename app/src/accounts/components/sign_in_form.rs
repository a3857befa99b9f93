use super::{GuestCartField, field_error, outcome, use_auth_actions};
use crate::i18n::*;
use crate::ui::kit::{Field, FormStatus};
use leptos::prelude::*;

#[component]
pub fn SignInForm(next: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let action = use_auth_actions().sign_in;
    view! {
        <ActionForm action>
            {next.map(|n| view! { <input type="hidden" name="next" value=n /> })}
            <GuestCartField />
            <Field form="signin" name="email" kind="email" autocomplete="username" error=field_error(action, "email")>
                {t!(i18n, accounts.email)}
            </Field>
            <Field form="signin" name="password" kind="password" autocomplete="current-password" error=field_error(action, "password")>
                {t!(i18n, accounts.password)}
            </Field>
            <FormStatus result=outcome(action) />
            <button class="btn primary block" type="submit" disabled=move || action.pending().get()>
                {t!(i18n, accounts.sign_in_submit)}
            </button>
        </ActionForm>
        <p class="switch"><a href="/password/forgot">{t!(i18n, accounts.forgot_link)}</a></p>
    }
}
