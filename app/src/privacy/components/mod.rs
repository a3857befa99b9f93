//! The parts of the privacy settings page, and the two pieces the account
//! page shows: a card linking here and a notice while a deletion is due.
mod consents;
mod deletion;

pub use consents::ConsentPanel;
pub use deletion::{DeletionBanner, DeletionPanel};

use super::api::get_privacy_status;
use crate::i18n::*;
use crate::ui::kit::use_auth;
use leptos::prelude::*;

/// The data download, as JSON (for programs) or CSV (for spreadsheets).
/// Plain links to the server's download routes: `rel="external"` keeps the
/// router from handling them, so the browser saves the file.
#[component]
pub fn DownloadPanel() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="download-title" data-testid="download-data">
            <h2 id="download-title">{t!(i18n, privacy.download_title)}</h2>
            <p class="muted">{t!(i18n, privacy.download_intro)}</p>
            <p class="privacy-actions">
                <a class="btn" href="/account/data.json" rel="external" download="agora-data.json" data-testid="download-json">
                    {t!(i18n, privacy.download_json)}
                </a>
                <a class="btn" href="/account/data.csv" rel="external" download="agora-data.csv" data-testid="download-csv">
                    {t!(i18n, privacy.download_csv)}
                </a>
            </p>
            <p class="field-hint">{t!(i18n, privacy.download_hint)}</p>
        </section>
    }
}

/// On the account page: where the privacy settings and the policy are.
#[component]
pub fn AccountPrivacyCard() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="privacy-card-title" data-testid="account-privacy">
            <h2 id="privacy-card-title">{t!(i18n, privacy.card_title)}</h2>
            <p class="muted">{t!(i18n, privacy.card_intro)}</p>
            <p class="privacy-actions">
                <a class="btn" href="/account/privacy" data-testid="privacy-settings-link">{t!(i18n, privacy.card_settings)}</a>
                <a class="btn" href="/privacy">{t!(i18n, privacy.card_policy)}</a>
            </p>
        </section>
    }
}

/// On the account page, while a deletion is due: when, and where to
/// cancel it. Nothing for a guest or when no deletion is asked for.
#[component]
pub fn DeletionNotice() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let status = crate::ui::kit::resource(move || auth.version(), |_| get_privacy_status());
    view! {
        <Transition fallback=|| ()>
            {move || {
                status.get().and_then(|r| r.ok()).and_then(|s| s.deletion).map(|d| {
                    let due = d.due.clone();
                    view! {
                        <p class="privacy-notice" role="status" data-testid="account-deletion-notice">
                            <span>{t!(i18n, privacy.deletion_scheduled, date = due)}</span>
                            " "
                            <a href="/account/privacy">{t!(i18n, privacy.manage_deletion)}</a>
                        </p>
                    }
                })
            }}
        </Transition>
    }
}
