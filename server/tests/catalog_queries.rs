//! Each catalog page costs a fixed number of SQL statements, however large
//! the catalog: no N+1. Alone in its own test binary, because it counts
//! through a tracing subscriber and other tests must not run beside it.
mod common;

use common::{client, spawn};
use sqlx::PgPool;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tracing_subscriber::layer::SubscriberExt;

/// Counts the statements sqlx runs (its `sqlx::query` log events).
struct QueryCounter(Arc<AtomicUsize>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for QueryCounter {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
}

async fn get(base: &str, path: &str) -> u16 {
    client()
        .get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Statements run while serving `path` (the test's runtime is single-threaded,
/// so the server's work happens under this thread's subscriber).
async fn queries(counter: &Arc<AtomicUsize>, base: &str, path: &str) -> usize {
    let before = counter.load(Ordering::SeqCst);
    let status = get(base, path).await;
    assert_eq!(status, 200, "{path}");
    // Searches are logged by a task that may finish after the response.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    counter.load(Ordering::SeqCst) - before
}

const PAGES: [&str; 6] = [
    "/",
    "/c/apparel",
    "/c/down-jackets?sort=price_asc&stock=1&min=100&a.brand=%E5%B1%B1%E9%87%8E",
    "/p/down-jackets-1",
    "/search?q=%E7%BE%BD%E7%BB%92",
    "/search?q=headphnes&sort=sales",
];

#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn every_page_costs_a_fixed_number_of_queries(pool: PgPool) {
    agora_server::seed::load_demo(&pool).await.unwrap();
    let counter = Arc::new(AtomicUsize::new(0));
    let subscriber = tracing_subscriber::registry().with(QueryCounter(counter.clone()));
    let _guard = tracing::subscriber::set_default(subscriber);
    let app = spawn(pool.clone()).await;
    let mut small = Vec::new();
    for p in PAGES {
        small.push(queries(&counter, &app.base, p).await);
    }
    // Ten times the products (and more in every category) cost no more queries.
    agora_server::generate::generate(&pool, 1000).await.unwrap();
    let mut large = Vec::new();
    for p in PAGES {
        large.push(queries(&counter, &app.base, p).await);
    }
    assert_eq!(
        small, large,
        "query counts grew with the catalog: {PAGES:?}"
    );
    // Each page's statements, named so a new N+1 shows up here. Cards are
    // read by one compile-checked query from a list of ids, so a listing
    // picks its ids (with facets and totals) and then reads their cards:
    //   home: menu categories, home rows' ids, their cards                 = 3
    //   category: menu, categories, listing (facets and ids), cards        = 4
    //   product: menu, product, categories, variants, running sales,
    //            images, attributes, reviews, related cards                = 9
    //   search: menu, categories, listing, cards, and the log entry (set,
    //           insert, commit)                                           = 7
    //           plus the typo correction when there are Latin words       = 8
    assert_eq!(small, [3, 4, 4, 9, 7, 8], "{small:?}");
}
