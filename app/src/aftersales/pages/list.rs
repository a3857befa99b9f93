//! /after-sales: the shopper's requests, newest first, each with its state
//! and the time left on its current deadline; with `?order=N&t=…` (a guest
//! order's link), that order's requests.
use crate::aftersales::api::my_after_sales;
use crate::aftersales::components::{Deadline, RequestBadge, kind_text};
use crate::error::AppError;
use crate::i18n::*;
use crate::media::{ImageSize, image_url};
use crate::ui::kit::{ErrorNote, Seo, format_money, use_auth};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AfterSalesListPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let query = use_query_map();
    let guest = move || query.with(|q| (q.get("order"), q.get("t")));
    let list = crate::ui::kit::resource(
        move || (auth.version(), guest()),
        |(_, (order, t))| my_after_sales(order, t),
    );
    // Where "no requests yet" sends the shopper: their orders, or a
    // guest's one order.
    let orders = move || match guest() {
        (Some(n), Some(t)) => crate::orders::order_href(&n, Some(&t)),
        _ => "/orders".to_string(),
    };
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), aftersales.list_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/after-sales"
        />
        <section class="orders-page after-sales">
            <h1>{t!(i18n, aftersales.list_title)}</h1>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {crate::ui::kit::drawn(list, move |r| match r {
                    Ok(list) if list.is_empty() => view! {
                        <div class="message-page">
                            <p class="lead">{t!(i18n, aftersales.none_yet)}</p>
                            <a class="btn" href=orders>{t!(i18n, orders.list_title)}</a>
                        </div>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="order-list">
                            {list.into_iter().map(|r| {
                                let kind = r.kind;
                                view! {
                                    <li>
                                        <a class="order-row" href=r.href() data-testid="request-row">
                                            <span class="thumb">{r.first_image.as_ref().map(|sha| view! {
                                                <img src=image_url(sha, ImageSize::Thumb, true) alt="" width="64" height="64" loading="lazy" />
                                            })}</span>
                                            <span class="order-main">
                                                <strong>{format!("{} × {}", r.first_item, r.first_qty)}</strong>
                                                <span class="muted">{move || kind_text(i18n.get_locale(), kind)}</span>
                                                <span class="muted">{format!("{} · {}", r.number, r.opened_at)}</span>
                                            </span>
                                            <span class="order-side">
                                                <RequestBadge status=r.status />
                                                {r.refund_due().then(|| view! { <strong>{format_money(r.refund_minor, &r.currency)}</strong> })}
                                            </span>
                                        </a>
                                        {r.deadline.clone().map(|at| view! {
                                            <Deadline status=r.status kind=kind at=at seconds_left=r.seconds_left.unwrap_or(0) />
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p><a class="btn primary" href="/sign-in?next=/after-sales">{t!(i18n, common.sign_in)}</a></p>
                    }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
