//! `agora-server recommendations` (the job, once) and
//! `agora-server recommend-eval [--shoppers N] [--seed S]`: how well "for
//! you" predicts a shopper's next purchase, against the best sellers.
//!
//! A behaviour generator makes shoppers browse and buy the demo catalog:
//! each shopper has two favourite categories (chosen by how popular the
//! categories are), visits the shop in sessions, views a few products of
//! one category per session (usually a favourite one, sometimes any), now
//! and then looks at something popular elsewhere, and often buys one of
//! the products viewed, sometimes with a product from the category that
//! goes with it. Every shopper's last visit is held out: its views and its
//! order are not written. The rest is written to the database, the
//! recommendations job runs, and for each shopper "for you" (the same
//! query the home page uses, with the shopper's server-side history) and
//! the best sellers of the written orders (leaving out what the shopper
//! bought, as "for you" does) are asked for ten products. Hit rate at 10 is
//! the share of shoppers whose held-out purchase is among them.
//!
//! Everything is written in one transaction that is rolled back, so it
//! leaves nothing behind. It needs the demo catalog in the database (the
//! shop served once with `AGORA_DEMO_DATA=1`, or `generate-catalog`) and
//! refuses to run without it. Run it on a scratch database or a copy, not
//! on the live shop: until it rolls back it holds a lock on every demo
//! product row (it rewrites their sales counts) and the recommendations
//! job's lock.
use crate::Result;
use app::catalog::recommend::db::{History, for_you_ids, refresh};
use sqlx::{PgConnection, PgPool};
use std::collections::{HashMap, HashSet};

/// A small deterministic generator (SplitMix64): the same seed gives the
/// same shoppers on every machine and every version, which a library
/// generator does not promise across releases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// An index drawn with probability proportional to its weight.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// A demo product as the generator sees it.
struct Product {
    id: i64,
    category: usize,
    popularity: f64,
}

/// The catalog grouped by leaf category, with each category's partner
/// (the category whose products are bought along with it).
struct Catalog {
    products: Vec<Product>,
    by_category: Vec<Vec<usize>>,
    partner: Vec<usize>,
}

impl Catalog {
    fn category_weights(&self) -> Vec<f64> {
        self.by_category
            .iter()
            .map(|ps| ps.iter().map(|p| self.products[*p].popularity).sum())
            .collect()
    }
    /// A product of `category` not in `except`, by popularity.
    fn pick(&self, rng: &mut Rng, category: usize, except: &[usize]) -> Option<usize> {
        let choices: Vec<usize> = self.by_category[category]
            .iter()
            .copied()
            .filter(|p| !except.contains(p))
            .collect();
        let weights: Vec<f64> = choices
            .iter()
            .map(|p| self.products[*p].popularity)
            .collect();
        (!choices.is_empty()).then(|| choices[rng.weighted(&weights)])
    }
}

/// One visit: what was viewed, then what was bought (maybe nothing).
struct Visit {
    day: i64,
    viewed: Vec<usize>,
    bought: Vec<usize>,
}

/// A shopper's visits, the last one held out.
struct Shopper {
    visits: Vec<Visit>,
}

fn shopper(rng: &mut Rng, cat: &Catalog) -> Shopper {
    let weights = cat.category_weights();
    let first = rng.weighted(&weights);
    let second = loop {
        let c = rng.weighted(&weights);
        if c != first || cat.by_category.len() == 1 {
            break c;
        }
    };
    let all: Vec<f64> = cat.products.iter().map(|p| p.popularity).collect();
    let visits_n = 4 + rng.below(4);
    let mut owned: Vec<usize> = vec![];
    let mut visits = Vec::with_capacity(visits_n);
    for v in 0..visits_n {
        let category = match rng.unit() {
            x if x < 0.4 => first,
            x if x < 0.75 => second,
            _ => rng.weighted(&weights),
        };
        let mut viewed: Vec<usize> = vec![];
        for _ in 0..2 + rng.below(4) {
            if let Some(p) = cat.pick(rng, category, &viewed) {
                viewed.push(p);
            }
        }
        if rng.unit() < 0.2 {
            let p = rng.weighted(&all);
            if !viewed.contains(&p) {
                viewed.push(p);
            }
        }
        let mut bought = vec![];
        if v + 1 == visits_n || rng.unit() < 0.5 {
            // One of the category's products viewed and not owned yet, by
            // popularity; else any product of the category not owned.
            let here: Vec<usize> = viewed
                .iter()
                .copied()
                .filter(|p| cat.products[*p].category == category && !owned.contains(p))
                .collect();
            let weights: Vec<f64> = here.iter().map(|p| cat.products[*p].popularity).collect();
            let first = match here.is_empty() {
                false => Some(here[rng.weighted(&weights)]),
                true => cat.pick(rng, category, &owned),
            };
            if let Some(p) = first {
                bought.push(p);
                owned.push(p);
                if rng.unit() < 0.35
                    && let Some(q) = cat.pick(rng, cat.partner[category], &owned)
                {
                    bought.push(q);
                    owned.push(q);
                }
            }
        }
        visits.push(Visit {
            day: (v as i64) * 9 + rng.below(5) as i64,
            viewed,
            bought,
        });
    }
    Shopper { visits }
}

/// What the command prints.
#[derive(Debug)]
pub struct Report {
    pub shoppers: usize,
    pub products: usize,
    pub orders: usize,
    pub for_you_hits: usize,
    pub best_seller_hits: usize,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rate = |hits: usize| hits as f64 / self.shoppers.max(1) as f64;
        write!(
            f,
            "{} shoppers, {} products, {} training orders; held out: each shopper's last purchase\n\
             hit rate at 10, for you:      {:.3} ({} hits)\n\
             hit rate at 10, best sellers: {:.3} ({} hits)",
            self.shoppers,
            self.products,
            self.orders,
            rate(self.for_you_hits),
            self.for_you_hits,
            rate(self.best_seller_hits),
            self.best_seller_hits,
        )
    }
}

pub async fn command(pool: &PgPool, args: &[&str]) -> Result<Report> {
    let (mut shoppers, mut seed) = (2000usize, 19u64);
    let mut rest = args;
    while let [flag, value, tail @ ..] = rest {
        match (*flag, value.parse::<u64>()) {
            ("--shoppers", Ok(n)) if (1..=100_000).contains(&n) => shoppers = n as usize,
            ("--seed", Ok(s)) => seed = s,
            _ => return Err(USAGE.into()),
        }
        rest = tail;
    }
    if !rest.is_empty() {
        return Err(USAGE.into());
    }
    let mut tx = pool.begin().await?;
    let report = evaluate(&mut tx, shoppers, seed).await;
    // Nothing the evaluation wrote stays, whatever its outcome.
    tx.rollback().await?;
    report
}

/// `agora-server recommendations`: the recommendations job, once.
pub async fn recommendations_command(cfg: crate::config::Config) -> crate::Result<()> {
    let (pool, _embedded) = crate::startup::connect(&cfg).await?;
    let done = app::catalog::recommend::db::run_job(&pool).await;
    pool.close().await;
    let done = done.map_err(|e| format!("recommendations: {e}"))?;
    println!(
        "{} \"bought together\" and {} \"also viewed\" pair(s)",
        done.bought, done.viewed
    );
    Ok(())
}

/// `agora-server recommend-eval`: the evaluation above, on the configured
/// database.
pub async fn recommend_eval_command(
    cfg: crate::config::Config,
    args: &[&str],
) -> crate::Result<()> {
    let (pool, _embedded) = crate::startup::connect(&cfg).await?;
    let report = command(&pool, args).await;
    pool.close().await;
    println!("{}", report?);
    Ok(())
}

const USAGE: &str = "recommend-eval [--shoppers 1..100000] [--seed N]";

async fn catalog(tx: &mut PgConnection) -> Result<Catalog> {
    let rows = sqlx::query!(
        "SELECT id, category_id, sales_count FROM products
          WHERE listed AND in_stock AND slug NOT LIKE 'gen-%' ORDER BY category_id, id"
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut index: HashMap<i64, usize> = HashMap::new();
    let mut products = vec![];
    let mut by_category: Vec<Vec<usize>> = vec![];
    for r in rows {
        let n = index.len();
        let c = *index.entry(r.category_id).or_insert(n);
        if c == by_category.len() {
            by_category.push(vec![]);
        }
        by_category[c].push(products.len());
        products.push(Product {
            id: r.id,
            category: c,
            popularity: f64::from(r.sales_count) + 5.0,
        });
    }
    if by_category.len() < 2 {
        return Err(
            "recommend-eval needs the demo catalog: serve the shop once with AGORA_DEMO_DATA=1, \
             or run generate-catalog"
                .into(),
        );
    }
    // Categories in pairs, in the catalog's order (neighbouring leaves are
    // siblings): each pair's products are bought together.
    let n = by_category.len();
    let partner = (0..n)
        .map(|c| if c % 2 == 0 { (c + 1) % n } else { c - 1 })
        .collect();
    Ok(Catalog {
        products,
        by_category,
        partner,
    })
}

/// Generates, writes the training part, runs the job and scores.
async fn evaluate(tx: &mut PgConnection, n: usize, seed: u64) -> Result<Report> {
    let cat = catalog(tx).await?;
    let mut rng = Rng(seed);
    let shoppers: Vec<Shopper> = (0..n).map(|_| shopper(&mut rng, &cat)).collect();
    let users = sqlx::query_scalar!(
        "INSERT INTO users (email, password_hash, display_name, email_confirmed_at)
         SELECT 'recommend-eval-' || g || '@agora.test', '!', 'Eval ' || g, now()
           FROM generate_series(1, $1::int) g
         RETURNING id",
        n as i32,
    )
    .fetch_all(&mut *tx)
    .await?;
    // Training: every visit but each shopper's last.
    let (mut o_user, mut o_day, mut i_order, mut i_product) = (vec![], vec![], vec![], vec![]);
    let (mut v_user, mut v_product, mut v_day) = (vec![], vec![], vec![]);
    let mut sold: HashMap<usize, i64> = HashMap::new();
    for (s, user) in shoppers.iter().zip(&users) {
        let training = &s.visits[..s.visits.len() - 1];
        for visit in training {
            for p in &visit.viewed {
                v_user.push(*user);
                v_product.push(cat.products[*p].id);
                v_day.push(visit.day as i32);
            }
            if !visit.bought.is_empty() {
                for p in &visit.bought {
                    i_order.push(o_user.len() as i32);
                    i_product.push(cat.products[*p].id);
                    *sold.entry(*p).or_default() += 1;
                }
                o_user.push(*user);
                o_day.push(visit.day as i32);
            }
        }
    }
    write_training(
        tx,
        (&o_user, &o_day),
        (&i_order, &i_product),
        (&v_user, &v_product, &v_day),
    )
    .await?;
    refresh(tx).await?;
    // The best sellers of the written orders, as the shop would rank them.
    let mut ranked: Vec<usize> = (0..cat.products.len()).collect();
    let count = |p: &usize| sold.get(p).copied().unwrap_or(0);
    ranked.sort_by(|a, b| {
        count(b)
            .cmp(&count(a))
            .then(cat.products[*b].id.cmp(&cat.products[*a].id))
    });
    let (mut for_you_hits, mut best_seller_hits) = (0, 0);
    for (s, user) in shoppers.iter().zip(&users) {
        let (training, last) = s.visits.split_at(s.visits.len() - 1);
        let Some(target) = last[0].bought.first().map(|p| cat.products[*p].id) else {
            continue;
        };
        let owned: HashSet<usize> = training
            .iter()
            .flat_map(|v| v.bought.iter().copied())
            .collect();
        let best: Vec<i64> = ranked
            .iter()
            .filter(|p| !owned.contains(p))
            .take(10)
            .map(|p| cat.products[*p].id)
            .collect();
        best_seller_hits += usize::from(best.contains(&target));
        let history = History {
            user: Some(*user),
            ..History::default()
        };
        let mine = for_you_ids(&mut *tx, &history, 10).await?;
        for_you_hits += usize::from(mine.contains(&target));
    }
    Ok(Report {
        shoppers: n,
        products: cat.products.len(),
        orders: o_user.len(),
        for_you_hits,
        best_seller_hits,
    })
}

/// Orders (complete, paid, one unit per line at no price: only who bought
/// what counts here), their lines, the views (the latest per product, the
/// newest 20 per shopper, as the shop keeps them), and sales counts from
/// these orders alone.
async fn write_training(
    tx: &mut PgConnection,
    (o_user, o_day): (&[i64], &[i32]),
    (i_order, i_product): (&[i32], &[i64]),
    (v_user, v_product, v_day): (&[i64], &[i64], &[i32]),
) -> Result<()> {
    sqlx::query!(
        r#"WITH o AS (
              INSERT INTO orders (number, user_id, idempotency_key, status, payment_method,
                                  payment_status, currency, list_minor, sale_savings_minor,
                                  discount_minor, shipping_minor, total_minor, shipping_method,
                                  ship_to, created_at, paid_at, completed_at)
              SELECT 'EVAL-' || k, u, 'recommend-eval-' || k, 'completed', 'sandbox', 'paid', 'CNY',
                     0, 0, 0, 0, 0, 'standard', '{}'::jsonb, t, t, t
                FROM (SELECT k - 1 AS k, u, now() - interval '200 days' + d * interval '1 day' AS t
                        FROM unnest($1::bigint[], $2::int[]) WITH ORDINALITY AS x (u, d, k)) x
              RETURNING id, number)
        INSERT INTO order_items (order_id, product_id, sku, name, qty, unit_minor,
                                 sale_unit_minor, discount_minor, paid_minor)
        SELECT o.id, i.p, 'eval', 'eval', 1, 0, 0, 0, 0
          FROM unnest($3::int[], $4::bigint[]) AS i (k, p)
          JOIN o ON o.number = 'EVAL-' || i.k"#,
        o_user,
        o_day,
        i_order,
        i_product,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        r#"INSERT INTO recently_viewed (user_id, product_id, viewed_at)
           SELECT u, p, now() - interval '200 days' + max(d) * interval '1 day'
             FROM unnest($1::bigint[], $2::bigint[], $3::int[]) AS v (u, p, d)
            GROUP BY u, p"#,
        v_user,
        v_product,
        v_day,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "DELETE FROM recently_viewed r WHERE r.user_id = ANY($1) AND r.product_id NOT IN
           (SELECT product_id FROM recently_viewed WHERE user_id = r.user_id
             ORDER BY viewed_at DESC LIMIT 20)",
        v_user,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE products p SET sales_count = COALESCE(
            (SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id
              WHERE i.product_id = p.id AND o.number LIKE 'EVAL-%'), 0)
          WHERE slug NOT LIKE 'gen-%'"
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
