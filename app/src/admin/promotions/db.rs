//! Reading promotions with their results, and saving them in the shape
//! `promotions::db::rules()` reads: a 满减 has `tiers` and no other benefit;
//! anything else exactly one of `percent_off`, `amount_off_minor` or (a
//! coupon) `free_shipping`; codes upper-case; `name` as {"zh-CN", "en"}.
use super::validate::{ValidPromotion, format_local, validate};
use super::{
    BenefitChoice, EditablePromotion, PromoStatus, PromotionForm, PromotionListItem,
    PromotionResults, TierInput, tiers_from_json,
};
use crate::admin::audit::db::{Target, label_of, name_label, record};
use crate::admin::components::minor_to_input;
use crate::error::{AppError, ErrorKey, FieldError};
use crate::promotions::PromotionKind;
use crate::server::Staff;
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    code: Option<String>,
    name_zh: String,
    name_en: String,
    percent_off: Option<i32>,
    amount_off_minor: Option<i64>,
    free_shipping: bool,
    tiers: Option<Value>,
    min_spend_minor: i64,
    product_ids: Vec<i64>,
    category_ids: Vec<i64>,
    applies_to_sale_items: bool,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    usage_limit: Option<i32>,
    per_customer_limit: Option<i32>,
    used_count: i32,
    active: bool,
    status: String,
    currency: String,
    #[sqlx(flatten)]
    results: PromotionResults,
}

/// Every column the list and the editor need, with the results. Orders
/// that used a promotion are those with an unreleased redemption and not
/// cancelled (cancelling releases, but a row released by hand counts out too).
fn select(filter: &str) -> String {
    format!(
        "WITH used AS (
             SELECT r.promotion_id, count(*) AS orders, sum(o.total_minor) AS revenue
               FROM promotion_redemptions r JOIN orders o ON o.id = r.order_id
              WHERE r.released_at IS NULL AND o.status <> 'cancelled'
              GROUP BY r.promotion_id),
         given AS (
             SELECT d.promotion_id, sum(d.amount_minor) AS amount
               FROM order_discounts d JOIN orders o ON o.id = d.order_id
              WHERE d.promotion_id IS NOT NULL AND o.status <> 'cancelled'
              GROUP BY d.promotion_id)
         SELECT p.id, p.kind, p.code,
                COALESCE(p.name->>'zh-CN', '') AS name_zh,
                COALESCE(p.name->>'en', '') AS name_en,
                p.percent_off, p.amount_off_minor, p.free_shipping, p.tiers, p.min_spend_minor,
                p.product_ids, p.category_ids, p.applies_to_sale_items,
                extract(epoch FROM p.starts_at)::bigint AS starts_at,
                extract(epoch FROM p.ends_at)::bigint AS ends_at,
                p.usage_limit, p.per_customer_limit, p.used_count, p.active,
                CASE WHEN NOT p.active THEN 'inactive'
                     WHEN p.ends_at IS NOT NULL AND p.ends_at <= now() THEN 'ended'
                     WHEN p.starts_at IS NOT NULL AND p.starts_at > now() THEN 'scheduled'
                     WHEN p.usage_limit IS NOT NULL AND p.used_count >= p.usage_limit THEN 'used_up'
                     ELSE 'running' END AS status,
                p.currency,
                COALESCE(u.orders, 0)::bigint AS orders,
                COALESCE(g.amount, 0)::bigint AS discount_minor,
                COALESCE(u.revenue, 0)::bigint AS revenue_minor
           FROM promotions p
           LEFT JOIN used u ON u.promotion_id = p.id
           LEFT JOIN given g ON g.promotion_id = p.id
          {filter}
          ORDER BY p.id DESC"
    )
}

impl Row {
    fn kind(&self) -> PromotionKind {
        // The table's CHECK allows only the four kinds.
        PromotionKind::parse(&self.kind).unwrap_or(PromotionKind::Coupon)
    }

    fn into_item(self) -> PromotionListItem {
        PromotionListItem {
            id: self.id,
            kind: self.kind(),
            code: self.code,
            name_zh: self.name_zh,
            name_en: self.name_en,
            percent_off: self.percent_off,
            amount_off_minor: self.amount_off_minor,
            free_shipping: self.free_shipping,
            tiers: tiers_from_json(self.tiers.as_ref()),
            min_spend_minor: self.min_spend_minor,
            product_ids: self.product_ids,
            category_ids: self.category_ids,
            applies_to_sale_items: self.applies_to_sale_items,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            usage_limit: self.usage_limit,
            per_customer_limit: self.per_customer_limit,
            used_count: self.used_count,
            active: self.active,
            status: PromoStatus::parse(&self.status),
            currency: self.currency,
            results: self.results,
        }
    }

    fn into_editable(self) -> EditablePromotion {
        let kind = self.kind();
        let benefit = if self.free_shipping {
            BenefitChoice::FreeShipping
        } else if self.amount_off_minor.is_some() && self.percent_off.is_none() {
            BenefitChoice::Amount
        } else {
            BenefitChoice::Percent
        };
        let tiers = tiers_from_json(self.tiers.as_ref())
            .into_iter()
            .map(|t| TierInput {
                min: minor_to_input(t.min_minor),
                off: minor_to_input(t.off_minor),
            })
            .collect();
        let ids = |list: &[i64]| {
            list.iter()
                .map(|id| id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let form = PromotionForm {
            id: Some(self.id),
            kind,
            code: self.code.unwrap_or_default(),
            name_zh: self.name_zh,
            name_en: self.name_en,
            benefit,
            percent_off: self.percent_off.map(|p| p.to_string()).unwrap_or_default(),
            amount_off: self
                .amount_off_minor
                .map(minor_to_input)
                .unwrap_or_default(),
            tiers,
            min_spend: if self.min_spend_minor > 0 {
                minor_to_input(self.min_spend_minor)
            } else {
                String::new()
            },
            product_ids: ids(&self.product_ids),
            category_ids: self.category_ids,
            applies_to_sale_items: self.applies_to_sale_items,
            starts_at: self.starts_at.map(format_local).unwrap_or_default(),
            ends_at: self.ends_at.map(format_local).unwrap_or_default(),
            usage_limit: self.usage_limit.map(|n| n.to_string()).unwrap_or_default(),
            per_customer_limit: self
                .per_customer_limit
                .map(|n| n.to_string())
                .unwrap_or_default(),
            active: self.active,
        };
        EditablePromotion {
            form,
            used_count: self.used_count,
            currency: self.currency,
        }
    }
}

pub async fn list(pool: &PgPool) -> Result<Vec<PromotionListItem>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&select("")).fetch_all(pool).await?;
    Ok(rows.into_iter().map(Row::into_item).collect())
}

pub async fn get(pool: &PgPool, id: i64) -> Result<EditablePromotion, AppError> {
    let row: Option<Row> = sqlx::query_as(&select("WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.map(Row::into_editable).ok_or(AppError::NotFound)
}

/// The whole row as JSON, for the audit log.
async fn snapshot(conn: &mut PgConnection, id: i64) -> Result<Value, AppError> {
    Ok(
        sqlx::query_scalar("SELECT to_jsonb(p) FROM promotions p WHERE p.id = $1")
            .bind(id)
            .fetch_one(conn)
            .await?,
    )
}

fn code_taken() -> AppError {
    AppError::Validation(vec![FieldError::new("code", ErrorKey::EmailTaken)])
}

/// A unique-code violation (two staff saving the same new code at once)
/// is the same field error as the check before it.
fn write_error(e: sqlx::Error) -> AppError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => code_taken(),
        _ => e.into(),
    }
}

/// Creates (`form.id` None) or updates a promotion; returns its id. Every
/// check runs before anything is written, and the change and its audit
/// entry commit together.
pub async fn save(pool: &PgPool, staff: &Staff, form: PromotionForm) -> Result<i64, AppError> {
    let v = validate(&form)?;
    let mut tx = pool.begin().await?;
    let mut errors = Vec::new();

    // The promotion being edited, locked until the commit (checkout counts
    // uses under the same lock).
    let existing: Option<(Value, String, i32, bool)> = match form.id {
        None => None,
        Some(id) => {
            let row: Option<(Value, String, i32, bool)> = sqlx::query_as(
                "SELECT to_jsonb(p), p.kind, p.used_count,
                        (p.usage_limit IS NOT NULL OR p.per_customer_limit IS NOT NULL)
                   FROM promotions p WHERE p.id = $1 FOR UPDATE",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            Some(row.ok_or(AppError::NotFound)?)
        }
    };
    if let Some((_, kind, _, _)) = &existing
        && kind.as_str() != v.kind.as_str()
    {
        errors.push(FieldError::new("kind", ErrorKey::BadRequest));
    }

    if let Some(code) = &v.code {
        let taken: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM promotions WHERE code = $1 AND id IS DISTINCT FROM $2)",
        )
        .bind(code)
        .bind(form.id)
        .fetch_one(&mut *tx)
        .await?;
        if taken {
            errors.push(FieldError::new("code", ErrorKey::EmailTaken));
        }
    }
    if !v.product_ids.is_empty() {
        let found: i64 = sqlx::query_scalar("SELECT count(*) FROM products WHERE id = ANY($1)")
            .bind(&v.product_ids)
            .fetch_one(&mut *tx)
            .await?;
        if found != v.product_ids.len() as i64 {
            errors.push(FieldError::new("product_ids", ErrorKey::NotFound));
        }
    }
    if !v.category_ids.is_empty() {
        let found: i64 = sqlx::query_scalar("SELECT count(*) FROM categories WHERE id = ANY($1)")
            .bind(&v.category_ids)
            .fetch_one(&mut *tx)
            .await?;
        if found != v.category_ids.len() as i64 {
            errors.push(FieldError::new("category_ids", ErrorKey::NotFound));
        }
    }

    // Checkout keeps `used_count` only while a promotion has a limit, so a
    // limit added now starts from the uses actually on record.
    let limited = v.usage_limit.is_some() || v.per_customer_limit.is_some();
    let used_count = match (form.id, &existing) {
        (Some(id), Some((_, _, _, was_limited))) if limited && !*was_limited => {
            let n: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM promotion_redemptions
                  WHERE promotion_id = $1 AND released_at IS NULL",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            i32::try_from(n).unwrap_or(i32::MAX)
        }
        (_, Some((_, _, used, _))) => *used,
        _ => 0,
    };
    if let Some(limit) = v.usage_limit
        && limit < used_count
    {
        errors.push(FieldError::new("usage_limit", ErrorKey::BadRequest));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }

    let id = match form.id {
        None => insert(&mut tx, &v).await?,
        Some(id) => {
            update(&mut tx, id, &v, used_count).await?;
            id
        }
    };
    let after = snapshot(&mut tx, id).await?;
    let before = existing.map(|(before, _, _, _)| before);
    let label = name_label(&v.name_zh, &v.name_en);
    record(
        &mut tx,
        staff,
        "admin/promotion/save",
        Target::new("promotion", id, &label),
        before,
        Some(after),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn name_json(v: &ValidPromotion) -> Value {
    json!({ "zh-CN": v.name_zh, "en": v.name_en })
}

fn tiers_json(v: &ValidPromotion) -> Option<Value> {
    v.tiers.as_ref().map(|t| json!(t))
}

async fn insert(conn: &mut PgConnection, v: &ValidPromotion) -> Result<i64, AppError> {
    sqlx::query_scalar(
        "INSERT INTO promotions (kind, code, name, percent_off, amount_off_minor, free_shipping,
                                 tiers, min_spend_minor, product_ids, category_ids,
                                 applies_to_sale_items, starts_at, ends_at, usage_limit,
                                 per_customer_limit, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                 to_timestamp($12::float8), to_timestamp($13::float8), $14, $15, $16)
         RETURNING id",
    )
    .bind(v.kind.as_str())
    .bind(v.code.as_deref())
    .bind(name_json(v))
    .bind(v.percent_off)
    .bind(v.amount_off_minor)
    .bind(v.free_shipping)
    .bind(tiers_json(v))
    .bind(v.min_spend_minor)
    .bind(&v.product_ids)
    .bind(&v.category_ids)
    .bind(v.applies_to_sale_items)
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(v.usage_limit)
    .bind(v.per_customer_limit)
    .bind(v.active)
    .fetch_one(conn)
    .await
    .map_err(write_error)
}

async fn update(
    conn: &mut PgConnection,
    id: i64,
    v: &ValidPromotion,
    used_count: i32,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE promotions
            SET code = $2, name = $3, percent_off = $4, amount_off_minor = $5, free_shipping = $6,
                tiers = $7, min_spend_minor = $8, product_ids = $9, category_ids = $10,
                applies_to_sale_items = $11, starts_at = to_timestamp($12::float8),
                ends_at = to_timestamp($13::float8), usage_limit = $14, per_customer_limit = $15,
                active = $16, used_count = $17
          WHERE id = $1",
    )
    .bind(id)
    .bind(v.code.as_deref())
    .bind(name_json(v))
    .bind(v.percent_off)
    .bind(v.amount_off_minor)
    .bind(v.free_shipping)
    .bind(tiers_json(v))
    .bind(v.min_spend_minor)
    .bind(&v.product_ids)
    .bind(&v.category_ids)
    .bind(v.applies_to_sale_items)
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(v.usage_limit)
    .bind(v.per_customer_limit)
    .bind(v.active)
    .bind(used_count)
    .execute(conn)
    .await
    .map_err(write_error)?;
    Ok(())
}

/// Switches a promotion on or off. A coupon that is off is unknown at
/// checkout; an automatic promotion that is off is not applied.
pub async fn set_active(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let was: Option<bool> =
        sqlx::query_scalar("SELECT active FROM promotions WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(was) = was else {
        return Err(AppError::NotFound);
    };
    sqlx::query("UPDATE promotions SET active = $2 WHERE id = $1")
        .bind(id)
        .bind(active)
        .execute(&mut *tx)
        .await?;
    let label = label_of(&mut tx, "promotion", id).await?;
    record(
        &mut tx,
        staff,
        "admin/promotion/active",
        Target::new("promotion", id, &label),
        Some(json!({ "active": was })),
        Some(json!({ "active": active })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
