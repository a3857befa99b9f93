use crate::catalog::ProductCard;
use crate::i18n::*;
use crate::ui::format_money;
use leptos::prelude::*;

/// Image size in the grid; width and height are set so nothing shifts as images load.
const CARD_IMG: u32 = 320;

#[component]
pub fn ProductCardView(
    product: ProductCard,
    #[prop(default = false)] eager: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let price = format_money(product.price_minor, &product.currency);
    let in_stock = product.in_stock;
    view! {
        <article class="product-card">
            {product.image_url().map(|src| view! {
                <img
                    src=src
                    alt=""
                    width=CARD_IMG
                    height=CARD_IMG
                    loading=if eager { "eager" } else { "lazy" }
                    decoding="async"
                />
            })}
            <h3>{product.name.clone()}</h3>
            <p class="price">{t!(i18n, catalog.from_price, price = price.clone())}</p>
            <p class="stock" class:out=!in_stock>
                {move || if in_stock {
                    td_string!(i18n.get_locale(), catalog.in_stock)
                } else {
                    td_string!(i18n.get_locale(), catalog.out_of_stock)
                }}
            </p>
        </article>
    }
}

#[component]
pub fn ProductGrid(products: Vec<ProductCard>) -> impl IntoView {
    view! {
        <div class="product-grid">
            {products.into_iter().enumerate().map(|(i, p)| view! {
                // The first row is above the fold on every screen size.
                <ProductCardView product=p eager={i < 4} />
            }).collect_view()}
        </div>
    }
}
