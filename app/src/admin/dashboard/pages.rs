//! `/admin`: the dashboard for roles that read reports; for the others, who
//! they are and what they may do.
use super::api::load_dashboard;
use super::{Dashboard, Figures};
use crate::accounts::Permission;
use crate::admin::components::{BarChart, Bars, LineChart};
use crate::admin::shell::{AdminError, use_admin};
use crate::i18n::*;
use crate::orders::components::status_text;
use crate::ui::kit::{format_money, permission_text, role_text};
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let admin = use_admin();
    view! {
        {move || admin.0.get().map(|o| {
            let role = o.me.role;
            view! {
                <header class="page-head">
                    <h1>{t!(i18n, admin.title)}</h1>
                    <p class="muted">
                        {t!(i18n, admin.welcome, name = o.me.display_name.clone())} " · "
                        <span class="tag">{move || role_text(i18n.get_locale(), role)}</span>
                    </p>
                </header>
            }
        })}
        {move || if admin.can(Permission::ReportRead) {
            view! { <Reports /> }.into_any()
        } else {
            view! { <MyPermissions /> }.into_any()
        }}
    }
}

#[component]
fn MyPermissions() -> impl IntoView {
    let i18n = use_i18n();
    let admin = use_admin();
    view! {
        {move || admin.0.get().map(|o| {
            let c = o.counts;
            view! {
                <section class="section" aria-labelledby="stats-title">
                    <h2 id="stats-title">{t!(i18n, admin.stats_title)}</h2>
                    <dl class="stats">
                        <div><dt>{t!(i18n, admin.stat_customers)}</dt><dd>{c.customers}</dd></div>
                        <div><dt>{t!(i18n, admin.stat_staff)}</dt><dd>{c.staff}</dd></div>
                        <div><dt>{t!(i18n, admin.stat_products)}</dt><dd>{c.listed_products}</dd></div>
                        <div><dt>{t!(i18n, admin.stat_categories)}</dt><dd>{c.categories}</dd></div>
                    </dl>
                </section>
            }
        })}
        <section class="section" aria-labelledby="perms-title">
            <h2 id="perms-title">{t!(i18n, admin.your_permissions)}</h2>
            <ul class="perm-list" data-testid="my-permissions">
                {move || admin.0.get().map(|o| o.me.permissions.into_iter()
                    .map(|p| view! { <li>{move || permission_text(i18n.get_locale(), p)}</li> })
                    .collect_view())}
            </ul>
        </section>
    }
}

#[component]
fn Reports() -> impl IntoView {
    let i18n = use_i18n();
    let data = crate::ui::kit::resource(|| (), |_| load_dashboard());
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(data, move |r| match r {
                Ok(d) => view! { <DashboardView d /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn FigureCards(f: Figures, currency: String, period: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let conv = f
        .conversion_permille()
        .map(|p| format!("{}.{}%", p / 10, p % 10))
        .unwrap_or_else(|| "—".to_string());
    let id = move |name: &str| format!("fig-{period}-{name}");
    view! {
        <dl class="stats figures">
            <div><dt>{t!(i18n, admin.fig_revenue)}</dt><dd data-testid=id("revenue")>{format_money(f.revenue_minor, &currency)}</dd></div>
            <div><dt>{t!(i18n, admin.fig_orders)}</dt><dd data-testid=id("orders")>{f.sales}</dd></div>
            <div><dt>{t!(i18n, admin.fig_average)}</dt><dd data-testid=id("average")>{format_money(f.average_minor(), &currency)}</dd></div>
            <div><dt>{t!(i18n, admin.fig_new_customers)}</dt><dd data-testid=id("new-customers")>{f.new_customers}</dd></div>
            <div><dt>{t!(i18n, admin.fig_conversion)}</dt><dd data-testid=id("conversion")>{conv}</dd></div>
        </dl>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let cur = d.currency.clone();
    let locale = i18n.get_locale_untracked();
    let daily = d
        .daily
        .iter()
        .map(|p| {
            (
                p.day.clone(),
                p.revenue_minor,
                format_money(p.revenue_minor, &cur),
            )
        })
        .collect::<Vec<_>>();
    let sellers = |list: &[super::Seller]| {
        list.iter()
            .map(|s| Bars {
                label: s.name.clone(),
                value: s.units,
                display: td_string!(locale, admin.units, count = s.units).to_string(),
            })
            .collect::<Vec<_>>()
    };
    let top = sellers(&d.top);
    let slow = sellers(&d.slow);
    let statuses = d
        .by_status
        .iter()
        .map(|(s, n)| Bars {
            label: status_text(locale, *s).to_string(),
            value: *n,
            display: n.to_string(),
        })
        .collect::<Vec<_>>();
    view! {
        <section class="section" aria-labelledby="today-title">
            <h2 id="today-title">{t!(i18n, admin.today)}</h2>
            <FigureCards f=d.today.clone() currency=cur.clone() period="today" />
        </section>
        <section class="section" aria-labelledby="month-title">
            <h2 id="month-title">{t!(i18n, admin.last_30_days)}</h2>
            <FigureCards f=d.month.clone() currency=cur.clone() period="month" />
            <p class="muted small">{t!(i18n, admin.fig_definitions)}</p>
        </section>
        <section class="section chart-grid">
            <LineChart
                title=td_string!(locale, admin.chart_sales).to_string()
                points=daily
                testid="chart-sales"
                columns=(td_string!(locale, admin.day).to_string(), td_string!(locale, admin.fig_revenue).to_string())
            />
            <BarChart title=td_string!(locale, admin.chart_status).to_string() bars=statuses testid="chart-status" empty=td_string!(locale, admin.no_data).to_string() />
            <BarChart title=td_string!(locale, admin.chart_top).to_string() bars=top testid="chart-top" empty=td_string!(locale, admin.no_sales_yet).to_string() />
            <BarChart title=td_string!(locale, admin.chart_slow).to_string() bars=slow testid="chart-slow" empty=td_string!(locale, admin.no_data).to_string() />
        </section>
        <section class="section two-col">
            <div>
                <h2>
                    {t!(i18n, admin.to_ship_title)} " "
                    <span class="badge" data-testid="to-ship-count">{d.to_ship_count}</span>
                </h2>
                {if d.to_ship.is_empty() {
                    view! { <p class="muted">{t!(i18n, admin.nothing_to_ship)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="admin-cards">
                            {d.to_ship.into_iter().map(|o| {
                                let href = format!("/admin/orders/{}", o.number);
                                let hours = o.waiting_hours;
                                view! {
                                    <li class="admin-card">
                                        <a href=href>{o.number.clone()}</a>
                                        <span>{o.customer}</span>
                                        <span>{format_money(o.total_minor, &o.currency)}</span>
                                        <span class="muted">{move || td_string!(i18n.get_locale(), admin.waiting_hours, count = hours).to_string()}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </div>
            <div>
                <h2>
                    {t!(i18n, admin.low_stock_title)} " "
                    <span class="badge" data-testid="low-stock-count">{d.low_stock_count}</span>
                </h2>
                {if d.low_stock.is_empty() {
                    view! { <p class="muted">{t!(i18n, admin.no_low_stock)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="admin-cards">
                            {d.low_stock.into_iter().map(|v| {
                                let (stock, safety) = (v.stock, v.safety_stock);
                                view! {
                                    <li class="admin-card">
                                        <a href=format!("/admin/inventory?q={}", v.sku)>{v.sku.clone()}</a>
                                        <span>{v.name}</span>
                                        <span class:danger=stock == 0>{move || td_string!(i18n.get_locale(), admin.stock_of_safety, stock = stock, safety = safety).to_string()}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <a class="btn small" href="/admin/inventory?low=1">{t!(i18n, admin.see_all_low)}</a>
                    }.into_any()
                }}
            </div>
        </section>
    }
}
