//! The back office's two plain HTTP routes, guarded like its server
//! functions (`app::server::extract::StaffWith`): a product image upload
//! (multipart, so it works as an ordinary form post; `app::admin::products::upload`)
//! and the product CSV export (a file download).
use app::server::AppState;
use app::server::extract::{ProductEdit, StaffWith};
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

pub use app::admin::products::upload::UPLOAD_LIMIT;

/// POST /admin/upload/product-image: answers with a redirect back to the
/// product's editor, carrying the outcome for the page to show.
pub async fn upload(
    State(state): State<AppState>,
    staff: StaffWith<ProductEdit>,
    form: Multipart,
) -> Response {
    match app::admin::products::upload::post(&state.pool, &staff.into_staff(), form).await {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(status) => status.into_response(),
    }
}

/// GET /admin/export/products.csv
pub async fn export(State(state): State<AppState>, _: StaffWith<ProductEdit>) -> Response {
    match app::admin::products::db::export(&state.pool).await {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"agora-products.csv\""),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
