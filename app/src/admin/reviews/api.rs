use super::ReviewList;
use crate::error::AppError;
use crate::reviews::ReviewStatus;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// Reviews by `filter` (queue, published, hidden or all), 20 a page
/// (`page` counts from 0). The queue is oldest first, the others newest.
#[server(endpoint = "admin/reviews", input = GetUrl)]
pub async fn admin_reviews(filter: String, page: i64) -> Result<ReviewList, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::ReviewModerate).await?;
        if !super::FILTERS.contains(&filter.as_str()) || !(0..=100_000).contains(&page) {
            return Err(AppError::BadRequest);
        }
        super::db::list(&server::pool()?, &filter, page).await
    })
    .await
}

/// Approves (`published`) or hides (`hidden`) a review; it leaves the queue.
#[server(endpoint = "admin/review/moderate", input = Json)]
pub async fn moderate_review(id: i64, status: ReviewStatus) -> Result<(), AppError> {
    use crate::error::ErrorKey;
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::ReviewModerate).await?;
        if !super::MODERATED_STATUSES.contains(&status) {
            return Err(AppError::invalid("status", ErrorKey::BadRequest));
        }
        super::db::moderate(&server::pool()?, &staff, id, status).await?;
        // Product pages show the published reviews, their replies and ratings.
        crate::catalog::listing_caches()?.clear();
        Ok(())
    })
    .await
}

/// Sets the shop's public reply to a review; an empty one removes it.
#[server(endpoint = "admin/review/reply", input = Json)]
pub async fn reply_review(id: i64, reply: String) -> Result<(), AppError> {
    use crate::error::ErrorKey;
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::ReviewModerate).await?;
        let reply = reply.trim();
        if reply.chars().count() > super::MAX_REPLY_CHARS {
            return Err(AppError::invalid("reply", ErrorKey::TooLong));
        }
        let reply = Some(reply).filter(|r| !r.is_empty());
        super::db::reply(&server::pool()?, &staff, id, reply).await?;
        crate::catalog::listing_caches()?.clear();
        Ok(())
    })
    .await
}
