//! The 满减 tiers in the editor: rows added and removed in place, under
//! stable keys so removing one keeps what was typed in the others. Errors
//! name a tier by its position (`tier{i}_min`), which moves as rows go.
use super::editor::field_err;
use super::text::field_message;
use crate::admin::promotions::TierInput;
use crate::error::AppError;
use crate::i18n::*;
use crate::promotions::{MAX_TIERS, PromotionKind};
use leptos::prelude::*;

/// Rows under their keys, in the order shown.
pub(super) type TierRows = RwSignal<Vec<(usize, TierInput)>>;

/// The first rows (the stored tiers, or one empty row) and the next key.
pub(super) fn first_rows(initial: &[TierInput]) -> (Vec<(usize, TierInput)>, usize) {
    let mut rows: Vec<(usize, TierInput)> = initial.iter().cloned().enumerate().collect();
    if rows.is_empty() {
        rows.push((0, TierInput::default()));
    }
    let next = rows.len();
    (rows, next)
}

/// The tiers as typed, read from the submitted form by each row's key.
pub(super) fn read_tiers(
    get: &impl Fn(&str) -> String,
    rows: &[(usize, TierInput)],
) -> Vec<TierInput> {
    rows.iter()
        .map(|(key, _)| TierInput {
            min: get(&format!("tier_min_{key}")),
            off: get(&format!("tier_off_{key}")),
        })
        .collect()
}

/// Every tier row, the button that adds one, and the error about the
/// tiers as a whole; shown for a 满减 only.
#[component]
pub(super) fn TiersField(
    kind: RwSignal<PromotionKind>,
    tiers: TierRows,
    next_key: StoredValue<usize>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tiers_err = field_err(error, "tiers");
    view! {
        <div class="promo-tiers" hidden=move || kind.get() != PromotionKind::Threshold data-testid="promo-tiers">
            <p class="field-hint">{t!(i18n, admin_promo.hint_tiers)}</p>
            <For
                each=move || tiers.get()
                key=|row: &(usize, TierInput)| row.0
                children=move |(key, row): (usize, TierInput)| view! { <TierRow row_key=key row tiers error /> }
            />
            <button
                type="button"
                class="btn small"
                data-testid="tier-add"
                disabled=move || tiers.with(|t| t.len() >= MAX_TIERS)
                on:click=move |_| {
                    let key = next_key.get_value();
                    next_key.set_value(key + 1);
                    tiers.update(|t| t.push((key, TierInput::default())));
                }
            >
                {t!(i18n, admin_promo.tier_add)}
            </button>
            <p class="field-error" aria-live="polite">
                {move || tiers_err.get().map(|k| field_message(i18n.get_locale(), "tiers", k))}
            </p>
        </div>
    }
}

/// One tier: its minimum, what it takes off, and a button removing it
/// (never the last one).
#[component]
fn TierRow(
    row_key: usize,
    row: TierInput,
    tiers: TierRows,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = row_key;
    let pos = move || tiers.with(|t| t.iter().position(|(k, _)| *k == key).unwrap_or(0));
    let row_err = move |part: &'static str| {
        Signal::derive(move || {
            error.with(|e| {
                e.as_ref()
                    .and_then(|e| e.field(&format!("tier{}_{part}", pos())))
            })
        })
    };
    let (min_err, off_err) = (row_err("min"), row_err("off"));
    let min_id = format!("promo-tier_min_{key}");
    let off_id = format!("promo-tier_off_{key}");
    view! {
        <div class="tier-row" data-testid="tier-row">
            <div class="field" class:invalid=move || min_err.get().is_some()>
                <label for=min_id.clone()>{t!(i18n, admin_promo.tier_min)}</label>
                <input id=min_id name=format!("tier_min_{key}") inputmode="decimal" value=row.min.clone()
                    aria-invalid=move || min_err.get().map(|_| "true") />
                <p class="field-error" aria-live="polite">
                    {move || min_err.get().map(|k| field_message(i18n.get_locale(), "tier_min", k))}
                </p>
            </div>
            <div class="field" class:invalid=move || off_err.get().is_some()>
                <label for=off_id.clone()>{t!(i18n, admin_promo.tier_off)}</label>
                <input id=off_id name=format!("tier_off_{key}") inputmode="decimal" value=row.off.clone()
                    aria-invalid=move || off_err.get().map(|_| "true") />
                <p class="field-error" aria-live="polite">
                    {move || off_err.get().map(|k| field_message(i18n.get_locale(), "tier_off", k))}
                </p>
            </div>
            <button
                type="button"
                class="btn small tier-remove"
                disabled=move || tiers.with(|t| t.len() <= 1)
                on:click=move |_| tiers.update(|t| t.retain(|(k, _)| *k != key))
            >
                {t!(i18n, admin_promo.tier_remove)}
            </button>
        </div>
    }
}
