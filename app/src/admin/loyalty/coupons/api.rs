use super::CouponsOverview;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// Every coupon's terms with its copies in wallets; names in `lang`.
#[server(endpoint = "admin/loyalty/coupons", input = GetUrl)]
pub async fn admin_coupons(lang: String) -> Result<CouponsOverview, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::PromotionEdit).await?;
        let locale = crate::locale::locale_pair(&lang).0;
        super::db::overview(&server::pool()?, locale).await
    })
    .await
}

/// Who may use the coupon `code`: wallet holders only, a level and above
/// (blank: anyone), how many days a held copy lasts (blank: as long as
/// the coupon runs), and whether shoppers may claim it themselves.
#[server(endpoint = "admin/loyalty/coupon-terms", input = Json)]
pub async fn save_coupon_terms(
    code: String,
    wallet_only: bool,
    #[server(default)] claimable: bool,
    min_level: String,
    valid_days: String,
) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::PromotionEdit).await?;
        let terms = super::Terms::parse(&code, (wallet_only, claimable), &min_level, &valid_days)
            .map_err(AppError::Validation)?;
        super::db::save_terms(&server::pool()?, &staff, &terms).await
    })
    .await
}

/// Gives the coupon `code` to one shopper (`to` = `shopper`, by `email`)
/// or to every shopper of `level` and above (`to` = `level`), with a
/// reason. `key` is the form's: sending it again gives nothing more.
/// Answers how many shoppers got a copy.
#[server(endpoint = "admin/loyalty/issue-coupon", input = Json)]
pub async fn issue_coupon(
    code: String,
    to: String,
    email: String,
    level: String,
    reason: String,
    key: String,
) -> Result<i64, AppError> {
    use crate::wallet::db::{Audience, issue};
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::PromotionEdit).await?;
        let ask = super::IssueAsk::parse(&code, &to, (&email, &level), &reason, &key)
            .map_err(AppError::Validation)?;
        let audience = match ask.to {
            Ok(email) => Audience::Shopper(email),
            Err(level) => Audience::Level(level),
        };
        let now = server::now()?;
        let pool = server::pool()?;
        let issued = issue(
            &pool,
            &staff,
            &ask.code,
            &audience,
            (ask.reason.as_str(), ask.key.as_str()),
            now,
        )
        .await?;
        Ok(issued.count)
    })
    .await
}

/// Makes the coupon `code` the birthday coupon (blank: none), put in each
/// shopper's wallet `days_before` their birthday (0 to 30).
#[server(endpoint = "admin/loyalty/birthday-coupon", input = Json)]
pub async fn save_birthday_coupon(code: String, days_before: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::PromotionEdit).await?;
        let (code, days) =
            super::parse_birthday(&code, &days_before).map_err(AppError::Validation)?;
        let pool = server::pool()?;
        crate::wallet::db::birthday::save_rule(&pool, &staff, code.as_deref(), days).await
    })
    .await
}
