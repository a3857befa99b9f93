//! The router: Leptos pages and server functions, plus a few plain routes,
//! wrapped in sessions, security headers, CSRF checks and compression.
use crate::config::Config;
use crate::{
    admin_files, after_sales, api_status, assets, lang, media, page_cache, payments,
    personal_cache, privacy, pwa, reviews, security, seo, unsubscribe, uploads,
};
use app::server::AppState;
use app::{App, shell};
use axum::extract::FromRef;
use axum::routing::get;
use axum::{Router, middleware};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sqlx::PgPool;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

/// State for the plain axum handlers.
#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub sw: pwa::ServiceWorker,
    pub public_url: String,
    pub app: AppState,
    /// For the plain handlers that change what listings show (reviews).
    pub listings: app::catalog::ListingCaches,
}

pub fn router(
    pool: PgPool,
    mut options: LeptosOptions,
    store: PostgresStore,
    cfg: &Config,
) -> Router {
    assets::use_hash_file(&mut options);
    let hashed = options.hash_files;
    let routes = generate_route_list(App);
    let app_state = AppState::new(pool.clone(), cfg.settings());
    let search_caches =
        app::catalog::SearchCaches::new(std::time::Duration::from_secs(cfg.search_cache_secs));
    // Shared by guests and signed-in shoppers; no entry outlives the page
    // cache's TTL, so one freshness bound covers both (README, "Caching").
    let listing_caches =
        app::catalog::ListingCaches::new(std::time::Duration::from_secs(cfg.page_cache_secs));
    let listings_for_state = listing_caches.clone();
    let public_url = app::ui::kit::PublicUrl(cfg.public_url.clone());
    let state_for_routes = app_state.clone();
    // Per-network request rates (checkout), one set per router.
    let rate_limits = app::server::RateLimits::new(&cfg.limits);
    let context = move || {
        provide_context(app_state.clone());
        provide_context(search_caches.clone());
        provide_context(listing_caches.clone());
        provide_context(public_url.clone());
        provide_context(rate_limits.clone());
        // Runs for every render: the page's inline scripts get the nonce
        // that the security layer writes into this response's CSP.
        security::provide_request_nonce();
    };

    let sessions = SessionManagerLayer::new(store)
        .with_name("agora_sid")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        // Always Secure in production (see `Config::secure_cookies`).
        .with_secure(cfg.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));

    let state = ServerState {
        sw: pwa::ServiceWorker::new(&options),
        leptos_options: options.clone(),
        pool,
        public_url: cfg.public_url.clone(),
        app: state_for_routes,
        listings: listings_for_state,
    };
    // HSTS goes with Secure cookies.
    let secure = cfg.secure_cookies();

    Router::new()
        .route("/media/{file}", get(media::serve))
        .route("/media/placeholder/{file}", get(media::placeholder))
        .route("/lang/{code}", get(lang::switch))
        .route("/sw.js", get(pwa::serve))
        .route("/admin.css", get(crate::stylesheets::admin))
        .route("/pages.css", get(crate::stylesheets::pages))
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/after-sales",
            axum::routing::post(after_sales::submit).layer(axum::extract::DefaultBodyLimit::max(
                after_sales::BODY_LIMIT,
            )),
        )
        .route(
            "/reviews",
            axum::routing::post(reviews::submit)
                .layer(axum::extract::DefaultBodyLimit::max(reviews::BODY_LIMIT)),
        )
        .route(
            "/admin/upload/product-image",
            axum::routing::post(admin_files::upload).layer(axum::extract::DefaultBodyLimit::max(
                admin_files::UPLOAD_LIMIT,
            )),
        )
        .route("/admin/export/products.csv", get(admin_files::export))
        .route("/account/data.json", get(privacy::json))
        .route("/account/data.csv", get(privacy::csv))
        .route(
            "/payments/sandbox/notify",
            axum::routing::post(payments::sandbox_notify),
        )
        .route("/unsubscribe", axum::routing::post(unsubscribe::one_click))
        .route("/robots.txt", get(seo::robots))
        .route("/sitemap.xml", get(seo::index))
        .route("/sitemaps/{file}", get(seo::file))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(context, shell))
        // Innermost, so both page caches see answers without the repeat.
        .layer(middleware::from_fn(lang::drop_repeated_cookie))
        .layer(middleware::from_fn(api_status::fix_status))
        .layer(middleware::from_fn(uploads::limit))
        .layer(middleware::from_fn(move |req, next| {
            assets::cache_headers(hashed, req, next)
        }))
        .layer(middleware::from_fn(page_cache::personal_pages))
        // Inside the session (it reads who is signed in) and inside the
        // language switch (it keys on the language the page is drawn in).
        .layer(middleware::from_fn_with_state(
            personal_cache::PersonalPages::new(
                state.pool.clone(),
                state.listings.clone(),
                std::time::Duration::from_secs(cfg.page_cache_secs),
            ),
            personal_cache::layer,
        ))
        .layer(middleware::from_fn(lang::from_query))
        .layer(sessions)
        .layer(middleware::from_fn(move |req, next| {
            security::guard(secure, req, next)
        }))
        .layer(CompressionLayer::new())
        // Outside compression, so a hit skips rendering and compressing.
        .layer(middleware::from_fn_with_state(
            page_cache::PageCache::new(std::time::Duration::from_secs(cfg.page_cache_secs)),
            page_cache::layer,
        ))
        // A bug must not take the connection down with a stack trace: the
        // panic is logged and the client gets a bare 500.
        .layer(CatchPanicLayer::custom(security::panic_response))
        .with_state(state)
}
