//! The help centre's server functions: the tree, an article, search (and
//! the contact form's suggestions), and the helpful vote. Reads are GETs
//! with the language in the URL, so the service worker keeps them per
//! language for reading offline.
use super::{Article, CategoryNode, SearchHits, Votes};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// Votes one network may cast in an hour without an account.
#[cfg(feature = "ssr")]
const GUEST_VOTES_PER_HOUR: u32 = 60;

/// The categories and their published articles.
#[server(endpoint = "help", input = GetUrl)]
pub async fn help_centre(lang: String) -> Result<Vec<CategoryNode>, AppError> {
    use crate::server;
    server::run(async move { super::db::tree(&server::pool()?, lang == "en").await }).await
}

/// One published article.
#[server(endpoint = "help/article", input = GetUrl)]
pub async fn help_article(slug: String, lang: String) -> Result<Article, AppError> {
    use crate::server;
    server::run(async move {
        if !super::valid_slug(&slug, super::SLUG_MAX) {
            return Err(AppError::NotFound);
        }
        super::db::article(&server::pool()?, &slug, lang == "en").await
    })
    .await
}

/// Published articles matching `q`, best first.
#[server(endpoint = "help/search", input = GetUrl)]
pub async fn help_search(q: String, lang: String) -> Result<SearchHits, AppError> {
    use crate::server;
    server::run(async move {
        let pool = server::pool()?;
        super::db::search(&pool, &q, lang == "en", super::RESULTS_SHOWN).await
    })
    .await
}

/// The few best matches for what a shopper is typing into the contact form.
#[server(endpoint = "help/suggest", input = GetUrl)]
pub async fn help_suggest(q: String, lang: String) -> Result<SearchHits, AppError> {
    use crate::server;
    server::run(async move {
        let pool = server::pool()?;
        super::db::search(&pool, &q, lang == "en", super::SUGGESTIONS_SHOWN).await
    })
    .await
}

/// "Was this helpful?". A signed-in shopper votes as their account; anyone
/// else as their browser's random id (`voter`, kept in its storage), and a
/// network's votes without an account are throttled. Voting again changes
/// the vote.
#[server(endpoint = "help/vote", input = Json)]
pub async fn help_vote(slug: String, helpful: bool, voter: String) -> Result<Votes, AppError> {
    use crate::server;
    server::run(async move {
        let pool = server::pool()?;
        let voter = match server::optional_user().await? {
            Some(user) => format!("u{}", user.id),
            None => {
                let ok = (8..=64).contains(&voter.len())
                    && voter.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                if !ok {
                    return Err(AppError::BadRequest);
                }
                let bucket = server::ip_bucket(server::client_ip().await.as_deref());
                server::throttle::claim(
                    &pool,
                    "help_vote",
                    &bucket,
                    GUEST_VOTES_PER_HOUR,
                    std::time::Duration::from_secs(3600),
                    crate::error::ErrorKey::TooManyRequests,
                )
                .await?;
                format!("b{voter}")
            }
        };
        super::db::vote(&pool, &slug, &voter, helpful, server::now()?).await
    })
    .await
}
