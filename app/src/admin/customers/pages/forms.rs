//! The changes staff may make on a customer's page: disable or enable the
//! account, the membership level, and points.
use super::level_text;
use crate::accounts::components::{field_error, outcome};
use crate::admin::customers::api::{AdjustCustomerPoints, SetCustomerDisabled, SetCustomerLevel};
use crate::admin::customers::{LEVELS, MAX_REASON_CHARS};
use crate::error::ErrorKey;
use crate::i18n::*;
use crate::ui::kit::{FormStatus, error_text};
use leptos::prelude::*;

/// What is typed into the points form; kept by the page so a refused
/// change (the page reloads its data either way) keeps the text.
#[derive(Clone, Copy)]
pub struct PointsDraft {
    pub delta: RwSignal<String>,
    pub reason: RwSignal<String>,
}

/// Disable or enable the account, after a confirmation.
#[component]
pub fn DisableControl(
    id: i64,
    disabled: bool,
    action: ServerAction<SetCustomerDisabled>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let toggle_class = if disabled {
        "btn small"
    } else {
        "btn small danger"
    };
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_people.saved).to_string());
    view! {
        <div class="ap-account-actions">
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button
                        type="button"
                        class=toggle_class
                        data-testid="customer-toggle"
                        on:click=move |_| confirming.set(true)
                    >
                        {move || if disabled {
                            td_string!(i18n.get_locale(), admin_people.enable)
                        } else {
                            td_string!(i18n.get_locale(), admin_people.disable)
                        }}
                    </button>
                }
            >
                <p class="confirm-box" role="alertdialog" aria-labelledby="toggle-question">
                    <span id="toggle-question">
                        {move || if disabled {
                            td_string!(i18n.get_locale(), admin_people.enable_confirm)
                        } else {
                            td_string!(i18n.get_locale(), admin_people.disable_confirm)
                        }}
                    </span>
                    <button
                        type="button"
                        class="btn small danger"
                        data-testid="customer-toggle-yes"
                        disabled=move || action.pending().get()
                        on:click=move |_| {
                            confirming.set(false);
                            action.dispatch(SetCustomerDisabled { id, disabled: !disabled });
                        }
                    >
                        {move || if disabled {
                            td_string!(i18n.get_locale(), admin_people.enable)
                        } else {
                            td_string!(i18n.get_locale(), admin_people.disable)
                        }}
                    </button>
                    <button type="button" class="btn small" on:click=move |_| confirming.set(false)>
                        {t!(i18n, admin_people.cancel)}
                    </button>
                </p>
            </Show>
            <FormStatus result=outcome(action) success=saved />
        </div>
    }
}

/// What is chosen and typed into the level form; kept by the page, like
/// [`PointsDraft`], so a refused change keeps it.
#[derive(Clone, Copy)]
pub struct LevelDraft {
    /// None: the floor the customer has.
    pub level: RwSignal<Option<String>>,
    pub reason: RwSignal<String>,
}

/// The level floor: the lowest level the shopper keeps whatever their
/// spend (regular: none), with the reason staff give (audited).
#[component]
pub fn LevelForm(
    id: i64,
    current: String,
    action: ServerAction<SetCustomerLevel>,
    draft: LevelDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = draft
        .level
        .get_untracked()
        .unwrap_or_else(|| current.clone());
    let (chosen, reason) = (draft.level, draft.reason);
    let reason_err = field_error(action, "level_reason");
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_people.saved).to_string());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(SetCustomerLevel {
            id,
            level: chosen.get_untracked().unwrap_or_else(|| current.clone()),
            reason: reason.get_untracked(),
        });
    };
    view! {
        <form class="ap-points-form" on:submit=on_submit data-testid="level-form" novalidate>
            <h3>{t!(i18n, admin_people.floor_title)}</h3>
            <p class="field-hint">{t!(i18n, admin_people.floor_hint)}</p>
            <div class="field">
                <label for="customer-level-select">{t!(i18n, admin_people.level_label)}</label>
                <select
                    id="customer-level-select"
                    name="level"
                    data-testid="level-select"
                    on:change=move |ev| chosen.set(Some(event_target_value(&ev)))
                >
                    {LEVELS.into_iter().map(|l| view! {
                        <option value=l selected=l == shown>{move || floor_text(i18n.get_locale(), l)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field" class:invalid=move || reason_err.get().is_some()>
                <label for="level-reason">{t!(i18n, admin_people.floor_reason)}</label>
                <input
                    id="level-reason"
                    name="level_reason"
                    type="text"
                    maxlength=MAX_REASON_CHARS.to_string()
                    autocomplete="off"
                    required=true
                    data-testid="level-reason"
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                    aria-invalid=move || reason_err.get().map(|_| "true")
                    aria-describedby="level-reason-error"
                />
                <p class="field-error" id="level-reason-error" aria-live="polite">
                    {move || reason_err.get().map(|k| error_text(i18n.get_locale(), k))}
                </p>
            </div>
            <button class="btn small primary" type="submit" data-testid="level-save" disabled=move || action.pending().get()>
                {t!(i18n, admin_people.save_level)}
            </button>
            <FormStatus result=outcome(action) success=saved />
        </form>
    }
}

/// A floor choice: "none" for the lowest level.
fn floor_text(locale: Locale, level: &str) -> &'static str {
    match level {
        "regular" => td_string!(locale, admin_people.floor_none),
        l => level_text(locale, l),
    }
}

/// The message for the points field: the shared error keys, read for points.
fn delta_text(locale: Locale, key: ErrorKey) -> &'static str {
    match key {
        ErrorKey::Required => td_string!(locale, admin_people.points_delta_required),
        ErrorKey::TooLong => td_string!(locale, admin_people.points_delta_range),
        ErrorKey::BadRequest => td_string!(locale, admin_people.points_below_zero),
        k => error_text(locale, k),
    }
}

#[component]
pub fn PointsForm(
    id: i64,
    balance: i32,
    action: ServerAction<AdjustCustomerPoints>,
    draft: PointsDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    // A text that is not a whole number never leaves the browser.
    let local = RwSignal::new(None::<ErrorKey>);
    let server_delta = field_error(action, "delta");
    let delta_err = Signal::derive(move || local.get().or_else(|| server_delta.get()));
    let reason_err = field_error(action, "reason");
    let saved = Signal::derive(move || {
        td_string!(i18n.get_locale(), admin_people.points_saved).to_string()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.delta.get_untracked();
        let text = text.trim().trim_start_matches('+');
        match text.parse::<i32>() {
            Ok(delta) => {
                local.set(None);
                action.dispatch(AdjustCustomerPoints {
                    id,
                    delta,
                    reason: draft.reason.get_untracked(),
                });
            }
            Err(_) => local.set(Some(if text.is_empty() {
                ErrorKey::Required
            } else {
                ErrorKey::TooLong
            })),
        }
    };
    view! {
        <form class="ap-points-form" on:submit=on_submit data-testid="points-form" novalidate>
            <h3>{t!(i18n, admin_people.points_title)}</h3>
            <div class="field" class:invalid=move || delta_err.get().is_some()>
                <label for="points-delta">{t!(i18n, admin_people.points_delta)}</label>
                <input
                    id="points-delta"
                    name="delta"
                    type="number"
                    step="1"
                    autocomplete="off"
                    required=true
                    data-testid="points-delta"
                    prop:value=move || draft.delta.get()
                    on:input=move |ev| draft.delta.set(event_target_value(&ev))
                    aria-invalid=move || delta_err.get().map(|_| "true")
                    aria-describedby="points-delta-hint points-delta-error"
                />
                <p class="field-hint" id="points-delta-hint">
                    {move || td_string!(i18n.get_locale(), admin_people.points_delta_hint, points = balance).to_string()}
                </p>
                <p class="field-error" id="points-delta-error" aria-live="polite" data-testid="points-delta-error">
                    {move || delta_err.get().map(|k| delta_text(i18n.get_locale(), k))}
                </p>
            </div>
            <div class="field" class:invalid=move || reason_err.get().is_some()>
                <label for="points-reason">{t!(i18n, admin_people.points_reason)}</label>
                <input
                    id="points-reason"
                    name="reason"
                    type="text"
                    maxlength=MAX_REASON_CHARS.to_string()
                    autocomplete="off"
                    required=true
                    data-testid="points-reason"
                    prop:value=move || draft.reason.get()
                    on:input=move |ev| draft.reason.set(event_target_value(&ev))
                    aria-invalid=move || reason_err.get().map(|_| "true")
                    aria-describedby="points-reason-error"
                />
                <p class="field-error" id="points-reason-error" aria-live="polite">
                    {move || reason_err.get().map(|k| error_text(i18n.get_locale(), k))}
                </p>
            </div>
            <FormStatus result=outcome(action) success=saved />
            <button class="btn primary" type="submit" data-testid="points-submit" disabled=move || action.pending().get()>
                {t!(i18n, admin_people.points_submit)}
            </button>
        </form>
    }
}
