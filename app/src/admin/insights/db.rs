use super::{MissedQuery, QueryStat, SearchInsights, TOP_QUERIES};
use crate::error::AppError;
use sqlx::PgPool;
use time::OffsetDateTime;

/// The most searched queries of the `days` days before `now`, and the most
/// searched of those that found nothing; blank queries are left out.
pub async fn insights(
    pool: &PgPool,
    now: OffsetDateTime,
    days: i32,
) -> Result<SearchInsights, AppError> {
    let totals = sqlx::query!(
        r#"SELECT count(*) AS "searches!", count(*) FILTER (WHERE results = 0) AS "zero_results!"
             FROM search_queries
            WHERE created_at > $1::timestamptz - make_interval(days => $2) AND btrim(query) <> ''"#,
        now,
        days
    )
    .fetch_one(pool)
    .await?;
    let top = sqlx::query_as!(
        QueryStat,
        r#"SELECT lower(btrim(query)) AS "query!", count(*) AS "searches!",
                  round(avg(results)::numeric, 1)::float8 AS "avg_results!",
                  shop_minute(max(created_at)) AS "last_searched!"
             FROM search_queries
            WHERE created_at > $1::timestamptz - make_interval(days => $2) AND btrim(query) <> ''
            GROUP BY 1 ORDER BY 2 DESC, max(created_at) DESC LIMIT $3"#,
        now,
        days,
        TOP_QUERIES
    )
    .fetch_all(pool)
    .await?;
    let zero_results = sqlx::query_as!(
        MissedQuery,
        r#"SELECT lower(btrim(query)) AS "query!", count(*) AS "searches!",
                  shop_minute(max(created_at)) AS "last_searched!"
             FROM search_queries
            WHERE created_at > $1::timestamptz - make_interval(days => $2) AND btrim(query) <> ''
              AND results = 0
            GROUP BY 1 ORDER BY 2 DESC, max(created_at) DESC LIMIT $3"#,
        now,
        days,
        TOP_QUERIES
    )
    .fetch_all(pool)
    .await?;
    Ok(SearchInsights {
        days,
        searches: totals.searches,
        zero_result_searches: totals.zero_results,
        top,
        zero_results,
    })
}
