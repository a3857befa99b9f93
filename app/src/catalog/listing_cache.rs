//! The listing data every shopper sees alike, kept in memory and shared by
//! guests and signed-in shoppers: the category menu, the home rows, category
//! listings (cards, facets, totals) per normalised query, product pages and
//! card lists, each per language. A signed-in page then costs only its
//! personal parts (who is signed in, their favourites); a guest's page is
//! also kept whole by the server's page cache, which sits on top.
//!
//! Freshness: every entry is served for at most the page cache's TTL
//! (`AGORA_PAGE_CACHE_SECONDS`) after it was read from the database
//! (`SwrCache::with_max_age`: fresh for a sixth of it, then served while one
//! request refreshes it). So a price or stock change shows on a signed-in
//! page within that TTL, and on a guest's within twice it (the page cache
//! keeps a rendered page one TTL more). The back office's own changes clear
//! these caches at once (`ListingCaches::clear`). The cart and checkout never
//! read them: they price from the database.
//!
//! Provided per request as a context value, like the search caches (see
//! `cache.rs` for why not in `server::AppState`).
use super::{Category, CategoryView, Filters, HomeRows, ProductCard, ProductDetail};
use crate::error::AppError;
use crate::server::SwrCache;
use leptos::prelude::*;
use std::time::Duration;

/// Most category listings (slug × filters × page × language) kept at once.
const CACHED_LISTINGS: u64 = 2_000;
/// Most product pages (slug × language) kept at once.
const CACHED_PRODUCTS: u64 = 2_000;
/// Most card lists (a guest's recently viewed ids × language) kept at once.
const CACHED_CARD_LISTS: u64 = 1_000;
/// The menu and the home rows: one entry per language.
const PER_LANGUAGE: u64 = 4;

/// Separates the parts of a key; it cannot occur in a slug, a language or
/// the filters' JSON (which escapes control characters).
const SEP: char = '\u{1f}';

#[derive(Clone)]
pub struct ListingCaches {
    pub menu: SwrCache<Vec<Category>>,
    pub home: SwrCache<HomeRows>,
    pub categories: SwrCache<CategoryView>,
    pub products: SwrCache<ProductDetail>,
    pub cards: SwrCache<Vec<ProductCard>>,
    /// Counts the clears, so a page drawn from these caches and kept
    /// elsewhere (signed-in page templates, server/src/personal_cache.rs)
    /// knows it was drawn before one.
    generation: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl ListingCaches {
    /// Nothing is served older than `max_age`; zero turns the caches off.
    pub fn new(max_age: Duration) -> Self {
        ListingCaches {
            menu: SwrCache::with_max_age(max_age, PER_LANGUAGE),
            home: SwrCache::with_max_age(max_age, PER_LANGUAGE),
            categories: SwrCache::with_max_age(max_age, CACHED_LISTINGS),
            products: SwrCache::with_max_age(max_age, CACHED_PRODUCTS),
            cards: SwrCache::with_max_age(max_age, CACHED_CARD_LISTS),
            generation: Default::default(),
        }
    }

    /// How many times the caches were cleared so far.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Forgets everything, after the back office changed what these show
    /// (in this server process; others catch up within the TTL).
    pub fn clear(&self) {
        self.menu.clear();
        self.home.clear();
        self.categories.clear();
        self.products.clear();
        self.cards.clear();
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }
}

/// The listing caches of this server, from the request's context.
pub fn listing_caches() -> Result<ListingCaches, AppError> {
    use_context::<ListingCaches>().ok_or_else(|| {
        tracing::error!("ListingCaches missing from context");
        AppError::Internal
    })
}

/// A category listing's key: the language, the slug and the filters as the
/// server applies them (`Filters::bounded`, in a fixed field order), so two
/// URLs that ask for the same listing share one entry.
pub fn category_key(lang: &str, slug: &str, filters: &Filters) -> String {
    let filters = serde_json::to_string(&filters.clone().bounded()).unwrap_or_default();
    format!("{lang}{SEP}{slug}{SEP}{filters}")
}

/// A product page's key.
pub fn product_key(lang: &str, slug: &str) -> String {
    format!("{lang}{SEP}{slug}")
}

/// A card list's key: the ids in their order (the cards come back in it).
pub fn cards_key(lang: &str, ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("{lang}{SEP}{}", ids.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_listing_asked_two_ways_is_one_key() {
        let url = Filters::from_pairs([("sort", "price_asc"), ("min", "100"), ("stock", "1")]);
        let reordered =
            Filters::from_pairs([("stock", "on"), ("min", "100.00"), ("sort", "price_asc")]);
        assert_eq!(
            category_key("en", "down-jackets", &url),
            category_key("en", "down-jackets", &reordered)
        );
        // Page 0 is page 1 once bounded.
        let page0 = Filters {
            page: 0,
            ..Filters::default()
        };
        let page1 = Filters {
            page: 1,
            ..Filters::default()
        };
        assert_eq!(
            category_key("en", "a", &page0),
            category_key("en", "a", &page1)
        );
    }

    #[test]
    fn language_slug_filters_and_ids_tell_keys_apart() {
        let f = Filters::default();
        let key = category_key("en", "down-jackets", &f);
        assert_ne!(key, category_key("zh-CN", "down-jackets", &f));
        assert_ne!(key, category_key("en", "t-shirts", &f));
        let page2 = Filters {
            page: 2,
            ..Filters::default()
        };
        assert_ne!(key, category_key("en", "down-jackets", &page2));
        assert_ne!(product_key("en", "a"), product_key("zh-CN", "a"));
        assert_ne!(cards_key("en", &[1, 23]), cards_key("en", &[12, 3]));
        assert_ne!(cards_key("en", &[1, 2]), cards_key("en", &[2, 1]));
    }
}
