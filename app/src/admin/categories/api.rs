use super::{CategoryForm, CategoryNode};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

#[server(endpoint = "admin/categories", input = GetUrl)]
pub async fn category_tree() -> Result<Vec<CategoryNode>, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async {
        server::require_staff(Permission::CategoryEdit).await?;
        super::db::tree(&server::pool()?).await
    })
    .await
}

#[server(endpoint = "admin/category/save", input = Json)]
pub async fn save_category(form: CategoryForm) -> Result<i64, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::CategoryEdit).await?;
        let state = server::state()?;
        let id = super::db::save(&state.pool, &staff, form).await?;
        crate::catalog::search_caches()?.searches.clear();
        // Names and places show in the menu and on every listing's trail.
        crate::catalog::listing_caches()?.clear();
        Ok(id)
    })
    .await
}

#[server(endpoint = "admin/category/delete", input = Json)]
pub async fn delete_category(id: i64) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::CategoryEdit).await?;
        super::db::delete(&server::pool()?, &staff, id).await?;
        crate::catalog::listing_caches()?.clear();
        Ok(())
    })
    .await
}
