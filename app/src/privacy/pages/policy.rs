//! /privacy: the privacy policy in the reader's language: what the shop
//! collects, why, how long it keeps it, who else sees it, the shopper's
//! rights and how to use them, and whom to ask. Plain headings and lists,
//! so it reads on a phone and with a screen reader.
use crate::i18n::*;
use crate::privacy::POLICY_VERSION;
use crate::privacy::api::get_privacy_facts;
use crate::ui::kit::Seo;
use leptos::prelude::*;

#[component]
pub fn PrivacyPolicyPage() -> impl IntoView {
    let i18n = use_i18n();
    let facts = crate::ui::kit::resource(|| (), |_| get_privacy_facts());
    // The cooling-off period is configurable; the page states the shop's.
    let days = move || {
        facts
            .get()
            .and_then(|r| r.ok())
            .map(|f| f.cooling_off_days.to_string())
    };
    // The merchant's own address (`AGORA_PRIVACY_CONTACT`).
    let contact = move || facts.get().and_then(|r| r.ok()).map(|f| f.contact);
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), privacy.policy_title).to_string()
            description=move || td_string!(i18n.get_locale(), privacy.policy_intro).to_string()
            path="/privacy"
        />
        <article class="policy" data-testid="privacy-policy">
            <header class="page-head">
                <h1>{t!(i18n, privacy.policy_title)}</h1>
                <p class="muted">{t!(i18n, privacy.policy_intro)}</p>
                <p class="muted" data-testid="policy-version">
                    {t!(i18n, privacy.policy_version, version = POLICY_VERSION.to_string())}
                </p>
            </header>
            <section aria-labelledby="policy-collect">
                <h2 id="policy-collect">{t!(i18n, privacy.collect_title)}</h2>
                <ul>
                    <li>{t!(i18n, privacy.collect_account)}</li>
                    <li>{t!(i18n, privacy.collect_addresses)}</li>
                    <li>{t!(i18n, privacy.collect_orders)}</li>
                    <li>{t!(i18n, privacy.collect_reviews)}</li>
                    <li>{t!(i18n, privacy.collect_activity)}</li>
                    <li>{t!(i18n, privacy.collect_technical)}</li>
                </ul>
                <p>{t!(i18n, privacy.collect_not)}</p>
            </section>
            <section aria-labelledby="policy-why">
                <h2 id="policy-why">{t!(i18n, privacy.why_title)}</h2>
                <ul>
                    <li>{t!(i18n, privacy.why_contract)}</li>
                    <li>{t!(i18n, privacy.why_legal)}</li>
                    <li>{t!(i18n, privacy.why_security)}</li>
                    <li>{t!(i18n, privacy.why_consent)}</li>
                </ul>
            </section>
            <section aria-labelledby="policy-share">
                <h2 id="policy-share">{t!(i18n, privacy.share_title)}</h2>
                <ul>
                    <li>{t!(i18n, privacy.share_payment)}</li>
                    <li>{t!(i18n, privacy.share_delivery)}</li>
                    <li>{t!(i18n, privacy.share_law)}</li>
                </ul>
                <p>{t!(i18n, privacy.share_never)}</p>
            </section>
            <section aria-labelledby="policy-keep">
                <h2 id="policy-keep">{t!(i18n, privacy.keep_title)}</h2>
                <ul>
                    <li>{t!(i18n, privacy.keep_account)}</li>
                    <li>{t!(i18n, privacy.keep_orders)}</li>
                    <li>{t!(i18n, privacy.keep_sessions)}</li>
                    <li>{t!(i18n, privacy.keep_signin)}</li>
                    <li>{t!(i18n, privacy.keep_searches)}</li>
                    <li>{t!(i18n, privacy.keep_staff_views)}</li>
                </ul>
            </section>
            <section aria-labelledby="policy-rights">
                <h2 id="policy-rights">{t!(i18n, privacy.rights_title)}</h2>
                <ul>
                    <li>{t!(i18n, privacy.rights_access)}</li>
                    <li>{t!(i18n, privacy.rights_correct)}</li>
                    <li>
                        <Suspense fallback=move || view! { {t!(i18n, privacy.rights_delete_generic)} }>
                            {move || days().map(|d| view! { {t!(i18n, privacy.rights_delete, days = d)} })}
                        </Suspense>
                    </li>
                    <li>{t!(i18n, privacy.rights_withdraw)}</li>
                    <li>{t!(i18n, privacy.rights_complain)}</li>
                </ul>
                <p>
                    {t!(i18n, privacy.rights_how)} " "
                    <a href="/account/privacy" data-testid="policy-settings-link">{t!(i18n, privacy.rights_how_link)}</a>
                </p>
            </section>
            <section aria-labelledby="policy-cookies">
                <h2 id="policy-cookies">{t!(i18n, privacy.cookies_title)}</h2>
                <p>{t!(i18n, privacy.cookies_body)}</p>
            </section>
            <section aria-labelledby="policy-contact">
                <h2 id="policy-contact">{t!(i18n, privacy.contact_title)}</h2>
                <p data-testid="privacy-contact">
                    {move || contact().map(|c| view! { {t!(i18n, privacy.contact_body, contact = c)} })}
                </p>
            </section>
        </article>
    }
}
