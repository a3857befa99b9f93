use super::{CategoryForm, CategoryNode, subtree, tree_order};
use crate::admin::products::{Pair, check_pair};
use crate::audit::{AuditAction, Snapshot, Target, audited_in, name_label};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use sqlx::{PgConnection, PgPool};

struct Row {
    id: i64,
    parent_id: Option<i64>,
    slug: String,
    position: i32,
    zh: String,
    en: String,
    products: i64,
}

/// Every category, or only `only`.
async fn rows(conn: &mut PgConnection, only: Option<i64>) -> Result<Vec<Row>, AppError> {
    Ok(sqlx::query_as!(
        Row,
        r#"SELECT c.id, c.parent_id, c.slug, c.position,
                  COALESCE((SELECT name FROM category_translations t
                             WHERE t.category_id = c.id AND t.locale = 'zh-CN'), '') AS "zh!",
                  COALESCE((SELECT name FROM category_translations t
                             WHERE t.category_id = c.id AND t.locale = 'en'), '') AS "en!",
                  (SELECT count(*) FROM products p WHERE p.category_id = c.id) AS "products!"
             FROM categories c
            WHERE ($1::bigint IS NULL OR c.id = $1)"#,
        only,
    )
    .fetch_all(&mut *conn)
    .await?)
}

fn form_of(r: &Row) -> CategoryForm {
    CategoryForm {
        id: Some(r.id),
        parent_id: r.parent_id,
        slug: r.slug.clone(),
        name: Pair {
            zh: r.zh.clone(),
            en: r.en.clone(),
        },
        position: r.position,
    }
}

pub async fn tree(pool: &PgPool) -> Result<Vec<CategoryNode>, AppError> {
    let all = rows(&mut *pool.acquire().await?, None).await?;
    let items: Vec<(i64, Option<i64>, i32)> = all
        .iter()
        .map(|r| (r.id, r.parent_id, r.position))
        .collect();
    Ok(tree_order(&items)
        .into_iter()
        .filter_map(|(id, depth)| {
            let r = all.iter().find(|r| r.id == id)?;
            Some(CategoryNode {
                form: form_of(r),
                depth,
                products: r.products,
                children: all.iter().filter(|c| c.parent_id == Some(id)).count() as i64,
            })
        })
        .collect())
}

/// A category as the audit log records it: its form and its name. Callers
/// hold the table lock, so the row cannot change under the entry.
async fn category_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let Some(row) = rows(conn, Some(id)).await?.pop() else {
        return Ok(None);
    };
    Ok(Some(Snapshot {
        target: Target::new("category", id, name_label(&row.zh, &row.en)),
        state: serde_json::to_value(form_of(&row)).map_err(|_| AppError::Internal)?,
    }))
}

/// One writer at a time: moves are checked against the whole tree.
async fn lock_tree(conn: &mut PgConnection) -> Result<(), AppError> {
    sqlx::query!("LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE")
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn save(pool: &PgPool, staff: &Staff, f: CategoryForm) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    let slug = f.slug.trim().to_string();
    if !crate::catalog::valid_slug(&slug) {
        errors.push(FieldError::new("slug", ErrorKey::Required));
    }
    check_pair(&mut errors, "name", &f.name, 40, true);
    if !(-1000..=1000).contains(&f.position) {
        errors.push(FieldError::new("position", ErrorKey::NumberInvalid));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = pool.begin().await?;
    lock_tree(&mut tx).await?;
    let id = audited_in(
        &mut tx,
        staff.into(),
        AuditAction::CategorySave,
        async |conn: &mut PgConnection, saved: Option<&i64>| match saved.copied().or(f.id) {
            Some(id) => category_snapshot(conn, id).await,
            None => Ok(None),
        },
        async |conn: &mut PgConnection| write(conn, &f, &slug).await,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Checks the form against the tree (under the table lock) and writes it.
async fn write(conn: &mut PgConnection, f: &CategoryForm, slug: &str) -> Result<i64, AppError> {
    let all = rows(&mut *conn, None).await?;
    if let Some(id) = f.id
        && !all.iter().any(|r| r.id == id)
    {
        return Err(AppError::NotFound);
    }
    if let Some(parent) = f.parent_id {
        let pairs: Vec<(i64, Option<i64>)> = all.iter().map(|r| (r.id, r.parent_id)).collect();
        let exists = all.iter().any(|r| r.id == parent);
        let cycle = f.id.is_some_and(|id| subtree(&pairs, id).contains(&parent));
        if !exists || cycle {
            return Err(AppError::Validation(vec![FieldError::new(
                "parent_id",
                ErrorKey::NumberInvalid,
            )]));
        }
    }
    if all.iter().any(|r| r.slug == slug && Some(r.id) != f.id) {
        return Err(AppError::Validation(vec![FieldError::new(
            "slug",
            ErrorKey::SlugTaken,
        )]));
    }
    let id = match f.id {
        Some(id) => {
            sqlx::query!(
                "UPDATE categories SET parent_id = $2, slug = $3, position = $4 WHERE id = $1",
                id,
                f.parent_id,
                slug,
                f.position,
            )
            .execute(&mut *conn)
            .await?;
            id
        }
        None => sqlx::query_scalar!(
            "INSERT INTO categories (parent_id, slug, position) VALUES ($1, $2, $3) RETURNING id",
            f.parent_id,
            slug,
            f.position,
        )
        .fetch_one(&mut *conn)
        .await?,
    };
    for (locale, name) in [("zh-CN", &f.name.zh), ("en", &f.name.en)] {
        sqlx::query!(
            "INSERT INTO category_translations (category_id, locale, name) VALUES ($1, $2, $3)
             ON CONFLICT (category_id, locale) DO UPDATE SET name = EXCLUDED.name",
            id,
            locale,
            name.trim(),
        )
        .execute(&mut *conn)
        .await?;
    }
    // Category names are part of every product's search document below it.
    sqlx::query!(
        "WITH RECURSIVE sub AS (SELECT $1::bigint AS id
                                UNION ALL SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)
         SELECT refresh_product_search(ARRAY(SELECT p.id FROM products p JOIN sub ON sub.id = p.category_id))",
        id,
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn delete(pool: &PgPool, staff: &Staff, id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_tree(&mut tx).await?;
    audited_in(
        &mut tx,
        staff.into(),
        AuditAction::CategoryDelete,
        async |conn: &mut PgConnection, _: Option<&()>| category_snapshot(conn, id).await,
        async |conn: &mut PgConnection| {
            let all = rows(&mut *conn, None).await?;
            let row = all.iter().find(|r| r.id == id).ok_or(AppError::NotFound)?;
            if row.products > 0 || all.iter().any(|r| r.parent_id == Some(id)) {
                return Err(AppError::Conflict(ErrorKey::StillInUse));
            }
            sqlx::query!("DELETE FROM categories WHERE id = $1", id)
                .execute(conn)
                .await?;
            Ok(())
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
