//! SQL for account links: writing one with the e-mail that carries it (in
//! the caller's transaction), reading what it can still do, and using it
//! once. Times are the shop's injected clock, so tests move it.
use super::{LinkState, Purpose};
use crate::error::AppError;
use crate::notify::Event;
use crate::server::outbox::{Category, Channel, NewMessage, enqueue};
use serde_json::json;
use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};

/// Links of one purpose an account is sent per hour at most. A request
/// past that gets the same answer and sends nothing, so a stranger who
/// knows an address cannot flood its mailbox.
pub const PER_ACCOUNT_PER_HOUR: i64 = 3;

/// The HMAC's bytes a link carries (128 bits: not guessable, and short
/// enough for a link that wraps in a mail program).
const SIG_BYTES: usize = 16;

impl Purpose {
    /// How long a link works.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::ConfirmEmail => Duration::days(7),
            Purpose::PasswordReset => Duration::hours(1),
        }
    }

    fn event(self) -> Event {
        match self {
            Purpose::ConfirmEmail => Event::ConfirmEmail,
            Purpose::PasswordReset => Event::PasswordReset,
        }
    }
}

/// What is signed: the purpose too, so one kind of link never passes for
/// the other.
fn signed(purpose: Purpose, id: i64) -> Vec<u8> {
    format!("agora:account-link:{}:{id}", purpose.as_str()).into_bytes()
}

/// The `?token=` of link `id`.
pub fn token(key: &[u8], purpose: Purpose, id: i64) -> String {
    let sig = crate::server::sign(key, &signed(purpose, id));
    format!("{id}-{}", &sig[..SIG_BYTES * 2])
}

/// The link id a token names, if the shop signed it for `purpose`.
pub fn parse_token(key: &[u8], purpose: Purpose, token: &str) -> Option<i64> {
    let (id, sig) = token.trim().split_once('-')?;
    let id = id
        .parse::<i64>()
        .ok()
        .filter(|i| *i > 0 && id.bytes().all(|b| b.is_ascii_digit()))?;
    crate::server::verify_truncated(key, &signed(purpose, id), sig, SIG_BYTES).then_some(id)
}

/// An enabled account, as an e-mail to it needs it.
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub confirmed: bool,
}

/// Which account an e-mail goes to.
pub enum Who<'a> {
    /// A normalised address (a forgotten password).
    Email(&'a str),
    /// The signed-in shopper.
    Id(i64),
}

/// The enabled account `who` names, locked until the caller's transaction
/// ends: two requests at once then count each other's links.
pub async fn lock_account(
    conn: &mut PgConnection,
    who: Who<'_>,
) -> Result<Option<Account>, AppError> {
    // Two statements, each served by its own index.
    let found = match who {
        Who::Email(email) => {
            sqlx::query_as!(
                Account,
                r#"SELECT id, email, display_name, locale,
                      email_confirmed_at IS NOT NULL AS "confirmed!"
                 FROM users WHERE lower(email) = $1 AND disabled_at IS NULL FOR UPDATE"#,
                email
            )
            .fetch_optional(&mut *conn)
            .await?
        }
        Who::Id(id) => {
            sqlx::query_as!(
                Account,
                r#"SELECT id, email, display_name, locale,
                      email_confirmed_at IS NOT NULL AS "confirmed!"
                 FROM users WHERE id = $1 AND disabled_at IS NULL FOR UPDATE"#,
                id
            )
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    Ok(found)
}

/// Writes a link of `purpose` for `account` and the e-mail that carries
/// it, in the caller's transaction (lock the account first). False, and
/// nothing written, when the account was sent [`PER_ACCOUNT_PER_HOUR`]
/// such links in the last hour.
pub async fn send(
    conn: &mut PgConnection,
    key: &[u8],
    account: &Account,
    purpose: Purpose,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let recent = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM account_links
            WHERE user_id = $1 AND purpose = $2 AND created_at > $3"#,
        account.id,
        purpose as Purpose,
        now - Duration::hours(1),
    )
    .fetch_one(&mut *conn)
    .await?;
    if recent >= PER_ACCOUNT_PER_HOUR {
        tracing::info!(
            user = account.id,
            purpose = purpose.as_str(),
            "account link not sent: hourly limit"
        );
        return Ok(false);
    }
    let id = sqlx::query_scalar!(
        "INSERT INTO account_links (user_id, purpose, email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        account.id,
        purpose as Purpose,
        account.email,
        now,
        now + purpose.lifetime(),
    )
    .fetch_one(&mut *conn)
    .await?;
    let path = format!("{}?token={}", purpose.path(), token(key, purpose, id));
    let event = purpose.event();
    enqueue(
        conn,
        &NewMessage {
            key: &format!("account:{}:{}:{id}:email", account.id, purpose.as_str()),
            event: event.name(),
            channel: Channel::Email,
            category: Category::System,
            user_id: Some(account.id),
            address: &account.email,
            locale: crate::locale::locale_pair(&account.locale).0,
            payload: json!({
                "name": account.display_name,
                "email": account.email,
                "path": path,
            }),
        },
    )
    .await?;
    Ok(true)
}

/// What link `id` of `purpose` can still do at `now`.
pub async fn state(
    conn: &mut PgConnection,
    id: i64,
    purpose: Purpose,
    now: OffsetDateTime,
) -> Result<LinkState, AppError> {
    let row = sqlx::query!(
        r#"SELECT l.email, l.used_at IS NOT NULL AS "used!", l.expires_at <= $3 AS "expired!"
             FROM account_links l JOIN users u ON u.id = l.user_id
            WHERE l.id = $1 AND l.purpose = $2
              AND u.disabled_at IS NULL AND lower(u.email) = lower(l.email)"#,
        id,
        purpose as Purpose,
        now,
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        None => LinkState::Invalid,
        Some(r) if r.used => LinkState::Used,
        Some(r) if r.expired => LinkState::Expired,
        Some(r) => LinkState::Valid(r.email),
    })
}

/// Uses link `id` of `purpose` at `now`, once: the account it is for, or
/// None when it was used, has expired, or its account is disabled or has
/// another address now. The `WHERE` clause is the whole rule, so two
/// requests with one link cannot both pass.
pub async fn take(
    conn: &mut PgConnection,
    id: i64,
    purpose: Purpose,
    now: OffsetDateTime,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar!(
        "UPDATE account_links l SET used_at = $3
           FROM users u
          WHERE l.id = $1 AND l.purpose = $2 AND l.used_at IS NULL AND l.expires_at > $3
            AND u.id = l.user_id AND u.disabled_at IS NULL AND lower(u.email) = lower(l.email)
          RETURNING l.user_id",
        id,
        purpose as Purpose,
        now,
    )
    .fetch_optional(&mut *conn)
    .await?)
}

/// Every other unused link of `purpose` the account holds stops working
/// (a password reset ends the others, so an older e-mail left in a
/// mailbox is no way in).
pub async fn void_others(
    conn: &mut PgConnection,
    user_id: i64,
    purpose: Purpose,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE account_links SET used_at = $3
          WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
        user_id,
        purpose as Purpose,
        now,
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks the account's address confirmed (kept from the first time).
pub async fn confirm_email(
    conn: &mut PgConnection,
    user_id: i64,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, $2) WHERE id = $1",
        user_id,
        now,
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_passes_only_for_its_own_id_and_purpose() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = token(key, Purpose::PasswordReset, 42);
        assert_eq!(parse_token(key, Purpose::PasswordReset, &t), Some(42));
        // Another purpose, another key, another id, a cut or padded
        // signature: none pass.
        assert_eq!(parse_token(key, Purpose::ConfirmEmail, &t), None);
        assert_eq!(
            parse_token(b"another key", Purpose::PasswordReset, &t),
            None
        );
        let sig = t.split_once('-').unwrap().1;
        assert_eq!(
            parse_token(key, Purpose::PasswordReset, &format!("43-{sig}")),
            None
        );
        assert_eq!(
            parse_token(key, Purpose::PasswordReset, &format!("+42-{sig}")),
            None
        );
        assert_eq!(
            parse_token(key, Purpose::PasswordReset, &t[..t.len() - 2]),
            None
        );
        assert_eq!(
            parse_token(key, Purpose::PasswordReset, &format!("{t}00")),
            None
        );
        assert_eq!(parse_token(key, Purpose::PasswordReset, ""), None);
        assert_eq!(parse_token(key, Purpose::PasswordReset, "42"), None);
    }
}
