//! The account page's notification switches, and the page an unsubscribe
//! link opens.
use super::api::{SaveNotifyPrefs, Unsubscribe};
use super::{Prefs, Unsubscribed};
use crate::i18n::*;
use crate::ui::kit::{FormStatus, Seo};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn kind_text(locale: Locale, category: &str) -> &'static str {
    match category {
        "service" => td_string!(locale, inbox.prefs_service),
        _ => td_string!(locale, inbox.prefs_promotions),
    }
}

fn channel_text(locale: Locale, channel: &str) -> &'static str {
    match channel {
        "inbox" => td_string!(locale, inbox.channel_inbox),
        "email" => td_string!(locale, inbox.channel_email),
        _ => td_string!(locale, inbox.channel_sms),
    }
}

/// A group of switches per kind of message, a box per channel, each named
/// "Promotions by e-mail" (the visible label says the channel, the group's
/// legend the kind). A plain form, so it works without JavaScript too. It
/// borrows the display settings' look (fieldset groups), so it adds no
/// style of its own to the storefront's stylesheet.
#[component]
pub fn NotifyPrefsCard(prefs: Prefs) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveNotifyPrefs>::new();
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), inbox.prefs_saved).to_string());
    let outcome = Signal::derive(move || {
        action.value().with(|v| {
            v.as_ref()
                .map(|r| r.as_ref().map(|_| ()).map_err(Clone::clone))
        })
    });
    let rows = prefs.rows();
    let group = move |category: &'static str| {
        let boxes = rows
            .into_iter()
            .filter(|(c, _, _)| *c == category)
            .map(|(_, channel, on)| {
                let label = move || {
                    let l = i18n.get_locale();
                    td_string!(
                        l,
                        inbox.prefs_switch_label,
                        kind = kind_text(l, category),
                        channel = channel_text(l, channel)
                    )
                    .to_string()
                };
                view! {
                    <label class="display-option">
                        <input type="checkbox" name=format!("{category}_{channel}") value="on" checked=on aria-label=label />
                        {move || channel_text(i18n.get_locale(), channel)}
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="display-group">
                <legend>{move || kind_text(i18n.get_locale(), category)}</legend>
                <div class="display-options">{boxes}</div>
            </fieldset>
        }
    };
    view! {
        <section class="card" aria-labelledby="notify-title">
            <h2 id="notify-title">{t!(i18n, inbox.prefs_title)}</h2>
            <ActionForm action attr:class="display-form">
                <p class="muted">{t!(i18n, inbox.prefs_always)}</p>
                {group("service")}
                {group("promotions")}
                <p class="muted">{t!(i18n, inbox.prefs_marketing)}</p>
                <FormStatus result=outcome success=saved />
                <button class="btn primary" type="submit" disabled=move || action.pending().get()>
                    {t!(i18n, inbox.prefs_save)}
                </button>
            </ActionForm>
        </section>
    }
}

/// `/unsubscribe?t=…`: one button stops promotion e-mails (a visit alone
/// does not: mail programs open links to scan them).
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let token = use_query_map()
        .with_untracked(|q| q.get("t"))
        .unwrap_or_default();
    let action = ServerAction::<Unsubscribe>::new();
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), inbox.unsubscribe_title).to_string()
            description=move || td_string!(i18n.get_locale(), inbox.unsubscribe_intro).to_string()
            path="/unsubscribe"
        />
        <section class="auth-card">
            <h1>{t!(i18n, inbox.unsubscribe_title)}</h1>
            {move || match action.value().get() {
                Some(Ok(Unsubscribed::Done(email))) => view! {
                    <p class="form-status ok" role="status">
                        {t!(i18n, inbox.unsubscribe_done, email = email.clone())}
                    </p>
                    <p><a class="btn" href="/account">{t!(i18n, inbox.prefs_title)}</a></p>
                }.into_any(),
                Some(Ok(Unsubscribed::Invalid)) => view! {
                    <p class="form-status error" role="alert">{t!(i18n, inbox.unsubscribe_invalid)}</p>
                }.into_any(),
                other => {
                    let token = token.clone();
                    view! {
                        <p class="muted">{t!(i18n, inbox.unsubscribe_intro)}</p>
                        <FormStatus result=Signal::derive(move || other.clone().map(|r| r.map(|_| ()))) />
                        <ActionForm action>
                            <input type="hidden" name="token" value=token />
                            <button class="btn primary block" type="submit" disabled=move || action.pending().get()>
                                {t!(i18n, inbox.unsubscribe_submit)}
                            </button>
                        </ActionForm>
                    }.into_any()
                }
            }}
        </section>
    }
}
