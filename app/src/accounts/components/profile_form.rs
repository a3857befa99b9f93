use super::{field_error, outcome};
use crate::accounts::Profile;
use crate::accounts::api::UpdateProfile;
use crate::accounts::links::api::ResendConfirmation;
use crate::i18n::*;
use crate::ui::kit::{Field, FormStatus};
use leptos::prelude::*;

#[component]
pub fn ProfileForm(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<UpdateProfile>::new();
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), accounts.profile_saved).to_string());
    view! {
        <section class="card" aria-labelledby="profile-title">
            <h2 id="profile-title">{t!(i18n, accounts.profile_title)}</h2>
            <p class="muted">{t!(i18n, accounts.signed_in_as, email = profile.email.clone())}</p>
            <EmailState confirmed=profile.email_confirmed />
            <ActionForm action>
                <Field form="profile" name="display_name" autocomplete="nickname" value=profile.display_name.clone() error=field_error(action, "display_name")>
                    {t!(i18n, accounts.display_name)}
                </Field>
                <Field form="profile" name="phone" kind="tel" autocomplete="tel" required=false value=profile.phone.clone().unwrap_or_default() error=field_error(action, "phone")>
                    {t!(i18n, accounts.phone_optional)}
                </Field>
                <BirthdayField birthday=profile.birthday error=field_error(action, "birth_day") />
                <FormStatus result=outcome(action) success=saved />
                <button class="btn primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, accounts.save)}</button>
            </ActionForm>
        </section>
    }
}

/// Whether the address is confirmed, as text; if not, a button that sends
/// the confirmation e-mail again.
#[component]
fn EmailState(confirmed: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResendConfirmation>::new();
    let sent =
        Signal::derive(move || td_string!(i18n.get_locale(), accounts.resend_done).to_string());
    if confirmed {
        return view! { <p class="form-status ok">{t!(i18n, accounts.email_confirmed)}</p> }
            .into_any();
    }
    view! {
        <div>
            <p class="form-status error">{t!(i18n, accounts.email_unconfirmed)}</p>
            <ActionForm action>
                <super::MailFormStatus result=outcome(action) success=sent />
                <button class="btn" type="submit" disabled=move || action.pending().get()>
                    {t!(i18n, accounts.resend_confirm)}
                </button>
            </ActionForm>
        </div>
    }
    .into_any()
}

/// Month and day, each a choice (blank for none): the shop gives a
/// birthday coupon, and never asks the year.
#[component]
fn BirthdayField(
    birthday: Option<(i16, i16)>,
    error: Signal<Option<crate::error::ErrorKey>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let (month, day) = birthday.unzip();
    view! {
        <fieldset class="field birthday-field" class:invalid=move || error.get().is_some()>
            <legend>{t!(i18n, accounts.birthday)}</legend>
            <div class="inline-form">
                <label for="profile-birth_month">
                    <span>{t!(i18n, accounts.birth_month)}</span>
                    <select id="profile-birth_month" name="birth_month" aria-describedby="profile-birthday-error">
                        <option value="">{t!(i18n, accounts.birthday_unset)}</option>
                        {(1..=12i16).map(|m| view! { <option value=m.to_string() selected=month == Some(m)>{m}</option> }).collect_view()}
                    </select>
                </label>
                <label for="profile-birth_day">
                    <span>{t!(i18n, accounts.birth_day)}</span>
                    <select id="profile-birth_day" name="birth_day" aria-describedby="profile-birthday-error">
                        <option value="">{t!(i18n, accounts.birthday_unset)}</option>
                        {(1..=31i16).map(|d| view! { <option value=d.to_string() selected=day == Some(d)>{d}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <p class="field-hint">{t!(i18n, accounts.birthday_hint)}</p>
            <p class="field-error" id="profile-birthday-error" aria-live="polite">
                {move || error.get().map(|k| crate::ui::kit::error_text(l(), k))}
            </p>
        </fieldset>
    }
}
