//! `/tickets/:number`: the thread, a reply box while the ticket is not
//! closed, and once it is resolved the 1–5 rating. A guest's page carries
//! the ticket's link secret (`?t=`).
use super::field_key;
use crate::aftersales::components::EvidencePhotos;
use crate::error::AppError;
use crate::i18n::*;
use crate::tickets::api::{rate_ticket, reply_ticket, ticket};
use crate::tickets::components::{TicketBadge, category_text};
use crate::tickets::{Author, BODY_MAX, COMMENT_MAX, TicketStatus, TicketView};
use crate::ui::kit::{
    ErrorNote, InboxTick, NotFound, Seo, drawn, error_text, form_data, fresh_key, resource,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn TicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let token = move || query.with(|q| q.get("t"));
    let version = RwSignal::new(0u32);
    let data = resource(
        move || {
            let lang = i18n.get_locale().as_str().to_string();
            (number(), token(), lang, version.get())
        },
        |(n, t, lang, _)| ticket(n, t, lang),
    );
    // Opening the ticket reads its inbox messages: the header's count
    // follows.
    if let Some(tick) = use_context::<InboxTick>() {
        Effect::new(move |_| {
            if data.get().is_some_and(|r| r.is_ok()) {
                tick.0.update(|n| *n += 1);
            }
        });
    }
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), tickets.list_title).to_string()
            description=move || td_string!(i18n.get_locale(), tickets.new_intro).to_string()
            path=params.with_untracked(|p| format!("/tickets/{}", p.get("number").unwrap_or_default()))
        />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {drawn(data, move |r| match r {
                Ok(v) => view! { <Ticket v version /> }.into_any(),
                Err(AppError::Unauthenticated) => view! {
                    <p><a class="btn primary" href=format!("/sign-in?next=/tickets/{}", number())>{t!(i18n, common.sign_in)}</a></p>
                }.into_any(),
                Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Ticket(v: TicketView, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let (status, category) = (v.status, v.category);
    let opened = v.opened.clone();
    let order = v.order_number.clone().map(|n| {
        let href = crate::orders::order_href(&n, v.order_token.as_deref());
        view! { " · "{t!(i18n, tickets.order)}" "<a class="nowrap" href=href>{n}</a> }
    });
    let request = v.request_number.clone().map(|n| {
        let href = match &v.request_token {
            Some(t) => format!("/after-sales/{n}?t={t}"),
            None => format!("/after-sales/{n}"),
        };
        view! { " · "{t!(i18n, tickets.request)}" "<a class="nowrap" href=href data-testid="ticket-request">{n}</a> }
    });
    let product = v.product.clone().map(|p| {
        let href = format!("/p/{}", p.slug);
        view! { " · "{t!(i18n, tickets.product)}" "<a href=href data-testid="ticket-product">{p.name}</a> }
    });
    let who = (v.number.clone(), v.token.clone());
    view! {
        <div class="order-page ticket-page ticket-form">
            <header class="order-head">
                <h1>{v.subject.clone()}</h1>
                <p class="muted">
                    {t!(i18n, tickets.number)}" "<span data-testid="ticket-number">{v.number.clone()}</span>
                    " · "{move || category_text(i18n.get_locale(), category)}
                    {order}
                    {request}
                    {product}
                </p>
                <p class="muted">{move || td_string!(i18n.get_locale(), tickets.opened, at = opened.clone()).to_string()}</p>
                <p><TicketBadge status /></p>
            </header>
            {v.token.is_some().then(|| view! { <p class="hint-line">{t!(i18n, tickets.guest_link_note)}</p> })}
            <h2>{t!(i18n, tickets.thread)}</h2>
            <ol class="inbox-list ticket-thread" data-testid="ticket-thread">
                {v.messages.iter().map(|m| {
                    let staff = m.author == Author::Staff;
                    view! {
                        <li class="inbox-item" class:from-staff=staff>
                            <div class="inbox-item-head">
                                <strong>{move || if staff {
                                    td_string!(i18n.get_locale(), tickets.service)
                                } else {
                                    td_string!(i18n.get_locale(), tickets.you)
                                }}</strong>
                                <time class="muted">{m.at.clone()}</time>
                            </div>
                            <p>{m.body.clone()}</p>
                            {(!m.photos.is_empty()).then(|| view! {
                                <EvidencePhotos photos=m.photos.clone() testid="ticket-photos" />
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(status == TicketStatus::Resolved).then(|| view! { <p class="hint-line" role="status">{t!(i18n, tickets.resolved_note)}</p> })}
            {v.rating.map(|n| view! {
                <p data-testid="ticket-rating">{move || td_string!(i18n.get_locale(), tickets.rated, n = n).to_string()}</p>
            })}
            {v.can_rate().then(|| view! { <RateForm who=who.clone() version /> })}
            {if status.accepts_replies() {
                view! { <ReplyForm who version /> }.into_any()
            } else {
                view! { <p class="muted" role="status">{t!(i18n, tickets.closed_note)}</p> }.into_any()
            }}
            // A guest has no list: their tickets come by e-mail.
            {v.token.is_none().then(|| view! { <p class="back-link"><a href="/tickets">{t!(i18n, tickets.list_title)}</a></p> })}
        </div>
    }
}

#[component]
fn ReplyForm(who: (String, Option<String>), version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let key = StoredValue::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
        let k = key.get_value().unwrap_or_else(fresh_key);
        key.set_value(Some(k.clone()));
        let (number, token) = who.clone();
        busy.set(true);
        spawn_local(async move {
            let r = reply_ticket(number, token, f("body"), k).await;
            busy.set(false);
            match r {
                // Sent: the box empties, and the next reply is a new one
                // (a new key), not a retry of this one.
                Ok(()) => {
                    key.set_value(None);
                    error.set(None);
                    if let Some(form) = form {
                        form.reset();
                    }
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="ticket-reply" on:submit=submit>
            <label class="field">
                <span>{t!(i18n, tickets.reply_label)}</span>
                <textarea name="body" rows="4" required maxlength=BODY_MAX.to_string()></textarea>
                <span class="field-error" aria-live="polite">
                    {move || error.with(|e| field_key(e.as_ref(), "body")).map(|k| error_text(i18n.get_locale(), k))}
                </span>
            </label>
            {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! {
                <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p>
            })}
            <button class="btn primary" type="submit" disabled=move || busy.get()>{t!(i18n, tickets.reply_submit)}</button>
        </form>
    }
}

#[component]
fn RateForm(who: (String, Option<String>), version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let rating = f("rating").parse::<i16>().unwrap_or(0);
        let (number, token) = who.clone();
        busy.set(true);
        spawn_local(async move {
            let r = rate_ticket(number, token, rating, f("comment")).await;
            busy.set(false);
            match r {
                Ok(()) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="panel ticket-rate" on:submit=submit aria-labelledby="rate-title">
            <h2 id="rate-title">{t!(i18n, tickets.rate_title)}</h2>
            <fieldset class="chips">
                <legend class="sr-only">{t!(i18n, tickets.rate_title)}</legend>
                {(1..=5).map(|n| view! {
                    <label class="chip">
                        <input type="radio" name="rating" value=n.to_string() required />
                        {move || td_string!(i18n.get_locale(), tickets.rate_stars, n = n).to_string()}
                    </label>
                }).collect_view()}
            </fieldset>
            <label class="field">
                <span>{t!(i18n, tickets.rate_comment)}</span>
                <textarea name="comment" rows="2" maxlength=COMMENT_MAX.to_string()></textarea>
            </label>
            {move || error.get().map(|e| view! {
                <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p>
            })}
            <button class="btn primary" type="submit" disabled=move || busy.get()>{t!(i18n, tickets.rate_submit)}</button>
        </form>
    }
}
