//! /admin/customers (search, results, pages) and /admin/customers/:id (the
//! profile, what they bought and spent, addresses, and the changes the
//! staff member's role allows: disable or enable, level, points).
use super::api::{
    AdjustCustomerPoints, SetCustomerDisabled, SetCustomerLevel, admin_customer, admin_customers,
};
use super::{CustomerDetail, CustomerList, LEVELS, MAX_REASON_CHARS};
use crate::accounts::Permission;
use crate::accounts::components::{field_error, outcome};
use crate::admin::shell::{AdminError, use_admin};
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::orders::OrderStatus;
use crate::orders::components::{StatusBadge, payment_text};
use crate::ui::{FormStatus, error_text, format_money};
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The translated name of a membership level.
pub fn level_text(locale: Locale, level: &str) -> &'static str {
    match level {
        "silver" => td_string!(locale, admin_people.level_silver),
        "gold" => td_string!(locale, admin_people.level_gold),
        "vip" => td_string!(locale, admin_people.level_vip),
        _ => td_string!(locale, admin_people.level_regular),
    }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn page_href(q: &str, page: i64) -> String {
    if q.is_empty() {
        format!("/admin/customers?page={page}")
    } else {
        format!("/admin/customers?q={}&page={page}", encode(q))
    }
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default().trim().to_string());
    let page = move || {
        query.with(|m| {
            m.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(0)
                .max(0)
        })
    };
    let list = Resource::new(move || (q(), page()), |(q, page)| admin_customers(q, page));
    view! {
        <header class="page-head">
            <h1>{t!(i18n, admin_people.customers_title)}</h1>
            <p class="muted">{t!(i18n, admin_people.customers_intro)}</p>
        </header>
        <Form method="GET" action="/admin/customers" {..} class="ap-search" role="search">
            <label class="sr-only" for="customer-q">{t!(i18n, admin_people.search_label)}</label>
            <input
                id="customer-q"
                name="q"
                type="search"
                maxlength="100"
                autocomplete="off"
                prop:value=q
                placeholder=move || td_string!(i18n.get_locale(), admin_people.search_placeholder)
                data-testid="customer-search"
            />
            <button class="btn primary" type="submit" data-testid="customer-search-submit">
                {t!(i18n, admin_people.search_submit)}
            </button>
        </Form>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || list.get().map(|r| match r {
                Ok(l) => view! { <CustomerResults list=l q=q() /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn CustomerResults(list: CustomerList, q: String) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.total;
    let page = list.page;
    if list.customers.is_empty() {
        return view! {
            <p class="empty" data-testid="no-customers">{t!(i18n, admin_people.no_customers)}</p>
        }
        .into_any();
    }
    let prev = (page > 0).then(|| page_href(&q, page - 1));
    let next = list.has_more.then(|| page_href(&q, page + 1));
    let rows = list
        .customers
        .into_iter()
        .map(|c| {
            let level = c.level.clone();
            view! {
                <tr data-testid="customer-row" data-id=c.id.to_string()>
                    <td>
                        <a href=format!("/admin/customers/{}", c.id) data-testid="customer-link">
                            <strong>{c.display_name.clone()}</strong>
                        </a>
                        <br />
                        <span class="muted">{c.email.clone()}</span>
                    </td>
                    <td>{c.phone.clone().unwrap_or_default()}</td>
                    <td><span class="tag">{move || level_text(i18n.get_locale(), &level)}</span></td>
                    <td class="num">{c.points}</td>
                    <td class="num">{c.orders}</td>
                    <td class="num">{format_money(c.spent_minor, &c.currency)}</td>
                    <td>
                        {if c.erased {
                            view! { <span class="tag ap-off" data-testid="customer-erased">{t!(i18n, privacy.erased_badge)}</span> }.into_any()
                        } else if c.disabled {
                            view! { <span class="tag ap-off" data-testid="customer-disabled">{t!(i18n, admin_people.disabled)}</span> }.into_any()
                        } else {
                            view! { <span class="muted">{t!(i18n, admin_people.active)}</span> }.into_any()
                        }}
                    </td>
                    <td>{c.created_at.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="muted" data-testid="customer-count">
            {move || td_string!(i18n.get_locale(), admin_people.results_count, count = total).to_string()}
        </p>
        <div class="table-wrap">
            <table class="data ap-table" data-testid="customer-results">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, admin_people.col_customer)}</th>
                        <th scope="col">{t!(i18n, admin_people.col_phone)}</th>
                        <th scope="col">{t!(i18n, admin_people.col_level)}</th>
                        <th scope="col" class="num">{t!(i18n, admin_people.col_points)}</th>
                        <th scope="col" class="num">{t!(i18n, admin_people.col_orders)}</th>
                        <th scope="col" class="num">{t!(i18n, admin_people.col_spent)}</th>
                        <th scope="col">{t!(i18n, admin_people.col_status)}</th>
                        <th scope="col">{t!(i18n, admin_people.col_joined)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pager" aria-label=move || td_string!(i18n.get_locale(), admin_people.pages_label)>
            {prev.map(|href| view! {
                <a class="btn small" href=href data-testid="prev-page">{t!(i18n, admin_people.previous_page)}</a>
            })}
            <span class="muted">
                {move || td_string!(i18n.get_locale(), admin_people.page_n, page = page + 1).to_string()}
            </span>
            {next.map(|href| view! {
                <a class="btn small" href=href data-testid="next-page">{t!(i18n, admin_people.next_page)}</a>
            })}
        </nav>
    }
    .into_any()
}

/// What is typed into the points form; kept by the page so a refused
/// change (the page reloads its data either way) keeps the text.
#[derive(Clone, Copy)]
struct PointsDraft {
    delta: RwSignal<String>,
    reason: RwSignal<String>,
}

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
    let detail = Resource::new(
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
            {move || detail.get().map(|r| match r {
                Ok(d) => view! { <CustomerView d disable level points draft /> }.into_any(),
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
) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_admin();
    let c = d.customer;
    let id = c.id;
    let disabled = c.disabled;
    // An erased account has nothing left to enable or disable.
    let erased = c.erased;
    let balance = c.points;
    let level_now = c.level.clone();
    let level_tag = c.level.clone();
    let level_stat = c.level.clone();
    let joined = c.created_at.clone();
    let orders = d.orders;
    let addresses = d.addresses;
    let ledger = d.ledger;
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
                <LevelForm id current=level_now.clone() action=level />
                <PointsForm id balance action=points draft />
            </section>
        })}
        <section class="section" aria-labelledby="orders-title">
            <h2 id="orders-title">{t!(i18n, admin_people.orders_title)}</h2>
            {if orders.is_empty() {
                view! { <p class="empty">{t!(i18n, admin_people.no_orders)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data ap-table" data-testid="customer-orders-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, admin_people.col_order)}</th>
                                    <th scope="col">{t!(i18n, admin_people.col_date)}</th>
                                    <th scope="col">{t!(i18n, admin_people.col_status)}</th>
                                    <th scope="col">{t!(i18n, admin_people.col_payment)}</th>
                                    <th scope="col" class="num">{t!(i18n, admin_people.col_total)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {orders.into_iter().map(|o| {
                                    let pay = o.payment_status.clone();
                                    view! {
                                        <tr data-testid="customer-order">
                                            <td><a href=format!("/admin/orders/{}", o.number)>{o.number.clone()}</a></td>
                                            <td>{o.created.clone()}</td>
                                            <td>{OrderStatus::parse(&o.status).map(|s| view! { <StatusBadge status=s /> })}</td>
                                            <td>{move || payment_text(i18n.get_locale(), &pay)}</td>
                                            <td class="num">{format_money(o.total_minor, &o.currency)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section class="section" aria-labelledby="addresses-title">
            <h2 id="addresses-title">{t!(i18n, admin_people.addresses_title)}</h2>
            {if addresses.is_empty() {
                view! { <p class="empty">{t!(i18n, admin_people.no_addresses)}</p> }.into_any()
            } else {
                view! {
                    <ul class="ap-addresses">
                        {addresses.into_iter().map(|a| {
                            let class = if a.is_default { "address default" } else { "address" };
                            view! {
                                <li class=class>
                                    <p class="addr-name">
                                        <strong>{a.recipient.clone()}</strong>
                                        <span>{a.phone.clone()}</span>
                                        {a.is_default.then(|| view! { <span class="tag">{t!(i18n, admin_people.default_address)}</span> })}
                                    </p>
                                    <p class="muted">
                                        {a.region.clone()}" "{a.line1.clone()}
                                        {a.postal_code.clone().map(|p| format!(" {p}"))}
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="section" aria-labelledby="ledger-title">
            <h2 id="ledger-title">{t!(i18n, admin_people.ledger_title)}</h2>
            {if ledger.is_empty() {
                view! { <p class="empty" data-testid="ledger-empty">{t!(i18n, admin_people.no_ledger)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data ap-table" data-testid="points-ledger">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, admin_people.col_time)}</th>
                                    <th scope="col" class="num">{t!(i18n, admin_people.col_change)}</th>
                                    <th scope="col" class="num">{t!(i18n, admin_people.col_balance)}</th>
                                    <th scope="col">{t!(i18n, admin_people.col_reason)}</th>
                                    <th scope="col">{t!(i18n, admin_people.col_by)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {ledger.into_iter().map(|e| {
                                    let change_class = if e.delta < 0 { "num ap-minus" } else { "num ap-plus" };
                                    view! {
                                        <tr data-testid="ledger-row" data-delta=e.delta.to_string()>
                                            <td>{e.at.clone()}</td>
                                            <td class=change_class>{format!("{:+}", e.delta)}</td>
                                            <td class="num">{e.balance_after}</td>
                                            <td class="ap-text">{e.reason.clone()}</td>
                                            <td class="muted">{e.staff_email.clone().unwrap_or_default()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// Disable or enable the account, after a confirmation.
#[component]
fn DisableControl(
    id: i64,
    disabled: bool,
    action: ServerAction<SetCustomerDisabled>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let toggle_class = if disabled {
        "btn small"
    } else {
        "btn small danger"
    };
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_people.saved).to_string());
    view! {
        <div class="ap-account-actions">
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button
                        type="button"
                        class=toggle_class
                        data-testid="customer-toggle"
                        on:click=move |_| confirming.set(true)
                    >
                        {move || if disabled {
                            td_string!(i18n.get_locale(), admin_people.enable)
                        } else {
                            td_string!(i18n.get_locale(), admin_people.disable)
                        }}
                    </button>
                }
            >
                <p class="confirm-box" role="alertdialog" aria-labelledby="toggle-question">
                    <span id="toggle-question">
                        {move || if disabled {
                            td_string!(i18n.get_locale(), admin_people.enable_confirm)
                        } else {
                            td_string!(i18n.get_locale(), admin_people.disable_confirm)
                        }}
                    </span>
                    <button
                        type="button"
                        class="btn small danger"
                        data-testid="customer-toggle-yes"
                        disabled=move || action.pending().get()
                        on:click=move |_| {
                            confirming.set(false);
                            action.dispatch(SetCustomerDisabled { id, disabled: !disabled });
                        }
                    >
                        {move || if disabled {
                            td_string!(i18n.get_locale(), admin_people.enable)
                        } else {
                            td_string!(i18n.get_locale(), admin_people.disable)
                        }}
                    </button>
                    <button type="button" class="btn small" on:click=move |_| confirming.set(false)>
                        {t!(i18n, admin_people.cancel)}
                    </button>
                </p>
            </Show>
            <FormStatus result=outcome(action) success=saved />
        </div>
    }
}

#[component]
fn LevelForm(id: i64, current: String, action: ServerAction<SetCustomerLevel>) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(current.clone());
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_people.saved).to_string());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(SetCustomerLevel {
            id,
            level: chosen.get_untracked(),
        });
    };
    view! {
        <form class="ap-inline-form" on:submit=on_submit data-testid="level-form">
            <div class="field">
                <label for="customer-level-select">{t!(i18n, admin_people.level_label)}</label>
                <select
                    id="customer-level-select"
                    name="level"
                    data-testid="level-select"
                    on:change=move |ev| chosen.set(event_target_value(&ev))
                >
                    {LEVELS.into_iter().map(|l| view! {
                        <option value=l selected=l == current>{move || level_text(i18n.get_locale(), l)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button class="btn small primary" type="submit" data-testid="level-save" disabled=move || action.pending().get()>
                {t!(i18n, admin_people.save_level)}
            </button>
            <FormStatus result=outcome(action) success=saved />
        </form>
    }
}

/// The message for the points field: the shared error keys, read for points.
fn delta_text(locale: Locale, key: ErrorKey) -> &'static str {
    match key {
        ErrorKey::Required => td_string!(locale, admin_people.points_delta_required),
        ErrorKey::TooLong => td_string!(locale, admin_people.points_delta_range),
        ErrorKey::BadRequest => td_string!(locale, admin_people.points_below_zero),
        k => error_text(locale, k),
    }
}

#[component]
fn PointsForm(
    id: i64,
    balance: i32,
    action: ServerAction<AdjustCustomerPoints>,
    draft: PointsDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    // A text that is not a whole number never leaves the browser.
    let local = RwSignal::new(None::<ErrorKey>);
    let server_delta = field_error(action, "delta");
    let delta_err = Signal::derive(move || local.get().or_else(|| server_delta.get()));
    let reason_err = field_error(action, "reason");
    let saved = Signal::derive(move || {
        td_string!(i18n.get_locale(), admin_people.points_saved).to_string()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.delta.get_untracked();
        let text = text.trim().trim_start_matches('+');
        match text.parse::<i32>() {
            Ok(delta) => {
                local.set(None);
                action.dispatch(AdjustCustomerPoints {
                    id,
                    delta,
                    reason: draft.reason.get_untracked(),
                });
            }
            Err(_) => local.set(Some(if text.is_empty() {
                ErrorKey::Required
            } else {
                ErrorKey::TooLong
            })),
        }
    };
    view! {
        <form class="ap-points-form" on:submit=on_submit data-testid="points-form" novalidate>
            <h3>{t!(i18n, admin_people.points_title)}</h3>
            <div class="field" class:invalid=move || delta_err.get().is_some()>
                <label for="points-delta">{t!(i18n, admin_people.points_delta)}</label>
                <input
                    id="points-delta"
                    name="delta"
                    type="number"
                    step="1"
                    autocomplete="off"
                    required=true
                    data-testid="points-delta"
                    prop:value=move || draft.delta.get()
                    on:input=move |ev| draft.delta.set(event_target_value(&ev))
                    aria-invalid=move || delta_err.get().map(|_| "true")
                    aria-describedby="points-delta-hint points-delta-error"
                />
                <p class="field-hint" id="points-delta-hint">
                    {move || td_string!(i18n.get_locale(), admin_people.points_delta_hint, points = balance).to_string()}
                </p>
                <p class="field-error" id="points-delta-error" aria-live="polite" data-testid="points-delta-error">
                    {move || delta_err.get().map(|k| delta_text(i18n.get_locale(), k))}
                </p>
            </div>
            <div class="field" class:invalid=move || reason_err.get().is_some()>
                <label for="points-reason">{t!(i18n, admin_people.points_reason)}</label>
                <input
                    id="points-reason"
                    name="reason"
                    type="text"
                    maxlength=MAX_REASON_CHARS.to_string()
                    autocomplete="off"
                    required=true
                    data-testid="points-reason"
                    prop:value=move || draft.reason.get()
                    on:input=move |ev| draft.reason.set(event_target_value(&ev))
                    aria-invalid=move || reason_err.get().map(|_| "true")
                    aria-describedby="points-reason-error"
                />
                <p class="field-error" id="points-reason-error" aria-live="polite">
                    {move || reason_err.get().map(|k| error_text(i18n.get_locale(), k))}
                </p>
            </div>
            <FormStatus result=outcome(action) success=saved />
            <button class="btn primary" type="submit" data-testid="points-submit" disabled=move || action.pending().get()>
                {t!(i18n, admin_people.points_submit)}
            </button>
        </form>
    }
}
