//! Moderation queries and changes; each change locks the review, writes its
//! audit entry and commits in one transaction.
use super::{AdminReview, REVIEWS_PAGE_SIZE, ReviewList};
use crate::admin::audit::db::{Target, label_of, record};
use crate::error::AppError;
use crate::server::Staff;
use serde_json::json;
use sqlx::PgPool;

/// The WHERE condition and order of each filter (only these fixed texts
/// are ever put into the SQL). The queue is worked oldest first.
fn filter_sql(filter: &str) -> Option<(&'static str, &'static str)> {
    match filter {
        "queue" => Some(("r.moderated_at IS NULL", "r.created_at, r.id")),
        "published" => Some(("r.status = 'published'", "r.created_at DESC, r.id DESC")),
        "hidden" => Some(("r.status = 'hidden'", "r.created_at DESC, r.id DESC")),
        "all" => Some(("true", "r.created_at DESC, r.id DESC")),
        _ => None,
    }
}

pub async fn list(pool: &PgPool, filter: &str, page: i64) -> Result<ReviewList, AppError> {
    let Some((cond, order)) = filter_sql(filter) else {
        return Err(AppError::BadRequest);
    };
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM reviews r WHERE {cond}"))
        .fetch_one(pool)
        .await?;
    let reviews: Vec<AdminReview> = sqlx::query_as(&format!(
        "SELECT r.id, r.product_id, p.slug AS product_slug,
                COALESCE(zh.name, en.name, p.slug) AS product_name,
                u.display_name AS reviewer, r.rating, r.body,
                (SELECT count(*) FROM review_photos ph WHERE ph.review_id = r.id) AS photos,
                r.verified, r.status, r.moderated_at IS NOT NULL AS moderated, r.reply,
                to_char(r.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created_at
           FROM reviews r
           JOIN products p ON p.id = r.product_id
           JOIN users u ON u.id = r.user_id
           LEFT JOIN product_translations zh ON zh.product_id = p.id AND zh.locale = 'zh-CN'
           LEFT JOIN product_translations en ON en.product_id = p.id AND en.locale = 'en'
          WHERE {cond}
          ORDER BY {order}
          LIMIT $1 OFFSET $2"
    ))
    .bind(REVIEWS_PAGE_SIZE)
    .bind(page * REVIEWS_PAGE_SIZE)
    .fetch_all(pool)
    .await?;
    Ok(ReviewList {
        reviews,
        total,
        page,
        has_more: (page + 1) * REVIEWS_PAGE_SIZE < total,
    })
}

/// Publishes or hides a review (already checked to be one of the two), and
/// takes it out of the queue.
pub async fn moderate(pool: &PgPool, staff: &Staff, id: i64, status: &str) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let row: Option<(String, bool)> = sqlx::query_as(
        "SELECT status, moderated_at IS NOT NULL FROM reviews WHERE id = $1 FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((old_status, was_moderated)) = row else {
        return Err(AppError::NotFound);
    };
    sqlx::query(
        "UPDATE reviews SET status = $2, moderated_at = now(), moderated_by = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(staff.user.id)
    .execute(&mut *tx)
    .await?;
    let label = label_of(&mut tx, "review", id).await?;
    record(
        &mut tx,
        staff,
        "admin/review/moderate",
        Target::new("review", id, &label),
        Some(json!({ "status": old_status, "moderated": was_moderated })),
        Some(json!({ "status": status, "moderated": true })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the shop's public reply (already trimmed and checked); `None`
/// removes it.
pub async fn reply(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    reply: Option<&str>,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT reply FROM reviews WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((old_reply,)) = row else {
        return Err(AppError::NotFound);
    };
    sqlx::query(
        "UPDATE reviews SET reply = $2,
                replied_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END
          WHERE id = $1",
    )
    .bind(id)
    .bind(reply)
    .execute(&mut *tx)
    .await?;
    let label = label_of(&mut tx, "review", id).await?;
    record(
        &mut tx,
        staff,
        "admin/review/reply",
        Target::new("review", id, &label),
        Some(json!({ "reply": old_reply })),
        Some(json!({ "reply": reply })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
