//! Server functions behind account e-mails: asking for a password reset,
//! setting the new password from the link, and confirming the address.
//! A link's token is its proof, so these need no session, except asking
//! for another confirmation e-mail (the signed-in shopper's own).
use super::{LinkState, Purpose};
use crate::error::AppError;
use leptos::prelude::*;

/// Asks for a password reset link. The answer is the same whether or not
/// an account uses `email` (and whether or not a link was sent), so it
/// tells nobody which addresses have accounts. Throttled per network, and
/// per account by `db::send`.
#[server(endpoint = "password_forgot")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use super::db;
    use crate::error::Checks;
    use crate::server;
    server::run(async move {
        let mut checks = Checks::default();
        checks.check("email", crate::accounts::check_email(&email));
        checks.finish()?;
        let pool = server::pool()?;
        claim_mail(&pool).await?;
        let email = crate::accounts::normalize_email(&email);
        let key = server::state()?.secrets().await?.account_links.clone();
        let now = server::now()?;
        let mut tx = pool.begin().await?;
        if let Some(account) = db::lock_account(&mut tx, db::Who::Email(&email)).await? {
            db::send(&mut tx, &key, &account, Purpose::PasswordReset, now).await?;
        }
        tx.commit().await?;
        // The same answer either way; the form says what to expect.
        Ok(())
    })
    .await
}

/// What the link in an e-mail can still do (its page asks before showing
/// a form).
#[server(endpoint = "account_link", input = leptos::server_fn::codec::GetUrl)]
pub async fn account_link(token: String, purpose: Purpose) -> Result<LinkState, AppError> {
    use crate::server;
    server::run(async move {
        let key = server::state()?.secrets().await?.account_links.clone();
        let Some(id) = super::db::parse_token(&key, purpose, &token) else {
            return Ok(LinkState::Invalid);
        };
        let mut conn = server::pool()?.acquire().await?;
        super::db::state(&mut conn, id, purpose, server::now()?).await
    })
    .await
}

/// Sets a new password from a reset link: the link is used up, every other
/// reset link of the account stops working, every session of the account
/// ends (this browser's too: it signs in with the new password), and the
/// address counts as confirmed (the link reached it). All in one
/// transaction, after the password passed its checks and was hashed.
#[server(endpoint = "password_reset")]
pub async fn reset_password(
    token: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use super::db;
    use crate::error::{Checks, ErrorKey};
    use crate::server;
    server::run(async move {
        let key = server::state()?.secrets().await?.account_links.clone();
        let expired = || AppError::Conflict(ErrorKey::LinkExpired);
        let id = db::parse_token(&key, Purpose::PasswordReset, &token).ok_or_else(expired)?;
        let pool = server::pool()?;
        let now = server::now()?;
        let email =
            match db::state(&mut *pool.acquire().await?, id, Purpose::PasswordReset, now).await? {
                LinkState::Valid(email) => email,
                _ => return Err(expired()),
            };
        let mut checks = Checks::default();
        checks.check(
            "new_password",
            crate::accounts::check_password(&new_password, &email),
        );
        if new_password != confirm_password {
            checks.fail("confirm_password", ErrorKey::PasswordMismatch);
        }
        checks.finish()?;
        let hash = server::hash_password(new_password).await?;
        let mut tx = pool.begin().await?;
        // Used up here; a second request with the same link finds nothing.
        let user_id = db::take(&mut tx, id, Purpose::PasswordReset, now)
            .await?
            .ok_or_else(expired)?;
        crate::accounts::db::set_password(&mut tx, user_id, &hash).await?;
        db::void_others(&mut tx, user_id, Purpose::PasswordReset, now).await?;
        db::confirm_email(&mut tx, user_id, now).await?;
        server::end_sessions_of(&mut tx, user_id).await?;
        tx.commit().await?;
        tracing::info!(user = user_id, "password reset from an e-mail link");
        Ok(())
    })
    .await
}

/// Confirms the address a confirmation link was sent to.
#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use super::db;
    use crate::error::ErrorKey;
    use crate::server;
    server::run(async move {
        let key = server::state()?.secrets().await?.account_links.clone();
        let expired = || AppError::Conflict(ErrorKey::LinkExpired);
        let id = db::parse_token(&key, Purpose::ConfirmEmail, &token).ok_or_else(expired)?;
        let now = server::now()?;
        let mut tx = server::pool()?.begin().await?;
        let user_id = db::take(&mut tx, id, Purpose::ConfirmEmail, now)
            .await?
            .ok_or_else(expired)?;
        db::confirm_email(&mut tx, user_id, now).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Sends the signed-in shopper another confirmation e-mail (nothing if
/// the address is confirmed already).
#[server(endpoint = "confirm_email_again")]
pub async fn resend_confirmation() -> Result<(), AppError> {
    use super::db;
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let pool = server::pool()?;
        claim_mail(&pool).await?;
        let key = server::state()?.secrets().await?.account_links.clone();
        let now = server::now()?;
        let mut tx = pool.begin().await?;
        if let Some(account) = db::lock_account(&mut tx, db::Who::Id(user.id)).await?
            && !account.confirmed
        {
            db::send(&mut tx, &key, &account, Purpose::ConfirmEmail, now).await?;
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Counts one account e-mail asked for from the caller's network against
/// `AGORA_LIMIT_ACCOUNT_MAIL_PER_HOUR`.
#[cfg(feature = "ssr")]
async fn claim_mail(pool: &sqlx::PgPool) -> Result<(), AppError> {
    use crate::server;
    let limit = server::settings()?.limits.account_mail_per_hour;
    let bucket = server::ip_bucket(server::client_ip().await.as_deref());
    server::throttle::claim(
        pool,
        "account_mail",
        &bucket,
        limit,
        std::time::Duration::from_secs(3600),
        crate::error::ErrorKey::TooManyMails,
    )
    .await
}
