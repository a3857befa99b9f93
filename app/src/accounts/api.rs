//! Account server functions: guard → validate → db. Bodies run on the server only.
use super::{Address, AddressInput, Profile, SessionUser};
use crate::error::AppError;
use leptos::prelude::*;

/// Who is signed in (None for a guest).
#[server(endpoint = "me", input = leptos::server_fn::codec::GetUrl)]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::server;
    server::run(async {
        let session = server::session().await?;
        match server::session_user_id(&session).await? {
            Some(id) => server::load_session_user(&server::pool()?, id).await,
            None => Ok(None),
        }
    })
    .await
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
        let hash = server::hash_password(password).await?;
        let id = db::insert_user(
            &pool,
            &email,
            &hash,
            display_name.trim(),
            super::Role::Shopper,
        )
        .await?;
        server::sign_in_session(&server::session().await?, id).await?;
        merge_guest_cart(&pool, id, &cart).await;
        leptos_axum::redirect(&super::safe_next(next.as_deref()));
        Ok(())
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
        let ip = server::client_ip().await;
        if db::is_throttled(&pool, &email, ip.as_deref()).await? {
            return Err(AppError::TooManyAttempts);
        }
        let found = db::find_credentials(&pool, &email).await?;
        let (id, hash) = match found {
            Some((id, hash)) => (Some(id), Some(hash)),
            None => (None, None),
        };
        let ok = server::verify_password(password, hash).await?;
        db::record_attempt(&pool, &email, ip.as_deref(), ok).await?;
        let Some(id) = id.filter(|_| ok) else {
            return Err(AppError::InvalidCredentials);
        };
        server::sign_in_session(&server::session().await?, id).await?;
        merge_guest_cart(&pool, id, &cart).await;
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
        db::profile(&server::pool()?, user.id).await
    })
    .await
}

#[server(endpoint = "update_profile")]
pub async fn update_profile(display_name: String, phone: String) -> Result<(), AppError> {
    use crate::{accounts::db, server};
    server::run(async move {
        let user = server::require_user().await?;
        super::validate_profile(&display_name, &phone)?;
        let phone = Some(phone.trim()).filter(|p| !p.is_empty());
        db::update_profile(&server::pool()?, user.id, display_name.trim(), phone).await
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
        db::set_password(&pool, user.id, &hash).await?;
        // A new credential gets a new session id too.
        server::session().await?.cycle_id().await?;
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
