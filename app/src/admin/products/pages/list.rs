//! `/admin/products`: search, list/unlist at a click, links to the editor,
//! the import page and the CSV export.
use super::super::ProductRow;
use super::super::api::{SetListed, list_products};
use crate::admin::orders::pages::Pager;
use crate::admin::shell::AdminError;
use crate::i18n::*;
use crate::text::url_encode;
use crate::ui::kit::{error_text, form_data, format_money};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn ProductsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0i64));
    let listed = ServerAction::<SetListed>::new();
    let rows = crate::ui::kit::resource(
        move || (q(), page(), listed.version().get()),
        |(q, page, _)| list_products(q, page),
    );
    let navigate = use_navigate();
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        navigate(
            &format!("/admin/products?q={}", url_encode(&f("q"))),
            Default::default(),
        );
    };
    view! {
        <header class="page-head row-head">
            <h1>{t!(i18n, admin_catalog.products_title)}</h1>
            <div class="row-actions">
                <a class="btn primary" href="/admin/products/new" data-testid="new-product">{t!(i18n, admin_catalog.new_product)}</a>
                <a class="btn" href="/admin/products/import">{t!(i18n, admin_catalog.import)}</a>
                <a class="btn" href="/admin/export/products.csv" rel="external" download="agora-products.csv">{t!(i18n, admin_catalog.export)}</a>
            </div>
        </header>
        <form class="filter-bar" role="search" on:submit=on_search>
            <label class="grow">
                <span>{t!(i18n, admin_catalog.search_products)}</span>
                <input type="search" name="q" value=q placeholder=move || td_string!(i18n.get_locale(), admin_catalog.search_hint) />
            </label>
            <button class="btn primary" type="submit">{t!(i18n, admin.search)}</button>
        </form>
        {move || listed.value().get().and_then(|r| r.err()).map(|e| view! {
            <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p>
        })}
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(rows, move |r| match r {
                Ok(list) => {
                    let (p, more) = (page(), list.has_more);
                    view! {
                        <ul class="admin-cards" data-testid="admin-products">
                            {list.rows.into_iter().map(|row| view! { <ProductCardRow row listed /> }).collect_view()}
                        </ul>
                        <Pager page=p more base=move || format!("/admin/products?q={}", url_encode(&q())) />
                    }.into_any()
                }
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ProductCardRow(row: ProductRow, listed: ServerAction<SetListed>) -> impl IntoView {
    let i18n = use_i18n();
    let id = row.id;
    let is_listed = row.listed;
    let stock = row.stock;
    let variants = row.variants;
    view! {
        <li class="admin-card product-row" data-testid=format!("product-{}", row.slug)>
            {match row.thumb {
                Some(src) => view! { <img src=src alt="" width="48" height="48" loading="lazy" /> }.into_any(),
                None => view! { <span class="thumb-empty" aria-hidden="true"></span> }.into_any(),
            }}
            <a class="strong" href=format!("/admin/products/{id}")>{row.name}</a>
            <span class="muted">{row.category}</span>
            <span>{row.price_min_minor.map(|p| format_money(p, "CNY")).unwrap_or_default()}</span>
            <span class="muted">{move || td_string!(i18n.get_locale(), admin_catalog.stock_and_variants, stock = stock, variants = variants).to_string()}</span>
            <span class=if is_listed { "tag ok" } else { "tag" }>
                {move || if is_listed { td_string!(i18n.get_locale(), admin_catalog.listed) } else { td_string!(i18n.get_locale(), admin_catalog.unlisted) }}
            </span>
            <button class="btn small" type="button" data-testid="toggle-listed" on:click=move |_| { listed.dispatch(SetListed { id, listed: !is_listed }); }>
                {move || if is_listed { td_string!(i18n.get_locale(), admin_catalog.unlist) } else { td_string!(i18n.get_locale(), admin_catalog.list) }}
            </button>
        </li>
    }
}
