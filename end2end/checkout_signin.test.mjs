// Checkout keeps what the shopper typed while the order is re-priced (issue
// 13, item 2), and signing in or registering goes back to the page the
// shopper came from, with or without JavaScript (item 8).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, uniqueEmail, registerAccount, signIn, sql, minor, shot,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const common = (key) => text('zh-CN', 'common', key);
const accounts = (key) => text('zh-CN', 'accounts', key);
const cart = (key) => text('zh-CN', 'cart', key);
const checkout = (key) => text('zh-CN', 'checkout', key);
const WAIT = { timeout: 20000 };

/** What the shopper types at checkout: label key → value. */
const ADDRESS = {
  recipient: '王芳',
  phone: '13800138000',
  region: '上海市静安区',
  line1: '南京西路 1266 号 18 楼',
  postal_code: '200040',
};

/** Waits until the summary's delivery line shows `expected` minor units. */
async function waitShipping(page, expected) {
  await page.waitForFunction((want) => {
    const el = document.querySelector('[data-testid=summary] [data-testid=shipping]');
    if (!el) return false;
    return Math.round(Number(el.textContent.replace(/[^0-9.]/g, '')) * 100) === want;
  }, expected, WAIT);
}

/** Every address field still holds what was typed. */
async function assertAddressKept(page, when) {
  const form = page.locator('form.checkout-form');
  for (const [key, value] of Object.entries(ADDRESS)) {
    assert.equal(await form.getByLabel(accounts(key), { exact: true }).inputValue(), value, `${key} ${when}`);
  }
}

/** The header's sign-in link, found the way a screen reader user would. */
function headerSignIn(page) {
  return page.getByRole('banner').getByRole('link', { name: common('sign_in'), exact: true });
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: the typed address and coupon survive a change of delivery and coupon, and the order is placed`, async () => {
    const email = uniqueEmail(`keep-${vp.name}`);
    await registerAccount(email);
    const { context, page } = await newPage(browser, vp);
    await signIn(page, email, DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), WAIT);
    await open(page, '/p/t-shirts-1');
    await page.click('.add-to-cart button[type=submit]');
    await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);

    await open(page, '/checkout');
    await page.locator('[data-testid=place-order]').waitFor(WAIT);
    const form = page.locator('form.checkout-form');
    for (const [key, value] of Object.entries(ADDRESS)) {
      await form.getByLabel(accounts(key), { exact: true }).fill(value);
    }
    await form.getByRole('radio', { name: checkout('pay_cod'), exact: true }).check();
    // A code typed but not applied yet.
    const code = page.getByLabel(cart('coupon_label'), { exact: true });
    await code.fill('FREESHIP');

    // Express: the order is re-priced (¥25 delivery); nothing typed is lost.
    await form.getByRole('radio', { name: cart('shipping_express'), exact: true }).check();
    await waitShipping(page, 2500);
    await assertAddressKept(page, 'after choosing express');
    assert.equal(await code.inputValue(), 'FREESHIP', 'coupon text after choosing express');
    assert.ok(await form.getByRole('radio', { name: checkout('pay_cod'), exact: true }).isChecked(), 'cash on delivery kept');

    // The coupon re-prices it again: delivery becomes free, the form stays.
    await page.locator('.coupon-form').getByRole('button', { name: cart('coupon_apply'), exact: true }).click();
    await page.locator('[data-testid=coupon-applied]').waitFor(WAIT);
    await page.locator('[data-testid=summary] [data-testid=shipping]', { hasText: cart('free') }).waitFor(WAIT);
    await assertAddressKept(page, 'after applying the coupon');
    assert.equal(await code.inputValue(), 'FREESHIP', 'coupon text after applying it');
    assert.ok(await form.getByRole('radio', { name: cart('shipping_express'), exact: true }).isChecked(), 'express kept');
    assert.ok(await form.getByRole('radio', { name: checkout('pay_cod'), exact: true }).isChecked(), 'cash on delivery kept');
    const total = minor(await page.textContent('[data-testid=summary] [data-testid=total]'));
    await shot(page, `checkout-kept-${vp.name}`);

    // Placed with exactly what was typed and chosen.
    await page.click('[data-testid=place-order]', WAIT);
    await page.waitForURL('**/orders/**', WAIT);
    await page.locator('[data-testid=order-status][data-status=awaiting_shipment]').waitFor(WAIT);
    const number = (await page.textContent('[data-testid=order-number]')).trim();
    const row = sql(`SELECT concat_ws('|', shipping_method, coupon_code, payment_method, total_minor,
                       ship_to->>'recipient', ship_to->>'phone', ship_to->>'region', ship_to->>'line1', ship_to->>'postal_code')
                     FROM orders WHERE number = '${number}'`);
    assert.equal(row, ['express', 'FREESHIP', 'cod', total, ...Object.values(ADDRESS)].join('|'));
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: signing in from the header comes back to the product page`, async () => {
    const email = uniqueEmail(`back-${vp.name}`);
    await registerAccount(email);
    const { context, page } = await newPage(browser, vp);
    await open(page, '/p/t-shirts-1');
    const link = headerSignIn(page);
    assert.equal(new URL(await link.getAttribute('href'), BASE).searchParams.get('next'), '/p/t-shirts-1');
    await link.click();
    await page.waitForURL((u) => u.pathname === '/sign-in', WAIT);
    await page.fill('#signin-email', email);
    await page.fill('#signin-password', DEMO_PASSWORD);
    await page.locator('main').getByRole('button', { name: accounts('sign_in_submit'), exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/p/t-shirts-1', WAIT);
    // Signed in: the account menu has replaced the link.
    await page.locator('.site-header .account-menu').waitFor(WAIT);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: registering from the header's sign-in link comes back to the cart`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/cart');
    await headerSignIn(page).click();
    await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('next') === '/cart', WAIT);
    // No account yet: the registration link carries the way back too.
    await page.locator('main').getByRole('link', { name: accounts('create_account'), exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/register' && u.searchParams.get('next') === '/cart', WAIT);
    await page.fill('#reg-email', uniqueEmail(`back-reg-${vp.name}`));
    await page.fill('#reg-display_name', '回跳测试');
    await page.fill('#reg-password', DEMO_PASSWORD);
    await page.locator('main').getByRole('button', { name: accounts('register_submit'), exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cart', WAIT);
    await page.locator('.site-header .account-menu').waitFor(WAIT);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: without JavaScript, signing in from the header comes back to the cart and the product page`, async () => {
    const email = uniqueEmail(`back-nojs-${vp.name}`);
    await registerAccount(email);
    for (const path of ['/cart', '/p/t-shirts-1']) {
      const context = await browser.newContext({
        viewport: vp.viewport, isMobile: vp.isMobile ?? false, hasTouch: vp.hasTouch ?? false,
        javaScriptEnabled: false, locale: 'zh-CN',
      });
      const page = await context.newPage();
      await page.goto(BASE + path);
      await headerSignIn(page).click();
      await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('next') === path, WAIT);
      await page.fill('#signin-email', email);
      await page.fill('#signin-password', DEMO_PASSWORD);
      await page.locator('main').getByRole('button', { name: accounts('sign_in_submit'), exact: true }).click();
      await page.waitForURL((u) => u.pathname === path, WAIT);
      await context.close();
    }
  });
}
