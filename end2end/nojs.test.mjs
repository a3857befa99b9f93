// Forms without JavaScript (issue 15, item 9), in a browser with JavaScript
// switched off, at phone and desktop size, in Chinese and once in English.
// Everything is found by its role and accessible name, as a shopper (or a
// screen reader) finds it.
//
// Already covered elsewhere, and not repeated here:
// - the minimum-rating filter as a plain GET form, and the variant picker's
//   links (catalog.test.mjs, "without JavaScript, category and product pages
//   still work");
// - a successful sign-in from the header's link coming back to the cart and
//   to a product page (checkout_signin.test.mjs, "without JavaScript,
//   signing in from the header comes back …");
// - the language switch keeping a search (header_menus.test.mjs).
//
// Here: the sub-category links, the in-stock box, the price range and the
// sort form together, kept in the URL and cleared again; a wrong password
// answered in the shopper's language, then signing in and out; the review
// form (stars, text and a photo, multipart) on a delivered order; a
// signed-in shopper adding a chosen variant to the cart, changing it, and
// checking out; and a guest told to sign in (see the note above the cart
// tests). The server side of the same forms is covered by
// server/tests/nojs_forms.rs and server/tests/nojs_checkout.rs.
//
// And at phone size (issue 16, item 2, the last tests in this file): each
// delivery method's total shown beside it, none on the button, and the
// order charged the one shown; a coupon code applied (a bad one explained);
// and a new address given by a shopper who has a saved one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, shot, uniqueEmail, registerAccount, signIn, sql, minor, orderCommand,
} from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const zh = (ns, key, vars) => text('zh-CN', ns, key, vars);
const en = (ns, key, vars) => text('en', ns, key, vars);

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A browser context with JavaScript off, at the viewport's size. */
async function noJsPage(vp, storageState) {
  const context = await browser.newContext({
    viewport: vp.viewport, isMobile: vp.isMobile ?? false, hasTouch: vp.hasTouch ?? false,
    deviceScaleFactor: 1, locale: 'zh-CN', javaScriptEnabled: false,
    ...(storageState ? { storageState } : {}),
  });
  return { context, page: await context.newPage() };
}

/** The listing's cards, each read as its from-price in minor units. */
async function cardPrices(page) {
  const cards = page.getByRole('main').getByRole('article');
  return Promise.all((await cards.all()).map(async (c) => minor(await c.locator('.price').textContent())));
}

/** Opens the folded filter panel (a `<details>`: without JavaScript it
 *  starts closed at every size). Its `summary` has no ARIA role of its own
 *  and, with filters on, ends in their count ("筛选 3"), so it is found as
 *  the group's summary that starts with the panel's name. */
async function openFilters(page, t) {
  const inStock = page.getByRole('checkbox', { name: t('catalog', 'only_in_stock'), exact: true });
  if (!(await inStock.isVisible())) {
    await page.getByRole('complementary').getByRole('group')
      .locator('summary', { hasText: new RegExp(`^${escapeRe(t('catalog', 'filters'))}`) }).click();
  }
  await inStock.waitFor({ state: 'visible' });
}

/** The filter form's and the sort form's Apply buttons have the same name:
 *  each is found inside the form that holds its own control. */
function applyButton(page, control) {
  return page.locator('form', { has: control }).getByRole('button');
}

/** The text that describes a control (its `aria-describedby`). */
async function description(page, control) {
  const id = await control.getAttribute('aria-describedby');
  assert.ok(id, 'the control has a description');
  return (await page.locator(`[id="${id}"]`).textContent()).trim();
}

/** Signs in through the sign-in page's form (JavaScript off). */
async function signInNoJs(page, email, password = DEMO_PASSWORD, t = (ns, key) => zh(ns, key)) {
  const main = page.getByRole('main');
  await main.getByLabel(t('accounts', 'email'), { exact: true }).fill(email);
  await main.getByLabel(t('accounts', 'password'), { exact: true }).fill(password);
  await main.getByRole('button', { name: t('accounts', 'sign_in_submit'), exact: true }).click();
}

/** A wrong password: the browser is sent back to the form (the server
 *  function layer redirects a plain form post to its page), which says why
 *  in the shopper's language and still knows where to go next. */
async function wrongPassword(page, email, t) {
  const before = new URL(page.url());
  await signInNoJs(page, email, 'not-the-password-1', t);
  await page.waitForURL((u) => u.href !== before.href, WAIT);
  await page.waitForLoadState();
  const after = new URL(page.url());
  assert.equal(after.pathname, '/sign-in', `a wrong password stays on the form, not ${page.url()}`);
  assert.equal(after.searchParams.get('next'), before.searchParams.get('next'), 'the way back is kept');
  await page.getByRole('main').getByRole('alert').filter({ hasText: t('errors', 'invalid_credentials') }).waitFor(WAIT);
  assert.equal(await page.getByRole('main').getByLabel(t('accounts', 'email'), { exact: true }).count(), 1, 'the form is there to try again');
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: without JavaScript, a sub-category, the in-stock box, a price range and the sort narrow a category, stay in the URL and clear again`, async () => {
    const { context, page } = await noJsPage(vp);
    const t = (ns, key, vars) => zh(ns, key, vars);
    await page.goto(BASE + '/c/apparel');
    await page.getByText(t('catalog', 'products_count', { count: 20 }), { exact: true }).waitFor(WAIT);

    // A sub-category is a plain link.
    await openFilters(page, t);
    await page.getByRole('navigation', { name: t('catalog', 'subcategories'), exact: true })
      .getByRole('link', { name: /^羽绒服/ }).click();
    await page.waitForURL((u) => u.searchParams.get('sub') === 'down-jackets', WAIT);
    await page.getByText(t('catalog', 'products_count', { count: 5 }), { exact: true }).waitFor(WAIT);

    // In stock and at most ¥600: the filter form is a plain GET form.
    await openFilters(page, t);
    const inStock = page.getByRole('checkbox', { name: t('catalog', 'only_in_stock'), exact: true });
    await inStock.check();
    const max = page.getByRole('textbox', { name: t('catalog', 'price_max'), exact: true });
    await max.fill('600');
    await applyButton(page, inStock).click();
    await page.waitForURL((u) => u.searchParams.get('max') === '600', WAIT);
    let url = new URL(page.url());
    assert.equal(url.searchParams.get('sub'), 'down-jackets', 'the sub-category is kept');
    assert.equal(url.searchParams.get('stock'), '1');
    let prices = await cardPrices(page);
    assert.ok(prices.length > 0 && prices.length < 5, `down jackets up to ¥600: ${prices.length}`);
    assert.ok(prices.every((p) => p <= 60000), `every price up to ¥600: ${prices}`);
    await page.getByText(t('catalog', 'products_count', { count: prices.length }), { exact: true }).waitFor();
    // The page shows what is applied: the form keeps it, and each filter is a chip.
    await openFilters(page, t);
    assert.ok(await inStock.isChecked(), 'in-stock box still ticked');
    assert.equal(await max.inputValue(), '600');
    const chips = page.getByRole('list', { name: t('catalog', 'active_filters'), exact: true });
    assert.ok(await chips.getByRole('link').count() >= 4, 'sub-category, stock and price chips, and "clear all"');

    // Sorting is its own GET form; its Apply button shows only without JavaScript.
    const sort = page.getByRole('combobox', { name: t('catalog', 'sort_by'), exact: true });
    await sort.selectOption({ label: t('catalog', 'sort_price_desc') });
    await applyButton(page, sort).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'price_desc', WAIT);
    url = new URL(page.url());
    assert.deepEqual(
      ['sub', 'stock', 'max'].map((k) => url.searchParams.get(k)), ['down-jackets', '1', '600'],
      'sorting keeps every filter',
    );
    const sorted = await cardPrices(page);
    assert.deepEqual(sorted, [...prices].sort((a, b) => b - a), 'highest price first');
    assert.equal(await sort.inputValue(), 'price_desc');
    await shot(page, `nojs-category-${vp.name}`);

    // "Clear all" drops the filters and keeps the order.
    await chips.getByRole('link', { name: t('catalog', 'clear_filters'), exact: true }).click();
    await page.waitForURL((u) => !u.searchParams.has('sub'), WAIT);
    url = new URL(page.url());
    assert.equal(url.searchParams.get('sort'), 'price_desc');
    assert.ok(!url.searchParams.has('stock') && !url.searchParams.has('max'), url.search);
    await page.getByText(t('catalog', 'products_count', { count: 20 }), { exact: true }).waitFor(WAIT);
    const all = await cardPrices(page);
    assert.deepEqual(all, [...all].sort((a, b) => b - a), 'still highest price first');
    await context.close();
  });

  // A failed form post comes back to its page with the error in the URL.
  // That needs `server::run` to leave the redirect's 302 alone for a plain
  // form post (app/src/server/mod.rs, `plain_form_post`) and the sign-in
  // action, made by the page shell above the routes, to be given the error
  // (app/src/accounts/components/auth_actions.rs, `provide_url_error`).
  test(`${vp.name}: without JavaScript, a wrong password is explained, the right one signs in, and signing out works`, async () => {
    const email = uniqueEmail(`nojs-signin-${vp.name}`);
    await registerAccount(email, '无脚本');
    const { context, page } = await noJsPage(vp);
    const t = (ns, key, vars) => zh(ns, key, vars);
    await page.goto(BASE + '/orders');
    // Signed out, the orders page asks to sign in and comes back.
    await page.getByRole('main').getByRole('link', { name: t('common', 'sign_in'), exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('next') === '/orders', WAIT);

    await wrongPassword(page, email, t);
    await shot(page, `nojs-signin-error-${vp.name}`);

    // The right password: back where the shopper was, signed in.
    await signInNoJs(page, email);
    await page.waitForURL((u) => u.pathname === '/orders', WAIT);
    await page.getByText(text('zh-CN', 'orders', 'none_yet'), { exact: true }).waitFor(WAIT);
    const menu = page.getByRole('banner').getByRole('button', { name: t('common', 'account_menu'), exact: true });
    await menu.waitFor(WAIT);

    // Signing out is a form in the account menu (a `<details>`).
    await menu.click();
    await page.getByRole('banner').getByRole('button', { name: t('common', 'sign_out'), exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/', WAIT);
    await page.getByRole('banner').getByRole('link', { name: t('common', 'sign_in'), exact: true }).waitFor(WAIT);
    assert.equal(await menu.count(), 0, 'the account menu is gone');
    await page.goto(BASE + '/orders');
    await page.getByRole('main').getByRole('link', { name: t('common', 'sign_in'), exact: true }).waitFor(WAIT);
    await context.close();
  });

  // The review form is a plain multipart form (README: "a multipart form
  // that works without JavaScript"). The purchase itself is made with
  // JavaScript on, as the purchase tests do; everything after delivery is
  // done with it off, in the same session.
  test(`${vp.name}: without JavaScript, a delivered item is reviewed with stars, text and a photo`, async () => {
    const email = uniqueEmail(`nojs-review-${vp.name}`);
    await registerAccount(email, '无脚本评价');
    const buyer = await newPage(browser, vp);
    await signIn(buyer.page, email, DEMO_PASSWORD);
    await buyer.page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), WAIT);
    await open(buyer.page, '/p/t-shirts-5');
    await buyer.page.click('.add-to-cart button[type=submit]');
    await buyer.page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);
    await open(buyer.page, '/checkout');
    await buyer.page.locator('[data-testid=place-order]').waitFor(WAIT);
    const form = buyer.page.locator('form.checkout-form');
    for (const [key, value] of [['recipient', '王芳'], ['phone', '13800138000'], ['region', '上海市静安区'], ['line1', '南京西路 1266 号']]) {
      await form.getByLabel(zh('accounts', key), { exact: true }).fill(value);
    }
    await form.getByRole('radio', { name: zh('checkout', 'pay_cod'), exact: true }).check();
    await buyer.page.click('[data-testid=place-order]');
    await buyer.page.waitForURL('**/orders/**', WAIT);
    const number = (await buyer.page.locator('[data-testid=order-number]').textContent()).trim();
    const session = await buyer.context.storageState();
    await buyer.context.close();

    // The carrier delivers (the CLI stands in for the back office).
    orderCommand(number, 'ship', 'SF Express', `SF${Date.now()}`);
    orderCommand(number, 'deliver');

    const { context, page } = await noJsPage(vp, session);
    const t = (ns, key, vars) => zh(ns, key, vars);
    // From the account menu to the order.
    await page.goto(BASE + '/');
    await page.getByRole('banner').getByRole('button', { name: t('common', 'account_menu'), exact: true }).click();
    await page.getByRole('banner').getByRole('link', { name: t('common', 'my_orders'), exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/orders', WAIT);
    await page.getByRole('main').getByRole('link', { name: new RegExp(number) }).click();
    await page.waitForURL((u) => u.pathname === `/orders/${number}`, WAIT);
    await page.getByText(t('orders', 'status_delivered'), { exact: true }).first().waitFor(WAIT);

    // The form opens from its summary, like any disclosure.
    const body = `无脚本也能评价，尺码正好 ${vp.name} ${Date.now()}`;
    await page.getByText(t('orders', 'write_review'), { exact: true }).click();
    const main = page.getByRole('main');
    await main.getByRole('radio', { name: t('catalog', 'n_stars', { n: 3 }), exact: true }).check();
    await main.getByLabel(t('orders', 'review_body'), { exact: true }).fill(body);
    await main.getByLabel(t('orders', 'review_photos'), { exact: true }).setInputFiles(join(here, 'fixtures', 'review-photo.png'));
    await shot(page, `nojs-review-form-${vp.name}`);
    await main.getByRole('button', { name: t('orders', 'review_submit'), exact: true }).click();

    // Back on the order: thanked, and the line says it is reviewed.
    await page.waitForURL((u) => u.pathname === `/orders/${number}` && u.searchParams.get('reviewed') === '1', WAIT);
    await main.getByRole('status').filter({ hasText: t('orders', 'review_thanks') }).waitFor(WAIT);
    await main.getByText(t('orders', 'reviewed'), { exact: true }).waitFor(WAIT);
    assert.equal(await main.getByRole('button', { name: t('orders', 'review_submit'), exact: true }).count(), 0, 'no second form');
    const stored = sql(`SELECT r.rating || '|' || r.verified || '|' || r.status || '|' ||
                               (SELECT count(*) FROM review_photos ph WHERE ph.review_id = r.id) || '|' || r.body
                          FROM reviews r JOIN users u ON u.id = r.user_id WHERE u.email = '${email}'`);
    assert.equal(stored, `3|true|published|1|${body}`);

    // On the product page, server-rendered: the text, the stars, the badge and the photo.
    await page.goto(BASE + '/p/t-shirts-5');
    const mine = page.getByRole('region', { name: t('catalog', 'reviews_title'), exact: true })
      .getByRole('listitem').filter({ hasText: body });
    await mine.waitFor(WAIT);
    await mine.getByRole('img', { name: t('catalog', 'rating_label', { rating: '3.0' }), exact: true }).waitFor();
    await mine.getByText(t('catalog', 'verified_purchase'), { exact: true }).waitFor();
    assert.equal(await mine.getByRole('img', { name: t('catalog', 'review_photo'), exact: true }).count(), 1);
    await context.close();
  });

  // A signed-in shopper's cart is stored on the server, so without
  // JavaScript the server renders the cart and checkout pages from it
  // (app/src/cart/forms.rs, app/src/checkout/forms.rs), and the add-to-cart
  // form, the cart's quantity buttons and the checkout form post to server
  // functions that redirect to the next page. A guest's cart lives in the
  // browser's storage, which only a script can read: a guest is asked to
  // sign in instead (the last test in this file).
  const SHORT = { timeout: 8000 };

  test(`${vp.name}: without JavaScript, a signed-in shopper adds a chosen variant to the cart, sees the line and changes it`, async () => {
    const email = uniqueEmail(`nojs-cart-${vp.name}`);
    await registerAccount(email);
    const { context, page } = await noJsPage(vp);
    const t = (ns, key, vars) => zh(ns, key, vars);
    try {
      await page.goto(BASE + '/sign-in?next=/c/down-jackets');
      await signInNoJs(page, email);
      await page.waitForURL((u) => u.pathname === '/c/down-jackets', WAIT);
      await page.getByRole('main').getByRole('link', { name: '轻薄羽绒服' }).click();
      await page.getByRole('heading', { name: '轻薄羽绒服', level: 1 }).waitFor(WAIT);
      await page.getByRole('group', { name: '颜色' }).getByRole('link', { name: '藏青', exact: true }).click();
      await page.waitForURL(/\?v=\d+/, WAIT);
      await page.getByRole('group', { name: '尺码' }).getByRole('link', { name: 'L', exact: true }).click();
      await page.waitForURL(/\?v=\d+/, WAIT);
      const variant = new URL(page.url()).searchParams.get('v');
      assert.equal(sql(`SELECT option_values->0->>'zh-CN' || '/' || (option_values->1->>'zh-CN') FROM product_variants WHERE id = ${Number(variant)}`), '藏青/L');

      await page.getByRole('spinbutton', { name: t('catalog', 'quantity'), exact: true }).fill('2');
      await page.getByRole('button', { name: t('catalog', 'add_to_cart'), exact: true }).click();
      // Stored, and shown in the cart.
      await page.waitForURL((u) => u.pathname === '/cart', SHORT);
      assert.equal(sql(`SELECT string_agg(c.variant_id || 'x' || c.qty, ',') FROM cart_items c JOIN users u ON u.id = c.user_id WHERE u.email = '${email}'`), `${variant}x2`);
      const line = page.getByRole('main').getByRole('listitem').filter({ hasText: '轻薄羽绒服' });
      await line.waitFor(SHORT);
      await line.getByText('藏青 / L', { exact: true }).waitFor(SHORT);
      await page.getByText(t('cart', 'item_count', { count: 2 }), { exact: true }).waitFor(SHORT);
      await shot(page, `nojs-cart-${vp.name}`);

      // The quantity buttons are forms too: one fewer, and the page comes back.
      await line.getByRole('button', { name: t('cart', 'decrease'), exact: true }).click();
      await page.getByText(t('cart', 'item_count', { count: 1 }), { exact: true }).waitFor(SHORT);
      assert.equal(new URL(page.url()).pathname, '/cart');
      assert.equal(sql(`SELECT string_agg(c.variant_id || 'x' || c.qty, ',') FROM cart_items c JOIN users u ON u.id = c.user_id WHERE u.email = '${email}'`), `${variant}x1`);
    } finally {
      await context.close();
    }
  });

  test(`${vp.name}: without JavaScript, a signed-in shopper checks out with a new address, express delivery and cash on delivery`, async () => {
    const email = uniqueEmail(`nojs-checkout-${vp.name}`);
    await registerAccount(email);
    // The cart, as adding to it (the test above) would leave it.
    const [variant, price] = sql(`SELECT v.id || ' ' || v.price_minor FROM product_variants v JOIN products p ON p.id = v.product_id
                                   WHERE p.slug = 't-shirts-1' AND v.stock > 5 ORDER BY v.position, v.id LIMIT 1`).split(' ');
    sql(`INSERT INTO cart_items (user_id, variant_id, qty, seen_price_minor)
         SELECT id, ${variant}, 1, ${price} FROM users WHERE email = '${email}'`);
    const { context, page } = await noJsPage(vp);
    const t = (ns, key, vars) => zh(ns, key, vars);
    try {
      await page.goto(BASE + '/sign-in?next=/cart');
      await signInNoJs(page, email);
      await page.waitForURL((u) => u.pathname === '/cart', WAIT);
      await page.getByRole('main').getByRole('link', { name: t('cart', 'to_checkout'), exact: true }).click(SHORT);
      await page.waitForURL((u) => u.pathname === '/checkout', WAIT);
      const main = page.getByRole('main');
      const address = { recipient: '李雷', phone: '13900139000', region: '北京市海淀区', line1: '中关村大街 27 号', postal_code: '100080' };
      for (const [key, value] of Object.entries(address)) {
        await main.getByLabel(t('accounts', key), { exact: true }).fill(value, SHORT);
      }
      await main.getByRole('radio', { name: t('cart', 'shipping_express'), exact: true }).check();
      await main.getByRole('radio', { name: t('checkout', 'pay_cod'), exact: true }).check();
      await shot(page, `nojs-checkout-${vp.name}`);
      // The page cannot re-price without JavaScript: it carries the total for
      // each delivery method, shows express's beside it, and the order is
      // placed at that one. The button shows no total.
      const expressTotal = await page.locator('form.checkout-form input[name="totals[express]"]').getAttribute('value');
      const express = main.getByRole('radio', { name: t('cart', 'shipping_express'), exact: true });
      assert.equal(String(minor(await description(page, express))), expressTotal);
      await main.getByRole('button', { name: t('checkout', 'place_order_plain'), exact: true }).click();

      await page.waitForURL(/\/orders\/\d{8}-\d{6}$/, WAIT);
      const number = new URL(page.url()).pathname.split('/').pop();
      await page.getByText(text('zh-CN', 'orders', 'status_awaiting_shipment'), { exact: true }).first().waitFor(WAIT);
      await page.getByText(text('zh-CN', 'orders', 'payment_cod_due'), { exact: true }).first().waitFor(WAIT);
      const row = sql(`SELECT concat_ws('|', shipping_method, payment_method, total_minor, ship_to->>'recipient', ship_to->>'phone',
                         ship_to->>'region', ship_to->>'line1', ship_to->>'postal_code')
                       FROM orders WHERE number = '${number}'`);
      assert.equal(row, ['express', 'cod', expressTotal, ...Object.values(address)].join('|'));
      assert.equal(sql(`SELECT count(*) FROM cart_items c JOIN users u ON u.id = c.user_id WHERE u.email = '${email}'`), '0', 'cart emptied');
    } finally {
      await context.close();
    }
  });
}

// One flow in English: the language switch (a link), a filter, and the
// sign-in error in English (see the note above the sign-in test).
test('in English without JavaScript: the language switch, the in-stock filter and a wrong password', async () => {
  const vp = VIEWPORTS[0];
  const email = uniqueEmail('nojs-en');
  await registerAccount(email, 'No Script');
  const { context, page } = await noJsPage(vp);
  await page.goto(BASE + '/c/apparel');
  await page.getByRole('banner').getByRole('link', { name: zh('common', 'switch_lang_label'), exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/c/apparel', WAIT);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByText(en('catalog', 'products_count', { count: 20 }), { exact: true }).waitFor(WAIT);

  await openFilters(page, en);
  const inStock = page.getByRole('checkbox', { name: en('catalog', 'only_in_stock'), exact: true });
  await inStock.check();
  await applyButton(page, inStock).click();
  await page.waitForURL((u) => u.searchParams.get('stock') === '1', WAIT);
  const cards = page.getByRole('main').getByRole('article');
  const n = await cards.count();
  assert.ok(n > 0 && n < 20, `in stock: ${n} of 20`);
  assert.equal(await cards.filter({ hasText: en('catalog', 'out_of_stock') }).count(), 0, 'nothing sold out is listed');
  await page.getByText(en('catalog', 'products_count', { count: n }), { exact: true }).waitFor();

  await page.getByRole('banner').getByRole('link', { name: en('common', 'sign_in'), exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/sign-in', WAIT);
  await wrongPassword(page, email, en);
  await shot(page, 'nojs-signin-error-en-phone');
  // The right one: back on the filtered list, still in English.
  await signInNoJs(page, email, DEMO_PASSWORD, en);
  await page.waitForURL((u) => u.pathname === '/c/apparel' && u.searchParams.get('stock') === '1', WAIT);
  await page.getByRole('banner').getByRole('button', { name: en('common', 'account_menu'), exact: true }).waitFor(WAIT);
  await context.close();
});

// A guest's cart lives in the browser's storage, which only a script can
// read: without JavaScript, adding to the cart, the cart and checkout ask
// the guest to sign in, and signing in comes back to the chosen variant.
test('without JavaScript, a guest is asked to sign in to buy, and comes back to the variant', async () => {
  const vp = VIEWPORTS[0];
  const email = uniqueEmail('nojs-guest');
  await registerAccount(email);
  const { context, page } = await noJsPage(vp);
  const t = (ns, key, vars) => zh(ns, key, vars);
  const addToCart = () => page.getByRole('button', { name: t('catalog', 'add_to_cart'), exact: true }).click();
  try {
    // The cart and checkout say so instead of only "loading".
    for (const path of ['/cart', '/checkout']) {
      await page.goto(BASE + path);
      const note = page.getByRole('main').getByText(t('cart', 'nojs_sign_in'));
      await note.waitFor(WAIT);
      const link = page.getByRole('main').getByRole('link', { name: t('common', 'sign_in'), exact: true });
      assert.equal(new URL(await link.getAttribute('href'), BASE).searchParams.get('next'), path);
    }

    // Adding to the cart comes back to the product page, which says why.
    await page.goto(BASE + '/p/t-shirts-1');
    await addToCart();
    const why = page.getByRole('main').getByRole('alert').filter({ hasText: t('cart', 'nojs_sign_in') });
    await why.waitFor(WAIT);
    assert.equal(new URL(page.url()).pathname, '/p/t-shirts-1');
    assert.equal(sql(`SELECT count(*) FROM cart_items c JOIN users u ON u.id = c.user_id WHERE u.email = '${email}'`), '0');
    await shot(page, 'nojs-guest-add-phone');

    // Its link signs in and comes back to the variant, which can then be added.
    await why.getByRole('link', { name: t('common', 'sign_in'), exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in', WAIT);
    assert.match(new URL(page.url()).searchParams.get('next'), /^\/p\/t-shirts-1\?v=\d+$/);
    await signInNoJs(page, email);
    await page.waitForURL((u) => u.pathname === '/p/t-shirts-1' && u.searchParams.has('v'), WAIT);
    const variant = new URL(page.url()).searchParams.get('v');
    await addToCart();
    await page.waitForURL((u) => u.pathname === '/cart', WAIT);
    assert.equal(sql(`SELECT string_agg(c.variant_id || 'x' || c.qty, ',') FROM cart_items c JOIN users u ON u.id = c.user_id WHERE u.email = '${email}'`), `${variant}x1`);
    await page.getByText(t('cart', 'item_count', { count: 1 }), { exact: true }).waitFor(WAIT);
  } finally {
    await context.close();
  }
});

// Checkout without JavaScript (issue 16, item 2), at phone size. The page is
// rendered on the server and cannot re-price when the shopper picks another
// delivery method, a coupon or a new address: each must still give the same
// order as the hydrated page (app/src/checkout/pages/checkout.rs).

/** A new shopper with one T-shirt in the stored cart, signed in without
 *  JavaScript and on the checkout page; `setup(email)` runs before signing in. */
async function noJsCheckout(vp, tag, setup = () => {}) {
  const email = uniqueEmail(tag);
  await registerAccount(email);
  const [variant, price] = sql(`SELECT v.id || ' ' || v.price_minor FROM product_variants v JOIN products p ON p.id = v.product_id
                                 WHERE p.slug = 't-shirts-1' AND v.stock > 5 ORDER BY v.position, v.id LIMIT 1`).split(' ');
  sql(`INSERT INTO cart_items (user_id, variant_id, qty, seen_price_minor)
       SELECT id, ${variant}, 1, ${price} FROM users WHERE email = '${email}'`);
  setup(email);
  const { context, page } = await noJsPage(vp);
  await page.goto(BASE + '/sign-in?next=/checkout');
  await signInNoJs(page, email);
  await page.waitForURL((u) => u.pathname === '/checkout', WAIT);
  return { email, context, page };
}

const NEW_ADDRESS = { recipient: '李雷', phone: '13900139000', region: '北京市海淀区', line1: '中关村大街 27 号', postal_code: '100080' };

/** Types the new address, picks cash on delivery and places the order;
 *  returns the order's number. */
async function placeWithNewAddress(page) {
  const main = page.getByRole('main');
  for (const [key, value] of Object.entries(NEW_ADDRESS)) {
    await main.getByLabel(zh('accounts', key), { exact: true }).fill(value, { timeout: 8000 });
  }
  await main.getByRole('radio', { name: zh('checkout', 'pay_cod'), exact: true }).check();
  await main.getByRole('button', { name: zh('checkout', 'place_order_plain'), exact: true }).click();
  await page.waitForURL(/\/orders\/\d{8}-\d{6}$/, WAIT);
  return new URL(page.url()).pathname.split('/').pop();
}

test('phone: without JavaScript, each delivery method shows its own total, the button none, and express is charged what its line says', async () => {
  const vp = VIEWPORTS[0];
  const { context, page } = await noJsCheckout(vp, 'nojs-express');
  const t = (ns, key, vars) => zh(ns, key, vars);
  try {
    const main = page.getByRole('main');
    const standard = main.getByRole('radio', { name: t('cart', 'shipping_standard'), exact: true });
    const express = main.getByRole('radio', { name: t('cart', 'shipping_express'), exact: true });
    // "选此方式合计 ¥…" under each method, told to a screen reader with it.
    const prefix = t('checkout', 'option_total', { total: '' }).trim();
    const lines = [await description(page, standard), await description(page, express)];
    for (const line of lines) {
      assert.ok(line.startsWith(prefix), line);
      await main.getByText(line, { exact: true }).waitFor({ state: 'visible', timeout: 8000 });
    }
    const [standardTotal, expressTotal] = lines.map(minor);
    assert.ok(expressTotal > standardTotal, `express ${expressTotal} costs more than standard ${standardTotal}`);
    // The button cannot follow the choice, so it shows no total at all.
    const button = main.getByRole('button', { name: t('checkout', 'place_order_plain'), exact: true });
    await button.waitFor({ state: 'visible', timeout: 8000 });
    assert.doesNotMatch(await button.textContent(), /\d/);

    // The summary beside the form is priced for standard delivery: with
    // express chosen its delivery and total rows give way to the lines above.
    const summaryTotal = main.getByText(t('cart', 'total'), { exact: true });
    assert.ok(await summaryTotal.isVisible(), 'the summary total shows for standard delivery');
    await express.check();
    await summaryTotal.waitFor({ state: 'hidden', timeout: 8000 });
    await shot(page, 'nojs-checkout-express-phone');

    const number = await placeWithNewAddress(page);
    assert.equal(sql(`SELECT shipping_method || '|' || total_minor FROM orders WHERE number = '${number}'`), `express|${expressTotal}`);
  } finally {
    await context.close();
  }
});

test('phone: without JavaScript, a coupon code is applied, a bad one explained, and the order placed with it', async () => {
  const vp = VIEWPORTS[0];
  const { context, page } = await noJsCheckout(vp, 'nojs-coupon');
  const t = (ns, key, vars) => zh(ns, key, vars);
  try {
    const main = page.getByRole('main');
    const box = main.getByRole('textbox', { name: t('cart', 'coupon_label'), exact: true });
    const apply = main.getByRole('button', { name: t('cart', 'coupon_apply'), exact: true });
    const express = main.getByRole('radio', { name: t('cart', 'shipping_express'), exact: true });
    const applied = main.getByRole('status').filter({ hasText: t('cart', 'coupon_applied', { code: 'FREESHIP' }) });
    const plainExpress = minor(await description(page, express));

    // A code that does not exist: the page comes back saying so, priced as before.
    await box.fill('NOPE');
    await apply.click();
    await page.waitForURL((u) => u.pathname === '/checkout' && u.searchParams.get('coupon') === 'NOPE', WAIT);
    await main.getByRole('alert').filter({ hasText: t('cart', 'coupon_unknown') }).waitFor(WAIT);
    assert.equal(await box.inputValue(), 'NOPE', 'the box keeps what was typed');
    assert.equal(minor(await description(page, express)), plainExpress);

    // The free-delivery coupon: applied, and express's total is ¥25 less.
    await box.fill('FREESHIP');
    await apply.click();
    await page.waitForURL((u) => u.searchParams.get('coupon') === 'FREESHIP', WAIT);
    await applied.waitFor(WAIT);
    assert.equal(minor(await description(page, express)), plainExpress - 2500);
    await main.getByText(t('cart', 'free'), { exact: true }).waitFor({ state: 'visible', timeout: 8000 });
    await shot(page, 'nojs-checkout-coupon-phone');

    // Removed with its link, then applied again.
    await applied.getByRole('link', { name: t('cart', 'remove'), exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('coupon') === '', WAIT);
    await box.waitFor(WAIT);
    assert.equal(await applied.count(), 0, 'no coupon applied');
    assert.equal(minor(await description(page, express)), plainExpress);
    await box.fill('FREESHIP');
    await apply.click();
    await applied.waitFor(WAIT);

    await express.check();
    const number = await placeWithNewAddress(page);
    assert.equal(sql(`SELECT concat_ws('|', shipping_method, coupon_code, total_minor) FROM orders WHERE number = '${number}'`),
      `express|FREESHIP|${plainExpress - 2500}`);
  } finally {
    await context.close();
  }
});

test('phone: without JavaScript, a shopper with a saved address sends the order to a new one', async () => {
  const vp = VIEWPORTS[0];
  const { context, page } = await noJsCheckout(vp, 'nojs-book', (email) => sql(
    `INSERT INTO addresses (user_id, recipient, phone, region, line1, postal_code, is_default)
     SELECT id, '韩梅梅', '13700137000', '上海市徐汇区', '漕溪北路 88 号', '200030', true FROM users WHERE email = '${email}'`,
  ));
  const t = (ns, key, vars) => zh(ns, key, vars);
  try {
    const main = page.getByRole('main');
    // The saved address is chosen, and the new address's fields are hidden.
    assert.ok(await main.getByRole('radio', { name: /韩梅梅/ }).isChecked());
    const recipient = main.getByLabel(t('accounts', 'recipient'), { exact: true });
    assert.equal(await recipient.isVisible(), false, 'no new-address fields while the saved one is chosen');

    // "A new address": its fields appear, without a script or a page load.
    const url = page.url();
    await main.getByRole('radio', { name: t('checkout', 'new_address'), exact: true }).check();
    await recipient.waitFor({ state: 'visible', timeout: 8000 });
    assert.equal(page.url(), url);
    await shot(page, 'nojs-checkout-new-address-phone');

    const number = await placeWithNewAddress(page);
    const shipTo = sql(`SELECT concat_ws('|', ship_to->>'recipient', ship_to->>'phone', ship_to->>'region', ship_to->>'line1', ship_to->>'postal_code')
                          FROM orders WHERE number = '${number}'`);
    assert.equal(shipTo, Object.values(NEW_ADDRESS).join('|'));
  } finally {
    await context.close();
  }
});
