//! `/admin/tickets`: the queue, filtered in the URL by status, topic,
//! assignee and SLA, overdue first; `/admin/tickets/report`: ratings per
//! agent and per topic; `/admin/tickets/:number`: one ticket (`detail`).
use super::api::{admin_ticket_report, admin_tickets};
use super::{QueueItem, QueueQuery, RatingLine};
use crate::accounts::Permission;
use crate::admin::components::{DataTable, EmptyState, filter_href};
use crate::admin::shell::{AdminError, use_admin};
use crate::i18n::*;
use crate::tickets::components::{TicketBadge, category_text, priority_text, sla_text};
use crate::tickets::{Priority, SlaState, TicketCategory, TicketStatus};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

pub use super::detail::AdminTicketPage;

const FILTERS: [&str; 4] = ["status", "category", "assignee", "sla"];

/// `/admin/tickets` and `/admin/tickets/:number`.
#[component]
pub fn AdminTicketPages() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("number")) {
        None => view! { <TicketQueuePage /> }.into_any(),
        Some(n) if n == "report" => view! { <ReportPage /> }.into_any(),
        Some(_) => view! { <AdminTicketPage /> }.into_any(),
    }
}

#[component]
fn TicketQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let read = move || {
        query.with(|q| QueueQuery {
            status: q.get("status").unwrap_or_default(),
            category: q.get("category").unwrap_or_default(),
            assignee: q.get("assignee").unwrap_or_default(),
            sla: q.get("sla").unwrap_or_default(),
        })
    };
    let rows = crate::ui::kit::resource(read, admin_tickets);
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        navigate(
            &filter_href(&ev, "/admin/tickets", &FILTERS),
            Default::default(),
        );
    };
    let current = read();
    let chosen = move |now: &str, value: &str| now == value;
    view! {
        <header class="page-head">
            <h1>{t!(i18n, tickets.staff_title)}</h1>
            {use_admin().can(Permission::TicketReport).then(|| view! {
                <a class="btn" href="/admin/tickets/report">{t!(i18n, tickets.report_title)}</a>
            })}
        </header>
        <form class="filter-bar" on:submit=on_submit role="search">
            <label>
                <span>{t!(i18n, admin.filter_status)}</span>
                <select name="status">
                    <option value="" selected=current.status.is_empty()>{t!(i18n, admin.all)}</option>
                    {TicketStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=chosen(&current.status, s.as_str())>
                            {move || crate::tickets::components::status_text(i18n.get_locale(), s, true)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{t!(i18n, tickets.category)}</span>
                <select name="category">
                    <option value="" selected=current.category.is_empty()>{t!(i18n, admin.all)}</option>
                    {TicketCategory::ALL.into_iter().map(|c| view! {
                        <option value=c.as_str() selected=chosen(&current.category, c.as_str())>{move || category_text(i18n.get_locale(), c)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{t!(i18n, tickets.staff_assignee)}</span>
                <select name="assignee">
                    <option value="" selected=current.assignee.is_empty()>{t!(i18n, admin.all)}</option>
                    <option value="me" selected=current.assignee == "me">{t!(i18n, tickets.assignee_me)}</option>
                    <option value="nobody" selected=current.assignee == "nobody">{t!(i18n, tickets.assignee_nobody)}</option>
                </select>
            </label>
            <label>
                <span>{t!(i18n, tickets.staff_sla)}</span>
                <select name="sla">
                    <option value="" selected=current.sla.is_empty()>{t!(i18n, admin.all)}</option>
                    {[SlaState::Overdue, SlaState::OnTime, SlaState::Paused].into_iter().map(|s| view! {
                        <option value=s.as_str() selected=chosen(&current.sla, s.as_str())>{move || sla_text(i18n.get_locale(), s)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button class="btn primary" type="submit">{t!(i18n, admin.search)}</button>
        </form>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(rows, move |r| match r {
                Ok(list) if list.is_empty() => view! { <EmptyState testid="tickets-empty">{t!(i18n, tickets.staff_empty)}</EmptyState> }.into_any(),
                Ok(list) => view! {
                    <ul class="admin-cards" data-testid="ticket-queue">
                        {list.into_iter().map(|r| view! { <QueueCard r /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn QueueCard(r: QueueItem) -> impl IntoView {
    let i18n = use_i18n();
    let (category, priority, sla) = (r.category, r.priority, r.sla);
    let due = r.due.clone();
    let urgent = matches!(priority, Priority::High | Priority::Urgent);
    view! {
        <li class="admin-card order-row" data-testid=format!("ticket-{}", r.number)>
            <a class="strong" href=format!("/admin/tickets/{}", r.number)>{r.subject.clone()}</a>
            <span class="muted">{r.number.clone()}</span>
            <TicketBadge status=r.status staff=true />
            <span class="tag">{move || category_text(i18n.get_locale(), category)}</span>
            <span class=if urgent { "tag danger" } else { "tag" }>{move || priority_text(i18n.get_locale(), priority)}</span>
            <span class=if sla == SlaState::Overdue { "tag danger" } else { "muted" } data-testid="ticket-sla">
                {move || sla_text(i18n.get_locale(), sla)}
                {(sla != SlaState::Paused).then(|| {
                    let due = due.clone();
                    move || format!(" · {}", td_string!(i18n.get_locale(), tickets.staff_due, at = due.clone()))
                })}
            </span>
            <span>{r.customer.clone()}</span>
            <span class="muted">{r.assignee.clone().unwrap_or_else(|| "—".into())}</span>
        </li>
    }
}

#[component]
fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let days = move || {
        query
            .with(|q| q.get("days").and_then(|d| d.parse().ok()))
            .unwrap_or(30)
    };
    let report = crate::ui::kit::resource(days, admin_ticket_report);
    view! {
        <header class="page-head">
            <h1>{t!(i18n, tickets.report_title)}</h1>
            <p class="muted">{move || td_string!(i18n.get_locale(), tickets.report_days, n = days()).to_string()}</p>
        </header>
        <nav class="chips" aria-label=move || td_string!(i18n.get_locale(), tickets.report_title)>
            {[7, 30, 90].into_iter().map(|n| view! {
                <a class="chip" class:on=move || days() == n href=format!("/admin/tickets/report?days={n}")
                    aria-current=move || (days() == n).then_some("page")>
                    {move || td_string!(i18n.get_locale(), tickets.report_days, n = n).to_string()}
                </a>
            }).collect_view()}
        </nav>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(report, move |r| match r {
                Ok(r) if r.by_category.is_empty() => view! { <EmptyState testid="report-empty">{t!(i18n, tickets.report_empty)}</EmptyState> }.into_any(),
                Ok(r) => view! {
                    <h2>{t!(i18n, tickets.report_by_agent)}</h2>
                    <RatingTable lines=r.by_agent category=false />
                    <h2>{t!(i18n, tickets.report_by_category)}</h2>
                    <RatingTable lines=r.by_category category=true />
                }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
        <p class="back-link"><a href="/admin/tickets">{t!(i18n, tickets.back_to_queue)}</a></p>
    }
}

#[component]
fn RatingTable(lines: Vec<RatingLine>, category: bool) -> impl IntoView {
    let i18n = use_i18n();
    let testid = if category {
        "report-categories"
    } else {
        "report-agents"
    };
    view! {
        <DataTable testid=testid>
                <thead>
                    <tr>
                        <th scope="col">{move || if category {
                            td_string!(i18n.get_locale(), tickets.category)
                        } else {
                            td_string!(i18n.get_locale(), tickets.staff_assignee)
                        }}</th>
                        <th scope="col">{t!(i18n, tickets.report_resolved)}</th>
                        <th scope="col">{t!(i18n, tickets.report_rated)}</th>
                        <th scope="col">{t!(i18n, tickets.report_average)}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let name = l.name.clone();
                        let label = move || match (category, TicketCategory::parse(&name)) {
                            (true, Some(c)) => category_text(i18n.get_locale(), c).to_string(),
                            (false, _) if name.is_empty() => td_string!(i18n.get_locale(), tickets.assignee_nobody).to_string(),
                            _ => name.clone(),
                        };
                        view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td>{l.resolved}</td>
                                <td>{l.rated}</td>
                                <td>{l.average.clone().unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
        </DataTable>
    }
}
