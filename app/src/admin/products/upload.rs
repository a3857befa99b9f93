//! A product image uploaded from the editor as a plain multipart post
//! (`POST /admin/upload/product-image`), so it works as an ordinary form:
//! reading the form, and where the editor is sent back to with the outcome.
//! The route is wiring in `server/src/admin_files.rs`; storing the image is
//! [`super::db::add_image`].
use super::Pair;
use crate::error::AppError;
use crate::server::Staff;
use crate::server::extract::error_code;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use axum::http::StatusCode;
use sqlx::PgPool;

/// One image and its alt texts stay well under this.
pub const UPLOAD_LIMIT: usize = crate::media::db::MAX_IMAGE_BYTES + 64 * 1024;

/// Adds the image `form` posts to its product's gallery and returns where
/// to send the editor: back to the product, saying it was added or why
/// not. An unreadable form is 400, an unknown product 404.
pub async fn post(pool: &PgPool, staff: &Staff, form: Multipart) -> Result<String, StatusCode> {
    let Ok((product, bytes, alt)) = read(form).await else {
        return Err(StatusCode::BAD_REQUEST);
    };
    let back = format!("/admin/products/{product}");
    match super::db::add_image(pool, staff, product, bytes, alt).await {
        Ok(_) => Ok(format!("{back}?image=added")),
        Err(AppError::NotFound) => Err(StatusCode::NOT_FOUND),
        Err(e) => Ok(format!("{back}?image_error={}", error_code(&e))),
    }
}

async fn read(mut form: Multipart) -> Result<(i64, Vec<u8>, Pair), MultipartError> {
    let (mut product, mut bytes, mut alt) = (0, Vec::new(), Pair::default());
    while let Some(field) = form.next_field().await? {
        match field.name().unwrap_or("") {
            "product_id" => product = field.text().await?.trim().parse().unwrap_or(0),
            "alt_zh" => alt.zh = field.text().await?,
            "alt_en" => alt.en = field.text().await?,
            "file" => bytes = field.bytes().await?.to_vec(),
            _ => {}
        }
    }
    Ok((product, bytes, alt))
}
