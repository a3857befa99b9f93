// Personal display settings (issue 16, item 5) at phone size: a guest
// chooses the dark theme and the largest text from the footer's link; the
// choice applies at once, stays on every page, is in the HTML the server
// sends (read without JavaScript), and is kept by the account on signing
// in, so another device shows it too. Without JavaScript the same form
// works as a plain post. At 360 px and the largest text no shopper page
// scrolls sideways. Controls are found by role and accessible name, texts
// read from locales/. The server side is server/tests/display_settings.rs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, shot, uniqueEmail, registerAccount, signIn, sql,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const zh = (ns, key, vars) => text('zh-CN', ns, key, vars);
const phone = VIEWPORTS.find((v) => v.name === 'phone');

/** The `<html …>` start tag of a page's HTML. */
const htmlTag = (html) => html.slice(html.indexOf('<html'), html.indexOf('>', html.indexOf('<html')) + 1);

/** What the page on screen is drawn with. */
async function drawn(page) {
  return page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    text: document.documentElement.dataset.text,
    rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
    bg: getComputedStyle(document.body).backgroundColor,
  }));
}

/** The choice an account holds, as `theme.text`, or '' for none. */
function saved(email) {
  return sql(`SELECT s.theme || '.' || s.text_size FROM user_display_settings s JOIN users u ON u.id = s.user_id WHERE u.email = '${email}'`);
}

const radio = (page, key) => page.getByRole('radio', { name: zh('display', key), exact: true });

test('phone: a guest chooses dark and the largest text; it stays across pages, in the server\'s HTML and after signing in', async () => {
  const { context, page } = await newPage(browser, phone);
  await open(page, '/');
  let now = await drawn(page);
  assert.deepEqual([now.theme, now.text], ['system', 'standard']);
  const standardPx = now.rootPx;

  // The footer's link leads to the settings; the choice in force is written out.
  await page.getByRole('contentinfo').getByRole('link', { name: zh('display', 'footer_link'), exact: true }).click();
  await page.waitForURL('**/display');
  await page.waitForSelector('html[data-hydrated]', WAIT);
  await page.getByRole('heading', { name: zh('display', 'page_title'), level: 1 }).waitFor();
  const themes = page.getByRole('group', { name: zh('display', 'theme_legend') });
  const sizes = page.getByRole('group', { name: zh('display', 'text_legend') });
  assert.ok(await themes.getByRole('radio', { name: zh('display', 'theme_system'), exact: true }).isChecked());
  assert.ok(await sizes.getByRole('radio', { name: zh('display', 'text_standard'), exact: true }).isChecked());
  await page.getByText(zh('display', 'current', { theme: zh('display', 'theme_system'), text: zh('display', 'text_standard') })).waitFor();
  await page.getByText(zh('display', 'kept_in_browser')).waitFor();

  // Chosen and saved: applied in place, without a reload.
  await radio(page, 'theme_dark').check();
  await radio(page, 'text_larger').check();
  await page.evaluate(() => { window.__samePage = true; });
  await page.getByRole('button', { name: zh('display', 'save'), exact: true }).click();
  await page.getByRole('status').filter({ hasText: zh('display', 'saved') }).waitFor(WAIT);
  await page.waitForSelector('html[data-theme="dark"][data-text="larger"]', WAIT);
  assert.equal(await page.evaluate(() => window.__samePage), true, 'no reload');
  await page.getByText(zh('display', 'current', { theme: zh('display', 'theme_dark'), text: zh('display', 'text_larger') })).waitFor();
  now = await drawn(page);
  assert.ok(Math.abs(now.rootPx - standardPx * 1.3) < 0.5, `root font ${now.rootPx}px`);
  assert.equal(now.bg, 'rgb(22, 20, 18)', 'the dark palette');
  await shot(page, 'display-dark-larger-phone');

  // Another page: on screen, and in the HTML the server sends with the
  // browser's cookie (no script runs on a request's answer).
  await open(page, '/c/apparel');
  now = await drawn(page);
  assert.deepEqual([now.theme, now.text], ['dark', 'larger']);
  const cookie = (await context.cookies(BASE)).find((c) => c.name === 'agora_display');
  assert.equal(cookie?.value, 'dark.larger');
  const raw = await (await context.request.get(`${BASE}/c/apparel`)).text();
  assert.match(htmlTag(raw), /data-theme="dark"/);
  assert.match(htmlTag(raw), /data-text="larger"/);

  // Signing in to an account that never chose: it adopts the guest's choice.
  const email = uniqueEmail('display');
  await registerAccount(email);
  assert.equal(saved(email), '');
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL('**/account', WAIT);
  await page.getByRole('heading', { name: zh('display', 'card_title'), level: 2 }).waitFor(WAIT);
  now = await drawn(page);
  assert.deepEqual([now.theme, now.text], ['dark', 'larger']);
  assert.equal(saved(email), 'dark.larger');
  assert.ok(await radio(page, 'theme_dark').isChecked());
  assert.ok(await radio(page, 'text_larger').isChecked());
  await page.getByText(zh('display', 'kept_in_account')).waitFor();

  // Another device signs in: drawn from the account from its first page.
  const other = await newPage(browser, phone);
  await signIn(other.page, email, DEMO_PASSWORD);
  await other.page.waitForURL('**/account', WAIT);
  await open(other.page, '/');
  now = await drawn(other.page);
  assert.deepEqual([now.theme, now.text], ['dark', 'larger']);
  const otherRaw = await (await other.context.request.get(`${BASE}/`)).text();
  assert.match(htmlTag(otherRaw), /data-theme="dark"/);

  // A change on the account page is kept by the account.
  await radio(page, 'theme_light').check();
  await radio(page, 'text_standard').check();
  await page.getByRole('button', { name: zh('display', 'save'), exact: true }).click();
  await page.waitForSelector('html[data-theme="light"][data-text="standard"]', WAIT);
  assert.equal(saved(email), 'light.standard');
  await open(other.page, '/');
  now = await drawn(other.page);
  assert.deepEqual([now.theme, now.text], ['light', 'standard']);
  assert.deepEqual(page.jsErrors, []);
  assert.deepEqual(other.page.jsErrors, []);
  await other.context.close();
  await context.close();
});

test('phone, without JavaScript: the display form is a plain post and the next page is drawn with it', async () => {
  const context = await browser.newContext({
    viewport: phone.viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 1, locale: 'zh-CN', javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await page.goto(`${BASE}/display`);
  await radio(page, 'theme_dark').check();
  await radio(page, 'text_large').check();
  await page.getByRole('button', { name: zh('display', 'save'), exact: true }).click();
  // server_fn sends a plain post back to the page it came from, with the
  // (emptied) error parameters' `?` left on the URL.
  await page.waitForURL(/\/display\??$/);
  await page.waitForSelector('html[data-theme="dark"][data-text="large"]', WAIT);
  assert.ok(await radio(page, 'theme_dark').isChecked());
  await page.getByText(zh('display', 'current', { theme: zh('display', 'theme_dark'), text: zh('display', 'text_large') })).waitFor();
  await page.goto(`${BASE}/c/apparel`);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.getAttribute('html', 'data-text'), 'large');
  await context.close();
});

test('360 px at the largest text: no shopper page scrolls sideways', async () => {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, locale: 'zh-CN',
  });
  await context.addCookies([{ name: 'agora_display', value: 'dark.larger', url: BASE }]);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const fits = async (path) => {
    assert.equal(await page.getAttribute('html', 'data-text'), 'larger', path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path} is ${width}px wide at the largest text`);
  };
  for (const path of ['/', '/c/apparel', '/search?q=%E7%BE%BD%E7%BB%92', '/display', '/sign-in', '/register']) {
    await open(page, path);
    await fits(path);
  }
  // A product in the cart, so the cart and the checkout show their lines.
  await open(page, '/p/down-jackets-1');
  await fits('/p/down-jackets-1');
  await page.getByRole('button', { name: zh('catalog', 'add_to_cart'), exact: true }).click();
  await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);
  await open(page, '/cart');
  await page.getByRole('link', { name: zh('cart', 'to_checkout') }).waitFor(WAIT);
  await fits('/cart');
  await open(page, '/checkout');
  await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor(WAIT);
  await fits('/checkout');
  await shot(page, 'display-larger-checkout-360');
  // Signed in: the account page with its cards, and the header's menu.
  const email = uniqueEmail('display-360');
  await registerAccount(email);
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL('**/account', WAIT);
  await page.getByRole('heading', { name: zh('display', 'card_title'), level: 2 }).waitFor(WAIT);
  await fits('/account');
  await open(page, '/orders');
  await fits('/orders');
  assert.deepEqual(errors, []);
  await context.close();
});
