use super::Overview;
use crate::error::AppError;
use leptos::prelude::*;

/// The landing page's data; open to every staff role.
#[server(endpoint = "admin/overview", input = leptos::server_fn::codec::GetUrl)]
pub async fn admin_overview() -> Result<Overview, AppError> {
    use crate::{accounts::Permission, admin::db, server};
    server::run(async {
        let me = server::require_permission(Permission::AdminAccess).await?;
        let counts = db::counts(&server::pool()?).await?;
        Ok(Overview { me, counts })
    })
    .await
}
