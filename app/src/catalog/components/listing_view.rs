//! The listing shared by category and search pages: a filter form that is a
//! plain GET form (so it works without JavaScript, and once hydrated the
//! router handles it in place), active-filter chips, the grid and a pager.
use super::ProductGrid;
use crate::catalog::{AttributeFacet, FacetValue, Facets, Filters, Listing, Sort, price_param};
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
    let chips = active_chips(&ctx, &listing, i18n);
    let bad_price = ctx.filters.bad_price;
    let grid = if listing.products.is_empty() {
        view! { <p class="empty">{t!(i18n, catalog.no_matches)}</p> }.into_any()
    } else {
        view! { <ProductGrid products=listing.products.clone() /> }.into_any()
    };
    view! {
        <div class="listing">
            <FiltersPanel ctx=ctx.clone() facets=listing.facets capped=listing.capped category_label />
            <div class="listing-main">
                // The page's h1 is the category or the query and the cards
                // are h3: this level between them keeps the outline whole.
                <h2 class="sr-only">{t!(i18n, catalog.listing_title)}</h2>
                <SortForm ctx=ctx.clone() />
                {bad_price.then(|| view! {
                    <p class="form-status error" role="alert">{t!(i18n, catalog.bad_price)}</p>
                })}
                <ActiveFilters ctx=ctx.clone() chips />
                {grid}
                <Pager ctx page=listing.page pages=listing.pages />
            </div>
        </div>
    }
}

/// The side panel: sub-category links and the filter form. A broad search
/// counts only part of its matches (docs/search.md): the category counts
/// are left out when it stopped counting (`capped`), the attribute counts
/// when they come from a sample, and a line says why.
#[component]
fn FiltersPanel(
    ctx: ListingCtx,
    facets: Facets,
    capped: bool,
    category_label: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let active = ctx.filters.active();
    let (categories_counted, values_counted) = (!capped, !facets.sampled);
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
    view! {
        <aside class="filters-panel">
            <details class="filters" node_ref=panel>
                <summary>
                    {t!(i18n, catalog.filters)}
                    {(active > 0).then(|| view! { <span class="badge-inline">{active}</span> })}
                </summary>
                {facets.sampled.then(|| view! {
                    <p class="muted" data-testid="facets-sampled">{t!(i18n, catalog.facet_counts_sampled)}</p>
                })}
                <SubCategoryNav ctx=ctx.clone() categories=facets.categories counted=categories_counted label=category_label />
                <FilterForm ctx attributes=facets.attributes counted=values_counted />
            </details>
        </aside>
    }
}

/// Links that narrow to (or, when already chosen, widen from) one
/// sub-category, with their counts when `counted`; nothing when there is
/// none to choose.
#[component]
fn SubCategoryNav(
    ctx: ListingCtx,
    categories: Vec<FacetValue>,
    counted: bool,
    label: String,
) -> impl IntoView {
    let links: Vec<(String, String, i64, bool)> = categories
        .into_iter()
        .map(|c| {
            let on = ctx.filters.sub.as_deref() == Some(c.value.as_str());
            let v = c.value;
            let href = ctx.with(|f| f.sub = if on { None } else { Some(v) });
            (href, c.label, c.count, on)
        })
        .collect();
    let heading = label.clone();
    (!links.is_empty()).then(|| {
        view! {
            <nav class="facet" aria-label=label>
                <h2>{heading}</h2>
                <ul class="facet-links">
                    {links.into_iter().map(|(href, name, n, on)| view! {
                        <li><a href=href class:on=on aria-current=on.then_some("true")>
                            {name}{counted.then(|| view! { <span class="count">{n}</span> })}
                        </a></li>
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

/// The filter form proper: a GET form carrying the page's own parameters
/// and the chosen sub-category as hidden fields, so submitting it keeps them.
/// The attribute values show their counts when `counted`.
#[component]
fn FilterForm(ctx: ListingCtx, attributes: Vec<AttributeFacet>, counted: bool) -> impl IntoView {
    let i18n = use_i18n();
    let f = ctx.filters;
    view! {
        <Form method="GET" action=ctx.path noscroll=true {..} class="filter-form" on:change=auto_submit>
            {ctx.extra.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v /> }).collect_view()}
            {f.sub.clone().map(|s| view! { <input type="hidden" name="sub" value=s /> })}
            <PriceRange min=f.min_price max=f.max_price />
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
            {attributes.into_iter().map(|a| {
                let current = f.attrs.get(&a.code).cloned();
                view! { <AttributeSelect facet=a current counted /> }
            }).collect_view()}
            <input type="hidden" name="sort" value=f.sort.as_str() />
            <button type="submit" class="btn">{t!(i18n, catalog.apply_filters)}</button>
        </Form>
    }
}

/// The two price fields, in yuan as the shopper typed them.
#[component]
fn PriceRange(min: Option<i64>, max: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="facet price-range">
            <legend>{t!(i18n, catalog.price_range)}</legend>
            <label>
                <span class="sr-only">{t!(i18n, catalog.price_min)}</span>
                <input type="text" inputmode="decimal" name="min" maxlength="10" value=yuan(min)
                    placeholder=move || td_string!(i18n.get_locale(), catalog.price_min) />
            </label>
            <span aria-hidden="true">"–"</span>
            <label>
                <span class="sr-only">{t!(i18n, catalog.price_max)}</span>
                <input type="text" inputmode="decimal" name="max" maxlength="10" value=yuan(max)
                    placeholder=move || td_string!(i18n.get_locale(), catalog.price_max) />
            </label>
        </fieldset>
    }
}

/// One attribute's values, with their counts when `counted`; `a.<code>` in
/// the URL.
#[component]
fn AttributeSelect(facet: AttributeFacet, current: Option<String>, counted: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="facet">
            <span>{facet.name}</span>
            <select name=format!("a.{}", facet.code)>
                <option value="" selected=current.is_none()>{t!(i18n, catalog.any)}</option>
                {facet.values.into_iter().map(|v| {
                    let selected = current.as_deref() == Some(v.value.as_str());
                    let text = if counted { format!("{} ({})", v.label, v.count) } else { v.label };
                    view! {
                        <option value=v.value selected=selected>
                            {text}
                        </option>
                    }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The sort control, its own GET form so it keeps every other parameter.
#[component]
fn SortForm(ctx: ListingCtx) -> impl IntoView {
    let i18n = use_i18n();
    let current = ctx.filters.sort;
    let hidden: Vec<(String, String)> = ctx
        .extra
        .iter()
        .cloned()
        .chain(
            Filters {
                sort: Sort::Relevance,
                page: 1,
                ..ctx.filters.clone()
            }
            .pairs(),
        )
        .collect();
    view! {
        <Form method="GET" action=ctx.path noscroll=true {..} class="sort-form" on:change=auto_submit>
            {hidden.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v /> }).collect_view()}
            <label>
                <span>{t!(i18n, catalog.sort_by)}</span>
                <select name="sort">
                    {Sort::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=current == s>{move || sort_label(i18n, s)}</option>
                    }).collect_view()}
                </select>
            </label>
            <noscript><button type="submit" class="btn">{t!(i18n, catalog.apply_filters)}</button></noscript>
        </Form>
    }
}

/// One removable chip per active filter, then "clear all" (which keeps the
/// sort order); nothing when no filter is on.
#[component]
fn ActiveFilters(ctx: ListingCtx, chips: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let clear = ctx.href(&Filters {
        sort: ctx.filters.sort,
        ..Default::default()
    });
    (!chips.is_empty()).then(|| view! {
        <ul class="chips active-filters" aria-label=move || td_string!(i18n.get_locale(), catalog.active_filters)>
            {chips.into_iter().map(|(label, href)| view! {
                <li><a class="chip on" href=href>
                    {label}
                    <span aria-hidden="true">" ×"</span>
                    <span class="sr-only">{t!(i18n, catalog.remove_filter)}</span>
                </a></li>
            }).collect_view()}
            <li><a class="chip" href=clear>{t!(i18n, catalog.clear_filters)}</a></li>
        </ul>
    })
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
