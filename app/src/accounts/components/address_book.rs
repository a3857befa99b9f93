//! The address book: list, add, edit, make default, delete.
use super::address_form::AddressFields;
use super::{close_on_success, last_error, outcome};
use crate::accounts::Address;
use crate::accounts::api::{
    AddAddress, DeleteAddress, SetDefaultAddress, UpdateAddress, list_addresses,
};
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, FormStatus};
use leptos::prelude::*;

/// The address book's actions and its list. Created at the top of the page:
/// a resource created inside another resource's Transition is created anew
/// on each server pass, and hydration then pairs it with the wrong data.
#[derive(Clone, Copy)]
pub struct AddressBookState {
    add: ServerAction<AddAddress>,
    delete: ServerAction<DeleteAddress>,
    make_default: ServerAction<SetDefaultAddress>,
    update: ServerAction<UpdateAddress>,
    list: crate::ui::kit::Data<Result<Vec<Address>, crate::error::AppError>>,
}

impl Default for AddressBookState {
    fn default() -> Self {
        Self::new()
    }
}

impl AddressBookState {
    pub fn new() -> Self {
        let add = ServerAction::<AddAddress>::new();
        let delete = ServerAction::<DeleteAddress>::new();
        let make_default = ServerAction::<SetDefaultAddress>::new();
        let update = ServerAction::<UpdateAddress>::new();
        let list = crate::ui::kit::resource(
            move || {
                (
                    add.version().get(),
                    delete.version().get(),
                    make_default.version().get(),
                    update.version().get(),
                )
            },
            |_| list_addresses(),
        );
        AddressBookState {
            add,
            delete,
            make_default,
            update,
            list,
        }
    }
}

#[component]
pub fn AddressBook(state: AddressBookState) -> impl IntoView {
    let i18n = use_i18n();
    let AddressBookState {
        add,
        delete,
        make_default,
        update,
        list,
    } = state;
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), accounts.address_saved).to_string());
    let add_panel = NodeRef::<leptos::html::Details>::new();
    close_on_success(add, add_panel, true);
    view! {
        <section class="card wide" aria-labelledby="addresses-title">
            <h2 id="addresses-title">{t!(i18n, accounts.addresses_title)}</h2>
            <Transition fallback=|| ()>
                {crate::ui::kit::drawn(list, move |r| match r {
                    Ok(items) if items.is_empty() => view! { <p class="empty">{t!(i18n, accounts.no_addresses)}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="address-list">
                            {items.into_iter().map(|a| view! { <AddressItem a delete make_default update /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
            <FormStatus result=outcome(delete) />
            <FormStatus result=outcome(update) success=saved />
            <details class="add-address" node_ref=add_panel>
                <summary class="btn">{t!(i18n, accounts.add_address)}</summary>
                <ActionForm action=add>
                    <AddressFields form="addr".to_string() errors=last_error(add) />
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
    update: ServerAction<UpdateAddress>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = a.recipient.clone();
    let edit_name = a.recipient.clone();
    let editing = a.clone();
    let edit_panel = NodeRef::<leptos::html::Details>::new();
    close_on_success(update, edit_panel, false);
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
            <details class="edit-address" node_ref=edit_panel>
                <summary
                    class="btn small"
                    aria-label=move || td_string!(i18n.get_locale(), accounts.edit_address_label, name = edit_name.clone())
                >
                    {t!(i18n, accounts.edit)}
                </summary>
                <ActionForm action=update>
                    <input type="hidden" name="id" value=a.id.to_string() />
                    <AddressFields form=format!("addr-{}", a.id) initial=editing errors=last_error(update) />
                    <button class="btn primary" type="submit" disabled=move || update.pending().get()>
                        {t!(i18n, accounts.update_address)}
                    </button>
                </ActionForm>
            </details>
        </li>
    }
}
