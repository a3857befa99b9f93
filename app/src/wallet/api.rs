//! The wallet's server functions for shoppers: the coupons they may
//! claim, and claiming one.
use super::Claimable;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The claimable coupons running now, names in `lang`, marked for the
/// signed-in shopper (a guest sees them to sign in for).
#[server(endpoint = "wallet/claimable", input = GetUrl)]
pub async fn claimable_coupons(lang: String) -> Result<Vec<Claimable>, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::optional_user().await?;
        let lang = crate::locale::locale_pair(&lang).0;
        let mut conn = server::pool()?.acquire().await?;
        super::db::claimable(&mut conn, user.map(|u| u.id), lang, server::now()?).await
    })
    .await
}

/// Claims the coupon `code` into the signed-in shopper's wallet, once:
/// claiming it again changes nothing (and is no error).
#[server(endpoint = "wallet/claim", input = Json)]
pub async fn claim_coupon(code: String) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let code = crate::promotions::normalize_code(&code).ok_or(AppError::NotFound)?;
        let mut conn = server::pool()?.acquire().await?;
        super::db::claim(&mut conn, user.id, &code, server::now()?).await?;
        Ok(())
    })
    .await
}
