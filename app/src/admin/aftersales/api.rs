use crate::aftersales::queue::{BulkResult, LineInspection, Queue, QueueQuery, StaffRequest};
use crate::aftersales::rules::{Policy, ReasonEdit, RuleEdit, Settings};
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

/// Sends an exchange's replacement or a repair back, with tracking.
#[server(endpoint = "admin/after-sales/dispatch", input = Json)]
pub async fn dispatch_after_sales(
    number: String,
    carrier: String,
    tracking: String,
) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesHandle).await?;
        crate::aftersales::db::staff::dispatch(
            &server::pool()?,
            &staff,
            &number,
            &carrier,
            &tracking,
        )
        .await
    })
    .await
}

/// The policy, every reason (inactive ones too) and the auto-approval
/// rules, for the settings page.
#[server(endpoint = "admin/after-sales/settings", input = GetUrl)]
pub async fn after_sales_settings() -> Result<Settings, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::AfterSalesConfigure).await?;
        crate::aftersales::db::settings::load(&server::pool()?).await
    })
    .await
}

#[server(endpoint = "admin/after-sales/policy", input = Json)]
pub async fn save_after_sales_policy(policy: Policy) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesConfigure).await?;
        crate::aftersales::db::settings::save_policy(&server::pool()?, &staff, &policy).await
    })
    .await
}

/// Adds a reason (no id) or changes one, in both languages; returns its id.
#[server(endpoint = "admin/after-sales/reason", input = Json)]
pub async fn save_after_sales_reason(reason: ReasonEdit) -> Result<i64, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesConfigure).await?;
        crate::aftersales::db::settings::save_reason(&server::pool()?, &staff, &reason).await
    })
    .await
}

#[server(endpoint = "admin/after-sales/rule", input = Json)]
pub async fn add_after_sales_rule(rule: RuleEdit) -> Result<i64, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesConfigure).await?;
        crate::aftersales::db::settings::add_rule(&server::pool()?, &staff, &rule).await
    })
    .await
}

#[server(endpoint = "admin/after-sales/rule/delete", input = Json)]
pub async fn delete_after_sales_rule(id: i64) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesConfigure).await?;
        crate::aftersales::db::settings::delete_rule(&server::pool()?, &staff, id).await
    })
    .await
}

/// Decides the complaint on a request: `upheld` puts the request right,
/// otherwise it stays as it is; `decision` is what the shopper reads.
/// Final: a decided complaint answers 409.
#[server(endpoint = "admin/after-sales/complaint", input = Json)]
pub async fn decide_complaint(
    number: String,
    upheld: bool,
    decision: String,
) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::AfterSalesComplaints).await?;
        let now = server::now()?;
        crate::aftersales::db::complaint::decide_complaint(
            &server::pool()?,
            &staff,
            &number,
            upheld,
            &decision,
            now,
        )
        .await
    })
    .await
}
