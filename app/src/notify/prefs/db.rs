//! SQL for preferences, and the signed unsubscribe link.
use super::Prefs;
use crate::error::AppError;
use sqlx::PgPool;

/// The shopper's switches: their choices over the defaults.
pub async fn load(pool: &PgPool, user_id: i64) -> Result<Prefs, AppError> {
    let rows = sqlx::query!(
        "SELECT category, channel, enabled FROM notification_prefs WHERE user_id = $1",
        user_id
    )
    .fetch_all(pool)
    .await?;
    let mut prefs = Prefs::default();
    for r in rows {
        prefs.set(&r.category, &r.channel, r.enabled);
    }
    Ok(prefs)
}

/// Stores every switch, in one transaction.
pub async fn save(pool: &PgPool, user_id: i64, prefs: &Prefs) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    for (category, channel, on) in prefs.rows() {
        set(&mut tx, user_id, category, channel, on).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn set(
    conn: &mut sqlx::PgConnection,
    user_id: i64,
    category: &str,
    channel: &str,
    on: bool,
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO notification_prefs (user_id, category, channel, enabled)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, category, channel)
         DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()
          WHERE notification_prefs.enabled <> EXCLUDED.enabled",
        user_id,
        category,
        channel,
        on
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The HMAC's bytes an unsubscribe link carries.
const SIG_BYTES: usize = 16;

fn signed(user_id: i64) -> Vec<u8> {
    format!("agora:unsubscribe:promotions:{user_id}").into_bytes()
}

/// The `?t=` of the link that stops promotion e-mails to `user_id`. It
/// does not expire: an old e-mail's link must still work.
pub fn token(key: &[u8], user_id: i64) -> String {
    let sig = crate::server::sign(key, &signed(user_id));
    format!("{user_id}-{}", &sig[..SIG_BYTES * 2])
}

fn parse(key: &[u8], token: &str) -> Option<i64> {
    let (id, sig) = token.trim().split_once('-')?;
    let id = id
        .parse::<i64>()
        .ok()
        .filter(|i| *i > 0 && id.bytes().all(|b| b.is_ascii_digit()))?;
    crate::server::verify_truncated(key, &signed(id), sig, SIG_BYTES).then_some(id)
}

/// Stops promotion e-mails for the account a link names: its address, or
/// None for a link the shop did not sign (or an account that is gone).
/// Doing it twice is the same as once.
pub async fn unsubscribe(
    pool: &PgPool,
    key: &[u8],
    token: &str,
) -> Result<Option<String>, AppError> {
    let Some(user_id) = parse(key, token) else {
        return Ok(None);
    };
    let mut tx = pool.begin().await?;
    let email = sqlx::query_scalar!(
        "SELECT email FROM users WHERE id = $1 AND erased_at IS NULL FOR UPDATE",
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if email.is_some() {
        set(&mut tx, user_id, "promotions", "email", false).await?;
    }
    tx.commit().await?;
    Ok(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsubscribe_token_names_only_its_own_account() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = token(key, 7);
        assert_eq!(parse(key, &t), Some(7));
        let sig = t.split_once('-').unwrap().1;
        assert_eq!(parse(key, &format!("8-{sig}")), None);
        assert_eq!(parse(b"other", &t), None);
        assert_eq!(parse(key, "7"), None);
        assert_eq!(parse(key, &t[..t.len() - 1]), None);
    }
}
