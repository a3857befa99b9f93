//! The erasure job: accounts whose deletion request is due are anonymised
//! everywhere, while their orders stay for the accounts.
use crate::accounts::Role;
use crate::audit::{Actor, AuditAction, Target, record};
use crate::error::AppError;
use crate::privacy::{erased_email, erased_name};
use sqlx::{Connection, PgConnection, PgPool};
use time::OffsetDateTime;

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
        let due = sqlx::query!(
            "SELECT id, user_id FROM account_deletions
              WHERE cancelled_at IS NULL AND completed_at IS NULL AND due_at <= $1
              ORDER BY due_at, id LIMIT 1
              FOR UPDATE SKIP LOCKED",
            now,
        )
        .fetch_optional(&mut *tx)
        .await?;
        let Some(due) = due else {
            break;
        };
        let (request, user_id) = (due.id, due.user_id);
        let outcome = erase(&mut tx, user_id).await?;
        match outcome {
            Outcome::Refused => {
                sqlx::query!(
                    "UPDATE account_deletions SET cancelled_at = now() WHERE id = $1",
                    request,
                )
                .execute(&mut *tx)
                .await?
            }
            Outcome::Erased | Outcome::AlreadyErased => {
                sqlx::query!(
                    "UPDATE account_deletions SET completed_at = now() WHERE id = $1",
                    request,
                )
                .execute(&mut *tx)
                .await?
            }
        };
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

/// The identity of the account being erased, locked.
struct Identity {
    email: String,
    display_name: String,
    phone: Option<String>,
    role: Role,
    already: bool,
}

/// Replaces the account's identity everywhere, inside the caller's
/// transaction. Orders keep their amounts, lines and statuses (the books
/// need them); who placed them, and where they went, is gone.
async fn erase(tx: &mut PgConnection, user_id: i64) -> Result<Outcome, AppError> {
    let user = sqlx::query_as!(
        Identity,
        r#"SELECT email, display_name, phone, role AS "role: Role",
                  erased_at IS NOT NULL AS "already!"
             FROM users WHERE id = $1 FOR UPDATE"#,
        user_id,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user) = user else {
        return Ok(Outcome::AlreadyErased);
    };
    if user.already {
        return Ok(Outcome::AlreadyErased);
    }
    if user.role != Role::Shopper {
        return Ok(Outcome::Refused);
    }
    let email = user.email;
    let needles = identity_texts(
        tx,
        user_id,
        &email,
        &user.display_name,
        user.phone.as_deref(),
    )
    .await?;
    scrub_audit_log(tx, user_id, &email, &needles).await?;
    scrub_orders(tx, user_id, &needles).await?;
    erase_reviews(tx, user_id).await?;
    delete_belongings(tx, user_id, &email).await?;
    crate::server::end_sessions_of(tx, user_id).await?;
    // The search log (search_queries) keeps no link to who searched, so
    // there is nothing of this account's in it.
    sqlx::query!(
        "UPDATE users
            SET email = $2, display_name = $3, phone = NULL, email_confirmed_at = NULL,
                birth_month = NULL, birth_day = NULL,
                -- Not a PHC string: no password can ever match it.
                password_hash = '!erased',
                disabled_at = COALESCE(disabled_at, now()),
                erased_at = now(), updated_at = now()
          WHERE id = $1",
        user_id,
        erased_email(user_id),
        erased_name(user_id),
    )
    .execute(&mut *tx)
    .await?;
    // The record that the erasure happened, by the job rather than a
    // person; it names the account only by its placeholder.
    let target = Target::new("customer", user_id, erased_email(user_id));
    record(
        &mut *tx,
        Actor::SYSTEM,
        AuditAction::PrivacyErase,
        &target,
        None,
        None,
    )
    .await?;
    Ok(Outcome::Erased)
}

/// What the account owns and nobody else needs: its address book, cart,
/// favourites, history, votes, display settings and sign-in attempts.
async fn delete_belongings(
    tx: &mut PgConnection,
    user_id: i64,
    email: &str,
) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM addresses WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM cart_items WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM favourites WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM recently_viewed WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM review_votes WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "DELETE FROM user_display_settings WHERE user_id = $1",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    // Their messages: the inbox, and what was (or was to be) sent to
    // their address.
    sqlx::query!("DELETE FROM inbox_messages WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM outbox WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    // The links e-mailed to their address (which they name).
    sqlx::query!("DELETE FROM account_links WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM notification_prefs WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    // Tickets are the shopper's own words (and their thread's replies):
    // they go, messages and photos with them.
    let photos = sqlx::query_scalar!(
        "DELETE FROM ticket_photos
          WHERE message_id IN (SELECT m.id FROM ticket_messages m
                                 JOIN tickets t ON t.id = m.ticket_id
                                WHERE t.user_id = $1)
          RETURNING image_id",
        user_id,
    )
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM tickets WHERE user_id = $1", user_id)
        .execute(&mut *tx)
        .await?;
    delete_pictures(tx, &photos, user_id).await?;
    // Sign-in attempts are kept by e-mail (and IP), not by account.
    sqlx::query!(
        "DELETE FROM login_attempts WHERE lower(email) = lower($1)",
        email
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
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
    Ok(sqlx::query_scalar!(
        r#"SELECT n AS "n!" FROM (
               SELECT $2::text AS n
               UNION ALL SELECT $3::text
               UNION ALL SELECT $4::text
               UNION ALL SELECT unnest(ARRAY[a.recipient, a.phone, a.line1])
                 FROM addresses a WHERE a.user_id = $1::bigint
               UNION ALL SELECT unnest(ARRAY[o.ship_to->>'recipient', o.ship_to->>'phone', o.ship_to->>'line1'])
                 FROM orders o WHERE o.user_id = $1::bigint
           ) s
            WHERE n IS NOT NULL AND length(btrim(n)) >= 2
            GROUP BY n ORDER BY length(n) DESC, n"#,
        user_id,
        email,
        name,
        phone,
    )
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
    sqlx::query!("SELECT FROM set_config('agora.erasure', 'on', true)")
        .execute(&mut *tx)
        .await?;
    // The text searched by the last condition is the same expression as
    // admin::audit::db's search (and its trigram index), so the e-mail is
    // found the way a search would find it.
    sqlx::query!(
        r#"UPDATE audit_log a
              SET label = CASE WHEN a.entity IN ('customer', 'user') AND a.entity_id = $1::bigint::text
                               THEN $3 ELSE privacy_scrub(a.label, $2) END,
                  before = privacy_scrub_jsonb(a.before, $2),
                  after = privacy_scrub_jsonb(a.after, $2),
                  actor_email = CASE WHEN a.actor_id = $1::bigint THEN $3 ELSE a.actor_email END,
                  ip = CASE WHEN a.actor_id = $1::bigint THEN NULL ELSE a.ip END
            WHERE (a.entity IN ('customer', 'user') AND a.entity_id = $1::bigint::text)
               OR (a.entity = 'order' AND a.entity_id IN (SELECT o.id::text FROM orders o WHERE o.user_id = $1::bigint))
               OR (a.entity = 'review' AND a.entity_id IN (SELECT r.id::text FROM reviews r WHERE r.user_id = $1::bigint))
               OR a.actor_id = $1::bigint
               OR (a.actor_email || E'\n' || a.action || E'\n' || a.entity || E'\n' || COALESCE(a.entity_id, '') || E'\n' || a.label || E'\n' || COALESCE(a.before::text, '') || E'\n' || COALESCE(a.after::text, '')) ILIKE $4"#,
        user_id,
        needles,
        erased_email(user_id),
        crate::text::like_pattern(email),
    )
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
    sqlx::query!(
        "UPDATE orders
            SET ship_to = jsonb_build_object('recipient', '', 'phone', '', 'line1', '',
                                             'region', COALESCE(ship_to->>'region', ''),
                                             'postal_code', NULL),
                guest_email = NULL,
                cancel_reason = privacy_scrub(cancel_reason, $2)
          WHERE user_id = $1",
        user_id,
        needles,
    )
    .execute(&mut *tx)
    .await?;
    // Texts are cut back to their columns' limits: "***" is longer than a
    // two-character name.
    sqlx::query!(
        "UPDATE order_notes SET body = left(privacy_scrub(body, $2), 1000)
          WHERE order_id IN (SELECT id FROM orders WHERE user_id = $1)",
        user_id,
        needles,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE tracking_events SET location = privacy_scrub(location, $2),
                description = privacy_scrub(description, $2)
          WHERE order_id IN (SELECT id FROM orders WHERE user_id = $1)",
        user_id,
        needles,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE refunds SET reason = left(privacy_scrub(reason, $2), 200)
          WHERE order_id IN (SELECT id FROM orders WHERE user_id = $1)",
        user_id,
        needles,
    )
    .execute(&mut *tx)
    .await?;
    // After-sales requests stay with their amounts and states; what the
    // shopper wrote goes, and what staff wrote loses the customer's details.
    sqlx::query!(
        "UPDATE after_sales_requests SET note = ''
          WHERE order_id IN (SELECT id FROM orders WHERE user_id = $1)",
        user_id,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE after_sales_events
            SET note = CASE WHEN actor = 'shopper' THEN '' ELSE left(privacy_scrub(note, $2), 500) END
          WHERE request_id IN (SELECT a.id FROM after_sales_requests a
                                 JOIN orders o ON o.id = a.order_id WHERE o.user_id = $1)",
        user_id,
        needles,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE points_ledger SET reason = left(privacy_scrub(reason, $2), 200) WHERE user_id = $1",
        user_id,
        needles,
    )
    .execute(&mut *tx)
    .await?;
    // Coupon uses stay counted (by account); the e-mail beside them goes.
    sqlx::query!(
        "UPDATE promotion_redemptions SET email = NULL
          WHERE order_id IN (SELECT id FROM orders WHERE user_id = $1) OR user_id = $1",
        user_id,
    )
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
    let photos = sqlx::query_scalar!(
        "DELETE FROM review_photos
          WHERE review_id IN (SELECT id FROM reviews WHERE user_id = $1)
          RETURNING image_id",
        user_id,
    )
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE reviews SET body = '', reply = NULL, replied_at = NULL WHERE user_id = $1",
        user_id,
    )
    .execute(&mut *tx)
    .await?;
    delete_pictures(tx, &photos, user_id).await
}

/// The pictures `images` unlinked from the person's reviews or tickets,
/// unless something else shows the same bytes (images are stored once per
/// content hash). In a savepoint: a table added later that points at
/// images must not make the erasure fail, only leave those pictures for a
/// person to look at.
async fn delete_pictures(
    tx: &mut PgConnection,
    images: &[i64],
    user_id: i64,
) -> Result<(), AppError> {
    if images.is_empty() {
        return Ok(());
    }
    let mut sp = tx.begin().await?;
    let deleted = sqlx::query!(
        "DELETE FROM images i
          WHERE i.id = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM review_photos p WHERE p.image_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM ticket_photos p WHERE p.image_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM after_sales_photos p WHERE p.image_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM product_images p WHERE p.image_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM products p WHERE p.image_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM order_items o WHERE o.image_id = i.id)",
        images,
    )
    .execute(&mut *sp)
    .await;
    match deleted {
        Ok(_) => sp.commit().await?,
        Err(e) => {
            tracing::warn!(user = user_id, error = %e, "photos unlinked but not deleted");
            sp.rollback().await?;
        }
    }
    Ok(())
}
