//! The points rules card on `/admin/loyalty`: the form (each field with its
//! range and its own message) and the latest versions, each written out.
use super::api::{SavePointsRules, admin_points_rules};
use super::{FIELDS, PointsRulesForm, PointsVersion};
use crate::accounts::components::outcome;
use crate::admin::shell::AdminError;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::ui::kit::{FormStatus, error_text, form_data, format_money};
use leptos::prelude::*;

#[component]
pub fn PointsRulesCard() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SavePointsRules>::new();
    // Redrawn after a save that worked only: a refused one keeps what was typed.
    let saved = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            saved.update(|n| *n += 1);
        }
    });
    let data = crate::ui::kit::resource(move || saved.get(), |_| admin_points_rules());
    view! {
        <section class="card" aria-labelledby="points-rules-title">
            <h2 id="points-rules-title">{t!(i18n, admin_promo.points_rules_title)}</h2>
            <p class="muted">{t!(i18n, admin_promo.points_rules_hint)}</p>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {crate::ui::kit::drawn(data, move |r| match r {
                    Ok(v) => view! { <RulesForm versions=v save /> }.into_any(),
                    Err(e) => view! { <AdminError error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// A field's label in `locale`.
fn label(locale: Locale, field: &str) -> &'static str {
    match field {
        "earn_per_unit" => td_string!(locale, admin_promo.points_earn_per_unit),
        "expire_days" => td_string!(locale, admin_promo.points_expire_days),
        "warn_days" => td_string!(locale, admin_promo.points_warn_days),
        "redeem_minor_per_point" => td_string!(locale, admin_promo.points_redeem_value),
        "redeem_min" => td_string!(locale, admin_promo.points_redeem_min),
        _ => td_string!(locale, admin_promo.points_redeem_max_pct),
    }
}

/// A message in words; this form's own key's text lives here, in the
/// back office's piece.
fn rules_error_text(locale: Locale, key: ErrorKey) -> &'static str {
    match key {
        ErrorKey::PointsWarnAfterExpiry => td_string!(locale, errors.points_warn_after_expiry),
        other => error_text(locale, other),
    }
}

#[component]
fn RulesForm(versions: Vec<PointsVersion>, save: ServerAction<SavePointsRules>) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let Some(current) = versions.first().map(|v| v.terms) else {
        return view! { <AdminError error=AppError::NotFound /> }.into_any();
    };
    let typed = PointsRulesForm::from_terms(&current);
    let values = [
        typed.earn_per_unit,
        typed.expire_days,
        typed.warn_days,
        typed.redeem_minor_per_point,
        typed.redeem_min,
        typed.redeem_max_pct,
    ];
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = form_data(&ev);
        save.dispatch(SavePointsRules {
            form: PointsRulesForm {
                earn_per_unit: v("earn_per_unit"),
                expire_days: v("expire_days"),
                warn_days: v("warn_days"),
                redeem_minor_per_point: v("redeem_minor_per_point"),
                redeem_min: v("redeem_min"),
                redeem_max_pct: v("redeem_max_pct"),
            },
        });
    };
    let unchanged = move || matches!(save.value().get(), Some(Ok(false)));
    let success = Signal::derive(move || {
        if unchanged() {
            td_string!(l(), admin_promo.points_rules_unchanged).to_string()
        } else {
            td_string!(l(), admin_promo.points_rules_saved).to_string()
        }
    });
    view! {
        <form class="stack-form" on:submit=submit data-testid="points-rules-form" novalidate>
            <div class="inline-form">
                {FIELDS.into_iter().zip(values).map(|((name, lo, hi), value)| {
                    let id = format!("points-{name}");
                    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
                    let (described, label_for) = (format!("{hint_id} {error_id}"), id.clone());
                    let error = move || {
                        save.value().get().and_then(|r| r.err())
                            .and_then(|e: AppError| e.field(name))
                            .map(|k| rules_error_text(l(), k))
                    };
                    view! {
                        <label for=label_for>
                            <span>{move || label(l(), name)}</span>
                            <input id=id name=name inputmode="numeric" value=value aria-describedby=described />
                            <span class="field-hint" id=hint_id>{move || td_string!(l(), admin_promo.points_range, lo = lo, hi = hi).to_string()}</span>
                            <span class="field-error" id=error_id aria-live="polite">{error}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <button class="btn primary" type="submit" disabled=move || save.pending().get()>{t!(i18n, admin_promo.points_rules_save)}</button>
            <FormStatus result=outcome(save) success />
        </form>
        <h3 id="points-versions-title">{t!(i18n, admin_promo.points_versions_title)}</h3>
        <ol class="plain version-list" aria-labelledby="points-versions-title" data-testid="points-versions">
            {versions.into_iter().enumerate().map(|(i, v)| version_item(i == 0, v)).collect_view()}
        </ol>
    }
    .into_any()
}

fn version_item(in_force: bool, v: PointsVersion) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.get_locale();
    let t = v.terms;
    let who = v.staff.clone();
    view! {
        <li>
            <strong>{move || {
                let who = who.clone().unwrap_or_else(|| td_string!(l(), admin_promo.points_version_shop).to_string());
                td_string!(l(), admin_promo.points_version_line, id = v.id, when = v.created.clone(), who = who, grants = v.grants).to_string()
            }}</strong>
            {in_force.then(|| view! { " " <span class="tag ok">{t!(i18n, admin_promo.points_version_in_force)}</span> })}
            <br />
            <span class="muted">{move || td_string!(l(), admin_promo.points_version_terms,
                earn = t.earn_per_unit, expire = t.expire_days, warn = t.warn_days,
                value = format_money(i64::from(t.redeem_minor_per_point), "CNY"),
                min = t.redeem_min, pct = t.redeem_max_pct).to_string()}</span>
        </li>
    }
}
