//! The account page's wallet: every coupon the shopper holds, usable ones
//! first, each with its state in words (available, used with the order,
//! expired), its last day and the level it is kept to; and the coupons
//! the shop lets shoppers claim.
use super::api::{claim_coupon, claimable_coupons};
use super::{Claimable, GrantSource, WalletCoupon, WalletState};
use crate::error::AppError;
use crate::i18n::*;
use crate::loyalty::levels::MemberLevel;
use crate::ui::kit::{ErrorNote, act, use_auth};
use leptos::prelude::*;

fn state_text(locale: Locale, s: WalletState) -> &'static str {
    match s {
        WalletState::Available => td_string!(locale, loyalty.wallet_available),
        WalletState::Used => td_string!(locale, loyalty.wallet_used),
        WalletState::Expired => td_string!(locale, loyalty.wallet_expired),
    }
}

fn source_text(locale: Locale, s: GrantSource) -> &'static str {
    match s {
        GrantSource::Issued | GrantSource::Segment => td_string!(locale, loyalty.wallet_from_shop),
        GrantSource::Claimed => td_string!(locale, loyalty.wallet_from_claim),
        GrantSource::Birthday => td_string!(locale, loyalty.wallet_from_birthday),
    }
}

fn level_text(locale: Locale, l: MemberLevel) -> &'static str {
    match l {
        MemberLevel::Regular => td_string!(locale, loyalty.level_regular),
        MemberLevel::Silver => td_string!(locale, loyalty.level_silver),
        MemberLevel::Gold => td_string!(locale, loyalty.level_gold),
        MemberLevel::Vip => td_string!(locale, loyalty.level_vip),
    }
}

#[component]
pub fn WalletCard(coupons: Vec<WalletCoupon>) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let available = coupons
        .iter()
        .filter(|c| c.state == WalletState::Available)
        .count();
    view! {
        <section class="card wallet-card" id="coupons" aria-labelledby="wallet-title">
            <h2 id="wallet-title">{t!(i18n, loyalty.wallet_title)}</h2>
            {if coupons.is_empty() {
                view! { <p class="muted" data-testid="wallet-empty">{t!(i18n, loyalty.wallet_empty)}</p> }.into_any()
            } else {
                view! {
                    <p class="muted">{move || td_string!(l(), loyalty.wallet_count, n = available).to_string()}</p>
                    <ul class="plain wallet-list" aria-labelledby="wallet-title">
                        {coupons.into_iter().map(coupon).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="field-hint">{t!(i18n, loyalty.wallet_hint)}</p>
        </section>
    }
}

fn coupon(c: WalletCoupon) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let (name_zh, name_en) = (c.name_zh, c.name_en);
    let name = move || match l() {
        Locale::en if !name_en.is_empty() => name_en.clone(),
        _ => name_zh.clone(),
    };
    let state = c.state;
    let tag = match state {
        WalletState::Available => "available",
        WalletState::Used => "used",
        WalletState::Expired => "expired",
    };
    let until = c.until;
    let source = c.source;
    view! {
        <li class="wallet-coupon" data-state=tag data-testid="wallet-coupon">
            <p>
                <strong>{name}</strong>" "<code>{c.code}</code>" "
                <span class=if state == WalletState::Available { "badge-inline" } else { "muted" } data-testid="wallet-state">
                    {move || state_text(l(), state)}
                </span>
            </p>
            <p class="muted">
                {move || source_text(l(), source)}
                {c.min_level.map(|lv| view! { " · "{move || td_string!(l(), loyalty.wallet_level_only, level = level_text(l(), lv)).to_string()} })}
                {until.map(|u| view! { " · "{move || td_string!(l(), loyalty.wallet_until, date = u.clone()).to_string()} })}
            </p>
            {c.order_number.map(|n| {
                let href = format!("/orders/{n}");
                view! { <p><a href=href>{move || td_string!(l(), loyalty.wallet_used_on, number = n.clone()).to_string()}</a></p> }
            })}
        </li>
    }
}

/// The coupons a shopper may claim, once the page runs (read in the
/// browser: claiming changes them). Nothing when there are none. Not
/// inside another resource's view: a server pass would drop it while
/// still drawing it.
#[component]
pub fn ClaimList() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let version = RwSignal::new(0u32);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let list = LocalResource::new(move || {
        let lang = i18n.get_locale().as_str().to_string();
        let _ = (auth.version(), version.get());
        async move { claimable_coupons(lang).await.unwrap_or_default() }
    });
    let next = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    move || {
        list.get().filter(|l| !l.is_empty()).map(|l| {
            let signed_in = auth.current().is_some();
            let next = next.clone();
            view! {
                <section class="section claim-coupons" aria-labelledby="claim-title" data-testid="claim-coupons">
                    <h2 id="claim-title">{t!(i18n, loyalty.claim_title)}</h2>
                    <ul class="plain">
                        {l.into_iter().map(|c| {
                            let state = ClaimState { signed_in, next: next.clone(), busy, error, version };
                            claim_row(c, state)
                        }).collect_view()}
                    </ul>
                    {move || error.get().map(|e| view! { <ErrorNote error=e /> })}
                </section>
            }
        })
    }
}

/// What a claim row needs besides its coupon.
struct ClaimState {
    signed_in: bool,
    /// The page to come back to after signing in.
    next: String,
    busy: RwSignal<bool>,
    error: RwSignal<Option<AppError>>,
    version: RwSignal<u32>,
}

fn claim_row(c: Claimable, s: ClaimState) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let terms = {
        let (days, level) = (c.valid_days, c.min_level);
        move || {
            let mut t = match days {
                Some(d) => td_string!(l(), loyalty.claim_days, days = d).to_string(),
                None => td_string!(l(), loyalty.claim_while_runs).to_string(),
            };
            if let Some(lv) = level {
                t.push_str(" · ");
                t.push_str(
                    &td_string!(l(), loyalty.wallet_level_only, level = level_text(l(), lv))
                        .to_string(),
                );
            }
            t
        }
    };
    let code = c.code.clone();
    let action = match (c.claimed, c.allowed, s.signed_in) {
        (true, _, _) => {
            view! { <p class="form-status ok" role="status">{t!(i18n, loyalty.claim_done)}</p> }
                .into_any()
        }
        (false, false, true) => {
            view! { <p class="muted">{t!(i18n, loyalty.claim_not_level)}</p> }.into_any()
        }
        (false, _, false) => {
            let href = format!("/sign-in?next={}", crate::text::url_encode_path(&s.next));
            view! { <p><a class="btn" href=href>{t!(i18n, loyalty.claim_sign_in)}</a></p> }
                .into_any()
        }
        (false, true, true) => {
            let ClaimState {
                busy,
                error,
                version,
                ..
            } = s;
            let label = code.clone();
            view! {
                <p>
                    <button type="button" class="btn primary" disabled=move || busy.get()
                        on:click=move |_| act(busy, error, version, claim_coupon(code.clone()))>
                        {move || td_string!(l(), loyalty.claim_button, code = label.clone()).to_string()}
                    </button>
                </p>
            }
            .into_any()
        }
    };
    view! {
        <li class="wallet-coupon" data-testid="claim-coupon">
            <p><strong>{c.name}</strong>" "<code>{c.code}</code></p>
            <p class="muted">{terms}</p>
            {action}
        </li>
    }
}
