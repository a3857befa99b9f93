//! Preferences (issue 18): which messages a shopper gets on which channel.
//! Service messages and promotions may be switched off per channel; their
//! own orders, after-sales requests and account e-mails always go.
//! Promotions by e-mail or SMS need the shopper's opt-in, and every such
//! e-mail carries a signed one-click unsubscribe link (RFC 8058).
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use serde::{Deserialize, Serialize};

/// The switches, as the account page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    pub service_inbox: bool,
    pub service_email: bool,
    pub service_sms: bool,
    pub promotions_inbox: bool,
    pub promotions_email: bool,
    pub promotions_sms: bool,
}

impl Default for Prefs {
    /// Without a choice: everything on, except marketing by e-mail or SMS
    /// (opt-in). The outbox applies the same defaults.
    fn default() -> Self {
        Prefs {
            service_inbox: true,
            service_email: true,
            service_sms: true,
            promotions_inbox: true,
            promotions_email: false,
            promotions_sms: false,
        }
    }
}

impl Prefs {
    /// (category, channel, on) for each switch, as stored.
    pub fn rows(&self) -> [(&'static str, &'static str, bool); 6] {
        [
            ("service", "inbox", self.service_inbox),
            ("service", "email", self.service_email),
            ("service", "sms", self.service_sms),
            ("promotions", "inbox", self.promotions_inbox),
            ("promotions", "email", self.promotions_email),
            ("promotions", "sms", self.promotions_sms),
        ]
    }

    /// Sets the switch of (category, channel); others are left alone.
    pub fn set(&mut self, category: &str, channel: &str, on: bool) {
        let slot = match (category, channel) {
            ("service", "inbox") => &mut self.service_inbox,
            ("service", "email") => &mut self.service_email,
            ("service", "sms") => &mut self.service_sms,
            ("promotions", "inbox") => &mut self.promotions_inbox,
            ("promotions", "email") => &mut self.promotions_email,
            ("promotions", "sms") => &mut self.promotions_sms,
            _ => return,
        };
        *slot = on;
    }
}

/// What an unsubscribe link's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unsubscribed {
    /// Promotion e-mails to this address stopped.
    Done(String),
    /// Not a link the shop wrote.
    Invalid,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_set_name_the_same_switches() {
        let mut p = Prefs::default();
        for (category, channel, on) in Prefs::default().rows() {
            p.set(category, channel, !on);
        }
        for ((_, _, a), (_, _, b)) in p.rows().into_iter().zip(Prefs::default().rows()) {
            assert_eq!(a, !b);
        }
    }
}
