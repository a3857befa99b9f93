//! The placing transaction, step by step. Each step takes the transaction,
//! so a step that fails rolls back everything before it: the database is
//! left as it was.
use super::{GuestLimit, Owner, PlacedOrder, Placement, find_by_key};
use crate::cart::LineNotice;
use crate::cart::Quote;
use crate::cart::db::{Ask, Pricing, price};
use crate::error::{AppError, ErrorKey};
use crate::orders::OrderStatus;
use crate::payments::{PaymentMethod, PaymentStatus};
use crate::promotions::PromotionKind;
use crate::promotions::db::Buyer;
use crate::promotions::engine::{Priced, Rule};
use sqlx::{PgConnection, PgPool};

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
    let ask = Ask {
        lines: &p.lines,
        coupon: p.coupon.as_deref(),
        buyer: &buyer,
        shipping: p.shipping,
        langs: p.langs,
        now: p.now,
        use_points: p.use_points,
    };
    let pricing = price(&mut tx, &ask).await?;
    if let Err(e) = check_quote(&pricing.quote, p.expected_total_minor, p.expected_points) {
        // A double submit whose twin committed first finds the cart gone
        // and the points spent: it is the same order, not a changed quote.
        tx.rollback().await?;
        return match find_by_key(pool, &scoped).await? {
            Some(done) => Ok(done),
            None => Err(e),
        };
    }
    if let Some(g) = guest {
        let units = pricing.priced.lines.iter().map(|l| l.qty).sum();
        g.check(&mut tx, units).await?;
    }
    // First write: a concurrent request with the same key waits here for
    // this transaction and then finds the order instead of placing another.
    let Some(order) = insert_order(&mut tx, &p, &scoped, &pricing.quote).await? else {
        tx.rollback().await?;
        return find_by_key(pool, &scoped).await?.ok_or(AppError::Internal);
    };
    if let Some(g) = guest {
        g.record(&mut tx, order.id).await?;
    }
    let bought = reserve_stock(&mut tx, &pricing.priced).await?;
    take_promotion_uses(&mut tx, &pricing.used, &buyer).await?;
    take_held_coupon(&mut tx, &p.owner, &pricing.used, (order.id, p.now)).await?;
    // An online payment's first attempt is recorded with the order; the
    // provider's charge is opened after the commit.
    let payment_ref =
        (p.payment == PaymentMethod::Sandbox).then(crate::payments::db::new_reference);
    insert_lines(&mut tx, order.id, &pricing, &buyer, payment_ref.as_deref()).await?;
    // The points priced are taken now, under the shopper's row lock: of
    // orders racing for the same points, those the balance cannot pay
    // for fail (their totals were priced with points they no longer have).
    if let (Owner::User { id, .. }, Some(u)) = (&p.owner, pricing.priced.points)
        && u.spent > 0
    {
        crate::loyalty::db::spend(&mut tx, *id, order.id, u.terms.rule_id, p.now).await?;
    }
    // Scored with its lines and its buyer's history; a held order waits
    // for staff before it can ship (the shopper is not told: it would
    // teach the rules to those they catch).
    crate::risk::db::assess(&mut tx, order.id).await?;
    if let Owner::User { id, .. } = &p.owner {
        sqlx::query!(
            "DELETE FROM cart_items WHERE user_id = $1 AND variant_id = ANY($2)",
            id,
            &bought[..],
        )
        .execute(&mut *tx)
        .await?;
        // The language they buy in is the one they read their mail in.
        sqlx::query!("UPDATE users SET locale = $2 WHERE id = $1", id, p.langs.0)
            .execute(&mut *tx)
            .await?;
    }
    let placed = crate::notify::Event::OrderPlaced;
    crate::notify::db::order(&mut tx, order.id, placed, None, serde_json::json!({})).await?;
    tx.commit().await?;
    Ok(PlacedOrder {
        id: order.id,
        number: order.number,
        total_minor: pricing.quote.total_minor,
        currency: pricing.quote.currency,
        status: order.status,
        bought,
        payment_ref,
    })
}

/// Uses the copy of the order's coupon the shopper holds, if they hold one:
/// it leaves their wallet. A coupon kept to wallet holders needs one, and
/// of orders racing for the last copy only one gets it (`wallet::db::take`).
async fn take_held_coupon(
    tx: &mut PgConnection,
    owner: &Owner,
    used: &[Rule],
    (order_id, now): (i64, time::OffsetDateTime),
) -> Result<(), AppError> {
    use crate::wallet::db::{take, wallet_only};
    let coupon = used.iter().find(|r| r.kind() == PromotionKind::Coupon);
    let (Owner::User { id, .. }, Some(coupon)) = (owner, coupon) else {
        return Ok(());
    };
    if !take(tx, coupon.id, *id, order_id, now).await? && wallet_only(tx, coupon.id).await? {
        return Err(AppError::Conflict(ErrorKey::CouponNotApplicable));
    }
    Ok(())
}

/// Refuses a quote that is not what the shopper agreed to: nothing to buy,
/// a line that can't be bought as it is (only a changed price is told, and
/// then caught by the total), a coupon that does not apply, other points
/// spent (the balance moved: told as such), or another total.
fn check_quote(
    quote: &Quote,
    expected_total_minor: i64,
    expected_points: i64,
) -> Result<(), AppError> {
    if quote.lines.is_empty() {
        return Err(AppError::Conflict(ErrorKey::CartEmpty));
    }
    if quote.lines.iter().any(|l| {
        l.notices
            .iter()
            .any(|n| !matches!(n, LineNotice::PriceChanged { .. }))
    }) {
        return Err(AppError::Conflict(ErrorKey::SoldOut));
    }
    if quote.coupon.is_some() && quote.coupon_problem.is_some() {
        return Err(AppError::Conflict(ErrorKey::CouponNotApplicable));
    }
    if quote.points.as_ref().map_or(0, |p| p.spent) != expected_points {
        return Err(AppError::Conflict(ErrorKey::PointsChanged));
    }
    if quote.total_minor != expected_total_minor {
        return Err(AppError::Conflict(ErrorKey::PriceChanged));
    }
    Ok(())
}

/// The order row as inserted.
struct NewOrder {
    id: i64,
    number: String,
    status: OrderStatus,
}

/// Inserts the order row, numbered by the shop's calendar day
/// (`YYYYMMDD-000123`). `None` if an order with the key exists already.
async fn insert_order(
    tx: &mut PgConnection,
    p: &Placement,
    scoped: &str,
    quote: &Quote,
) -> Result<Option<NewOrder>, AppError> {
    let (status, payment_status) = match p.payment {
        PaymentMethod::Sandbox => (OrderStatus::PendingPayment, PaymentStatus::Unpaid),
        PaymentMethod::Cod => (OrderStatus::AwaitingShipment, PaymentStatus::CodDue),
    };
    let (spent, spent_minor) = quote
        .points
        .as_ref()
        .map_or((0, 0), |u| (u.spent, u.amount_minor));
    let (user_id, guest_email) = match &p.owner {
        Owner::User { id, .. } => (Some(*id), None),
        Owner::Guest { email } => (None, Some(email.as_str())),
    };
    Ok(sqlx::query_as!(
        NewOrder,
        r#"INSERT INTO orders (number, user_id, guest_email, idempotency_key, status,
                               payment_method, payment_status, currency, list_minor,
                               sale_savings_minor, discount_minor, shipping_minor, total_minor,
                               shipping_method, ship_to, coupon_code, lang, points_spent,
                               points_minor)
           VALUES (to_char(shop_date(now()), 'YYYYMMDD') || '-'
                       || lpad(nextval('order_number_seq')::text, 6, '0'),
                   $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                   $18)
           ON CONFLICT (idempotency_key) DO NOTHING
           RETURNING id, number, status AS "status: OrderStatus""#,
        user_id,
        guest_email,
        scoped,
        status as OrderStatus,
        p.payment as PaymentMethod,
        payment_status as PaymentStatus,
        quote.currency,
        quote.list_minor,
        quote.sale_savings_minor,
        quote.discount_minor,
        quote.shipping_minor - quote.shipping_discount_minor,
        quote.total_minor,
        p.shipping.as_str(),
        p.ship_to,
        quote
            .coupon
            .as_deref()
            .filter(|_| quote.coupon_problem.is_none()),
        p.langs.0,
        spent as i32,
        spent_minor,
    )
    .fetch_optional(&mut *tx)
    .await?)
}

/// Takes the stock of every line; returns the variants bought. Rows are
/// locked in id order so two orders for the same items queue rather than
/// deadlock; a line short of stock (or repriced since it was priced)
/// fails them all.
async fn reserve_stock(tx: &mut PgConnection, priced: &Priced) -> Result<Vec<i64>, AppError> {
    let ids: Vec<i64> = priced.lines.iter().map(|l| l.variant_id).collect();
    let qtys: Vec<i32> = priced.lines.iter().map(|l| l.qty as i32).collect();
    let locked = sqlx::query!(
        "SELECT id, stock, price_minor FROM product_variants
          WHERE id = ANY($1) ORDER BY id FOR UPDATE",
        &ids[..]
    )
    .fetch_all(&mut *tx)
    .await?;
    for l in &priced.lines {
        match locked.iter().find(|v| v.id == l.variant_id) {
            Some(v) if i64::from(v.stock) < l.qty => {
                return Err(AppError::Conflict(ErrorKey::SoldOut));
            }
            Some(v) if v.price_minor != l.unit_minor => {
                return Err(AppError::Conflict(ErrorKey::PriceChanged));
            }
            Some(_) => {}
            None => return Err(AppError::Conflict(ErrorKey::SoldOut)),
        }
    }
    sqlx::query!(
        "UPDATE product_variants v SET stock = v.stock - x.qty
           FROM unnest($1::bigint[], $2::int[]) AS x(id, qty) WHERE v.id = x.id",
        &ids[..],
        &qtys[..],
    )
    .execute(&mut *tx)
    .await?;
    Ok(ids)
}

/// Counts a use of every limited promotion the order takes. The row lock
/// makes the check and the count one step, so a single-use coupon is used
/// once however many orders race; a limit reached fails the order.
async fn take_promotion_uses(
    tx: &mut PgConnection,
    used: &[Rule],
    buyer: &Buyer,
) -> Result<(), AppError> {
    let mut limited: Vec<&Rule> = used
        .iter()
        .filter(|r| r.promotion.usage_limit.is_some() || r.promotion.per_customer_limit.is_some())
        .collect();
    limited.sort_by_key(|r| r.id);
    for r in limited {
        let ok = sqlx::query_scalar!(
            "UPDATE promotions SET used_count = used_count + 1
              WHERE id = $1 AND active AND (usage_limit IS NULL OR used_count < usage_limit)
              RETURNING id",
            r.id
        )
        .fetch_optional(&mut *tx)
        .await?;
        let mine: i64 = match (ok, r.promotion.per_customer_limit) {
            (None, _) => i64::MAX,
            (Some(_), None) => 0,
            (Some(_), Some(_)) => {
                sqlx::query_scalar!(
                    r#"SELECT count(*) AS "uses!" FROM promotion_redemptions
                        WHERE promotion_id = $1 AND released_at IS NULL
                          AND (user_id = $2 OR lower(email) = lower($3))"#,
                    r.id,
                    buyer.user_id,
                    buyer.email.as_deref(),
                )
                .fetch_one(&mut *tx)
                .await?
            }
        };
        if mine >= r.promotion.per_customer_limit.map_or(i64::MAX, i64::from) {
            return Err(if r.kind() == PromotionKind::Coupon {
                AppError::Conflict(ErrorKey::CouponNotApplicable)
            } else {
                AppError::Conflict(ErrorKey::PriceChanged)
            });
        }
    }
    Ok(())
}

/// The order's lines as column arrays, for one `unnest` insert.
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
    points: Vec<i32>,
    points_minor: Vec<i64>,
    paid: Vec<i64>,
}

impl ItemColumns {
    /// What was bought, at the prices paid (`rows` has every priced line's
    /// variant, or the pricing was broken).
    fn of(pricing: &Pricing) -> Result<Self, AppError> {
        let mut items = ItemColumns::default();
        for l in &pricing.priced.lines {
            let Some(r) = pricing.rows.iter().find(|r| r.id == l.variant_id) else {
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
            items
                .points
                .push(i32::try_from(l.points).map_err(|_| AppError::Internal)?);
            items.points_minor.push(l.points_minor);
            items.paid.push(l.paid_minor);
        }
        Ok(items)
    }
}

/// What was bought, at the prices paid, plus the discount lines, the
/// promotion uses, the first timeline entry, the payment attempt (online
/// payment only) and the units sold, in one statement.
async fn insert_lines(
    tx: &mut PgConnection,
    order_id: i64,
    pricing: &Pricing,
    buyer: &Buyer,
    payment_ref: Option<&str>,
) -> Result<(), AppError> {
    let items = ItemColumns::of(pricing)?;
    let quote = &pricing.quote;
    let d_ids: Vec<i64> = quote.discounts.iter().map(|d| d.promotion_id).collect();
    let d_kinds: Vec<PromotionKind> = quote.discounts.iter().map(|d| d.kind).collect();
    let d_labels: Vec<&str> = quote.discounts.iter().map(|d| d.label.as_str()).collect();
    let d_amounts: Vec<i64> = quote.discounts.iter().map(|d| d.amount_minor).collect();
    let used_ids: Vec<i64> = pricing.used.iter().map(|r| r.id).collect();
    sqlx::query!(
        "WITH items AS (
             INSERT INTO order_items (order_id, variant_id, product_id, sku, name, options, image_id,
                                      qty, unit_minor, sale_unit_minor, discount_minor, paid_minor,
                                      points_spent, points_minor)
             SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                                      $7::bigint[], $8::int[], $9::bigint[], $10::bigint[],
                                      $11::bigint[], $12::bigint[], $23::int[], $24::bigint[])
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
        order_id,
        &items.variant[..],
        &items.product[..],
        &items.sku[..],
        &items.name[..],
        &items.options[..],
        &items.image[..] as &[Option<i64>],
        &items.qty[..],
        &items.unit[..],
        &items.sale_unit[..],
        &items.discount[..],
        &items.paid[..],
        &d_ids[..],
        &d_kinds[..] as &[PromotionKind],
        &d_labels[..] as &[&str],
        &d_amounts[..],
        &used_ids[..],
        buyer.user_id,
        buyer.email.as_deref(),
        payment_ref,
        quote.total_minor,
        quote.currency,
        &items.points[..],
        &items.points_minor[..],
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
