//! SQL for accounts. Every query that touches an address names its owner.
use super::{Address, AddressInput, Profile, Role};
use crate::error::{AppError, ErrorKey};
use crate::server::PasswordHash;
use sqlx::{PgPool, Postgres, Transaction};

/// Failed sign-ins allowed per e-mail address within the window.
pub const MAX_FAILURES_PER_EMAIL: i64 = 5;
/// Failed sign-ins allowed per client IP address within the window.
pub const MAX_FAILURES_PER_IP: i64 = 30;
pub const THROTTLE_WINDOW_MINUTES: i32 = 15;

/// Inserts a user; a taken e-mail (case-insensitive) is a field error.
pub async fn insert_user(
    conn: impl sqlx::PgExecutor<'_>,
    email: &str,
    hash: &PasswordHash,
    display_name: &str,
    role: Role,
) -> Result<i64, AppError> {
    let result = sqlx::query_scalar!(
        "INSERT INTO users (email, password_hash, display_name, role)
         VALUES ($1, $2, $3, $4) RETURNING id",
        email,
        hash.as_str(),
        display_name,
        role as Role
    )
    .fetch_one(conn)
    .await;
    match result {
        Ok(id) => Ok(id),
        Err(sqlx::Error::Database(e)) if e.constraint() == Some("users_email_key") => {
            Err(AppError::invalid("email", ErrorKey::EmailTaken))
        }
        Err(e) => Err(e.into()),
    }
}

/// Remembers the language the shopper reads the shop in: their e-mails
/// are written in it.
pub async fn remember_locale(
    conn: impl sqlx::PgExecutor<'_>,
    user_id: i64,
    locale: &str,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE users SET locale = $2 WHERE id = $1 AND locale <> $2",
        user_id,
        crate::locale::locale_pair(locale).0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The id and hash of an active account, looked up by normalised e-mail.
pub async fn find_credentials(
    pool: &PgPool,
    email: &str,
) -> Result<Option<(i64, PasswordHash)>, AppError> {
    let row = sqlx::query!(
        "SELECT id, password_hash FROM users WHERE lower(email) = $1 AND disabled_at IS NULL",
        email
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.id, PasswordHash::from_db(r.password_hash))))
}

/// Records a sign-in attempt, as a failure until `attempt_succeeded` says
/// otherwise, and then says whether it may go on: the failures in the window
/// (failures before the last success don't count) include this attempt and
/// every one already recorded. Writing before counting is what bounds a
/// parallel burst: whichever attempt is recorded sixth also counts at least
/// six, so at most `MAX_FAILURES_PER_EMAIL` passwords are ever tried.
/// The window is on the database's clock, like `attempted_at`.
/// Returns the attempt's id and whether it is allowed.
pub async fn begin_attempt(
    pool: &PgPool,
    email: &str,
    ip: Option<&str>,
) -> Result<(i64, bool), AppError> {
    let id = sqlx::query_scalar!(
        "INSERT INTO login_attempts (email, ip, succeeded) VALUES ($1, $2, false) RETURNING id",
        email,
        ip
    )
    .fetch_one(pool)
    .await?;
    let failures = sqlx::query!(
        r#"SELECT
             (SELECT count(*) FROM login_attempts a
               WHERE a.email = $1 AND NOT a.succeeded
                 AND a.attempted_at > now() - make_interval(mins => $3)
                 AND a.attempted_at > COALESCE((SELECT max(s.attempted_at) FROM login_attempts s
                                                 WHERE s.email = $1 AND s.succeeded), '-infinity'))
               AS "by_email!",
             (SELECT count(*) FROM login_attempts a
               WHERE $2::text IS NOT NULL AND a.ip = $2 AND NOT a.succeeded
                 AND a.attempted_at > now() - make_interval(mins => $3))
               AS "by_ip!""#,
        email,
        ip,
        THROTTLE_WINDOW_MINUTES
    )
    .fetch_one(pool)
    .await?;
    let allowed =
        failures.by_email <= MAX_FAILURES_PER_EMAIL && failures.by_ip <= MAX_FAILURES_PER_IP;
    Ok((id, allowed))
}

/// Marks an attempt recorded by `begin_attempt` as a success.
pub async fn attempt_succeeded(pool: &PgPool, id: i64) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE login_attempts SET succeeded = true WHERE id = $1",
        id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Registrations per network are counted over this window.
const REGISTER_WINDOW: std::time::Duration = std::time::Duration::from_secs(3600);

/// Claims one registration for the network `bucket`, unless `per_hour`
/// were already claimed in the last hour. Every attempt that gets this far
/// counts, whether its e-mail turns out to be free or taken.
pub async fn claim_registration(
    pool: &PgPool,
    bucket: &str,
    per_hour: u32,
) -> Result<(), AppError> {
    crate::server::throttle::claim(
        pool,
        "register",
        bucket,
        per_hour,
        REGISTER_WINDOW,
        ErrorKey::TooManyRegistrations,
    )
    .await
}

/// Deletes attempts older than a day: throttling looks back 15 minutes, so
/// older rows only take space. Throttle records older than a day go too,
/// except a guest order's while that order still holds stock unpaid (its
/// units count against the guest's network until it is paid or cancelled).
/// Safe to run from several instances at once.
pub async fn prune_login_attempts(pool: &PgPool) -> Result<u64, AppError> {
    let done =
        sqlx::query!("DELETE FROM login_attempts WHERE attempted_at < now() - interval '1 day'")
            .execute(pool)
            .await?;
    let throttles = sqlx::query!(
        "DELETE FROM throttle_events t
          WHERE t.at < now() - interval '1 day'
            AND NOT EXISTS (SELECT 1 FROM orders o
                             WHERE o.id = t.order_id
                               AND (o.status = 'pending_payment'
                                    OR (o.status = 'awaiting_shipment'
                                        AND o.payment_status = 'cod_due')))"
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() + throttles.rows_affected())
}

pub async fn profile(pool: &PgPool, user_id: i64) -> Result<Profile, AppError> {
    let row = sqlx::query!(
        r#"SELECT email, display_name, phone, birth_month, birth_day,
                  email_confirmed_at IS NOT NULL AS "email_confirmed!"
             FROM users WHERE id = $1"#,
        user_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Profile {
        email: row.email,
        display_name: row.display_name,
        phone: row.phone,
        email_confirmed: row.email_confirmed,
        birthday: row.birth_month.zip(row.birth_day),
        notify: crate::notify::prefs::db::load(pool, user_id).await?,
        points: Default::default(),
        level: Default::default(),
        coupons: Vec::new(),
    })
}

pub async fn update_profile(
    pool: &PgPool,
    user_id: i64,
    display_name: &str,
    (phone, birthday): (Option<&str>, Option<(i16, i16)>),
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE users SET display_name = $2, phone = $3, birth_month = $4, birth_day = $5,
                          updated_at = now()
          WHERE id = $1",
        user_id,
        display_name,
        phone,
        birthday.map(|b| b.0),
        birthday.map(|b| b.1),
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn password_hash(pool: &PgPool, user_id: i64) -> Result<PasswordHash, AppError> {
    let h = sqlx::query_scalar!("SELECT password_hash FROM users WHERE id = $1", user_id)
        .fetch_one(pool)
        .await?;
    Ok(PasswordHash::from_db(h))
}

/// Inside the caller's transaction: the caller ends the account's other
/// sessions in the same one.
pub async fn set_password(
    conn: &mut sqlx::PgConnection,
    user_id: i64,
    hash: &PasswordHash,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1",
        user_id,
        hash.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn addresses(pool: &PgPool, user_id: i64) -> Result<Vec<Address>, AppError> {
    Ok(sqlx::query_as!(
        Address,
        "SELECT id, recipient, phone, region, line1, postal_code, is_default
           FROM addresses WHERE user_id = $1 ORDER BY is_default DESC, id DESC",
        user_id
    )
    .fetch_all(pool)
    .await?)
}

/// Serialises address-book writes per user (row lock on the owner), so
/// "exactly one default" holds under concurrent requests.
async fn lock_address_book(
    tx: &mut Transaction<'_, Postgres>,
    user_id: i64,
) -> Result<(), AppError> {
    sqlx::query!("SELECT id FROM users WHERE id = $1 FOR UPDATE", user_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(())
}

/// An address's form fields as stored: trimmed, an empty postal code none.
struct Fields<'a> {
    recipient: &'a str,
    phone: &'a str,
    region: &'a str,
    line1: &'a str,
    postal_code: Option<&'a str>,
}

impl<'a> From<&'a AddressInput> for Fields<'a> {
    fn from(a: &'a AddressInput) -> Self {
        Fields {
            recipient: a.recipient.trim(),
            phone: a.phone.trim(),
            region: a.region.trim(),
            line1: a.line1.trim(),
            postal_code: Some(a.postal_code.trim()).filter(|s| !s.is_empty()),
        }
    }
}

/// Clears the default flag on the owner's other addresses.
async fn clear_default(tx: &mut Transaction<'_, Postgres>, user_id: i64) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE addresses SET is_default = false WHERE user_id = $1 AND is_default",
        user_id
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether address `id` belongs to `user_id`.
async fn owns_address(
    tx: &mut Transaction<'_, Postgres>,
    user_id: i64,
    id: i64,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS(SELECT 1 FROM addresses WHERE id = $1 AND user_id = $2) AS "owned!""#,
        id,
        user_id
    )
    .fetch_one(&mut **tx)
    .await?)
}

/// One of the user's own addresses (None if it is not theirs).
pub async fn address(pool: &PgPool, user_id: i64, id: i64) -> Result<Option<Address>, AppError> {
    Ok(sqlx::query_as!(
        Address,
        "SELECT id, recipient, phone, region, line1, postal_code, is_default
           FROM addresses WHERE user_id = $1 AND id = $2",
        user_id,
        id
    )
    .fetch_optional(pool)
    .await?)
}

/// Adds an address; the first one, or one marked default, becomes the default.
pub async fn insert_address(
    pool: &PgPool,
    user_id: i64,
    a: &AddressInput,
) -> Result<i64, AppError> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    let count = sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM addresses WHERE user_id = $1"#,
        user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if count >= 50 {
        return Err(AppError::BadRequest);
    }
    let make_default = a.is_default.is_some() || count == 0;
    if make_default {
        clear_default(&mut tx, user_id).await?;
    }
    let f = Fields::from(a);
    let id = sqlx::query_scalar!(
        "INSERT INTO addresses (user_id, recipient, phone, region, line1, postal_code, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        user_id,
        f.recipient,
        f.phone,
        f.region,
        f.line1,
        f.postal_code,
        make_default
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Edits one of the owner's addresses; ticking "default" moves the default
/// here (unticking it on the default address leaves it the default, since a
/// non-empty book always has one).
pub async fn update_address(
    pool: &PgPool,
    user_id: i64,
    id: i64,
    a: &AddressInput,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    let make_default = a.is_default.is_some();
    if make_default {
        if !owns_address(&mut tx, user_id, id).await? {
            return Err(AppError::NotFound);
        }
        clear_default(&mut tx, user_id).await?;
    }
    let f = Fields::from(a);
    let updated = sqlx::query!(
        "UPDATE addresses
            SET recipient = $3, phone = $4, region = $5, line1 = $6, postal_code = $7,
                is_default = is_default OR $8
          WHERE id = $1 AND user_id = $2",
        id,
        user_id,
        f.recipient,
        f.phone,
        f.region,
        f.line1,
        f.postal_code,
        make_default
    )
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes one of the owner's addresses; if it was the default, the newest
/// remaining address takes over.
pub async fn delete_address(pool: &PgPool, user_id: i64, id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    let was_default = sqlx::query_scalar!(
        "DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default",
        id,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    if was_default {
        sqlx::query!(
            "UPDATE addresses SET is_default = true
              WHERE id = (SELECT id FROM addresses WHERE user_id = $1 ORDER BY id DESC LIMIT 1)",
            user_id
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn set_default_address(pool: &PgPool, user_id: i64, id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    if !owns_address(&mut tx, user_id, id).await? {
        return Err(AppError::NotFound);
    }
    clear_default(&mut tx, user_id).await?;
    sqlx::query!(
        "UPDATE addresses SET is_default = true WHERE id = $1 AND user_id = $2",
        id,
        user_id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[sqlx::test(migrator = "crate::server::MIGRATOR")]
    async fn old_login_attempts_are_pruned_and_recent_ones_kept(pool: PgPool) {
        sqlx::query(
            "INSERT INTO login_attempts (email, ip, succeeded, attempted_at) VALUES
               ('a@agora.test', '127.0.0.1', false, now() - interval '2 days'),
               ('a@agora.test', '127.0.0.1', false, now() - interval '10 minutes')",
        )
        .execute(&pool)
        .await
        .unwrap();
        assert_eq!(prune_login_attempts(&pool).await.unwrap(), 1);
        let left: i64 = sqlx::query_scalar("SELECT count(*) FROM login_attempts")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(left, 1);
    }

    #[sqlx::test(migrator = "crate::server::MIGRATOR")]
    async fn registrations_are_claimed_up_to_the_limit_and_old_claims_pruned(pool: PgPool) {
        for _ in 0..3 {
            claim_registration(&pool, "203.0.113.7", 3).await.unwrap();
        }
        assert_eq!(
            claim_registration(&pool, "203.0.113.7", 3).await,
            Err(AppError::RateLimited(ErrorKey::TooManyRegistrations))
        );
        // Another network has its own allowance.
        claim_registration(&pool, "198.51.100.9", 3).await.unwrap();
        // Claims older than the hour no longer count, and are pruned a day on.
        sqlx::query("UPDATE throttle_events SET at = now() - interval '2 days'")
            .execute(&pool)
            .await
            .unwrap();
        claim_registration(&pool, "203.0.113.7", 3).await.unwrap();
        assert_eq!(prune_login_attempts(&pool).await.unwrap(), 4);
        let left: i64 = sqlx::query_scalar("SELECT count(*) FROM throttle_events")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(left, 1);
    }
}
