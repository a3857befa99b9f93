use super::{MissedQuery, QueryStat, SearchInsights, TOP_QUERIES};
use crate::error::AppError;
use sqlx::PgPool;

/// The most searched queries of the last `days` days, and the most searched
/// of those that found nothing; blank queries are left out.
pub async fn insights(pool: &PgPool, days: i32) -> Result<SearchInsights, AppError> {
    const SINCE: &str = "created_at > now() - make_interval(days => $1) AND btrim(query) <> ''";
    const LAST: &str =
        "to_char(max(created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')";
    let (searches, zero_result_searches): (i64, i64) = sqlx::query_as(&format!(
        "SELECT count(*), count(*) FILTER (WHERE results = 0) FROM search_queries WHERE {SINCE}"
    ))
    .bind(days)
    .fetch_one(pool)
    .await?;
    let top: Vec<QueryStat> = sqlx::query_as(&format!(
        "SELECT lower(btrim(query)) AS query, count(*) AS searches,
                round(avg(results)::numeric, 1)::float8 AS avg_results,
                {LAST} AS last_searched
           FROM search_queries WHERE {SINCE}
          GROUP BY 1 ORDER BY 2 DESC, max(created_at) DESC LIMIT $2"
    ))
    .bind(days)
    .bind(TOP_QUERIES)
    .fetch_all(pool)
    .await?;
    let zero_results: Vec<MissedQuery> = sqlx::query_as(&format!(
        "SELECT lower(btrim(query)) AS query, count(*) AS searches, {LAST} AS last_searched
           FROM search_queries WHERE {SINCE} AND results = 0
          GROUP BY 1 ORDER BY 2 DESC, max(created_at) DESC LIMIT $2"
    ))
    .bind(days)
    .bind(TOP_QUERIES)
    .fetch_all(pool)
    .await?;
    Ok(SearchInsights {
        days,
        searches,
        zero_result_searches,
        top,
        zero_results,
    })
}
