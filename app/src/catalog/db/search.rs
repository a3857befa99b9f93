//! Search in PostgreSQL alone. A query is split into Latin words (stemmed by
//! the English configuration, matched as prefixes so type-ahead works, and
//! corrected against the catalog's own words when they match nothing) and
//! Chinese runs (matched as character bigrams, so 羽绒 finds 羽绒服).
use super::search_listing::{SearchBudget, search_listing};
use super::{Langs, categories};
use crate::catalog::{Facets, Filters, Listing, MAX_QUERY_CHARS, SearchResults, Suggestion};
use crate::error::AppError;
use sqlx::{PgPool, Postgres, QueryBuilder};

/// Words of a query, reduced to characters that are safe inside a tsquery:
/// Latin words are `[a-z0-9]+`, Chinese runs are CJK ideographs only.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchTerms {
    pub latin: Vec<String>,
    pub cjk: Vec<String>,
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// At most this many words are searched for; the rest are ignored.
const MAX_TERMS: usize = 8;

impl SearchTerms {
    pub fn parse(q: &str) -> Self {
        let mut terms = SearchTerms::default();
        let (mut word, mut run) = (String::new(), String::new());
        let flush = |buf: &mut String, into: &mut Vec<String>| {
            if !buf.is_empty() && !into.contains(buf) && into.len() < MAX_TERMS {
                into.push(std::mem::take(buf));
            }
            buf.clear();
        };
        for c in q.chars().take(MAX_QUERY_CHARS).flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                flush(&mut run, &mut terms.cjk);
                if word.len() < 40 {
                    word.push(c);
                }
            } else if is_cjk(c) {
                flush(&mut word, &mut terms.latin);
                run.push(c);
            } else {
                flush(&mut word, &mut terms.latin);
                flush(&mut run, &mut terms.cjk);
            }
        }
        flush(&mut word, &mut terms.latin);
        flush(&mut run, &mut terms.cjk);
        terms
    }

    pub fn is_empty(&self) -> bool {
        self.latin.is_empty() && self.cjk.is_empty()
    }

    /// `shoes & run` → `shoes:* & run:*`, for the English configuration;
    /// with `weights` `A`, `shoes:*A & run:*A` (found in a name).
    pub fn latin_query(&self, weights: &str) -> String {
        self.latin
            .iter()
            .map(|w| format!("{w}:*{weights}"))
            .collect::<Vec<_>>()
            .join(" & ")
    }

    /// 羽绒服 → `羽绒 & 绒服`; a single character stands for itself; with
    /// `weights` `A`, `羽绒:A & 绒服:A`.
    pub fn cjk_query(&self, weights: &str) -> String {
        let mut toks: Vec<String> = Vec::new();
        for run in &self.cjk {
            let chars: Vec<char> = run.chars().collect();
            if chars.len() == 1 {
                toks.push(run.clone());
            } else {
                toks.extend(chars.windows(2).map(|w| w.iter().collect::<String>()));
            }
        }
        toks.dedup();
        let sep = if weights.is_empty() { "" } else { ":" };
        toks.iter()
            .map(|t| format!("{t}{sep}{weights}"))
            .collect::<Vec<_>>()
            .join(" & ")
    }

    /// Pushes a tsquery expression with its parameters bound.
    pub fn push_tsquery(&self, qb: &mut QueryBuilder<'_, Postgres>) {
        self.push_weighted(qb, "");
    }

    /// [`Self::push_tsquery`] matching only where every word is in a
    /// product's name (weight A of its search document).
    pub fn push_name_tsquery(&self, qb: &mut QueryBuilder<'_, Postgres>) {
        self.push_weighted(qb, "A");
    }

    fn push_weighted(&self, qb: &mut QueryBuilder<'_, Postgres>, weights: &str) {
        let (latin, cjk) = (self.latin_query(weights), self.cjk_query(weights));
        match (latin.is_empty(), cjk.is_empty()) {
            (false, false) => {
                qb.push("(to_tsquery('english', ");
                qb.push_bind(latin);
                qb.push(") && to_tsquery('simple', ");
                qb.push_bind(cjk);
                qb.push("))");
            }
            (false, true) => {
                qb.push("to_tsquery('english', ");
                qb.push_bind(latin);
                qb.push(")");
            }
            _ => {
                qb.push("to_tsquery('simple', ");
                qb.push_bind(cjk);
                qb.push(")");
            }
        }
    }

    pub fn display(&self) -> String {
        self.cjk
            .iter()
            .chain(&self.latin)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Two searches share cached results when their language, search terms and
/// filters are the same. The key is built from the terms a query is reduced
/// to (at most `MAX_TERMS` words from its first `MAX_QUERY_CHARS`
/// characters), not from the text sent, and from bounded filters: whatever
/// a request carries, the key stays under a few kilobytes, and junk that
/// searches for nothing (punctuation, text past the limit) shares one entry
/// instead of filling the cache with unique keys.
pub fn cache_key(lang: &str, q: &str, filters: &Filters) -> String {
    let terms = SearchTerms::parse(q);
    let filters = serde_json::to_string(&filters.clone().bounded()).unwrap_or_default();
    format!(
        "{lang}\u{1f}{}\u{1f}{}\u{1f}{filters}",
        terms.latin.join(" "),
        terms.cjk.join(" ")
    )
}

/// Replaces Latin words that are neither catalog words nor the start of one
/// with the most similar catalog word (trigram similarity). Returns whether
/// anything changed.
async fn correct(pool: &PgPool, terms: &mut SearchTerms) -> Result<bool, AppError> {
    if terms.latin.is_empty() {
        return Ok(false);
    }
    let fixed: Vec<String> = sqlx::query_scalar!(
        r#"SELECT CASE
                  WHEN length(q.w) < 4 OR q.w ~ '^[0-9]+$'
                    OR EXISTS (SELECT 1 FROM search_words s
                                WHERE s.word ~>=~ q.w AND s.word ~<~ (q.w || '~')) THEN q.w
                  ELSE COALESCE((SELECT s.word FROM search_words s WHERE s.word % q.w
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

/// The results page, within the default budget: see [`search_within`].
pub async fn search(
    pool: &PgPool,
    q: &str,
    langs: Langs,
    f: &Filters,
) -> Result<SearchResults, AppError> {
    search_within(pool, q, langs, f, SearchBudget::default()).await
}

/// The results page: ranked, filtered and sorted like a category page, over
/// at most what `budget` allows (`search_listing.rs`).
pub async fn search_within(
    pool: &PgPool,
    q: &str,
    langs: Langs,
    f: &Filters,
    budget: SearchBudget,
) -> Result<SearchResults, AppError> {
    let mut terms = SearchTerms::parse(q);
    if terms.is_empty() {
        return Ok(SearchResults {
            corrected: None,
            listing: Listing {
                products: vec![],
                total: 0,
                page: 1,
                pages: 1,
                capped: false,
                facets: Facets::default(),
            },
        });
    }
    let corrected = correct(pool, &mut terms).await?.then(|| terms.display());
    let all = categories(pool, langs).await?;
    let listing = search_listing(pool, langs, &all, &terms, f, budget).await?;
    Ok(SearchResults { corrected, listing })
}

#[derive(sqlx::FromRow)]
struct SuggestRow {
    is_category: bool,
    label: String,
    href: String,
}

/// Most matching products type-ahead reads, however common the prefix
/// typed: the suggestions are the best of these (the words in the name
/// first, then rank and sales), so a one-letter prefix costs what a rare
/// word does.
const SUGGEST_SCAN: i64 = 1_000;

/// Type-ahead: a few matching categories, then the best-ranked product names.
pub async fn suggest(pool: &PgPool, q: &str, langs: Langs) -> Result<Vec<Suggestion>, AppError> {
    let mut terms = SearchTerms::parse(q);
    if terms.is_empty() {
        return Ok(vec![]);
    }
    correct(pool, &mut terms).await?;
    // A QueryBuilder rather than a checked macro: the tsquery's shape (Latin
    // words, Chinese bigrams or both) depends on what was typed. `q` is
    // materialised so the limit below reads the text index (see
    // `search_listing::push_scan`).
    let mut qb = QueryBuilder::<Postgres>::new("WITH q AS MATERIALIZED (SELECT ");
    terms.push_tsquery(&mut qb);
    qb.push(" AS tsq, ");
    terms.push_name_tsquery(&mut qb);
    qb.push(
        " AS names)
        (SELECT true AS is_category, COALESCE(t.name, f.name) AS label, '/c/' || c.slug AS href
            FROM categories c
            LEFT JOIN category_translations t ON t.category_id = c.id AND t.locale = ",
    );
    qb.push_bind(langs.0);
    qb.push(" LEFT JOIN category_translations f ON f.category_id = c.id AND f.locale = ");
    qb.push_bind(langs.1);
    qb.push(
        " WHERE EXISTS (SELECT 1 FROM category_translations x, q WHERE x.category_id = c.id
                          AND agora_search_vector(x.name) @@ q.tsq)
          ORDER BY c.parent_id NULLS FIRST, c.position LIMIT 3)
        UNION ALL
        (SELECT false, COALESCE(t.name, f.name, p.slug), '/p/' || p.slug
           FROM (SELECT * FROM (SELECT p.id, p.slug, p.sales_count, p.search_tsv @@ q.names AS name_hit,
                                       ts_rank_cd(p.search_tsv, q.tsq) AS rank
                                  FROM q, products p
                                 WHERE p.listed AND p.search_tsv @@ q.tsq LIMIT ",
    );
    qb.push_bind(SUGGEST_SCAN);
    // The best six first, then their names: six lookups, not a thousand.
    qb.push(
        ") s ORDER BY name_hit DESC, rank DESC, sales_count DESC, id DESC LIMIT 6) p
          LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = ",
    );
    qb.push_bind(langs.0);
    qb.push(" LEFT JOIN product_translations f ON f.product_id = p.id AND f.locale = ");
    qb.push_bind(langs.1);
    qb.push(" ORDER BY p.name_hit DESC, p.rank DESC, p.sales_count DESC, p.id DESC)");
    let rows: Vec<SuggestRow> = qb.build_query_as().fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| Suggestion {
            label: r.label,
            href: r.href,
            is_category: r.is_category,
        })
        .collect())
}

/// Records a search for the back office's insights. Losing a few of these
/// in a crash is acceptable, so the commit does not wait for the disk.
pub async fn log_query(pool: &PgPool, q: &str, locale: &str, results: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!("SET LOCAL synchronous_commit = off")
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "INSERT INTO search_queries (query, locale, results) VALUES ($1, $2, $3)",
        q.chars().take(MAX_QUERY_CHARS).collect::<String>(),
        locale,
        i32::try_from(results).unwrap_or(i32::MAX),
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_latin_words_and_chinese_runs() {
        let t = SearchTerms::parse("  Down羽绒服, T-Shirt 鞋 <script>'; DROP ");
        assert_eq!(t.latin, ["down", "t", "shirt", "script", "drop"]);
        assert_eq!(t.cjk, ["羽绒服", "鞋"]);
        assert_eq!(t.cjk_query(""), "羽绒 & 绒服 & 鞋");
        assert_eq!(
            t.latin_query(""),
            "down:* & t:* & shirt:* & script:* & drop:*"
        );
        // Found in a name: every word with weight A.
        assert_eq!(t.cjk_query("A"), "羽绒:A & 绒服:A & 鞋:A");
        assert_eq!(
            t.latin_query("A"),
            "down:*A & t:*A & shirt:*A & script:*A & drop:*A"
        );
        assert!(SearchTerms::parse(" ,.!? ").is_empty());
    }

    #[test]
    fn long_queries_are_bounded() {
        // Only the first 100 characters count: "ab ab … ab a", deduplicated.
        let t = SearchTerms::parse(&"ab ".repeat(500));
        assert_eq!(t.latin, ["ab", "a"]);
        let many: String = (0..30).map(|i| format!("w{i} ")).collect();
        assert_eq!(SearchTerms::parse(&many).latin.len(), MAX_TERMS);
    }

    #[test]
    fn cache_keys_are_bounded_whatever_the_request_carries() {
        let f = Filters::default();
        // 100 KB of query: the key holds only the terms searched for.
        let huge = format!("羽绒 {}", "x".repeat(100_000));
        assert!(cache_key("zh-CN", &huge, &f).len() < 300);
        // Text past the limit, case, spacing and punctuation change nothing.
        assert_eq!(
            cache_key("zh-CN", &format!("羽绒 {}", "!".repeat(100_000)), &f),
            cache_key("zh-CN", &format!(" 羽绒 {}", "?".repeat(50_000)), &f)
        );
        assert_eq!(cache_key("en", "Down", &f), cache_key("en", " down!", &f));
        assert_ne!(cache_key("en", "down", &f), cache_key("zh-CN", "down", &f));
        // A thousand attribute filters of 10 KB each: bounded too.
        let mut many = Filters::default();
        for i in 0..1_000 {
            many.attrs.insert(format!("a{i}"), "v".repeat(10_000));
        }
        assert!(cache_key("en", "down", &many).len() < 4_000);
    }
}
