//! SQL for privacy: consents, deletion requests and the erasure job, the
//! data download, and the audit entries for staff views and exports.
use super::{
    ConsentRecord, ConsentState, DeletionState, ERASE_ACTION, EXPORT_ACTION, Purpose, Section,
    erased_email, erased_name,
};
use crate::accounts::SessionUser;
use crate::admin::audit::db::{Target, record};
use crate::error::AppError;
use crate::server::Staff;
use serde::Serialize;
use serde_json::{Value, json};
use sqlx::{Connection, PgConnection, PgPool};
use std::time::Duration;
use time::OffsetDateTime;

/// A time as the shop's pages show it (Asia/Shanghai, like everywhere else).
const SHOP_MINUTE: &str = "'YYYY-MM-DD HH24:MI'";

// ---------------------------------------------------------------- consents

/// The current answer for every purpose (the newest record; "not given"
/// when there is none).
pub async fn consents(pool: &PgPool, user_id: i64) -> Result<Vec<ConsentState>, AppError> {
    let rows: Vec<(String, bool, String, String)> = sqlx::query_as(&format!(
        "SELECT DISTINCT ON (purpose) purpose, granted, policy_version,
                to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', {SHOP_MINUTE})
           FROM consents WHERE user_id = $1
          ORDER BY purpose, id DESC"
    ))
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(Purpose::ALL
        .into_iter()
        .map(|p| match rows.iter().find(|r| r.0 == p.as_str()) {
            Some((_, granted, version, at)) => ConsentState {
                purpose: p,
                granted: *granted,
                at: Some(at.clone()),
                policy_version: Some(version.clone()),
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
    let rows: Vec<(String, bool, String, String)> = sqlx::query_as(&format!(
        "SELECT purpose, granted, policy_version,
                to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', {SHOP_MINUTE})
           FROM consents WHERE user_id = $1
          ORDER BY id DESC LIMIT $2"
    ))
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(purpose, granted, policy_version, at)| {
            Some(ConsentRecord {
                purpose: Purpose::parse(&purpose)?,
                granted,
                policy_version,
                at,
            })
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
    sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let current: Option<(bool, String)> = sqlx::query_as(
        "SELECT granted, policy_version FROM consents
          WHERE user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    if current.is_some_and(|(g, v)| g == granted && v == super::POLICY_VERSION) {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO consents (user_id, purpose, policy_version, granted) VALUES ($1, $2, $3, $4)",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(super::POLICY_VERSION)
    .bind(granted)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

// ------------------------------------------------------- deletion requests

/// The account's open deletion request, if any.
pub async fn open_deletion(pool: &PgPool, user_id: i64) -> Result<Option<DeletionState>, AppError> {
    let row: Option<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', {SHOP_MINUTE}),
                privacy_time(due_at),
                to_char(requested_at AT TIME ZONE 'Asia/Shanghai', {SHOP_MINUTE})
           FROM account_deletions
          WHERE user_id = $1 AND cancelled_at IS NULL AND completed_at IS NULL"
    ))
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(due, due_iso, requested)| DeletionState {
        due,
        due_iso,
        requested,
    }))
}

/// Opens a deletion request due `cooling_off` from now and ends every
/// session of the account (the caller signs its own session in again).
/// Asking again while a request is open keeps the first date.
pub async fn request_deletion(
    pool: &PgPool,
    user_id: i64,
    cooling_off: Duration,
) -> Result<DeletionState, AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO account_deletions (user_id, due_at)
         VALUES ($1, now() + make_interval(secs => $2))
         ON CONFLICT (user_id) WHERE cancelled_at IS NULL AND completed_at IS NULL DO NOTHING",
    )
    .bind(user_id)
    .bind(cooling_off.as_secs_f64())
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
    let done = sqlx::query(
        "UPDATE account_deletions SET cancelled_at = now()
          WHERE user_id = $1 AND cancelled_at IS NULL AND completed_at IS NULL",
    )
    .bind(user_id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

// ------------------------------------------------------------------ erasure

/// What became of one due request.
enum Outcome {
    Erased,
    /// Already erased (a second request, or a run that repeated): nothing
    /// left to do.
    AlreadyErased,
    /// Staff accounts are not erased this way (their name is what the audit
    /// log holds staff accountable by); the request is closed unfulfilled.
    Refused,
}

/// Anonymises every account whose deletion request is due at `now` (the
/// caller's clock, so tests and the command line can move it forward).
/// Each account is one transaction, claimed with FOR UPDATE SKIP LOCKED,
/// so any number of runners can work at once and each request is carried
/// out exactly once; running again finds nothing left to do. Returns how
/// many accounts were anonymised.
pub async fn run_due_deletions(pool: &PgPool, now: OffsetDateTime) -> Result<usize, AppError> {
    let mut erased = 0;
    loop {
        let mut tx = pool.begin().await?;
        let due: Option<(i64, i64)> = sqlx::query_as(
            "SELECT id, user_id FROM account_deletions
              WHERE cancelled_at IS NULL AND completed_at IS NULL AND due_at <= $1
              ORDER BY due_at, id LIMIT 1
              FOR UPDATE SKIP LOCKED",
        )
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((request, user_id)) = due else {
            break;
        };
        let outcome = erase(&mut tx, user_id).await?;
        let column = match outcome {
            Outcome::Refused => "cancelled_at",
            Outcome::Erased | Outcome::AlreadyErased => "completed_at",
        };
        // `column` is one of two constants above, never input.
        sqlx::query(&format!(
            "UPDATE account_deletions SET {column} = now() WHERE id = $1"
        ))
        .bind(request)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        match outcome {
            Outcome::Erased => {
                erased += 1;
                tracing::info!(user = user_id, "account anonymised");
            }
            Outcome::AlreadyErased => {}
            Outcome::Refused => {
                tracing::warn!(user = user_id, "deletion request of a staff account closed")
            }
        }
    }
    Ok(erased)
}

/// Replaces the account's identity everywhere, inside the caller's
/// transaction. Orders keep their amounts, lines and statuses (the books
/// need them); who placed them, and where they went, is gone.
async fn erase(tx: &mut PgConnection, user_id: i64) -> Result<Outcome, AppError> {
    let user: Option<(String, String, Option<String>, String, bool)> = sqlx::query_as(
        "SELECT email, display_name, phone, role, erased_at IS NOT NULL FROM users
          WHERE id = $1 FOR UPDATE",
    )
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((email, name, phone, role, already)) = user else {
        return Ok(Outcome::AlreadyErased);
    };
    if already {
        return Ok(Outcome::AlreadyErased);
    }
    if role != crate::accounts::Role::Shopper.as_str() {
        return Ok(Outcome::Refused);
    }
    let needles = identity_texts(tx, user_id, &email, &name, phone.as_deref()).await?;
    scrub_audit_log(tx, user_id, &email, &needles).await?;
    scrub_orders(tx, user_id, &needles).await?;
    erase_reviews(tx, user_id).await?;
    for sql in [
        "DELETE FROM addresses WHERE user_id = $1",
        "DELETE FROM cart_items WHERE user_id = $1",
        "DELETE FROM favourites WHERE user_id = $1",
        "DELETE FROM recently_viewed WHERE user_id = $1",
        "DELETE FROM review_votes WHERE user_id = $1",
    ] {
        sqlx::query(sql).bind(user_id).execute(&mut *tx).await?;
    }
    // Sign-in attempts are kept by e-mail (and IP), not by account.
    sqlx::query("DELETE FROM login_attempts WHERE lower(email) = lower($1)")
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    crate::server::end_sessions_of(tx, user_id).await?;
    // The search log (search_queries) keeps no link to who searched, so
    // there is nothing of this account's in it.
    sqlx::query(
        "UPDATE users
            SET email = $2, display_name = $3, phone = NULL,
                -- Not a PHC string: no password can ever match it.
                password_hash = '!erased',
                disabled_at = COALESCE(disabled_at, now()),
                erased_at = now(), updated_at = now()
          WHERE id = $1",
    )
    .bind(user_id)
    .bind(erased_email(user_id))
    .bind(erased_name(user_id))
    .execute(&mut *tx)
    .await?;
    // The record that the erasure happened (by the job, not a person); it
    // names the account only by its placeholder.
    sqlx::query(
        "INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, label)
         VALUES (NULL, 'system', $1, 'customer', $2, $3)",
    )
    .bind(ERASE_ACTION)
    .bind(user_id.to_string())
    .bind(erased_email(user_id))
    .execute(&mut *tx)
    .await?;
    Ok(Outcome::Erased)
}

/// Every text that names or reaches the person: their e-mail, name and
/// phone, and the recipients, phones and street addresses in their address
/// book and on their orders. Longest first, so a longer text is replaced
/// before a shorter one inside it.
async fn identity_texts(
    tx: &mut PgConnection,
    user_id: i64,
    email: &str,
    name: &str,
    phone: Option<&str>,
) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT n FROM (
             SELECT $2::text AS n
             UNION ALL SELECT $3::text
             UNION ALL SELECT $4::text
             UNION ALL SELECT unnest(ARRAY[a.recipient, a.phone, a.line1])
               FROM addresses a WHERE a.user_id = $1
             UNION ALL SELECT unnest(ARRAY[o.ship_to->>'recipient', o.ship_to->>'phone', o.ship_to->>'line1'])
               FROM orders o WHERE o.user_id = $1
         ) s
          WHERE n IS NOT NULL AND length(btrim(n)) >= 2
          GROUP BY n ORDER BY length(n) DESC, n",
    )
    .bind(user_id)
    .bind(email)
    .bind(name)
    .bind(phone)
    .fetch_all(&mut *tx)
    .await?)
}

/// The audit log keeps what staff did and when; the customer's identity
/// inside its entries is replaced: entries about the account, its orders
/// and reviews, entries where the shopper was the actor (their downloads),
/// and any other entry that mentions their e-mail. The log's trigger allows
/// this rewrite only under `agora.erasure`, set for this transaction alone.
async fn scrub_audit_log(
    tx: &mut PgConnection,
    user_id: i64,
    email: &str,
    needles: &[String],
) -> Result<(), AppError> {
    sqlx::query("SELECT set_config('agora.erasure', 'on', true)")
        .execute(&mut *tx)
        .await?;
    // The same expression as admin::audit::db's search (and its trigram
    // index), so the e-mail is found the way a search would find it.
    const SEARCH_TEXT: &str = r"(a.actor_email || E'\n' || a.action || E'\n' || a.entity || E'\n' || COALESCE(a.entity_id, '') || E'\n' || a.label || E'\n' || COALESCE(a.before::text, '') || E'\n' || COALESCE(a.after::text, ''))";
    sqlx::query(&format!(
        "UPDATE audit_log a
            SET label = CASE WHEN a.entity IN ('customer', 'user') AND a.entity_id = $1::text
                             THEN $3 ELSE privacy_scrub(a.label, $2) END,
                before = privacy_scrub_jsonb(a.before, $2),
                after = privacy_scrub_jsonb(a.after, $2),
                actor_email = CASE WHEN a.actor_id = $1 THEN $3 ELSE a.actor_email END,
                ip = CASE WHEN a.actor_id = $1 THEN NULL ELSE a.ip END
          WHERE (a.entity IN ('customer', 'user') AND a.entity_id = $1::text)
             OR (a.entity = 'order' AND a.entity_id IN (SELECT o.id::text FROM orders o WHERE o.user_id = $1))
             OR (a.entity = 'review' AND a.entity_id IN (SELECT r.id::text FROM reviews r WHERE r.user_id = $1))
             OR a.actor_id = $1
             OR {SEARCH_TEXT} ILIKE $4"
    ))
    .bind(user_id)
    .bind(needles)
    .bind(erased_email(user_id))
    .bind(crate::admin::like_pattern(email))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Orders stay with every amount; the delivery address keeps only its
/// region (where goods went matters to the accounts, a street and a name do
/// not), and what staff wrote about the order loses the customer's name,
/// phone and address.
async fn scrub_orders(
    tx: &mut PgConnection,
    user_id: i64,
    needles: &[String],
) -> Result<(), AppError> {
    const MINE: &str = "order_id IN (SELECT id FROM orders WHERE user_id = $1)";
    sqlx::query(
        "UPDATE orders
            SET ship_to = jsonb_build_object('recipient', '', 'phone', '', 'line1', '',
                                             'region', COALESCE(ship_to->>'region', ''),
                                             'postal_code', NULL),
                guest_email = NULL,
                cancel_reason = privacy_scrub(cancel_reason, $2)
          WHERE user_id = $1",
    )
    .bind(user_id)
    .bind(needles)
    .execute(&mut *tx)
    .await?;
    // Texts are cut back to their columns' limits: "***" is longer than a
    // two-character name.
    for sql in [
        format!("UPDATE order_notes SET body = left(privacy_scrub(body, $2), 1000) WHERE {MINE}"),
        format!(
            "UPDATE tracking_events SET location = privacy_scrub(location, $2),
                    description = privacy_scrub(description, $2) WHERE {MINE}"
        ),
        format!("UPDATE refunds SET reason = left(privacy_scrub(reason, $2), 200) WHERE {MINE}"),
        "UPDATE points_ledger SET reason = left(privacy_scrub(reason, $2), 200) WHERE user_id = $1"
            .to_string(),
    ] {
        sqlx::query(&sql)
            .bind(user_id)
            .bind(needles)
            .execute(&mut *tx)
            .await?;
    }
    // Coupon uses stay counted (by account); the e-mail beside them goes.
    sqlx::query(&format!(
        "UPDATE promotion_redemptions SET email = NULL WHERE {MINE} OR user_id = $1"
    ))
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Reviews keep their stars (the product's rating stays honest for other
/// shoppers, and a star count names no one) but lose their text and the
/// shop's reply to it (free text can say who wrote it), and their photos
/// (a picture can show a face or a home). Pages show the author as a
/// deleted user.
async fn erase_reviews(tx: &mut PgConnection, user_id: i64) -> Result<(), AppError> {
    let photos: Vec<i64> = sqlx::query_scalar(
        "DELETE FROM review_photos
          WHERE review_id IN (SELECT id FROM reviews WHERE user_id = $1)
          RETURNING image_id",
    )
    .bind(user_id)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query("UPDATE reviews SET body = '', reply = NULL, replied_at = NULL WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    if photos.is_empty() {
        return Ok(());
    }
    // The pictures themselves, unless something else shows the same bytes
    // (images are stored once per content hash). In a savepoint: a table
    // added later that points at images must not make the erasure fail,
    // only leave those pictures for a person to look at.
    let mut sp = tx.begin().await?;
    let deleted = sqlx::query(
        "DELETE FROM images i
          WHERE i.id = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM review_photos p WHERE p.image_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM product_images p WHERE p.image_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM products p WHERE p.image_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM order_items o WHERE o.image_id = i.id)",
    )
    .bind(&photos)
    .execute(&mut *sp)
    .await;
    match deleted {
        Ok(_) => sp.commit().await?,
        Err(e) => {
            tracing::warn!(user = user_id, error = %e, "review photos unlinked but not deleted");
            sp.rollback().await?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------ the download

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
        m.serialize_entry("format", super::EXPORT_FORMAT)?;
        m.serialize_entry("generated_at", &self.generated_at)?;
        m.serialize_entry("policy_version", super::POLICY_VERSION)?;
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
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;
    let generated_at: String = sqlx::query_scalar("SELECT privacy_time(now())")
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
    let sql = match s {
        Section::Account => ACCOUNT,
        Section::Addresses => ADDRESSES,
        Section::Orders => ORDERS,
        Section::Reviews => return reviews(conn, user_id, public_url).await,
        Section::Consents => CONSENTS,
        Section::Favourites => FAVOURITES,
        Section::RecentlyViewed => RECENTLY_VIEWED,
        Section::Cart => CART,
        Section::Points => POINTS,
        // Customer-service tickets come with a later feature, which adds
        // its query here; until then the section is present and empty.
        Section::Tickets => return Ok(Value::Array(Vec::new())),
        Section::DeletionRequests => DELETION_REQUESTS,
    };
    Ok(sqlx::query_scalar::<_, Value>(sql)
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?)
}

const ACCOUNT: &str = "
    SELECT COALESCE((SELECT jsonb_build_object(
               'id', u.id, 'email', u.email, 'display_name', u.display_name, 'phone', u.phone,
               'role', u.role, 'level', u.level,
               'created_at', privacy_time(u.created_at), 'updated_at', privacy_time(u.updated_at))
             FROM users u WHERE u.id = $1), '{}'::jsonb)";

const ADDRESSES: &str = "
    SELECT COALESCE(jsonb_agg(jsonb_build_object(
               'recipient', a.recipient, 'phone', a.phone, 'region', a.region, 'line1', a.line1,
               'postal_code', a.postal_code, 'is_default', a.is_default,
               'created_at', privacy_time(a.created_at)) ORDER BY a.id), '[]'::jsonb)
      FROM addresses a WHERE a.user_id = $1";

/// Orders with their lines, discounts, refunds and timeline. Money is in
/// minor units (fen for CNY) with the currency beside it, as stored.
const ORDERS: &str = "
    SELECT COALESCE(jsonb_agg(jsonb_build_object(
               'number', o.number, 'status', o.status,
               'payment_method', o.payment_method, 'payment_status', o.payment_status,
               'currency', o.currency, 'list_minor', o.list_minor,
               'sale_savings_minor', o.sale_savings_minor, 'discount_minor', o.discount_minor,
               'shipping_minor', o.shipping_minor, 'total_minor', o.total_minor,
               'shipping_method', o.shipping_method, 'coupon_code', o.coupon_code,
               'ship_to', o.ship_to, 'carrier', o.carrier, 'tracking_number', o.tracking_number,
               'cancel_reason', o.cancel_reason,
               'placed_at', privacy_time(o.created_at), 'paid_at', privacy_time(o.paid_at),
               'shipped_at', privacy_time(o.shipped_at), 'delivered_at', privacy_time(o.delivered_at),
               'completed_at', privacy_time(o.completed_at), 'cancelled_at', privacy_time(o.cancelled_at),
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
                                  'at', privacy_time(r.created_at)) ORDER BY r.id), '[]'::jsonb)
                             FROM refunds r WHERE r.order_id = o.id),
               'events', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                 'status', e.status, 'at', privacy_time(e.created_at)) ORDER BY e.id), '[]'::jsonb)
                            FROM order_events e WHERE e.order_id = o.id))
           ORDER BY o.created_at, o.id), '[]'::jsonb)
      FROM orders o WHERE o.user_id = $1";

const CONSENTS: &str = "
    SELECT COALESCE(jsonb_agg(jsonb_build_object(
               'purpose', c.purpose, 'granted', c.granted, 'policy_version', c.policy_version,
               'at', privacy_time(c.recorded_at)) ORDER BY c.id), '[]'::jsonb)
      FROM consents c WHERE c.user_id = $1";

const FAVOURITES: &str = "
    SELECT COALESCE(jsonb_agg(jsonb_build_object(
               'product', COALESCE(audit_label('product', f.product_id), ''), 'slug', p.slug,
               'added_at', privacy_time(f.created_at)) ORDER BY f.created_at, f.product_id), '[]'::jsonb)
      FROM favourites f JOIN products p ON p.id = f.product_id WHERE f.user_id = $1";

const RECENTLY_VIEWED: &str = "
    SELECT COALESCE(jsonb_agg(jsonb_build_object(
               'product', COALESCE(audit_label('product', r.product_id), ''), 'slug', p.slug,
               'viewed_at', privacy_time(r.viewed_at)) ORDER BY r.viewed_at DESC, r.product_id), '[]'::jsonb)
      FROM recently_viewed r JOIN products p ON p.id = r.product_id WHERE r.user_id = $1";

const CART: &str = "
    SELECT COALESCE(jsonb_agg(jsonb_build_object(
               'sku', v.sku, 'product', COALESCE(audit_label('product', v.product_id), ''),
               'qty', c.qty, 'seen_price_minor', c.seen_price_minor, 'currency', v.currency,
               'added_at', privacy_time(c.added_at)) ORDER BY c.added_at, v.id), '[]'::jsonb)
      FROM cart_items c JOIN product_variants v ON v.id = c.variant_id WHERE c.user_id = $1";

/// The balance and every change to it, with its reason (who on the staff
/// made a change is the staff member's data, not the shopper's).
const POINTS: &str = "
    SELECT jsonb_build_object(
               'balance', (SELECT u.points FROM users u WHERE u.id = $1),
               'ledger', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                 'delta', l.delta, 'reason', l.reason, 'balance_after', l.balance_after,
                                 'at', privacy_time(l.created_at)) ORDER BY l.id), '[]'::jsonb)
                            FROM points_ledger l WHERE l.user_id = $1))";

const DELETION_REQUESTS: &str = "
    SELECT COALESCE(jsonb_agg(jsonb_build_object(
               'requested_at', privacy_time(d.requested_at), 'due_at', privacy_time(d.due_at),
               'cancelled_at', privacy_time(d.cancelled_at), 'completed_at', privacy_time(d.completed_at))
           ORDER BY d.id), '[]'::jsonb)
      FROM account_deletions d WHERE d.user_id = $1";

/// Reviews with the product's name, the order they belong to, and links
/// to their photos (absolute, so they work from a saved file).
async fn reviews(
    conn: &mut PgConnection,
    user_id: i64,
    public_url: &str,
) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar::<_, Value>(
        "SELECT COALESCE(jsonb_agg(jsonb_build_object(
                   'product', COALESCE(audit_label('product', r.product_id), ''),
                   'order_number', (SELECT o.number FROM order_items i JOIN orders o ON o.id = i.order_id
                                     WHERE i.id = r.order_item_id),
                   'rating', r.rating, 'body', r.body, 'status', r.status, 'verified', r.verified,
                   'helpful_count', r.helpful_count, 'reply', r.reply,
                   'photos', ARRAY(SELECT $2::text || '/media/' || img.sha256 || '-large.jpg'
                                     FROM review_photos ph JOIN images img ON img.id = ph.image_id
                                    WHERE ph.review_id = r.id ORDER BY ph.position),
                   'written_at', privacy_time(r.created_at)) ORDER BY r.id), '[]'::jsonb)
           FROM reviews r WHERE r.user_id = $1",
    )
    .bind(user_id)
    .bind(public_url.trim_end_matches('/'))
    .fetch_one(&mut *conn)
    .await?)
}

// ----------------------------------------------------------- audit entries

/// Records that the shopper downloaded their data (`format` "json" or
/// "csv"). The shopper is the actor; the erasure later blanks them out of
/// it like everything else.
pub async fn record_export(
    pool: &PgPool,
    user: &SessionUser,
    ip: Option<String>,
    format: &str,
    only: Option<Section>,
) -> Result<(), AppError> {
    let actor = Staff {
        user: user.clone(),
        ip,
    };
    let mut conn = pool.acquire().await?;
    let after = json!({ "format": format, "section": only.map(Section::as_str) });
    record(
        &mut conn,
        &actor,
        EXPORT_ACTION,
        Target::new("customer", user.id, &user.email),
        None,
        Some(after),
    )
    .await
}

/// A staff member's repeated opening of the same record within this many
/// minutes is one entry: pages reload their data after every change made
/// on them, and one entry per visit is what a reader of the log needs.
pub const VIEW_WINDOW_MINUTES: i32 = 10;

/// Records that `staff` was shown a person's data through `action` (the
/// endpoint, e.g. "admin/customer"). The entry is about the person: the
/// customer account (`kind` "customer") or, for a guest's order, the order;
/// `label` is their e-mail, so searching the log for someone finds who
/// looked at their data.
pub async fn record_view(
    pool: &PgPool,
    staff: &Staff,
    action: &str,
    kind: &str,
    id: i64,
    label: &str,
) -> Result<(), AppError> {
    let mut conn = pool.acquire().await?;
    let recent: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM audit_log
                         WHERE actor_id = $1 AND action = $2 AND entity = $3 AND entity_id = $4
                           AND created_at > now() - make_interval(mins => $5))",
    )
    .bind(staff.user.id)
    .bind(action)
    .bind(kind)
    .bind(id.to_string())
    .bind(VIEW_WINDOW_MINUTES)
    .fetch_one(&mut *conn)
    .await?;
    if recent {
        return Ok(());
    }
    record(
        &mut conn,
        staff,
        action,
        Target::new(kind, id, label),
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
    let action = "admin/order";
    match customer_id {
        Some(id) => record_view(pool, staff, action, "customer", id, email).await,
        None => {
            let id: i64 = sqlx::query_scalar("SELECT id FROM orders WHERE number = $1")
                .bind(number)
                .fetch_optional(pool)
                .await?
                .ok_or(AppError::NotFound)?;
            record_view(pool, staff, action, "order", id, email).await
        }
    }
}
