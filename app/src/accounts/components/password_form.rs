use super::{field_error, outcome};
use crate::accounts::api::ChangePassword;
use crate::i18n::*;
use crate::ui::kit::{Field, FormStatus};
use leptos::prelude::*;

#[component]
pub fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let done = Signal::derive(move || {
        td_string!(i18n.get_locale(), accounts.password_changed).to_string()
    });
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">{t!(i18n, accounts.password_title)}</h2>
            <ActionForm action>
                <Field form="pw" name="current_password" kind="password" autocomplete="current-password" error=field_error(action, "current_password")>
                    {t!(i18n, accounts.current_password)}
                </Field>
                <Field
                    form="pw"
                    name="new_password"
                    kind="password"
                    autocomplete="new-password"
                    error=field_error(action, "new_password")
                    hint=view! { {t!(i18n, accounts.password_hint)} }.into_any()
                >
                    {t!(i18n, accounts.new_password)}
                </Field>
                <Field form="pw" name="confirm_password" kind="password" autocomplete="new-password" error=field_error(action, "confirm_password")>
                    {t!(i18n, accounts.confirm_password)}
                </Field>
                <FormStatus result=outcome(action) success=done />
                <button class="btn primary" type="submit" disabled=move || action.pending().get()>
                    {t!(i18n, accounts.change_password_submit)}
                </button>
            </ActionForm>
        </section>
    }
}
