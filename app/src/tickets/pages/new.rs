//! `/tickets/new`: the contact form. From an order page (`?order=`), an
//! after-sales request's (`?request=`), each with a guest's link secret
//! (`&t=`), or a product's (`?product=<slug>`) the ticket is about that
//! thing; a guest without a link gives the address replies go to. Sent, the shopper
//! lands on the ticket's page (a guest's carries its secret). While the
//! subject is typed, help articles that may answer it are suggested.
use super::field_key;
use crate::error::AppError;
use crate::help::components::Suggestions;
use crate::i18n::*;
use crate::tickets::api::open_ticket;
use crate::tickets::components::{category_text, refusal_text};
use crate::tickets::{BODY_MAX, SUBJECT_MAX, TicketCategory};
use crate::ui::kit::{Seo, fresh_key, use_auth};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn NewTicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let given = |name: &str| query.with_untracked(|q| q.get(name).filter(|v| !v.is_empty()));
    let (order, request, product) = (given("order"), given("request"), given("product"));
    let order_token = given("t");
    let auth = use_auth();
    // A guest without an order link gives their address.
    let asks_email = {
        let from_link = order_token.is_some();
        move || !from_link && auth.user.get().is_some() && auth.current().is_none()
    };
    let (typed, set_typed) = signal(String::new());
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    // One key per form shown: a retried send opens one ticket.
    let key = StoredValue::new(None::<String>);
    let navigate = use_navigate();
    let sent = [
        ("order", order.clone()),
        ("request", request.clone()),
        ("product", product.clone()),
        ("t", order_token.clone()),
    ];
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The whole form, photos too, goes as multipart form data.
        let Some(data) = form_of(&ev) else {
            return;
        };
        let k = key.get_value().unwrap_or_else(fresh_key);
        key.set_value(Some(k.clone()));
        let lang = i18n.get_locale_untracked().as_str();
        let _ = data.set_with_str("key", &k);
        let _ = data.set_with_str("lang", lang);
        for (name, value) in &sent {
            if let Some(v) = value {
                let _ = data.set_with_str(name, v);
            }
        }
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            let r = open_ticket(data.into()).await;
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
                .map(|k| refusal_text(i18n.get_locale(), k))
        }
    };
    let default_category = if order.is_some() {
        TicketCategory::Order
    } else if request.is_some() {
        TicketCategory::AfterSales
    } else if product.is_some() {
        TicketCategory::Product
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
            {request.map(|n| view! {
                <p data-testid="ticket-request">{move || td_string!(i18n.get_locale(), tickets.about_request, number = n.clone()).to_string()}</p>
            })}
            {product.map(|slug| view! { <AboutProductLine slug /> })}
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
                    <input name="subject" type="text" required maxlength=SUBJECT_MAX.to_string()
                        on:input=move |ev| set_typed.set(event_target_value(&ev)) />
                    <span class="field-error" aria-live="polite">{field_error("subject")}</span>
                </label>
                // Help articles that may already answer it.
                <Suggestions typed />
                <label class="field">
                    <span>{t!(i18n, tickets.body)}</span>
                    <textarea name="body" rows="6" required maxlength=BODY_MAX.to_string()></textarea>
                    <span class="field-error" aria-live="polite">{field_error("body")}</span>
                </label>
                <label class="field">
                    <span>{t!(i18n, tickets.photos_label)}</span>
                    <input type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple=true
                        aria-describedby="ticket-photos-hint" />
                    <span class="muted" id="ticket-photos-hint">{t!(i18n, tickets.photos_hint)}</span>
                    <span class="field-error" aria-live="polite">{field_error("photos")}</span>
                </label>
                {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! {
                    <p class="form-status error" role="alert">{move || refusal_text(i18n.get_locale(), e.key())}</p>
                })}
                <button class="btn primary block" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { td_string!(i18n.get_locale(), tickets.sending) } else { td_string!(i18n.get_locale(), tickets.submit) }}
                </button>
            </form>
        </section>
    }
}

/// "About the product: <name>", named in the reader's language; nothing
/// while it loads or if the product is gone (the form refuses it then).
#[component]
fn AboutProductLine(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let product = crate::ui::kit::resource(
        move || (slug.clone(), i18n.get_locale().as_str().to_string()),
        |(slug, lang)| crate::catalog::api::get_product(slug, lang),
    );
    view! {
        <Transition>
            {crate::ui::kit::drawn(product, move |r| r.ok().map(|p| {
                let name = p.name;
                view! {
                    <p data-testid="ticket-product">{move || td_string!(i18n.get_locale(), tickets.about_product, name = name.clone()).to_string()}</p>
                }
            }))}
        </Transition>
    }
}

/// The submitted form's fields as `FormData`, files included.
fn form_of(ev: &leptos::ev::SubmitEvent) -> Option<web_sys::FormData> {
    let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
    web_sys::FormData::new_with_form(&form).ok()
}
