//! The audit log: every staff change, who made it, when, from which address,
//! what it was made to (by name, not only by id), and the record before and
//! after. Written only by `crate::audit` (`audited`) inside the change's
//! own transaction; the database refuses updates and deletes.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod diff;
pub mod pages;
pub mod text;

use super::AdminFn;
use crate::accounts::Permission;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[AdminFn::read("admin/audit", Permission::AuditRead)];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_email: String,
    /// The endpoint that made the change ("admin/order/ship"); shown
    /// translated, see [`text::action_text`]. Text, not an
    /// [`crate::audit::AuditAction`]: older entries may carry codes that no
    /// longer exist, and they are shown as they are.
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// The entity's human name when the change was made: an order number,
    /// a product's name, a SKU, an e-mail… Empty when there is none.
    pub label: String,
    /// The fields that differ between the record before and after.
    pub changes: Vec<FieldChange>,
    pub ip: Option<String>,
    /// "YYYY-MM-DD HH:MM" in the shop's time (Asia/Shanghai), like every
    /// other time in the back office.
    pub at: String,
    /// The same instant in RFC 3339 with its +08:00 offset, for `<time>`.
    pub at_iso: String,
}

/// One field that a change touched. `None` means the field was not there
/// (added by the change, or removed by it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The top-level key; empty when the record is not an object (a list,
    /// say) and so is compared whole.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub has_more: bool,
}

pub const AUDIT_PAGE_SIZE: i64 = 50;
