//! Placing an order: one transaction that re-prices the cart, reserves the
//! stock (locked in id order, never below zero), takes limited promotion
//! uses under their row locks, and records what was paid (`place`). The
//! form's checks and starting the payment are around it, here.
mod guest;
mod place;

pub use guest::GuestLimit;
pub use place::place_as;

use super::{OrderForm, Placed, valid_key};
use crate::accounts::{SessionUser, validate_address};
use crate::cart::LineIn;
use crate::cart::ShippingMethod;
use crate::cart::db::Langs;
use crate::error::{AppError, Checks, ErrorKey};
use crate::orders::OrderStatus;
use crate::orders::db::order_token;
use crate::payments::PaymentMethod;
use crate::promotions::db::Buyer;
use crate::server::AppState;
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;

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
    /// Spend the shopper's points as priced (signed-in shoppers only), and
    /// how many the shopper saw spent.
    pub use_points: bool,
    pub expected_points: i64,
    /// When it is placed (the shop's clock): decides the promotions.
    pub now: OffsetDateTime,
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
    let ship_to = ship_to(pool, user.as_ref(), &form, &mut checks).await?;
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
            langs: crate::locale::locale_pair(&form.lang),
            expected_total_minor: form.expected_total_minor,
            use_points: form.use_points && !guest,
            expected_points: form.expected_points,
            now: crate::server::now()?,
        },
        guest_limit.as_ref(),
    )
    .await?;
    let secrets = state.secrets().await?;
    let token = guest.then(|| order_token(&secrets.order_links, &placed.number));
    let pay_url = if placed.status == OrderStatus::PendingPayment {
        open_payment(pool, &placed, token.as_deref(), &notify_base).await
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

/// Where the order goes, as the order keeps it: an address from the
/// signed-in shopper's book, or the one typed in the form (checked; what
/// is wrong with it goes into `checks`, and `None` comes back).
async fn ship_to(
    pool: &PgPool,
    user: Option<&SessionUser>,
    form: &OrderForm,
    checks: &mut Checks,
) -> Result<Option<serde_json::Value>, AppError> {
    Ok(match (user, form.address_id, &form.address) {
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
    })
}

/// Starts paying an order that awaits payment; returns the provider's
/// page. A failure is logged and leaves the order to be paid from its own
/// page, so the order placed is never lost to it.
async fn open_payment(
    pool: &PgPool,
    placed: &PlacedOrder,
    token: Option<&str>,
    notify_base: &str,
) -> Option<String> {
    let return_url = crate::orders::order_href(&placed.number, token);
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
                notify_base,
            )
            .await
        }
        // Found by its key (a retry): reuse or reopen the attempt.
        None => crate::payments::db::start_payment(pool, placed.id, &return_url, notify_base).await,
    };
    match opened {
        Ok(url) => Some(url),
        Err(e) => {
            tracing::warn!(order = placed.number, error = ?e, "payment not started");
            None
        }
    }
}

/// An order already placed under a key, as `find_by_key` reads it.
struct FoundRow {
    id: i64,
    number: String,
    total_minor: i64,
    currency: String,
    status: OrderStatus,
    bought: Vec<i64>,
}

async fn find_by_key(pool: &PgPool, scoped: &str) -> Result<Option<PlacedOrder>, AppError> {
    let row = sqlx::query_as!(
        FoundRow,
        r#"SELECT o.id, o.number, o.total_minor, o.currency, o.status AS "status: OrderStatus",
                  ARRAY(SELECT variant_id FROM order_items i
                         WHERE i.order_id = o.id AND variant_id IS NOT NULL ORDER BY i.id)
                    AS "bought!"
             FROM orders o WHERE o.idempotency_key = $1"#,
        scoped
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| PlacedOrder {
        id: r.id,
        number: r.number,
        total_minor: r.total_minor,
        currency: r.currency,
        status: r.status,
        bought: r.bought,
        payment_ref: None,
    }))
}

/// Places the order, or returns the one an earlier request with the same
/// key placed. Every check that fails leaves the database as it was.
pub async fn place(pool: &PgPool, p: Placement) -> Result<PlacedOrder, AppError> {
    place_as(pool, p, None).await
}
