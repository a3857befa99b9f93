//! Settings the server functions need from the process's configuration,
//! resolved once at start-up (`agora_server::config::Config::settings`) and
//! shared through `AppState`. Nothing here is ever taken from a request:
//! URLs the shop builds or sends to a provider come only from here.
use std::net::IpAddr;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Settings {
    /// `AGORA_ENV=production`, or a public URL that is not loopback.
    pub production: bool,
    /// The shop's public origin, without a trailing slash.
    pub public_url: String,
    /// Where payment providers post notifications (origin, no trailing
    /// slash): `AGORA_PAYMENT_NOTIFY_BASE`, else the public URL.
    pub payment_notify_base: String,
    /// Whether the sandbox payment provider is offered (on in development;
    /// in production only with `AGORA_SANDBOX_PAYMENTS=1`).
    pub sandbox_payments: bool,
    /// Peers whose `X-Forwarded-For` is believed (`AGORA_TRUSTED_PROXIES`,
    /// comma-separated IPs); from anyone else the header is ignored.
    pub trusted_proxies: Vec<IpAddr>,
    pub limits: Limits,
    /// How long a deletion request waits before the account is anonymised
    /// (`AGORA_DELETION_COOLING_OFF_DAYS`, default 14).
    pub deletion_cooling_off: Duration,
    /// The e-mail address the privacy policy gives for questions about
    /// personal data (`AGORA_PRIVACY_CONTACT`; required in production).
    pub privacy_contact: String,
    /// Where jobs, deadlines and validity windows read the time
    /// (`crate::server::now()`); tests hand in a `ManualClock`.
    pub clock: std::sync::Arc<dyn crate::shop_time::Clock>,
    /// Most products one search reads and counts; past it the total shows
    /// as "N+" (`AGORA_SEARCH_COUNT_CAP`, docs/search.md).
    pub search_count_cap: i64,
}

/// The default of `AGORA_SEARCH_COUNT_CAP`.
pub const DEFAULT_SEARCH_COUNT_CAP: i64 = 10_000;

/// Abuse limits, per client IP unless said otherwise. Each is read from
/// `AGORA_LIMIT_<NAME>`; the defaults suit one small shop.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Registrations per IP per hour (`AGORA_LIMIT_REGISTER_PER_HOUR`, 10).
    pub register_per_hour: u32,
    /// Checkout requests (quotes, coupon checks, placing) per IP per minute
    /// (`AGORA_LIMIT_CHECKOUT_PER_MINUTE`, 60).
    pub checkout_per_minute: u32,
    /// Guest orders per IP per hour (`AGORA_LIMIT_GUEST_ORDERS_PER_HOUR`, 10).
    pub guest_orders_per_hour: u32,
    /// Units a guest may hold in unpaid orders at once per IP
    /// (`AGORA_LIMIT_GUEST_UNITS`, 20).
    pub guest_units: u32,
    /// Password reset requests and confirmation e-mails asked for, per IP
    /// per hour (`AGORA_LIMIT_ACCOUNT_MAIL_PER_HOUR`, 10).
    pub account_mail_per_hour: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            register_per_hour: 10,
            checkout_per_minute: 60,
            guest_orders_per_hour: 10,
            guest_units: 20,
            account_mail_per_hour: 10,
        }
    }
}

/// The policy's contact outside production: plainly not a real mailbox.
pub const DEV_PRIVACY_CONTACT: &str = "privacy@agora.example";

impl Settings {
    /// Development defaults on `public_url` (tests and tools).
    pub fn development(public_url: &str) -> Self {
        let public_url = public_url.trim_end_matches('/').to_string();
        Settings {
            production: false,
            payment_notify_base: public_url.clone(),
            public_url,
            sandbox_payments: true,
            trusted_proxies: Vec::new(),
            limits: Limits::default(),
            deletion_cooling_off: Duration::from_secs(14 * 86_400),
            privacy_contact: DEV_PRIVACY_CONTACT.to_string(),
            clock: std::sync::Arc::new(crate::shop_time::SystemClock),
            search_count_cap: DEFAULT_SEARCH_COUNT_CAP,
        }
    }
}
