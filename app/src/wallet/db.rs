//! The wallet's rows: who may use a coupon (`coupon_terms`), the copies
//! shoppers hold (`coupon_grants`), using one with an order and listing
//! them. Giving coupons is `issue` (staff) and `birthday` (the job).
use super::{GrantSource, WalletCoupon, WalletState};
use crate::error::AppError;
use crate::loyalty::levels::MemberLevel;
use crate::promotions::CouponProblem;
use sqlx::PgConnection;
use time::OffsetDateTime;

pub mod birthday;
mod claim;
mod issue;
pub use claim::{claim, claimable};
pub use issue::{Audience, Issued, issue};

/// Why `user_id` (None: a guest) at `level` may not use the coupon
/// `promotion_id` by its terms, if they may not: it is kept to wallet
/// holders and they hold no usable copy, or to a level above theirs.
pub async fn holder_problem(
    conn: &mut PgConnection,
    promotion_id: i64,
    user_id: Option<i64>,
    level: MemberLevel,
    now: OffsetDateTime,
) -> Result<Option<CouponProblem>, AppError> {
    let terms = sqlx::query!(
        r#"SELECT t.wallet_only, t.min_level AS "min_level: MemberLevel",
                  EXISTS (SELECT 1 FROM coupon_grants g
                           WHERE g.promotion_id = t.promotion_id AND g.user_id = $2
                             AND g.order_id IS NULL
                             AND (g.valid_until IS NULL OR g.valid_until > $3)) AS "held!"
             FROM coupon_terms t WHERE t.promotion_id = $1"#,
        promotion_id,
        user_id,
        now,
    )
    .fetch_optional(conn)
    .await?;
    Ok(terms.and_then(|t| {
        if t.wallet_only && !t.held {
            Some(CouponProblem::NotInWallet)
        } else {
            t.min_level
                .filter(|min| level < *min)
                .map(|level| CouponProblem::MembersOnly { level })
        }
    }))
}

/// A coupon `user_id` holds and could use now: one per coupon, the copy
/// that ends first.
#[derive(Debug, Clone)]
pub struct Held {
    pub promotion_id: i64,
    pub valid_until: Option<OffsetDateTime>,
    pub min_level: Option<MemberLevel>,
}

/// The coupons `user_id` holds, usable at `now` (not used, neither the copy
/// nor the coupon ended, the coupon switched on), the soonest to end first.
pub async fn held(
    conn: &mut PgConnection,
    user_id: i64,
    now: OffsetDateTime,
) -> Result<Vec<Held>, AppError> {
    let mut rows = sqlx::query_as!(
        Held,
        r#"SELECT DISTINCT ON (g.promotion_id) g.promotion_id,
                  LEAST(g.valid_until, p.ends_at) AS valid_until,
                  t.min_level AS "min_level?: MemberLevel"
             FROM coupon_grants g
             JOIN promotions p ON p.id = g.promotion_id
             LEFT JOIN coupon_terms t ON t.promotion_id = g.promotion_id
            WHERE g.user_id = $1 AND g.order_id IS NULL AND p.active AND p.kind = 'coupon'
              AND (g.valid_until IS NULL OR g.valid_until > $2)
              AND (p.ends_at IS NULL OR p.ends_at > $2)
            ORDER BY g.promotion_id, g.valid_until NULLS LAST"#,
        user_id,
        now,
    )
    .fetch_all(conn)
    .await?;
    rows.sort_by_key(|h| (h.valid_until.is_none(), h.valid_until, h.promotion_id));
    Ok(rows)
}

/// Uses one copy of `promotion_id` held by `user_id` for `order_id`: the
/// one that ends first. A copy another order is taking is skipped, so two
/// orders racing for the last copy cannot both have it. False when there
/// is no copy to use.
pub async fn take(
    conn: &mut PgConnection,
    promotion_id: i64,
    user_id: i64,
    order_id: i64,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let taken = sqlx::query_scalar!(
        "UPDATE coupon_grants SET order_id = $3, used_at = $4
          WHERE id = (SELECT id FROM coupon_grants
                       WHERE promotion_id = $1 AND user_id = $2 AND order_id IS NULL
                         AND (valid_until IS NULL OR valid_until > $4)
                       ORDER BY valid_until NULLS LAST, id
                       LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id",
        promotion_id,
        user_id,
        order_id,
        now,
    )
    .fetch_optional(conn)
    .await?;
    Ok(taken.is_some())
}

/// Kept to wallet holders: an order using it must use a held copy.
pub async fn wallet_only(conn: &mut PgConnection, promotion_id: i64) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM coupon_terms WHERE promotion_id = $1 AND wallet_only) AS "only!""#,
        promotion_id
    )
    .fetch_one(conn)
    .await?)
}

/// How many coupons the account page lists (the newest).
pub const LISTED: i64 = 50;

/// `user_id`'s wallet at `now` (the newest `LISTED`): the usable coupons
/// first, then used and expired ones, each group newest first.
pub async fn list(
    conn: &mut PgConnection,
    user_id: i64,
    now: OffsetDateTime,
) -> Result<Vec<WalletCoupon>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT p.code AS "code!", COALESCE(p.name->>'zh-CN', '') AS "name_zh!",
                  COALESCE(p.name->>'en', '') AS "name_en!", g.source AS "source: GrantSource",
                  extract(epoch FROM LEAST(g.valid_until, p.ends_at))::bigint AS until,
                  t.min_level AS "min_level?: MemberLevel", o.number AS "order_number?",
                  (g.order_id IS NULL
                   AND ((g.valid_until IS NOT NULL AND g.valid_until <= $2)
                        OR (p.ends_at IS NOT NULL AND p.ends_at <= $2) OR NOT p.active)) AS "expired!"
             FROM coupon_grants g
             JOIN promotions p ON p.id = g.promotion_id
             LEFT JOIN coupon_terms t ON t.promotion_id = g.promotion_id
             LEFT JOIN orders o ON o.id = g.order_id
            WHERE g.user_id = $1 AND p.code IS NOT NULL
            ORDER BY g.issued_at DESC, g.id DESC
            LIMIT $3"#,
        user_id,
        now,
        LISTED,
    )
    .fetch_all(conn)
    .await?;
    let mut coupons: Vec<WalletCoupon> = rows
        .into_iter()
        .map(|r| WalletCoupon {
            state: match (&r.order_number, r.expired) {
                (Some(_), _) => WalletState::Used,
                (None, true) => WalletState::Expired,
                (None, false) => WalletState::Available,
            },
            code: r.code,
            name_zh: r.name_zh,
            name_en: r.name_en,
            source: r.source,
            until: r.until.map(crate::shop_time::display_local),
            min_level: r.min_level,
            order_number: r.order_number,
        })
        .collect();
    // Stable: within a state, still newest first.
    coupons.sort_by_key(|c| c.state != WalletState::Available);
    Ok(coupons)
}

/// Tells each shopper given one of the grants `ids` (staff's issue, the
/// birthday job) that a coupon is in their wallet: inbox and e-mail in
/// their language, once per grant, in the giving transaction. A shopper's
/// own claim is not announced; they just did it.
pub async fn tell_arrived(conn: &mut PgConnection, ids: &[i64]) -> Result<(), AppError> {
    let grants = sqlx::query!(
        r#"SELECT g.id, g.user_id, p.code AS "code?", p.name->>'zh-CN' AS "zh?", p.name->>'en' AS "en?",
                  extract(epoch FROM g.valid_until)::bigint AS "until?"
             FROM coupon_grants g JOIN promotions p ON p.id = g.promotion_id
            WHERE g.id = ANY($1) ORDER BY g.id"#,
        ids
    )
    .fetch_all(&mut *conn)
    .await?;
    for g in grants {
        let name = |n: Option<String>| n.unwrap_or_else(|| g.code.clone().unwrap_or_default());
        let payload = serde_json::json!({
            "coupon_zh": name(g.zh.clone()),
            "coupon_en": name(g.en.clone()),
            "code": g.code,
            "deadline": g.until.map(crate::shop_time::display_local),
        });
        let stem = format!("coupon:{}", g.id);
        crate::notify::db::coupon(conn, g.user_id, &stem, payload).await?;
    }
    Ok(())
}
