//! Each catalog page costs a fixed number of SQL statements, however large
//! the catalog: no N+1; and a signed-in page with a warm listing cache runs
//! only its personal ones. Statements are counted through a tracing
//! subscriber set as this thread's default: the tests' runtimes are
//! single-threaded, so the server's work happens under it, while the other
//! tests of the binary run on other threads with no subscriber.
use crate::common;

use common::{client, spawn, spawn_with, test_config};
use sqlx::PgPool;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tracing_subscriber::layer::SubscriberExt;

/// The two tests take turns, so that one's subscriber never sees the other's
/// statements through a call site's cached interest.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Keeps a second dispatcher registered for the rest of the binary's life.
/// While only one is registered, tracing decides a call site's interest
/// from the *current thread's* default alone when the site is first hit: a
/// sqlx call site first reached on another test's thread (which has no
/// subscriber) was then cached as "never" for every thread, and this
/// thread counted no statements at all (all zeros, seen locally under a
/// build's load, session 20). With two registered, tracing combines the
/// interest of every live dispatcher, and the counter's "sometimes" wins.
fn keep_two_dispatchers() {
    static SECOND: std::sync::OnceLock<tracing::Dispatch> = std::sync::OnceLock::new();
    SECOND.get_or_init(|| tracing::Dispatch::new(tracing::subscriber::NoSubscriber::new()));
}

/// Counts the statements sqlx runs (its `sqlx::query` log events).
struct QueryCounter(Arc<AtomicUsize>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for QueryCounter {
    /// "Sometimes", never "always": tracing caches a call site's interest for
    /// every thread, and "always" made sqlx on the other tests' threads emit
    /// its events, so one of them could register sqlx's event call site
    /// first, under no subscriber, and cache "never" for everyone: this
    /// thread then counted no statements at all (CI, stop 27). "Sometimes"
    /// makes each event ask the current thread's subscriber.
    fn register_callsite(
        &self,
        _: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::sometimes()
    }

    fn enabled(
        &self,
        meta: &tracing::Metadata<'_>,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) -> bool {
        meta.target() == "sqlx::query"
    }

    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// Statements run while serving `path` (the test's runtime is single-threaded,
/// so the server's work happens under this thread's subscriber).
async fn queries(counter: &Arc<AtomicUsize>, base: &str, path: &str) -> usize {
    queries_as(counter, &client(), base, path).await
}

/// [`queries`] for the client `as_who` (a signed-in shopper's, say).
async fn queries_as(
    counter: &Arc<AtomicUsize>,
    as_who: &reqwest::Client,
    base: &str,
    path: &str,
) -> usize {
    let before = counter.load(Ordering::SeqCst);
    let status = as_who
        .get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
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
    let _turn = TURN.lock().await;
    agora_server::seed::load_demo(&pool).await.unwrap();
    keep_two_dispatchers();
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

/// A signed-in shopper's catalog pages read the listing data from the
/// shared listing cache: once it is warm, only the personal statements run,
/// so a signed-in page costs about what a guest's does.
#[sqlx::test(migrator = "app::server::MIGRATOR")]
async fn a_warm_signed_in_page_runs_only_the_personal_statements(pool: PgPool) {
    let _turn = TURN.lock().await;
    agora_server::seed::load_demo(&pool).await.unwrap();
    keep_two_dispatchers();
    let counter = Arc::new(AtomicUsize::new(0));
    let subscriber = tracing_subscriber::registry().with(QueryCounter(counter.clone()));
    let _guard = tracing::subscriber::set_default(subscriber);
    // The listing cache lives as long as the page cache's TTL: long enough
    // here that nothing expires while the test runs.
    let mut cfg = test_config();
    cfg.page_cache_secs = 600;
    let app = spawn_with(pool.clone(), cfg).await;
    let shopper = client();
    let (status, body, _) = app
        .sign_in(
            &shopper,
            "shopper@agora.test",
            agora_server::seed::DEMO_PASSWORD,
        )
        .await;
    assert_eq!(status, 200, "{body}");

    // The offline page shows no catalog data: a signed-in request for it
    // costs the shell's personal statements alone, once the menu is warm.
    let (shell, category, product) = (
        "/offline",
        "/c/down-jackets?sort=price_asc&stock=1&min=100",
        "/p/down-jackets-1",
    );
    let mut counts = Vec::new();
    for path in [shell, shell, category, category, product, product] {
        counts.push(queries_as(&counter, &shopper, &app.base, path).await);
    }
    let personal = counts[1];
    // Every signed-in page's personal statements: the session (one load of
    // its row) and who is signed in (`current_user`: the user with their
    // permissions) = 2, and the account's display settings when the page
    // is drawn with them = 3. The cart badge is filled in the browser.
    assert!((2..=3).contains(&personal), "{counts:?}");
    // Then, with the menu warm from the first request:
    //   category, cold: personal + categories, listing, cards
    //   category, warm: personal, and nothing else
    //   product, cold:  personal + the heart's favourite ids (the user
    //                   again, then their ids) + product, categories,
    //                   variants, running sales, images, attributes,
    //                   reviews, related cards
    //   product, warm:  personal + the favourite ids, and nothing else
    // A warm page that runs more reads listing data past the cache.
    assert_eq!(
        counts[2..],
        [personal + 3, personal, personal + 2 + 8, personal + 2],
        "{counts:?}"
    );
}
