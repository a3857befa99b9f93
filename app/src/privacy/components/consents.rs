//! Consents: each purpose with its current answer in words and one button
//! that changes it, so withdrawing is exactly as easy as granting; and the
//! history of answers underneath.
use crate::accounts::components::outcome;
use crate::i18n::*;
use crate::privacy::api::SetConsent;
use crate::privacy::{ConsentRecord, ConsentState, Purpose};
use crate::ui::kit::FormStatus;
use leptos::prelude::*;

pub fn purpose_title(locale: Locale, p: Purpose) -> &'static str {
    match p {
        Purpose::Marketing => td_string!(locale, privacy.purpose_marketing),
        Purpose::Analytics => td_string!(locale, privacy.purpose_analytics),
    }
}

fn purpose_text(locale: Locale, p: Purpose) -> &'static str {
    match p {
        Purpose::Marketing => td_string!(locale, privacy.purpose_marketing_text),
        Purpose::Analytics => td_string!(locale, privacy.purpose_analytics_text),
    }
}

/// The button's words name the purpose, so each button's accessible name
/// is unique on the page.
fn button_text(locale: Locale, p: Purpose, granted: bool) -> &'static str {
    match (p, granted) {
        (Purpose::Marketing, false) => td_string!(locale, privacy.grant_marketing),
        (Purpose::Marketing, true) => td_string!(locale, privacy.withdraw_marketing),
        (Purpose::Analytics, false) => td_string!(locale, privacy.grant_analytics),
        (Purpose::Analytics, true) => td_string!(locale, privacy.withdraw_analytics),
    }
}

/// "Given on … (policy …)", "Withdrawn on …" or "Not given".
fn state_text(locale: Locale, c: &ConsentState) -> String {
    match (&c.at, c.granted) {
        (Some(at), true) => td_string!(
            locale,
            privacy.state_granted,
            date = at.clone(),
            version = c.policy_version.clone().unwrap_or_default()
        )
        .to_string(),
        (Some(at), false) => {
            td_string!(locale, privacy.state_withdrawn, date = at.clone()).to_string()
        }
        (None, _) => td_string!(locale, privacy.state_not_given).to_string(),
    }
}

#[component]
pub fn ConsentPanel(
    consents: Vec<ConsentState>,
    history: Vec<ConsentRecord>,
    action: ServerAction<SetConsent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), privacy.consent_saved).to_string());
    view! {
        <section class="card" aria-labelledby="consents-title" data-testid="consents">
            <h2 id="consents-title">{t!(i18n, privacy.consents_title)}</h2>
            <p class="muted">{t!(i18n, privacy.consents_intro)}</p>
            <ul class="consent-list">
                {consents.into_iter().map(|c| view! { <ConsentRow c action /> }).collect_view()}
            </ul>
            <FormStatus result=outcome(action) success=saved />
            <ConsentHistory history />
        </section>
    }
}

#[component]
fn ConsentRow(c: ConsentState, action: ServerAction<SetConsent>) -> impl IntoView {
    let i18n = use_i18n();
    let p = c.purpose;
    let granted = c.granted;
    let state = move || state_text(i18n.get_locale(), &c);
    let class = if granted { "btn" } else { "btn primary" };
    view! {
        <li class="consent" data-testid=format!("consent-{}", p.as_str()) data-granted=granted.to_string()>
            <h3>{move || purpose_title(i18n.get_locale(), p)}</h3>
            <p class="muted">{move || purpose_text(i18n.get_locale(), p)}</p>
            <p class="consent-state" data-testid="consent-state">{state}</p>
            <button
                type="button"
                class=class
                data-testid="consent-toggle"
                disabled=move || action.pending().get()
                on:click=move |_| {
                    action.dispatch(SetConsent { purpose: p, granted: !granted });
                }
            >
                {move || button_text(i18n.get_locale(), p, granted)}
            </button>
        </li>
    }
}

/// Every answer given, newest first: the shop's record of having asked,
/// and the shopper's of what they said.
#[component]
fn ConsentHistory(history: Vec<ConsentRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if history.is_empty() {
        view! { <p class="muted">{t!(i18n, privacy.history_empty)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="data" data-testid="consent-history">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, privacy.col_time)}</th>
                            <th scope="col">{t!(i18n, privacy.col_purpose)}</th>
                            <th scope="col">{t!(i18n, privacy.col_answer)}</th>
                            <th scope="col">{t!(i18n, privacy.col_version)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {history.into_iter().map(|h| {
                            let p = h.purpose;
                            let granted = h.granted;
                            view! {
                                <tr data-purpose=p.as_str() data-granted=granted.to_string()>
                                    <td>{h.at.clone()}</td>
                                    <td>{move || purpose_title(i18n.get_locale(), p)}</td>
                                    <td>{move || if granted {
                                        td_string!(i18n.get_locale(), privacy.answer_granted)
                                    } else {
                                        td_string!(i18n.get_locale(), privacy.answer_withdrawn)
                                    }}</td>
                                    <td>{h.policy_version.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <details class="consent-history">
            <summary>{t!(i18n, privacy.history_title)}</summary>
            {body}
        </details>
    }
}
