use super::{AUDIT_PAGE_SIZE, AuditEntry, AuditPage};
use crate::error::AppError;
use crate::server::Staff;
use serde_json::Value;
use sqlx::{PgConnection, PgPool};

/// What a change was made to: its kind ("order"), its id, and its human
/// name as it is at the time of the change (the order number, a product's
/// name, a SKU, an e-mail…). The name is kept in the entry because ids
/// mean nothing to a reader and the thing may be renamed or deleted later.
pub struct Target<'a> {
    pub kind: &'a str,
    pub id: String,
    pub label: &'a str,
}

impl<'a> Target<'a> {
    pub fn new(kind: &'a str, id: impl ToString, label: &'a str) -> Self {
        Target {
            kind,
            id: id.to_string(),
            label,
        }
    }
}

/// Appends one entry. Call it inside the transaction that makes the change,
/// so a change and its record commit (or roll back) together.
pub async fn record(
    conn: &mut PgConnection,
    staff: &Staff,
    action: &str,
    target: Target<'_>,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, label, before, after, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(staff.user.id)
    .bind(&staff.user.email)
    .bind(action)
    .bind(target.kind)
    .bind(&target.id)
    .bind(target.label.trim())
    .bind(before)
    .bind(after)
    .bind(staff.ip.as_deref())
    .execute(conn)
    .await?;
    Ok(())
}

/// The human name of an entity as the database knows it now, for writers
/// that do not already hold it. The same SQL function filled in the names
/// of entries written before names were kept, so both read alike.
pub async fn label_of(conn: &mut PgConnection, kind: &str, id: i64) -> Result<String, AppError> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(audit_label($1, $2), '')")
            .bind(kind)
            .bind(id)
            .fetch_one(conn)
            .await?,
    )
}

/// A name kept in both languages, as the log shows it: the shop's own
/// language (Chinese) first, English when that is empty. `audit_label`
/// chooses the same way.
pub fn name_label(zh: &str, en: &str) -> String {
    let zh = zh.trim();
    let name = if zh.is_empty() { en.trim() } else { zh };
    name.to_string()
}

/// Everything the search looks in, as one text. The migration that added
/// `label` indexes exactly this expression (trigram GIN), so an ILIKE on it
/// can use the index; keep the two identical. Newlines between the parts
/// keep a search from matching across two of them.
const SEARCH_TEXT: &str = r"(actor_email || E'\n' || action || E'\n' || entity || E'\n' || COALESCE(entity_id, '') || E'\n' || label || E'\n' || COALESCE(before::text, '') || E'\n' || COALESCE(after::text, ''))";

#[derive(sqlx::FromRow)]
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
/// shop's (Asia/Shanghai), as everywhere else in the back office.
pub async fn search(pool: &PgPool, q: &str, before_id: Option<i64>) -> Result<AuditPage, AppError> {
    let pattern = crate::admin::like_pattern(q);
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT id, actor_email, action, entity, entity_id, label, before, after, ip,
                to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at,
                to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"') AS at_iso
           FROM audit_log
          WHERE ($1 = '' OR {SEARCH_TEXT} ILIKE $2)
            AND ($3::bigint IS NULL OR id < $3)
          ORDER BY id DESC
          LIMIT $4"
    ))
    .bind(q)
    .bind(&pattern)
    .bind(before_id)
    .bind(AUDIT_PAGE_SIZE + 1)
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
