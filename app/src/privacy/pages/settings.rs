//! /account/privacy: download one's data, grant or withdraw consents, and
//! delete the account (or, while that is due, see when and cancel it).
use crate::accounts::components::SignInForm;
use crate::error::AppError;
use crate::i18n::*;
use crate::privacy::PrivacyStatus;
use crate::privacy::api::{CancelDeletion, RequestDeletion, SetConsent, get_privacy_status};
use crate::privacy::components::{ConsentPanel, DeletionBanner, DeletionPanel, DownloadPanel};
use crate::ui::kit::{ErrorNote, Seo, use_auth};
use leptos::prelude::*;

#[component]
pub fn PrivacySettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let consent = ServerAction::<SetConsent>::new();
    let delete = ServerAction::<RequestDeletion>::new();
    let cancel = ServerAction::<CancelDeletion>::new();
    // Read again after every change, so the page always shows what is stored.
    let status = crate::ui::kit::resource(
        move || {
            (
                auth.version(),
                consent.version().get(),
                delete.version().get(),
                cancel.version().get(),
            )
        },
        |_| get_privacy_status(),
    );
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), privacy.settings_title).to_string()
            description=move || td_string!(i18n.get_locale(), privacy.settings_intro).to_string()
            path="/account/privacy"
        />
        <header class="page-head">
            <h1>{t!(i18n, privacy.settings_title)}</h1>
            <p class="muted">{t!(i18n, privacy.settings_intro)}</p>
            <p class="privacy-links">
                <a href="/account">{t!(i18n, privacy.back_to_account)}</a>
                <a href="/privacy">{t!(i18n, privacy.read_policy)}</a>
            </p>
        </header>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(status, move |r| match r {
                Ok(s) => view! { <Settings s consent delete cancel /> }.into_any(),
                Err(AppError::Unauthenticated) => view! {
                    <section class="auth-card">
                        <h2>{t!(i18n, accounts.sign_in_title)}</h2>
                        <p class="muted">{t!(i18n, privacy.sign_in_intro)}</p>
                        <SignInForm next=Some("/account/privacy".to_string()) />
                    </section>
                }
                .into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Settings(
    s: PrivacyStatus,
    consent: ServerAction<SetConsent>,
    delete: ServerAction<RequestDeletion>,
    cancel: ServerAction<CancelDeletion>,
) -> impl IntoView {
    let i18n = use_i18n();
    let email = s.email.clone();
    view! {
        {s.deletion.clone().map(|d| view! { <DeletionBanner d cancel /> })}
        <p class="muted" data-testid="privacy-account">{t!(i18n, accounts.signed_in_as, email = email)}</p>
        <div class="account-grid">
            <DownloadPanel />
            <ConsentPanel consents=s.consents history=s.history action=consent />
            <DeletionPanel
                deletion=s.deletion
                cooling_off_days=s.cooling_off_days
                can_delete=s.can_delete
                delete
                cancel
            />
        </div>
    }
}
