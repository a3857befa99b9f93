//! The address book: list, add, make default, delete.
use super::{field_error, outcome};
use crate::accounts::Address;
use crate::accounts::api::{AddAddress, DeleteAddress, SetDefaultAddress, list_addresses};
use crate::i18n::*;
use crate::ui::{ErrorNote, Field, FormStatus};
use leptos::prelude::*;

#[component]
pub fn AddressBook() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddAddress>::new();
    let delete = ServerAction::<DeleteAddress>::new();
    let make_default = ServerAction::<SetDefaultAddress>::new();
    let list = Resource::new(
        move || {
            (
                add.version().get(),
                delete.version().get(),
                make_default.version().get(),
            )
        },
        |_| list_addresses(),
    );
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), accounts.address_saved).to_string());
    let err = move |f: &'static str| field_error(add, f);
    view! {
        <section class="card wide" aria-labelledby="addresses-title">
            <h2 id="addresses-title">{t!(i18n, accounts.addresses_title)}</h2>
            <Transition fallback=|| ()>
                {move || list.get().map(|r| match r {
                    Ok(items) if items.is_empty() => view! { <p class="empty">{t!(i18n, accounts.no_addresses)}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="address-list">
                            {items.into_iter().map(|a| view! { <AddressItem a delete make_default /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
            <FormStatus result=outcome(delete) />
            <details class="add-address" open=move || add.value().with(|v| matches!(v, Some(Err(_))))>
                <summary class="btn">{t!(i18n, accounts.add_address)}</summary>
                <ActionForm action=add>
                    <Field form="addr" name="address[recipient]" autocomplete="name" error=err("recipient")>
                        {t!(i18n, accounts.recipient)}
                    </Field>
                    <Field form="addr" name="address[phone]" kind="tel" autocomplete="tel" error=err("phone")>
                        {t!(i18n, accounts.phone)}
                    </Field>
                    <Field form="addr" name="address[region]" autocomplete="address-level1" error=err("region")>
                        {t!(i18n, accounts.region)}
                    </Field>
                    <Field form="addr" name="address[line1]" autocomplete="street-address" error=err("line1")>
                        {t!(i18n, accounts.line1)}
                    </Field>
                    <Field form="addr" name="address[postal_code]" autocomplete="postal-code" required=false error=err("postal_code")>
                        {t!(i18n, accounts.postal_code)}
                    </Field>
                    <label class="check">
                        <input type="checkbox" name="address[is_default]" />
                        <span>{t!(i18n, accounts.make_default)}</span>
                    </label>
                    <FormStatus result=outcome(add) success=saved />
                    <button class="btn primary" type="submit" disabled=move || add.pending().get()>{t!(i18n, accounts.save_address)}</button>
                </ActionForm>
            </details>
        </section>
    }
}

#[component]
fn AddressItem(
    a: Address,
    delete: ServerAction<DeleteAddress>,
    make_default: ServerAction<SetDefaultAddress>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = a.recipient.clone();
    view! {
        <li class="address" class:default=a.is_default>
            <p class="addr-name">
                <strong>{a.recipient.clone()}</strong> " " <span>{a.phone.clone()}</span>
                {a.is_default.then(|| view! { <span class="tag">{t!(i18n, accounts.default_badge)}</span> })}
            </p>
            <p>{a.region.clone()} " " {a.line1.clone()} " " {a.postal_code.clone().unwrap_or_default()}</p>
            <div class="addr-actions">
                {(!a.is_default).then(|| view! {
                    <ActionForm action=make_default>
                        <input type="hidden" name="id" value=a.id.to_string() />
                        <button class="btn small" type="submit">{t!(i18n, accounts.set_default)}</button>
                    </ActionForm>
                })}
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=a.id.to_string() />
                    <button
                        class="btn small danger"
                        type="submit"
                        aria-label=move || td_string!(i18n.get_locale(), accounts.delete_address_label, name = name.clone())
                    >
                        {t!(i18n, accounts.delete)}
                    </button>
                </ActionForm>
            </div>
        </li>
    }
}
