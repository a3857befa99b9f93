use super::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin/dashboard", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async {
        server::require_staff(Permission::ReportRead).await?;
        super::db::dashboard(&server::pool()?, server::now()?).await
    })
    .await
}
