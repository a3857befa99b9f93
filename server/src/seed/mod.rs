//! Demo data: the bilingual catalog and one account per role. Loading runs in
//! one transaction and only inserts what is missing, so loading twice changes
//! nothing (and edits made since are kept).
mod art;
mod data;
mod help;
mod profile;

pub use art::placeholder_svg;
pub use data::{CATALOG, DEMO_PASSWORD, DEMO_USERS};

use crate::Result;
use app::accounts::Role;
use app::media::db::{Prepared, insert_prepared, prepare};
use app::reviews::ReviewStatus;
use app::server::hash_password;
use profile::{COLOURS, Pair, Profile, REVIEWS, profile};
use serde_json::json;
use sqlx::{PgPool, Postgres, Transaction};

type Tx<'a> = Transaction<'a, Postgres>;

/// Price multipliers (percent) for the five products of a sub-category.
const PRICE_STEPS: [i64; 5] = [100, 130, 80, 160, 70];

/// Shoppers whose (published) reviews the demo catalog shows.
const REVIEWERS: [(&str, &str); 3] = [
    ("lina@agora.test", "李娜"),
    ("wangwei@agora.test", "王伟"),
    ("emma@agora.test", "Emma"),
];

/// One demo product, flattened from the catalog tree.
struct Item {
    no: i64,
    slug: String,
    department: &'static str,
    leaf: &'static str,
    price: i64,
    names: Pair,
    materials: [Pair; 3],
    tag: Pair,
}

/// The two colours of product number `n`; its pictures are drawn in them.
fn colours_of(n: i64) -> [Pair; 2] {
    let pick = |k: i64| COLOURS[(k as usize) % COLOURS.len()];
    [pick(n), pick(n + 1)]
}

fn items() -> Vec<Item> {
    let mut out = Vec::new();
    for dept in CATALOG {
        for leaf in dept.leaves {
            for (pi, names) in leaf.products.iter().enumerate() {
                out.push(Item {
                    no: out.len() as i64 + 1,
                    slug: format!("{}-{}", leaf.slug, pi + 1),
                    department: dept.slug,
                    leaf: leaf.slug,
                    price: (leaf.base_price * PRICE_STEPS[pi] / 100 / 1000) * 1000 + 900,
                    names: *names,
                    materials: leaf.materials,
                    tag: leaf.tag,
                });
            }
        }
    }
    out
}

/// (sub-category, colour, product slug) for each picture to draw.
type Keys = Vec<(&'static str, &'static str, String)>;
/// Each picture's PNG original with its renditions.
type Pictures = Vec<(Vec<u8>, Prepared)>;

/// Renders and resizes every picture (one per colour of each product) on all
/// cores; this is the slow part of loading the demo, so a process renders
/// them once (tests load the demo into many databases).
fn pictures(keys: Keys) -> Pictures {
    static DONE: std::sync::Mutex<Vec<(Keys, Pictures)>> = std::sync::Mutex::new(Vec::new());
    let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, pics)) = done.iter().find(|(k, _)| *k == keys) {
        return pics.clone();
    }
    let started = std::time::Instant::now();
    let pics = render(&keys);
    tracing::info!(pictures = pics.len(), elapsed = ?started.elapsed(), "demo pictures rendered");
    done.push((keys, pics.clone()));
    pics
}

fn render(keys: &[(&'static str, &'static str, String)]) -> Vec<(Vec<u8>, Prepared)> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(1);
    let chunk = keys.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = keys
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|(leaf, colour, slug)| {
                            let png = art::product_png(leaf, colour, slug);
                            let prepared = prepare(&png).expect("the demo art decodes");
                            (png, prepared)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("picture thread"))
            .collect()
    })
}

pub async fn load_demo(pool: &PgPool) -> Result<()> {
    let mut tx = pool.begin().await?;
    // Two instances starting at once load the demo one after the other.
    sqlx::query!("SELECT FROM pg_advisory_xact_lock(72420001)")
        .execute(&mut *tx)
        .await?;
    let items = items();
    let slugs: Vec<String> = items.iter().map(|i| i.slug.clone()).collect();
    let present = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM products WHERE slug = ANY($1)"#,
        &slugs[..],
    )
    .fetch_one(&mut *tx)
    .await?;
    for (email, name, role) in DEMO_USERS
        .iter()
        .map(|(e, n, r)| (*e, *n, *r))
        .chain(REVIEWERS.iter().map(|(e, n)| (*e, *n, Role::Shopper)))
    {
        let exists = sqlx::query_scalar!(
            r#"SELECT EXISTS(SELECT 1 FROM users WHERE lower(email) = $1) AS "exists!""#,
            email,
        )
        .fetch_one(&mut *tx)
        .await?;
        if !exists {
            let hash = hash_password(DEMO_PASSWORD.to_string())
                .await
                .map_err(|e| e.to_string())?;
            sqlx::query!(
                // Demo addresses (@agora.test) receive nothing: counted as
                // confirmed, so the demo's accounts look like used ones.
                "INSERT INTO users (email, password_hash, display_name, role, email_confirmed_at)
                 VALUES ($1, $2, $3, $4, now())",
                email,
                hash.as_str(),
                name,
                role as Role,
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    if present < items.len() as i64 {
        load_catalog(&mut tx, &items).await?;
    }
    load_promotions(&mut tx).await?;
    load_wallet_coupon(&mut tx).await?;
    help::load_help(&mut tx).await?;
    tx.commit().await?;
    tracing::info!(products = items.len(), "demo data loaded");
    Ok(())
}

async fn load_catalog(tx: &mut Tx<'_>, items: &[Item]) -> Result<()> {
    let mut categories = std::collections::HashMap::new();
    for (di, dept) in CATALOG.iter().enumerate() {
        let dept_id = category(tx, None, dept.slug, di, dept.zh, dept.en).await?;
        for (li, leaf) in dept.leaves.iter().enumerate() {
            let id = category(tx, Some(dept_id), leaf.slug, li, leaf.zh, leaf.en).await?;
            categories.insert(leaf.slug, id);
        }
    }
    let brand = attribute(tx, "brand", 0, ("品牌", "Brand")).await?;
    let material = attribute(tx, "material", 1, ("材质", "Material")).await?;
    let emails: Vec<String> = REVIEWERS.iter().map(|r| r.0.to_string()).collect();
    let reviewers = sqlx::query_scalar!(
        "SELECT id FROM users WHERE email = ANY($1) ORDER BY email",
        &emails[..],
    )
    .fetch_all(&mut **tx)
    .await?;
    // The cover shows the first colour; the second colour's picture belongs
    // to that colour's variants.
    let keys: Keys = items
        .iter()
        .flat_map(|i| colours_of(i.no).map(|c| (i.leaf, c.0, i.slug.clone())))
        .collect();
    let pics = tokio::task::spawn_blocking(move || pictures(keys))
        .await
        .map_err(|e| e.to_string())?;
    let mut new_ids = Vec::new();
    for (item, pair) in items.iter().zip(pics.chunks(2)) {
        let [(cover_png, cover), (alt_png, alt)] = pair else {
            continue;
        };
        let cover_id = insert_prepared(tx, cover_png, cover).await?;
        let alt_id = insert_prepared(tx, alt_png, alt).await?;
        let ids = Ids {
            category: categories[item.leaf],
            cover: cover_id,
            alt: alt_id,
            brand,
            material,
        };
        if let Some(id) = product(tx, item, &ids, &reviewers).await? {
            new_ids.push(id);
        }
    }
    sqlx::query!("SELECT FROM refresh_product_search($1)", &new_ids[..])
        .execute(&mut **tx)
        .await?;
    member_prices(tx, &new_ids).await
}

/// Member prices on every fifth new product, so the demo shows them: 10%
/// off for gold members, 15% for VIP, in whole yuan.
async fn member_prices(tx: &mut Tx<'_>, products: &[i64]) -> Result<()> {
    sqlx::query!(
        "INSERT INTO member_prices (variant_id, level, price_minor)
         SELECT v.id, m.level, (v.price_minor * m.pct / 100 / 100 * 100)
           FROM product_variants v
          CROSS JOIN (VALUES ('gold', 90), ('vip', 85)) m (level, pct)
          WHERE v.product_id = ANY($1) AND v.product_id % 5 = 0
            AND v.price_minor * m.pct / 100 / 100 * 100 BETWEEN 1 AND v.price_minor - 1
         ON CONFLICT DO NOTHING",
        products
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn attribute(tx: &mut Tx<'_>, code: &str, position: i32, (zh, en): Pair) -> Result<i64> {
    let id = sqlx::query_scalar!(
        r#"WITH ins AS (INSERT INTO attributes (code, position) VALUES ($1, $2)
                        ON CONFLICT (code) DO NOTHING RETURNING id)
           SELECT id AS "id!" FROM ins UNION ALL SELECT id FROM attributes WHERE code = $1 LIMIT 1"#,
        code,
        position,
    )
    .fetch_one(&mut **tx)
    .await?;
    for (locale, name) in [("zh-CN", zh), ("en", en)] {
        sqlx::query!(
            "INSERT INTO attribute_translations (attribute_id, locale, name) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            id,
            locale,
            name,
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

struct Ids {
    category: i64,
    cover: i64,
    alt: i64,
    brand: i64,
    material: i64,
}

async fn category(
    tx: &mut Tx<'_>,
    parent: Option<i64>,
    slug: &str,
    position: usize,
    zh: &str,
    en: &str,
) -> Result<i64> {
    let id = sqlx::query_scalar!(
        r#"WITH ins AS (INSERT INTO categories (parent_id, slug, position) VALUES ($1, $2, $3)
                        ON CONFLICT (slug) DO NOTHING RETURNING id)
           SELECT id AS "id!" FROM ins UNION ALL SELECT id FROM categories WHERE slug = $2 LIMIT 1"#,
        parent,
        slug,
        position as i32,
    )
    .fetch_one(&mut **tx)
    .await?;
    for (locale, name) in [("zh-CN", zh), ("en", en)] {
        sqlx::query!(
            "INSERT INTO category_translations (category_id, locale, name) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            id,
            locale,
            name,
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// Inserts one product with its texts, attributes, two colours times two
/// values of its department's option, pictures and reviews. Returns the new
/// id, or None when the slug already exists.
///
/// The steps run in this order on purpose: ids come from sequences, so the
/// same order gives the same rows on every load.
async fn product(
    tx: &mut Tx<'_>,
    item: &Item,
    ids: &Ids,
    reviewers: &[i64],
) -> Result<Option<i64>> {
    let n = item.no;
    let prof = profile(item.department);
    let tags = tags_of(item);
    // Fixed creation times keep "newest first" stable between loads.
    let inserted = sqlx::query_scalar!(
        "INSERT INTO products (slug, category_id, image_id, featured, created_at, tags, sales_count)
         VALUES ($1, $2, $3, $4, timestamptz '2026-10-01 00:00:00+00' + make_interval(hours => $5::int), $6, $7)
         ON CONFLICT (slug) DO NOTHING RETURNING id",
        &item.slug,
        ids.category,
        ids.cover,
        n % 4 == 1,
        n as i32,
        &tags[..],
        ((n * 53) % 400) as i32,
    )
    .fetch_optional(&mut **tx)
    .await?;
    let Some(id) = inserted else { return Ok(None) };
    product_texts(tx, id, item).await?;
    product_attributes(tx, id, item, ids, &prof).await?;
    product_options(tx, id, &prof).await?;
    variants_and_pictures(tx, id, item, ids, &prof).await?;
    product_reviews(tx, id, n, reviewers).await?;
    Ok(Some(id))
}

/// The sub-category's tag pair, plus 热卖/bestseller on every third product.
fn tags_of(item: &Item) -> Vec<String> {
    let mut t = vec![item.tag.0, item.tag.1];
    if item.no % 3 == 0 {
        t.extend(["热卖", "bestseller"]);
    }
    t.into_iter().map(str::to_string).collect()
}

/// The product's name and description in both languages.
async fn product_texts(tx: &mut Tx<'_>, id: i64, item: &Item) -> Result<()> {
    let (zh, en) = item.names;
    let texts = [
        (
            "zh-CN",
            zh.to_string(),
            format!("{zh}：精选用料，做工细致，日常使用舒适耐用。"),
        ),
        (
            "en",
            en.to_string(),
            format!("{en}: well-chosen materials and careful workmanship, made for everyday use."),
        ),
    ];
    for (locale, name, description) in texts {
        sqlx::query!(
            "INSERT INTO product_translations (product_id, locale, name, description) VALUES ($1, $2, $3, $4)",
            id,
            locale,
            name,
            description,
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Brand and material, picked from the department's and the sub-category's
/// lists by product number so neighbours differ.
async fn product_attributes(
    tx: &mut Tx<'_>,
    id: i64,
    item: &Item,
    ids: &Ids,
    prof: &Profile,
) -> Result<()> {
    let n = item.no;
    let pick = |list: &[Pair], k: i64| list[(k as usize) % list.len()];
    for (attr, (vzh, ven)) in [
        (ids.brand, pick(&prof.brands, n)),
        (ids.material, pick(&item.materials, n / 2)),
    ] {
        for (locale, value) in [("zh-CN", vzh), ("en", ven)] {
            sqlx::query!(
                "INSERT INTO product_attributes (product_id, attribute_id, locale, value) VALUES ($1, $2, $3, $4)",
                id,
                attr,
                locale,
                value,
            )
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Colour first, then the department's own option.
async fn product_options(tx: &mut Tx<'_>, id: i64, prof: &Profile) -> Result<()> {
    for (pos, (zh, en)) in [("颜色", "Colour"), prof.option].into_iter().enumerate() {
        sqlx::query!(
            "INSERT INTO product_options (product_id, position, name) VALUES ($1, $2, $3)",
            id,
            pos as i16,
            json!({"zh-CN": zh, "en": en}),
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The cover picture, then the four variants; the second colour's variants
/// each get that colour's picture, inserted right after the variant it
/// belongs to.
async fn variants_and_pictures(
    tx: &mut Tx<'_>,
    id: i64,
    item: &Item,
    ids: &Ids,
    prof: &Profile,
) -> Result<()> {
    let n = item.no;
    let (zh, en) = item.names;
    // Each picture's alt text names the colour it shows.
    let colours = colours_of(n);
    let alt = |(czh, cen): Pair| json!({"zh-CN": format!("{zh}（{czh}）"), "en": format!("{en} ({cen})")});
    sqlx::query!(
        "INSERT INTO product_images (product_id, image_id, position, alt) VALUES ($1, $2, 0, $3)",
        id,
        ids.cover,
        alt(colours[0]),
    )
    .execute(&mut **tx)
    .await?;
    // Every ninth product is sold out, so shoppers see both states; one
    // variant of every fifth is, so the picker shows it.
    let mut position = 0;
    for (ci, colour) in colours.iter().enumerate() {
        for (vi, value) in prof.values.iter().enumerate() {
            let stock = if n % 9 == 0 || (n % 5 == 0 && ci == 1 && vi == 1) {
                0
            } else {
                3 + ((n * 37 + position * 11) % 120) as i32
            };
            let variant = sqlx::query_scalar!(
                "INSERT INTO product_variants (product_id, sku, price_minor, currency, stock, position, option_values)
                 VALUES ($1, $2, $3, 'CNY', $4, $5, $6) RETURNING id",
                id,
                format!("{}-{}{}", item.slug, ci + 1, vi + 1).to_uppercase(),
                item.price * [100, 120][vi] / 100,
                stock,
                position as i32,
                json!([{"zh-CN": colour.0, "en": colour.1}, {"zh-CN": value.0, "en": value.1}]),
            )
            .fetch_one(&mut **tx)
            .await?;
            position += 1;
            if ci == 1 {
                sqlx::query!(
                    "INSERT INTO product_images (product_id, image_id, variant_id, position, alt)
                     VALUES ($1, $2, $3, 1, $4)",
                    id,
                    ids.alt,
                    variant,
                    alt(*colour),
                )
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(())
}

/// Zero to three reviews, deterministic per product. They are the shop's
/// history, published and already looked at, so a new shop's moderation
/// queue starts empty rather than with the demo's reviews. Dated within the
/// 31 days before the load (at most 30 days of hours after its start), so
/// history never lies in the future and a review written today is the
/// newest.
async fn product_reviews(tx: &mut Tx<'_>, id: i64, n: i64, reviewers: &[i64]) -> Result<()> {
    for (k, user) in reviewers.iter().enumerate().take((n % 4) as usize) {
        let (rating, body) = REVIEWS[((n as usize) + k * 3) % REVIEWS.len()];
        sqlx::query!(
            "INSERT INTO reviews (product_id, user_id, rating, body, status, created_at, moderated_at)
             VALUES ($1, $2, $3, $4, $5,
                     date_trunc('day', now()) - interval '31 days' + make_interval(hours => $6::int % 720),
                     date_trunc('day', now()) - interval '31 days' + make_interval(hours => $6::int % 720))",
            id,
            user,
            rating,
            body,
            ReviewStatus::Published as ReviewStatus,
            (n * 7 + k as i64) as i32,
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Demo promotions, once: three coupons, a 满减 with two tiers, a 限时折扣 on
/// one category and a new-customer offer.
/// Coupons used only from a wallet (issue 19): `GOLD30` for gold members
/// and above, which staff issue on the membership page, and `CLAIM8`,
/// which shoppers claim on product pages. Checkout suggests them.
async fn load_wallet_coupon(tx: &mut sqlx::PgConnection) -> Result<()> {
    sqlx::query!(
        r#"WITH coupon AS (
               INSERT INTO promotions (kind, code, name, percent_off, amount_off_minor, free_shipping,
                                       tiers, min_spend_minor, category_ids, applies_to_sale_items)
               SELECT 'coupon', 'CLAIM8',
                      '{"zh-CN": "领券满 99 减 8", "en": "Claimed coupon: ¥8 off ¥99"}',
                      NULL, 800, false, NULL, 9900, '{}', true
                WHERE NOT EXISTS (SELECT 1 FROM promotions WHERE code = 'CLAIM8')
               RETURNING id)
           INSERT INTO coupon_terms (promotion_id, wallet_only, claimable, valid_days)
           SELECT id, true, true, 7 FROM coupon"#
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        r#"WITH coupon AS (
               INSERT INTO promotions (kind, code, name, percent_off, amount_off_minor, free_shipping,
                                       tiers, min_spend_minor, category_ids, applies_to_sale_items)
               SELECT 'coupon', 'GOLD30',
                      '{"zh-CN": "黄金会员满 150 减 30", "en": "Gold members: ¥30 off ¥150"}',
                      NULL, 3000, false, NULL, 15000, '{}', true
                WHERE NOT EXISTS (SELECT 1 FROM promotions WHERE code = 'GOLD30')
               RETURNING id)
           INSERT INTO coupon_terms (promotion_id, wallet_only, min_level, valid_days)
           SELECT id, true, 'gold', 30 FROM coupon"#
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn load_promotions(tx: &mut sqlx::PgConnection) -> Result<()> {
    let any = sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM promotions) AS "any!""#)
        .fetch_one(&mut *tx)
        .await?;
    if any {
        return Ok(());
    }
    sqlx::query!(
        r#"INSERT INTO promotions (kind, code, name, percent_off, amount_off_minor, free_shipping, tiers,
                                   min_spend_minor, category_ids, applies_to_sale_items, starts_at, ends_at,
                                   usage_limit, per_customer_limit)
           VALUES
           ('coupon', 'WELCOME10', '{"zh-CN": "新客九折券", "en": "10% welcome coupon"}',
            10, NULL, false, NULL, 10000, '{}', true, NULL, NULL, NULL, 1),
           ('coupon', 'SAVE20', '{"zh-CN": "满 199 减 20 券", "en": "¥20 off ¥199"}',
            NULL, 2000, false, NULL, 19900, '{}', false, NULL, NULL, 1000, NULL),
           ('coupon', 'FREESHIP', '{"zh-CN": "包邮券", "en": "Free delivery coupon"}',
            NULL, NULL, true, NULL, 0, '{}', true, NULL, NULL, NULL, NULL),
           ('threshold', NULL, '{"zh-CN": "满 300 减 50，满 600 减 120", "en": "¥50 off ¥300, ¥120 off ¥600"}',
            NULL, NULL, false, '[{"min_minor": 30000, "off_minor": 5000}, {"min_minor": 60000, "off_minor": 12000}]',
            0, '{}', true, NULL, NULL, NULL, NULL),
           ('sale', NULL, '{"zh-CN": "限时 85 折", "en": "Limited-time 15% off"}',
            15, NULL, false, NULL, 0,
            ARRAY(SELECT id FROM categories WHERE slug = 'tea'), true,
            now() - interval '1 day', now() + interval '30 days', NULL, NULL),
           ('new_customer', NULL, '{"zh-CN": "新人首单立减 15 元", "en": "¥15 off your first order"}',
            NULL, 1500, false, NULL, 5000, '{}', true, NULL, NULL, NULL, NULL)"#
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
