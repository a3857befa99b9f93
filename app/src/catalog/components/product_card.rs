use crate::catalog::{ProductCard, rating_tenths};
use crate::i18n::*;
use crate::media::{NoPicture, Picture};
use crate::ui::kit::{Stars, format_money};
use leptos::prelude::*;

#[component]
pub fn ProductCardView(
    product: ProductCard,
    #[prop(default = false)] eager: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let price = format_money(product.price_minor, &product.currency);
    let in_stock = product.in_stock;
    let rating = rating_tenths(product.rating_sum, product.rating_count);
    let count = product.rating_count;
    view! {
        <article class="product-card">
            <a href=format!("/p/{}", product.slug)>
                {match product.image.clone() {
                    Some(sha) => view! {
                        <Picture sha alt=String::new() side=240
                            sizes="(max-width: 600px) 46vw, (max-width: 1100px) 30vw, 240px" eager />
                    }.into_any(),
                    None => view! { <NoPicture slug=product.slug.clone() side=240 eager /> }.into_any(),
                }}
                <h3>{product.name.clone()}</h3>
            </a>
            <p class="price">{t!(i18n, catalog.from_price, price = price.clone())}</p>
            <p class="card-meta">
                {rating.map(|r| view! { <Stars tenths=r /><span class="muted">{format!("({count})")}</span> })}
                <span class="stock" class:out=!in_stock>
                    {move || if in_stock {
                        td_string!(i18n.get_locale(), catalog.in_stock)
                    } else {
                        td_string!(i18n.get_locale(), catalog.out_of_stock)
                    }}
                </span>
            </p>
        </article>
    }
}

#[component]
pub fn ProductGrid(
    products: Vec<ProductCard>,
    /// Whether the first row is above the fold (load it eagerly).
    #[prop(default = true)]
    first_row_eager: bool,
) -> impl IntoView {
    view! {
        <div class="product-grid">
            {products.into_iter().enumerate().map(|(i, p)| view! {
                <ProductCardView product=p eager={first_row_eager && i < 4} />
            }).collect_view()}
        </div>
    }
}
