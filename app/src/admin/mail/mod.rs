//! `/admin/mail`: the shop's outgoing mail as staff see it. Messages that
//! failed every try wait here (the dead-letter list) to be sent again or
//! dropped; a test e-mail checks the mail settings, and shows what became
//! of it (sent, or the mail server's error).
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/mail", Permission::MailManage),
    AdminFn::write("admin/mail/retry", Permission::MailManage),
    AdminFn::write("admin/mail/discard", Permission::MailManage),
    AdminFn::write("admin/mail/test", Permission::MailManage),
];

/// Undeliverable messages shown at once (the newest).
pub const DEAD_SHOWN: i64 = 100;
/// Test e-mails shown (the newest).
pub const TESTS_SHOWN: i64 = 5;

/// Where a message stands, as staff read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// Not tried yet.
    Waiting,
    /// Failed at least once; tried again later.
    Retrying,
    Sent,
    /// Failed every try: waits for staff.
    Undeliverable,
    Discarded,
}

/// One outgoing message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailItem {
    pub id: i64,
    /// Its subject, written in the reader's language.
    pub subject: String,
    /// The address (e-mail, phone), or the account for an inbox message.
    pub to: String,
    pub delivery: Delivery,
    pub attempts: i32,
    /// What the mail server last answered, if it refused.
    pub last_error: Option<String>,
    /// When it was written, shop time.
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailOverview {
    pub dead: Vec<MailItem>,
    /// How many are undeliverable in all (the list shows the newest).
    pub dead_total: i64,
    pub tests: Vec<MailItem>,
    /// Messages waiting to be sent now.
    pub waiting: i64,
}
