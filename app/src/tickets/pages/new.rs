//! `/tickets/new`: the contact form. From an order page (`?order=`, and a
//! guest's order link secret `&t=`) the ticket is about that order; a
//! guest without one gives the address replies go to. Sent, the shopper
//! lands on the ticket's page (a guest's carries its secret).
use super::field_key;
use crate::error::AppError;
use crate::i18n::*;
use crate::tickets::api::open_ticket;
use crate::tickets::components::category_text;
use crate::tickets::{BODY_MAX, SUBJECT_MAX, TicketCategory, TicketForm};
use crate::ui::kit::{Seo, error_text, form_data, fresh_key, use_auth};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn NewTicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let order = query.with_untracked(|q| q.get("order").filter(|o| !o.is_empty()));
    let order_token = query.with_untracked(|q| q.get("t").filter(|t| !t.is_empty()));
    let auth = use_auth();
    // A guest without an order link gives their address.
    let asks_email = {
        let from_link = order_token.is_some();
        move || !from_link && auth.user.get().is_some() && auth.current().is_none()
    };
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    // One key per form shown: a retried send opens one ticket.
    let key = StoredValue::new(None::<String>);
    let navigate = use_navigate();
    let (sent_order, sent_token) = (order.clone(), order_token.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let k = key.get_value().unwrap_or_else(fresh_key);
        key.set_value(Some(k.clone()));
        let email = Some(f("email")).filter(|e| !e.is_empty());
        let lang = i18n.get_locale_untracked().as_str().to_string();
        let (order, token) = (sent_order.clone(), sent_token.clone());
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            let form = TicketForm {
                category: f("category"),
                subject: f("subject"),
                body: f("body"),
                order,
                order_token: token,
                email,
                lang,
                key: k,
            };
            let r = open_ticket(form).await;
            busy.set(false);
            match r {
                Ok(opened) => navigate(&opened.href(), Default::default()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let field_error = move |field: &'static str| {
        move || {
            error
                .with(|e| field_key(e.as_ref(), field))
                .map(|k| error_text(i18n.get_locale(), k))
        }
    };
    let default_category = if order.is_some() {
        TicketCategory::Order
    } else {
        TicketCategory::Other
    };
    let about = order.clone();
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), tickets.new_title).to_string()
            description=move || td_string!(i18n.get_locale(), tickets.new_intro).to_string()
            path="/tickets/new"
        />
        <section class="auth-card ticket-form">
            <h1>{t!(i18n, tickets.new_title)}</h1>
            <p class="muted">{t!(i18n, tickets.new_intro)}</p>
            {about.map(|n| view! {
                <p data-testid="ticket-order">{move || td_string!(i18n.get_locale(), tickets.about_order, number = n.clone()).to_string()}</p>
            })}
            <form on:submit=submit>
                <label class="field">
                    <span>{t!(i18n, tickets.category)}</span>
                    <select name="category">
                        {TicketCategory::ALL.into_iter().map(|c| view! {
                            <option value=c.as_str() selected=c == default_category>{move || category_text(i18n.get_locale(), c)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=asks_email>
                    <label class="field">
                        <span>{t!(i18n, tickets.email)}</span>
                        <input name="email" type="email" autocomplete="email" required maxlength="254" />
                        <span class="field-error" aria-live="polite">{field_error("email")}</span>
                    </label>
                </Show>
                <label class="field">
                    <span>{t!(i18n, tickets.subject)}</span>
                    <input name="subject" type="text" required maxlength=SUBJECT_MAX.to_string() />
                    <span class="field-error" aria-live="polite">{field_error("subject")}</span>
                </label>
                <label class="field">
                    <span>{t!(i18n, tickets.body)}</span>
                    <textarea name="body" rows="6" required maxlength=BODY_MAX.to_string()></textarea>
                    <span class="field-error" aria-live="polite">{field_error("body")}</span>
                </label>
                {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! {
                    <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p>
                })}
                <button class="btn primary block" type="submit" disabled=move || busy.get()>{t!(i18n, tickets.submit)}</button>
            </form>
        </section>
    }
}
