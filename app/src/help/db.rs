//! The help centre's reads, search and votes (server only). Readers see
//! published articles only; a category shows when something published is
//! under it.
use super::{Article, ArticleLink, CategoryNode, Hit, SearchHits, Votes};
use crate::catalog::db::SearchTerms;
use crate::error::AppError;
use sqlx::PgPool;
use std::collections::HashMap;
use time::OffsetDateTime;

#[derive(Debug)]
struct CategoryRow {
    id: i64,
    parent_id: Option<i64>,
    slug: String,
    name: String,
}

#[derive(Debug)]
struct LinkRow {
    category_id: i64,
    slug: String,
    title: String,
}

/// The tree of categories with their published articles, in `position`
/// order at each level, names and titles in `en` or Chinese.
pub async fn tree(pool: &PgPool, en: bool) -> Result<Vec<CategoryNode>, AppError> {
    let cats = sqlx::query_as!(
        CategoryRow,
        r#"SELECT id, parent_id, slug, CASE WHEN $1 THEN name_en ELSE name_zh END AS "name!"
             FROM help_categories ORDER BY position, id"#,
        en
    )
    .fetch_all(pool)
    .await?;
    let links = sqlx::query_as!(
        LinkRow,
        r#"SELECT category_id, slug, CASE WHEN $1 THEN title_en ELSE title_zh END AS "title!"
             FROM help_articles WHERE published ORDER BY position, id"#,
        en
    )
    .fetch_all(pool)
    .await?;
    let mut articles: HashMap<i64, Vec<ArticleLink>> = HashMap::new();
    for l in links {
        articles
            .entry(l.category_id)
            .or_default()
            .push(ArticleLink {
                slug: l.slug,
                title: l.title,
            });
    }
    Ok(build(&cats, None, &mut articles, 0))
}

/// The nodes under `parent`, leaving out those with nothing published
/// beneath. Depth-capped: the editor refuses cycles, this never loops.
fn build(
    cats: &[CategoryRow],
    parent: Option<i64>,
    articles: &mut HashMap<i64, Vec<ArticleLink>>,
    depth: usize,
) -> Vec<CategoryNode> {
    if depth > 8 {
        return vec![];
    }
    cats.iter()
        .filter(|c| c.parent_id == parent)
        .filter_map(|c| {
            let children = build(cats, Some(c.id), articles, depth + 1);
            let own = articles.remove(&c.id).unwrap_or_default();
            (!own.is_empty() || !children.is_empty()).then(|| CategoryNode {
                slug: c.slug.clone(),
                name: c.name.clone(),
                articles: own,
                children,
            })
        })
        .collect()
}

/// A published article by its slug, with its category path, votes and the
/// other articles of its category.
pub async fn article(pool: &PgPool, slug: &str, en: bool) -> Result<Article, AppError> {
    let row = sqlx::query!(
        r#"SELECT a.id, a.category_id, a.slug, a.updated_at,
                  CASE WHEN $2 THEN a.title_en ELSE a.title_zh END AS "title!",
                  CASE WHEN $2 THEN a.body_en ELSE a.body_zh END AS "body!",
                  (SELECT count(*) FROM help_votes v WHERE v.article_id = a.id AND v.helpful) AS "helpful!",
                  (SELECT count(*) FROM help_votes v WHERE v.article_id = a.id AND NOT v.helpful) AS "not_helpful!"
             FROM help_articles a
            WHERE a.slug = $1 AND a.published"#,
        slug,
        en
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let path = sqlx::query_scalar!(
        r#"WITH RECURSIVE up (id, parent_id, name, depth) AS (
               SELECT id, parent_id, CASE WHEN $2 THEN name_en ELSE name_zh END, 0
                 FROM help_categories WHERE id = $1
               UNION ALL
               SELECT c.id, c.parent_id, CASE WHEN $2 THEN c.name_en ELSE c.name_zh END, up.depth + 1
                 FROM help_categories c JOIN up ON c.id = up.parent_id
                WHERE up.depth < 8)
           SELECT name AS "name!" FROM up ORDER BY depth DESC"#,
        row.category_id,
        en
    )
    .fetch_all(pool)
    .await?;
    let related = sqlx::query_as!(
        ArticleLink,
        r#"SELECT slug, CASE WHEN $3 THEN title_en ELSE title_zh END AS "title!"
             FROM help_articles
            WHERE category_id = $1 AND id <> $2 AND published
            ORDER BY position, id LIMIT 5"#,
        row.category_id,
        row.id,
        en
    )
    .fetch_all(pool)
    .await?;
    Ok(Article {
        slug: row.slug,
        title: row.title,
        body: row.body,
        path,
        updated: crate::shop_time::display_local(row.updated_at.unix_timestamp()),
        helpful: row.helpful,
        not_helpful: row.not_helpful,
        related,
    })
}

struct HitRow {
    slug: String,
    title: String,
    body: String,
}

/// Articles matching `q`, best first, at most `limit`. Every word must be
/// found, as in the catalog; when nothing is, the search tries again
/// forgiving a typo: an English word that begins no article word is
/// replaced by the most similar one (trigram similarity over `help_words`),
/// and a Chinese run matches an article holding most of its characters and
/// one of its pairs (a wrong character breaks two pairs but only one of
/// several characters). That second search reads every published article,
/// which suits a help centre of hundreds.
pub async fn search(pool: &PgPool, q: &str, en: bool, limit: i64) -> Result<SearchHits, AppError> {
    let mut terms = SearchTerms::parse(q);
    if terms.is_empty() {
        return Ok(SearchHits {
            corrected: None,
            close: false,
            hits: vec![],
        });
    }
    let (latin, cjk) = (terms.latin_query(""), terms.cjk_query(""));
    let exact = sqlx::query_as!(
        HitRow,
        r#"SELECT a.slug,
                  CASE WHEN $3 THEN a.title_en ELSE a.title_zh END AS "title!",
                  CASE WHEN $3 THEN a.body_en ELSE a.body_zh END AS "body!"
             FROM help_articles a,
                  LATERAL (SELECT to_tsquery('english', $1) && to_tsquery('simple', $2) AS q) x
            WHERE a.published AND a.search_tsv @@ x.q
            ORDER BY ts_rank(a.search_tsv, x.q) DESC, a.position, a.id
            LIMIT $4"#,
        latin,
        cjk,
        en,
        limit
    )
    .fetch_all(pool)
    .await?;
    if !exact.is_empty() {
        return Ok(hits(exact, None, false));
    }
    let corrected = correct(pool, &mut terms).await?;
    let chars: Vec<String> = terms
        .cjk
        .iter()
        .flat_map(|run| run.chars().map(String::from).collect::<Vec<_>>())
        .collect();
    let pairs: Vec<String> = terms
        .cjk
        .iter()
        .flat_map(|run| {
            let c: Vec<char> = run.chars().collect();
            c.windows(2)
                .map(|w| w.iter().collect())
                .collect::<Vec<String>>()
        })
        .collect();
    let close = sqlx::query_as!(
        HitRow,
        r#"SELECT slug AS "slug!", title AS "title!", body AS "body!" FROM (
               SELECT a.slug, a.position, a.id,
                      CASE WHEN $4 THEN a.title_en ELSE a.title_zh END AS title,
                      CASE WHEN $4 THEN a.body_en ELSE a.body_zh END AS body,
                      (SELECT count(*) FROM unnest($2::text[]) c
                        WHERE a.search_tsv @@ to_tsquery('simple', c)) AS chars,
                      (SELECT count(*) FROM unnest($3::text[]) p
                        WHERE a.search_tsv @@ to_tsquery('simple', p)) AS pairs
                 FROM help_articles a
                WHERE a.published
                  AND ($1 = '' OR a.search_tsv @@ to_tsquery('english', $1))) s
            WHERE cardinality($2::text[]) = 0
               OR (s.chars * 4 >= cardinality($2::text[]) * 3
                   AND (s.pairs >= 1 OR cardinality($3::text[]) = 0))
            ORDER BY s.chars + s.pairs DESC, s.position, s.id
            LIMIT $5"#,
        terms.latin_query(""),
        &chars[..],
        &pairs[..],
        en,
        limit
    )
    .fetch_all(pool)
    .await?;
    let shown = corrected.then(|| terms.display());
    Ok(hits(close, shown, !terms.cjk.is_empty()))
}

fn hits(rows: Vec<HitRow>, corrected: Option<String>, close: bool) -> SearchHits {
    SearchHits {
        close: close && !rows.is_empty(),
        corrected: corrected.filter(|_| !rows.is_empty()),
        hits: rows
            .into_iter()
            .map(|r| Hit {
                snippet: super::snippet(&r.body, 90),
                slug: r.slug,
                title: r.title,
            })
            .collect(),
    }
}

/// Replaces English words that are neither help-centre words nor the start
/// of one with the most similar help-centre word. Returns whether anything
/// changed.
async fn correct(pool: &PgPool, terms: &mut SearchTerms) -> Result<bool, AppError> {
    if terms.latin.is_empty() {
        return Ok(false);
    }
    let fixed: Vec<String> = sqlx::query_scalar!(
        r#"SELECT CASE
                  WHEN length(q.w) < 4 OR q.w ~ '^[0-9]+$'
                    OR EXISTS (SELECT 1 FROM help_words s
                                WHERE s.word ~>=~ q.w AND s.word ~<~ (q.w || '~')) THEN q.w
                  ELSE COALESCE((SELECT s.word FROM help_words s WHERE s.word % q.w
                                  ORDER BY similarity(s.word, q.w) DESC, s.word LIMIT 1), q.w)
                END AS "word!"
           FROM unnest($1::text[]) WITH ORDINALITY AS q(w, i)
          ORDER BY q.i"#,
        &terms.latin[..],
    )
    .fetch_all(pool)
    .await?;
    let changed = fixed != terms.latin;
    terms.latin = fixed;
    Ok(changed)
}

/// Records `voter`'s vote on article `slug` (a second vote replaces the
/// first) and returns the article's counts.
pub async fn vote(
    pool: &PgPool,
    slug: &str,
    voter: &str,
    helpful: bool,
    now: OffsetDateTime,
) -> Result<Votes, AppError> {
    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        "SELECT id FROM help_articles WHERE slug = $1 AND published",
        slug
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    sqlx::query!(
        "INSERT INTO help_votes (article_id, voter, helpful, voted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (article_id, voter) DO UPDATE SET helpful = EXCLUDED.helpful, voted_at = EXCLUDED.voted_at",
        id,
        voter,
        helpful,
        now
    )
    .execute(&mut *tx)
    .await?;
    let counts = sqlx::query!(
        r#"SELECT count(*) FILTER (WHERE helpful) AS "helpful!",
                  count(*) FILTER (WHERE NOT helpful) AS "not_helpful!"
             FROM help_votes WHERE article_id = $1"#,
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Votes {
        helpful: counts.helpful,
        not_helpful: counts.not_helpful,
    })
}
