//! The storefront's search caches: results and type-ahead suggestions, by
//! locale, query and filters. Provided per request as a context value by
//! the server's router, rather than kept in `server::AppState`: the server
//! plumbing sits below the catalog (README, "Module layering") and must not
//! name the catalog's types.
use super::{SearchResults, Suggestion};
use crate::error::AppError;
use crate::server::SwrCache;
use leptos::prelude::*;
use std::time::Duration;

/// Most distinct searches (and, separately, suggestion lists) kept at once.
const CACHED_SEARCHES: u64 = 5_000;

#[derive(Clone)]
pub struct SearchCaches {
    pub searches: SwrCache<SearchResults>,
    pub suggestions: SwrCache<Vec<Suggestion>>,
}

impl SearchCaches {
    /// `ttl` of zero turns the caches off.
    pub fn new(ttl: Duration) -> Self {
        SearchCaches {
            searches: SwrCache::new(ttl, CACHED_SEARCHES),
            suggestions: SwrCache::new(ttl, CACHED_SEARCHES),
        }
    }

    /// Forgets every cached search and suggestion, after a product changed.
    pub fn clear(&self) {
        self.searches.clear();
        self.suggestions.clear();
    }
}

/// The caches of this server, from the request's context.
pub fn search_caches() -> Result<SearchCaches, AppError> {
    use_context::<SearchCaches>().ok_or_else(|| {
        tracing::error!("SearchCaches missing from context");
        AppError::Internal
    })
}
