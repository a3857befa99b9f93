//! Placing an order: one transaction that re-prices the cart, reserves the
//! stock (locked in id order, never below zero), takes limited promotion
//! uses under their row locks, and records what was paid.
use super::{OrderForm, Placed, valid_key};
use crate::accounts::{SessionUser, validate_address};
use crate::cart::db::{Langs, Pricing, price};
use crate::cart::{LineIn, ShippingMethod};
use crate::error::{AppError, Checks, ErrorKey};
use crate::orders::OrderStatus;
use crate::payments::PaymentMethod;
use crate::promotions::PromotionKind;
use crate::promotions::db::Buyer;
use crate::server::{AppState, sign};
use serde_json::json;
use sqlx::PgPool;

/// Who places the order.
#[derive(Debug, Clone)]
pub enum Owner {
    User { id: i64, email: String },
    Guest { email: String },
}

impl Owner {
    fn buyer(&self) -> Buyer {
        match self {
            Owner::User { id, email } => Buyer {
                user_id: Some(*id),
                email: Some(email.clone()),
            },
            Owner::Guest { email } => Buyer {
                user_id: None,
                email: Some(email.clone()),
            },
        }
    }

    /// Idempotency keys are only unique per owner.
    fn scoped_key(&self, key: &str) -> String {
        match self {
            Owner::User { id, .. } => format!("u{id}:{key}"),
            Owner::Guest { email } => format!("g:{email}:{key}"),
        }
    }
}

pub struct Placement {
    pub owner: Owner,
    pub key: String,
    pub lines: Vec<LineIn>,
    pub coupon: Option<String>,
    pub shipping: ShippingMethod,
    pub payment: PaymentMethod,
    pub ship_to: serde_json::Value,
    pub langs: Langs,
    pub expected_total_minor: i64,
}

/// The order placed (or found placed by an earlier try with the same key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedOrder {
    pub id: i64,
    pub number: String,
    pub total_minor: i64,
    pub currency: String,
    pub status: OrderStatus,
    pub bought: Vec<i64>,
    /// The pending payment attempt recorded with a new online-paid order
    /// (None for cash on delivery, and for an order found by its key).
    pub payment_ref: Option<String>,
}

/// Checks the form, then places the order and starts its payment.
pub async fn place_from_form(
    state: &AppState,
    user: Option<SessionUser>,
    form: OrderForm,
    notify_base: String,
) -> Result<Placed, AppError> {
    let pool = &state.pool;
    if !valid_key(&form.key) {
        return Err(AppError::BadRequest);
    }
    let mut checks = Checks::default();
    let owner = match &user {
        Some(u) => Owner::User {
            id: u.id,
            email: u.email.clone(),
        },
        None => {
            let email = crate::accounts::normalize_email(form.email.as_deref().unwrap_or(""));
            checks.check("email", crate::accounts::check_email(&email));
            Owner::Guest { email }
        }
    };
    let ship_to = match (&user, form.address_id, &form.address) {
        (Some(u), Some(id), _) => {
            let a = crate::accounts::db::address(pool, u.id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Some(
                json!({"recipient": a.recipient, "phone": a.phone, "region": a.region,
                        "line1": a.line1, "postal_code": a.postal_code}),
            )
        }
        (_, _, Some(a)) => match validate_address(a) {
            Ok(()) => Some(
                json!({"recipient": a.recipient.trim(), "phone": a.phone.trim(),
                                  "region": a.region.trim(), "line1": a.line1.trim(),
                                  "postal_code": Some(a.postal_code.trim()).filter(|p| !p.is_empty())}),
            ),
            Err(AppError::Validation(list)) => {
                for e in list {
                    checks.fail(&e.field, e.key);
                }
                None
            }
            Err(e) => return Err(e),
        },
        _ => {
            checks.fail("address", ErrorKey::Required);
            None
        }
    };
    checks.finish()?;
    let lines = match &owner {
        Owner::User { id, .. } => crate::cart::db::stored_lines(pool, *id).await?,
        Owner::Guest { .. } => form.lines.clone(),
    };
    let guest = matches!(owner, Owner::Guest { .. });
    let guest_limit = if guest {
        Some(GuestLimit {
            bucket: crate::server::ip_bucket(crate::server::client_ip().await.as_deref()),
            limits: state.settings.limits,
        })
    } else {
        None
    };
    let placed = place_as(
        pool,
        Placement {
            owner,
            key: form.key,
            lines,
            coupon: form.coupon.filter(|c| !c.trim().is_empty()),
            shipping: form.shipping,
            payment: form.payment,
            ship_to: ship_to.unwrap_or_default(),
            langs: crate::catalog::locale_pair(&form.lang),
            expected_total_minor: form.expected_total_minor,
        },
        guest_limit.as_ref(),
    )
    .await?;
    let secrets = state.secrets().await?;
    let token = guest.then(|| order_token(&secrets.order_links, &placed.number));
    let pay_url = if placed.status == OrderStatus::PendingPayment {
        let return_url = super::order_href(&placed.number, token.as_deref());
        let opened = match &placed.payment_ref {
            // Just placed: open the charge for the attempt recorded with it.
            Some(reference) => {
                crate::payments::db::open_charge(
                    pool,
                    reference,
                    &placed.number,
                    placed.total_minor,
                    &placed.currency,
                    &return_url,
                    &notify_base,
                )
                .await
            }
            // Found by its key (a retry): reuse or reopen the attempt.
            None => {
                crate::payments::db::start_payment(pool, placed.id, &return_url, &notify_base).await
            }
        };
        match opened {
            Ok(url) => Some(url),
            Err(e) => {
                tracing::warn!(order = placed.number, error = ?e, "payment not started");
                None
            }
        }
    } else {
        None
    };
    Ok(Placed {
        number: placed.number,
        token,
        pay_url,
        bought: placed.bought,
    })
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

async fn find_by_key(pool: &PgPool, scoped: &str) -> Result<Option<PlacedOrder>, AppError> {
    let row: Option<(i64, String, i64, String, String, Vec<i64>)> = sqlx::query_as(
        "SELECT o.id, o.number, o.total_minor, o.currency, o.status,
                ARRAY(SELECT variant_id FROM order_items i
                       WHERE i.order_id = o.id AND variant_id IS NOT NULL ORDER BY i.id)
           FROM orders o WHERE o.idempotency_key = $1",
    )
    .bind(scoped)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(
        |(id, number, total_minor, currency, status, bought)| PlacedOrder {
            id,
            number,
            total_minor,
            currency,
            status: OrderStatus::parse(&status).unwrap_or(OrderStatus::PendingPayment),
            bought,
            payment_ref: None,
        },
    ))
}

/// Places the order, or returns the one an earlier request with the same
/// key placed. Every check that fails leaves the database as it was.
pub async fn place(pool: &PgPool, p: Placement) -> Result<PlacedOrder, AppError> {
    place_as(pool, p, None).await
}

/// A guest's network and the limits on what its guests may hold.
pub struct GuestLimit {
    /// `crate::server::ip_bucket` of the client.
    pub bucket: String,
    pub limits: crate::server::Limits,
}

const GUEST_ORDER: &str = "guest_order";

impl GuestLimit {
    /// Takes the network's lock for the rest of the transaction, then
    /// refuses the order if the network placed `guest_orders_per_hour`
    /// guest orders in the last hour, or if its unpaid guest orders (online
    /// payment not made, or cash on delivery not yet shipped) would hold
    /// more than `guest_units` units with this order's `units`. Counted in
    /// the database, so the limits hold across instances; under the lock,
    /// so a burst of parallel orders queues instead of all passing.
    async fn check(&self, conn: &mut sqlx::PgConnection, units: i64) -> Result<(), AppError> {
        use crate::server::throttle;
        throttle::lock_bucket(conn, GUEST_ORDER, &self.bucket).await?;
        let hour = std::time::Duration::from_secs(3600);
        let placed = throttle::recent(conn, GUEST_ORDER, &self.bucket, hour).await?;
        if placed >= i64::from(self.limits.guest_orders_per_hour) {
            return Err(AppError::RateLimited(ErrorKey::TooManyGuestOrders));
        }
        let held: i64 = sqlx::query_scalar(
            "SELECT COALESCE(sum(i.qty), 0)::bigint
               FROM throttle_events t
               JOIN orders o ON o.id = t.order_id
               JOIN order_items i ON i.order_id = o.id
              WHERE t.action = $1 AND t.ip = $2
                AND (o.status = 'pending_payment'
                     OR (o.status = 'awaiting_shipment' AND o.payment_status = 'cod_due'))",
        )
        .bind(GUEST_ORDER)
        .bind(&self.bucket)
        .fetch_one(&mut *conn)
        .await?;
        if held.saturating_add(units) > i64::from(self.limits.guest_units) {
            return Err(AppError::RateLimited(ErrorKey::GuestUnitsHeld));
        }
        Ok(())
    }

    /// Counts the order placed against the network (same transaction).
    async fn record(&self, conn: &mut sqlx::PgConnection, order_id: i64) -> Result<(), AppError> {
        crate::server::throttle::record(conn, GUEST_ORDER, &self.bucket, Some(order_id)).await
    }
}

/// `place`, with a guest's per-network limits checked (`guest`).
pub async fn place_as(
    pool: &PgPool,
    p: Placement,
    guest: Option<&GuestLimit>,
) -> Result<PlacedOrder, AppError> {
    let scoped = p.owner.scoped_key(&p.key);
    if let Some(done) = find_by_key(pool, &scoped).await? {
        return Ok(done);
    }
    let buyer = p.owner.buyer();
    let mut tx = pool.begin().await?;
    let Pricing {
        quote,
        priced,
        rows,
        used,
    } = price(
        &mut tx,
        &p.lines,
        p.coupon.as_deref(),
        &buyer,
        p.shipping,
        p.langs,
    )
    .await?;
    if quote.lines.is_empty() {
        return Err(AppError::Conflict(ErrorKey::CartEmpty));
    }
    if quote.lines.iter().any(|l| {
        l.notices
            .iter()
            .any(|n| !matches!(n, crate::cart::LineNotice::PriceChanged { .. }))
    }) {
        return Err(AppError::Conflict(ErrorKey::SoldOut));
    }
    if quote.coupon.is_some() && quote.coupon_problem.is_some() {
        return Err(AppError::Conflict(ErrorKey::CouponNotApplicable));
    }
    if quote.total_minor != p.expected_total_minor {
        return Err(AppError::Conflict(ErrorKey::PriceChanged));
    }
    if let Some(g) = guest {
        let units = priced.lines.iter().map(|l| l.qty).sum();
        g.check(&mut tx, units).await?;
    }

    let (status, payment_status) = match p.payment {
        PaymentMethod::Sandbox => (OrderStatus::PendingPayment, "unpaid"),
        PaymentMethod::Cod => (OrderStatus::AwaitingShipment, "cod_due"),
    };
    let (user_id, guest_email) = match &p.owner {
        Owner::User { id, .. } => (Some(*id), None),
        Owner::Guest { email } => (None, Some(email.clone())),
    };
    // First write: a concurrent request with the same key waits here for
    // this transaction and then finds the order instead of placing another.
    let inserted: Option<(i64, String)> = sqlx::query_as(
        "INSERT INTO orders (number, user_id, guest_email, idempotency_key, status, payment_method,
                             payment_status, currency, list_minor, sale_savings_minor, discount_minor,
                             shipping_minor, total_minor, shipping_method, ship_to, coupon_code, lang)
         VALUES (to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(nextval('order_number_seq')::text, 6, '0'),
                 $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id, number",
    )
    .bind(user_id)
    .bind(&guest_email)
    .bind(&scoped)
    .bind(status.as_str())
    .bind(p.payment.as_str())
    .bind(payment_status)
    .bind(&quote.currency)
    .bind(quote.list_minor)
    .bind(quote.sale_savings_minor)
    .bind(quote.discount_minor)
    .bind(quote.shipping_minor - quote.shipping_discount_minor)
    .bind(quote.total_minor)
    .bind(p.shipping.as_str())
    .bind(&p.ship_to)
    .bind(quote.coupon.as_deref().filter(|_| quote.coupon_problem.is_none()))
    .bind(p.langs.0)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((order_id, number)) = inserted else {
        tx.rollback().await?;
        return find_by_key(pool, &scoped).await?.ok_or(AppError::Internal);
    };
    if let Some(g) = guest {
        g.record(&mut tx, order_id).await?;
    }

    // Reserve stock. Rows are locked in id order so two orders for the same
    // items queue rather than deadlock; a line short of stock fails them all.
    let ids: Vec<i64> = priced.lines.iter().map(|l| l.variant_id).collect();
    let qtys: Vec<i32> = priced.lines.iter().map(|l| l.qty as i32).collect();
    let locked: Vec<(i64, i32, i64)> = sqlx::query_as(
        "SELECT id, stock, price_minor FROM product_variants
          WHERE id = ANY($1) ORDER BY id FOR UPDATE",
    )
    .bind(&ids)
    .fetch_all(&mut *tx)
    .await?;
    for l in &priced.lines {
        match locked.iter().find(|(id, _, _)| *id == l.variant_id) {
            Some((_, stock, _)) if i64::from(*stock) < l.qty => {
                return Err(AppError::Conflict(ErrorKey::SoldOut));
            }
            Some((_, _, price)) if *price != l.unit_minor => {
                return Err(AppError::Conflict(ErrorKey::PriceChanged));
            }
            Some(_) => {}
            None => return Err(AppError::Conflict(ErrorKey::SoldOut)),
        }
    }
    sqlx::query(
        "UPDATE product_variants v SET stock = v.stock - x.qty
           FROM unnest($1::bigint[], $2::int[]) AS x(id, qty) WHERE v.id = x.id",
    )
    .bind(&ids)
    .bind(&qtys)
    .execute(&mut *tx)
    .await?;

    // Limited promotions: the row lock makes the check and the count one
    // step, so a single-use coupon is used once however many orders race.
    let mut limited: Vec<&crate::promotions::engine::Rule> = used
        .iter()
        .filter(|r| r.usage_limit.is_some() || r.per_customer_limit.is_some())
        .collect();
    limited.sort_by_key(|r| r.id);
    for r in limited {
        let ok: Option<i64> = sqlx::query_scalar(
            "UPDATE promotions SET used_count = used_count + 1
              WHERE id = $1 AND active AND (usage_limit IS NULL OR used_count < usage_limit)
              RETURNING id",
        )
        .bind(r.id)
        .fetch_optional(&mut *tx)
        .await?;
        let mine: i64 = match (ok, r.per_customer_limit) {
            (None, _) => i64::MAX,
            (Some(_), None) => 0,
            (Some(_), Some(_)) => {
                sqlx::query_scalar(
                    "SELECT count(*) FROM promotion_redemptions
                      WHERE promotion_id = $1 AND released_at IS NULL
                        AND (user_id = $2 OR lower(email) = lower($3))",
                )
                .bind(r.id)
                .bind(buyer.user_id)
                .bind(buyer.email.as_deref())
                .fetch_one(&mut *tx)
                .await?
            }
        };
        if mine >= r.per_customer_limit.unwrap_or(i64::MAX) {
            return Err(if r.kind == PromotionKind::Coupon {
                AppError::Conflict(ErrorKey::CouponNotApplicable)
            } else {
                AppError::Conflict(ErrorKey::PriceChanged)
            });
        }
    }

    // What was bought, at the prices paid, plus the discount lines, the uses,
    // the first timeline entry and units sold, in one statement.
    let row_of = |id: i64| rows.iter().find(|r| r.id == id);
    let mut items = ItemColumns::default();
    for l in &priced.lines {
        let Some(r) = row_of(l.variant_id) else {
            return Err(AppError::Internal);
        };
        items.variant.push(r.id);
        items.product.push(r.product_id);
        items.sku.push(r.sku.clone());
        items.name.push(r.name.clone());
        items.options.push(r.options.clone());
        items.image.push(r.image_id);
        items.qty.push(l.qty as i32);
        items.unit.push(l.unit_minor);
        items.sale_unit.push(l.sale_unit_minor);
        items.discount.push(l.discount_minor);
        items.paid.push(l.paid_minor);
    }
    let d_ids: Vec<i64> = quote.discounts.iter().map(|d| d.promotion_id).collect();
    let d_kinds: Vec<&str> = quote.discounts.iter().map(|d| d.kind.as_str()).collect();
    let d_labels: Vec<&str> = quote.discounts.iter().map(|d| d.label.as_str()).collect();
    let d_amounts: Vec<i64> = quote.discounts.iter().map(|d| d.amount_minor).collect();
    let used_ids: Vec<i64> = used.iter().map(|r| r.id).collect();
    // An online payment's first attempt is recorded with the order; the
    // provider's charge is opened after the commit.
    let payment_ref =
        (p.payment == PaymentMethod::Sandbox).then(crate::payments::db::new_reference);
    sqlx::query(
        "WITH items AS (
             INSERT INTO order_items (order_id, variant_id, product_id, sku, name, options, image_id,
                                      qty, unit_minor, sale_unit_minor, discount_minor, paid_minor)
             SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                                      $7::bigint[], $8::int[], $9::bigint[], $10::bigint[],
                                      $11::bigint[], $12::bigint[])
             RETURNING product_id, qty),
         discounts AS (
             INSERT INTO order_discounts (order_id, promotion_id, kind, label, amount_minor)
             SELECT $1, * FROM unnest($13::bigint[], $14::text[], $15::text[], $16::bigint[])),
         uses AS (
             INSERT INTO promotion_redemptions (promotion_id, order_id, user_id, email)
             SELECT x, $1, $18, $19 FROM unnest($17::bigint[]) AS x),
         event AS (
             INSERT INTO order_events (order_id, status, actor) VALUES ($1, 'placed', 'shopper')),
         payment AS (
             INSERT INTO payments (order_id, provider, provider_ref, amount_minor, currency, status)
             SELECT $1, 'sandbox', $20, $21, $22, 'pending' WHERE $20::text IS NOT NULL)
         INSERT INTO product_sales_deltas (product_id, qty)
         SELECT product_id, sum(qty)::int FROM items GROUP BY product_id",
    )
    .bind(order_id)
    .bind(&items.variant)
    .bind(&items.product)
    .bind(&items.sku)
    .bind(&items.name)
    .bind(&items.options)
    .bind(&items.image)
    .bind(&items.qty)
    .bind(&items.unit)
    .bind(&items.sale_unit)
    .bind(&items.discount)
    .bind(&items.paid)
    .bind(&d_ids)
    .bind(&d_kinds)
    .bind(&d_labels)
    .bind(&d_amounts)
    .bind(&used_ids)
    .bind(buyer.user_id)
    .bind(buyer.email.as_deref())
    .bind(payment_ref.as_deref())
    .bind(quote.total_minor)
    .bind(&quote.currency)
    .execute(&mut *tx)
    .await?;

    if let Some(uid) = buyer
        .user_id
        .filter(|_| matches!(p.owner, Owner::User { .. }))
    {
        sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND variant_id = ANY($2)")
            .bind(uid)
            .bind(&ids)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(PlacedOrder {
        id: order_id,
        number,
        total_minor: quote.total_minor,
        currency: quote.currency,
        status,
        bought: ids,
        payment_ref,
    })
}

#[derive(Default)]
struct ItemColumns {
    variant: Vec<i64>,
    product: Vec<i64>,
    sku: Vec<String>,
    name: Vec<String>,
    options: Vec<String>,
    image: Vec<Option<i64>>,
    qty: Vec<i32>,
    unit: Vec<i64>,
    sale_unit: Vec<i64>,
    discount: Vec<i64>,
    paid: Vec<i64>,
}
