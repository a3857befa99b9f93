//! /orders/:number/after-sales?line=ID: asking for a refund, a return, an
//! exchange or a repair of some units of one order line. The server
//! decides eligibility; the page explains the window, who pays the return
//! shipping, and any refusal, in the shopper's language.
use crate::aftersales::api::after_sales_form;
use crate::aftersales::components::{kind_hint, kind_text, refusal_text};
use crate::aftersales::{ExchangeChoice, Fault, LineOption, RequestForm, RequestKind};
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::media::{ImageSize, image_url};
use crate::ui::kit::{ErrorNote, NotFound, Seo, format_money};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewAfterSalesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let line = move || query.with(|q| q.get("line").and_then(|l| l.parse::<i64>().ok()));
    // A guest's order link secret.
    let token = move || query.with(|q| q.get("t"));
    // Sent back by the server with `?error=<message key>`.
    let refused = move || {
        query.with(|q| {
            q.get("error")
                .and_then(|k| serde_json::from_value::<ErrorKey>(serde_json::Value::String(k)).ok())
        })
    };
    let form = crate::ui::kit::resource(
        move || (number(), i18n.get_locale().as_str().to_string(), token()),
        |(n, lang, t)| after_sales_form(n, lang, t),
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
                        Some(l) => request_form(f, l, refused()).into_any(),
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
fn choose_line(mut f: RequestForm) -> impl IntoView {
    let i18n = use_i18n();
    let lines = std::mem::take(&mut f.lines);
    let base = format!("/orders/{}/after-sales", f.order_number);
    view! {
        <h2>{t!(i18n, aftersales.choose_line)}</h2>
        <ul class="cart-lines">
            {lines.into_iter().map(|l| view! {
                <li class="cart-line order-line">
                    {line_head(&l)}
                    {match l.closed {
                        Some(k) => view! { <p class="muted">{move || refusal_text(i18n.get_locale(), k)}</p> }.into_any(),
                        None => view! {
                            <a class="btn" href=f.link(&format!("{base}?line={}", l.id))>{t!(i18n, aftersales.apply)}</a>
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

/// A plain multipart form (POST /after-sales), so photos upload and it
/// works without JavaScript; the server sends the shopper to the new
/// request, or back here with `?error=<message key>`. With JavaScript the
/// page also says who pays the return shipping, how many photos the
/// reason needs, and what an exchange costs, as the shopper chooses.
fn request_form(f: RequestForm, l: LineOption, error: Option<ErrorKey>) -> impl IntoView {
    let i18n = use_i18n();
    let kinds: Vec<RequestKind> = if f.shipped {
        RequestKind::ALL.to_vec()
    } else {
        vec![RequestKind::RefundOnly]
    };
    let first = kinds[0];
    let swap = (l.choices.clone(), l.unit_minor, f.currency.clone());
    let reasons = f.reasons.clone();
    let reason = RwSignal::new(None::<i64>);
    let chosen = move || {
        reason.get().and_then(|id| {
            reasons
                .iter()
                .find(|r| r.id == id)
                .map(|r| (r.fault, r.photos_required))
        })
    };
    let left = l.left;
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
            <form class="stack-form after-sales-form" method="post" action="/after-sales" enctype="multipart/form-data">
                <input type="hidden" name="order" value=f.order_number.clone() />
                <input type="hidden" name="line" value=l.id.to_string() />
                <input type="hidden" name="key" value=f.key.clone() />
                {f.token.clone().map(|t| view! { <input type="hidden" name="t" value=t /> })}
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
                // Shown only while "exchange" is chosen (style: .exchange-field).
                {f.shipped.then(|| view! { <div class="exchange-field">{exchange_field(swap.clone())}</div> })}
                <label class="field">
                    <span>{t!(i18n, aftersales.reason_label)}</span>
                    <select name="reason" required on:change=move |ev| reason.set(event_target_value(&ev).parse().ok())>
                        <option value="">{t!(i18n, aftersales.choose_reason)}</option>
                        {f.reasons.iter().map(|r| view! { <option value=r.id.to_string()>{r.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                {move || chosen().map(|(fault, photos)| view! {
                    <p class="hint-line" data-testid="who-pays">{move || match fault {
                        Fault::Seller => td_string!(i18n.get_locale(), aftersales.seller_pays),
                        Fault::ChangeOfMind => td_string!(i18n.get_locale(), aftersales.buyer_pays),
                    }}</p>
                    {(photos > 0).then(|| view! {
                        <p class="hint-line" data-testid="photos-needed">{move || td_string!(i18n.get_locale(), aftersales.photos_needed, n = photos).to_string()}</p>
                    })}
                })}
                <label class="field">
                    <span>{t!(i18n, aftersales.photos_label)}</span>
                    <input type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple=true />
                    <span class="muted">{t!(i18n, aftersales.photos_hint)}</span>
                </label>
                <label class="field">
                    <span>{t!(i18n, aftersales.qty_label)}</span>
                    <input type="number" name="qty" min="1" max=left.to_string() value="1" inputmode="numeric" required />
                </label>
                <label class="field">
                    <span>{t!(i18n, aftersales.note_label)}</span>
                    <textarea name="note" rows="3" maxlength="500"></textarea>
                </label>
                {error.map(|k| view! { <p class="form-status error" role="alert" data-testid="request-error">{move || refusal_text(i18n.get_locale(), k)}</p> })}
                <button class="btn primary" type="submit">{t!(i18n, aftersales.submit)}</button>
            </form>
        })}
        <p class="back-link"><a href=f.link(&format!("/orders/{}", f.order_number))>{t!(i18n, aftersales.back_to_order)}</a></p>
    }
}

/// The variant an exchange's units become, and what the swap costs per
/// unit against the price the line was bought at.
fn exchange_field((choices, unit, currency): (Vec<ExchangeChoice>, i64, String)) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(None::<i64>);
    let listed = currency.clone();
    let prices: Vec<(i64, i64)> = choices
        .iter()
        .map(|c| (c.variant_id, c.price_minor))
        .collect();
    let hint = move || {
        let id = chosen.get()?;
        let price = prices.iter().find(|(v, _)| *v == id)?.1;
        let locale = i18n.get_locale();
        let text = match price - unit {
            0 => td_string!(locale, aftersales.exchange_same_price).to_string(),
            d if d > 0 => td_string!(
                locale,
                aftersales.exchange_pay_more,
                amount = format_money(d, &currency)
            )
            .to_string(),
            d => td_string!(
                locale,
                aftersales.exchange_get_back,
                amount = format_money(-d, &currency)
            )
            .to_string(),
        };
        Some(view! { <p class="hint-line" data-testid="exchange-difference">{text}</p> })
    };
    if choices.is_empty() {
        return view! { <p class="form-status error" role="alert">{t!(i18n, aftersales.exchange_none)}</p> }.into_any();
    }
    view! {
        <label class="field">
            <span>{t!(i18n, aftersales.exchange_to_label)}</span>
            <select name="exchange_to" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                <option value="">{t!(i18n, aftersales.exchange_choose)}</option>
                {choices.iter().map(|c| {
                    let (options, out) = (c.options.clone(), c.stock < 1);
                    let price = format_money(c.price_minor, &listed);
                    view! {
                        <option value=c.variant_id.to_string() disabled=out>
                            {move || if out {
                                td_string!(i18n.get_locale(), aftersales.exchange_option_out, options = options.clone(), price = price.clone()).to_string()
                            } else {
                                format!("{options} · {price}")
                            }}
                        </option>
                    }
                }).collect_view()}
            </select>
        </label>
        {hint}
    }
    .into_any()
}
