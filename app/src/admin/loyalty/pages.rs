//! `/admin/loyalty`: the levels form (how levels are kept, what each level
//! needs and gives) and member prices by SKU, each field with its own
//! message. Every figure is written out: members per level, "shop's
//! threshold" for a blank free-shipping amount.
use super::api::{SaveLevels, SaveMemberPrice, admin_loyalty};
use super::{LevelFormRow, LevelsForm, LoyaltyOverview, MemberPriceRow, level_field};
use crate::accounts::components::{field_error, outcome};
use crate::admin::customers::pages::level_text;
use crate::admin::shell::AdminError;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::loyalty::levels::MemberLevel;
use crate::ui::kit::{FormStatus, error_text, form_data, format_money};
use leptos::prelude::*;

#[component]
pub fn LoyaltyPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveLevels>::new();
    let price = ServerAction::<SaveMemberPrice>::new();
    let data = crate::ui::kit::resource(
        move || {
            (
                i18n.get_locale(),
                save.version().get() + price.version().get(),
            )
        },
        |(locale, _)| admin_loyalty(locale.as_str().to_string()),
    );
    view! {
        <header class="page-head">
            <h1>{t!(i18n, admin_promo.loyalty_title)}</h1>
            <p class="muted">{t!(i18n, admin_promo.loyalty_intro)}</p>
        </header>
        <super::points::pages::PointsRulesCard />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(data, move |r| match r {
                Ok(o) => view! { <LevelsCard o=o.clone() save /> <PricesCard prices=o.prices total=o.prices_total action=price /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
        <super::coupons::pages::CouponCards />
    }
}

/// A message in words, with this page's own keys (kept out of the
/// storefront's bundle).
fn loyalty_error_text(locale: Locale, key: ErrorKey) -> &'static str {
    match key {
        ErrorKey::LevelThresholdOrder => td_string!(locale, errors.level_threshold_order),
        ErrorKey::MemberPriceTooHigh => td_string!(locale, errors.member_price_too_high),
        other => error_text(locale, other),
    }
}

/// A field's message from the last save.
fn message(save: ServerAction<SaveLevels>, field: String) -> impl Fn() -> Option<&'static str> {
    let i18n = use_i18n();
    move || {
        save.value()
            .get()
            .and_then(|r| r.err())
            .and_then(|e: AppError| e.field(&field))
            .map(|k| loyalty_error_text(i18n.get_locale(), k))
    }
}

/// One input of the levels form, labelled, with its message.
fn input(
    name: String,
    label: &'static str,
    value: String,
    save: ServerAction<SaveLevels>,
) -> impl IntoView {
    let error = message(save, name.clone());
    let id = format!("loyalty-{name}");
    let error_id = format!("{id}-error");
    let (label_for, described_by) = (id.clone(), error_id.clone());
    view! {
        <label for=label_for>
            <span>{label}</span>
            <input id=id name=name inputmode="decimal" value=value aria-describedby=described_by />
            <span class="field-error" id=error_id aria-live="polite">{error}</span>
        </label>
    }
}

#[component]
fn LevelsCard(o: LoyaltyOverview, save: ServerAction<SaveLevels>) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let f = LevelsForm::from_overview(&o);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = form_data(&ev);
        save.dispatch(SaveLevels {
            form: LevelsForm {
                window_days: v("window_days"),
                grace_days: v("grace_days"),
                levels: MemberLevel::ALL
                    .into_iter()
                    .map(|level| LevelFormRow {
                        level,
                        threshold: v(&level_field(level, "threshold")),
                        points_pct: v(&level_field(level, "points_pct")),
                        free_shipping: v(&level_field(level, "free_shipping")),
                    })
                    .collect(),
            },
        });
    };
    let members: Vec<(MemberLevel, i64)> = o.levels.iter().map(|r| (r.level, r.members)).collect();
    view! {
        <section class="card" aria-labelledby="levels-title">
            <h2 id="levels-title">{t!(i18n, admin_promo.levels_title)}</h2>
            <p class="muted">{t!(i18n, admin_promo.levels_hint)}</p>
            <form class="stack-form" on:submit=submit data-testid="levels-form" novalidate>
                <div class="inline-form">
                    {input("window_days".into(), td_string!(l(), admin_promo.window_days), f.window_days, save)}
                    {input("grace_days".into(), td_string!(l(), admin_promo.grace_days), f.grace_days, save)}
                </div>
                {f.levels.into_iter().map(|row| {
                    let level = row.level;
                    let n = members.iter().find(|(m, _)| *m == level).map_or(0, |(_, n)| *n);
                    view! {
                        <fieldset class="choice-group" data-testid=format!("level-{}", level.as_str())>
                            <legend>
                                {move || level_text(l(), level.as_str())}" · "
                                <span class="muted">{move || td_string!(l(), admin_promo.level_members, n = n).to_string()}</span>
                            </legend>
                            <div class="inline-form">
                                {input(level_field(level, "threshold"), td_string!(l(), admin_promo.level_threshold), row.threshold, save)}
                                {input(level_field(level, "points_pct"), td_string!(l(), admin_promo.level_points_pct), row.points_pct, save)}
                                {input(level_field(level, "free_shipping"), td_string!(l(), admin_promo.level_free_shipping), row.free_shipping, save)}
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
                <p class="field-hint">{t!(i18n, admin_promo.level_free_shipping_hint)}</p>
                <button class="btn primary" type="submit" disabled=move || save.pending().get()>{t!(i18n, admin_promo.levels_save)}</button>
                <FormStatus result=outcome(save) success=Signal::derive(move || td_string!(l(), admin_promo.levels_saved).to_string()) />
            </form>
        </section>
    }
}

#[component]
fn PricesCard(
    prices: Vec<MemberPriceRow>,
    total: i64,
    action: ServerAction<SaveMemberPrice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let errors = ["sku", "level", "price"].map(|f| field_error(action, f));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = form_data(&ev);
        action.dispatch(SaveMemberPrice {
            sku: v("sku"),
            level: v("level"),
            price: v("price"),
        });
    };
    let shown = move |i: usize| move || errors[i].get().map(|k| loyalty_error_text(l(), k));
    view! {
        <section class="card" aria-labelledby="member-prices-title">
            <h2 id="member-prices-title">{t!(i18n, admin_promo.member_prices_title)}</h2>
            <p class="muted">{t!(i18n, admin_promo.member_prices_hint)}</p>
            <form class="inline-form" on:submit=submit data-testid="member-price-form" novalidate>
                <label for="member-price-sku">
                    <span>{t!(i18n, admin_promo.member_price_sku)}</span>
                    <input id="member-price-sku" name="sku" autocomplete="off" aria-describedby="member-price-sku-error" />
                    <span class="field-error" id="member-price-sku-error" aria-live="polite">{shown(0)}</span>
                </label>
                <label for="member-price-level">
                    <span>{t!(i18n, admin_promo.member_price_level)}</span>
                    <select id="member-price-level" name="level">
                        {MemberLevel::ALL.into_iter().map(|lv| view! {
                            <option value=lv.as_str() selected=lv == MemberLevel::Gold>{move || level_text(l(), lv.as_str())}</option>
                        }).collect_view()}
                    </select>
                    <span class="field-error" aria-live="polite">{shown(1)}</span>
                </label>
                <label for="member-price-price">
                    <span>{t!(i18n, admin_promo.member_price_price)}</span>
                    <input id="member-price-price" name="price" inputmode="decimal" aria-describedby="member-price-price-error" />
                    <span class="field-error" id="member-price-price-error" aria-live="polite">{shown(2)}</span>
                </label>
                <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, admin_promo.member_price_save)}</button>
            </form>
            <FormStatus result=outcome(action) success=Signal::derive(move || td_string!(l(), admin_promo.member_price_saved).to_string()) />
            {if prices.is_empty() {
                view! { <p class="muted" data-testid="member-prices-none">{t!(i18n, admin_promo.member_prices_none)}</p> }.into_any()
            } else {
                let count = prices.len();
                view! {
                    <p class="muted">{move || td_string!(l(), admin_promo.member_prices_count, shown = count, total = total).to_string()}</p>
                    <ul class="plain member-price-list" data-testid="member-prices" aria-labelledby="member-prices-title">
                        {prices.into_iter().map(|p| view! {
                            <li>
                                <strong>{p.sku}</strong>" · "{p.product}<br />
                                {move || level_text(l(), p.level.as_str())}" "
                                <strong>{format_money(p.price_minor, "CNY")}</strong>" "
                                <s class="muted">{format_money(p.list_minor, "CNY")}</s>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
