use super::{Count, Movement, StockList, Stocktake};
use crate::catalog::StockReason;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

#[server(endpoint = "admin/stock", input = GetUrl)]
pub async fn list_stock(q: String, low_only: bool, page: i64) -> Result<StockList, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::StockAdjust).await?;
        if q.chars().count() > 100 || !(0..=10_000).contains(&page) {
            return Err(AppError::BadRequest);
        }
        super::db::list(&server::pool()?, q.trim(), low_only, page).await
    })
    .await
}

/// Adds or removes units with a reason; stock never goes below zero.
#[server(endpoint = "admin/stock/adjust", input = Json)]
pub async fn adjust_stock(
    variant_id: i64,
    delta: i32,
    reason: StockReason,
    note: String,
) -> Result<i32, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::StockAdjust).await?;
        let stock =
            super::db::adjust(&server::pool()?, &staff, variant_id, delta, reason, &note).await?;
        // Cards and product pages show what is in stock.
        crate::catalog::listing_caches()?.clear();
        Ok(stock)
    })
    .await
}

#[server(endpoint = "admin/stock/safety", input = Json)]
pub async fn set_safety(variant_id: i64, safety_stock: i32) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::StockAdjust).await?;
        super::db::set_safety(&server::pool()?, &staff, variant_id, safety_stock).await
    })
    .await
}

#[server(endpoint = "admin/stock/history", input = GetUrl)]
pub async fn stock_history(variant_id: i64) -> Result<Vec<Movement>, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::StockAdjust).await?;
        super::db::history(&server::pool()?, variant_id).await
    })
    .await
}

/// Compares counted quantities with the system; with `apply`, sets each
/// counted SKU to its count (one movement per changed SKU) in one go.
#[server(endpoint = "admin/stocktake", input = Json)]
pub async fn run_stocktake(counts: Vec<Count>, apply: bool) -> Result<Stocktake, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::StockAdjust).await?;
        let result = super::db::stocktake(&server::pool()?, &staff, counts, apply).await?;
        if apply {
            crate::catalog::listing_caches()?.clear();
        }
        Ok(result)
    })
    .await
}
