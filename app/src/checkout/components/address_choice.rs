//! Where to deliver: a saved address or a new one.
use crate::accounts::Address;
use crate::error::ErrorKey;
use crate::i18n::*;
use crate::ui::kit::Field;
use leptos::prelude::*;

/// Radio buttons for the saved addresses plus "a new address" (the only
/// choice for a guest or an empty book). All are one `address_id` group, the
/// new address's value empty, and the first saved one is `checked` in the
/// server's HTML too: the form also posts without JavaScript. So the new
/// address's fields are always in the form, and the stylesheet hides them
/// while a saved address is chosen (`.address-book`), which needs no script;
/// for a saved address the server ignores them.
#[component]
pub fn AddressChoice(
    /// The signed-in shopper's address book (empty for a guest).
    addresses: Vec<Address>,
    field_err: impl Fn(&'static str) -> Signal<Option<ErrorKey>> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let first = addresses.first().map(|a| a.id);
    let chosen = RwSignal::new(first);
    let has_book = first.is_some();
    view! {
        {addresses.into_iter().map(|a| {
            let id = a.id;
            view! {
                <label class="choice address-choice">
                    <input type="radio" name="address_id" value=id.to_string()
                        checked=first == Some(id)
                        prop:checked=move || chosen.get() == Some(id)
                        on:change=move |_| chosen.set(Some(id)) />
                    <span>
                        <strong>{a.recipient.clone()}</strong>" "{a.phone.clone()}<br />
                        <span class="muted">{a.region.clone()}" "{a.line1.clone()}</span>
                    </span>
                </label>
            }
        }).collect_view()}
        {has_book.then(|| view! {
            <label class="choice">
                <input type="radio" name="address_id" value="" prop:checked=move || chosen.get().is_none()
                    on:change=move |_| chosen.set(None) />
                <span>{t!(i18n, checkout.new_address)}</span>
            </label>
        })}
        <div class="address-fields">
            <Field form="co" name="address[recipient]" autocomplete="name" error=field_err("recipient")>{t!(i18n, accounts.recipient)}</Field>
            <Field form="co" name="address[phone]" kind="tel" autocomplete="tel" error=field_err("phone")>{t!(i18n, accounts.phone)}</Field>
            <Field form="co" name="address[region]" autocomplete="address-level1" error=field_err("region")>{t!(i18n, accounts.region)}</Field>
            <Field form="co" name="address[line1]" autocomplete="street-address" error=field_err("line1")>{t!(i18n, accounts.line1)}</Field>
            <Field form="co" name="address[postal_code]" autocomplete="postal-code" required=false error=field_err("postal_code")>{t!(i18n, accounts.postal_code)}</Field>
        </div>
    }
}
