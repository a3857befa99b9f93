//! The editor's benefit section: percent, amount or free delivery (a
//! coupon's only), or a 满减's tiers; the minimum spend of coupons and
//! new-customer offers; whether a coupon counts sale items.
use super::editor::{PField, field_err};
use super::text::{benefit_choice_text, field_message};
use super::tiers::{TierRows, TiersField};
use crate::admin::promotions::{BenefitChoice, PromotionForm};
use crate::error::AppError;
use crate::i18n::*;
use crate::promotions::PromotionKind;
use leptos::prelude::*;

#[component]
pub(super) fn BenefitSection(
    initial: PromotionForm,
    kind: RwSignal<PromotionKind>,
    benefit: RwSignal<BenefitChoice>,
    tiers: TierRows,
    next_key: StoredValue<usize>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is = move |k: PromotionKind| kind.get() == k;
    let benefit_err = field_err(error, "benefit");
    let amount_hint = Signal::derive(move || {
        if kind.get() == PromotionKind::Sale {
            td_string!(i18n.get_locale(), admin_promo.hint_per_item).to_string()
        } else {
            td_string!(i18n.get_locale(), admin_promo.hint_money).to_string()
        }
    });
    let min_spend_hint = Signal::derive(move || {
        td_string!(i18n.get_locale(), admin_promo.hint_min_spend).to_string()
    });
    view! {
        <fieldset class="promo-section">
            <legend>{t!(i18n, admin_promo.section_benefit)}</legend>
            <div hidden=move || is(PromotionKind::Threshold)>
                <div class="promo-benefits" role="radiogroup">
                    {BenefitChoice::ALL.into_iter().map(|b| view! {
                        <label
                            class="choice"
                            hidden=move || b == BenefitChoice::FreeShipping && !is(PromotionKind::Coupon)
                        >
                            <input
                                type="radio"
                                name="benefit"
                                value=b.as_str()
                                data-testid=format!("benefit-{}", b.as_str())
                                checked=initial.benefit == b
                                prop:checked=move || benefit.get() == b
                                on:change=move |_| benefit.set(b)
                            />
                            <span>{move || benefit_choice_text(i18n.get_locale(), b)}</span>
                        </label>
                    }).collect_view()}
                </div>
                <p class="field-error" aria-live="polite">
                    {move || benefit_err.get().map(|k| field_message(i18n.get_locale(), "benefit", k))}
                </p>
                <div hidden=move || benefit.get() != BenefitChoice::Percent>
                    <PField name="percent_off" value=initial.percent_off.clone() inputmode="numeric" maxlength="3" error=field_err(error, "percent_off")>
                        {t!(i18n, admin_promo.field_percent_off)}
                    </PField>
                </div>
                <div hidden=move || benefit.get() != BenefitChoice::Amount>
                    <PField name="amount_off" value=initial.amount_off.clone() inputmode="decimal" hint=amount_hint error=field_err(error, "amount_off")>
                        {t!(i18n, admin_promo.field_amount_off)}
                    </PField>
                </div>
            </div>
            <TiersField kind tiers next_key error />
            <div hidden=move || !(is(PromotionKind::Coupon) || is(PromotionKind::NewCustomer))>
                <PField name="min_spend" value=initial.min_spend.clone() inputmode="decimal" hint=min_spend_hint error=field_err(error, "min_spend")>
                    {t!(i18n, admin_promo.field_min_spend)}
                </PField>
            </div>
            <div hidden=move || !is(PromotionKind::Coupon)>
                <label class="check">
                    <input type="checkbox" name="applies_to_sale_items" checked=initial.applies_to_sale_items data-testid="promo-sale-items" />
                    <span>{t!(i18n, admin_promo.field_applies_to_sale_items)}</span>
                </label>
            </div>
        </fieldset>
    }
}
