//! The listing shared by category and search pages: a filter form that is a
//! plain GET form (so it works without JavaScript, and once hydrated the
//! router handles it in place), active-filter chips, the grid and a pager.
use super::ProductGrid;
use crate::catalog::{Filters, Listing, Sort, price_param};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Form;

/// Everything a listing view needs to build its links.
#[derive(Clone)]
pub struct ListingCtx {
    /// The page's path, e.g. `/c/apparel` or `/search`.
    pub path: String,
    /// Parameters that belong to the page rather than the filters (`q`).
    pub extra: Vec<(String, String)>,
    pub filters: Filters,
}

impl ListingCtx {
    fn href(&self, f: &Filters) -> String {
        let extra: Vec<(&str, &str)> = self
            .extra
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        f.href(&self.path, &extra)
    }
    /// A link with one change applied; any change goes back to page one.
    fn with(&self, change: impl FnOnce(&mut Filters)) -> String {
        let mut f = self.filters.clone();
        change(&mut f);
        f.page = 1;
        self.href(&f)
    }
}

fn sort_label(i18n: leptos_i18n::I18nContext<Locale>, s: Sort) -> String {
    let l = i18n.get_locale();
    match s {
        Sort::Relevance => td_string!(l, catalog.sort_relevance),
        Sort::PriceAsc => td_string!(l, catalog.sort_price_asc),
        Sort::PriceDesc => td_string!(l, catalog.sort_price_desc),
        Sort::Newest => td_string!(l, catalog.sort_newest),
        Sort::Sales => td_string!(l, catalog.sort_sales),
    }
    .to_string()
}

/// A price filter as the shopper typed it (yuan), or empty.
fn yuan(minor: Option<i64>) -> String {
    minor.map(price_param).unwrap_or_default()
}

/// Submits the filter form when a select or checkbox changes (the price
/// fields wait for the Apply button).
fn auto_submit(ev: leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    let Some(target) = ev.target() else { return };
    let is_text = target
        .dyn_ref::<web_sys::HtmlInputElement>()
        .is_some_and(|i| i.type_() == "text");
    if is_text {
        return;
    }
    if let Some(form) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    {
        let _ = form.request_submit();
    }
}

#[component]
pub fn ListingView(ctx: ListingCtx, listing: Listing, category_label: String) -> impl IntoView {
    let i18n = use_i18n();
    let f = ctx.filters.clone();
    let chips = active_chips(&ctx, &listing, i18n);
    let sub_links: Vec<(String, String, i64, bool)> = listing
        .facets
        .categories
        .iter()
        .map(|c| {
            let on = f.sub.as_deref() == Some(c.value.as_str());
            let v = c.value.clone();
            let href = ctx.with(|f| f.sub = if on { None } else { Some(v) });
            (href, c.label.clone(), c.count, on)
        })
        .collect();
    let empty = listing.products.is_empty();
    let path = ctx.path.clone();
    let hidden: Vec<(String, String)> = ctx.extra.clone();
    // The sort control keeps every other parameter.
    let sort_hidden: Vec<(String, String)> = ctx
        .extra
        .iter()
        .cloned()
        .chain(
            Filters {
                sort: Sort::Relevance,
                page: 1,
                ..f.clone()
            }
            .pairs(),
        )
        .collect();
    let sort_path = ctx.path.clone();
    let active = f.active();
    // Open on wide screens (beside the grid); folded on phones so the
    // products come first.
    let panel = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        let wide = window()
            .match_media("(min-width: 900px)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        if let Some(el) = panel.get() {
            el.set_open(wide);
        }
    });
    let clear = ctx.href(&Filters {
        sort: f.sort,
        ..Default::default()
    });
    view! {
        <div class="listing">
            <aside class="filters-panel">
                <details class="filters" node_ref=panel>
                    <summary>
                        {t!(i18n, catalog.filters)}
                        {(active > 0).then(|| view! { <span class="badge-inline">{active}</span> })}
                    </summary>
                    {(!sub_links.is_empty()).then(|| view! {
                        <nav class="facet" aria-label=category_label.clone()>
                            <h3>{category_label.clone()}</h3>
                            <ul class="facet-links">
                                {sub_links.into_iter().map(|(href, label, n, on)| view! {
                                    <li><a href=href class:on=on aria-current=on.then_some("true")>
                                        {label}<span class="count">{n}</span>
                                    </a></li>
                                }).collect_view()}
                            </ul>
                        </nav>
                    })}
                    <Form method="GET" action=path noscroll=true {..} class="filter-form" on:change=auto_submit>
                        {hidden.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v /> }).collect_view()}
                        {f.sub.clone().map(|s| view! { <input type="hidden" name="sub" value=s /> })}
                        <fieldset class="facet price-range">
                            <legend>{t!(i18n, catalog.price_range)}</legend>
                            <label>
                                <span class="sr-only">{t!(i18n, catalog.price_min)}</span>
                                <input type="text" inputmode="decimal" name="min" maxlength="10" value=yuan(f.min_price)
                                    placeholder=move || td_string!(i18n.get_locale(), catalog.price_min) />
                            </label>
                            <span aria-hidden="true">"–"</span>
                            <label>
                                <span class="sr-only">{t!(i18n, catalog.price_max)}</span>
                                <input type="text" inputmode="decimal" name="max" maxlength="10" value=yuan(f.max_price)
                                    placeholder=move || td_string!(i18n.get_locale(), catalog.price_max) />
                            </label>
                        </fieldset>
                        <label class="check">
                            <input type="checkbox" name="stock" value="1" checked=f.in_stock />
                            {t!(i18n, catalog.only_in_stock)}
                        </label>
                        <label class="facet">
                            <span>{t!(i18n, catalog.min_rating)}</span>
                            <select name="rating">
                                <option value="" selected=f.rating.is_none()>{t!(i18n, catalog.any)}</option>
                                {[4i16, 3, 2].into_iter().map(|r| view! {
                                    <option value=r.to_string() selected=f.rating == Some(r)>
                                        {t!(i18n, catalog.stars_and_up, n = r)}
                                    </option>
                                }).collect_view()}
                            </select>
                        </label>
                        {listing.facets.attributes.iter().map(|a| {
                            let current = f.attrs.get(&a.code).cloned();
                            view! {
                                <label class="facet">
                                    <span>{a.name.clone()}</span>
                                    <select name=format!("a.{}", a.code)>
                                        <option value="" selected=current.is_none()>{t!(i18n, catalog.any)}</option>
                                        {a.values.iter().map(|v| view! {
                                            <option value=v.value.clone() selected=current.as_deref() == Some(v.value.as_str())>
                                                {format!("{} ({})", v.label, v.count)}
                                            </option>
                                        }).collect_view()}
                                    </select>
                                </label>
                            }
                        }).collect_view()}
                        <input type="hidden" name="sort" value=f.sort.as_str() />
                        <button type="submit" class="btn">{t!(i18n, catalog.apply_filters)}</button>
                    </Form>
                </details>
            </aside>
            <div class="listing-main">
                <Form method="GET" action=sort_path noscroll=true {..} class="sort-form" on:change=auto_submit>
                    {sort_hidden.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v /> }).collect_view()}
                    <label>
                        <span>{t!(i18n, catalog.sort_by)}</span>
                        <select name="sort">
                            {Sort::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=f.sort == s>{move || sort_label(i18n, s)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <noscript><button type="submit" class="btn">{t!(i18n, catalog.apply_filters)}</button></noscript>
                </Form>
                {f.bad_price.then(|| view! {
                    <p class="form-status error" role="alert">{t!(i18n, catalog.bad_price)}</p>
                })}
                {(!chips.is_empty()).then(|| view! {
                    <ul class="chips active-filters" aria-label=move || td_string!(i18n.get_locale(), catalog.active_filters)>
                        {chips.into_iter().map(|(label, href)| view! {
                            <li><a class="chip on" href=href>
                                {label}
                                <span aria-hidden="true">" ×"</span>
                                <span class="sr-only">{t!(i18n, catalog.remove_filter)}</span>
                            </a></li>
                        }).collect_view()}
                        <li><a class="chip" href=clear.clone()>{t!(i18n, catalog.clear_filters)}</a></li>
                    </ul>
                })}
                {if empty {
                    view! { <p class="empty">{t!(i18n, catalog.no_matches)}</p> }.into_any()
                } else {
                    view! { <ProductGrid products=listing.products.clone() /> }.into_any()
                }}
                <Pager ctx=ctx.clone() page=listing.page pages=listing.pages />
            </div>
        </div>
    }
}

/// (label, link that removes it) for every active filter.
fn active_chips(
    ctx: &ListingCtx,
    listing: &Listing,
    i18n: leptos_i18n::I18nContext<Locale>,
) -> Vec<(String, String)> {
    let f = &ctx.filters;
    let l = i18n.get_locale_untracked();
    let mut out = Vec::new();
    if let Some(sub) = &f.sub {
        let label = listing
            .facets
            .categories
            .iter()
            .find(|c| &c.value == sub)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| sub.clone());
        out.push((label, ctx.with(|f| f.sub = None)));
    }
    if f.min_price.is_some() || f.max_price.is_some() {
        let label = format!(
            "¥{} – {}",
            f.min_price.map_or("0".into(), price_param),
            f.max_price.map_or("∞".into(), price_param)
        );
        out.push((
            label,
            ctx.with(|f| {
                f.min_price = None;
                f.max_price = None;
            }),
        ));
    }
    if f.in_stock {
        out.push((
            td_string!(l, catalog.only_in_stock).to_string(),
            ctx.with(|f| f.in_stock = false),
        ));
    }
    if let Some(r) = f.rating {
        out.push((
            td_string!(l, catalog.stars_and_up, n = r).to_string(),
            ctx.with(|f| f.rating = None),
        ));
    }
    for (code, value) in &f.attrs {
        let code = code.clone();
        out.push((
            value.clone(),
            ctx.with(move |f| {
                f.attrs.remove(&code);
            }),
        ));
    }
    out
}

#[component]
fn Pager(ctx: ListingCtx, page: i64, pages: i64) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| {
        let link = |p: i64| ctx.href(&ctx.filters.with_page(p));
        let prev = (page > 1).then(|| link(page - 1));
        let next = (page < pages).then(|| link(page + 1));
        view! {
            <nav class="pager" aria-label=move || td_string!(i18n.get_locale(), catalog.pagination)>
                {prev.map(|h| view! { <a class="btn" rel="prev" href=h>{t!(i18n, catalog.previous_page)}</a> })}
                <span>{t!(i18n, catalog.page_of, page = page, pages = pages)}</span>
                {next.map(|h| view! { <a class="btn" rel="next" href=h>{t!(i18n, catalog.next_page)}</a> })}
            </nav>
        }
    })
}
