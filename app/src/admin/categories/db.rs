use super::{CategoryForm, CategoryNode, subtree, tree_order};
use crate::admin::audit::db::{Target, name_label, record};
use crate::admin::products::{Pair, check_pair};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use sqlx::{PgConnection, PgPool};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    parent_id: Option<i64>,
    slug: String,
    position: i32,
    zh: String,
    en: String,
    products: i64,
}

async fn rows(conn: &mut PgConnection) -> Result<Vec<Row>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.parent_id, c.slug, c.position,
                COALESCE((SELECT name FROM category_translations t WHERE t.category_id = c.id AND t.locale = 'zh-CN'), '') AS zh,
                COALESCE((SELECT name FROM category_translations t WHERE t.category_id = c.id AND t.locale = 'en'), '') AS en,
                (SELECT count(*) FROM products p WHERE p.category_id = c.id) AS products
           FROM categories c",
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
    let all = rows(&mut *pool.acquire().await?).await?;
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
    // One writer at a time: moves are checked against the whole tree.
    sqlx::query("LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    let all = rows(&mut tx).await?;
    let before = match f.id {
        Some(id) => Some(form_of(
            all.iter().find(|r| r.id == id).ok_or(AppError::NotFound)?,
        )),
        None => None,
    };
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
    let id: i64 = match f.id {
        Some(id) => {
            sqlx::query(
                "UPDATE categories SET parent_id = $2, slug = $3, position = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(f.parent_id)
            .bind(&slug)
            .bind(f.position)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => sqlx::query_scalar(
            "INSERT INTO categories (parent_id, slug, position) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(f.parent_id)
        .bind(&slug)
        .bind(f.position)
        .fetch_one(&mut *tx)
        .await?,
    };
    for (locale, name) in [("zh-CN", &f.name.zh), ("en", &f.name.en)] {
        sqlx::query(
            "INSERT INTO category_translations (category_id, locale, name) VALUES ($1, $2, $3)
             ON CONFLICT (category_id, locale) DO UPDATE SET name = EXCLUDED.name",
        )
        .bind(id)
        .bind(locale)
        .bind(name.trim())
        .execute(&mut *tx)
        .await?;
    }
    // Category names are part of every product's search document below it.
    sqlx::query(
        "WITH RECURSIVE sub AS (SELECT $1::bigint AS id
                                UNION ALL SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)
         SELECT refresh_product_search(ARRAY(SELECT p.id FROM products p JOIN sub ON sub.id = p.category_id))",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let after = CategoryForm {
        id: Some(id),
        slug,
        ..f
    };
    let label = name_label(&after.name.zh, &after.name.en);
    record(
        &mut tx,
        staff,
        "admin/category/save",
        Target::new("category", id, &label),
        before.map(|b| serde_json::to_value(b).unwrap_or_default()),
        Some(serde_json::to_value(after).unwrap_or_default()),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete(pool: &PgPool, staff: &Staff, id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query("LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    let all = rows(&mut tx).await?;
    let row = all.iter().find(|r| r.id == id).ok_or(AppError::NotFound)?;
    if row.products > 0 || all.iter().any(|r| r.parent_id == Some(id)) {
        return Err(AppError::Conflict(ErrorKey::StillInUse));
    }
    let before = serde_json::to_value(form_of(row)).unwrap_or_default();
    let label = name_label(&row.zh, &row.en);
    sqlx::query("DELETE FROM categories WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        staff,
        "admin/category/delete",
        Target::new("category", id, &label),
        Some(before),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
