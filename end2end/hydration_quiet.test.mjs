// Hydration adopts the server's page as it is (issue 16, "interactive
// early"): the nodes the shopper already sees are kept, not drawn a second
// time. A second drawing used to follow every hydration, because the page
// bodies also followed the language and the URL, which are notified once
// more after hydration (app/src/ui/kit/data.rs, `drawn`). With erased view
// types that drawing removed and re-added every attribute: it could undo
// what a shopper had typed, and left the folded filter panel's checkbox
// without a box on phones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, VIEWPORTS, launch, newPage } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const phone = VIEWPORTS.find((v) => v.name === 'phone');

// Before any of the page's scripts: once the HTML is parsed (and before
// the WASM, which loads asynchronously, can hydrate), remember the page's
// heading, its text node, the product links and the form fields, and record
// every change made to them from then on.
const WATCH = () => {
  window.__changes = [];
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    const main = document.querySelector('main');
    const h1 = main.querySelector('h1');
    const kept = [h1, h1?.firstChild, ...main.querySelectorAll('.product-card a, .filter-form input, .filter-form select')]
      .filter(Boolean);
    window.__kept = kept;
    const keptSet = new Set(kept);
    new MutationObserver((records) => {
      for (const r of records) {
        const touched = keptSet.has(r.target) || [...r.removedNodes].some((n) => keptSet.has(n));
        if (touched) window.__changes.push(`${r.type} ${r.target.nodeName} ${r.attributeName ?? ''}`);
      }
    }).observe(main, { subtree: true, childList: true, attributes: true, characterData: true });
  });
};

for (const path of ['/c/apparel?sub=down-jackets&sort=price_asc', '/search?q=jacket', '/p/down-jackets-1']) {
  test(`phone: hydrating ${path} keeps the server's nodes and changes none of them`, async () => {
    const { context, page } = await newPage(browser, phone);
    await page.addInitScript(WATCH);
    await page.goto(BASE + path);
    await page.waitForSelector('html[data-hydrated]', { timeout: 20000 });
    // Effects run after hydration: let the network settle and two frames pass.
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const { kept, connected, changes } = await page.evaluate(() => ({
      kept: window.__kept.length,
      connected: window.__kept.filter((n) => n.isConnected).length,
      changes: window.__changes,
    }));
    assert.ok(kept >= 2, `only ${kept} nodes watched on ${path}`);
    assert.equal(connected, kept, `${kept - connected} of the server's nodes were replaced`);
    assert.deepEqual(changes, []);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}

test('phone: the folded filter panel opens with a working "in stock only" box after hydration', async () => {
  const { context, page } = await newPage(browser, phone);
  await page.goto(BASE + '/c/apparel?sub=down-jackets');
  await page.waitForSelector('html[data-hydrated]', { timeout: 20000 });
  await page.waitForLoadState('networkidle');
  await page.click('.filters > summary');
  const box = page.locator('.filter-form input[name=stock]');
  assert.equal(await box.isVisible(), true);
  await box.check();
  await page.waitForURL(/stock=1/);
  await context.close();
});

// The app starts only after the page has loaded and painted (docs/
// lighthouse.md), so a shopper may type a new search into the results
// page's box before it does: hydration keeps that text, and Enter searches
// for it, not for the query in the URL.
for (const vp of VIEWPORTS) {
  test(`${vp.name}: a search typed before the app starts is kept by hydration`, async () => {
    const { context, page } = await newPage(browser, vp);
    // Hold the WASM back until the box has been typed into.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/pkg/*.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(BASE + '/search?q=jacket');
    await page.fill('#site-search', 'headphones');
    release();
    await page.waitForSelector('html[data-hydrated]', { timeout: 20000 });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.inputValue('#site-search'), 'headphones');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/q=headphones/);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: a quantity chosen before the app starts is kept by hydration`, async () => {
    const { context, page } = await newPage(browser, vp);
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/pkg/*.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(BASE + '/p/down-jackets-1');
    await page.fill('form.add-to-cart input[name=qty]', '2');
    release();
    await page.waitForSelector('html[data-hydrated]', { timeout: 20000 });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.inputValue('form.add-to-cart input[name=qty]'), '2');
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
