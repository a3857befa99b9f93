//! Deleting the account: what happens and when, the password that confirms
//! it, and, while the request is open, its date and the way back.
use crate::accounts::components::{field_error, outcome};
use crate::i18n::*;
use crate::privacy::DeletionState;
use crate::privacy::api::{CancelDeletion, RequestDeletion};
use crate::ui::kit::{Field, FormStatus};
use leptos::prelude::*;

/// At the top of the settings page while a deletion is due: the date as
/// text, and the button that keeps the account.
#[component]
pub fn DeletionBanner(d: DeletionState, cancel: ServerAction<CancelDeletion>) -> impl IntoView {
    let i18n = use_i18n();
    let due = d.due.clone();
    view! {
        <div class="privacy-notice" role="status" data-testid="deletion-scheduled" data-due=d.due_iso.clone()>
            <p>{t!(i18n, privacy.deletion_scheduled, date = due)}</p>
            <button
                type="button"
                class="btn primary"
                data-testid="cancel-deletion"
                disabled=move || cancel.pending().get()
                on:click=move |_| {
                    cancel.dispatch(CancelDeletion {});
                }
            >
                {t!(i18n, privacy.cancel_deletion)}
            </button>
            <FormStatus result=outcome(cancel) />
        </div>
    }
}

#[component]
pub fn DeletionPanel(
    deletion: Option<DeletionState>,
    cooling_off_days: u64,
    can_delete: bool,
    delete: ServerAction<RequestDeletion>,
    cancel: ServerAction<CancelDeletion>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cancelled = Signal::derive(move || {
        td_string!(i18n.get_locale(), privacy.deletion_cancelled).to_string()
    });
    let body = match (deletion, can_delete) {
        (Some(d), _) => {
            let (due, requested) = (d.due.clone(), d.requested.clone());
            view! {
                <p data-testid="deletion-details">
                    {t!(i18n, privacy.deletion_details, requested = requested, date = due)}
                </p>
            }
            .into_any()
        }
        (None, false) => view! { <p>{t!(i18n, privacy.delete_staff)}</p> }.into_any(),
        // After a cancel, the form is back with the news that it worked.
        (None, true) => view! {
            <FormStatus result=outcome(cancel) success=cancelled />
            <DeleteForm cooling_off_days delete />
        }
        .into_any(),
    };
    view! {
        <section class="card privacy-danger" aria-labelledby="delete-title" data-testid="delete-account">
            <h2 id="delete-title">{t!(i18n, privacy.delete_title)}</h2>
            {body}
        </section>
    }
}

#[component]
fn DeleteForm(cooling_off_days: u64, delete: ServerAction<RequestDeletion>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>{t!(i18n, privacy.delete_intro, days = cooling_off_days.to_string())}</p>
        <ul class="privacy-list">
            <li>{t!(i18n, privacy.delete_what_identity)}</li>
            <li>{t!(i18n, privacy.delete_what_orders)}</li>
            <li>{t!(i18n, privacy.delete_what_reviews)}</li>
            <li>{t!(i18n, privacy.delete_what_cancel)}</li>
        </ul>
        <p class="muted">{t!(i18n, privacy.delete_download_first)}</p>
        <ActionForm action=delete>
            <Field
                form="delete"
                name="password"
                kind="password"
                autocomplete="current-password"
                error=field_error(delete, "password")
            >
                {t!(i18n, privacy.delete_password)}
            </Field>
            <FormStatus result=outcome(delete) />
            <button class="btn danger" type="submit" data-testid="request-deletion" disabled=move || delete.pending().get()>
                {t!(i18n, privacy.delete_submit)}
            </button>
        </ActionForm>
    }
}
