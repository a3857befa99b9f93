//! `/admin/promotions`: the cards, switched on and off in place.
use super::text::{benefit_text, kind_text, name_in, status_text, window_text};
use crate::admin::components::EmptyState;
use crate::admin::promotions::PromotionListItem;
use crate::admin::promotions::api::{SetPromotionActive, admin_promotions};
use crate::admin::shell::AdminError;
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, format_money};
use leptos::prelude::*;

#[component]
pub fn PromotionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let toggle = ServerAction::<SetPromotionActive>::new();
    let list = crate::ui::kit::resource(move || toggle.version().get(), |_| admin_promotions());
    let toggle_error = Signal::derive(move || {
        toggle
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    });
    view! {
        <section class="promo-admin" data-testid="promo-list-page">
            <header class="page-head promo-head">
                <div>
                    <h1>{t!(i18n, admin_promo.title)}</h1>
                    <p class="muted">{t!(i18n, admin_promo.results_note)}</p>
                </div>
                <a class="btn primary" href="/admin/promotions/new" data-testid="promo-new">
                    {t!(i18n, admin_promo.new_promotion)}
                </a>
            </header>
            {move || toggle_error.get().map(|e| view! { <ErrorNote error=e /> })}
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {crate::ui::kit::drawn(list, move |r| match r {
                    Ok(items) if items.is_empty() => view! {
                        <EmptyState testid="promo-empty">{t!(i18n, admin_promo.none)}</EmptyState>
                    }.into_any(),
                    Ok(items) => view! {
                        <ul class="promo-list" data-testid="promo-list">
                            {items.into_iter().map(|promo| view! { <PromoCard promo=promo toggle=toggle /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <AdminError error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PromoCard(promo: PromotionListItem, toggle: ServerAction<SetPromotionActive>) -> impl IntoView {
    let i18n = use_i18n();
    let id = promo.id;
    let p = &promo.promotion;
    let active = p.active;
    let kind = p.kind();
    let status = promo.status;
    let (starts, ends) = (p.starts_at, p.ends_at);
    let (zh, en) = (p.name_zh.clone(), p.name_en.clone());
    let code = p.code().map(str::to_string);
    let data_code = code.clone().unwrap_or_default();
    let name = move || name_in(i18n.get_locale(), &zh, &en);
    let benefit = {
        let p = promo.clone();
        move || benefit_text(i18n.get_locale(), &p)
    };
    let orders = promo.results.orders;
    let (limit, used_count) = (p.usage_limit, promo.used_count);
    let used = move || match limit {
        Some(l) => format!("{used_count} / {l}"),
        None => td_string!(i18n.get_locale(), admin_promo.used_unlimited, n = orders).to_string(),
    };
    let per_customer = p.per_customer_limit;
    let money = {
        let cur = promo.currency.clone();
        move |m: i64| format_money(m, &cur)
    };
    let href = format!("/admin/promotions/{id}");
    view! {
        <li
            class="promo-card"
            class:off=move || !active
            data-testid="promo-row"
            data-id=id.to_string()
            data-code=data_code
            data-kind=kind.as_str()
            data-active=active.to_string()
        >
            <div class="promo-card-head">
                <span class="tag">{move || kind_text(i18n.get_locale(), kind)}</span>
                <span class=format!("promo-status {}", status.as_str()) data-testid="promo-status" data-status=status.as_str()>
                    {move || status_text(i18n.get_locale(), status)}
                </span>
            </div>
            <h2 class="promo-name"><a href=href.clone()>{name}</a></h2>
            {code.map(|c| view! { <p class="promo-code"><code data-testid="promo-code">{c}</code></p> })}
            <p class="promo-benefit" data-testid="promo-benefit">{benefit}</p>
            <p class="promo-window muted">{move || window_text(i18n.get_locale(), starts, ends)}</p>
            {per_customer.map(|n| view! {
                <p class="muted promo-per-customer">
                    {move || td_string!(i18n.get_locale(), admin_promo.per_customer_n, n = n).to_string()}
                </p>
            })}
            <dl class="promo-stats">
                <div><dt>{t!(i18n, admin_promo.stat_used)}</dt><dd data-testid="promo-used">{used}</dd></div>
                <div><dt>{t!(i18n, admin_promo.stat_orders)}</dt><dd data-testid="promo-orders">{orders}</dd></div>
                <div><dt>{t!(i18n, admin_promo.stat_discount)}</dt><dd data-testid="promo-discount">{money(promo.results.discount_minor)}</dd></div>
                <div><dt>{t!(i18n, admin_promo.stat_revenue)}</dt><dd data-testid="promo-revenue">{money(promo.results.revenue_minor)}</dd></div>
            </dl>
            <div class="promo-actions">
                <a class="btn small" href=href data-testid="promo-edit">{t!(i18n, admin_promo.edit)}</a>
                <button
                    type="button"
                    class="btn small"
                    class:primary=move || !active
                    data-testid="promo-toggle"
                    disabled=move || toggle.pending().get()
                    on:click=move |_| {
                        toggle.dispatch(SetPromotionActive { id, active: !active });
                    }
                >
                    {move || if active {
                        td_string!(i18n.get_locale(), admin_promo.deactivate)
                    } else {
                        td_string!(i18n.get_locale(), admin_promo.activate)
                    }}
                </button>
            </div>
        </li>
    }
}
