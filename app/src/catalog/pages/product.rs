use crate::catalog::api::get_product;
use crate::catalog::components::{
    BuyBox, CartSnapshot, FavouriteButton, Gallery, ProductGrid, Reviews, VariantPicker,
    use_favourite_ids,
};
use crate::catalog::extra::{Extra, LazyExtra};
use crate::catalog::recent::record;
use crate::catalog::{ProductDetail, rating_tenths};
use crate::error::AppError;
use crate::i18n::*;
use crate::media::{ImageSize, image_url};
use crate::ui::kit::{ErrorNote, NotFound, Seo, Stars, use_auth};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Minor units → "599.00" for structured data.
fn decimal(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

/// schema.org Product data, escaped so no text can close the script tag.
pub fn json_ld(d: &ProductDetail, origin: &str) -> String {
    let prices: Vec<i64> = d.variants.iter().map(|v| v.price_minor).collect();
    let currency = d
        .variants
        .first()
        .map(|v| v.currency.clone())
        .unwrap_or_default();
    let available = d.variants.iter().any(|v| v.stock > 0);
    let mut images: Vec<String> = Vec::new();
    for i in &d.images {
        let url = format!("{origin}{}", image_url(&i.sha, ImageSize::Large, false));
        if !images.contains(&url) {
            images.push(url);
        }
    }
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": d.name,
        "description": d.description,
        "sku": d.variants.first().map(|v| v.sku.clone()),
        "image": images,
        "offers": {
            "@type": "AggregateOffer",
            "priceCurrency": currency,
            "lowPrice": decimal(prices.iter().copied().min().unwrap_or(0)),
            "highPrice": decimal(prices.iter().copied().max().unwrap_or(0)),
            "offerCount": d.variants.len(),
            "availability": if available { "https://schema.org/InStock" } else { "https://schema.org/OutOfStock" },
        },
    });
    if let Some(brand) = &d.brand {
        data["brand"] = serde_json::json!({"@type": "Brand", "name": brand});
    }

    if let Some(avg) = rating_tenths(d.rating_sum, d.rating_count) {
        data["aggregateRating"] = serde_json::json!({
            "@type": "AggregateRating",
            "ratingValue": format!("{}.{}", avg / 10, avg % 10),
            "reviewCount": d.rating_count,
        });
    }
    data.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let chosen = move || query.with(|q| q.get("v").and_then(|v| v.parse::<i64>().ok()));
    let detail = crate::ui::kit::resource(
        move || (slug(), i18n.get_locale().as_str().to_string()),
        |(slug, lang)| get_product(slug, lang),
    );
    let favourites = use_favourite_ids();
    // Remember the view (browser list; server list too when signed in).
    Effect::new(move |prev: Option<Option<i64>>| {
        let id = detail.get().and_then(|r| r.ok()).map(|d| d.id);
        if id.is_some() && id != prev.flatten() {
            record(id.unwrap_or_default(), auth.current().is_some());
        }
        id
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(detail, move |r| match r {
                Ok(d) => product_view(d, chosen, favourites).into_any(),
                Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}

fn product_view(
    d: ProductDetail,
    chosen: impl Fn() -> Option<i64> + Copy + Send + Sync + 'static,
    favourites: crate::ui::kit::Data<Result<Vec<i64>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("/p/{}", d.slug);
    let origin = use_context::<crate::ui::kit::PublicUrl>()
        .map(|u| u.0)
        .unwrap_or_default();
    let ld = json_ld(&d, origin.trim_end_matches('/'));
    let description: String = d.description.chars().take(160).collect();
    let rating = rating_tenths(d.rating_sum, d.rating_count);
    let count = d.rating_count;
    // Shared by the closures that follow the chosen variant.
    let shared = std::sync::Arc::new(d.clone());
    let for_gallery = shared.clone();
    let for_buy = shared.clone();
    view! {
        <Seo title=d.name.clone() description=description path=path />
        <script type="application/ld+json" inner_html=ld></script>
        <nav class="breadcrumb" aria-label=move || td_string!(i18n.get_locale(), catalog.breadcrumb)>
            <ol>
                <li><a href="/">{t!(i18n, catalog.home)}</a></li>
                {d.trail.iter().map(|c| view! { <li><a href=format!("/c/{}", c.slug)>{c.name.clone()}</a></li> }).collect_view()}
                <li aria-current="page">{d.name.clone()}</li>
            </ol>
        </nav>
        <div class="product-layout">
            {move || {
                let v = for_gallery.pick(chosen()).map(|v| v.id);
                view! { <Gallery images=for_gallery.gallery_for(v) name=for_gallery.name.clone() slug=for_gallery.slug.clone() /> }
            }}
            <section class="product-info">
                <h1>{d.name.clone()}</h1>
                {rating.map(|r| view! {
                    <a class="rating-line" href="#reviews-title">
                        <Stars tenths=r />
                        <span class="muted">{t!(i18n, catalog.review_count, count = count)}</span>
                    </a>
                })}
                {move || for_buy.pick(chosen()).cloned().map(|v| view! {
                    <VariantPicker detail=(*for_buy).clone() current=v.clone() />
                    <BuyBox variant=v product=CartSnapshot {
                        name: for_buy.name.clone(),
                        slug: for_buy.slug.clone(),
                        image: for_buy.images.first().map(|i| i.sha.clone()),
                    } />
                })}
                <FavouriteButton product_id=d.id slug=d.slug.clone() ids=favourites />
                {(!d.attributes.is_empty()).then(|| view! {
                    <dl class="attributes">
                        {d.attributes.iter().map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{v.clone()}</dd> }).collect_view()}
                    </dl>
                })}
                <p class="description">{d.description.clone()}</p>
                {(!d.tags.is_empty()).then(|| view! {
                    <ul class="tags">
                        {d.tags.iter().map(|t| view! { <li><a class="chip" href=crate::catalog::Filters::default().href("/search", &[("q", t.as_str())])>{format!("#{t}")}</a></li> }).collect_view()}
                    </ul>
                })}
                // A question about it goes to customer service as a ticket.
                <p><a href=format!("/tickets/new?product={}", d.slug) data-testid="ask-about-product">{t!(i18n, catalog.ask_product)}</a></p>
            </section>
        </div>
        <LazyExtra extra=Extra::Claim />
        <Reviews detail=d.clone() />
        <LazyExtra extra=Extra::Recs(d.id) />
        {(!d.related.is_empty()).then(|| view! {
            <section class="section" aria-labelledby="related-title">
                <h2 id="related-title">{t!(i18n, catalog.related)}</h2>
                <ProductGrid products=d.related.clone() first_row_eager=false />
            </section>
        })}
        <LazyExtra extra=Extra::Recent(Some(d.id)) />
    }
}
