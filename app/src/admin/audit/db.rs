use super::{AUDIT_PAGE_SIZE, AuditEntry, AuditPage};
use crate::error::AppError;
use crate::server::Staff;
use serde_json::Value;
use sqlx::{PgConnection, PgPool};

/// Appends one entry. Call it inside the transaction that makes the change,
/// so a change and its record commit (or roll back) together.
pub async fn record(
    conn: &mut PgConnection,
    staff: &Staff,
    action: &str,
    entity: &str,
    entity_id: impl ToString,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, before, after, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(staff.user.id)
    .bind(&staff.user.email)
    .bind(action)
    .bind(entity)
    .bind(entity_id.to_string())
    .bind(before)
    .bind(after)
    .bind(staff.ip.as_deref())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn search(pool: &PgPool, q: &str, before_id: Option<i64>) -> Result<AuditPage, AppError> {
    let pattern = crate::admin::like_pattern(q);
    let mut entries: Vec<AuditEntry> = sqlx::query_as(
        "SELECT id, actor_email, action, entity, entity_id,
                COALESCE(jsonb_pretty(before), '') AS before,
                COALESCE(jsonb_pretty(after), '') AS after,
                ip, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS at
           FROM audit_log
          WHERE ($1 = '' OR actor_email ILIKE $2 OR action ILIKE $2 OR entity ILIKE $2
                 OR entity_id ILIKE $2 OR before::text ILIKE $2 OR after::text ILIKE $2)
            AND ($3::bigint IS NULL OR id < $3)
          ORDER BY id DESC
          LIMIT $4",
    )
    .bind(q)
    .bind(&pattern)
    .bind(before_id)
    .bind(AUDIT_PAGE_SIZE + 1)
    .fetch_all(pool)
    .await?;
    let has_more = entries.len() as i64 > AUDIT_PAGE_SIZE;
    entries.truncate(AUDIT_PAGE_SIZE as usize);
    Ok(AuditPage { entries, has_more })
}
