//! /orders: the signed-in shopper's orders, newest first.
use crate::error::AppError;
use crate::i18n::*;
use crate::media::{ImageSize, image_url};
use crate::orders::api::my_orders;
use crate::orders::components::{PaymentBadge, StatusBadge};
use crate::ui::kit::{ErrorNote, Seo, format_money, use_auth};
use leptos::prelude::*;

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let orders = crate::ui::kit::resource(move || auth.version(), |_| my_orders());
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), orders.list_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/orders"
        />
        <section class="orders-page">
            <h1>{t!(i18n, orders.list_title)}</h1>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {crate::ui::kit::drawn(orders, move |r| match r {
                    Ok(list) if list.is_empty() => view! {
                        <div class="message-page">
                            <p class="lead">{t!(i18n, orders.none_yet)}</p>
                            <a class="btn primary" href="/">{t!(i18n, common.continue_shopping)}</a>
                        </div>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="order-list">
                            {list.into_iter().map(|o| {
                                let count = o.items;
                                view! {
                                    <li>
                                        <a class="order-row" href=format!("/orders/{}", o.number) data-testid="order-row">
                                            <span class="thumb">{o.first_image.as_ref().map(|sha| view! {
                                                <img src=image_url(sha, ImageSize::Thumb, true) alt="" width="64" height="64" loading="lazy" />
                                            })}</span>
                                            <span class="order-main">
                                                <strong>{o.first_name.clone()}</strong>
                                                <span class="muted">{move || td_string!(i18n.get_locale(), orders.n_items, count = count).to_string()}</span>
                                                <span class="muted">{format!("{} · {}", o.number, o.placed_at)}</span>
                                            </span>
                                            <span class="order-side">
                                                <span class="order-badges">
                                                    <StatusBadge status=o.status />
                                                    <PaymentBadge status=o.payment_status />
                                                </span>
                                                <strong>{format_money(o.total_minor, &o.currency)}</strong>
                                            </span>
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p><a class="btn primary" href="/sign-in?next=/orders">{t!(i18n, common.sign_in)}</a></p>
                    }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
