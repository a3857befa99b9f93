// Recommendations (issue 19) in a real browser, at phone size in Chinese
// and desktop size in English: a new visitor's "for you" row is the best
// sellers; after they look at a category it leads with that category's
// products. A product bought with another in two orders and viewed with a
// third by two shoppers shows both under "bought together" and "also
// viewed" once the job has run. Rows are found by role and accessible
// name, titles from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, BASE, launch, newPage, open, text, shot, axe, sql, recommendations,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };

/** The product slugs a row links to, in order. */
async function slugs(region) {
  const hrefs = await region.locator('a[href^="/p/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return [...new Set(hrefs.map((h) => h.slice(3).split('?')[0]))];
}

/** A leaf category with two products or more in stock, none of them
 *  among the best sellers a new visitor is shown. */
function quietCategory(best) {
  const list = best.map((s) => `'${s}'`).join(',');
  const row = sql(`SELECT c.id || '|' || c.slug FROM categories c JOIN products p ON p.category_id = c.id
     WHERE p.listed AND p.in_stock AND c.parent_id IS NOT NULL
       AND c.id <> ALL (SELECT category_id FROM products WHERE slug IN (${list}))
     GROUP BY c.id HAVING count(*) >= 2 ORDER BY c.id DESC LIMIT 1`);
  assert.ok(row, 'a category away from the best sellers');
  const [id, slug] = row.split('|');
  return { id: Number(id), slug };
}

/** Two orders of A with B, two shoppers viewing A and C; the job run. */
function coPurchases(tag) {
  const [a, b, c] = sql(`SELECT string_agg(slug, '|' ORDER BY id) FROM (
      SELECT id, slug FROM products WHERE listed AND in_stock AND price_min_minor IS NOT NULL
       ORDER BY id OFFSET 20 LIMIT 3) x`).split('|');
  const id = (slug) => `(SELECT id FROM products WHERE slug = '${slug}')`;
  for (const n of [1, 2]) {
    sql(`WITH o AS (INSERT INTO orders (number, guest_email, idempotency_key, status, payment_method,
            payment_status, currency, list_minor, sale_savings_minor, discount_minor, shipping_minor,
            total_minor, shipping_method, ship_to)
          VALUES ('E2E-REC-${tag}-${n}', 'rec-${tag}-${n}@e2e.test', 'e2e-rec-${tag}-${n}', 'completed',
                  'sandbox', 'paid', 'CNY', 0, 0, 0, 0, 0, 'standard', '{}') RETURNING id)
         INSERT INTO order_items (order_id, product_id, sku, name, qty, unit_minor, sale_unit_minor,
                                  discount_minor, paid_minor)
         SELECT o.id, p, 'sku', 'name', 1, 0, 0, 0, 0 FROM o, unnest(ARRAY[${id(a)}, ${id(b)}]) p`);
    sql(`WITH u AS (INSERT INTO users (email, password_hash, display_name)
          VALUES ('rec-viewer-${tag}-${n}@e2e.test', 'x', 'viewer') RETURNING id)
         INSERT INTO recently_viewed (user_id, product_id)
         SELECT u.id, p FROM u, unnest(ARRAY[${id(a)}, ${id(c)}]) p`);
  }
  recommendations();
  return { a, b, c };
}

for (const vp of VIEWPORTS) {
  const lang = vp.name === 'phone' ? 'zh-CN' : 'en';
  const t = (key) => text(lang, 'catalog', key);

  test(`${vp.name}: "for you" follows the categories a visitor looks at`, async () => {
    const { context, page } = await newPage(browser, vp);
    if (lang === 'en') await page.goto(`${BASE}/lang/en?next=/`);
    await open(page, '/');
    const forYou = page.getByRole('region', { name: t('for_you') });
    await forYou.getByRole('link').first().waitFor(WAIT);
    const first = await slugs(forYou);
    // A new visitor: the shop's best sellers, in order.
    const best = sql(`SELECT string_agg(slug, '|' ORDER BY sales_count DESC, id DESC) FROM (
        SELECT slug, sales_count, id FROM products WHERE listed AND in_stock AND price_min_minor IS NOT NULL
         ORDER BY sales_count DESC, id DESC LIMIT ${first.length}) x`).split('|');
    assert.deepEqual(first, best);

    const category = quietCategory(best);
    await open(page, `/c/${category.slug}`);
    await page.getByTestId('result-count').waitFor(WAIT);
    await open(page, '/');
    const leader = sql(`SELECT slug FROM products WHERE category_id = ${category.id} AND listed AND in_stock
       ORDER BY sales_count DESC, id DESC LIMIT 1`);
    await forYou.locator(`a[href="/p/${leader}"]`).first().waitFor(WAIT);
    const after = await slugs(forYou);
    assert.notDeepEqual(after, first);
    assert.equal(after[0], leader, `${after} leads with the category's best seller`);
    const inCategory = Number(sql(`SELECT count(*) FROM products WHERE category_id = ${category.id}
       AND slug IN (${after.slice(0, 2).map((s) => `'${s}'`).join(',')})`));
    assert.equal(inCategory, 2);
    await forYou.scrollIntoViewIfNeeded();
    assert.deepEqual(await axe(page), []);
    await shot(page, `recs-home-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: a product shows what is bought and viewed with it`, async () => {
    const { a, b, c } = coPurchases(`${vp.name}-${Date.now()}`);
    const { context, page } = await newPage(browser, vp);
    if (lang === 'en') await page.goto(`${BASE}/lang/en?next=/`);
    await open(page, `/p/${a}`);
    const together = page.getByRole('region', { name: t('bought_together') });
    await together.locator(`a[href="/p/${b}"]`).first().waitFor(WAIT);
    const viewed = page.getByRole('region', { name: t('also_viewed') });
    await viewed.locator(`a[href="/p/${c}"]`).first().waitFor(WAIT);
    await together.scrollIntoViewIfNeeded();
    assert.deepEqual(await axe(page), []);
    await shot(page, `recs-product-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
