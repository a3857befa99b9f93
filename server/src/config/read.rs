//! Reading one variable of each kind, where "not understood" is a problem
//! to report rather than a reason to fall back on the default.
use std::ffi::OsString;
use std::net::IpAddr;

/// Reads the variables through `get`, collecting a problem (naming the
/// variable and its value) for each value that is not understood, instead
/// of quietly using the default.
pub(super) struct Reader<G> {
    get: G,
    pub(super) problems: Vec<String>,
}

impl<G: Fn(&str) -> Option<OsString>> Reader<G> {
    pub(super) fn new(get: G) -> Self {
        Reader {
            get,
            problems: Vec::new(),
        }
    }

    /// The value, unless unset or blank (a blank line in an env file means
    /// "not set").
    pub(super) fn text(&mut self, name: &str) -> Option<String> {
        let raw = (self.get)(name)?;
        match raw.into_string() {
            Ok(v) if v.trim().is_empty() => None,
            Ok(v) => Some(v),
            // Not echoed: it may be a password, and it is unreadable anyway.
            Err(_) => {
                self.problems.push(format!(
                    "{name} is not valid UTF-8: write its value in UTF-8"
                ));
                None
            }
        }
    }

    /// The value without surrounding spaces (URLs, addresses, names).
    pub(super) fn trimmed(&mut self, name: &str) -> Option<String> {
        self.text(name).map(|v| v.trim().to_string())
    }

    /// `1/true/yes` → Some(true), `0/false/no` → Some(false), unset → None.
    pub(super) fn tri_flag(&mut self, name: &str) -> Option<bool> {
        let v = self.trimmed(name)?;
        match v.as_str() {
            "1" | "true" | "yes" => Some(true),
            "0" | "false" | "no" => Some(false),
            _ => {
                self.problems.push(format!(
                    "{name}={v} is not understood: use 1 (on) or 0 (off)"
                ));
                None
            }
        }
    }

    /// A switch that is off unless set.
    pub(super) fn flag(&mut self, name: &str) -> bool {
        self.tri_flag(name).unwrap_or(false)
    }

    /// A whole number, `default` when unset.
    pub(super) fn number<T: std::str::FromStr + std::fmt::Display>(
        &mut self,
        name: &str,
        default: T,
    ) -> T {
        let Some(v) = self.trimmed(name) else {
            return default;
        };
        match v.parse() {
            Ok(n) => n,
            Err(_) => {
                self.problems.push(format!(
                    "{name}={v} is not understood: write a whole number from 0 up \
                     (the default is {default})"
                ));
                default
            }
        }
    }

    /// A comma-separated list of IP addresses.
    pub(super) fn ips(&mut self, name: &str) -> Vec<IpAddr> {
        let Some(v) = self.text(name) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for ip in v.split(',').map(str::trim).filter(|ip| !ip.is_empty()) {
            match ip.parse() {
                Ok(ip) => out.push(ip),
                Err(_) => self.problems.push(format!(
                    "{name}: {ip} is not an IP address: list the reverse \
                     proxies' addresses, comma-separated (e.g. 127.0.0.1,::1)"
                )),
            }
        }
        out
    }

    /// `AGORA_ENV`: true for production. A typo must not quietly mean
    /// development mode.
    pub(super) fn production_env(&mut self, name: &str) -> bool {
        match self.trimmed(name).as_deref() {
            None | Some("development") => false,
            Some("production") => true,
            Some(v) => {
                self.problems.push(format!(
                    "{name}={v} is not understood: use {name}=production (or development)"
                ));
                false
            }
        }
    }

    pub(super) fn limits(&mut self) -> app::server::Limits {
        let d = app::server::Limits::default();
        app::server::Limits {
            register_per_hour: self.number("AGORA_LIMIT_REGISTER_PER_HOUR", d.register_per_hour),
            checkout_per_minute: self
                .number("AGORA_LIMIT_CHECKOUT_PER_MINUTE", d.checkout_per_minute),
            guest_orders_per_hour: self
                .number("AGORA_LIMIT_GUEST_ORDERS_PER_HOUR", d.guest_orders_per_hour),
            guest_units: self.number("AGORA_LIMIT_GUEST_UNITS", d.guest_units),
            account_mail_per_hour: self
                .number("AGORA_LIMIT_ACCOUNT_MAIL_PER_HOUR", d.account_mail_per_hour),
        }
    }
}
