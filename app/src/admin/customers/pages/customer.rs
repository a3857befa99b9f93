//! /admin/customers/:id: the profile, what they bought and spent, the
//! changes the staff member's role allows, and the history below.
use super::forms::{DisableControl, LevelDraft, LevelForm, PointsDraft, PointsForm};
use super::history::{AddressesSection, LedgerSection, OrdersSection};
use super::level_text;
use crate::accounts::Permission;
use crate::admin::customers::CustomerDetail;
use crate::admin::customers::api::{
    AdjustCustomerPoints, SetCustomerDisabled, SetCustomerLevel, admin_customer,
};
use crate::admin::shell::{AdminError, use_admin};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::format_money;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CustomerPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    let disable = ServerAction::<SetCustomerDisabled>::new();
    let level = ServerAction::<SetCustomerLevel>::new();
    let points = ServerAction::<AdjustCustomerPoints>::new();
    let draft = PointsDraft {
        delta: RwSignal::new(String::new()),
        reason: RwSignal::new(String::new()),
    };
    Effect::new(move |_| {
        if points.value().with(|v| matches!(v, Some(Ok(_)))) {
            draft.delta.set(String::new());
            draft.reason.set(String::new());
        }
    });
    let level_draft = LevelDraft {
        level: RwSignal::new(None),
        reason: RwSignal::new(String::new()),
    };
    Effect::new(move |_| {
        if level.value().with(|v| matches!(v, Some(Ok(_)))) {
            level_draft.level.set(None);
            level_draft.reason.set(String::new());
        }
    });
    let detail = crate::ui::kit::resource(
        move || {
            (
                id(),
                disable.version().get(),
                level.version().get(),
                points.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => admin_customer(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="ap-back"><a href="/admin/customers">{t!(i18n, admin_people.back_to_customers)}</a></p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(detail, move |r| match r {
                Ok(d) => view! { <CustomerView d disable level points draft level_draft /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn CustomerView(
    d: CustomerDetail,
    disable: ServerAction<SetCustomerDisabled>,
    level: ServerAction<SetCustomerLevel>,
    points: ServerAction<AdjustCustomerPoints>,
    draft: PointsDraft,
    level_draft: LevelDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_admin();
    let c = d.customer;
    let id = c.id;
    let disabled = c.disabled;
    // An erased account has nothing left to enable or disable.
    let erased = c.erased;
    let balance = c.points;
    let level_now = c
        .level_floor
        .clone()
        .unwrap_or_else(|| "regular".to_string());
    let level_tag = c.level.clone();
    let level_stat = c.level.clone();
    let joined = c.created_at.clone();
    view! {
        <header class="page-head ap-head" data-testid="customer-head" data-id=id.to_string()>
            <h1 data-testid="customer-name">{c.display_name.clone()}</h1>
            <p class="muted">
                <span data-testid="customer-email">{c.email.clone()}</span>
                {c.phone.clone().map(|p| format!(" · {p}"))}
            </p>
            <p class="ap-tags">
                <span class="tag" data-testid="customer-level">{move || level_text(i18n.get_locale(), &level_tag)}</span>
                {erased.then(|| view! {
                    <span class="tag ap-off" data-testid="customer-erased">{t!(i18n, privacy.erased_badge)}</span>
                })}
                {(disabled && !erased).then(|| view! {
                    <span class="tag ap-off" data-testid="customer-disabled">{t!(i18n, admin_people.disabled)}</span>
                })}
                <span class="muted">
                    {move || td_string!(i18n.get_locale(), admin_people.joined, date = joined.clone()).to_string()}
                </span>
            </p>
        </header>
        <dl class="stats ap-stats">
            <div><dt>{t!(i18n, admin_people.stat_orders)}</dt><dd data-testid="customer-orders">{c.orders}</dd></div>
            <div><dt>{t!(i18n, admin_people.stat_spent)}</dt><dd data-testid="customer-spent">{format_money(c.spent_minor, &c.currency)}</dd></div>
            <div><dt>{t!(i18n, admin_people.stat_points)}</dt><dd data-testid="customer-points">{balance}</dd></div>
            <div><dt>{t!(i18n, admin_people.stat_level)}</dt><dd>{move || level_text(i18n.get_locale(), &level_stat)}</dd></div>
        </dl>
        {move || (me.can(Permission::CustomerDisable) && !erased).then(|| view! {
            <DisableControl id disabled action=disable />
        })}
        {move || me.can(Permission::CustomerEdit).then(|| view! {
            <section class="section ap-forms" aria-labelledby="membership-title">
                <h2 id="membership-title">{t!(i18n, admin_people.membership_title)}</h2>
                <LevelForm id current=level_now.clone() action=level draft=level_draft />
                <PointsForm id balance action=points draft />
            </section>
        })}
        <OrdersSection orders=d.orders />
        <AddressesSection addresses=d.addresses />
        <LedgerSection ledger=d.ledger />
    }
}
