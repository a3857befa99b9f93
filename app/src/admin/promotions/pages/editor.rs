//! `/admin/promotions/new` and `/admin/promotions/:id`: the editor.
use super::text::{benefit_choice_text, field_message, kind_hint, kind_text};
use crate::admin::promotions::api::{SavePromotion, admin_promotion};
use crate::admin::promotions::validate::{MAX_TIERS, validate};
use crate::admin::promotions::{BenefitChoice, PromotionForm, TierInput};
use crate::admin::shell::AdminError;
use crate::catalog::Category;
use crate::catalog::api::category_menu;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::promotions::PromotionKind;
use crate::ui::{ErrorNote, form_data};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

const KINDS: [PromotionKind; 4] = [
    PromotionKind::Coupon,
    PromotionKind::Threshold,
    PromotionKind::Sale,
    PromotionKind::NewCustomer,
];

#[component]
pub fn PromotionEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    // "new" (or no id at all) creates.
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<i64>().ok())
    };
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => admin_promotion(id).await.map(Some),
            None => Ok(None),
        }
    });
    // Made here, not inside the Transition, so hydration pairs it correctly.
    let categories = Resource::new(
        move || i18n.get_locale().as_str().to_string(),
        category_menu,
    );
    view! {
        <section class="promo-admin promo-edit" data-testid="promo-edit-page">
            <p class="promo-back"><a href="/admin/promotions">{t!(i18n, admin_promo.back)}</a></p>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Ok(Some(p)) => view! {
                        <PromoForm initial=p.form used_count=p.used_count categories=categories />
                    }.into_any(),
                    Ok(None) => view! {
                        <PromoForm initial=PromotionForm::default() used_count=0 categories=categories />
                    }.into_any(),
                    Err(e) => view! { <AdminError error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

type Categories = Resource<Result<Vec<Category>, AppError>>;

fn field_err(error: RwSignal<Option<AppError>>, field: String) -> Signal<Option<ErrorKey>> {
    Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.field(&field))))
}

#[component]
fn PromoForm(initial: PromotionForm, used_count: i32, categories: Categories) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SavePromotion>::new();
    let navigate = use_navigate();
    let editing_id = initial.id;
    let editing = editing_id.is_some();
    let kind = RwSignal::new(initial.kind);
    let benefit = RwSignal::new(initial.benefit);
    let chosen = RwSignal::new(initial.category_ids.clone());
    // Tier rows under stable keys, so removing one keeps what was typed in the others.
    let mut first_rows: Vec<(usize, TierInput)> =
        initial.tiers.iter().cloned().enumerate().collect();
    if first_rows.is_empty() {
        first_rows.push((0, TierInput::default()));
    }
    let next_key = StoredValue::new(first_rows.len());
    let tiers = RwSignal::new(first_rows);
    let error = RwSignal::new(None::<AppError>);

    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            match result {
                Ok(_) => navigate("/admin/promotions", Default::default()),
                Err(e) => error.set(Some(e)),
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let get = form_data(&ev);
        let k = kind.get_untracked();
        let tier_rows = if k == PromotionKind::Threshold {
            tiers
                .get_untracked()
                .into_iter()
                .map(|(key, _)| TierInput {
                    min: get(&format!("tier_min_{key}")),
                    off: get(&format!("tier_off_{key}")),
                })
                .collect()
        } else {
            Vec::new()
        };
        let form = PromotionForm {
            id: editing_id,
            kind: k,
            code: get("code"),
            name_zh: get("name_zh"),
            name_en: get("name_en"),
            benefit: benefit.get_untracked(),
            percent_off: get("percent_off"),
            amount_off: get("amount_off"),
            tiers: tier_rows,
            min_spend: get("min_spend"),
            product_ids: get("product_ids"),
            category_ids: chosen.get_untracked(),
            applies_to_sale_items: !get("applies_to_sale_items").is_empty(),
            starts_at: get("starts_at"),
            ends_at: get("ends_at"),
            usage_limit: get("usage_limit"),
            per_customer_limit: get("per_customer_limit"),
            active: !get("active").is_empty(),
        };
        match validate(&form) {
            Err(e) => error.set(Some(e)),
            Ok(_) => {
                error.set(None);
                save.dispatch(SavePromotion { form });
            }
        }
    };

    let is = move |k: PromotionKind| kind.get() == k;
    let err = move |field: &str| field_err(error, field.to_string());
    let (kind_err, benefit_err, tiers_err) = (err("kind"), err("benefit"), err("tiers"));
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
    let amount_hint = Signal::derive(move || {
        if kind.get() == PromotionKind::Sale {
            td_string!(i18n.get_locale(), admin_promo.hint_per_item).to_string()
        } else {
            td_string!(i18n.get_locale(), admin_promo.hint_money).to_string()
        }
    });
    let window_hint =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_promo.hint_window).to_string());
    let code_hint =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_promo.hint_code).to_string());
    let min_spend_hint = Signal::derive(move || {
        td_string!(i18n.get_locale(), admin_promo.hint_min_spend).to_string()
    });
    let products_hint = Signal::derive(move || {
        td_string!(i18n.get_locale(), admin_promo.hint_product_ids).to_string()
    });
    let limit_hint = Signal::derive(move || {
        td_string!(i18n.get_locale(), admin_promo.hint_no_limit).to_string()
    });

    view! {
        <header class="page-head">
            <h1>{move || if editing {
                td_string!(i18n.get_locale(), admin_promo.title_edit)
            } else {
                td_string!(i18n.get_locale(), admin_promo.title_new)
            }}</h1>
        </header>
        <form class="promo-form" on:submit=on_submit novalidate data-testid="promo-form">
            <fieldset class="promo-section">
                <legend>{t!(i18n, admin_promo.section_kind)}</legend>
                {if editing {
                    let k = initial.kind;
                    view! {
                        <p><span class="tag" data-testid="promo-kind">{move || kind_text(i18n.get_locale(), k)}</span></p>
                        <p class="field-hint">{t!(i18n, admin_promo.kind_fixed)}</p>
                    }.into_any()
                } else {
                    view! {
                        <div class="promo-kinds" role="radiogroup">
                            {KINDS.into_iter().map(|k| view! {
                                <label class="choice promo-kind">
                                    <input
                                        type="radio"
                                        name="kind"
                                        value=k.as_str()
                                        data-testid=format!("kind-{}", k.as_str())
                                        checked=initial.kind == k
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
                    {move || kind_err.get().map(|k| field_message(i18n.get_locale(), "kind", k))}
                </p>
            </fieldset>

            <fieldset class="promo-section">
                <legend>{t!(i18n, admin_promo.section_basics)}</legend>
                <div hidden=move || !is(PromotionKind::Coupon)>
                    <PField name="code" value=initial.code.clone() maxlength="32" hint=code_hint error=err("code")>
                        {t!(i18n, admin_promo.field_code)}
                    </PField>
                </div>
                <PField name="name_zh" value=initial.name_zh.clone() maxlength="60" error=err("name_zh")>
                    {t!(i18n, admin_promo.field_name_zh)}
                </PField>
                <PField name="name_en" value=initial.name_en.clone() maxlength="60" error=err("name_en")>
                    {t!(i18n, admin_promo.field_name_en)}
                </PField>
            </fieldset>

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
                        <PField name="percent_off" value=initial.percent_off.clone() inputmode="numeric" maxlength="3" error=err("percent_off")>
                            {t!(i18n, admin_promo.field_percent_off)}
                        </PField>
                    </div>
                    <div hidden=move || benefit.get() != BenefitChoice::Amount>
                        <PField name="amount_off" value=initial.amount_off.clone() inputmode="decimal" hint=amount_hint error=err("amount_off")>
                            {t!(i18n, admin_promo.field_amount_off)}
                        </PField>
                    </div>
                </div>
                <div class="promo-tiers" hidden=move || !is(PromotionKind::Threshold) data-testid="promo-tiers">
                    <p class="field-hint">{t!(i18n, admin_promo.hint_tiers)}</p>
                    <For
                        each=move || tiers.get()
                        key=|row: &(usize, TierInput)| row.0
                        children=move |(key, row): (usize, TierInput)| {
                            let pos = move || tiers.with(|t| t.iter().position(|(k, _)| *k == key).unwrap_or(0));
                            let min_err = Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.field(&format!("tier{}_min", pos())))));
                            let off_err = Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.field(&format!("tier{}_off", pos())))));
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
                <div hidden=move || !(is(PromotionKind::Coupon) || is(PromotionKind::NewCustomer))>
                    <PField name="min_spend" value=initial.min_spend.clone() inputmode="decimal" hint=min_spend_hint error=err("min_spend")>
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

            <fieldset class="promo-section" hidden=move || !is(PromotionKind::Sale)>
                <legend>{t!(i18n, admin_promo.section_scope)}</legend>
                <PField name="product_ids" value=initial.product_ids.clone() inputmode="numeric" hint=products_hint error=err("product_ids")>
                    {t!(i18n, admin_promo.field_product_ids)}
                </PField>
                <CategoryPicker categories chosen error=err("category_ids") />
            </fieldset>

            <fieldset class="promo-section">
                <legend>{t!(i18n, admin_promo.section_limits)}</legend>
                <div class="promo-grid">
                    <PField name="starts_at" kind="datetime-local" value=initial.starts_at.clone() hint=window_hint error=err("starts_at")>
                        {t!(i18n, admin_promo.field_starts_at)}
                    </PField>
                    <PField name="ends_at" kind="datetime-local" value=initial.ends_at.clone() error=err("ends_at")>
                        {t!(i18n, admin_promo.field_ends_at)}
                    </PField>
                    <PField name="usage_limit" value=initial.usage_limit.clone() inputmode="numeric" hint=usage_hint error=err("usage_limit")>
                        {t!(i18n, admin_promo.field_usage_limit)}
                    </PField>
                    <PField name="per_customer_limit" value=initial.per_customer_limit.clone() inputmode="numeric" hint=limit_hint error=err("per_customer_limit")>
                        {t!(i18n, admin_promo.field_per_customer_limit)}
                    </PField>
                </div>
                <label class="check">
                    <input type="checkbox" name="active" checked=initial.active data-testid="promo-active" />
                    <span>{t!(i18n, admin_promo.field_active)}</span>
                </label>
            </fieldset>

            {move || error.get().map(|e| match e {
                AppError::Validation(_) => view! {
                    <p class="form-status error" role="alert" data-testid="promo-invalid">{t!(i18n, admin_promo.fix_errors)}</p>
                }.into_any(),
                e => view! { <ErrorNote error=e /> }.into_any(),
            })}
            <div class="promo-form-actions">
                <button type="submit" class="btn primary" data-testid="promo-save" disabled=move || save.pending().get()>
                    {t!(i18n, admin_promo.save)}
                </button>
                <a class="btn" href="/admin/promotions">{t!(i18n, admin_promo.cancel)}</a>
            </div>
        </form>
    }
}

/// A text input with its label, hint and this section's wording of its error.
#[component]
fn PField(
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(into)] value: String,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<&'static str>,
    #[prop(optional)] hint: Option<Signal<String>>,
    error: Signal<Option<ErrorKey>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("promo-{name}");
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{children()}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete="off"
                inputmode=inputmode
                maxlength=maxlength
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="field-hint" id=hint_id>{move || h.get()}</p> })}
            <p class="field-error" id=err_id aria-live="polite">
                {move || error.get().map(|k| field_message(i18n.get_locale(), name, k))}
            </p>
        </div>
    }
}

/// The shop's categories as checkboxes, children indented under parents.
#[component]
fn CategoryPicker(
    categories: Categories,
    chosen: RwSignal<Vec<i64>>,
    error: Signal<Option<ErrorKey>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="promo-cats" class:invalid=move || error.get().is_some()>
            <p class="promo-cats-label" id="promo-cats-label">{t!(i18n, admin_promo.field_category_ids)}</p>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {move || categories.get().map(|r| match r {
                    Ok(list) => view! {
                        <div class="promo-cat-list" role="group" aria-labelledby="promo-cats-label">
                            {tree(&list).into_iter().map(|(c, depth)| {
                                let id = c.id;
                                view! {
                                    <label class=format!("check promo-cat depth-{}", depth.min(3))>
                                        <input
                                            type="checkbox"
                                            value=id.to_string()
                                            data-testid=format!("cat-{}", c.slug)
                                            checked=chosen.get_untracked().contains(&id)
                                            prop:checked=move || chosen.with(|l| l.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                chosen.update(|l| {
                                                    l.retain(|x| *x != id);
                                                    if on {
                                                        l.push(id);
                                                    }
                                                });
                                            }
                                        />
                                        <span>{c.name.clone()}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
            <p class="field-error" aria-live="polite">
                {move || error.get().map(|k| field_message(i18n.get_locale(), "category_ids", k))}
            </p>
        </div>
    }
}

/// Categories depth-first, each with its depth (0 for a department).
fn tree(list: &[Category]) -> Vec<(Category, usize)> {
    fn walk(
        list: &[Category],
        parent: Option<i64>,
        depth: usize,
        out: &mut Vec<(Category, usize)>,
    ) {
        if depth > 6 {
            return;
        }
        for c in list.iter().filter(|c| c.parent_id == parent) {
            out.push((c.clone(), depth));
            walk(list, Some(c.id), depth + 1, out);
        }
    }
    let mut out = Vec::with_capacity(list.len());
    walk(list, None, 0, &mut out);
    out
}
