//! /admin/customers: the search form, a page of results, and the pager.
use super::level_text;
use crate::admin::components::{DataTable, EmptyState};
use crate::admin::customers::CustomerList;
use crate::admin::customers::api::admin_customers;
use crate::admin::shell::AdminError;
use crate::i18n::*;
use crate::text::url_encode;
use crate::ui::kit::format_money;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

fn page_href(q: &str, page: i64) -> String {
    if q.is_empty() {
        format!("/admin/customers?page={page}")
    } else {
        format!("/admin/customers?q={}&page={page}", url_encode(q))
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
    let list =
        crate::ui::kit::resource(move || (q(), page()), |(q, page)| admin_customers(q, page));
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
            {crate::ui::kit::drawn(list, move |r| match r {
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
            <EmptyState testid="no-customers">{t!(i18n, admin_people.no_customers)}</EmptyState>
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
        <DataTable class="ap-table" testid="customer-results">
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
        </DataTable>
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
