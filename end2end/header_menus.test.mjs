// The header's menus and search box (issue 13, items 3 and 4): menus close
// after a choice, on Escape and on a tap outside, so they never cover the
// back office; the search box shows only a storefront search query.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, BASE, launch, newPage, open, text, signIn, staffPage, DEMO_PASSWORD } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const common = (key) => text('zh-CN', 'common', key);
const SHORT = { timeout: 5000 };

/** Whether `locator` is the element that has the keyboard focus. */
async function focused(locator) {
  return locator.evaluate((el) => el === document.activeElement);
}

/** A tap (phone) or click (desktop) on the page's empty left margin: main's
 *  padding on a phone, the body beside main on a desktop; never a control. */
async function tapOutside(page, vp) {
  const x = 4;
  const y = Math.round(vp.viewport.height * 0.6);
  if (vp.hasTouch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: the account menu closes after a choice, on Escape and on a tap outside`, async () => {
    const { context, page } = await newPage(browser, vp);
    await signIn(page, 'ops@agora.test', DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 20000 });
    await open(page, '/');
    const header = page.locator('.site-header');
    const toggle = header.getByRole('button', { name: common('account_menu'), exact: true });
    const myOrders = header.getByRole('link', { name: common('my_orders'), exact: true });
    const expanded = (v) => page.locator(`.account-menu > summary[aria-expanded="${v}"]`).waitFor(SHORT);
    const openMenu = async () => {
      await toggle.click({ timeout: 15000 });
      await myOrders.waitFor({ state: 'visible', ...SHORT });
      await expanded(true);
    };

    // Choosing 管理后台 leaves the menu closed and the back office usable.
    await openMenu();
    await header.getByRole('link', { name: common('admin'), exact: true }).click(SHORT);
    await page.waitForURL((u) => u.pathname === '/admin', { timeout: 20000 });
    await myOrders.waitFor({ state: 'hidden', ...SHORT });
    await expanded(false);
    const adminNav = page.getByRole('navigation', { name: text('zh-CN', 'admin', 'nav_label'), exact: true });
    await adminNav.getByRole('link', { name: text('zh-CN', 'admin', 'nav_orders') }).click({ timeout: 15000 });
    await page.waitForURL((u) => u.pathname === '/admin/orders', { timeout: 20000 });

    // Escape closes it and gives the focus back to the toggle.
    await openMenu();
    await page.keyboard.press('Escape');
    await myOrders.waitFor({ state: 'hidden', ...SHORT });
    await expanded(false);
    assert.ok(await focused(toggle), 'after Escape the focus is on the account menu toggle');

    // A tap outside closes it, and lands on nothing else.
    await openMenu();
    await tapOutside(page, vp);
    await myOrders.waitFor({ state: 'hidden', ...SHORT });
    await expanded(false);
    assert.equal(new URL(page.url()).pathname, '/admin/orders');

    // The phone's category drawer closes on Escape too.
    if (vp.name === 'phone') {
      const drawerToggle = header.getByRole('button', { name: common('menu_label'), exact: true });
      const drawer = page.locator('.drawer-panel');
      await drawerToggle.click(SHORT);
      await drawer.waitFor({ state: 'visible', ...SHORT });
      await page.locator('.drawer > summary[aria-expanded="true"]').waitFor(SHORT);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden', ...SHORT });
      await page.locator('.drawer > summary[aria-expanded="false"]').waitFor(SHORT);
      assert.ok(await focused(drawerToggle), 'after Escape the focus is on the drawer toggle');
    }
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: the header search box shows only a storefront search query`, async () => {
    const { context, page } = await staffPage(browser, vp, 'admin@agora.test', '/admin/customers?q=shopper%40agora.test');
    const box = page.getByRole('combobox', { name: common('search_label'), exact: true });
    // The page's own filter holds the address: the page has read its q.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=customer-search]')?.value === 'shopper@agora.test',
      null,
      { timeout: 15000 },
    );
    // Before the fix the header copied q over right after hydration.
    await page.waitForTimeout(500);
    assert.equal(await box.inputValue(SHORT), '');

    await open(page, `/search?q=${encodeURIComponent('羽绒')}`);
    await page.waitForFunction(() => document.querySelector('#site-search')?.value === '羽绒', null, { timeout: 10000 });
    assert.equal(await box.inputValue(SHORT), '羽绒');
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}

test('the language switch keeps the search query (without JavaScript too)', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${BASE}/search?q=${encodeURIComponent('羽绒')}`);
  await page.locator('.lang-switch').click();
  await page.waitForURL((u) => u.pathname === '/search', { timeout: 15000 });
  assert.equal(new URL(page.url()).searchParams.get('q'), '羽绒');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await context.close();
});
