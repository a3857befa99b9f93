use super::{CustomerDetail, CustomerList};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// Shoppers matching `q` (e-mail, name or phone; all when empty), newest
/// first, a page of 30 at a time (`page` counts from 0).
#[server(endpoint = "admin/customers", input = GetUrl)]
pub async fn admin_customers(q: String, page: i64) -> Result<CustomerList, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::CustomerRead).await?;
        let q = q.trim();
        if q.chars().count() > super::MAX_QUERY_CHARS || !(0..=100_000).contains(&page) {
            return Err(AppError::BadRequest);
        }
        super::db::search(&server::pool()?, q, page).await
    })
    .await
}

/// One shopper's page; staff accounts are not customers (404). Opening it
/// shows their personal data, so it is written to the audit log.
#[server(endpoint = "admin/customer", input = GetUrl)]
pub async fn admin_customer(id: i64) -> Result<CustomerDetail, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::CustomerRead).await?;
        let pool = server::pool()?;
        let detail = super::db::detail(&pool, id).await?;
        let email = &detail.customer.email;
        let action = crate::audit::AuditAction::CustomerView;
        crate::privacy::db::record_view(&pool, &staff, action, "customer", id, email).await?;
        Ok(detail)
    })
    .await
}

/// Disables a shopper's account (every session of theirs ends at once) or
/// enables it again.
#[server(endpoint = "admin/customer/disable", input = Json)]
pub async fn set_customer_disabled(id: i64, disabled: bool) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::CustomerDisable).await?;
        super::db::set_disabled(&server::pool()?, &staff, id, disabled).await
    })
    .await
}

/// Sets the lowest membership level a shopper keeps (regular: none), with
/// a reason; their level follows at once.
#[server(endpoint = "admin/customer/level", input = Json)]
pub async fn set_customer_level(id: i64, level: String, reason: String) -> Result<(), AppError> {
    use crate::error::{Checks, ErrorKey};
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::CustomerEdit).await?;
        let reason = reason.trim();
        let mut checks = Checks::default();
        if !super::is_level(&level) {
            checks.fail("level", ErrorKey::Required);
        }
        if reason.is_empty() {
            checks.fail("level_reason", ErrorKey::Required);
        } else if reason.chars().count() > super::MAX_REASON_CHARS {
            checks.fail("level_reason", ErrorKey::TooLong);
        }
        checks.finish()?;
        let now = server::now()?;
        super::db::set_level(&server::pool()?, &staff, id, &level, reason, now).await
    })
    .await
}

/// Adds (or, negative, takes away) loyalty points with a reason; the
/// balance never goes below zero. Returns the new balance.
#[server(endpoint = "admin/customer/points", input = Json)]
pub async fn adjust_customer_points(id: i64, delta: i32, reason: String) -> Result<i32, AppError> {
    use crate::error::{Checks, ErrorKey};
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::CustomerEdit).await?;
        let reason = reason.trim();
        let mut checks = Checks::default();
        if delta == 0 {
            checks.fail("delta", ErrorKey::Required);
        } else if delta.unsigned_abs() > super::MAX_POINTS_DELTA.unsigned_abs() {
            checks.fail("delta", ErrorKey::TooLong);
        }
        if reason.is_empty() {
            checks.fail("reason", ErrorKey::Required);
        } else if reason.chars().count() > super::MAX_REASON_CHARS {
            checks.fail("reason", ErrorKey::TooLong);
        }
        checks.finish()?;
        super::db::adjust_points(&server::pool()?, &staff, id, delta, reason, server::now()?).await
    })
    .await
}
