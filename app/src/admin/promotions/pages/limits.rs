//! The editor's limits section: the validity window in the shop's time,
//! the usage limits, and whether the promotion is on.
use super::editor::{PField, field_err};
use crate::admin::promotions::PromotionForm;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// `used_count` is how often a stored promotion has been used, which its
/// usage limit may not go below.
#[component]
pub(super) fn LimitsSection(
    initial: PromotionForm,
    editing: bool,
    used_count: i32,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let usage_hint = Signal::derive(move || {
        if editing {
            td_string!(
                i18n.get_locale(),
                admin_promo.hint_usage_limit_used,
                n = used_count
            )
            .to_string()
        } else {
            td_string!(i18n.get_locale(), admin_promo.hint_no_limit).to_string()
        }
    });
    let window_hint =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_promo.hint_window).to_string());
    let limit_hint = Signal::derive(move || {
        td_string!(i18n.get_locale(), admin_promo.hint_no_limit).to_string()
    });
    let err = move |field: &str| field_err(error, field);
    view! {
        <fieldset class="promo-section">
            <legend>{t!(i18n, admin_promo.section_limits)}</legend>
            <div class="promo-grid">
                <PField name="starts_at" kind="datetime-local" value=initial.starts_at hint=window_hint error=err("starts_at")>
                    {t!(i18n, admin_promo.field_starts_at)}
                </PField>
                <PField name="ends_at" kind="datetime-local" value=initial.ends_at error=err("ends_at")>
                    {t!(i18n, admin_promo.field_ends_at)}
                </PField>
                <PField name="usage_limit" value=initial.usage_limit inputmode="numeric" hint=usage_hint error=err("usage_limit")>
                    {t!(i18n, admin_promo.field_usage_limit)}
                </PField>
                <PField name="per_customer_limit" value=initial.per_customer_limit inputmode="numeric" hint=limit_hint error=err("per_customer_limit")>
                    {t!(i18n, admin_promo.field_per_customer_limit)}
                </PField>
            </div>
            <label class="check">
                <input type="checkbox" name="active" checked=initial.active data-testid="promo-active" />
                <span>{t!(i18n, admin_promo.field_active)}</span>
            </label>
        </fieldset>
    }
}
