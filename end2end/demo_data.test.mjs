// The demo data as a merchant first sees it, at phone and desktop size:
// every sub-category has its own drawing, a colour's picture is in that
// colour (黑色 is black, 米白 is ivory), running shoes are not wool and not
// #保暖, a product without pictures shows its category's placeholder on its
// page and on its card, and the demo's reviews do not wait for moderation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, BASE, launch, newPage, open, text, shot, sql } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 15000 };
const noPicture = text('zh-CN', 'catalog', 'no_picture');
const REVIEWERS = "('lina@agora.test', 'wangwei@agora.test', 'emma@agora.test')";

test('demo data: a drawing per sub-category, plausible materials and tags, reviews already moderated', () => {
  // The first product of each sub-category: no two share a picture.
  const [firsts, distinct] = sql(
    `SELECT count(*) || ' ' || count(DISTINCT md5(i.bytes))
       FROM categories c
       JOIN products p ON p.category_id = c.id AND p.slug = c.slug || '-1'
       JOIN images i ON i.id = p.image_id`,
  ).split(' ').map(Number);
  assert.ok(firsts >= 20, `${firsts} sub-categories with a demo product`);
  assert.equal(distinct, firsts, 'every sub-category has its own picture');

  // The running shoe is mesh or the like, not wool, and not tagged #保暖.
  const shoe = sql(
    `SELECT p.id FROM products p JOIN product_translations t ON t.product_id = p.id AND t.locale = 'zh-CN'
      WHERE t.name = '轻便跑步鞋'`,
  );
  assert.match(shoe, /^\d+$/, 'the demo has its running shoes');
  const material = sql(
    `SELECT pa.value FROM product_attributes pa JOIN attributes a ON a.id = pa.attribute_id
      WHERE pa.product_id = ${shoe} AND a.code = 'material' AND pa.locale = 'zh-CN'`,
  );
  assert.ok(material.length > 0, 'the running shoes have a material');
  assert.notEqual(material, '羊毛');
  assert.equal(sql(`SELECT '保暖' = ANY(tags) FROM products WHERE id = ${shoe}`), 'f');
  // Nor is any other shoe.
  assert.equal(
    sql(`SELECT count(*) FROM products p JOIN categories c ON c.id = p.category_id
          WHERE c.slug = 'sneakers'
            AND ('保暖' = ANY(p.tags) OR EXISTS (
                 SELECT 1 FROM product_attributes pa JOIN attributes a ON a.id = pa.attribute_id
                  WHERE pa.product_id = p.id AND a.code = 'material' AND pa.value IN ('羊毛', 'Wool')))`),
    '0',
  );

  // The demo's reviews are published history, not a moderation queue.
  const demoReviews = Number(sql(
    `SELECT count(*) FROM reviews r JOIN users u ON u.id = r.user_id WHERE u.email IN ${REVIEWERS}`,
  ));
  assert.ok(demoReviews > 0, 'the demo has reviews');
  assert.equal(
    sql(`SELECT count(*) FROM reviews r JOIN users u ON u.id = r.user_id
          WHERE u.email IN ${REVIEWERS} AND r.moderated_at IS NULL`),
    '0',
    'no demo review waits for moderation',
  );
});

/** A down jacket with a `colour` variant in stock whose picture is its own
 *  (`own`) or the product's cover. */
function jacketIn(colour, own) {
  const slug = sql(
    `SELECT p.slug FROM products p JOIN categories c ON c.id = p.category_id
       JOIN product_variants v ON v.product_id = p.id
      WHERE c.slug = 'down-jackets' AND p.listed AND v.stock > 0
        AND v.option_values->0->>'zh-CN' = '${colour}'
        AND ${own ? '' : 'NOT '}EXISTS (SELECT 1 FROM product_images pi WHERE pi.variant_id = v.id)
      ORDER BY p.id LIMIT 1`,
  );
  assert.ok(slug, `a down jacket in ${colour}`);
  return slug;
}

/** Median of the brightest and of the darkest channel over the middle of
 *  the gallery's first picture, once it shows `colour`. */
async function middleOfFirstPicture(page, colour) {
  await page.waitForFunction((c) => {
    const img = document.querySelector('.gallery-strip li img');
    return img && img.alt.includes(c) && img.complete && img.naturalWidth > 0;
  }, colour, WAIT);
  return page.evaluate(() => {
    const img = document.querySelector('.gallery-strip li img');
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const half = Math.max(2, Math.round(canvas.width * 0.03));
    const data = ctx.getImageData(canvas.width / 2 - half, canvas.height / 2 - half, 2 * half, 2 * half).data;
    const hi = [];
    const lo = [];
    for (let i = 0; i < data.length; i += 4) {
      hi.push(Math.max(data[i], data[i + 1], data[i + 2]));
      lo.push(Math.min(data[i], data[i + 1], data[i + 2]));
    }
    const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
    return { max: median(hi), min: median(lo) };
  });
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: choosing 黑色 shows a black picture, 米白 an ivory one`, async () => {
    const { context, page } = await newPage(browser, vp);
    const cases = [
      { colour: '黑色', own: true, dark: true },
      { colour: '黑色', own: false, dark: true },
      { colour: '米白', own: true, dark: false },
    ];
    for (const { colour, own, dark } of cases) {
      const slug = jacketIn(colour, own);
      await open(page, `/p/${slug}`);
      await page.locator('.option', { hasText: colour }).first().click();
      await page.waitForURL(/\?v=\d+/, WAIT);
      const px = await middleOfFirstPicture(page, colour);
      if (dark) {
        assert.ok(px.max < 90, `${slug} in ${colour}: the middle is dark (${JSON.stringify(px)})`);
      } else {
        assert.ok(px.min > 170, `${slug} in ${colour}: the middle is light (${JSON.stringify(px)})`);
      }
      await shot(page, `demo-${slug}-${own ? 'own' : 'cover'}-${vp.name}`);
    }
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: a product without pictures shows its category's placeholder on its page and card`, async () => {
    const stamp = `${vp.name}-${Date.now()}`;
    const slug = `nopic-${stamp}`;
    const name = `无图测试 ${stamp}`;
    sql(`INSERT INTO products (slug, category_id, listed)
         SELECT '${slug}', category_id, true FROM products WHERE slug = 'camping-1'`);
    const id = sql(`SELECT id FROM products WHERE slug = '${slug}'`);
    const { context, page } = await newPage(browser, vp);
    try {
      sql(`INSERT INTO product_translations (product_id, locale, name, description)
           VALUES (${id}, 'zh-CN', '${name}', ''), (${id}, 'en', 'No picture ${stamp}', '')`);
      sql(`INSERT INTO product_variants (product_id, sku, price_minor, currency, stock, position)
           VALUES (${id}, 'NOPIC-${stamp.toUpperCase()}', 19900, 'CNY', 5, 0)`);

      // Its page: the placeholder, named, where the gallery would be.
      await open(page, `/p/${slug}`);
      await page.getByRole('heading', { name, level: 1 }).waitFor(WAIT);
      await page.locator('.gallery').getByRole('img', { name: noPicture }).waitFor(WAIT);
      await page.waitForFunction(() => {
        const img = document.querySelector('.gallery img.no-picture');
        return img && img.complete && img.naturalWidth > 0;
      }, null, WAIT);
      await shot(page, `demo-no-picture-page-${vp.name}`);

      // In the cart, its line shows the same placeholder, not a blank square.
      await page.click('.add-to-cart button[type=submit]');
      await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);
      await open(page, '/cart');
      await page.waitForFunction(() => {
        const img = document.querySelector('[data-testid=cart-line] .thumb img.no-picture');
        return img && img.complete && img.naturalWidth > 0;
      }, null, WAIT);
      await shot(page, `demo-no-picture-cart-${vp.name}`);

      // Its card in its category. The product was written behind the
      // server's back (SQL), so the shared listing cache shows it within its
      // documented bound (README, "Caching": the page cache's TTL, 10 s by
      // default), not at once: reload until it does, and no longer.
      const card = page.locator('.product-card', { hasText: name });
      const placeholder = card.getByRole('img', { name: noPicture });
      const deadline = Date.now() + 15_000;
      for (;;) {
        await open(page, `/c/camping?sort=newest&e2e=${stamp}`);
        if (await card.count()) break;
        if (Date.now() > deadline) throw new Error(`${name} not listed within the cache's bound`);
        await page.waitForTimeout(1000);
      }
      await placeholder.waitFor(WAIT);
      await placeholder.scrollIntoViewIfNeeded(WAIT);
      await page.waitForFunction((s) => {
        const img = document.querySelector(`.product-card a[href="/p/${s}"] img.no-picture`);
        return img && img.complete && img.naturalWidth > 0;
      }, slug, WAIT);
      await shot(page, `demo-no-picture-card-${vp.name}`);

      // Drawn for the category: the same drawing as any tent's, not a tea's.
      const draw = async (s) => {
        const res = await fetch(`${BASE}/media/placeholder/${s}.svg`, { signal: AbortSignal.timeout(15000) });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/);
        return res.text();
      };
      const mine = await draw(slug);
      assert.equal(mine, await draw('camping-1'));
      assert.notEqual(mine, await draw('tea-1'));
      assert.deepEqual(page.jsErrors, []);
    } finally {
      await context.close();
      sql(`DELETE FROM products WHERE id = ${id}`);
    }
  });
}
