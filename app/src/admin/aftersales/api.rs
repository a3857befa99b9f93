use crate::aftersales::queue::{BulkResult, LineInspection, Queue, QueueQuery, StaffRequest};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

#[server(endpoint = "admin/after-sales", input = GetUrl)]
pub async fn after_sales_queue(query: QueueQuery) -> Result<Queue, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::AfterSalesHandle).await?;
        crate::aftersales::db::staff::queue(&server::pool()?, &query, server::now()?).await
    })
    .await
}

#[server(endpoint = "admin/after-sales/request", input = GetUrl)]
pub async fn staff_after_sales(number: String, lang: String) -> Result<StaffRequest, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::AfterSalesHandle).await?;
        let lang = crate::locale::locale_pair(&lang).0;
        crate::aftersales::db::staff::request(&server::pool()?, &number, lang, server::now()?).await
    })
    .await
}

/// Approves one request (with an optional goodwill amount, which needs the
/// refund permission and a reason) or several at once (without).
#[server(endpoint = "admin/after-sales/approve", input = Json)]
pub async fn approve_after_sales(
    numbers: Vec<String>,
    goodwill_minor: i64,
    goodwill_reason: String,
) -> Result<BulkResult, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesHandle).await?;
        let now = server::now()?;
        crate::aftersales::db::staff::approve(
            &server::pool()?,
            &staff,
            &numbers,
            goodwill_minor,
            &goodwill_reason,
            now,
        )
        .await
    })
    .await
}

#[server(endpoint = "admin/after-sales/refuse", input = Json)]
pub async fn refuse_after_sales(number: String, reason: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesHandle).await?;
        crate::aftersales::db::staff::refuse(&server::pool()?, &staff, &number, &reason).await
    })
    .await
}

/// Extends the merchant's current deadline once, with a reason.
#[server(endpoint = "admin/after-sales/extend", input = Json)]
pub async fn extend_after_sales(number: String, reason: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesHandle).await?;
        crate::aftersales::db::staff::extend(&server::pool()?, &staff, &number, &reason).await
    })
    .await
}

/// Confirms a return arrived, with the inspection of every unit.
#[server(endpoint = "admin/after-sales/receive", input = Json)]
pub async fn receive_after_sales(
    number: String,
    lines: Vec<LineInspection>,
    goodwill_minor: i64,
    goodwill_reason: String,
) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesHandle).await?;
        crate::aftersales::db::staff::receive(
            &server::pool()?,
            &staff,
            &number,
            &lines,
            goodwill_minor,
            &goodwill_reason,
        )
        .await
    })
    .await
}
