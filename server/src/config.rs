//! Configuration from the environment. Every variable is listed in the README
//! and in `.env.example`, and every one the program reads is read here (but
//! for `LEPTOS_*`, which Leptos reads itself, `RUST_LOG`, which the log
//! filter reads, and the system's `PATH`). A value that is not understood
//! refuses the start, naming it, instead of quietly becoming the default.
mod read;

use read::Reader;
use std::ffi::OsString;
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`; when unset, a project-local cluster is started.
    pub database_url: Option<String>,
    /// `AGORA_DATA_DIR`: where the embedded cluster lives (default `.data`).
    pub data_dir: PathBuf,
    /// `AGORA_PG_BIN`: where `initdb` and `pg_ctl` are (default: the newest
    /// `/usr/lib/postgresql/*/bin`, else `PATH`).
    pub pg_bin: Option<PathBuf>,
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
    /// `AGORA_SEARCH_COUNT_CAP`: most products one search reads and counts
    /// (default 10,000; docs/search.md).
    pub search_count_cap: i64,
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
    pub trusted_proxies: Vec<IpAddr>,
    /// `AGORA_LIMIT_*`: abuse limits (see `app::server::Limits`).
    pub limits: app::server::Limits,
    /// `AGORA_DELETION_COOLING_OFF_DAYS` (default 14).
    pub deletion_cooling_off_days: u64,
    /// `AGORA_PRIVACY_CONTACT`: the e-mail address the privacy policy gives
    /// (required in production).
    pub privacy_contact: Option<String>,
    /// `AGORA_SMTP_URL`: the mail server, as lettre reads it, e.g.
    /// `smtps://user:pass@smtp.example.com` or
    /// `smtp://relay.internal:587?tls=required`. Unset in development, mail
    /// goes to a sink on loopback that keeps it in `mail_dir` (required in
    /// production).
    pub smtp_url: Option<String>,
    /// `AGORA_MAIL_FROM`: the sender, e.g. `Agora <shop@example.com>`
    /// (required in production).
    pub mail_from: Option<String>,
    /// `AGORA_MAIL_DIR`: where the development mail sink keeps what it is
    /// sent, one `.eml` file per message (default `<AGORA_DATA_DIR>/mail`).
    pub mail_dir: PathBuf,
    /// `AGORA_OUTBOX_INTERVAL_SECONDS`: how often this instance sends what
    /// the outbox holds (default 2; 0 = never).
    pub outbox_interval_secs: u64,
    /// The clock jobs and deadlines read: the system's, or a test's
    /// `app::shop_time::ManualClock`.
    pub clock: std::sync::Arc<dyn app::shop_time::Clock>,
}

impl Config {
    /// The configuration from the process's environment, or every value
    /// that is not understood (each naming its variable and value). Refused
    /// in every mode: a typo must not quietly become a default.
    pub fn from_env() -> Result<Config, Vec<String>> {
        Self::from_vars(|name| std::env::var_os(name))
    }

    /// [`Config::from_env`] with the variables read through `get` (tests
    /// hand in their own instead of changing the process's environment).
    pub fn from_vars(get: impl Fn(&str) -> Option<OsString>) -> Result<Config, Vec<String>> {
        let mut r = Reader::new(get);
        let public_url = r
            .trimmed("AGORA_PUBLIC_URL")
            .map(|u| u.trim_end_matches('/').to_string());
        let production = r.production_env("AGORA_ENV")
            || public_url.as_deref().is_some_and(|u| !is_loopback_url(u));
        let data_dir = r
            .text("AGORA_DATA_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(".data"));
        let cfg = Config {
            database_url: r.text("DATABASE_URL"),
            mail_dir: r
                .text("AGORA_MAIL_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("mail")),
            data_dir,
            pg_bin: r.text("AGORA_PG_BIN").map(PathBuf::from),
            demo_data: r.flag("AGORA_DEMO_DATA"),
            admin_email: r.text("AGORA_ADMIN_EMAIL"),
            admin_password: r.text("AGORA_ADMIN_PASSWORD"),
            secure_cookies: r.flag("AGORA_SECURE_COOKIES"),
            pool_size: r.number("AGORA_DB_POOL_SIZE", 16),
            public_url_set: public_url.is_some(),
            // Unset, it is the address the server listens on, so links and
            // payment notifications reach this very process in development.
            public_url: public_url.unwrap_or_else(|| {
                let addr = r
                    .trimmed("LEPTOS_SITE_ADDR")
                    .unwrap_or_else(|| "127.0.0.1:3000".to_string());
                format!("http://{addr}")
            }),
            page_cache_secs: r.number("AGORA_PAGE_CACHE_SECONDS", 10),
            search_cache_secs: r.number("AGORA_SEARCH_CACHE_SECONDS", 60),
            search_count_cap: r.number(
                "AGORA_SEARCH_COUNT_CAP",
                app::server::DEFAULT_SEARCH_COUNT_CAP,
            ),
            unpaid_cancel_minutes: r.number("AGORA_UNPAID_CANCEL_MINUTES", 30),
            auto_confirm_days: r.number("AGORA_AUTO_CONFIRM_DAYS", 7),
            jobs_interval_secs: r.number("AGORA_JOBS_INTERVAL_SECONDS", 30),
            production,
            payment_notify_base: r
                .trimmed("AGORA_PAYMENT_NOTIFY_BASE")
                .map(|u| u.trim_end_matches('/').to_string()),
            sandbox_payments: r.tri_flag("AGORA_SANDBOX_PAYMENTS"),
            trusted_proxies: r.ips("AGORA_TRUSTED_PROXIES"),
            limits: r.limits(),
            deletion_cooling_off_days: r.number("AGORA_DELETION_COOLING_OFF_DAYS", 14),
            privacy_contact: r.trimmed("AGORA_PRIVACY_CONTACT"),
            smtp_url: r.trimmed("AGORA_SMTP_URL"),
            mail_from: r.trimmed("AGORA_MAIL_FROM"),
            outbox_interval_secs: r.number("AGORA_OUTBOX_INTERVAL_SECONDS", 2),
            clock: std::sync::Arc::new(app::shop_time::SystemClock),
        };
        if cfg.pool_size == 0 {
            r.problems.push(
                "AGORA_DB_POOL_SIZE=0 leaves no connection to the database: use 1 or more \
                 (the default is 16)"
                    .to_string(),
            );
        }
        if cfg.search_count_cap < 1 {
            r.problems.push(format!(
                "AGORA_SEARCH_COUNT_CAP={} would let a search count nothing: use 1 or more \
                 (the default is {})",
                cfg.search_count_cap,
                app::server::DEFAULT_SEARCH_COUNT_CAP
            ));
        }
        if r.problems.is_empty() {
            Ok(cfg)
        } else {
            Err(r.problems)
        }
    }
}

/// The operator's message for `problems`: one line each, after what was
/// refused (`mode` says in which mode, or is empty).
pub fn refusal(problems: &[String], mode: &str) -> String {
    let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
    format!("refusing to start{mode}:\n{}", list.join("\n"))
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
            clock: self.clock.clone(),
            search_count_cap: self.search_count_cap,
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
        out.extend(self.mail_problems());
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

    /// Production mail must reach shoppers, from an address they can see,
    /// without passwords and messages crossing the network in clear text.
    fn mail_problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self.smtp_url.as_deref() {
            None => out.push(
                "AGORA_SMTP_URL is not set: production mail would only reach the development \
                 sink; set the mail server, e.g. AGORA_SMTP_URL=smtps://user:pass@smtp.example.com"
                    .to_string(),
            ),
            Some(url) => {
                if let Some(why) = crate::mail::smtp_url_problem(url) {
                    out.push(format!("AGORA_SMTP_URL {why}"));
                }
            }
        }
        match self.mail_from.as_deref() {
            None => out.push(
                "AGORA_MAIL_FROM is not set: name the shop's sender, \
                 e.g. AGORA_MAIL_FROM=\"Agora <shop@example.com>\""
                    .to_string(),
            ),
            Some(from) if from.parse::<lettre::message::Mailbox>().is_err() => out.push(format!(
                "AGORA_MAIL_FROM={from} is not an address: write e.g. \"Agora <shop@example.com>\""
            )),
            Some(_) => {}
        }
        out
    }

    /// Everything unsafe in this configuration, as one message for the
    /// operator; `serve` calls it before it touches the database, so a
    /// refused start leaves nothing behind. (Values that are not understood
    /// never get this far: `from_env` refuses them.)
    pub fn check(&self) -> Result<(), String> {
        let problems = self.problems();
        if problems.is_empty() {
            return Ok(());
        }
        Err(refusal(
            &problems,
            " in production mode (AGORA_ENV=production, or an AGORA_PUBLIC_URL that is not loopback)",
        ))
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
    use super::{Config, is_loopback_url, refusal};
    use std::ffi::OsString;

    /// A production configuration with nothing wrong in it.
    fn production() -> Config {
        Config {
            database_url: Some("postgres://agora@db.internal/agora".into()),
            data_dir: ".data".into(),
            pg_bin: None,
            demo_data: false,
            admin_email: None,
            admin_password: None,
            secure_cookies: false,
            pool_size: 16,
            public_url: "https://shop.example.com".into(),
            page_cache_secs: 10,
            search_cache_secs: 60,
            search_count_cap: 10_000,
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
            smtp_url: Some("smtps://shop:secret@smtp.example.com".into()),
            mail_from: Some("Agora <shop@example.com>".into()),
            mail_dir: ".data/mail".into(),
            outbox_interval_secs: 2,
            clock: std::sync::Arc::new(app::shop_time::SystemClock),
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
        for (url, from) in [
            (None, Some("Agora <shop@example.com>")),
            (
                Some("smtp://shop:secret@smtp.example.com"),
                Some("Agora <shop@example.com>"),
            ),
            (
                Some("smtp://smtp.example.com:587?tls=opportunistic"),
                Some("Agora <shop@example.com>"),
            ),
            (
                Some("ftp://smtp.example.com"),
                Some("Agora <shop@example.com>"),
            ),
        ] {
            refused(
                Config {
                    smtp_url: url.map(Into::into),
                    mail_from: from.map(Into::into),
                    ..production()
                },
                "AGORA_SMTP_URL",
            );
        }
        for from in [None, Some("not an address")] {
            refused(
                Config {
                    mail_from: from.map(Into::into),
                    ..production()
                },
                "AGORA_MAIL_FROM",
            );
        }
        // TLS asked for, or a relay on this machine: accepted.
        for url in [
            "smtp://relay.example.com:587?tls=required",
            "smtp://127.0.0.1:25",
        ] {
            let cfg = Config {
                smtp_url: Some(url.into()),
                ..production()
            };
            assert!(cfg.problems().is_empty(), "{url}: {:?}", cfg.problems());
        }
        let all = Config {
            public_url_set: false,
            demo_data: true,
            ..production()
        };
        assert_eq!(all.problems().len(), 2, "every problem is reported at once");
        assert!(all.check().unwrap_err().contains("production mode"));
    }

    /// `from_vars` with only `list` set.
    fn from(list: &[(&str, &str)]) -> Result<Config, Vec<String>> {
        let vars: Vec<(String, OsString)> = list
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        Config::from_vars(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn unset_and_understood_values_are_read() {
        let cfg = from(&[]).unwrap();
        assert_eq!(cfg.pool_size, 16);
        assert_eq!(cfg.limits.checkout_per_minute, 60);
        assert_eq!(cfg.public_url, "http://127.0.0.1:3000");
        assert!(!cfg.production && !cfg.demo_data && !cfg.secure_cookies);
        assert_eq!(cfg.sandbox_payments, None);
        assert!(cfg.trusted_proxies.is_empty() && cfg.pg_bin.is_none());
        let cfg = from(&[
            ("AGORA_LIMIT_CHECKOUT_PER_MINUTE", " 5 "),
            ("AGORA_TRUSTED_PROXIES", "127.0.0.1, ::1,"),
            ("AGORA_DEMO_DATA", "0"),
            ("AGORA_SECURE_COOKIES", "yes"),
            ("AGORA_SANDBOX_PAYMENTS", "0"),
            ("AGORA_PG_BIN", "/opt/pg/bin"),
            // Blank is unset.
            ("AGORA_DB_POOL_SIZE", " "),
            ("AGORA_ENV", "development"),
        ])
        .unwrap();
        assert_eq!(cfg.limits.checkout_per_minute, 5);
        assert_eq!(cfg.trusted_proxies.len(), 2);
        assert!(!cfg.demo_data && cfg.secure_cookies);
        assert_eq!(cfg.sandbox_payments, Some(false));
        assert_eq!(cfg.pg_bin, Some("/opt/pg/bin".into()));
        assert_eq!(cfg.pool_size, 16);
        assert!(!cfg.production);
    }

    /// Each of these once quietly became the default (or was dropped).
    #[test]
    fn values_that_are_not_understood_are_refused_by_name() {
        for (name, value) in [
            ("AGORA_LIMIT_CHECKOUT_PER_MINUTE", "abc"),
            ("AGORA_LIMIT_GUEST_UNITS", "-1"),
            ("AGORA_TRUSTED_PROXIES", "not-an-ip"),
            ("AGORA_DB_POOL_SIZE", "sixteen"),
            ("AGORA_DB_POOL_SIZE", "0"),
            ("AGORA_PAGE_CACHE_SECONDS", "10s"),
            ("AGORA_JOBS_INTERVAL_SECONDS", "1.5"),
            ("AGORA_DELETION_COOLING_OFF_DAYS", "two weeks"),
            ("AGORA_DEMO_DATA", "on"),
            ("AGORA_SECURE_COOKIES", "TRUE"),
            ("AGORA_SANDBOX_PAYMENTS", "2"),
            ("AGORA_ENV", "prod"),
        ] {
            let problems = from(&[(name, value)]).unwrap_err();
            assert_eq!(problems.len(), 1, "{name}={value}: {problems:?}");
            assert!(
                problems[0].starts_with(name) && problems[0].contains(value),
                "{name}={value}: {problems:?}"
            );
        }
        // A good address beside a bad one does not hide it.
        let problems = from(&[("AGORA_TRUSTED_PROXIES", "127.0.0.1,10.0.0.300")]).unwrap_err();
        assert!(problems[0].contains("10.0.0.300"), "{problems:?}");
        // Every problem is reported at once.
        let problems = from(&[
            ("AGORA_LIMIT_REGISTER_PER_HOUR", "many"),
            ("AGORA_AUTO_CONFIRM_DAYS", "7d"),
        ])
        .unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(refusal(&problems, "").starts_with("refusing to start:"));
    }

    #[test]
    fn a_value_that_is_not_utf8_is_refused() {
        use std::os::unix::ffi::OsStringExt;
        let bad = OsString::from_vec(vec![b'a', 0xff]);
        let problems =
            Config::from_vars(|name| (name == "AGORA_ADMIN_PASSWORD").then(|| bad.clone()))
                .unwrap_err();
        assert!(
            problems[0].starts_with("AGORA_ADMIN_PASSWORD"),
            "{problems:?}"
        );
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
