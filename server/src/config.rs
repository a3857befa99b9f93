//! Configuration from the environment. Every variable is listed in the README
//! and in `.env.example`.
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`; when unset, a project-local cluster is started.
    pub database_url: Option<String>,
    /// `AGORA_DATA_DIR`: where the embedded cluster lives (default `.data`).
    pub data_dir: PathBuf,
    /// `AGORA_DEMO_DATA=1`: load the demo catalog and accounts at start-up.
    pub demo_data: bool,
    /// `AGORA_ADMIN_EMAIL` + `AGORA_ADMIN_PASSWORD`: ensure this super admin exists.
    pub admin_email: Option<String>,
    pub admin_password: Option<String>,
    /// `AGORA_SECURE_COOKIES=1` behind TLS: Secure cookies and HSTS.
    pub secure_cookies: bool,
    /// `AGORA_DB_POOL_SIZE` (default 16).
    pub pool_size: u32,
    /// `AGORA_PUBLIC_URL`: the shop's public origin for canonical links and
    /// the sitemap (default `http://127.0.0.1:3000`).
    pub public_url: String,
    /// `AGORA_PAGE_CACHE_SECONDS`: how long guests' catalog pages are served
    /// from memory (default 10; 0 turns the cache off).
    pub page_cache_secs: u64,
    /// `AGORA_SEARCH_CACHE_SECONDS`: how long a search's results and
    /// suggestions are reused for the same query (default 60; 0 = off).
    pub search_cache_secs: u64,
    /// `AGORA_UNPAID_CANCEL_MINUTES`: unpaid orders are cancelled after this
    /// long (default 30).
    pub unpaid_cancel_minutes: u64,
    /// `AGORA_AUTO_CONFIRM_DAYS`: delivered orders count as received after
    /// this many days (default 7).
    pub auto_confirm_days: u64,
    /// `AGORA_JOBS_INTERVAL_SECONDS`: how often the order jobs run (default
    /// 30; 0 turns them off in this instance).
    pub jobs_interval_secs: u64,
}

fn flag(name: &str) -> bool {
    matches!(std::env::var(name).as_deref(), Ok("1" | "true" | "yes"))
}

fn non_empty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Self {
        Config {
            database_url: non_empty("DATABASE_URL"),
            data_dir: non_empty("AGORA_DATA_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(".data")),
            demo_data: flag("AGORA_DEMO_DATA"),
            admin_email: non_empty("AGORA_ADMIN_EMAIL"),
            admin_password: non_empty("AGORA_ADMIN_PASSWORD"),
            secure_cookies: flag("AGORA_SECURE_COOKIES"),
            pool_size: non_empty("AGORA_DB_POOL_SIZE")
                .and_then(|v| v.parse().ok())
                .unwrap_or(16),
            public_url: non_empty("AGORA_PUBLIC_URL")
                .map(|u| u.trim_end_matches('/').to_string())
                .unwrap_or_else(|| "http://127.0.0.1:3000".to_string()),
            page_cache_secs: non_empty("AGORA_PAGE_CACHE_SECONDS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(10),
            search_cache_secs: non_empty("AGORA_SEARCH_CACHE_SECONDS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(60),
            unpaid_cancel_minutes: non_empty("AGORA_UNPAID_CANCEL_MINUTES")
                .and_then(|v| v.parse().ok())
                .unwrap_or(30),
            auto_confirm_days: non_empty("AGORA_AUTO_CONFIRM_DAYS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(7),
            jobs_interval_secs: non_empty("AGORA_JOBS_INTERVAL_SECONDS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(30),
        }
    }
}

impl Config {
    pub fn job_config(&self) -> app::orders::db::JobConfig {
        app::orders::db::JobConfig {
            unpaid_after: std::time::Duration::from_secs(self.unpaid_cancel_minutes * 60),
            confirm_after: std::time::Duration::from_secs(self.auto_confirm_days * 86_400),
        }
    }
}
