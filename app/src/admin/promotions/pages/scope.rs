//! The editor's scope section (sales only): the products by id and the
//! categories, any level, a sale covers.
use super::editor::{Categories, PField, field_err};
use super::text::field_message;
use crate::catalog::Category;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::promotions::PromotionKind;
use crate::ui::kit::ErrorNote;
use leptos::prelude::*;

#[component]
pub(super) fn ScopeSection(
    product_ids: String,
    kind: RwSignal<PromotionKind>,
    chosen: RwSignal<Vec<i64>>,
    categories: Categories,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let products_hint = Signal::derive(move || {
        td_string!(i18n.get_locale(), admin_promo.hint_product_ids).to_string()
    });
    view! {
        <fieldset class="promo-section" hidden=move || kind.get() != PromotionKind::Sale>
            <legend>{t!(i18n, admin_promo.section_scope)}</legend>
            <PField name="product_ids" value=product_ids inputmode="numeric" hint=products_hint error=field_err(error, "product_ids")>
                {t!(i18n, admin_promo.field_product_ids)}
            </PField>
            <CategoryPicker categories chosen error=field_err(error, "category_ids") />
        </fieldset>
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
                {crate::ui::kit::drawn(categories, move |r| match r {
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
