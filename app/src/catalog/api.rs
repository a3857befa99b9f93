//! Catalog server functions. Reads are GET-encoded so browsers and the
//! service worker can cache them, and none of them needs a signed-in user;
//! favourites and the signed-in shopper's recently viewed list do. The
//! reads every shopper shares (menu, home, category, product, cards) go
//! through the listing caches (`listing_cache.rs`), for guests and signed-in
//! shoppers alike; only the personal reads go to the database each time.
use super::{
    CategoryView, Filters, HomeRows, ProductCard, ProductDetail, SearchResults, Suggestion,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "categories", input = GetUrl)]
pub async fn category_menu(lang: String) -> Result<Vec<super::Category>, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let (pool, langs) = (server::pool()?, super::locale_pair(&lang));
        super::listing_caches()?
            .menu
            .get_or_compute(langs.0.to_string(), move || async move {
                db::categories(&pool, langs).await
            })
            .await
    })
    .await
}

#[server(endpoint = "home", input = GetUrl)]
pub async fn get_home(lang: String) -> Result<HomeRows, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let (pool, langs) = (server::pool()?, super::locale_pair(&lang));
        super::listing_caches()?
            .home
            .get_or_compute(langs.0.to_string(), move || async move {
                db::home_rows(&pool, langs, 8).await
            })
            .await
    })
    .await
}

#[server(endpoint = "category", input = GetUrl)]
pub async fn get_category(
    slug: String,
    lang: String,
    #[server(default)] filters: Filters,
) -> Result<CategoryView, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        if !super::valid_slug(&slug) {
            return Err(AppError::NotFound);
        }
        let (pool, langs, filters) = (
            server::pool()?,
            super::locale_pair(&lang),
            filters.bounded(),
        );
        let key = super::listing_cache::category_key(langs.0, &slug, &filters);
        super::listing_caches()?
            .categories
            .get_or_compute(key, move || async move {
                db::category_view(&pool, &slug, langs, &filters).await
            })
            .await
    })
    .await
}

#[server(endpoint = "product", input = GetUrl)]
pub async fn get_product(slug: String, lang: String) -> Result<ProductDetail, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        if !super::valid_slug(&slug) {
            return Err(AppError::NotFound);
        }
        // Which sales are running is decided when the page is read from the
        // database, so a sale starts or ends on it within the cache's TTL.
        let (pool, langs, now) = (server::pool()?, super::locale_pair(&lang), server::now()?);
        let key = super::listing_cache::product_key(langs.0, &slug);
        super::listing_caches()?
            .products
            .get_or_compute(key, move || async move {
                db::product_detail(&pool, &slug, langs, now).await
            })
            .await
    })
    .await
}

#[server(endpoint = "search", input = GetUrl)]
pub async fn search(
    q: String,
    lang: String,
    #[server(default)] filters: Filters,
) -> Result<SearchResults, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let pool = server::pool()?;
        // Only the first `MAX_QUERY_CHARS` characters are ever searched for
        // (or logged); the rest of a huge query is not even copied around.
        let q: String = q.trim().chars().take(super::MAX_QUERY_CHARS).collect();
        let filters = filters.bounded();
        let langs = super::locale_pair(&lang);
        let key = db::cache_key(langs.0, &q, &filters);
        // Every search reads at most this many matches (docs/search.md).
        let budget = db::SearchBudget::with_count_cap(server::settings()?.search_count_cap);
        let results = super::search_caches()?
            .searches
            .get_or_compute(key, {
                let (pool, q, filters) = (pool.clone(), q.clone(), filters.clone());
                move || async move { db::search_within(&pool, &q, langs, &filters, budget).await }
            })
            .await?;
        // First pages only, so paging through results does not count twice.
        if !q.is_empty() && filters.page <= 1 {
            let total = results.listing.total;
            tokio::spawn(async move {
                if let Err(e) = db::log_query(&pool, &q, langs.0, total).await {
                    tracing::warn!(error = ?e, "search query not logged");
                }
            });
        }
        Ok(results)
    })
    .await
}

#[server(endpoint = "suggest", input = GetUrl)]
pub async fn suggest(q: String, lang: String) -> Result<Vec<Suggestion>, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let (pool, langs) = (server::pool()?, super::locale_pair(&lang));
        let q: String = q.trim().chars().take(super::MAX_QUERY_CHARS).collect();
        let key = db::cache_key(langs.0, &q, &Filters::default());
        super::search_caches()?
            .suggestions
            .get_or_compute(
                key,
                move || async move { db::suggest(&pool, &q, langs).await },
            )
            .await
    })
    .await
}

/// Cards for a list of ids (a guest's recently viewed list, kept in the browser).
#[server(endpoint = "cards", input = GetUrl)]
pub async fn product_cards(ids: Vec<i64>, lang: String) -> Result<Vec<ProductCard>, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let ids: Vec<i64> = ids.into_iter().take(super::recent::KEEP).collect();
        let (pool, langs) = (server::pool()?, super::locale_pair(&lang));
        let key = super::listing_cache::cards_key(langs.0, &ids);
        super::listing_caches()?
            .cards
            .get_or_compute(key, move || async move {
                db::cards_by_ids(&pool, langs, &ids).await
            })
            .await
    })
    .await
}

/// The caller's favourite product ids; empty for guests, so a product page
/// rendered for a guest is not turned into an error.
#[server(endpoint = "favourites/ids", input = GetUrl)]
pub async fn favourite_ids() -> Result<Vec<i64>, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        match server::require_user().await {
            Ok(user) => db::favourite_ids(&server::pool()?, user.id).await,
            Err(AppError::Unauthenticated) => Ok(vec![]),
            Err(e) => Err(e),
        }
    })
    .await
}

#[server(endpoint = "favourites/set")]
pub async fn set_favourite(product_id: i64, on: bool) -> Result<bool, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        db::set_favourite(&server::pool()?, user.id, product_id, on).await?;
        Ok(on)
    })
    .await
}

#[server(endpoint = "favourites", input = GetUrl)]
pub async fn favourites(lang: String) -> Result<Vec<ProductCard>, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        db::favourites(&server::pool()?, super::locale_pair(&lang), user.id).await
    })
    .await
}

#[server(endpoint = "recent/add")]
pub async fn remember_view(product_id: i64) -> Result<(), AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        db::remember_view(&server::pool()?, user.id, product_id).await
    })
    .await
}

#[server(endpoint = "recent", input = GetUrl)]
pub async fn recently_viewed(lang: String) -> Result<Vec<ProductCard>, AppError> {
    use crate::{catalog::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        db::recently_viewed(&server::pool()?, super::locale_pair(&lang), user.id).await
    })
    .await
}
