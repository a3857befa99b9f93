//! The data download: everything the shop holds about one account, read
//! section by section in one snapshot. Times are RFC 3339 in shop time
//! (`shop_iso`), money in minor units with the currency beside it.
use crate::error::AppError;
use crate::privacy::Section;
use serde::Serialize;
use serde_json::Value;
use sqlx::{PgConnection, PgPool};

/// One part of a data download.
pub struct ExportSection {
    pub section: Section,
    pub data: Value,
}

/// Everything the shop holds about one account, as of one moment.
pub struct Export {
    /// RFC 3339, shop time.
    pub generated_at: String,
    pub sections: Vec<ExportSection>,
}

/// As JSON: the format's name and version, when it was made, the policy
/// version, then the sections by name, in their order.
impl Serialize for Export {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Sections<'a>(&'a [ExportSection]);
        impl Serialize for Sections<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|x| (x.section.as_str(), &x.data)))
            }
        }
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("format", crate::privacy::EXPORT_FORMAT)?;
        m.serialize_entry("generated_at", &self.generated_at)?;
        m.serialize_entry("policy_version", crate::privacy::POLICY_VERSION)?;
        m.serialize_entry("sections", &Sections(&self.sections))?;
        m.end()
    }
}

/// The account's data, every section (or only `only`), read in one
/// repeatable-read snapshot so the parts agree with each other.
/// `public_url` makes photo links absolute.
pub async fn export(
    pool: &PgPool,
    user_id: i64,
    public_url: &str,
    only: Option<Section>,
) -> Result<Export, AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;
    let generated_at = sqlx::query_scalar!(r#"SELECT shop_iso(now()) AS "at!""#)
        .fetch_one(&mut *tx)
        .await?;
    let mut sections = Vec::new();
    for s in Section::ALL
        .into_iter()
        .filter(|s| only.is_none_or(|o| o == *s))
    {
        let data = section(&mut tx, s, user_id, public_url).await?;
        sections.push(ExportSection { section: s, data });
    }
    tx.commit().await?;
    Ok(Export {
        generated_at,
        sections,
    })
}

/// One section's data. A new section is a variant of [`Section`], an arm
/// here, and its query below.
async fn section(
    conn: &mut PgConnection,
    s: Section,
    user_id: i64,
    public_url: &str,
) -> Result<Value, AppError> {
    match s {
        Section::Account => account(conn, user_id).await,
        Section::Addresses => addresses(conn, user_id).await,
        Section::Orders => orders(conn, user_id).await,
        Section::Reviews => reviews(conn, user_id, public_url).await,
        Section::Consents => consents(conn, user_id).await,
        Section::Favourites => favourites(conn, user_id).await,
        Section::RecentlyViewed => recently_viewed(conn, user_id).await,
        Section::Cart => cart(conn, user_id).await,
        Section::Points => points(conn, user_id).await,
        // Customer-service tickets come with a later feature, which adds
        // its query here; until then the section is present and empty.
        Section::Tickets => Ok(Value::Array(Vec::new())),
        Section::DeletionRequests => deletion_requests(conn, user_id).await,
    }
}

async fn account(conn: &mut PgConnection, user_id: i64) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE((SELECT jsonb_build_object(
                      'id', u.id, 'email', u.email, 'display_name', u.display_name, 'phone', u.phone,
                      'birthday', CASE WHEN u.birth_month IS NOT NULL
                                       THEN lpad(u.birth_month::text, 2, '0') || '-' || lpad(u.birth_day::text, 2, '0') END,
                      'role', u.role, 'level', u.level,
                      'created_at', shop_iso(u.created_at), 'updated_at', shop_iso(u.updated_at),
                      'display', (SELECT jsonb_build_object('theme', d.theme, 'text_size', d.text_size)
                                    FROM user_display_settings d WHERE d.user_id = u.id))
                    FROM users u WHERE u.id = $1), '{}'::jsonb) AS "data!""#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}

async fn addresses(conn: &mut PgConnection, user_id: i64) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'recipient', a.recipient, 'phone', a.phone, 'region', a.region, 'line1', a.line1,
                      'postal_code', a.postal_code, 'is_default', a.is_default,
                      'created_at', shop_iso(a.created_at)) ORDER BY a.id), '[]'::jsonb) AS "data!"
             FROM addresses a WHERE a.user_id = $1"#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}

/// Orders with their lines, discounts, refunds, timeline and after-sales
/// requests. Money is in
/// minor units (fen for CNY) with the currency beside it, as stored.
async fn orders(conn: &mut PgConnection, user_id: i64) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'number', o.number, 'status', o.status,
                      'payment_method', o.payment_method, 'payment_status', o.payment_status,
                      'currency', o.currency, 'list_minor', o.list_minor,
                      'sale_savings_minor', o.sale_savings_minor, 'discount_minor', o.discount_minor,
                      'shipping_minor', o.shipping_minor, 'total_minor', o.total_minor,
                      'shipping_method', o.shipping_method, 'coupon_code', o.coupon_code,
                      'ship_to', o.ship_to, 'carrier', o.carrier, 'tracking_number', o.tracking_number,
                      'cancel_reason', o.cancel_reason,
                      'placed_at', shop_iso(o.created_at), 'paid_at', shop_iso(o.paid_at),
                      'shipped_at', shop_iso(o.shipped_at), 'delivered_at', shop_iso(o.delivered_at),
                      'completed_at', shop_iso(o.completed_at), 'cancelled_at', shop_iso(o.cancelled_at),
                      'lines', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                       'sku', i.sku, 'name', i.name, 'options', i.options, 'qty', i.qty,
                                       'unit_minor', i.unit_minor, 'sale_unit_minor', i.sale_unit_minor,
                                       'discount_minor', i.discount_minor, 'paid_minor', i.paid_minor)
                                       ORDER BY i.id), '[]'::jsonb)
                                  FROM order_items i WHERE i.order_id = o.id),
                      'discounts', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                           'label', d.label, 'amount_minor', d.amount_minor)), '[]'::jsonb)
                                      FROM order_discounts d WHERE d.order_id = o.id),
                      'refunds', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                         'amount_minor', r.amount_minor, 'status', r.status,
                                         'at', shop_iso(r.created_at)) ORDER BY r.id), '[]'::jsonb)
                                    FROM refunds r WHERE r.order_id = o.id),
                      'events', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                        'status', e.status, 'at', shop_iso(e.created_at)) ORDER BY e.id), '[]'::jsonb)
                                   FROM order_events e WHERE e.order_id = o.id),
                      'after_sales', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                            'number', a.number, 'kind', a.kind, 'status', a.status,
                                            'fault', a.fault, 'note', a.note,
                                            'refund_minor', a.refund_minor, 'currency', a.currency,
                                            'return_carrier', a.return_carrier,
                                            'return_tracking', a.return_tracking,
                                            'opened_at', shop_iso(a.created_at),
                                            'lines', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                                             'sku', i.sku, 'qty', ai.qty) ORDER BY i.id), '[]'::jsonb)
                                                        FROM after_sales_items ai
                                                        JOIN order_items i ON i.id = ai.order_item_id
                                                       WHERE ai.request_id = a.id),
                                            'events', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                                              'status', ae.status, 'note', ae.note,
                                                              'at', shop_iso(ae.created_at)) ORDER BY ae.id), '[]'::jsonb)
                                                         FROM after_sales_events ae WHERE ae.request_id = a.id))
                                            ORDER BY a.id), '[]'::jsonb)
                                       FROM after_sales_requests a WHERE a.order_id = o.id))
                  ORDER BY o.created_at, o.id), '[]'::jsonb) AS "data!"
             FROM orders o WHERE o.user_id = $1"#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}

async fn consents(conn: &mut PgConnection, user_id: i64) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'purpose', c.purpose, 'granted', c.granted, 'policy_version', c.policy_version,
                      'at', shop_iso(c.recorded_at)) ORDER BY c.id), '[]'::jsonb) AS "data!"
             FROM consents c WHERE c.user_id = $1"#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}

async fn favourites(conn: &mut PgConnection, user_id: i64) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'product', COALESCE(audit_label('product', f.product_id), ''), 'slug', p.slug,
                      'added_at', shop_iso(f.created_at)) ORDER BY f.created_at, f.product_id), '[]'::jsonb) AS "data!"
             FROM favourites f JOIN products p ON p.id = f.product_id WHERE f.user_id = $1"#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}

async fn recently_viewed(conn: &mut PgConnection, user_id: i64) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'product', COALESCE(audit_label('product', r.product_id), ''), 'slug', p.slug,
                      'viewed_at', shop_iso(r.viewed_at)) ORDER BY r.viewed_at DESC, r.product_id), '[]'::jsonb) AS "data!"
             FROM recently_viewed r JOIN products p ON p.id = r.product_id WHERE r.user_id = $1"#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}

async fn cart(conn: &mut PgConnection, user_id: i64) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'sku', v.sku, 'product', COALESCE(audit_label('product', v.product_id), ''),
                      'qty', c.qty, 'seen_price_minor', c.seen_price_minor, 'currency', v.currency,
                      'added_at', shop_iso(c.added_at)) ORDER BY c.added_at, v.id), '[]'::jsonb) AS "data!"
             FROM cart_items c JOIN product_variants v ON v.id = c.variant_id WHERE c.user_id = $1"#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}

/// The balance and every change to it, with its reason (who on the staff
/// made a change is the staff member's data, not the shopper's).
async fn points(conn: &mut PgConnection, user_id: i64) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT jsonb_build_object(
                      'balance', (SELECT u.points FROM users u WHERE u.id = $1),
                      'pending', (SELECT COALESCE(sum(p.points - p.cancelled), 0) FROM points_lots p
                                   WHERE p.user_id = $1 AND p.status = 'pending'),
                      'ledger', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                        'kind', l.kind, 'delta', l.delta, 'reason', l.reason,
                                        'balance_after', l.balance_after,
                                        'at', shop_iso(l.created_at)) ORDER BY l.id), '[]'::jsonb)
                                   FROM points_ledger l WHERE l.user_id = $1)) AS "data!""#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}

async fn deletion_requests(conn: &mut PgConnection, user_id: i64) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'requested_at', shop_iso(d.requested_at), 'due_at', shop_iso(d.due_at),
                      'cancelled_at', shop_iso(d.cancelled_at), 'completed_at', shop_iso(d.completed_at))
                  ORDER BY d.id), '[]'::jsonb) AS "data!"
             FROM account_deletions d WHERE d.user_id = $1"#,
        user_id,
    )
    .fetch_one(conn)
    .await?)
}

/// Reviews with the product's name, the order they belong to, and links
/// to their photos (absolute, so they work from a saved file).
async fn reviews(
    conn: &mut PgConnection,
    user_id: i64,
    public_url: &str,
) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(jsonb_agg(jsonb_build_object(
                      'product', COALESCE(audit_label('product', r.product_id), ''),
                      'order_number', (SELECT o.number FROM order_items i JOIN orders o ON o.id = i.order_id
                                        WHERE i.id = r.order_item_id),
                      'rating', r.rating, 'body', r.body, 'status', r.status, 'verified', r.verified,
                      'helpful_count', r.helpful_count, 'reply', r.reply,
                      'photos', ARRAY(SELECT $2::text || '/media/' || img.sha256 || '-large.jpg'
                                        FROM review_photos ph JOIN images img ON img.id = ph.image_id
                                       WHERE ph.review_id = r.id ORDER BY ph.position),
                      'written_at', shop_iso(r.created_at)) ORDER BY r.id), '[]'::jsonb) AS "data!"
             FROM reviews r WHERE r.user_id = $1"#,
        user_id,
        public_url.trim_end_matches('/'),
    )
    .fetch_one(conn)
    .await?)
}
