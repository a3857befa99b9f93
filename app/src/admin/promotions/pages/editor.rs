//! `/admin/promotions/new` and `/admin/promotions/:id`: the editor. The
//! form holds the state and reads what was typed on submit; each section is
//! its own component (kind.rs, benefit.rs with tiers.rs, scope.rs,
//! limits.rs).
use super::benefit::BenefitSection;
use super::kind::KindSection;
use super::limits::LimitsSection;
use super::scope::ScopeSection;
use super::text::field_message;
use super::tiers::{first_rows, read_tiers};
use crate::admin::promotions::PromotionForm;
use crate::admin::promotions::api::{SavePromotion, admin_promotion};
use crate::admin::promotions::validate::validate;
use crate::admin::shell::AdminError;
use crate::catalog::Category;
use crate::catalog::api::category_menu;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::promotions::PromotionKind;
use crate::ui::kit::{ErrorNote, form_data};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

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
    let data = crate::ui::kit::resource(id, |id| async move {
        match id {
            Some(id) => admin_promotion(id).await.map(Some),
            None => Ok(None),
        }
    });
    // Made here, not inside the Transition, so hydration pairs it correctly.
    let categories = crate::ui::kit::resource(
        move || i18n.get_locale().as_str().to_string(),
        category_menu,
    );
    view! {
        <section class="promo-admin promo-edit" data-testid="promo-edit-page">
            <p class="promo-back"><a href="/admin/promotions">{t!(i18n, admin_promo.back)}</a></p>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {crate::ui::kit::drawn(data, move |r| match r {
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

pub(super) type Categories = crate::ui::kit::Data<Result<Vec<Category>, AppError>>;

/// The key of `field`'s error in the last answer, if it has one.
pub(super) fn field_err(
    error: RwSignal<Option<AppError>>,
    field: &str,
) -> Signal<Option<ErrorKey>> {
    let field = field.to_string();
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
    let (tier_rows, next_key) = first_rows(&initial.tiers);
    let tiers = RwSignal::new(tier_rows);
    let next_key = StoredValue::new(next_key);
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
        let form = PromotionForm {
            id: editing_id,
            kind: k,
            code: get("code"),
            name_zh: get("name_zh"),
            name_en: get("name_en"),
            benefit: benefit.get_untracked(),
            percent_off: get("percent_off"),
            amount_off: get("amount_off"),
            tiers: if k == PromotionKind::Threshold {
                tiers.with_untracked(|rows| read_tiers(&get, rows))
            } else {
                Vec::new()
            },
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
    let err = move |field: &str| field_err(error, field);
    let code_hint =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_promo.hint_code).to_string());

    view! {
        <header class="page-head">
            <h1>{move || if editing {
                td_string!(i18n.get_locale(), admin_promo.title_edit)
            } else {
                td_string!(i18n.get_locale(), admin_promo.title_new)
            }}</h1>
        </header>
        <form class="promo-form" on:submit=on_submit novalidate data-testid="promo-form">
            <KindSection editing initial=initial.kind kind benefit error=err("kind") />

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

            <BenefitSection initial=initial.clone() kind benefit tiers next_key error />
            <ScopeSection product_ids=initial.product_ids.clone() kind chosen categories error />
            <LimitsSection initial=initial.clone() editing used_count error />

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
pub(super) fn PField(
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
