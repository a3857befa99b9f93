//! /after-sales/:number: one request, its state and deadline, what it
//! covers, the refund, the timeline, and withdrawing it.
use crate::aftersales::RequestDetail;
use crate::aftersales::api::{after_sales_request, pay_after_sales, withdraw_after_sales};
use crate::aftersales::components::{
    Deadline, EvidencePhotos, RequestBadge, act, actor_text, entry_text, kind_text, refusal_text,
};
use crate::aftersales::{RequestKind, RequestStatus};
use crate::error::AppError;
use crate::i18n::*;
use crate::media::{ImageSize, image_url};
use crate::ui::kit::{ErrorNote, NotFound, Seo, format_money};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AfterSalesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    // A guest's request link secret.
    let token = move || query.with(|q| q.get("t"));
    let version = RwSignal::new(0u32);
    let request = crate::ui::kit::resource(
        move || {
            (
                number(),
                i18n.get_locale().as_str().to_string(),
                version.get(),
                token(),
            )
        },
        |(n, lang, _, t)| after_sales_request(n, lang, t),
    );
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), aftersales.detail_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path=params.with_untracked(|p| format!("/after-sales/{}", p.get("number").unwrap_or_default()))
        />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(request, move |r| match r {
                Ok(d) => detail_view(d, version).into_any(),
                Err(AppError::Unauthenticated) => view! {
                    <p><a class="btn primary" href=format!("/sign-in?next=/after-sales/{}", number())>{t!(i18n, common.sign_in)}</a></p>
                }.into_any(),
                Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}

fn detail_view(d: RequestDetail, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let s = d.summary.clone();
    let (kind, status) = (s.kind, s.status);
    // The money went back (a refund, or a cheaper exchange's difference).
    let done = matches!(status, RequestStatus::Refunded | RequestStatus::Exchanged);
    let error = RwSignal::new(None::<AppError>);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let number = s.number.clone();
    let paying = (s.number.clone(), s.token.clone());
    let withdrawing = s.token.clone();
    let ask_href = match &s.token {
        Some(t) => format!("/tickets/new?request={}&t={t}", s.number),
        None => format!("/tickets/new?request={}", s.number),
    };
    let pay = move |_| {
        let (number, token) = paying.clone();
        busy.set(true);
        spawn_local(async move {
            match pay_after_sales(number, token).await {
                Ok(url) => {
                    let _ = window().location().set_href(&url);
                }
                Err(e) => {
                    busy.set(false);
                    error.set(Some(e));
                }
            }
        });
    };
    let withdraw = move |_| {
        let (number, token) = (number.clone(), withdrawing.clone());
        act(busy, error, version, withdraw_after_sales(number, token));
    };
    view! {
        <div class="order-page after-sales">
            <header class="order-head">
                <h1>{t!(i18n, aftersales.detail_title)}</h1>
                <p class="muted">
                    {t!(i18n, aftersales.number)}" "<span data-testid="request-number">{s.number.clone()}</span>
                    " · "{t!(i18n, aftersales.order)}" "
                    <a class="nowrap" href=d.order_href()>{s.order_number.clone()}</a>
                </p>
                <p><RequestBadge status=status /></p>
            </header>
            {s.deadline.clone().map(|at| view! { <Deadline status=status kind=kind at=at seconds_left=s.seconds_left.unwrap_or(0) /> })}
            {move || error.get().map(|e| view! { <p class="form-status error" role="alert">{move || refusal_text(i18n.get_locale(), e.key())}</p> })}
            <div class="order-actions">
                {d.can_withdraw().then(|| view! {
                    <Show when=move || confirming.get() fallback=move || view! {
                        <button class="btn" on:click=move |_| confirming.set(true)>{t!(i18n, aftersales.withdraw)}</button>
                    }>
                        <p class="confirm-box" role="alertdialog" aria-labelledby="withdraw-question">
                            <span id="withdraw-question">{t!(i18n, aftersales.withdraw_confirm)}</span>
                            <button class="btn danger" disabled=move || busy.get() on:click=withdraw.clone()>{t!(i18n, aftersales.withdraw_yes)}</button>
                            <button class="btn" on:click=move |_| confirming.set(false)>{t!(i18n, aftersales.withdraw_no)}</button>
                        </p>
                    </Show>
                })}
                // A question about the request goes to customer service.
                <a class="btn" href=ask_href data-testid="ask-about-request">{t!(i18n, aftersales.ask_service)}</a>
            </div>
            {d.can_pay_difference().then(|| {
                let amount = format_money(d.charge_minor, &s.currency);
                view! {
                <div class="order-actions pay-difference">
                    <p>{move || td_string!(i18n.get_locale(), aftersales.exchange_pay_prompt, amount = amount.clone()).to_string()}</p>
                    <button class="btn primary" disabled=move || busy.get() on:click=pay>{t!(i18n, aftersales.exchange_pay)}</button>
                </div>
                }
            })}
            <super::complain::ComplaintSection number=s.number.clone() token=s.token.clone() complaint=d.complaint.clone()
                until=d.complain_until.clone() version=version />
            {d.can_ship_back().then(|| view! {
                <super::ship_back::ShipBackForm number=s.number.clone() token=s.token.clone() address=d.return_address.clone() version=version />
            })}
            <dl class="summary request-facts">
                <div><dt>{t!(i18n, aftersales.kind)}</dt><dd data-testid="request-kind">{move || kind_text(i18n.get_locale(), kind)}</dd></div>
                <div><dt>{t!(i18n, aftersales.reason)}</dt><dd>{d.reason.clone()}</dd></div>
                {(!d.note.is_empty()).then(|| view! { <div><dt>{t!(i18n, aftersales.note)}</dt><dd>{d.note.clone()}</dd></div> })}
                <div><dt>{t!(i18n, aftersales.opened)}</dt><dd>{s.opened_at.clone()}</dd></div>
                {d.items.iter().find_map(|i| i.exchange_options.clone()).map(|o| view! {
                    <div><dt>{t!(i18n, aftersales.exchange_to_label)}</dt><dd data-testid="exchange-to">{o}</dd></div>
                })}
                {(d.charge_minor > 0).then(|| {
                    let paid = d.charge_paid;
                    view! {
                        <div><dt>{t!(i18n, aftersales.exchange_charge)}</dt><dd data-testid="exchange-charge">
                            {format_money(d.charge_minor, &s.currency)} " · "
                            {move || if paid { td_string!(i18n.get_locale(), aftersales.exchange_paid) } else { td_string!(i18n.get_locale(), aftersales.exchange_unpaid) }}
                        </dd></div>
                    }
                })}
                {d.out_tracking.clone().map(|n| view! {
                    <div><dt>{move || if kind == RequestKind::Repair {
                        td_string!(i18n.get_locale(), aftersales.out_tracking_repair)
                    } else {
                        td_string!(i18n.get_locale(), aftersales.out_tracking_exchange)
                    }}</dt><dd data-testid="out-tracking">{format!("{} {n}", d.out_carrier.clone().unwrap_or_default())}</dd></div>
                })}
                {s.refund_due().then(|| view! {
                    <div class="total">
                        <dt>{move || if done {
                            td_string!(i18n.get_locale(), aftersales.refund_amount)
                        } else {
                            td_string!(i18n.get_locale(), aftersales.refund_expected)
                        }}</dt>
                        <dd data-testid="request-refund">{format_money(
                            if done { s.refunded_minor } else { s.refund_minor },
                            &s.currency,
                        )}</dd>
                    </div>
                })}
                {d.return_tracking.clone().map(|n| view! {
                    <div><dt>{t!(i18n, aftersales.return_tracking)}</dt><dd>{format!("{} {n}", d.return_carrier.clone().unwrap_or_default())}</dd></div>
                })}
            </dl>
            {(!d.photos.is_empty()).then(|| view! {
                <h2>{t!(i18n, aftersales.photos)}</h2>
                <EvidencePhotos photos=d.photos.clone() />
            })}
            <h2>{t!(i18n, aftersales.items)}</h2>
            <ul class="cart-lines">
                {d.items.iter().map(|it| {
                    let qty = it.qty;
                    view! {
                        <li class="cart-line order-line" data-testid="request-item">
                            <span class="thumb">{it.image.as_ref().map(|sha| view! {
                                <img src=image_url(sha, ImageSize::Thumb, true) alt="" width="64" height="64" loading="lazy" />
                            })}</span>
                            <div class="line-info">
                                <span class="line-name">{it.name.clone()}</span>
                                <p class="muted line-options">{it.options.clone()}</p>
                                <p><strong>{move || td_string!(i18n.get_locale(), aftersales.qty_times, qty = qty).to_string()}</strong></p>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h2>{t!(i18n, aftersales.timeline)}</h2>
            <ol class="timeline" data-testid="request-timeline">
                {d.events.iter().map(|e| {
                    let (st, actor, entry) = (e.status, e.actor, e.clone());
                    view! {
                        <li data-event=st.as_str() data-what=e.what.clone()>
                            <span class="dot" aria-hidden="true"></span>
                            <strong>{move || entry_text(i18n.get_locale(), &entry)}</strong>
                            <span class="muted">{move || actor_text(i18n.get_locale(), actor)}</span>
                            <time>{e.at.clone()}</time>
                            {(!e.note.is_empty()).then(|| view! { <p class="muted event-note">{e.note.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <p class="back-link"><a href=d.list_href()>{t!(i18n, aftersales.view_requests)}</a></p>
        </div>
    }
}
