//! /admin/insights: the last 7, 30 or 90 days of storefront searches: the
//! most searched queries, and those that found nothing. Every query links
//! to the storefront's own results for it.
use super::api::load_insights;
use super::{PERIODS, SearchInsights, search_href};
use crate::admin::components::{DataTable, EmptyState};
use crate::admin::shell::AdminError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn InsightsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let days = move || {
        query.with(|m| {
            m.get("days")
                .and_then(|d| d.parse::<i32>().ok())
                .filter(|d| PERIODS.contains(d))
                .unwrap_or(PERIODS[0])
        })
    };
    let data = crate::ui::kit::resource(days, load_insights);
    view! {
        <header class="page-head">
            <h1>{t!(i18n, admin_people.insights_title)}</h1>
            <p class="muted">{t!(i18n, admin_people.insights_intro)}</p>
        </header>
        <nav class="ap-tabs" aria-label=move || td_string!(i18n.get_locale(), admin_people.period_label)>
            {PERIODS.into_iter().map(|d| view! {
                <a
                    class="chip"
                    class:on=move || days() == d
                    href=format!("/admin/insights?days={d}")
                    aria-current=move || (days() == d).then_some("page")
                    data-testid=format!("days-{d}")
                >
                    {move || td_string!(i18n.get_locale(), admin_people.last_n_days, days = d).to_string()}
                </a>
            }).collect_view()}
        </nav>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(data, move |r| match r {
                Ok(s) => view! { <InsightTables s /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn InsightTables(s: SearchInsights) -> impl IntoView {
    let i18n = use_i18n();
    let (searches, misses) = (s.searches, s.zero_result_searches);
    view! {
        <dl class="stats ap-stats" data-testid="insights-totals" data-days=s.days.to_string()>
            <div><dt>{t!(i18n, admin_people.total_searches)}</dt><dd data-testid="total-searches">{searches}</dd></div>
            <div><dt>{t!(i18n, admin_people.zero_result_searches)}</dt><dd data-testid="zero-result-searches">{misses}</dd></div>
        </dl>
        <section class="section" aria-labelledby="top-queries-title">
            <h2 id="top-queries-title">{t!(i18n, admin_people.top_queries_title)}</h2>
            {if s.top.is_empty() {
                view! { <EmptyState>{t!(i18n, admin_people.no_searches)}</EmptyState> }.into_any()
            } else {
                view! {
                    <DataTable class="ap-table" testid="top-queries">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, admin_people.col_query)}</th>
                                <th scope="col" class="num">{t!(i18n, admin_people.col_searches)}</th>
                                <th scope="col" class="num">{t!(i18n, admin_people.col_avg_results)}</th>
                                <th scope="col">{t!(i18n, admin_people.col_last_searched)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {s.top.into_iter().map(|q| view! {
                                <tr data-testid="top-query" data-query=q.query.clone()>
                                    <td class="ap-text"><a href=search_href(&q.query)>{q.query.clone()}</a></td>
                                    <td class="num">{q.searches}</td>
                                    <td class="num">{format!("{:.1}", q.avg_results)}</td>
                                    <td>{q.last_searched.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </DataTable>
                }.into_any()
            }}
        </section>
        <section class="section" aria-labelledby="zero-queries-title">
            <h2 id="zero-queries-title">{t!(i18n, admin_people.zero_queries_title)}</h2>
            <p class="muted">{t!(i18n, admin_people.zero_queries_help)}</p>
            {if s.zero_results.is_empty() {
                view! { <EmptyState testid="no-zero-queries">{t!(i18n, admin_people.no_zero_queries)}</EmptyState> }.into_any()
            } else {
                view! {
                    <DataTable class="ap-table" testid="zero-queries">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, admin_people.col_query)}</th>
                                <th scope="col" class="num">{t!(i18n, admin_people.col_searches)}</th>
                                <th scope="col">{t!(i18n, admin_people.col_last_searched)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {s.zero_results.into_iter().map(|q| view! {
                                <tr data-testid="zero-query" data-query=q.query.clone()>
                                    <td class="ap-text"><a href=search_href(&q.query)>{q.query.clone()}</a></td>
                                    <td class="num">{q.searches}</td>
                                    <td>{q.last_searched.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </DataTable>
                }.into_any()
            }}
        </section>
    }
}
