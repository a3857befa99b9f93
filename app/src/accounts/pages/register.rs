use crate::accounts::auth_link;
use crate::accounts::components::{GuestCartField, field_error, outcome, use_auth_actions};
use crate::i18n::*;
use crate::ui::kit::Seo;
use crate::ui::kit::{Field, FormStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_auth_actions().register;
    let err = move |f: &'static str| field_error(action, f);
    let result = outcome(action);
    // Where the shopper came from: the server goes back there once registered.
    let next = use_query_map().with_untracked(|q| q.get("next"));
    let sign_in_href = auth_link("/sign-in", next.as_deref());
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), accounts.register_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/register"
        />
        <section class="auth-card">
            <h1>{t!(i18n, accounts.register_title)}</h1>
            <p class="muted">{t!(i18n, accounts.register_intro)}</p>
            <ActionForm action>
                {next.map(|n| view! { <input type="hidden" name="next" value=n /> })}
                <GuestCartField />
                <Field form="reg" name="email" kind="email" autocomplete="email" error=err("email")>
                    {t!(i18n, accounts.email)}
                </Field>
                <Field form="reg" name="display_name" autocomplete="nickname" error=err("display_name")>
                    {t!(i18n, accounts.display_name)}
                </Field>
                <Field
                    form="reg"
                    name="password"
                    kind="password"
                    autocomplete="new-password"
                    error=err("password")
                    hint=view! { {t!(i18n, accounts.password_hint)} }.into_any()
                >
                    {t!(i18n, accounts.password)}
                </Field>
                <FormStatus result />
                <button class="btn primary block" type="submit" disabled=move || action.pending().get()>
                    {t!(i18n, accounts.register_submit)}
                </button>
            </ActionForm>
            <p class="switch">
                {t!(i18n, accounts.have_account)} " " <a href=sign_in_href>{t!(i18n, accounts.go_sign_in)}</a>
            </p>
        </section>
    }
}
