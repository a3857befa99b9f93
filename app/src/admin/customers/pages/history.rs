//! The customer's history on their page: orders, addresses, and the
//! points ledger.
use crate::accounts::Address;
use crate::admin::components::{DataTable, EmptyState};
use crate::admin::customers::{CustomerOrder, PointsEntry};
use crate::i18n::*;
use crate::orders::components::{StatusBadge, payment_text};
use crate::ui::kit::format_money;
use leptos::prelude::*;

/// Every order the customer placed, newest first.
#[component]
pub fn OrdersSection(orders: Vec<CustomerOrder>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="section" aria-labelledby="orders-title">
            <h2 id="orders-title">{t!(i18n, admin_people.orders_title)}</h2>
            {if orders.is_empty() {
                view! { <EmptyState>{t!(i18n, admin_people.no_orders)}</EmptyState> }.into_any()
            } else {
                view! {
                    <DataTable class="ap-table" testid="customer-orders-table">
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
                                let pay = o.payment_status;
                                view! {
                                    <tr data-testid="customer-order">
                                        <td><a href=format!("/admin/orders/{}", o.number)>{o.number.clone()}</a></td>
                                        <td>{o.created.clone()}</td>
                                        <td><StatusBadge status=o.status /></td>
                                        <td>{move || payment_text(i18n.get_locale(), pay)}</td>
                                        <td class="num">{format_money(o.total_minor, &o.currency)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </DataTable>
                }.into_any()
            }}
        </section>
    }
}

/// The customer's address book, the default first.
#[component]
pub fn AddressesSection(addresses: Vec<Address>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="section" aria-labelledby="addresses-title">
            <h2 id="addresses-title">{t!(i18n, admin_people.addresses_title)}</h2>
            {if addresses.is_empty() {
                view! { <EmptyState>{t!(i18n, admin_people.no_addresses)}</EmptyState> }.into_any()
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
    }
}

/// The newest entries of the points ledger.
#[component]
pub fn LedgerSection(ledger: Vec<PointsEntry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="section" aria-labelledby="ledger-title">
            <h2 id="ledger-title">{t!(i18n, admin_people.ledger_title)}</h2>
            {if ledger.is_empty() {
                view! { <EmptyState testid="ledger-empty">{t!(i18n, admin_people.no_ledger)}</EmptyState> }.into_any()
            } else {
                view! {
                    <DataTable class="ap-table" testid="points-ledger">
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
                                        <td class="ap-text">{e.reason.clone().unwrap_or_else(|| {
                                            let (kind, order) = (e.kind, e.order_number.clone());
                                            crate::loyalty::components::entry_text(i18n.get_locale_untracked(), kind, e.delta, order.as_deref())
                                        })}</td>
                                        <td class="muted">{e.staff_email.clone().unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </DataTable>
                }.into_any()
            }}
        </section>
    }
}
