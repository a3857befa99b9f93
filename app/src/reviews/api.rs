//! Review server functions. Writing a review (with photos) goes through the
//! multipart route in the server crate, which calls `db::create`.
use super::ReviewView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Published reviews of a product, newest first, optionally by star count.
#[server(endpoint = "reviews", input = GetUrl)]
pub async fn product_reviews(
    product_id: i64,
    stars: Option<i16>,
    #[server(default)] offset: i64,
) -> Result<Vec<ReviewView>, AppError> {
    use crate::server;
    server::run(async move {
        if stars.is_some_and(|s| !(1..=5).contains(&s)) {
            return Err(AppError::BadRequest);
        }
        super::db::list(&server::pool()?, product_id, stars, offset).await
    })
    .await
}

#[server(endpoint = "review_helpful")]
pub async fn vote_helpful(review_id: i64) -> Result<i32, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        super::db::vote(&server::pool()?, user.id, review_id).await
    })
    .await
}
