use super::{LevelsForm, LoyaltyOverview};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The level rules, the levels with their benefits and members, and the
/// latest member prices; product names in `lang`.
#[server(endpoint = "admin/loyalty", input = GetUrl)]
pub async fn admin_loyalty(lang: String) -> Result<LoyaltyOverview, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::PromotionEdit).await?;
        let locale = crate::locale::locale_pair(&lang).0;
        super::db::overview(&server::pool()?, locale).await
    })
    .await
}

/// Saves how levels are kept and what each gives; each wrong field named.
#[server(endpoint = "admin/loyalty/levels", input = Json)]
pub async fn save_levels(form: LevelsForm) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::PromotionEdit).await?;
        let rules = form.parse().map_err(AppError::Validation)?;
        super::db::save_levels(&server::pool()?, &staff, &rules).await
    })
    .await
}

/// Sets the member price of a SKU for a level (and the levels above), in
/// yuan; a blank price removes it.
#[server(endpoint = "admin/loyalty/member-price", input = Json)]
pub async fn save_member_price(sku: String, level: String, price: String) -> Result<(), AppError> {
    use crate::error::{Checks, ErrorKey};
    use crate::loyalty::levels::MemberLevel;
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::PromotionEdit).await?;
        let (sku, price) = (sku.trim(), price.trim());
        let mut checks = Checks::default();
        if sku.is_empty() {
            checks.fail("sku", ErrorKey::Required);
        }
        let level = MemberLevel::parse(&level);
        if level.is_none() {
            checks.fail("level", ErrorKey::ChoiceInvalid);
        }
        let price_minor = match price {
            "" => None,
            p => match crate::text::parse_money(p).filter(|m| *m > 0) {
                Some(m) => Some(m),
                None => {
                    checks.fail("price", ErrorKey::NumberInvalid);
                    None
                }
            },
        };
        checks.finish()?;
        let level = level.ok_or(AppError::Internal)?;
        super::db::set_member_price(&server::pool()?, &staff, sku, level, price_minor).await?;
        // Product pages list member prices: the cached ones are stale now.
        crate::catalog::listing_caches()?.clear();
        Ok(())
    })
    .await
}
