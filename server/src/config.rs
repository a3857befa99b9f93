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
    /// Production mode: `AGORA_ENV=production`, or an `AGORA_PUBLIC_URL`
    /// that is not a loopback address (decided in `from_env`).
    pub production: bool,
    /// Whether `AGORA_PUBLIC_URL` was given (production requires it).
    pub public_url_set: bool,
    /// `AGORA_PAYMENT_NOTIFY_BASE`: where providers post notifications
    /// (default: the public URL).
    pub payment_notify_base: Option<String>,
    /// `AGORA_SANDBOX_PAYMENTS=1|0`: offer the sandbox provider or not
    /// (default: on in development, off in production).
    pub sandbox_payments: Option<bool>,
    /// `AGORA_TRUSTED_PROXIES`: comma-separated IPs of reverse proxies whose
    /// `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `AGORA_LIMIT_*`: abuse limits (see `app::server::Limits`).
    pub limits: app::server::Limits,
    /// `AGORA_DELETION_COOLING_OFF_DAYS` (default 14).
    pub deletion_cooling_off_days: u64,
    /// `AGORA_PRIVACY_CONTACT`: the e-mail address the privacy policy gives
    /// (required in production).
    pub privacy_contact: Option<String>,
}

fn flag(name: &str) -> bool {
    matches!(std::env::var(name).as_deref(), Ok("1" | "true" | "yes"))
}

fn non_empty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> T {
    non_empty(name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// `1/true/yes` → Some(true), `0/false/no` → Some(false), unset → None.
fn tri_flag(name: &str) -> Option<bool> {
    match non_empty(name)?.trim() {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

fn limits_from_env() -> app::server::Limits {
    let d = app::server::Limits::default();
    app::server::Limits {
        register_per_hour: number("AGORA_LIMIT_REGISTER_PER_HOUR", d.register_per_hour),
        checkout_per_minute: number("AGORA_LIMIT_CHECKOUT_PER_MINUTE", d.checkout_per_minute),
        guest_orders_per_hour: number("AGORA_LIMIT_GUEST_ORDERS_PER_HOUR", d.guest_orders_per_hour),
        guest_units: number("AGORA_LIMIT_GUEST_UNITS", d.guest_units),
    }
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
            // Unset, it is the address the server listens on, so links and
            // payment notifications reach this very process in development.
            public_url: non_empty("AGORA_PUBLIC_URL")
                .map(|u| u.trim().trim_end_matches('/').to_string())
                .unwrap_or_else(|| {
                    let addr = non_empty("LEPTOS_SITE_ADDR")
                        .unwrap_or_else(|| "127.0.0.1:3000".to_string());
                    format!("http://{}", addr.trim())
                }),
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
            production: matches!(
                std::env::var("AGORA_ENV").as_deref().map(str::trim),
                Ok("production")
            ) || non_empty("AGORA_PUBLIC_URL")
                .is_some_and(|u| !is_loopback_url(u.trim())),
            public_url_set: non_empty("AGORA_PUBLIC_URL").is_some(),
            payment_notify_base: non_empty("AGORA_PAYMENT_NOTIFY_BASE")
                .map(|u| u.trim().trim_end_matches('/').to_string()),
            sandbox_payments: tri_flag("AGORA_SANDBOX_PAYMENTS"),
            trusted_proxies: non_empty("AGORA_TRUSTED_PROXIES")
                .map(|v| {
                    v.split(',')
                        .filter_map(|ip| ip.trim().parse().ok())
                        .collect()
                })
                .unwrap_or_default(),
            limits: limits_from_env(),
            deletion_cooling_off_days: number("AGORA_DELETION_COOLING_OFF_DAYS", 14),
            privacy_contact: non_empty("AGORA_PRIVACY_CONTACT").map(|v| v.trim().to_string()),
        }
    }
}

impl Config {
    /// The settings the app's server functions read (see
    /// `app::server::Settings`).
    pub fn settings(&self) -> app::server::Settings {
        let production = self.production;
        app::server::Settings {
            production,
            public_url: self.public_url.clone(),
            payment_notify_base: self
                .payment_notify_base
                .clone()
                .unwrap_or_else(|| self.public_url.clone()),
            sandbox_payments: self.sandbox_payments.unwrap_or(!production),
            trusted_proxies: self.trusted_proxies.clone(),
            limits: self.limits,
            deletion_cooling_off: std::time::Duration::from_secs(
                self.deletion_cooling_off_days * 86_400,
            ),
            privacy_contact: self
                .privacy_contact
                .clone()
                .unwrap_or_else(|| app::server::DEV_PRIVACY_CONTACT.to_string()),
        }
    }

    /// Secure cookies and HSTS: always in production (the shop is reached
    /// over TLS there, and a session cookie sent in clear text can be
    /// stolen on the way), else as `AGORA_SECURE_COOKIES` says.
    pub fn secure_cookies(&self) -> bool {
        self.production || self.secure_cookies
    }

    /// Settings that would be unsafe to serve with, each naming its variable
    /// and what to do instead. Only production mode has any: development
    /// keeps its convenient defaults (`./scripts/serve`).
    pub fn problems(&self) -> Vec<String> {
        if !self.production {
            return Vec::new();
        }
        let mut out = Vec::new();
        if !self.public_url_set {
            out.push(
                "AGORA_PUBLIC_URL is not set: production needs the address shoppers use, \
                 e.g. AGORA_PUBLIC_URL=https://shop.example.com"
                    .to_string(),
            );
        } else if let Some(why) = https_origin_problem(&self.public_url) {
            out.push(format!(
                "AGORA_PUBLIC_URL={} {why}: set it to the https origin shoppers use, \
                 e.g. https://shop.example.com (session cookies are Secure in production, \
                 so the shop must be reached over TLS)",
                self.public_url
            ));
        }
        match &self.privacy_contact {
            None => out.push(
                "AGORA_PRIVACY_CONTACT is not set: the privacy policy must name the address \
                 shoppers write to about their data, e.g. AGORA_PRIVACY_CONTACT=privacy@shop.example.com"
                    .to_string(),
            ),
            Some(c) if app::accounts::check_email(c).is_err() => out.push(format!(
                "AGORA_PRIVACY_CONTACT={c} is not an e-mail address: set the address shoppers \
                 write to about their data"
            )),
            Some(_) => {}
        }
        if self.demo_data {
            out.push(format!(
                "AGORA_DEMO_DATA=1 loads demo accounts whose password ({}) is published: \
                 unset AGORA_DEMO_DATA in production",
                crate::seed::DEMO_PASSWORD
            ));
        }
        if let Some(base) = &self.payment_notify_base
            && let Some(why) = https_origin_problem(base)
        {
            out.push(format!(
                "AGORA_PAYMENT_NOTIFY_BASE={base} {why}: set it to the https origin payment \
                 providers post to (e.g. https://shop.example.com), or unset it to use \
                 AGORA_PUBLIC_URL"
            ));
        }
        if let Some(password) = &self.admin_password {
            let email = self.admin_email.as_deref().unwrap_or("");
            if let Err(why) = admin_password_problem(password, email) {
                out.push(format!(
                    "AGORA_ADMIN_PASSWORD {why}: choose another, or unset it and run \
                     `agora-server create-admin EMAIL`, which asks for one or generates one"
                ));
            }
        }
        out
    }

    /// Everything wrong with this configuration and the raw environment,
    /// as one message for the operator; `serve` calls it before it touches
    /// the database, so a refused start leaves nothing behind.
    pub fn check(&self) -> Result<(), String> {
        let mut problems = env_problems();
        problems.extend(self.problems());
        if problems.is_empty() {
            return Ok(());
        }
        let mode = if self.production {
            " in production mode (AGORA_ENV=production, or an AGORA_PUBLIC_URL that is not loopback)"
        } else {
            ""
        };
        let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
        Err(format!("refusing to start{mode}:\n{}", list.join("\n")))
    }

    pub fn job_config(&self) -> app::orders::db::JobConfig {
        app::orders::db::JobConfig {
            unpaid_after: std::time::Duration::from_secs(self.unpaid_cancel_minutes * 60),
            confirm_after: std::time::Duration::from_secs(self.auto_confirm_days * 86_400),
        }
    }
}

/// Why `url` is not a bare `https://host[:port]` origin, if it is not.
/// Userinfo, a path, a query or a fragment are refused: each is a way to
/// make a URL that looks like the shop point somewhere else.
fn https_origin_problem(url: &str) -> Option<&'static str> {
    let Some(authority) = url.strip_prefix("https://") else {
        return Some("is not https");
    };
    if authority.is_empty() || authority.starts_with(':') {
        return Some("has no host name");
    }
    let odd =
        |c: char| matches!(c, '/' | '\\' | '?' | '#' | '@') || c.is_whitespace() || c.is_control();
    if authority.chars().any(odd) {
        return Some(
            "is not a bare origin (scheme and host only: no path, user, query or fragment)",
        );
    }
    None
}

/// Why a super admin's password from the environment or the terminal is
/// refused: the usual rules, and never the demo password, which anyone can
/// read in the README.
pub fn admin_password_problem(password: &str, email: &str) -> Result<(), &'static str> {
    use app::error::ErrorKey;
    if password == crate::seed::DEMO_PASSWORD {
        return Err("is the published demo password");
    }
    app::accounts::check_password(password, email).map_err(|key| match key {
        ErrorKey::Required => "is empty",
        ErrorKey::PasswordTooShort => "is too short (at least 8 characters)",
        ErrorKey::TooLong => "is too long (at most 128 characters)",
        _ => "is too weak (it needs a letter and a digit, and must not be the e-mail address)",
    })
}

/// Values that `from_env` would silently read as something else (a typo in
/// `AGORA_ENV` would quietly mean development mode). Refused in every mode.
fn env_problems() -> Vec<String> {
    let mut out = Vec::new();
    if let Some(v) = non_empty("AGORA_ENV")
        && !matches!(v.trim(), "production" | "development")
    {
        out.push(format!(
            "AGORA_ENV={v} is not understood: use AGORA_ENV=production (or development)"
        ));
    }
    if let Some(v) = non_empty("AGORA_SANDBOX_PAYMENTS")
        && tri_flag("AGORA_SANDBOX_PAYMENTS").is_none()
    {
        out.push(format!(
            "AGORA_SANDBOX_PAYMENTS={v} is not understood: use 1 (offer the sandbox) or 0"
        ));
    }
    if let Some(v) = non_empty("AGORA_TRUSTED_PROXIES") {
        for ip in v.split(',').map(str::trim).filter(|ip| !ip.is_empty()) {
            if ip.parse::<std::net::IpAddr>().is_err() {
                out.push(format!(
                    "AGORA_TRUSTED_PROXIES: {ip} is not an IP address: list the reverse \
                     proxies' addresses, comma-separated (e.g. 127.0.0.1,::1)"
                ));
            }
        }
    }
    out
}

/// True for `http(s)://127.x.x.x`, `localhost` and `[::1]` origins, with or
/// without a port.
pub fn is_loopback_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or("");
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::{Config, is_loopback_url};

    /// A production configuration with nothing wrong in it.
    fn production() -> Config {
        Config {
            database_url: Some("postgres://agora@db.internal/agora".into()),
            data_dir: ".data".into(),
            demo_data: false,
            admin_email: None,
            admin_password: None,
            secure_cookies: false,
            pool_size: 16,
            public_url: "https://shop.example.com".into(),
            page_cache_secs: 10,
            search_cache_secs: 60,
            unpaid_cancel_minutes: 30,
            auto_confirm_days: 7,
            jobs_interval_secs: 30,
            production: true,
            public_url_set: true,
            payment_notify_base: None,
            sandbox_payments: None,
            trusted_proxies: Vec::new(),
            limits: app::server::Limits::default(),
            deletion_cooling_off_days: 14,
            privacy_contact: Some("privacy@shop.example.com".into()),
        }
    }

    /// The one problem `cfg` has, which must name `variable`.
    fn refused(cfg: Config, variable: &str) {
        let problems = cfg.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with(variable), "{problems:?}");
    }

    #[test]
    fn production_defaults_are_safe() {
        let cfg = production();
        assert!(cfg.problems().is_empty(), "{:?}", cfg.problems());
        assert!(cfg.secure_cookies(), "Secure cookies and HSTS are on");
        assert!(!cfg.settings().sandbox_payments, "no sandbox unless asked");
        let dev = Config {
            production: false,
            public_url: "http://127.0.0.1:3000".into(),
            public_url_set: false,
            demo_data: true,
            ..production()
        };
        assert!(dev.problems().is_empty(), "development keeps its defaults");
        assert!(!dev.secure_cookies());
        assert!(dev.settings().sandbox_payments);
    }

    #[test]
    fn production_refuses_unsafe_settings_by_name() {
        refused(
            Config {
                public_url_set: false,
                public_url: "http://127.0.0.1:3000".into(),
                ..production()
            },
            "AGORA_PUBLIC_URL",
        );
        for url in [
            "http://shop.example.com",
            "https://shop.example.com/shop",
            "https://127.0.0.1:1@attacker.example",
            "https://",
        ] {
            refused(
                Config {
                    public_url: url.into(),
                    ..production()
                },
                "AGORA_PUBLIC_URL",
            );
        }
        refused(
            Config {
                demo_data: true,
                ..production()
            },
            "AGORA_DEMO_DATA",
        );
        for base in ["http://shop.example.com", "https://shop.example.com/notify"] {
            refused(
                Config {
                    payment_notify_base: Some(base.into()),
                    ..production()
                },
                "AGORA_PAYMENT_NOTIFY_BASE",
            );
        }
        for password in [crate::seed::DEMO_PASSWORD, "short1", "onlyletters"] {
            refused(
                Config {
                    admin_email: Some("boss@shop.example.com".into()),
                    admin_password: Some(password.into()),
                    ..production()
                },
                "AGORA_ADMIN_PASSWORD",
            );
        }
        let all = Config {
            public_url_set: false,
            demo_data: true,
            ..production()
        };
        assert_eq!(all.problems().len(), 2, "every problem is reported at once");
        assert!(all.check().unwrap_err().contains("production mode"));
    }

    #[test]
    fn loopback_urls() {
        assert!(is_loopback_url("http://127.0.0.1:3000"));
        assert!(is_loopback_url("http://localhost"));
        assert!(is_loopback_url("http://[::1]:8080"));
        assert!(!is_loopback_url("https://shop.example.com"));
        assert!(!is_loopback_url("http://127.0.0.1:1@attacker.example"));
        assert!(!is_loopback_url("http://127.0.0.1.attacker.example"));
        assert!(!is_loopback_url("ftp://127.0.0.1"));
    }
}
