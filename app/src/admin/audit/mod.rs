//! The audit log: every staff change, who made it, when, from which address,
//! and the record before and after. Written only by `db::record` inside the
//! change's own transaction; the database refuses updates and deletes.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[AdminFn::read("admin/audit", Permission::AuditRead)];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub actor_email: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// Pretty-printed JSON, or empty when there was nothing before (a
    /// creation) or after (a deletion).
    pub before: String,
    pub after: String,
    pub ip: Option<String>,
    /// RFC 3339, UTC.
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub has_more: bool,
}

pub const AUDIT_PAGE_SIZE: i64 = 50;
