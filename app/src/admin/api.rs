use super::{AdminFn, Overview};
use crate::accounts::Permission;
use crate::error::AppError;
use leptos::prelude::*;

pub const FNS: &[AdminFn] = &[AdminFn::read("admin/overview", Permission::AdminAccess)];

/// Who is signed in and the counts behind the navigation's badges; open to
/// every staff role (the figures are counts, not records).
#[server(endpoint = "admin/overview", input = leptos::server_fn::codec::GetUrl)]
pub async fn admin_overview() -> Result<Overview, AppError> {
    use crate::server;
    server::run(async {
        let staff = server::require_staff(Permission::AdminAccess).await?;
        let counts = super::db::counts(&server::pool()?).await?;
        Ok(Overview {
            me: staff.user,
            counts,
        })
    })
    .await
}
