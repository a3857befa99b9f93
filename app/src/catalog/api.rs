//! Catalog reads. They are GET-encoded so browsers and the service worker can
//! cache them; none of them needs a signed-in user.
use super::{Category, Listing, ProductCard, SearchResults};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "categories", input = GetUrl)]
pub async fn category_menu(lang: String) -> Result<Vec<Category>, AppError> {
    use crate::{catalog::db, server};
    server::run(async move { db::categories(&server::pool()?, super::locale_pair(&lang)).await })
        .await
}

#[server(endpoint = "featured", input = GetUrl)]
pub async fn featured_products(lang: String) -> Result<Vec<ProductCard>, AppError> {
    use crate::{catalog::db, server};
    server::run(async move { db::featured(&server::pool()?, super::locale_pair(&lang), 12).await })
        .await
}

#[server(endpoint = "category", input = GetUrl)]
pub async fn category_listing(slug: String, lang: String, page: i64) -> Result<Listing, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        db::category_listing(
            &server::pool()?,
            &slug,
            super::locale_pair(&lang),
            page.max(1),
        )
        .await
    })
    .await
}

#[server(endpoint = "search", input = GetUrl)]
pub async fn search(q: String, lang: String) -> Result<SearchResults, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let q = q.trim();
        if q.is_empty() || q.chars().count() > 100 {
            return Ok(SearchResults {
                products: vec![],
                total: 0,
            });
        }
        db::search(&server::pool()?, q, super::locale_pair(&lang), 48).await
    })
    .await
}
