use super::AuditPage;
use crate::error::AppError;
use leptos::prelude::*;

/// Searches the log: `q` matches the actor's e-mail, the action, the entity,
/// its id or its name (an order number, a product's name, a SKU…), and the
/// before/after text. Newest first, a page at a time.
#[server(endpoint = "admin/audit", input = leptos::server_fn::codec::GetUrl)]
pub async fn audit_log(q: String, before_id: Option<i64>) -> Result<AuditPage, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::AuditRead).await?;
        if q.chars().count() > 100 {
            return Err(AppError::BadRequest);
        }
        super::db::search(&server::pool()?, q.trim(), before_id).await
    })
    .await
}
