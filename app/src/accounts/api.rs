//! Account server functions: guard → validate → db. Bodies run on the server only.
use super::{Address, AddressInput, Profile, SessionUser};
use crate::error::AppError;
use leptos::prelude::*;

/// Who is signed in (None for a guest).
#[server(endpoint = "me", input = leptos::server_fn::codec::GetUrl)]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::server;
    server::run(server::optional_user()).await
}

#[server(endpoint = "register")]
pub async fn register(
    email: String,
    password: String,
    display_name: String,
    /// Where the shopper came from (checked by `safe_next`; else /account).
    #[server(default)]
    next: Option<String>,
    /// The guest cart (JSON lines) to merge into the new account.
    #[server(default)]
    cart: String,
) -> Result<(), AppError> {
    use crate::{accounts::db, server};
    server::run(async move {
        super::validate_registration(&email, &password, &display_name)?;
        let pool = server::pool()?;
        let email = super::normalize_email(&email);
        // Throttled per network before anything costly (the argon2 hash
        // takes 19 MiB and most of a core) and before the answer can say
        // "e-mail taken". That answer stays: registering signs the new
        // account in at once, which no answer could fake for an address
        // that already has one. What an attacker learns is bounded
        // instead: at most `register_per_hour` addresses per network per
        // hour, each at the cost of a full hash.
        let limits = server::settings()?.limits;
        let bucket = server::ip_bucket(server::client_ip().await.as_deref());
        db::claim_registration(&pool, &bucket, limits.register_per_hour).await?;
        let hash = server::hash_password(password).await?;
        let key = server::state()?.secrets().await?.account_links.clone();
        let now = server::now()?;
        // The account and the e-mail asking to confirm its address, in the
        // shopper's language, commit together.
        let mut tx = pool.begin().await?;
        let id = db::insert_user(
            &mut *tx,
            &email,
            &hash,
            display_name.trim(),
            super::Role::Shopper,
        )
        .await?;
        db::remember_locale(&mut *tx, id, server::request_locale().await).await?;
        send_confirmation(&mut tx, &key, id, now).await?;
        tx.commit().await?;
        server::sign_in_session(&server::session().await?, id).await?;
        merge_guest_cart(&pool, id, &cart).await;
        crate::display::request::adopt_at_sign_in(&pool, id).await;
        leptos_axum::redirect(&super::safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

/// What the header counts for a signed-in shopper: items in their stored
/// cart and unread inbox messages (0 and 0 for a visitor, whose cart the
/// browser counts). One call for both, made after hydration.
#[server(endpoint = "header_counts", input = leptos::server_fn::codec::GetUrl)]
pub async fn header_counts() -> Result<(i64, i64), AppError> {
    use crate::server;
    server::run(async move {
        let Some(user) = server::optional_user().await? else {
            return Ok((0, 0));
        };
        let pool = server::pool()?;
        let cart = crate::cart::db::count(&pool, user.id).await?;
        let unread = crate::notify::db::unread(&pool, user.id).await?;
        Ok((cart, unread))
    })
    .await
}

/// Signs in. An unknown e-mail and a wrong password get the same answer in
/// the same time; repeated failures are throttled per e-mail and per IP.
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
    /// The guest cart (JSON lines) to merge into the account.
    #[server(default)]
    cart: String,
) -> Result<(), AppError> {
    use crate::{accounts::db, server};
    server::run(async move {
        let email = super::normalize_email(&email);
        if email.is_empty() || password.is_empty() {
            return Err(AppError::InvalidCredentials);
        }
        let pool = server::pool()?;
        let bucket = server::ip_bucket(server::client_ip().await.as_deref());
        // The attempt is written before the count is read (see
        // `begin_attempt`), so a parallel burst gets at most 5 tries.
        let (attempt, allowed) = db::begin_attempt(&pool, &email, Some(bucket.as_str())).await?;
        if !allowed {
            return Err(AppError::TooManyAttempts);
        }
        let found = db::find_credentials(&pool, &email).await?;
        let (id, hash) = match found {
            Some((id, hash)) => (Some(id), Some(hash)),
            None => (None, None),
        };
        let ok = server::verify_password(password, hash).await?;
        let Some(id) = id.filter(|_| ok) else {
            return Err(AppError::InvalidCredentials);
        };
        db::attempt_succeeded(&pool, attempt).await?;
        server::sign_in_session(&server::session().await?, id).await?;
        db::remember_locale(&pool, id, server::request_locale().await).await?;
        merge_guest_cart(&pool, id, &cart).await;
        crate::display::request::adopt_at_sign_in(&pool, id).await;
        leptos_axum::redirect(&super::safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server;
    server::run(async {
        server::sign_out_session(&server::session().await?).await?;
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

#[server(endpoint = "profile", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_profile() -> Result<Profile, AppError> {
    use crate::{accounts::db, server};
    server::run(async {
        let user = server::require_user().await?;
        let pool = server::pool()?;
        let mut profile = db::profile(&pool, user.id).await?;
        let now = server::now()?;
        profile.points = crate::loyalty::db::summary(&pool, user.id, now).await?;
        profile.level = crate::loyalty::db::level_summary(&pool, user.id, now).await?;
        let mut conn = pool.acquire().await?;
        profile.coupons = crate::wallet::db::list(&mut conn, user.id, now).await?;
        Ok(profile)
    })
    .await
}

/// The profile: name, phone and birthday (month and day, both blank for
/// none; a form without them keeps none).
#[server(endpoint = "update_profile")]
pub async fn update_profile(
    display_name: String,
    phone: String,
    #[server(default)] birth_month: String,
    #[server(default)] birth_day: String,
) -> Result<(), AppError> {
    use crate::{accounts::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        let birthday = super::validate_profile(
            &display_name,
            &phone,
            (birth_month.as_str(), birth_day.as_str()),
        )?;
        let phone = Some(phone.trim()).filter(|p| !p.is_empty());
        let pool = server::pool()?;
        db::update_profile(&pool, user.id, display_name.trim(), (phone, birthday)).await
    })
    .await
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::{
        accounts::db,
        error::{Checks, ErrorKey},
        server,
    };
    server::run(async move {
        let user = server::require_user().await?;
        let mut checks = Checks::default();
        checks.check(
            "new_password",
            super::check_password(&new_password, &user.email),
        );
        if new_password != confirm_password {
            checks.fail("confirm_password", ErrorKey::PasswordMismatch);
        }
        checks.finish()?;
        let pool = server::pool()?;
        let current = db::password_hash(&pool, user.id).await?;
        if !server::verify_password(current_password, Some(current)).await? {
            return Err(AppError::invalid(
                "current_password",
                ErrorKey::WrongCurrentPassword,
            ));
        }
        let hash = server::hash_password(new_password).await?;
        let session = server::session().await?;
        // Every session of the account ends with the old password, so one
        // that someone else opened with it (a stolen or shared password)
        // is signed out; the change and the sign-outs commit together.
        let mut tx = pool.begin().await?;
        db::set_password(&mut tx, user.id, &hash).await?;
        server::end_sessions_of(&mut tx, user.id).await?;
        tx.commit().await?;
        // This one goes on under a new id, indexed under the user again (so
        // disabling the account later still finds it).
        server::sign_in_session(&session, user.id).await?;
        Ok(())
    })
    .await
}

#[server(endpoint = "addresses", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_addresses() -> Result<Vec<Address>, AppError> {
    use crate::{accounts::db, server};
    server::run(async {
        let user = server::require_user().await?;
        db::addresses(&server::pool()?, user.id).await
    })
    .await
}

#[server(endpoint = "add_address")]
pub async fn add_address(address: AddressInput) -> Result<i64, AppError> {
    use crate::{accounts::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        super::validate_address(&address)?;
        db::insert_address(&server::pool()?, user.id, &address).await
    })
    .await
}

#[server(endpoint = "update_address")]
pub async fn update_address(id: i64, address: AddressInput) -> Result<(), AppError> {
    use crate::{accounts::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        super::validate_address(&address)?;
        db::update_address(&server::pool()?, user.id, id, &address).await
    })
    .await
}

#[server(endpoint = "delete_address")]
pub async fn delete_address(id: i64) -> Result<(), AppError> {
    use crate::{accounts::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        db::delete_address(&server::pool()?, user.id, id).await
    })
    .await
}

#[server(endpoint = "default_address")]
pub async fn set_default_address(id: i64) -> Result<(), AppError> {
    use crate::{accounts::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        db::set_default_address(&server::pool()?, user.id, id).await
    })
    .await
}

/// Writes the e-mail that asks a new account to confirm its address.
#[cfg(feature = "ssr")]
async fn send_confirmation(
    conn: &mut sqlx::PgConnection,
    key: &[u8],
    user_id: i64,
    now: time::OffsetDateTime,
) -> Result<(), AppError> {
    use super::links::{Purpose, db};
    if let Some(account) = db::lock_account(conn, db::Who::Id(user_id)).await? {
        db::send(conn, key, &account, Purpose::ConfirmEmail, now).await?;
    }
    Ok(())
}

/// Adds the browser's guest cart to the account's. A malformed or failed
/// merge never blocks signing in; it is logged.
#[cfg(feature = "ssr")]
async fn merge_guest_cart(pool: &sqlx::PgPool, user_id: i64, cart: &str) {
    if cart.trim().is_empty() {
        return;
    }
    let Ok(lines) = serde_json::from_str::<Vec<crate::cart::LineIn>>(cart) else {
        tracing::warn!(user = user_id, "guest cart payload not understood");
        return;
    };
    let merged = async {
        let mut conn = pool.acquire().await?;
        crate::cart::db::merge(&mut conn, user_id, &lines).await
    };
    if let Err(e) = merged.await {
        tracing::warn!(user = user_id, error = ?e, "guest cart not merged");
    }
}
