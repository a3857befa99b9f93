//! SQL for privacy: consents, deletion requests and the audit entries for
//! staff views and exports here; the erasure job in [`erase`], the data
//! download in [`export`].
mod erase;
mod export;

pub use erase::run_due_deletions;
pub use export::{Export, ExportSection, export};

use super::{ConsentRecord, ConsentState, DeletionState, Purpose, Section};
use crate::accounts::SessionUser;
use crate::audit::{Actor, AuditAction, Target, record};
use crate::error::AppError;
use crate::server::Staff;
use serde_json::json;
use sqlx::PgPool;
use std::time::Duration;
use time::OffsetDateTime;

// ---------------------------------------------------------------- consents

/// One stored answer, as the settings page shows it.
struct ConsentRow {
    purpose: Purpose,
    granted: bool,
    policy_version: String,
    /// "YYYY-MM-DD HH:MM", shop time.
    at: String,
}

/// The current answer for every purpose (the newest record; "not given"
/// when there is none).
pub async fn consents(pool: &PgPool, user_id: i64) -> Result<Vec<ConsentState>, AppError> {
    let rows = sqlx::query_as!(
        ConsentRow,
        r#"SELECT DISTINCT ON (purpose) purpose AS "purpose: Purpose", granted, policy_version,
                  shop_minute(recorded_at) AS "at!"
             FROM consents WHERE user_id = $1
            ORDER BY purpose, id DESC"#,
        user_id,
    )
    .fetch_all(pool)
    .await?;
    Ok(Purpose::ALL
        .into_iter()
        .map(|p| match rows.iter().find(|r| r.purpose == p) {
            Some(r) => ConsentState {
                purpose: p,
                granted: r.granted,
                at: Some(r.at.clone()),
                policy_version: Some(r.policy_version.clone()),
            },
            None => ConsentState {
                purpose: p,
                granted: false,
                at: None,
                policy_version: None,
            },
        })
        .collect())
}

/// Every answer, newest first.
pub async fn consent_history(
    pool: &PgPool,
    user_id: i64,
    limit: i64,
) -> Result<Vec<ConsentRecord>, AppError> {
    let rows = sqlx::query_as!(
        ConsentRow,
        r#"SELECT purpose AS "purpose: Purpose", granted, policy_version,
                  shop_minute(recorded_at) AS "at!"
             FROM consents WHERE user_id = $1
            ORDER BY id DESC LIMIT $2"#,
        user_id,
        limit,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ConsentRecord {
            purpose: r.purpose,
            granted: r.granted,
            policy_version: r.policy_version,
            at: r.at,
        })
        .collect())
}

/// Adds an answer to the history. The same answer under the same policy
/// version as the current one adds nothing (a double click is not two
/// decisions); answers are serialised per account by the user row lock.
pub async fn record_consent(
    pool: &PgPool,
    user_id: i64,
    purpose: Purpose,
    granted: bool,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!("SELECT FROM users WHERE id = $1 FOR UPDATE", user_id)
        .execute(&mut *tx)
        .await?;
    let current = sqlx::query!(
        "SELECT granted, policy_version FROM consents
          WHERE user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
        user_id,
        purpose as Purpose,
    )
    .fetch_optional(&mut *tx)
    .await?;
    if current.is_some_and(|c| c.granted == granted && c.policy_version == super::POLICY_VERSION) {
        return Ok(());
    }
    sqlx::query!(
        "INSERT INTO consents (user_id, purpose, policy_version, granted) VALUES ($1, $2, $3, $4)",
        user_id,
        purpose as Purpose,
        super::POLICY_VERSION,
        granted,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

// ------------------------------------------------------- deletion requests

/// The account's open deletion request, if any.
pub async fn open_deletion(pool: &PgPool, user_id: i64) -> Result<Option<DeletionState>, AppError> {
    Ok(sqlx::query_as!(
        DeletionState,
        r#"SELECT shop_minute(due_at) AS "due!", shop_iso(due_at) AS "due_iso!",
                  shop_minute(requested_at) AS "requested!"
             FROM account_deletions
            WHERE user_id = $1 AND cancelled_at IS NULL AND completed_at IS NULL"#,
        user_id,
    )
    .fetch_optional(pool)
    .await?)
}

/// Opens a deletion request due `cooling_off` after `now` (the shop's
/// clock) and ends every session of the account (the caller signs its own
/// session in again). Asking again while a request is open keeps the first
/// date.
pub async fn request_deletion(
    pool: &PgPool,
    user_id: i64,
    now: OffsetDateTime,
    cooling_off: Duration,
) -> Result<DeletionState, AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!("SELECT FROM users WHERE id = $1 FOR UPDATE", user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "INSERT INTO account_deletions (user_id, due_at)
         VALUES ($1, $2::timestamptz + make_interval(secs => $3))
         ON CONFLICT (user_id) WHERE cancelled_at IS NULL AND completed_at IS NULL DO NOTHING",
        user_id,
        now,
        cooling_off.as_secs_f64(),
    )
    .execute(&mut *tx)
    .await?;
    crate::server::end_sessions_of(&mut tx, user_id).await?;
    tx.commit().await?;
    open_deletion(pool, user_id)
        .await?
        .ok_or(AppError::Internal)
}

/// Cancels the open request; false when there was none (already cancelled,
/// or already carried out: the erasure job holds the row while it works, so
/// a cancel that loses that race finds the request completed).
pub async fn cancel_deletion(pool: &PgPool, user_id: i64) -> Result<bool, AppError> {
    let done = sqlx::query!(
        "UPDATE account_deletions SET cancelled_at = now()
          WHERE user_id = $1 AND cancelled_at IS NULL AND completed_at IS NULL",
        user_id,
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

// ----------------------------------------------------------- audit entries

/// Records that the shopper downloaded their data (`format` "json" or
/// "csv"). The shopper is the actor; the erasure later blanks them out of
/// it like everything else.
pub async fn record_export(
    pool: &PgPool,
    user: &SessionUser,
    ip: Option<&str>,
    format: &str,
    only: Option<Section>,
) -> Result<(), AppError> {
    let actor = Actor {
        id: Some(user.id),
        email: &user.email,
        ip,
    };
    let mut conn = pool.acquire().await?;
    let after = json!({ "format": format, "section": only.map(Section::as_str) });
    record(
        &mut conn,
        actor,
        AuditAction::PrivacyExport,
        &Target::new("customer", user.id, &user.email),
        None,
        Some(after),
    )
    .await
}

/// A staff member's repeated opening of the same record within this many
/// minutes is one entry: pages reload their data after every change made
/// on them, and one entry per visit is what a reader of the log needs.
pub const VIEW_WINDOW_MINUTES: i32 = 10;

/// Records that `staff` was shown a person's data through `action` (one of
/// [`super::AUDITED_VIEWS`]). The entry is about the person: the customer
/// account (`kind` "customer") or, for a guest's order, the order; `label`
/// is their e-mail, so searching the log for someone finds who looked at
/// their data.
pub async fn record_view(
    pool: &PgPool,
    staff: &Staff,
    action: AuditAction,
    kind: &'static str,
    id: i64,
    label: &str,
) -> Result<(), AppError> {
    let mut conn = pool.acquire().await?;
    // The window is measured against the entries' own timestamps, which
    // the database's clock wrote.
    let recent = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM audit_log
                           WHERE actor_id = $1 AND action = $2 AND entity = $3 AND entity_id = $4
                             AND created_at > now() - make_interval(mins => $5)) AS "recent!""#,
        staff.user.id,
        action as AuditAction,
        kind,
        id.to_string(),
        VIEW_WINDOW_MINUTES,
    )
    .fetch_one(&mut *conn)
    .await?;
    if recent {
        return Ok(());
    }
    record(
        &mut conn,
        staff.into(),
        action,
        &Target::new(kind, id, label),
        None,
        None,
    )
    .await
}

/// [`record_view`] for an order's page: about the customer whose order it
/// is, or about the order itself when a guest placed it. The order's
/// number is deliberately not in the entry: the log's search by number is
/// for what was done to the order, and a view did nothing to it.
pub async fn record_order_view(
    pool: &PgPool,
    staff: &Staff,
    number: &str,
    customer_id: Option<i64>,
    email: &str,
) -> Result<(), AppError> {
    let action = AuditAction::OrderView;
    match customer_id {
        Some(id) => record_view(pool, staff, action, "customer", id, email).await,
        None => {
            let id = sqlx::query_scalar!("SELECT id FROM orders WHERE number = $1", number)
                .fetch_optional(pool)
                .await?
                .ok_or(AppError::NotFound)?;
            record_view(pool, staff, action, "order", id, email).await
        }
    }
}
