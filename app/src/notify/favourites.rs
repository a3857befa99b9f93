//! Back in stock and price drops on shoppers' favourites. The database
//! notes each change in `favourite_events` in the change's own transaction
//! (a trigger on `product_variants`, migration 28); [`fan_out`] then writes
//! each favouriting shopper's inbox message and e-mail to the outbox, one
//! event per transaction (`FOR UPDATE SKIP LOCKED`, so any number of
//! instances may run it), keyed per event, shopper and channel: once per
//! change. They are promotions: the shopper's switches apply, and e-mail
//! only with their opt-in.
use super::Event;
use super::db::{To, fan_out_to};
use crate::error::AppError;
use crate::server::outbox::Category;
use serde_json::json;
use sqlx::PgPool;

struct Noted {
    id: i64,
    product_id: i64,
    kind: String,
    price_minor: i64,
    currency: String,
    slug: String,
    name_zh: String,
    name_en: String,
}

struct Fan {
    id: i64,
    email: String,
    display_name: String,
    locale: String,
}

/// Tells the favouriting shoppers of up to `limit` noted events; returns
/// how many events were handled.
pub async fn fan_out(pool: &PgPool, limit: usize) -> Result<usize, AppError> {
    let mut handled = 0;
    while handled < limit {
        let mut tx = pool.begin().await?;
        let Some(e) = sqlx::query_as!(
            Noted,
            r#"SELECT e.id, e.product_id, e.kind, e.price_minor, e.currency, p.slug,
                      COALESCE(zh.name, en.name, p.slug) AS "name_zh!",
                      COALESCE(en.name, zh.name, p.slug) AS "name_en!"
                 FROM favourite_events e JOIN products p ON p.id = e.product_id
                 LEFT JOIN product_translations zh ON zh.product_id = p.id AND zh.locale = 'zh-CN'
                 LEFT JOIN product_translations en ON en.product_id = p.id AND en.locale = 'en'
                WHERE e.done_at IS NULL
                ORDER BY e.id LIMIT 1
                  FOR UPDATE OF e SKIP LOCKED"#
        )
        .fetch_optional(&mut *tx)
        .await?
        else {
            break;
        };
        let event = match e.kind.as_str() {
            "price_drop" => Event::FavouritePriceDrop,
            _ => Event::FavouriteBackInStock,
        };
        let fans = sqlx::query_as!(
            Fan,
            "SELECT u.id, u.email, u.display_name, u.locale
               FROM favourites f JOIN users u ON u.id = f.user_id
              WHERE f.product_id = $1 AND u.disabled_at IS NULL AND u.erased_at IS NULL",
            e.product_id
        )
        .fetch_all(&mut *tx)
        .await?;
        for fan in fans {
            let payload = json!({
                "product_zh": e.name_zh,
                "product_en": e.name_en,
                "price_minor": e.price_minor,
                "currency": e.currency,
                "name": fan.display_name,
                "path": format!("/p/{}", e.slug),
            });
            let to = To {
                user_id: Some(fan.id),
                email: &fan.email,
                locale: &fan.locale,
            };
            let stem = format!("favourite:{}:{}", e.id, fan.id);
            fan_out_to(&mut tx, &stem, event, Category::Promotions, &to, payload).await?;
        }
        sqlx::query!(
            "UPDATE favourite_events SET done_at = now() WHERE id = $1",
            e.id
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        handled += 1;
    }
    Ok(handled)
}
