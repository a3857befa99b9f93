//! The axum server: configuration, the embedded PostgreSQL, middleware,
//! non-Leptos routes (media, language switch, service worker) and demo data.
pub mod admin_files;
pub mod after_sales;
pub mod api_status;
pub mod assets;
pub mod config;
pub mod embedded_pg;
pub mod generate;
pub mod lang;
pub mod mail;
pub mod mail_sink;
pub mod media;
pub mod page_cache;
pub mod payments;
pub mod personal_cache;
pub mod privacy;
pub mod pwa;
pub mod recommend_eval;
pub mod reviews;
pub mod routes;
pub mod security;
pub mod seed;
pub mod seo;
pub mod startup;
pub mod stylesheets;
pub mod unsubscribe;
pub mod uploads;

pub use routes::router;

/// Start-up and tooling errors: reported once, to a person, then the process exits.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, BoxError>;
