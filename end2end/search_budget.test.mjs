// A broad search on a phone, when it matches more products than a search
// counts (docs/search.md): the total reads "10+" as text, a note under the
// results says why they end there, and the filter panel says why its
// choices show no counts. The main test server counts up to 10,000, which
// the demo's 100 products never reach, so this file starts a second server
// on the same database that counts up to 10 (AGORA_SEARCH_COUNT_CAP).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, newPage, startServer, text } from './helpers.mjs';

const CAP = 10;
const zh = (key, vars) => text('zh-CN', 'catalog', key, vars);

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer({ AGORA_SEARCH_COUNT_CAP: String(CAP), AGORA_SEARCH_CACHE_SECONDS: '0' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const phone = VIEWPORTS.find((v) => v.name === 'phone');

test('phone: a broad search shows "10+" and why its results end there', async () => {
  const { context, page } = await newPage(browser, phone);
  // 数码 (Electronics) matches the demo's 20 electronics.
  await page.goto(`${server.base}/search?q=${encodeURIComponent('数码')}`);
  await page.waitForSelector('html[data-hydrated]', { timeout: 20000 });
  await page.getByText(zh('products_count_capped', { n: CAP })).waitFor();
  await page.getByText(zh('results_capped', { n: CAP })).waitFor();
  assert.equal(await page.locator('.product-card').count(), CAP, 'the first ten, on one page');
  assert.equal(await page.getByRole('navigation', { name: zh('pagination') }).count(), 0);

  // The filters are folded on a phone; opened, they say why no counts show.
  await page.locator('.filters > summary', { hasText: zh('filters') }).click();
  await page.getByText(zh('facet_counts_sampled')).waitFor({ state: 'visible' });
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('phone: a narrow search on the same server is counted in full', async () => {
  const { context, page } = await newPage(browser, phone);
  await page.goto(`${server.base}/search?q=${encodeURIComponent('羽绒')}`);
  await page.waitForSelector('html[data-hydrated]', { timeout: 20000 });
  await page.getByText(zh('products_count', { count: 5 })).waitFor();
  assert.equal(await page.getByText(zh('results_capped', { n: CAP })).count(), 0);
  await context.close();
});
