use super::{ImageEdit, ImportReport, ProductEditor, ProductForm, ProductList};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

#[server(endpoint = "admin/products", input = GetUrl)]
pub async fn list_products(q: String, page: i64) -> Result<ProductList, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::ProductEdit).await?;
        if q.chars().count() > 100 || !(0..=10_000).contains(&page) {
            return Err(AppError::BadRequest);
        }
        super::db::list(&server::pool()?, q.trim(), page).await
    })
    .await
}

/// The editor's data; `id` 0 gives a blank form for a new product.
#[server(endpoint = "admin/product", input = GetUrl)]
pub async fn get_product_editor(id: i64) -> Result<ProductEditor, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::ProductEdit).await?;
        super::db::editor(&server::pool()?, id).await
    })
    .await
}

/// Creates or updates a product with its translations, options, variants
/// and attributes, in one transaction. Returns its id.
#[server(endpoint = "admin/product/save", input = Json)]
pub async fn save_product(form: ProductForm) -> Result<i64, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::ProductEdit).await?;
        let state = server::state()?;
        let id = super::db::save(&state.pool, &staff, form).await?;
        crate::catalog::search_caches()?.clear();
        crate::catalog::listing_caches()?.clear();
        Ok(id)
    })
    .await
}

#[server(endpoint = "admin/product/listed", input = Json)]
pub async fn set_listed(id: i64, listed: bool) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::ProductEdit).await?;
        let state = server::state()?;
        super::db::set_listed(&state.pool, &staff, id, listed).await?;
        crate::catalog::search_caches()?.clear();
        crate::catalog::listing_caches()?.clear();
        Ok(())
    })
    .await
}

/// The gallery in its new order with its alt texts; images left out are
/// removed from the product. The first image is the cover.
#[server(endpoint = "admin/product/images", input = Json)]
pub async fn save_images(id: i64, images: Vec<ImageEdit>) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::ProductEdit).await?;
        super::db::save_images(&server::pool()?, &staff, id, images).await?;
        // The cover shows on every card and the gallery on the product page.
        crate::catalog::listing_caches()?.clear();
        Ok(())
    })
    .await
}

/// Checks a CSV file row by row; writes it only when `dry_run` is false and
/// no row has a problem (all rows or none).
#[server(endpoint = "admin/products/import", input = Json)]
pub async fn import_products(csv: String, dry_run: bool) -> Result<ImportReport, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::ProductEdit).await?;
        if csv.len() > super::MAX_IMPORT_CHARS {
            return Err(AppError::Conflict(crate::error::ErrorKey::TooLong));
        }
        let state = server::state()?;
        let report = super::db::import(&state.pool, &staff, &csv, dry_run).await?;
        if report.written {
            crate::catalog::search_caches()?.clear();
            crate::catalog::listing_caches()?.clear();
        }
        Ok(report)
    })
    .await
}
