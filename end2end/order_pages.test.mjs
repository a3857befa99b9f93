// The shopper's order pages and the sandbox provider's page, in a real
// browser at phone and desktop size: each order line shows labelled list
// price × quantity, discount and paid amounts that add up; the 满减 line
// names only the tier reached (in the cart, at checkout and on the order);
// the order list says the order is paid; and the hosted payment page stands
// on its own, without the shop's header and footer, its badge clear of the
// heading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, shot, sql, signIn, uniqueEmail,
  registerAccount, minor,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const orders = (key, vars) => text('zh-CN', 'orders', key, vars);
const checkout = (key, vars) => text('zh-CN', 'checkout', key, vars);
const WAIT = { timeout: 20000 };

/** Minor units as a tier names them: whole yuan, or yuan and fen. */
const yuan = (m) => (m % 100 === 0 ? String(m / 100) : (m / 100).toFixed(2));

/** A listed CNY variant off sale whose two units reach the demo 满减 (even
 *  at 15% off), with stock to spare: [slug, variant id]. */
function twoUnitProduct() {
  const row = sql(`SELECT p.slug || ' ' || v.id FROM product_variants v JOIN products p ON p.id = v.product_id
                    WHERE p.listed AND v.currency = 'CNY' AND v.stock >= 10
                      AND v.price_minor BETWEEN 18000 AND 29999
                      AND p.slug NOT LIKE 'tea-%' AND p.slug <> 'sneakers-3'
                    ORDER BY p.id, v.position, v.id LIMIT 1`);
  assert.ok(row, 'a product between ¥180 and ¥299.99 in stock');
  return row.split(' ');
}

/** A new shopper, signed in, with `qty` of the variant in the cart. */
async function shopperWithCart(vp, slug, variant, qty) {
  const email = uniqueEmail(`orderpage-${vp.name}`);
  await registerAccount(email);
  const { context, page } = await newPage(browser, vp);
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), WAIT);
  await open(page, `/p/${slug}?v=${variant}`);
  await page.fill('.add-to-cart input[name=qty]', String(qty));
  await page.click('.add-to-cart button[type=submit]');
  await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);
  return { context, page };
}

/** From the cart through checkout to the provider's page. */
async function placeOrder(page) {
  await open(page, '/checkout');
  await page.locator('[data-testid=place-order]').waitFor(WAIT);
  await page.fill('#co-address\\[recipient\\]', '王芳');
  await page.fill('#co-address\\[phone\\]', '13800138000');
  await page.fill('#co-address\\[region\\]', '上海市静安区');
  await page.fill('#co-address\\[line1\\]', '南京西路 1266 号');
  await page.click('[data-testid=place-order]');
  await page.waitForURL('**/sandbox/pay/**', WAIT);
  await page.waitForSelector('html[data-hydrated]', WAIT);
}

/** The 满减 an order got: the tier reached on its goods, and the
 *  promotion's full name (which names every tier). */
function appliedTier(number) {
  const pid = sql(`SELECT d.promotion_id FROM order_discounts d JOIN orders o ON o.id = d.order_id
                    WHERE o.number = '${number}' AND d.kind = 'threshold'`);
  assert.ok(pid, 'the order got a 满减');
  const goods = Number(sql(`SELECT list_minor - sale_savings_minor FROM orders WHERE number = '${number}'`));
  const tiers = JSON.parse(sql(`SELECT tiers FROM promotions WHERE id = ${pid}`));
  const reached = tiers.filter((t) => goods >= t.min_minor).sort((a, b) => b.off_minor - a.off_minor)[0];
  assert.ok(reached, `a tier reached on ${goods}`);
  return {
    tier: checkout('threshold_tier', { min: yuan(reached.min_minor), off: yuan(reached.off_minor), sym: '¥' }),
    fullName: sql(`SELECT name->>'zh-CN' FROM promotions WHERE id = ${pid}`),
  };
}

/** The text of the 满减 line in the cart's or checkout's summary. */
async function thresholdLine(page) {
  const line = page.locator('[data-testid=summary] [data-testid=discount][data-kind=threshold]');
  await line.waitFor(WAIT);
  return (await line.textContent()).trim();
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: order lines show labelled list, discount and paid; 满减 names its tier; the list says paid`, async () => {
    const [slug, variant] = twoUnitProduct();
    const { context, page } = await shopperWithCart(vp, slug, variant, 2);

    await open(page, '/cart');
    const inCart = await thresholdLine(page);
    await open(page, '/checkout');
    const atCheckout = await thresholdLine(page);
    await placeOrder(page);
    await page.getByRole('button', { name: checkout('sandbox_pay'), exact: true }).click();
    await page.waitForURL('**/orders/**', WAIT);
    await page.locator('[data-testid=order-status][data-status=awaiting_shipment]').waitFor(WAIT);
    const number = (await page.textContent('[data-testid=order-number]')).trim();

    // The 满减 names the tier reached, here and before the order was placed.
    const { tier, fullName } = appliedTier(number);
    const discountRow = page.locator('[data-testid=order-discount]', { hasText: tier });
    await discountRow.waitFor(WAIT);
    assert.equal((await discountRow.locator('dt').textContent()).trim(), tier);
    for (const [where, line] of [['cart', inCart], ['checkout', atCheckout]]) {
      assert.ok(line.includes(tier), `${where} names the tier: ${line}`);
      if (fullName !== tier) assert.ok(!line.includes(fullName), `${where} names the whole rule: ${line}`);
    }

    // The line: list price × quantity = list subtotal, the discount, and
    // what was paid, each beside its label, adding up.
    const [unit, qty, paidSql] = sql(`SELECT i.unit_minor || ' ' || i.qty || ' ' || i.paid_minor
                                        FROM order_items i JOIN orders o ON o.id = i.order_id
                                       WHERE o.number = '${number}'`).split(' ').map(Number);
    assert.equal(qty, 2);
    const item = page.locator('[data-testid=order-item]');
    assert.equal(await item.count(), 1);
    const row = (label) => item.locator('.line-money > div', { hasText: label });
    const listRow = row(orders('line_list'));
    const offRow = row(orders('line_discount'));
    const paidRow = row(orders('line_paid'));
    for (const r of [listRow, offRow, paidRow]) assert.ok(await r.isVisible(), 'a labelled line amount');
    assert.equal(minor(await listRow.getByTestId('line-unit').textContent()), unit);
    assert.equal(Number(await listRow.getByTestId('line-count').textContent()), 2);
    const list = minor(await listRow.getByTestId('line-list').textContent());
    const off = minor(await offRow.getByTestId('line-discount').textContent());
    const paid = minor(await paidRow.getByTestId('line-paid').textContent());
    assert.equal(list, unit * 2);
    assert.ok(off > 0, 'the 满减 took something off the line');
    assert.equal(paid, paidSql);
    assert.equal(paid, list - off, `${list} − ${off} ≠ ${paid}`);
    await shot(page, `order-lines-${vp.name}`);

    // The list shows that the order is paid, beside its fulfilment status.
    await open(page, '/orders');
    const listed = page.locator('[data-testid=order-row]', { hasText: number });
    await listed.waitFor(WAIT);
    await listed.locator('[data-testid=order-status][data-status=awaiting_shipment]').waitFor(WAIT);
    const pay = listed.locator('[data-testid=payment-status]');
    assert.equal((await pay.textContent()).trim(), orders('payment_paid'));
    assert.ok(await pay.isVisible(), 'payment state visible');
    await shot(page, `orders-paid-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: the sandbox payment page has no shop header or footer, and its badge clears the heading`, async () => {
    const [slug, variant] = twoUnitProduct();
    const { context, page } = await shopperWithCart(vp, slug, variant, 1);
    await placeOrder(page);

    const pay = page.getByRole('button', { name: checkout('sandbox_pay'), exact: true });
    await pay.waitFor(WAIT);
    assert.ok(await pay.isEnabled(), 'the pay button works');
    // None of the shop's frame: no header (banner, search box), no footer.
    assert.equal(await page.locator('.site-header').count(), 0, 'shop header');
    assert.equal(await page.getByRole('banner').count(), 0, 'banner landmark');
    assert.equal(await page.getByRole('search').count(), 0, 'shop search');
    assert.equal(await page.locator('.site-footer').count(), 0, 'shop footer');
    assert.equal(await page.getByRole('contentinfo').count(), 0, 'contentinfo landmark');
    // The provider's own bar instead.
    assert.equal((await page.getByTestId('provider-name').textContent()).trim(), checkout('sandbox_provider'));

    // The badge sits clear above the heading.
    const badge = await page.getByTestId('sandbox-badge').boundingBox();
    const heading = await page.getByRole('heading', { level: 1, name: checkout('sandbox_title') }).boundingBox();
    assert.ok(badge && heading, 'badge and heading laid out');
    const gap = heading.y - (badge.y + badge.height);
    assert.ok(gap >= 4, `badge is ${gap}px from the heading`);
    await shot(page, `sandbox-page-${vp.name}`);

    // Paid, the shopper is back in the shop, in its frame again.
    await pay.click();
    await page.waitForURL('**/orders/**', WAIT);
    await page.locator('.site-header').waitFor(WAIT);
    await page.locator('[data-testid=order-status][data-status=awaiting_shipment]').waitFor(WAIT);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
