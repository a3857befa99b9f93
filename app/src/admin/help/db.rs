//! Staff's reads and writes of the help centre. Every save is audited in
//! its transaction (the article's or category's fields before and after);
//! categories are saved under a lock on their table, so two editors cannot
//! make a cycle between them.
use super::{ArticleEditor, ArticleForm, ArticleRow, CategoryForm, HelpAdmin};
use crate::audit::{AuditAction, Snapshot, Target, audited_in};
use crate::error::{AppError, Checks, ErrorKey};
use crate::help::{BODY_MAX, NAME_MAX, SLUG_MAX, TITLE_MAX, valid_slug};
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

async fn categories(conn: &mut PgConnection) -> Result<Vec<CategoryForm>, AppError> {
    Ok(sqlx::query_as!(
        CategoryForm,
        r#"SELECT id AS "id?", parent_id, slug, name_zh, name_en, position
             FROM help_categories ORDER BY position, id"#
    )
    .fetch_all(conn)
    .await?)
}

pub async fn overview(pool: &PgPool) -> Result<HelpAdmin, AppError> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query!(
        r#"SELECT a.id, a.category_id, a.slug, a.title_zh, a.title_en, a.published, a.updated_at,
                  (SELECT count(*) FROM help_votes v WHERE v.article_id = a.id AND v.helpful) AS "helpful!",
                  (SELECT count(*) FROM help_votes v WHERE v.article_id = a.id AND NOT v.helpful) AS "not_helpful!"
             FROM help_articles a ORDER BY a.position, a.id"#
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(HelpAdmin {
        categories: categories(&mut conn).await?,
        articles: rows
            .into_iter()
            .map(|r| ArticleRow {
                id: r.id,
                category_id: r.category_id,
                slug: r.slug,
                title_zh: r.title_zh,
                title_en: r.title_en,
                published: r.published,
                updated: crate::shop_time::display_local(r.updated_at.unix_timestamp()),
                helpful: r.helpful,
                not_helpful: r.not_helpful,
            })
            .collect(),
    })
}

pub async fn editor(pool: &PgPool, id: Option<i64>) -> Result<ArticleEditor, AppError> {
    let mut conn = pool.acquire().await?;
    let article = match id {
        Some(id) => sqlx::query_as!(
            ArticleForm,
            r#"SELECT id AS "id?", category_id, slug, title_zh, title_en, body_zh, body_en,
                      published, position
                 FROM help_articles WHERE id = $1"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?,
        None => ArticleForm::default(),
    };
    Ok(ArticleEditor {
        article,
        categories: categories(&mut conn).await?,
    })
}

/// Some text within `max` characters.
fn text(checks: &mut Checks, field: &str, value: &str, max: usize) {
    let n = value.trim().chars().count();
    if n == 0 {
        checks.fail(field, ErrorKey::Required);
    } else if n > max {
        checks.fail(field, ErrorKey::TooLong);
    }
}

fn check_article(a: &ArticleForm) -> Result<(), AppError> {
    let mut checks = Checks::default();
    if !valid_slug(a.slug.trim(), SLUG_MAX) {
        checks.fail("slug", ErrorKey::Required);
    }
    text(&mut checks, "title_zh", &a.title_zh, TITLE_MAX);
    text(&mut checks, "title_en", &a.title_en, TITLE_MAX);
    text(&mut checks, "body_zh", &a.body_zh, BODY_MAX);
    text(&mut checks, "body_en", &a.body_en, BODY_MAX);
    checks.finish()
}

async fn article_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query!(
        "SELECT id, category_id, slug, title_zh, title_en, published, position,
                length(body_zh) AS body_zh_chars, length(body_en) AS body_en_chars
           FROM help_articles WHERE id = $1",
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Snapshot {
        target: Target::new("help_article", r.id, r.title_zh.clone()),
        state: json!({
            "category": r.category_id, "slug": r.slug, "title_zh": r.title_zh,
            "title_en": r.title_en, "published": r.published, "position": r.position,
            "body_zh_chars": r.body_zh_chars, "body_en_chars": r.body_en_chars,
        }),
    }))
}

/// Creates or updates an article; a taken slug or a missing category is
/// refused on its field.
pub async fn save_article(
    pool: &PgPool,
    staff: &Staff,
    a: ArticleForm,
    now: OffsetDateTime,
) -> Result<i64, AppError> {
    check_article(&a)?;
    let slug = a.slug.trim().to_string();
    let mut tx = pool.begin().await?;
    let category = sqlx::query_scalar!(
        "SELECT id FROM help_categories WHERE id = $1",
        a.category_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if category.is_none() {
        return Err(AppError::invalid("category_id", ErrorKey::ChoiceInvalid));
    }
    let taken = sqlx::query_scalar!(
        "SELECT id FROM help_articles WHERE slug = $1 AND id IS DISTINCT FROM $2",
        slug,
        a.id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if taken.is_some() {
        return Err(AppError::invalid("slug", ErrorKey::SlugTaken));
    }
    let id = audited_in(
        &mut tx,
        staff.into(),
        AuditAction::HelpArticleSave,
        async |conn: &mut PgConnection, saved: Option<&i64>| match saved.copied().or(a.id) {
            Some(id) => article_snapshot(conn, id).await,
            None => Ok(None),
        },
        async |conn: &mut PgConnection| write_article(conn, &a, &slug, now).await,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn write_article(
    conn: &mut PgConnection,
    a: &ArticleForm,
    slug: &str,
    now: OffsetDateTime,
) -> Result<i64, AppError> {
    let (title_zh, title_en) = (a.title_zh.trim(), a.title_en.trim());
    let (body_zh, body_en) = (a.body_zh.trim(), a.body_en.trim());
    match a.id {
        Some(id) => sqlx::query_scalar!(
            "UPDATE help_articles
                SET category_id = $2, slug = $3, title_zh = $4, title_en = $5, body_zh = $6,
                    body_en = $7, published = $8, position = $9, updated_at = $10
              WHERE id = $1 RETURNING id",
            id,
            a.category_id,
            slug,
            title_zh,
            title_en,
            body_zh,
            body_en,
            a.published,
            a.position,
            now
        )
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::NotFound),
        None => Ok(sqlx::query_scalar!(
            "INSERT INTO help_articles (category_id, slug, title_zh, title_en, body_zh, body_en,
                                        published, position, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            a.category_id,
            slug,
            title_zh,
            title_en,
            body_zh,
            body_en,
            a.published,
            a.position,
            now
        )
        .fetch_one(conn)
        .await?),
    }
}

async fn category_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query!(
        "SELECT id, parent_id, slug, name_zh, name_en, position FROM help_categories WHERE id = $1",
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Snapshot {
        target: Target::new("help_category", r.id, r.name_zh.clone()),
        state: json!({
            "parent": r.parent_id, "slug": r.slug, "name_zh": r.name_zh,
            "name_en": r.name_en, "position": r.position,
        }),
    }))
}

/// Creates or updates a category. Its parent must exist and not be the
/// category itself or one below it.
pub async fn save_category(pool: &PgPool, staff: &Staff, c: CategoryForm) -> Result<i64, AppError> {
    let mut checks = Checks::default();
    let slug = c.slug.trim().to_string();
    if !valid_slug(&slug, 60) {
        checks.fail("slug", ErrorKey::Required);
    }
    text(&mut checks, "name_zh", &c.name_zh, NAME_MAX);
    text(&mut checks, "name_en", &c.name_en, NAME_MAX);
    checks.finish()?;
    let mut tx = pool.begin().await?;
    sqlx::query!("LOCK TABLE help_categories IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    let all = categories(&mut tx).await?;
    if let Some(id) = c.id
        && !all.iter().any(|r| r.id == Some(id))
    {
        return Err(AppError::NotFound);
    }
    if let Some(parent) = c.parent_id {
        let exists = all.iter().any(|r| r.id == Some(parent));
        if !exists || c.id.is_some_and(|id| below(&all, id, parent)) {
            return Err(AppError::invalid("parent_id", ErrorKey::ChoiceInvalid));
        }
    }
    if all.iter().any(|r| r.slug == slug && r.id != c.id) {
        return Err(AppError::invalid("slug", ErrorKey::SlugTaken));
    }
    let id = audited_in(
        &mut tx,
        staff.into(),
        AuditAction::HelpCategorySave,
        async |conn: &mut PgConnection, saved: Option<&i64>| match saved.copied().or(c.id) {
            Some(id) => category_snapshot(conn, id).await,
            None => Ok(None),
        },
        async |conn: &mut PgConnection| {
            let (zh, en) = (c.name_zh.trim(), c.name_en.trim());
            Ok(match c.id {
                Some(id) => {
                    sqlx::query_scalar!(
                        "UPDATE help_categories SET parent_id = $2, slug = $3, name_zh = $4,
                            name_en = $5, position = $6 WHERE id = $1 RETURNING id",
                        id,
                        c.parent_id,
                        slug,
                        zh,
                        en,
                        c.position
                    )
                    .fetch_one(conn)
                    .await?
                }
                None => {
                    sqlx::query_scalar!(
                        "INSERT INTO help_categories (parent_id, slug, name_zh, name_en, position)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        c.parent_id,
                        slug,
                        zh,
                        en,
                        c.position
                    )
                    .fetch_one(conn)
                    .await?
                }
            })
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether `candidate` is `id` or lies below it.
fn below(all: &[CategoryForm], id: i64, candidate: i64) -> bool {
    let mut at = Some(candidate);
    for _ in 0..=all.len() {
        match at {
            Some(x) if x == id => return true,
            Some(x) => {
                at = all
                    .iter()
                    .find(|c| c.id == Some(x))
                    .and_then(|c| c.parent_id)
            }
            None => return false,
        }
    }
    true
}
