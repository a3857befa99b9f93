//! Option values (colour, size, …) as links to `?v=<variant>`: without
//! JavaScript each is a page load; hydrated, the router swaps the variant
//! in place without scrolling.
use crate::catalog::{ProductDetail, Variant};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// The variant a click on `value` for option `i` should lead to: the one
/// that keeps every other current choice, else any with that value.
pub fn target<'a>(
    d: &'a ProductDetail,
    cur: &Variant,
    i: usize,
    value: &str,
) -> Option<&'a Variant> {
    let same_others = |v: &&Variant| {
        v.options
            .iter()
            .enumerate()
            .all(|(j, o)| j == i || cur.options.get(j) == Some(o))
    };
    let has = |v: &&Variant| v.options.get(i).map(String::as_str) == Some(value);
    d.variants
        .iter()
        .filter(has)
        .find(same_others)
        .or_else(|| d.variants.iter().find(|v| has(v) && v.stock > 0))
        .or_else(|| d.variants.iter().find(has))
}

/// One option value as shown: label, link, chosen, sold out.
type Chip = (String, String, bool, bool);

#[component]
pub fn VariantPicker(detail: ProductDetail, current: Variant) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<(String, Vec<Chip>)> = detail
        .options
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut values: Vec<String> = Vec::new();
            for v in &detail.variants {
                if let Some(o) = v.options.get(i)
                    && !values.contains(o)
                {
                    values.push(o.clone());
                }
            }
            let chips = values
                .into_iter()
                .filter_map(|val| {
                    let t = target(&detail, &current, i, &val)?;
                    let on = current.options.get(i) == Some(&val);
                    Some((val, format!("?v={}", t.id), on, t.stock == 0))
                })
                .collect();
            (name.clone(), chips)
        })
        .collect();
    view! {
        <div class="variant-picker">
            {rows.into_iter().map(|(name, chips)| view! {
                <fieldset class="option-row">
                    <legend>{name}</legend>
                    <div class="option-values">
                        {chips.into_iter().map(|(label, href, on, sold_out)| view! {
                            <A href=href scroll=false
                                attr:class=if on { "option on" } else if sold_out { "option sold-out" } else { "option" }
                                attr:aria-current=on.then_some("true")>
                                {label}
                                {sold_out.then(|| view! { <span class="sr-only">{t!(i18n, catalog.out_of_stock)}</span> })}
                            </A>
                        }).collect_view()}
                    </div>
                </fieldset>
            }).collect_view()}
        </div>
    }
}
