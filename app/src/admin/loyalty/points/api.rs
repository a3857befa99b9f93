use super::{PointsRulesForm, PointsVersion};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The points rules' latest versions, the one in force first.
#[server(endpoint = "admin/loyalty/points", input = GetUrl)]
pub async fn admin_points_rules() -> Result<Vec<PointsVersion>, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::PromotionEdit).await?;
        super::db::versions(&server::pool()?).await
    })
    .await
}

/// Saves the rules as a new version; each wrong field named. Answers
/// whether anything changed (saving the rules in force adds nothing).
#[server(endpoint = "admin/loyalty/points-rules", input = Json)]
pub async fn save_points_rules(form: PointsRulesForm) -> Result<bool, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::PromotionEdit).await?;
        let terms = form.parse().map_err(AppError::Validation)?;
        super::db::save(&server::pool()?, &staff, &terms).await
    })
    .await
}
