use crate::catalog::{ImageSize, ProductCard, image_url, rating_tenths};
use crate::i18n::*;
use crate::ui::format_money;
use leptos::prelude::*;

/// A responsive picture: WebP for browsers that take it, JPEG otherwise.
/// Width and height are always set so nothing shifts while it loads.
#[component]
pub fn Picture(
    sha: String,
    alt: String,
    /// CSS pixels the image is shown at (square).
    side: u32,
    /// The `sizes` attribute, e.g. "(max-width: 600px) 50vw, 240px".
    sizes: &'static str,
    #[prop(default = false)] eager: bool,
) -> impl IntoView {
    let srcset = |webp: bool| {
        [ImageSize::Thumb, ImageSize::Medium, ImageSize::Large]
            .into_iter()
            .map(|s| format!("{} {}w", image_url(&sha, s, webp), s.pixels()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fallback = image_url(
        &sha,
        if side <= 240 {
            ImageSize::Thumb
        } else {
            ImageSize::Medium
        },
        false,
    );
    view! {
        <picture>
            <source type="image/webp" srcset=srcset(true) sizes=sizes />
            <img
                src=fallback
                srcset=srcset(false)
                sizes=sizes
                alt=alt
                width=side
                height=side
                loading=if eager { "eager" } else { "lazy" }
                fetchpriority=if eager { "high" } else { "auto" }
                decoding="async"
            />
        </picture>
    }
}

/// Where a product without pictures gets its placeholder: the server draws
/// it for the product's category (see the server's `media::placeholder`).
pub fn placeholder_url(slug: &str) -> String {
    format!("/media/placeholder/{slug}.svg")
}

/// What a product without pictures shows instead of a blank box: its
/// category's drawing in greys, named for screen readers ("暂无图片").
#[component]
pub fn NoPicture(
    /// The product's slug, which the placeholder is drawn for.
    slug: String,
    /// CSS pixels the placeholder is shown at (square).
    side: u32,
    #[prop(default = false)] eager: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <img
            class="no-picture"
            data-testid="no-picture"
            src=placeholder_url(&slug)
            alt=move || td_string!(i18n.get_locale(), catalog.no_picture)
            width=side
            height=side
            loading=if eager { "eager" } else { "lazy" }
            decoding="async"
        />
    }
}

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

/// Stars for an average in tenths; the text is for screen readers.
#[component]
pub fn Stars(tenths: i32) -> impl IntoView {
    let i18n = use_i18n();
    let pct = (tenths.clamp(0, 50) * 2).to_string();
    let label = format!("{}.{}", tenths / 10, tenths % 10);
    view! {
        <span class="stars" style=format!("--pct:{pct}%")
            role="img"
            aria-label=move || td_string!(i18n.get_locale(), catalog.rating_label, rating = label.clone())>
            "★★★★★"
        </span>
    }
}
