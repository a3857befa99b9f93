// The catalog in a real browser at phone and desktop size: browsing with
// filters and sorting, product pages and variants, search with type-ahead,
// favourites, recently viewed, pages without JavaScript, and offline reading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, BASE, launch, launchPersistent, removeDir, newPage, open, text, shot, uniqueEmail, axe } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const zh = (key, vars) => text('zh-CN', 'catalog', key, vars);
const yuan = (s) => Number(s.replace(/[^0-9.]/g, ''));

async function openFilters(page) {
  const open = await page.getAttribute('.filters', 'open');
  if (open === null) await page.click('.filters > summary');
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: browse a category, filter, sort, open a product and choose a variant`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/c/apparel');
    await page.getByText(zh('products_count', { count: 20 })).waitFor();

    await openFilters(page);
    await page.locator('.facet-links a', { hasText: '羽绒服' }).click();
    await page.waitForURL(/sub=down-jackets/);
    await page.getByText(zh('products_count', { count: 5 })).waitFor();

    await page.selectOption('.sort-form select[name=sort]', 'price_asc');
    await page.waitForURL(/sort=price_asc/);
    await page.waitForFunction(() => {
      const p = [...document.querySelectorAll('.product-card .price')].map((e) => Number(e.textContent.replace(/[^0-9.]/g, '')));
      return p.length === 5 && p.every((v, i) => i === 0 || p[i - 1] <= v);
    });
    // The filters are in the URL, so a reload shows the same list.
    await page.reload();
    await page.waitForSelector('html[data-hydrated]');
    assert.equal(await page.inputValue('.sort-form select[name=sort]'), 'price_asc');
    await openFilters(page);
    await page.check('.filter-form input[name=stock]');
    await page.waitForURL(/stock=1/);
    assert.match(page.url(), /sub=down-jackets/);
    await shot(page, `category-filtered-${vp.name}`);
    assert.deepEqual((await axe(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious'), []);

    await page.locator('.product-card a', { hasText: '轻薄羽绒服' }).click();
    await page.waitForURL('**/p/down-jackets-1');
    await page.getByRole('heading', { name: '轻薄羽绒服', level: 1 }).waitFor();
    const before = await page.textContent('[data-testid=price]');
    await page.locator('.option', { hasText: /^L/ }).click();
    await page.waitForURL(/\?v=\d+/);
    await page.waitForFunction((b) => document.querySelector('[data-testid=price]').textContent !== b, before);
    assert.equal(yuan(await page.textContent('[data-testid=price]')), Math.round(yuan(before) * 1.2 * 100) / 100);

    // A sold-out variant says so and cannot be added.
    await open(page, '/p/down-jackets-5');
    await page.locator('.option', { hasText: '藏青' }).click();
    await page.waitForURL(/\?v=\d+/);
    await page.locator('.option', { hasText: /^L/ }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=stock]').classList.contains('out'));
    assert.equal((await page.textContent('[data-testid=stock]')).trim(), zh('out_of_stock'));
    assert.ok(await page.isDisabled('.add-to-cart button'));
    await page.locator('.option', { hasText: /^M/ }).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=stock]').classList.contains('out'));
    await page.click('.add-to-cart button');
    await page.getByText(zh('added_to_cart', { n: 1 })).waitFor();
    await shot(page, `product-${vp.name}`);
    assert.deepEqual((await axe(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious'), []);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: a price that is not a number is answered in the shopper's language and filters nothing`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/c/apparel');
    await page.getByText(zh('products_count', { count: 20 })).waitFor();
    await openFilters(page);
    await page.fill('.filter-form input[name=min]', 'abc');
    await page.click('.filter-form button[type=submit]');
    await page.waitForURL(/min=abc/);
    await page.getByRole('alert').filter({ hasText: zh('bad_price') }).waitFor();
    // Nothing was filtered out, and no price filter is shown as active.
    await page.getByText(zh('products_count', { count: 20 })).waitFor();
    assert.equal(await page.locator('.active-filters').count(), 0);
    await shot(page, `category-bad-price-${vp.name}`);

    await open(page, '/c/apparel?lang=en&max=12a');
    await page.getByRole('alert').filter({ hasText: text('en', 'catalog', 'bad_price') }).waitFor();
    await page.getByText(text('en', 'catalog', 'products_count', { count: 20 })).waitFor();
    await context.close();
  });

  test(`${vp.name}: search in Chinese and English, with type-ahead and a typo`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/');
    await page.fill('#site-search', '羽绒');
    // Type-ahead lists the category and products.
    await page.locator('#search-suggest li', { hasText: '羽绒服' }).first().waitFor();
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.getByText(zh('products_count', { count: 5 })).waitFor();
    await shot(page, `search-zh-${vp.name}`);

    await page.fill('#site-search', 'running shoes');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/q=running/);
    await page.locator('.product-card h3', { hasText: '跑步鞋' }).first().waitFor();

    // A typo is corrected, and the correction is shown.
    await page.fill('#site-search', 'headphnes');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/q=headphnes/);
    await page.getByText(zh('showing_results_for', { q: 'headphones' })).waitFor();
    assert.ok(await page.locator('.product-card').count() >= 5);

    // Arrow keys pick a suggestion; Enter opens it.
    await page.fill('#site-search', 'earbud');
    // The list answers the new word (not the last search's) before a key picks.
    await page.locator('#search-suggest:not([aria-busy="true"]) li').first().waitFor();
    await page.press('#site-search', 'ArrowDown');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/\/p\//);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: favourite a product and find it in the account; recently viewed follows`, async () => {
    const { context, page } = await newPage(browser, vp);
    // Guests are asked to sign in.
    await open(page, '/p/tea-2');
    const name = (await page.textContent('h1')).trim();
    await page.locator('a.favourite').click();
    await page.waitForURL(/\/sign-in\?next=/);

    await open(page, '/register');
    await page.fill('#reg-email', uniqueEmail(`fav-${vp.name}`));
    await page.fill('#reg-display_name', '收藏测试');
    await page.fill('#reg-password', 'e2e-pass-42');
    await page.click('main form button[type=submit]');
    await page.waitForURL('**/account');
    await page.getByText(zh('favourites_empty')).waitFor();

    await open(page, '/p/tea-2');
    await page.click('button.favourite');
    await page.waitForSelector('button.favourite[aria-pressed=true]');
    await page.getByText(zh('favourited')).waitFor();

    await open(page, '/account');
    await page.locator("#favourites .product-card h3", { hasText: name }).waitFor({ timeout: 8000 }).catch(async (e) => { console.log("FAV DEBUG", page.url(), await page.locator("main").innerText()); throw e; });
    await shot(page, `favourites-${vp.name}`);
    // The home page lists what this shopper has just viewed.
    await open(page, '/');
    await page.locator('.recent .product-card h3', { hasText: name }).waitFor();
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: without JavaScript, category and product pages still work`, async () => {
    const context = await browser.newContext({
      viewport: vp.viewport, isMobile: vp.isMobile ?? false, hasTouch: vp.hasTouch ?? false,
      javaScriptEnabled: false, locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(BASE + '/c/electronics');
    await page.getByText(zh('products_count', { count: 20 })).waitFor();
    assert.equal(await page.locator('.product-card').count(), 20);
    // The filter form is a plain GET form.
    if (await page.getAttribute('.filters', 'open') === null) await page.click('.filters > summary');
    await page.selectOption('.filter-form select[name=rating]', '4');
    await page.click('.filter-form button[type=submit]');
    await page.waitForURL(/rating=4/);
    const stars = await page.locator('.product-card').count();
    assert.ok(stars > 0 && stars < 20, `rated 4+: ${stars}`);

    await page.goto(BASE + '/p/headphones-1');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const before = await page.textContent('[data-testid=price]');
    await page.locator('.option', { hasText: 'Pro' }).click();
    await page.waitForURL(/\?v=\d+/);
    assert.notEqual(await page.textContent('[data-testid=price]'), before);
    await shot(page, `product-nojs-${vp.name}`);
    await context.close();
  });

  test(`${vp.name}: offline, a product page seen before opens from the service worker`, async () => {
    const { context, page, dir } = await launchPersistent(vp);
    await open(page, '/');
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20000 }).catch(async () => {
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20000 });
    });
    await open(page, '/p/coffee-2');
    const name = (await page.textContent('h1')).trim();
    await open(page, '/c/coffee');

    await context.setOffline(true);
    await page.goto(BASE + '/p/coffee-2');
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.goto(BASE + '/c/coffee');
    await page.locator('.product-card').first().waitFor();
    // A page never opened explains what works offline.
    await page.goto(BASE + '/p/coffee-5');
    await page.getByRole('heading', { name: zh('offline_title') }).waitFor();
    await page.getByText(zh('offline_works_pages')).waitFor();
    await shot(page, `offline-${vp.name}`);
    await context.setOffline(false);
    await context.close();
    removeDir(dir);
  });
}
