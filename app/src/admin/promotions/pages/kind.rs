//! The editor's first section: which kind of promotion (fixed once created).
use super::text::{field_message, kind_hint, kind_text};
use crate::admin::promotions::BenefitChoice;
use crate::error::ErrorKey;
use crate::i18n::*;
use crate::promotions::PromotionKind;
use leptos::prelude::*;

/// Radio buttons for a new promotion, the kind as a tag for a stored one.
/// Leaving coupons drops free delivery, which only a coupon gives.
#[component]
pub(super) fn KindSection(
    editing: bool,
    initial: PromotionKind,
    kind: RwSignal<PromotionKind>,
    benefit: RwSignal<BenefitChoice>,
    error: Signal<Option<ErrorKey>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="promo-section">
            <legend>{t!(i18n, admin_promo.section_kind)}</legend>
            {if editing {
                view! {
                    <p><span class="tag" data-testid="promo-kind">{move || kind_text(i18n.get_locale(), initial)}</span></p>
                    <p class="field-hint">{t!(i18n, admin_promo.kind_fixed)}</p>
                }.into_any()
            } else {
                view! {
                    <div class="promo-kinds" role="radiogroup">
                        {PromotionKind::ALL.into_iter().map(|k| view! {
                            <label class="choice promo-kind">
                                <input
                                    type="radio"
                                    name="kind"
                                    value=k.as_str()
                                    data-testid=format!("kind-{}", k.as_str())
                                    checked=initial == k
                                    prop:checked=move || kind.get() == k
                                    on:change=move |_| {
                                        kind.set(k);
                                        if k != PromotionKind::Coupon && benefit.get_untracked() == BenefitChoice::FreeShipping {
                                            benefit.set(BenefitChoice::Percent);
                                        }
                                    }
                                />
                                <span>
                                    <strong>{move || kind_text(i18n.get_locale(), k)}</strong>
                                    <span class="muted promo-kind-hint">{move || kind_hint(i18n.get_locale(), k)}</span>
                                </span>
                            </label>
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
            <p class="field-error" aria-live="polite">
                {move || error.get().map(|k| field_message(i18n.get_locale(), "kind", k))}
            </p>
        </fieldset>
    }
}
