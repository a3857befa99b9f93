use super::SearchInsights;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// What shoppers searched for over the last `days` days (1 to 90).
#[server(endpoint = "admin/insights", input = GetUrl)]
pub async fn load_insights(days: i32) -> Result<SearchInsights, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::ReportRead).await?;
        if !(1..=super::MAX_DAYS).contains(&days) {
            return Err(AppError::BadRequest);
        }
        super::db::insights(&server::pool()?, server::now()?, days).await
    })
    .await
}
