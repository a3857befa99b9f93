//! /orders/:number/after-sales?line=ID: asking for a refund, a return, an
//! exchange or a repair of some units of one order line. The server
//! decides eligibility; the page explains the window, who pays the return
//! shipping, and any refusal, in the shopper's language.
use crate::aftersales::api::{after_sales_form, open_after_sales};
use crate::aftersales::components::{kind_hint, kind_text, refusal_text};
use crate::aftersales::{Fault, LineOption, RequestForm, RequestKind};
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::media::{ImageSize, image_url};
use crate::ui::kit::{ErrorNote, NotFound, Seo, form_data, fresh_key};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
pub fn NewAfterSalesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let line = move || query.with(|q| q.get("line").and_then(|l| l.parse::<i64>().ok()));
    let form = crate::ui::kit::resource(
        move || (number(), i18n.get_locale().as_str().to_string()),
        |(n, lang)| after_sales_form(n, lang),
    );
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), aftersales.new_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path=params.with_untracked(|p| format!("/orders/{}/after-sales", p.get("number").unwrap_or_default()))
        />
        <section class="order-page after-sales-new">
            <h1>{t!(i18n, aftersales.new_title)}</h1>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {crate::ui::kit::drawn(form, move |r| match r {
                    Ok(f) => match f.lines.iter().find(|l| Some(l.id) == line()).cloned() {
                        Some(l) => request_form(f, l).into_any(),
                        None => choose_line(f).into_any(),
                    },
                    Err(AppError::Unauthenticated) => view! {
                        <p><a class="btn primary" href=format!("/sign-in?next=/orders/{}/after-sales", number())>{t!(i18n, common.sign_in)}</a></p>
                    }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The order's lines, to pick one (the order page links straight to one).
fn choose_line(f: RequestForm) -> impl IntoView {
    let i18n = use_i18n();
    let order = f.order_number.clone();
    view! {
        <h2>{t!(i18n, aftersales.choose_line)}</h2>
        <ul class="cart-lines">
            {f.lines.into_iter().map(|l| view! {
                <li class="cart-line order-line">
                    {line_head(&l)}
                    {match l.closed {
                        Some(k) => view! { <p class="muted">{move || refusal_text(i18n.get_locale(), k)}</p> }.into_any(),
                        None => view! {
                            <a class="btn" href=format!("/orders/{order}/after-sales?line={}", l.id)>{t!(i18n, aftersales.apply)}</a>
                        }.into_any(),
                    }}
                </li>
            }).collect_view()}
        </ul>
    }
}

fn line_head(l: &LineOption) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let (left, bought) = (l.left, l.bought);
    view! {
        <span class="thumb">{l.image.as_ref().map(|sha| view! {
            <img src=image_url(sha, ImageSize::Thumb, true) alt="" width="64" height="64" loading="lazy" />
        })}</span>
        <div class="line-info">
            <strong class="line-name">{l.name.clone()}</strong>
            <p class="muted line-options">{l.options.clone()}</p>
            <p class="muted">{move || td_string!(i18n.get_locale(), aftersales.qty_hint, left = left, bought = bought).to_string()}</p>
        </div>
    }
}

/// The message for a refused request: a field's own, else the request's.
fn refusal(e: &AppError) -> ErrorKey {
    match e {
        AppError::Validation(list) => list.first().map(|f| f.key).unwrap_or(ErrorKey::BadRequest),
        other => other.key(),
    }
}

fn request_form(f: RequestForm, l: LineOption) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let kinds: Vec<RequestKind> = if f.shipped {
        RequestKind::ALL.to_vec()
    } else {
        vec![RequestKind::RefundOnly]
    };
    let first = kinds[0];
    let reasons = f.reasons.clone();
    let reason = RwSignal::new(None::<i64>);
    let fault = move || {
        reason
            .get()
            .and_then(|id| reasons.iter().find(|r| r.id == id).map(|r| r.fault))
    };
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let key = RwSignal::new(String::new());
    let (order, line_id, left) = (f.order_number.clone(), l.id, l.left);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let field = form_data(&ev);
        if key.get_untracked().is_empty() {
            key.set(fresh_key());
        }
        let (kind, reason) = (field("kind"), field("reason").parse::<i64>().unwrap_or(0));
        let qty = field("qty").trim().parse::<i32>().unwrap_or(0);
        let (order, note, k) = (order.clone(), field("note"), key.get_untracked());
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            let result = open_after_sales(order, line_id, kind, reason, qty, note, k).await;
            busy.set(false);
            match result {
                Ok(number) => navigate(&format!("/after-sales/{number}"), Default::default()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="cart-line order-line">{line_head(&l)}</div>
        {l.closed.map(|k| view! { <p class="form-status error" role="alert">{move || refusal_text(i18n.get_locale(), k)}</p> })}
        <ul class="hint-list">
            {match (l.return_until.clone(), l.excluded) {
                (_, true) => ().into_any(),
                (Some(at), false) => view! { <li data-testid="return-window">{move || td_string!(i18n.get_locale(), aftersales.window_until, at = at.clone()).to_string()}</li> }.into_any(),
                (None, false) => view! { <li>{t!(i18n, aftersales.window_not_started)}</li> }.into_any(),
            }}
            {l.excluded.then(|| view! { <li>{t!(i18n, aftersales.excluded_note)}</li> })}
            {(!f.shipped).then(|| view! { <li>{t!(i18n, aftersales.unshipped_note)}</li> })}
        </ul>
        {l.closed.is_none().then(|| view! {
            <form class="stack-form after-sales-form" on:submit=submit>
                <fieldset class="choice-group">
                    <legend>{t!(i18n, aftersales.kind_label)}</legend>
                    {kinds.into_iter().map(|k| view! {
                        <label class="choice">
                            <input type="radio" name="kind" value=k.as_str() checked=k == first />
                            <span>
                                <strong>{move || kind_text(i18n.get_locale(), k)}</strong>
                                <span class="muted">{move || kind_hint(i18n.get_locale(), k)}</span>
                            </span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <label class="field">
                    <span>{t!(i18n, aftersales.reason_label)}</span>
                    <select name="reason" required on:change=move |ev| reason.set(event_target_value(&ev).parse().ok())>
                        <option value="">{t!(i18n, aftersales.choose_reason)}</option>
                        {f.reasons.iter().map(|r| view! { <option value=r.id.to_string()>{r.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                {move || fault().map(|f| view! {
                    <p class="hint-line" data-testid="who-pays">{move || match f {
                        Fault::Seller => td_string!(i18n.get_locale(), aftersales.seller_pays),
                        Fault::ChangeOfMind => td_string!(i18n.get_locale(), aftersales.buyer_pays),
                    }}</p>
                })}
                <label class="field">
                    <span>{t!(i18n, aftersales.qty_label)}</span>
                    <input type="number" name="qty" min="1" max=left.to_string() value="1" inputmode="numeric" required />
                </label>
                <label class="field">
                    <span>{t!(i18n, aftersales.note_label)}</span>
                    <textarea name="note" rows="3" maxlength="500"></textarea>
                </label>
                {move || error.get().map(|e| view! { <p class="form-status error" role="alert">{move || refusal_text(i18n.get_locale(), refusal(&e))}</p> })}
                <button class="btn primary" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { td_string!(i18n.get_locale(), aftersales.sending) } else { td_string!(i18n.get_locale(), aftersales.submit) }}
                </button>
            </form>
        })}
        <p class="back-link"><a href=format!("/orders/{}", f.order_number)>{t!(i18n, aftersales.back_to_order)}</a></p>
    }
}
