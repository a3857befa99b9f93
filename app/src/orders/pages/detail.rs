//! /orders/:number: status, what to do next (pay, cancel, confirm receipt),
//! the items, the price breakdown, delivery and the timeline. A guest opens
//! it with the link's secret (`?t=`).
use crate::error::AppError;
use crate::i18n::*;
use crate::media::{ImageSize, NoPicture, image_url};
use crate::orders::api::{cancel_order, confirm_receipt, get_order, pay_order};
use crate::orders::components::{PaymentBadge, ReviewForm, StatusBadge, Timeline};
use crate::orders::{OrderDetail, OrderItemView};
use crate::ui::kit::{ErrorNote, NotFound, Seo, error_text, format_money};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let token = move || query.with(|q| q.get("t"));
    let version = RwSignal::new(0u32);
    let order = crate::ui::kit::resource(
        move || (number(), token(), version.get()),
        |(n, t, _)| get_order(n, t),
    );
    // Payment is confirmed by the provider's notification, which may land
    // a moment after the shopper returns: look again a few times.
    Effect::new(move |polls: Option<u32>| {
        let polls = polls.unwrap_or(0);
        let waiting = order
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|o| o.can_pay());
        if waiting && polls < 10 {
            set_timeout(
                move || version.update(|v| *v += 1),
                std::time::Duration::from_millis(1500),
            );
            polls + 1
        } else {
            polls
        }
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(order, move |r| match r {
                Ok(o) => order_view(o, token(), version).into_any(),
                Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(AppError::Unauthenticated) => view! { <NotFound /> }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}

fn order_view(o: OrderDetail, token: Option<String>, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let confirming_cancel = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let number = o.number.clone();
    // A guest's after-sales links carry their order link's secret.
    let guest_link = token.clone().filter(|_| o.guest);
    let run = move |which: &'static str| {
        let (number, token) = (number.clone(), token.clone());
        busy.set(true);
        spawn_local(async move {
            let result = match which {
                "cancel" => cancel_order(number, token).await,
                "confirm" => confirm_receipt(number, token).await,
                _ => match pay_order(number, token).await {
                    Ok(url) => {
                        let _ = window().location().set_href(&url);
                        Ok(())
                    }
                    Err(e) => Err(e),
                },
            };
            busy.set(false);
            match result {
                Ok(()) => {
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let (run2, run3, run4) = (run.clone(), run.clone(), run.clone());
    let can_review = o.can_review();
    let after_sales = o.after_sales_open();
    let requests_href = match &guest_link {
        Some(t) => format!("/after-sales?order={}&t={t}", o.number),
        None => "/after-sales".to_string(),
    };
    let t_param = guest_link.map(|t| format!("&t={t}")).unwrap_or_default();
    // A question about the order goes to customer service as a ticket.
    let ask_href = format!("/tickets/new?order={}{t_param}", o.number);
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), orders.detail_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/orders"
        />
        // A div: inside a section the summary aside is no complementary landmark.
        <div class="order-page">
            <header class="order-head">
                <h1>{t!(i18n, orders.detail_title)}</h1>
                <p class="muted">{t!(i18n, orders.number)}" "<span data-testid="order-number">{o.number.clone()}</span>" · "{o.placed_at.clone()}</p>
                <p>
                    <StatusBadge status=o.status />
                    " "
                    <PaymentBadge status=o.payment_status />
                </p>
            </header>
            {move || error.get().map(|e| view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p> })}
            <ReviewOutcome />
            {o.guest.then(|| view! { <p class="hint-line" data-testid="guest-link-note">{t!(i18n, orders.guest_link_note)}</p> })}
            <div class="order-actions">
                {o.can_pay().then(|| view! {
                    <button class="btn primary" data-testid="pay-now" disabled=move || busy.get() on:click=move |_| run2("pay")>{t!(i18n, orders.pay_now)}</button>
                })}
                {o.can_confirm().then(|| view! {
                    <button class="btn primary" data-testid="confirm-receipt" disabled=move || busy.get() on:click=move |_| run3("confirm")>{t!(i18n, orders.confirm_receipt)}</button>
                })}
                {o.can_cancel().then(|| view! {
                    <Show when=move || confirming_cancel.get() fallback=move || view! {
                        <button class="btn" data-testid="cancel-order" on:click=move |_| confirming_cancel.set(true)>{t!(i18n, orders.cancel)}</button>
                    }>
                        <p class="confirm-box" role="alertdialog">
                            <span>{t!(i18n, orders.cancel_confirm)}</span>
                            <button class="btn danger" data-testid="cancel-yes" disabled=move || busy.get() on:click={let r = run4.clone(); move |_| r("cancel")}>{t!(i18n, orders.cancel_yes)}</button>
                            <button class="btn" on:click=move |_| confirming_cancel.set(false)>{t!(i18n, orders.cancel_no)}</button>
                        </p>
                    </Show>
                })}
                <a class="btn" href=ask_href data-testid="ask-about-order">{t!(i18n, tickets.ask_about_order)}</a>
            </div>
            <div class="order-layout">
                <div>
                    <h2>{t!(i18n, orders.items)}</h2>
                    <ul class="cart-lines">
                        {o.items.iter().map(|it| {
                            let href = it.product_slug.as_ref().map(|s| format!("/p/{s}"));
                            view! {
                                <li class="cart-line order-line" data-testid="order-item">
                                    <span class="thumb">{match (it.image.as_ref(), it.product_slug.clone()) {
                                        (Some(sha), _) => view! {
                                            <img src=image_url(sha, ImageSize::Thumb, true) alt="" width="80" height="80" loading="lazy" />
                                        }.into_any(),
                                        (None, Some(slug)) => view! { <NoPicture slug=slug side=80 /> }.into_any(),
                                        (None, None) => ().into_any(),
                                    }}</span>
                                    <div class="line-info">
                                        {match href {
                                            Some(h) => view! { <a class="line-name" href=h>{it.name.clone()}</a> }.into_any(),
                                            None => view! { <span class="line-name">{it.name.clone()}</span> }.into_any(),
                                        }}
                                        <p class="muted line-options">{it.options.clone()}</p>
                                        {line_money(it, &o.currency)}
                                    </div>
                                    {(can_review && it.reviewed).then(|| view! {
                                        <p class="review-done chip" data-testid="reviewed">{t!(i18n, orders.reviewed)}</p>
                                    })}
                                    {(can_review && !it.reviewed).then(|| view! { <ReviewForm order_item_id=it.id /> })}
                                    {after_sales.then(|| {
                                        let name = it.name.clone();
                                        view! {
                                            <a
                                                class="btn small"
                                                href=format!("/orders/{}/after-sales?line={}{t_param}", o.number, it.id)
                                                aria-label=move || td_string!(i18n.get_locale(), aftersales.apply_label, name = name.clone()).to_string()
                                                data-testid="after-sales-link"
                                            >{t!(i18n, aftersales.apply)}</a>
                                        }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {after_sales.then(|| view! { <p class="back-link"><a href=requests_href>{t!(i18n, aftersales.view_requests)}</a></p> })}
                    <h2>{t!(i18n, orders.history)}</h2>
                    <Timeline events=o.events.clone() />
                </div>
                {order_aside(&o)}
            </div>
        </div>
    }
}

/// The price breakdown, where the order goes, and the carrier's scans.
fn order_aside(o: &OrderDetail) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let cur = o.currency.clone();
    let money = move |m: i64| format_money(m, &cur);
    let m = money.clone();
    let ship = o.ship_to.clone();
    view! {
        <aside class="cart-aside">
            <dl class="summary">
                <div><dt>{t!(i18n, cart.subtotal)}</dt><dd>{m(o.list_minor)}</dd></div>
                {(o.sale_savings_minor > 0).then(|| { let m = money.clone(); view! {
                    <div class="saving"><dt>{t!(i18n, cart.sale_savings)}</dt><dd>{format!("−{}", m(o.sale_savings_minor))}</dd></div>
                }})}
                {o.discounts.iter().map(|(label, amount)| { let m = money.clone(); view! {
                    <div class="saving" data-testid="order-discount"><dt>{label.clone()}</dt><dd>{format!("−{}", m(*amount))}</dd></div>
                }}).collect_view()}
                {(o.points_spent > 0).then(|| { let m = money.clone(); let points = o.points_spent.to_string(); view! {
                    <div class="saving" data-testid="order-points">
                        <dt>{move || td_string!(i18n.get_locale(), cart.points_line, points = points.clone()).to_string()}</dt>
                        <dd>{format!("−{}", m(o.points_minor))}</dd>
                    </div>
                }})}
                <div><dt>{t!(i18n, cart.shipping)}</dt><dd>{
                    let m = money.clone();
                    let s = o.shipping_minor;
                    move || if s == 0 { td_string!(i18n.get_locale(), cart.free).to_string() } else { m(s) }
                }</dd></div>
                <div class="total"><dt>{t!(i18n, cart.total)}</dt><dd data-testid="order-total">{money(o.total_minor)}</dd></div>
                {(o.refunded_minor > 0).then(|| { let m = money.clone(); view! {
                    <div class="refunded"><dt>{t!(i18n, orders.refunded)}</dt><dd data-testid="order-refunded">{m(o.refunded_minor)}</dd></div>
                }})}
            </dl>
            <h2>{t!(i18n, orders.delivery)}</h2>
            <address class="ship-to">
                <strong>{ship.recipient.clone()}</strong>" "{ship.phone.clone()}<br />
                {ship.region.clone()}" "{ship.line1.clone()}
                {ship.postal_code.clone().map(|p| format!(" {p}"))}
            </address>
            {o.tracking_number.clone().map(|n| view! {
                <p data-testid="tracking">
                    {t!(i18n, orders.carrier)}{t!(i18n, common.colon)}{o.carrier.clone().unwrap_or_default()}<br />
                    {t!(i18n, orders.tracking_number)}{t!(i18n, common.colon)}<strong>{n}</strong>
                </p>
            })}
            {(!o.tracking.is_empty()).then(|| view! {
                <ol class="tracking-events">
                    {o.tracking.iter().map(|e| view! {
                        <li><time>{e.at.clone()}</time>" "{e.location.clone()}" "{e.description.clone()}</li>
                    }).collect_view()}
                </ol>
            })}
        </aside>
    }
}

/// One line's money, labelled so it adds up on its face: the list price
/// times the quantity, what sales and the order's discounts took off it, and
/// what was paid for it.
fn line_money(it: &OrderItemView, currency: &str) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let money = |m: i64| format_money(m, currency);
    let list = it.unit_minor * i64::from(it.qty);
    let off = list - it.paid_minor;
    view! {
        <dl class="line-money" data-testid="line-money">
            <div>
                <dt>{t!(i18n, orders.line_list)}</dt>
                <dd>
                    <span data-testid="line-unit">{money(it.unit_minor)}</span>
                    " × "<span data-testid="line-count">{it.qty}</span>
                    " = "<span data-testid="line-list">{money(list)}</span>
                </dd>
            </div>
            {(off > 0).then(|| view! {
                <div class="saving">
                    <dt>{t!(i18n, orders.line_discount)}</dt>
                    <dd data-testid="line-discount">{format!("−{}", money(off))}</dd>
                </div>
            })}
            <div class="paid">
                <dt>{t!(i18n, orders.line_paid)}</dt>
                <dd data-testid="line-paid">{money(it.paid_minor)}</dd>
            </div>
        </dl>
    }
}

/// After the review form posts, the server sends the shopper back here with
/// `?reviewed=1` or `?review_error=<message key>`.
#[component]
fn ReviewOutcome() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        query.with(|q| {
            if q.get("reviewed").is_some() {
                Some(view! { <p class="form-status ok" role="status" data-testid="review-thanks">{t!(i18n, orders.review_thanks)}</p> }.into_any())
            } else {
                q.get("review_error")
                    .and_then(|k| serde_json::from_value::<crate::error::ErrorKey>(serde_json::Value::String(k)).ok())
                    .map(|k| view! { <p class="form-status error" role="alert" data-testid="review-error">{move || error_text(i18n.get_locale(), k)}</p> }.into_any())
            }
        })
    }
}
