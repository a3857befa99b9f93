//! The shopper's half of an approved return: where to send the goods, and
//! the carrier and tracking number once they are on their way.
use crate::aftersales::api::ship_after_sales;
use crate::aftersales::components::{act, refusal_text};
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::orders::CARRIERS;
use crate::ui::kit::form_data;
use leptos::prelude::*;

/// A field's own message, if the server named one.
fn field_error(e: &Option<AppError>, field: &str) -> Option<ErrorKey> {
    e.as_ref().and_then(|e| e.field(field))
}

#[component]
pub fn ShipBackForm(
    number: String,
    /// A guest's request link secret.
    token: Option<String>,
    address: Option<String>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let (number, carrier, tracking) = (number.clone(), f("carrier"), f("tracking"));
        let token = token.clone();
        act(
            busy,
            error,
            version,
            ship_after_sales(number, token, carrier, tracking),
        );
    };
    let msg = move |field: &'static str| {
        move || {
            error.with(|e| field_error(e, field)).map(|k| {
                // "Not a valid number" is about amounts; say what a
                // tracking number may hold instead.
                let text = move || match (field, k) {
                    ("tracking", ErrorKey::NumberInvalid) => {
                        td_string!(i18n.get_locale(), aftersales.tracking_invalid)
                    }
                    _ => refusal_text(i18n.get_locale(), k),
                };
                view! { <span class="field-error" role="alert">{text}</span> }
            })
        }
    };
    view! {
        <section class="panel ship-back" aria-labelledby="ship-back-title">
            <h2 id="ship-back-title">{t!(i18n, aftersales.ship_back_title)}</h2>
            {address.map(|a| view! {
                <p>{t!(i18n, aftersales.return_address)}{t!(i18n, common.colon)}<strong data-testid="return-address">{a}</strong></p>
            })}
            <form class="stack-form" on:submit=submit>
                <label class="field">
                    <span>{t!(i18n, aftersales.carrier_label)}</span>
                    <input name="carrier" list="return-carriers" required maxlength="40" autocomplete="off" />
                    <datalist id="return-carriers">{CARRIERS.iter().map(|c| view! { <option value=*c /> }).collect_view()}</datalist>
                    {msg("carrier")}
                </label>
                <label class="field">
                    <span>{t!(i18n, aftersales.tracking_label)}</span>
                    <input name="tracking" required maxlength="40" autocomplete="off" inputmode="text" />
                    {msg("tracking")}
                </label>
                {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! {
                    <p class="form-status error" role="alert">{move || refusal_text(i18n.get_locale(), e.key())}</p>
                })}
                <button class="btn primary" type="submit" disabled=move || busy.get()>{t!(i18n, aftersales.ship_back_submit)}</button>
            </form>
        </section>
    }
}
