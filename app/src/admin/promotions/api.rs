use super::{EditablePromotion, PromotionForm, PromotionListItem};
use crate::error::AppError;
use leptos::prelude::*;

/// Every promotion, newest first, with its orders, discount given and
/// revenue, and where it stands by the shop's clock.
#[server(endpoint = "admin/promotions", input = leptos::server_fn::codec::GetUrl)]
pub async fn admin_promotions() -> Result<Vec<PromotionListItem>, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::PromotionEdit).await?;
        super::db::list(&server::pool()?, server::now()?).await
    })
    .await
}

/// One promotion as the editor shows it; `NotFound` if there is none.
#[server(endpoint = "admin/promotion", input = leptos::server_fn::codec::GetUrl)]
pub async fn admin_promotion(id: i64) -> Result<EditablePromotion, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::PromotionEdit).await?;
        super::db::get(&server::pool()?, id).await
    })
    .await
}

/// Creates (`form.id` None) or updates a promotion; returns its id.
#[server(endpoint = "admin/promotion/save", input = leptos::server_fn::codec::Json)]
pub async fn save_promotion(form: PromotionForm) -> Result<i64, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::PromotionEdit).await?;
        let id = super::db::save(&server::pool()?, &staff, form).await?;
        // Product pages show the running sales (限时折扣).
        crate::catalog::listing_caches()?.clear();
        Ok(id)
    })
    .await
}

/// Switches a promotion on or off.
#[server(endpoint = "admin/promotion/active", input = leptos::server_fn::codec::Json)]
pub async fn set_promotion_active(id: i64, active: bool) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::PromotionEdit).await?;
        super::db::set_active(&server::pool()?, &staff, id, active).await?;
        crate::catalog::listing_caches()?.clear();
        Ok(())
    })
    .await
}
