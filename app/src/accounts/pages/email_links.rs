//! The pages account e-mails lead to: asking for a password reset link,
//! choosing the new password from it, and confirming the address. A link's
//! page first asks what the link can still do, so a used or expired one
//! says so (with the way to a new one) instead of showing a form that
//! would fail.
use crate::accounts::components::{MailFormStatus, field_error, outcome};
use crate::accounts::links::api::{
    ConfirmEmail, RequestPasswordReset, ResetPassword, account_link,
};
use crate::accounts::links::{LinkState, Purpose};
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, Field, Seo, drawn, resource};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/password/forgot`.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let sent =
        Signal::derive(move || td_string!(i18n.get_locale(), accounts.forgot_sent).to_string());
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), accounts.forgot_title).to_string()
            description=move || td_string!(i18n.get_locale(), accounts.forgot_intro).to_string()
            path="/password/forgot"
        />
        <section class="auth-card">
            <h1>{t!(i18n, accounts.forgot_title)}</h1>
            <p class="muted">{t!(i18n, accounts.forgot_intro)}</p>
            <ActionForm action>
                <Field form="forgot" name="email" kind="email" autocomplete="username" error=field_error(action, "email")>
                    {t!(i18n, accounts.email)}
                </Field>
                <MailFormStatus result=outcome(action) success=sent />
                <button class="btn primary block" type="submit" disabled=move || action.pending().get()>
                    {t!(i18n, accounts.forgot_submit)}
                </button>
            </ActionForm>
            <p class="switch"><a href="/sign-in">{t!(i18n, accounts.go_sign_in)}</a></p>
        </section>
    }
}

/// The `?token=` of the page's link.
fn query_token() -> String {
    use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default()
}

/// A page that works from a link: what `purpose`'s link can still do,
/// then `valid` for a working one (given the address it is for).
#[component]
fn LinkPage(
    purpose: Purpose,
    title: fn(Locale) -> &'static str,
    /// The form, given the link's token and the account's address.
    valid: fn(String, String) -> AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let token = query_token();
    let state = resource(
        move || token.clone(),
        move |token| account_link(token, purpose),
    );
    let token = query_token();
    view! {
        <Seo
            title=move || title(i18n.get_locale()).to_string()
            description=move || title(i18n.get_locale()).to_string()
            path=purpose.path()
        />
        <section class="auth-card">
            <h1>{move || title(i18n.get_locale())}</h1>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {drawn(state, move |r| match r {
                    Ok(LinkState::Valid(email)) => valid(token.clone(), email),
                    Ok(problem) => view! { <LinkProblem state=problem purpose /> }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// Why a link no longer works, and the way to a new one.
#[component]
fn LinkProblem(state: LinkState, purpose: Purpose) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match state {
        LinkState::Used => td_string!(i18n.get_locale(), accounts.link_used),
        LinkState::Expired => td_string!(i18n.get_locale(), accounts.link_expired),
        _ => td_string!(i18n.get_locale(), accounts.link_invalid),
    };
    // A confirmation is sent again from the account page.
    let again = match purpose {
        Purpose::PasswordReset => "/password/forgot",
        Purpose::ConfirmEmail => "/account",
    };
    view! {
        <p class="form-status error" role="alert">{text}</p>
        <p><a class="btn primary" href=again>{t!(i18n, accounts.new_link)}</a></p>
    }
}

/// `/password/reset?token=…`.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! {
        <LinkPage
            purpose=Purpose::PasswordReset
            title=|l| td_string!(l, accounts.reset_title)
            valid=|token, email| view! { <ResetForm token email /> }.into_any()
        />
    }
}

#[component]
fn ResetForm(token: String, email: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let done = move || action.value().with(|v| matches!(v, Some(Ok(()))));
    view! {
        <Show
            when=done
            fallback=move || {
                let (token, email) = (token.clone(), email.clone());
                view! {
                    <p class="muted">{t!(i18n, accounts.reset_intro, email = email.clone())}</p>
                    <ActionForm action>
                        <input type="hidden" name="token" value=token />
                        // For password managers: the account this password is for
                        // (no name: it is not sent).
                        <input type="hidden" autocomplete="username" value=email.clone() />
                        <Field
                            form="reset"
                            name="new_password"
                            kind="password"
                            autocomplete="new-password"
                            error=field_error(action, "new_password")
                            hint=view! { {t!(i18n, accounts.password_hint)} }.into_any()
                        >
                            {t!(i18n, accounts.new_password)}
                        </Field>
                        <Field form="reset" name="confirm_password" kind="password" autocomplete="new-password" error=field_error(action, "confirm_password")>
                            {t!(i18n, accounts.confirm_password)}
                        </Field>
                        <MailFormStatus result=outcome(action) />
                        <button class="btn primary block" type="submit" disabled=move || action.pending().get()>
                            {t!(i18n, accounts.reset_submit)}
                        </button>
                    </ActionForm>
                }
            }
        >
            <p class="form-status ok" role="status">{t!(i18n, accounts.reset_done)}</p>
            <p><a class="btn primary" href="/sign-in">{t!(i18n, accounts.go_sign_in)}</a></p>
        </Show>
    }
}

/// `/account/confirm?token=…`: a button, not a visit, confirms (a mail
/// program that opens links to scan them confirms nothing).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    view! {
        <LinkPage
            purpose=Purpose::ConfirmEmail
            title=|l| td_string!(l, accounts.confirm_title)
            valid=|token, email| view! { <ConfirmForm token email /> }.into_any()
        />
    }
}

#[component]
fn ConfirmForm(token: String, email: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ConfirmEmail>::new();
    let done = move || action.value().with(|v| matches!(v, Some(Ok(()))));
    view! {
        <Show
            when=done
            fallback=move || {
                let (token, email) = (token.clone(), email.clone());
                view! {
                    <p class="muted">{t!(i18n, accounts.confirm_intro, email = email)}</p>
                    <ActionForm action>
                        <input type="hidden" name="token" value=token />
                        <MailFormStatus result=outcome(action) />
                        <button class="btn primary block" type="submit" disabled=move || action.pending().get()>
                            {t!(i18n, accounts.confirm_submit)}
                        </button>
                    </ActionForm>
                }
            }
        >
            <p class="form-status ok" role="status">{t!(i18n, accounts.confirm_done)}</p>
            <p><a class="btn primary" href="/account">{t!(i18n, accounts.account_title)}</a></p>
        </Show>
    }
}
