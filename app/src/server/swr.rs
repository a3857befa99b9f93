//! A short-lived in-memory cache for answers that many shoppers ask for at
//! once, such as the results of a popular search. At 100,000 products a
//! search for a broad word ("户外", "limited") matches tens of thousands of
//! products and costs 100–500 ms to rank and count however it is written;
//! shoppers ask for those same words again and again, so each is worked
//! out once per TTL.
//!
//! - A fresh entry is served as it is.
//! - A stale entry (older than the TTL) is still served, and the first
//!   request to see it starts working out the replacement in the
//!   background (stale-while-revalidate): no shopper waits for a refresh,
//!   and an expiry never sends every concurrent request to the database.
//! - Concurrent misses for the same key share one computation (moka's
//!   `try_get_with`).
//! - Errors are never stored.
//!
//! The cache lives in each server process; several processes each keep
//! their own, which only means each works a popular answer out once.
use moka::future::Cache;
use std::collections::HashSet;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// An entry older than the TTL is still served for this many TTLs while one
/// request works out its replacement; after that it is dropped.
const STALE_FACTOR: u32 = 6;

#[derive(Clone)]
pub struct SwrCache<V> {
    entries: Option<Cache<String, Arc<Entry<V>>>>,
    ttl: Duration,
    /// Keys whose replacement is being worked out right now.
    refreshing: Arc<Mutex<HashSet<String>>>,
}

struct Entry<V> {
    value: V,
    stored: Instant,
}

/// Releases a claimed key when its refresh ends, however it ends (even if
/// the refresh panics), so the key can be refreshed again.
struct Claim {
    set: Arc<Mutex<HashSet<String>>>,
    key: String,
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Ok(mut set) = self.set.lock() {
            set.remove(&self.key);
        }
    }
}

impl<V: Clone + Send + Sync + 'static> SwrCache<V> {
    /// `ttl` of zero turns the cache off; `capacity` bounds the entry count.
    pub fn new(ttl: Duration, capacity: u64) -> Self {
        let entries = (!ttl.is_zero()).then(|| {
            Cache::builder()
                .time_to_live(ttl * STALE_FACTOR)
                .max_capacity(capacity)
                .build()
        });
        SwrCache {
            entries,
            ttl,
            refreshing: Arc::default(),
        }
    }

    /// A cache that never serves a value older than `max_age`: entries are
    /// fresh for `max_age / STALE_FACTOR` and then served stale (while one
    /// request refreshes them) for the rest of `max_age`. For data shown
    /// beside other caches that must all meet one freshness bound.
    pub fn with_max_age(max_age: Duration, capacity: u64) -> Self {
        Self::new(max_age / STALE_FACTOR, capacity)
    }

    /// Drops every entry: the back office changed the catalog, and shoppers
    /// should not wait out the TTL to see it.
    pub fn clear(&self) {
        if let Some(entries) = &self.entries {
            entries.invalidate_all();
        }
    }

    /// The cached value for `key`, or the result of `compute()`, stored when
    /// it succeeds. `compute` owns what it needs, because a refresh runs on
    /// after the request that started it has been answered.
    pub async fn get_or_compute<E, F, Fut>(&self, key: String, compute: F) -> Result<V, E>
    where
        E: Clone + Send + Sync + std::fmt::Debug + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>> + Send + 'static,
    {
        let Some(entries) = &self.entries else {
            return compute().await;
        };
        let Some(entry) = entries.get(&key).await else {
            let entry = entries
                .try_get_with(key, async {
                    compute().await.map(|value| {
                        Arc::new(Entry {
                            value,
                            stored: Instant::now(),
                        })
                    })
                })
                .await
                .map_err(|e: Arc<E>| (*e).clone())?;
            return Ok(entry.value.clone());
        };
        if entry.stored.elapsed() > self.ttl {
            let claimed = self
                .refreshing
                .lock()
                .map(|mut set| set.insert(key.clone()))
                .unwrap_or(false);
            if claimed {
                let claim = Claim {
                    set: self.refreshing.clone(),
                    key,
                };
                let (entries, refresh) = (entries.clone(), compute());
                tokio::spawn(async move {
                    match refresh.await {
                        Ok(value) => {
                            let entry = Arc::new(Entry {
                                value,
                                stored: Instant::now(),
                            });
                            entries.insert(claim.key.clone(), entry).await;
                        }
                        Err(e) => tracing::warn!(error = ?e, "cache refresh failed"),
                    }
                    drop(claim);
                });
            }
        }
        Ok(entry.value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    async fn ask(
        cache: &SwrCache<usize>,
        calls: &Arc<AtomicUsize>,
        key: &str,
    ) -> Result<usize, String> {
        let calls = calls.clone();
        cache
            .get_or_compute(key.to_string(), move || async move {
                Ok::<_, String>(calls.fetch_add(1, Ordering::SeqCst) + 1)
            })
            .await
    }

    async fn settle() {
        tokio::time::sleep(Duration::from_millis(30)).await;
    }

    #[tokio::test]
    async fn fresh_entries_are_served_and_stale_ones_refreshed_in_the_background() {
        let cache = SwrCache::new(Duration::from_millis(200), 100);
        let calls = Arc::new(AtomicUsize::new(0));
        assert_eq!(ask(&cache, &calls, "a").await, Ok(1));
        assert_eq!(ask(&cache, &calls, "a").await, Ok(1), "fresh: served");
        assert_eq!(ask(&cache, &calls, "b").await, Ok(2), "another key");
        tokio::time::sleep(Duration::from_millis(250)).await;
        // Stale: served at once, and one refresh starts…
        assert_eq!(ask(&cache, &calls, "a").await, Ok(1));
        assert_eq!(ask(&cache, &calls, "a").await, Ok(1));
        settle().await;
        // …whose result is then served to everyone.
        assert_eq!(ask(&cache, &calls, "a").await, Ok(3));
        assert_eq!(calls.load(Ordering::SeqCst), 3, "one refresh, not two");
    }

    #[tokio::test]
    async fn concurrent_misses_share_one_computation() {
        let cache = SwrCache::new(Duration::from_secs(60), 100);
        let calls = Arc::new(AtomicUsize::new(0));
        let slow = |calls: Arc<AtomicUsize>| async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            Ok::<_, String>(calls.fetch_add(1, Ordering::SeqCst) + 1)
        };
        let (a, b) = tokio::join!(
            cache.get_or_compute("k".into(), || slow(calls.clone())),
            cache.get_or_compute("k".into(), || slow(calls.clone())),
        );
        assert_eq!((a, b), (Ok(1), Ok(1)));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn errors_are_not_stored_and_a_zero_ttl_turns_it_off() {
        let cache = SwrCache::new(Duration::from_secs(60), 100);
        let failed: Result<usize, String> = cache
            .get_or_compute("e".to_string(), || async { Err("down".to_string()) })
            .await;
        assert_eq!(failed, Err("down".to_string()));
        let calls = Arc::new(AtomicUsize::new(0));
        assert_eq!(ask(&cache, &calls, "e").await, Ok(1), "error not kept");

        let off = SwrCache::new(Duration::ZERO, 100);
        assert_eq!(ask(&off, &calls, "x").await, Ok(2));
        assert_eq!(ask(&off, &calls, "x").await, Ok(3));
    }

    #[tokio::test]
    async fn with_max_age_never_serves_an_older_value() {
        let cache = SwrCache::with_max_age(Duration::from_millis(300), 100);
        let calls = Arc::new(AtomicUsize::new(0));
        assert_eq!(ask(&cache, &calls, "k").await, Ok(1));
        // Past the fresh part (50 ms): still served, refreshed behind.
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert_eq!(ask(&cache, &calls, "k").await, Ok(1));
        settle().await;
        assert_eq!(ask(&cache, &calls, "k").await, Ok(2));
        // Past the whole age: gone, so the next answer is worked out anew.
        tokio::time::sleep(Duration::from_millis(350)).await;
        assert_eq!(ask(&cache, &calls, "k").await, Ok(3));
    }

    #[tokio::test]
    async fn a_failed_refresh_keeps_the_old_value_and_releases_its_claim() {
        let cache = SwrCache::new(Duration::from_millis(50), 100);
        let calls = Arc::new(AtomicUsize::new(0));
        assert_eq!(ask(&cache, &calls, "k").await, Ok(1));
        tokio::time::sleep(Duration::from_millis(80)).await;
        let failing: Result<usize, String> = cache
            .get_or_compute("k".to_string(), || async { Err("down".to_string()) })
            .await;
        assert_eq!(failing, Ok(1), "stale value while the refresh fails");
        settle().await;
        assert_eq!(
            ask(&cache, &calls, "k").await,
            Ok(1),
            "old value kept, new refresh"
        );
        settle().await;
        assert_eq!(ask(&cache, &calls, "k").await, Ok(2));
    }
}
