//! Moderation queries and changes; each change locks the review, writes its
//! audit entry and commits in one transaction.
use super::{AdminReview, REVIEWS_PAGE_SIZE, ReviewList};
use crate::audit::{AuditAction, Snapshot, Target, audited, label_of};
use crate::error::AppError;
use crate::reviews::ReviewStatus;
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

/// What a list filter selects: only the queue (reviews nobody has looked
/// at yet), and/or only one status.
fn filter_of(filter: &str) -> Option<(bool, Option<ReviewStatus>)> {
    match filter {
        "queue" => Some((true, None)),
        "published" => Some((false, Some(ReviewStatus::Published))),
        "hidden" => Some((false, Some(ReviewStatus::Hidden))),
        "all" => Some((false, None)),
        _ => None,
    }
}

pub async fn list(pool: &PgPool, filter: &str, page: i64) -> Result<ReviewList, AppError> {
    let Some((queue, status)) = filter_of(filter) else {
        return Err(AppError::BadRequest);
    };
    let total = sqlx::query_scalar!(
        r#"SELECT count(*) AS "total!" FROM reviews r
            WHERE (NOT $1::bool OR r.moderated_at IS NULL) AND ($2::text IS NULL OR r.status = $2)"#,
        queue,
        status as Option<ReviewStatus>,
    )
    .fetch_one(pool)
    .await?;
    // The queue is worked oldest first; the other filters show the newest.
    let reviews = sqlx::query_as!(
        AdminReview,
        r#"SELECT r.id, r.product_id, p.slug AS product_slug,
                  COALESCE(zh.name, en.name, p.slug) AS "product_name!",
                  u.display_name AS reviewer, r.rating, r.body,
                  (SELECT count(*) FROM review_photos ph WHERE ph.review_id = r.id) AS "photos!",
                  r.verified, r.status AS "status: ReviewStatus",
                  r.moderated_at IS NOT NULL AS "moderated!", r.reply,
                  shop_minute(r.created_at) AS "created_at!"
             FROM reviews r
             JOIN products p ON p.id = r.product_id
             JOIN users u ON u.id = r.user_id
             LEFT JOIN product_translations zh ON zh.product_id = p.id AND zh.locale = 'zh-CN'
             LEFT JOIN product_translations en ON en.product_id = p.id AND en.locale = 'en'
            WHERE (NOT $1::bool OR r.moderated_at IS NULL) AND ($2::text IS NULL OR r.status = $2)
            ORDER BY CASE WHEN $1 THEN r.created_at END, CASE WHEN $1 THEN r.id END,
                     r.created_at DESC, r.id DESC
            LIMIT $3 OFFSET $4"#,
        queue,
        status as Option<ReviewStatus>,
        REVIEWS_PAGE_SIZE,
        page * REVIEWS_PAGE_SIZE,
    )
    .fetch_all(pool)
    .await?;
    Ok(ReviewList {
        reviews,
        total,
        page,
        has_more: (page + 1) * REVIEWS_PAGE_SIZE < total,
    })
}

/// The review as the moderation entries record it, locked.
async fn moderation_snapshot(
    conn: &mut PgConnection,
    id: i64,
) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query!(
        r#"SELECT status AS "status: ReviewStatus", moderated_at IS NOT NULL AS "moderated!"
             FROM reviews WHERE id = $1 FOR UPDATE"#,
        id,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(Snapshot {
        target: Target::new("review", id, label_of(conn, "review", id).await?),
        state: json!({ "status": row.status, "moderated": row.moderated }),
    }))
}

/// Publishes or hides a review (already checked to be one of the two), and
/// takes it out of the queue.
pub async fn moderate(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    status: ReviewStatus,
) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::ReviewModerate,
        async |conn: &mut PgConnection, _: Option<&()>| moderation_snapshot(conn, id).await,
        async |conn: &mut PgConnection| {
            let done = sqlx::query!(
                "UPDATE reviews SET status = $2, moderated_at = now(), moderated_by = $3 WHERE id = $1",
                id,
                status as ReviewStatus,
                staff.user.id,
            )
            .execute(conn)
            .await?;
            if done.rows_affected() == 0 {
                return Err(AppError::NotFound);
            }
            Ok(())
        },
    )
    .await
}

/// The review's reply as the reply entries record it, locked.
async fn reply_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query!("SELECT reply FROM reviews WHERE id = $1 FOR UPDATE", id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(Snapshot {
        target: Target::new("review", id, label_of(conn, "review", id).await?),
        state: json!({ "reply": row.reply }),
    }))
}

/// Sets the shop's public reply (already trimmed and checked); `None`
/// removes it.
pub async fn reply(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    reply: Option<&str>,
) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::ReviewReply,
        async |conn: &mut PgConnection, _: Option<&()>| reply_snapshot(conn, id).await,
        async |conn: &mut PgConnection| {
            let done = sqlx::query!(
                "UPDATE reviews SET reply = $2,
                        replied_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END
                  WHERE id = $1",
                id,
                reply,
            )
            .execute(conn)
            .await?;
            if done.rows_affected() == 0 {
                return Err(AppError::NotFound);
            }
            Ok(())
        },
    )
    .await
}
