//! Writing the audit trail. A change and its entry commit or roll back
//! together, and the entry's before/after are read from the database inside
//! the same transaction, under the same row locks as the change, so the log
//! shows what really changed rather than what the caller meant to change.
use super::AuditAction;
use crate::error::AppError;
use crate::server::Staff;
use serde_json::Value;
use sqlx::{PgConnection, PgPool};

/// Who the entry names: a staff member, a shopper acting on their own
/// data (privacy downloads), or the shop itself (a job, `Actor::SYSTEM`).
pub struct Actor<'a> {
    /// `None` for the shop's own jobs, which are no account.
    pub id: Option<i64>,
    pub email: &'a str,
    pub ip: Option<&'a str>,
}

impl Actor<'static> {
    /// A job acting on its own (the erasure of a deleted account).
    pub const SYSTEM: Actor<'static> = Actor {
        id: None,
        email: "system",
        ip: None,
    };
}

impl<'a> From<&'a Staff> for Actor<'a> {
    fn from(s: &'a Staff) -> Self {
        Actor {
            id: Some(s.user.id),
            email: &s.user.email,
            ip: s.ip.as_deref(),
        }
    }
}

/// What a change was made to: its kind ("order"), its id, and its human
/// name as it is at the time of the change (the order number, a product's
/// name, a SKU, an e-mail…). The name is kept in the entry because ids
/// mean nothing to a reader and the thing may be renamed or deleted later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub kind: &'static str,
    pub id: String,
    pub label: String,
}

impl Target {
    pub fn new(kind: &'static str, id: impl ToString, label: impl Into<String>) -> Self {
        Target {
            kind,
            id: id.to_string(),
            label: label.into(),
        }
    }
}

/// One side of an audited change: the thing and its state as the log keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub target: Target,
    pub state: Value,
}

/// Appends one entry. Call it inside the transaction that makes the change,
/// so a change and its record commit (or roll back) together. Prefer
/// [`audited`], which also takes the snapshots.
pub async fn record(
    conn: &mut PgConnection,
    actor: Actor<'_>,
    action: AuditAction,
    target: &Target,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, label, before, after, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        actor.id,
        actor.email,
        action as AuditAction,
        target.kind,
        &target.id,
        target.label.trim(),
        before,
        after,
        actor.ip,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Snapshot, change, snapshot and record, on a connection whose transaction
/// the caller owns (for batches: an import writes one entry per row in one
/// transaction).
///
/// `snapshot` is called before the change with `None` and after it with the
/// change's result; it returns `None` when the thing does not exist (before
/// a creation, after a deletion). Snapshots should lock what they read
/// (`FOR UPDATE`) so the change works on the state the log shows.
///
/// `snapshot` is called twice, each time on its own copy and by value
/// (`AsyncFnOnce + Clone`, not `AsyncFn`): the future of an async closure
/// called by reference holds a reference to what the closure borrowed, and
/// the compiler then fails to prove the server function's future `Send`
/// ("implementation of `Send` is not general enough", rust-lang/rust#138207).
/// A snapshot closure that borrows only shared data is `Clone`.
pub async fn audited_in<T>(
    conn: &mut PgConnection,
    actor: Actor<'_>,
    action: AuditAction,
    snapshot: impl AsyncFnOnce(&mut PgConnection, Option<&T>) -> Result<Option<Snapshot>, AppError>
    + Clone,
    change: impl AsyncFnOnce(&mut PgConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let before = (snapshot.clone())(&mut *conn, None).await?;
    let out = change(&mut *conn).await?;
    let after = snapshot(&mut *conn, Some(&out)).await?;
    let target = match (&before, &after) {
        (_, Some(a)) => a.target.clone(),
        (Some(b), None) => b.target.clone(),
        (None, None) => {
            tracing::error!(
                action = action.as_str(),
                "audited change with nothing to name"
            );
            return Err(AppError::Internal);
        }
    };
    record(
        conn,
        actor,
        action,
        &target,
        before.map(|s| s.state),
        after.map(|s| s.state),
    )
    .await?;
    Ok(out)
}

/// The audited write: begin, snapshot, change, snapshot, record, commit.
/// Any error rolls the change and its entry back together.
pub async fn audited<T>(
    pool: &PgPool,
    actor: Actor<'_>,
    action: AuditAction,
    snapshot: impl AsyncFnOnce(&mut PgConnection, Option<&T>) -> Result<Option<Snapshot>, AppError>
    + Clone,
    change: impl AsyncFnOnce(&mut PgConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let mut tx = pool.begin().await?;
    let out = audited_in(&mut tx, actor, action, snapshot, change).await?;
    tx.commit().await?;
    Ok(out)
}

/// The human name of an entity as the database knows it now, for writers
/// that do not already hold it. The same SQL function filled in the names
/// of entries written before names were kept, so both read alike.
pub async fn label_of(conn: &mut PgConnection, kind: &str, id: i64) -> Result<String, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(audit_label($1, $2), '') AS "label!""#,
        kind,
        id
    )
    .fetch_one(conn)
    .await?)
}

/// A name kept in both languages, as the log shows it: the shop's own
/// language (Chinese) first, English when that is empty. `audit_label`
/// chooses the same way.
pub fn name_label(zh: &str, en: &str) -> String {
    let zh = zh.trim();
    let name = if zh.is_empty() { en.trim() } else { zh };
    name.to_string()
}
