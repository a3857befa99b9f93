//! The rows' server functions. Both take the caller's session when there
//! is one (to leave out what they bought and to use their history) and
//! work for guests.
use super::ProductRecs;
use crate::catalog::ProductCard;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// "Bought together" and "also viewed" for a product page.
#[server(endpoint = "recs/product", input = GetUrl)]
pub async fn get_product_recs(product_id: i64, lang: String) -> Result<ProductRecs, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::optional_user().await?.map(|u| u.id);
        let langs = crate::locale::locale_pair(&lang);
        super::db::for_product(&server::pool()?, langs, product_id, user).await
    })
    .await
}

/// "For you": from the browser's recently viewed products and categories
/// (newest first) and, for a signed-in shopper, their views, favourites and
/// orders kept on the server. A visitor with no history gets best sellers.
#[server(endpoint = "recs/for-you", input = Json)]
pub async fn for_you(
    products: Vec<i64>,
    categories: Vec<i64>,
    lang: String,
) -> Result<Vec<ProductCard>, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::optional_user().await?.map(|u| u.id);
        let history = super::db::History {
            products: products.into_iter().take(super::HISTORY_MAX).collect(),
            categories: categories.into_iter().take(super::HISTORY_MAX).collect(),
            user,
        };
        let langs = crate::locale::locale_pair(&lang);
        super::db::for_you(&server::pool()?, langs, &history, super::ROW as i64).await
    })
    .await
}
