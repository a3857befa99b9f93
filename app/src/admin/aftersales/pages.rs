//! `/admin/after-sales`: the queue, filtered in the URL by state, kind and
//! deadline, oldest deadline first, with bulk approval of new requests.
use super::api::{after_sales_queue, approve_after_sales};
use crate::admin::components::{EmptyState, filter_href};
use crate::admin::orders::pages::Pager;
use crate::admin::shell::{AdminError, use_admin};
use crate::aftersales::complaint::ComplaintStatus;
use crate::aftersales::components::{
    RequestBadge, complaint_text, kind_text, refusal_text, time_left,
};
use crate::aftersales::queue::{BulkResult, QUEUE_PAGE, QueueQuery, QueueRow};
use crate::aftersales::{RequestKind, RequestStatus};
use crate::error::AppError;
use crate::i18n::*;
use crate::text::url_encode;
use crate::ui::kit::format_money;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::collections::BTreeSet;

pub use super::request::AdminAfterSalesPage;

const FILTERS: [&str; 4] = ["status", "kind", "due", "complaint"];

#[component]
pub fn AfterSalesQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let read = move || {
        query.with(|q| QueueQuery {
            status: q.get("status").unwrap_or_default(),
            kind: q.get("kind").unwrap_or_default(),
            due: q.get("due").unwrap_or_default(),
            complaint: q.get("complaint").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    };
    let version = RwSignal::new(0u32);
    // Kept above the list, which is drawn again once approval reloads it.
    let outcome = RwSignal::new(None::<Result<BulkResult, AppError>>);
    let results = crate::ui::kit::resource(
        move || (read(), version.get()),
        |(q, _)| after_sales_queue(q),
    );
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        navigate(
            &filter_href(&ev, "/admin/after-sales", &FILTERS),
            Default::default(),
        );
    };
    let current = read();
    view! {
        <header class="page-head">
            <h1>{t!(i18n, aftersales.staff_title)}</h1>
            {use_admin().can(crate::accounts::Permission::AfterSalesComplaints).then(|| view! {
                <a class="btn" href="/admin/after-sales?complaint=open">{t!(i18n, aftersales.complaints_queue)}</a>
            })}
            {use_admin().can(crate::accounts::Permission::AfterSalesConfigure).then(|| view! {
                <a class="btn" href="/admin/after-sales/settings">{t!(i18n, aftersales.settings_title)}</a>
            })}
        </header>
        <form class="filter-bar" on:submit=on_submit role="search">
            <label>
                <span>{t!(i18n, admin.filter_status)}</span>
                <select name="status">
                    <option value="" selected=current.status.is_empty()>{t!(i18n, admin.all)}</option>
                    {RequestStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=current.status == s.as_str()>{move || crate::aftersales::components::status_text(i18n.get_locale(), s)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{t!(i18n, aftersales.kind)}</span>
                <select name="kind">
                    <option value="" selected=current.kind.is_empty()>{t!(i18n, admin.all)}</option>
                    {RequestKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=current.kind == k.as_str()>{move || kind_text(i18n.get_locale(), k)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{t!(i18n, aftersales.staff_due)}</span>
                <select name="due">
                    <option value="" selected=current.due.is_empty()>{t!(i18n, admin.all)}</option>
                    <option value="overdue" selected=current.due == "overdue">{t!(i18n, aftersales.staff_due_overdue)}</option>
                    <option value="day" selected=current.due == "day">{t!(i18n, aftersales.staff_due_day)}</option>
                </select>
            </label>
            <label>
                <span>{t!(i18n, aftersales.complaint)}</span>
                <select name="complaint">
                    <option value="" selected=current.complaint.is_empty()>{t!(i18n, admin.all)}</option>
                    <option value="open" selected=current.complaint == "open">{t!(i18n, aftersales.complaint_open)}</option>
                </select>
            </label>
            <button class="btn primary" type="submit">{t!(i18n, admin.search)}</button>
        </form>
        {move || outcome.get().map(|r| match r {
            Ok(b) => view! {
                <p class="form-status ok" role="status" data-testid="bulk-result">
                    {move || td_string!(i18n.get_locale(), aftersales.staff_bulk_done, approved = b.approved.len(), skipped = b.skipped.len()).to_string()}
                </p>
            }.into_any(),
            Err(e) => view! { <p class="form-status error" role="alert">{move || refusal_text(i18n.get_locale(), e.key())}</p> }.into_any(),
        })}
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(results, move |r| match r {
                Ok(list) if list.rows.is_empty() => view! { <EmptyState testid="after-sales-empty">{t!(i18n, aftersales.staff_empty)}</EmptyState> }.into_any(),
                Ok(list) => {
                    let page = read().page;
                    let more = (page + 1) * QUEUE_PAGE < list.total;
                    view! {
                        <QueueList rows=list.rows version outcome />
                        <Pager page more base=move || page_base(&query.get()) />
                    }.into_any()
                }
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

fn page_base(q: &leptos_router::params::ParamsMap) -> String {
    let parts: Vec<String> = FILTERS
        .into_iter()
        .filter_map(|k| {
            q.get(k)
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", url_encode(&v)))
        })
        .collect();
    format!("/admin/after-sales?{}", parts.join("&"))
}

/// The rows, with a check box on each new request and one button to
/// approve those checked.
#[component]
fn QueueList(
    rows: Vec<QueueRow>,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Result<BulkResult, AppError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let busy = RwSignal::new(false);
    let approve = move |_| {
        let numbers: Vec<String> = chosen.get_untracked().into_iter().collect();
        busy.set(true);
        spawn_local(async move {
            let r = approve_after_sales(numbers, 0, String::new()).await;
            busy.set(false);
            if r.is_ok() {
                chosen.set(BTreeSet::new());
                version.update(|v| *v += 1);
            }
            outcome.set(Some(r));
        });
    };
    let any_new = rows.iter().any(|r| r.status == RequestStatus::Requested);
    view! {
        {any_new.then(|| view! {
            <div class="bulk-bar">
                <button class="btn primary" type="button" on:click=approve
                    disabled=move || busy.get() || chosen.with(|c| c.is_empty())>
                    {move || td_string!(i18n.get_locale(), aftersales.staff_bulk_approve, n = chosen.with(|c| c.len())).to_string()}
                </button>
            </div>
        })}
        <ul class="admin-cards" data-testid="after-sales-queue">
            {rows.into_iter().map(|r| view! { <QueueCard r chosen /> }).collect_view()}
        </ul>
    }
}

#[component]
fn QueueCard(r: QueueRow, chosen: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = r.kind;
    let number = r.number.clone();
    let pick = r.status == RequestStatus::Requested;
    let n = number.clone();
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        chosen.update(|c| {
            if on {
                c.insert(n.clone());
            } else {
                c.remove(&n);
            }
        });
    };
    let label = number.clone();
    let units = r.units;
    view! {
        <li class="admin-card order-row" data-testid=format!("request-{number}")>
            {pick.then(|| view! {
                <input type="checkbox" on:change=toggle
                    aria-label=move || td_string!(i18n.get_locale(), aftersales.staff_select, number = label.clone()).to_string() />
            })}
            <a class="strong" href=format!("/admin/after-sales/{number}")>{number.clone()}</a>
            <RequestBadge status=r.status />
            <span class="tag">{move || kind_text(i18n.get_locale(), kind)}</span>
            {r.complaint.map(|c| view! {
                <span class=if c == ComplaintStatus::Open { "tag danger" } else { "tag" } data-testid="queue-complaint">
                    {move || complaint_text(i18n.get_locale(), c)}
                </span>
            })}
            <span>{r.customer.clone()}</span>
            <span>{r.first_item.clone()} " " {move || td_string!(i18n.get_locale(), aftersales.qty_times, qty = units).to_string()}</span>
            {(r.refund_minor > 0).then(|| view! { <span>{format_money(r.refund_minor, &r.currency)}</span> })}
            {r.deadline.clone().map(|at| {
                let left = r.seconds_left.unwrap_or(0);
                view! {
                    <span class=if left <= 0 { "tag danger" } else { "muted" } data-testid="queue-deadline">
                        {move || td_string!(i18n.get_locale(), aftersales.staff_deadline, at = at.clone(), left = time_left(i18n.get_locale(), left)).to_string()}
                    </span>
                }
            })}
        </li>
    }
}
