// The shell in a real browser: PWA, accessibility, categories, language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, launchPersistent, removeDir, newPage, open, text, axe, shot, signIn, DEMO_PASSWORD } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const vp of VIEWPORTS) {
  test(`${vp.name}: the home page is Chinese, lists demo categories and is controlled by the service worker`, async () => {
    const { context, page, dir } = await launchPersistent(vp);
    await open(page, '/');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.getByRole('heading', { name: text('zh-CN', 'catalog', 'hero_title') }).waitFor();
    // The category menu comes from the database.
    const nav = vp.name === 'phone' ? '.drawer-panel' : '.cat-nav';
    if (vp.name === 'phone') await page.click('.drawer > summary');
    await page.locator(`${nav} a`, { hasText: '数码' }).first().waitFor({ state: 'visible' });
    await shot(page, `home-${vp.name}`);

    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20000 }).catch(async () => {
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20000 });
    });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const href = await page.getAttribute('link[rel=manifest]', 'href');
    const manifest = await (await page.request.get(new URL(href, page.url()).href)).json();
    const sizes = manifest.icons.map((i) => i.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512'));
    assert.deepEqual(page.jsErrors, []);
    await context.close();
    removeDir(dir);
  });

  test(`${vp.name}: a category page lists its products; the 404 page is translated`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/c/apparel');
    await page.getByRole('heading', { name: '服饰', level: 1 }).waitFor();
    assert.ok(await page.locator('.product-card').count() >= 10);
    const res = await page.goto(`${process.env.BASE_URL ?? 'http://127.0.0.1:3000'}/nothing-here`);
    assert.equal(res.status(), 404);
    await page.getByRole('heading', { name: text('zh-CN', 'common', 'not_found_title') }).waitFor();
    await context.close();
  });

  test(`${vp.name}: the header search finds products in Chinese and English; the cart starts empty`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/');
    await page.fill('#site-search', '羽绒');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.locator('.product-card h3', { hasText: '羽绒服' }).first().waitFor();
    await open(page, '/search?q=headphones');
    await page.click('.lang-switch');
    await page.locator('.product-card h3', { hasText: 'headphones' }).first().waitFor();
    await open(page, '/search?q=zzzz-nothing');
    await page.getByText(text('en', 'catalog', 'search_no_results')).waitFor();
    await page.click('.site-header a.cart');
    await page.getByText(text('en', 'common', 'cart_empty_title')).waitFor();
    await context.close();
  });

  test(`${vp.name}: axe-core finds no violations on home, sign-in, registration and account pages`, async () => {
    const { context, page } = await newPage(browser, vp);
    const report = {};
    for (const path of ['/', '/sign-in', '/register']) {
      await open(page, path);
      report[path] = await axe(page);
    }
    await signIn(page, 'shopper@agora.test', DEMO_PASSWORD);
    await page.waitForURL('**/account');
    await page.waitForSelector('#profile-title');
    report['/account'] = await axe(page);
    await shot(page, `account-demo-${vp.name}`);
    // The dark theme must keep its contrast too.
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const path of ['/', '/account']) {
      await open(page, path);
      report[`${path} (dark)`] = await axe(page);
    }
    await shot(page, `account-dark-${vp.name}`);
    for (const [path, violations] of Object.entries(report)) {
      assert.deepEqual(violations, [], `${path}: ${JSON.stringify(violations, null, 1)}`);
    }
    await context.close();
  });
}

test('360 px: no page scrolls sideways and header controls are at least 44 px', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  for (const path of ['/', '/sign-in', '/register', '/c/apparel', '/p/down-jackets-1', '/search?q=%E7%BE%BD%E7%BB%92', '/offline']) {
    await open(page, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `${path} scrolls sideways by ${overflow}px`);
  }
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('.site-header a, .site-header button, .site-header summary, .site-header input')]
      .map((el) => ({ el: el.className || el.tagName, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
      .map(({ el, r }) => `${el} ${Math.round(r.width)}x${Math.round(r.height)}`));
  assert.deepEqual(small, []);
  await context.close();
});
