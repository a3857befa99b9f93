//! The fields of an address, shared by the "add" and "edit" forms.
use crate::accounts::Address;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::Field;
use leptos::prelude::*;

#[component]
pub fn AddressFields(
    /// Id prefix, unique per form on the page.
    form: String,
    /// The address being edited; empty fields for a new one.
    #[prop(optional)]
    initial: Option<Address>,
    /// The last error of the form's action.
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let err = move |f: &'static str| Signal::derive(move || errors.get().and_then(|e| e.field(f)));
    let a = initial.unwrap_or(Address {
        id: 0,
        recipient: String::new(),
        phone: String::new(),
        region: String::new(),
        line1: String::new(),
        postal_code: None,
        is_default: false,
    });
    view! {
        <Field form=form.clone() name="address[recipient]" autocomplete="name" value=a.recipient error=err("recipient")>
            {t!(i18n, accounts.recipient)}
        </Field>
        <Field form=form.clone() name="address[phone]" kind="tel" autocomplete="tel" value=a.phone error=err("phone")>
            {t!(i18n, accounts.phone)}
        </Field>
        <Field form=form.clone() name="address[region]" autocomplete="address-level1" value=a.region error=err("region")>
            {t!(i18n, accounts.region)}
        </Field>
        <Field form=form.clone() name="address[line1]" autocomplete="street-address" value=a.line1 error=err("line1")>
            {t!(i18n, accounts.line1)}
        </Field>
        <Field
            form=form
            name="address[postal_code]"
            autocomplete="postal-code"
            required=false
            value=a.postal_code.unwrap_or_default()
            error=err("postal_code")
        >
            {t!(i18n, accounts.postal_code)}
        </Field>
        <label class="check">
            <input type="checkbox" name="address[is_default]" checked=a.is_default />
            <span>{t!(i18n, accounts.make_default)}</span>
        </label>
    }
}
