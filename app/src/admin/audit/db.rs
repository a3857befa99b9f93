use super::{AUDIT_PAGE_SIZE, AuditEntry, AuditPage};
use crate::error::AppError;
use serde_json::Value;
use sqlx::PgPool;

struct Row {
    id: i64,
    actor_email: String,
    action: String,
    entity: String,
    entity_id: Option<String>,
    label: String,
    before: Option<Value>,
    after: Option<Value>,
    ip: Option<String>,
    at: String,
    at_iso: String,
}

impl From<Row> for AuditEntry {
    fn from(r: Row) -> Self {
        AuditEntry {
            changes: super::diff::changes(r.before.as_ref(), r.after.as_ref()),
            id: r.id,
            actor_email: r.actor_email,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id.filter(|id| !id.is_empty()),
            label: r.label,
            ip: r.ip,
            at: r.at,
            at_iso: r.at_iso,
        }
    }
}

/// Searches the log: `q` matches the actor's e-mail, the action, the
/// entity, its id or name (so an order number finds the order's entries),
/// and the before/after text. Newest first, a page at a time. Times are the
/// shop's, as everywhere else in the back office.
///
/// The text searched is every one of those columns joined by newlines (so a
/// search cannot match across two). The migration that added `label`
/// indexes exactly this expression (trigram GIN), so the ILIKE can use the
/// index: keep the two identical.
pub async fn search(pool: &PgPool, q: &str, before_id: Option<i64>) -> Result<AuditPage, AppError> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT id, actor_email, action, entity, entity_id, label, before, after, ip,
                  shop_minute(created_at) AS "at!", shop_iso(created_at) AS "at_iso!"
             FROM audit_log
            WHERE ($1 = '' OR (actor_email || E'\n' || action || E'\n' || entity || E'\n'
                               || COALESCE(entity_id, '') || E'\n' || label || E'\n'
                               || COALESCE(before::text, '') || E'\n'
                               || COALESCE(after::text, '')) ILIKE $2)
              AND ($3::bigint IS NULL OR id < $3)
            ORDER BY id DESC
            LIMIT $4"#,
        q,
        crate::text::like_pattern(q),
        before_id,
        AUDIT_PAGE_SIZE + 1
    )
    .fetch_all(pool)
    .await?;
    let has_more = rows.len() as i64 > AUDIT_PAGE_SIZE;
    let entries = rows
        .into_iter()
        .take(AUDIT_PAGE_SIZE as usize)
        .map(AuditEntry::from)
        .collect();
    Ok(AuditPage { entries, has_more })
}
