//! Orders: the shopper's list and detail (ownership checked on every one),
//! the changes every order goes through (`changes`: cancelling, confirming
//! receipt, shipping) and the background jobs (`jobs`).
mod changes;
mod jobs;

pub use changes::{add_tracking, advance, cancel, cancel_in, complete};
pub use jobs::{JobConfig, JobReport, run_jobs_at};

use super::{
    OrderDetail, OrderEvent, OrderEventKind, OrderItemView, OrderStatus, OrderSummary,
    TrackingEvent,
};
use crate::cart::ShippingMethod;
use crate::error::AppError;
use crate::payments::{PaymentMethod, PaymentStatus};
use crate::server::sign;
use sqlx::PgPool;

/// Who is asking: a signed-in shopper and/or a guest link's secret.
pub struct Viewer<'a> {
    pub user_id: Option<i64>,
    pub token: Option<&'a str>,
    pub link_key: &'a [u8],
}

/// Bytes of the HMAC kept in a guest's order link (32 hex characters).
const ORDER_TOKEN_BYTES: usize = 16;

/// The secret in a guest's order link: an HMAC of the order number.
pub fn order_token(key: &[u8], number: &str) -> String {
    sign(key, format!("order:{number}").as_bytes())[..ORDER_TOKEN_BYTES * 2].to_string()
}

/// Whether `token` is the order link's secret for `number` (constant time).
pub fn order_token_ok(key: &[u8], number: &str, token: &str) -> bool {
    crate::server::verify_truncated(
        key,
        format!("order:{number}").as_bytes(),
        token,
        ORDER_TOKEN_BYTES,
    )
}

/// The order's id if `viewer` may see it. Anything else is "not found", so
/// order numbers reveal nothing.
pub async fn owned(pool: &PgPool, number: &str, viewer: &Viewer<'_>) -> Result<i64, AppError> {
    let row = sqlx::query!("SELECT id, user_id FROM orders WHERE number = $1", number)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else {
        return Err(AppError::NotFound);
    };
    let by_account = row.user_id.is_some() && row.user_id == viewer.user_id;
    let by_link = row.user_id.is_none()
        && viewer
            .token
            .is_some_and(|t| order_token_ok(viewer.link_key, number, t));
    if by_account || by_link {
        Ok(row.id)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn list(pool: &PgPool, user_id: i64) -> Result<Vec<OrderSummary>, AppError> {
    Ok(sqlx::query_as!(
        OrderSummary,
        r#"SELECT o.number, o.status AS "status: OrderStatus",
                  o.payment_status AS "payment_status: PaymentStatus", o.total_minor, o.currency,
                  shop_minute(o.created_at) AS "placed_at!",
                  (SELECT COALESCE(sum(qty), 0) FROM order_items WHERE order_id = o.id)::bigint
                    AS "items!",
                  COALESCE(f.name, '') AS "first_name!", img.sha256 AS "first_image?"
             FROM orders o
             LEFT JOIN LATERAL (SELECT name, image_id FROM order_items
                                 WHERE order_id = o.id ORDER BY id LIMIT 1) f ON true
             LEFT JOIN images img ON img.id = f.image_id
            WHERE o.user_id = $1
            ORDER BY o.created_at DESC, o.id DESC LIMIT 100"#,
        user_id
    )
    .fetch_all(pool)
    .await?)
}

/// The order row as the detail page needs it.
struct Head {
    number: String,
    user_id: Option<i64>,
    status: OrderStatus,
    payment_method: PaymentMethod,
    payment_status: PaymentStatus,
    currency: String,
    list_minor: i64,
    sale_savings_minor: i64,
    discount_minor: i64,
    shipping_minor: i64,
    total_minor: i64,
    points_spent: i32,
    points_minor: i64,
    shipping_method: ShippingMethod,
    coupon_code: Option<String>,
    ship_to: serde_json::Value,
    carrier: Option<String>,
    tracking_number: Option<String>,
    placed_at: String,
    refunded_minor: i64,
}

pub async fn detail(pool: &PgPool, order_id: i64) -> Result<OrderDetail, AppError> {
    let head = sqlx::query_as!(
        Head,
        r#"SELECT number, user_id, status AS "status: OrderStatus",
                  payment_method AS "payment_method: PaymentMethod",
                  payment_status AS "payment_status: PaymentStatus", currency, list_minor,
                  sale_savings_minor, discount_minor, shipping_minor, total_minor, points_spent,
                  points_minor, shipping_method AS "shipping_method: ShippingMethod",
                  coupon_code, ship_to, carrier, tracking_number,
                  shop_minute(created_at) AS "placed_at!",
                  (SELECT COALESCE(sum(amount_minor), 0) FROM refunds r
                    WHERE r.order_id = orders.id AND r.status = 'done')::bigint AS "refunded_minor!"
             FROM orders WHERE id = $1"#,
        order_id
    )
    .fetch_one(pool)
    .await?;
    let items = sqlx::query_as!(
        OrderItemView,
        r#"SELECT i.id, p.slug AS "product_slug?", i.name, i.options, img.sha256 AS "image?",
                  i.qty, i.unit_minor, i.sale_unit_minor, i.paid_minor,
                  EXISTS (SELECT 1 FROM reviews r WHERE r.order_item_id = i.id) AS "reviewed!"
             FROM order_items i
             LEFT JOIN products p ON p.id = i.product_id
             LEFT JOIN images img ON img.id = i.image_id
            WHERE i.order_id = $1 ORDER BY i.id"#,
        order_id
    )
    .fetch_all(pool)
    .await?;
    let discounts = sqlx::query!(
        "SELECT label, amount_minor FROM order_discounts WHERE order_id = $1 ORDER BY ctid",
        order_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|d| (d.label, d.amount_minor))
    .collect();
    let events = sqlx::query_as!(
        OrderEvent,
        r#"SELECT status AS "status: OrderEventKind", shop_minute(created_at) AS "at!"
             FROM order_events WHERE order_id = $1 ORDER BY id"#,
        order_id
    )
    .fetch_all(pool)
    .await?;
    let tracking = sqlx::query_as!(
        TrackingEvent,
        r#"SELECT shop_minute(happened_at) AS "at!", location, description
             FROM tracking_events WHERE order_id = $1 ORDER BY happened_at DESC, id DESC"#,
        order_id
    )
    .fetch_all(pool)
    .await?;
    Ok(OrderDetail {
        number: head.number,
        status: head.status,
        payment_method: head.payment_method,
        payment_status: head.payment_status,
        currency: head.currency,
        list_minor: head.list_minor,
        sale_savings_minor: head.sale_savings_minor,
        discount_minor: head.discount_minor,
        shipping_minor: head.shipping_minor,
        total_minor: head.total_minor,
        discounts,
        points_spent: head.points_spent,
        points_minor: head.points_minor,
        shipping_method: head.shipping_method,
        coupon_code: head.coupon_code,
        ship_to: serde_json::from_value(head.ship_to).unwrap_or_default(),
        carrier: head.carrier,
        tracking_number: head.tracking_number,
        items,
        events,
        tracking,
        placed_at: head.placed_at,
        guest: head.user_id.is_none(),
        refunded_minor: head.refunded_minor,
    })
}
