//! Privacy: the shopper's rights over their data (PIPL and GDPR).
//! - Download: everything the shop holds about the signed-in shopper, as
//!   JSON or CSV (plain routes in `server/src/privacy.rs`, made into a file
//!   by [`download`] from [`db::export`]'s list of [`Section`]s).
//! - Deletion: asked for with the password, carried out after a cooling-off
//!   period (`Settings::deletion_cooling_off`) by [`db::run_due_deletions`],
//!   which anonymises the identity everywhere while orders stay for the
//!   accounts. Until then the shopper can sign in and cancel.
//! - Consents: marketing and analytics, as an append-only history.
//! - Staff views of personal data (a customer's page, an order's page) and
//!   exports are written to the audit log ([`db::record_view`]).
//! - The privacy policy page, `/privacy`.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod download;
pub mod pages;

use crate::accounts::ERASED_DOMAIN;
use crate::audit::AuditAction;
use serde::{Deserialize, Serialize};

/// The privacy policy's version: shown on `/privacy` and kept with every
/// consent, so a record says which text the shopper agreed to. Change it
/// whenever the policy's meaning changes.
pub const POLICY_VERSION: &str = "2026-11-26";

/// The e-mail an erased account is left with: unique (the column is) and
/// undeliverable.
pub fn erased_email(user_id: i64) -> String {
    format!("deleted-{user_id}@{ERASED_DOMAIN}")
}

/// The display name an erased account is left with (pages that know the
/// account is erased show a translated "deleted user" instead).
pub fn erased_name(user_id: i64) -> String {
    format!("deleted-{user_id}")
}

/// Back-office reads that show personal data and therefore write an audit
/// entry (whose code is the endpoint's) each time a staff member opens one;
/// every other read writes nothing. The audit tests walk this list. A
/// shopper's own download is `AuditAction::PrivacyExport`, the erasure
/// job's work `AuditAction::PrivacyErase`.
pub const AUDITED_VIEWS: &[AuditAction] = &[
    AuditAction::CustomerView,
    AuditAction::OrderView,
    AuditAction::TicketView,
];

/// What a consent is for. Anything not listed needs no consent (it is
/// what running the shop requires) or is not done at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum Purpose {
    /// Offers and news by e-mail or text message.
    Marketing,
    /// Counting how the shop is used, tied to the account, to improve it.
    Analytics,
}

#[cfg(feature = "ssr")]
pg_text!(Purpose);

impl Purpose {
    pub const ALL: [Purpose; 2] = [Purpose::Marketing, Purpose::Analytics];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Marketing => "marketing",
            Purpose::Analytics => "analytics",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// The current answer for one purpose: the newest record, or "not given"
/// when there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentState {
    pub purpose: Purpose,
    pub granted: bool,
    /// "YYYY-MM-DD HH:MM", shop time, of the answer; None if never asked.
    pub at: Option<String>,
    /// The policy version the answer was given under.
    pub policy_version: Option<String>,
}

/// One answer in the history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub purpose: Purpose,
    pub granted: bool,
    pub policy_version: String,
    /// "YYYY-MM-DD HH:MM", shop time.
    pub at: String,
}

/// An open deletion request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionState {
    /// When the account will be anonymised: "YYYY-MM-DD HH:MM", shop time.
    pub due: String,
    /// The same instant in RFC 3339 with its +08:00 offset, for `<time>`.
    pub due_iso: String,
    /// "YYYY-MM-DD HH:MM", shop time.
    pub requested: String,
}

/// Everything the privacy settings page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyStatus {
    pub email: String,
    pub consents: Vec<ConsentState>,
    /// The newest answers first, at most [`HISTORY_ENTRIES`].
    pub history: Vec<ConsentRecord>,
    pub deletion: Option<DeletionState>,
    pub cooling_off_days: u64,
    /// Staff accounts are closed by a super admin, not from here: erasing
    /// one would blank the names in the audit log of what they did.
    pub can_delete: bool,
}

/// Consent history entries shown on the settings page.
pub const HISTORY_ENTRIES: i64 = 50;

/// What the public policy page needs from the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyFacts {
    pub cooling_off_days: u64,
    pub policy_version: String,
    /// Where to write about personal data (`AGORA_PRIVACY_CONTACT`).
    pub contact: String,
}

/// Whole days in a cooling-off period (rounded up, so "14 days" is never
/// shown for a period a little longer than that).
pub fn whole_days(d: std::time::Duration) -> u64 {
    d.as_secs().div_ceil(86_400)
}

/// The parts of a data download. Adding a kind of personal data is one
/// variant here, one arm in `db::section`, and one query function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Account,
    Addresses,
    Orders,
    Reviews,
    Consents,
    Favourites,
    RecentlyViewed,
    Cart,
    Points,
    /// Customer-service tickets: a later feature fills this in; until then
    /// it is present and empty, so readers of the format can rely on it.
    Tickets,
    DeletionRequests,
}

impl Section {
    pub const ALL: [Section; 11] = [
        Section::Account,
        Section::Addresses,
        Section::Orders,
        Section::Reviews,
        Section::Consents,
        Section::Favourites,
        Section::RecentlyViewed,
        Section::Cart,
        Section::Points,
        Section::Tickets,
        Section::DeletionRequests,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Account => "account",
            Section::Addresses => "addresses",
            Section::Orders => "orders",
            Section::Reviews => "reviews",
            Section::Consents => "consents",
            Section::Favourites => "favourites",
            Section::RecentlyViewed => "recently_viewed",
            Section::Cart => "cart",
            Section::Points => "points",
            Section::Tickets => "tickets",
            Section::DeletionRequests => "deletion_requests",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The name of the downloaded files' format, and its version.
pub const EXPORT_FORMAT: &str = "agora-personal-data/1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.as_str()), Some(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
        }
        for s in Section::ALL {
            assert_eq!(Section::parse(s.as_str()), Some(s));
        }
        assert_eq!(Purpose::parse("profiling"), None);
        assert_eq!(Section::parse(""), None);
    }

    #[test]
    fn placeholders_are_undeliverable_and_unique() {
        assert_eq!(erased_email(42), "deleted-42@deleted.invalid");
        assert_ne!(erased_email(1), erased_email(2));
        // Nobody can register an address there and so take a placeholder.
        assert_eq!(
            crate::accounts::check_email(&erased_email(7)),
            Err(crate::error::ErrorKey::EmailInvalid)
        );
        assert_eq!(
            crate::accounts::check_email("Me@Deleted.Invalid"),
            Err(crate::error::ErrorKey::EmailInvalid)
        );
        assert_eq!(whole_days(std::time::Duration::from_secs(14 * 86_400)), 14);
        assert_eq!(
            whole_days(std::time::Duration::from_secs(14 * 86_400 + 1)),
            15
        );
    }
}
