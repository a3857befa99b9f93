// Order after-sales and account control in the back office, in a real
// browser at phone and desktop size: an operations manager filters the
// orders, refunds part of a paid order (bad amounts are explained and change
// nothing), then cancels it (the rest is refunded, the stock comes back, the
// shopper sees it); disabling a customer ends their session at once; a super
// admin adds a staff member, who then sees only their role's sections.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, shot, sql, signIn, uniqueEmail,
  registerAccount, staffPage, buyAndPay,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const admin = (key, vars) => text('zh-CN', 'admin', key, vars);
const err = (key) => text('zh-CN', 'errors', key);
const productStock = (slug) =>
  Number(sql(`SELECT sum(v.stock) FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.slug = '${slug}'`));

for (const vp of VIEWPORTS) {
  test(`${vp.name}: an operations manager refunds part of a paid order, then cancels it`, async () => {
    const slug = vp.name === 'phone' ? 'dresses-1' : 'dresses-2';
    const stockBefore = productStock(slug);
    const buyer = await buyAndPay(browser, vp, `/p/${slug}`);
    const { number } = buyer;
    assert.equal(productStock(slug), stockBefore - 1);
    const total = Number(sql(`SELECT amount_minor FROM payments WHERE order_id = (SELECT id FROM orders WHERE number = '${number}') AND status = 'paid'`));

    // Filtered by status, the new order is listed; another status hides it.
    const ops = await staffPage(browser, vp, 'ops@agora.test', '/admin/orders');
    const page = ops.page;
    await page.selectOption('select[name=status]', 'awaiting_shipment');
    await page.fill('input[name=q]', number);
    await page.locator('#main form[role=search] button[type=submit]').click();
    await page.waitForURL(/status=awaiting_shipment/);
    await page.locator(`[data-testid=order-${number}]`).waitFor();
    await open(page, `/admin/orders?status=delivered&q=${number}`);
    await page.locator('[data-testid=orders-empty]').waitFor();

    await open(page, `/admin/orders/${number}`);
    const form = page.locator('[data-testid=refund-form]');
    await form.waitFor();
    // Not a number, then more than was paid: explained, nothing refunded.
    await form.locator('input[name=amount]').fill('1.2.3');
    await form.locator('input[name=reason]').fill('商品有瑕疵');
    await form.locator('button[type=submit]').click();
    await form.getByText(err('number_invalid')).waitFor();
    await form.locator('input[name=amount]').fill(String(total / 100 + 1));
    await form.locator('button[type=submit]').click();
    await form.getByText(err('refund_too_large')).waitFor();
    assert.equal(sql(`SELECT count(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = '${number}'`), '0');
    assert.equal(sql(`SELECT payment_status FROM orders WHERE number = '${number}'`), 'paid');

    // A partial refund of 10.00.
    await form.locator('input[name=amount]').fill('10.00');
    await form.locator('button[type=submit]').click();
    await page.locator('[data-testid=admin-refunds] li').first().waitFor();
    await page.locator('[data-testid=admin-payment-status]', { hasText: text('zh-CN', 'orders', 'payment_partially_refunded') }).waitFor();
    assert.equal(sql(`SELECT payment_status FROM orders WHERE number = '${number}'`), 'partially_refunded');
    assert.equal(sql(`SELECT sum(amount_minor) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = '${number}' AND r.status = 'done'`), '1000');
    // The form starts over: what is left to refund, and no reason.
    const left = ((total - 1000) / 100).toFixed(2);
    await page.waitForFunction((want) => {
      const f = document.querySelector('[data-testid=refund-form]');
      return f && f.querySelector('input[name=amount]').value === want && f.querySelector('input[name=reason]').value === '';
    }, left);
    await page.locator('[data-testid=admin-refunds] [data-status=done]', { hasText: admin('refund_done') }).waitFor();
    await shot(page, `admin-order-refunded-${vp.name}`);

    // Cancelling refunds the rest and puts the unit back on the shelf.
    const cancel = page.locator('[data-testid=cancel-form]');
    await cancel.locator('input[name=reason]').fill('客户改变主意');
    await cancel.locator('button[type=submit]').click();
    await page.locator('[data-testid=order-status][data-status=cancelled]').waitFor();
    assert.equal(sql(`SELECT payment_status FROM orders WHERE number = '${number}'`), 'refunded');
    assert.equal(sql(`SELECT sum(amount_minor) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = '${number}' AND r.status = 'done'`), String(total));
    assert.equal(productStock(slug), stockBefore);
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE entity = 'order' AND entity_id = (SELECT id::text FROM orders WHERE number = '${number}') AND action IN ('admin/order/refund', 'admin/order/cancel')`), '2');
    assert.deepEqual(page.jsErrors, []);
    await ops.context.close();

    await open(buyer.page, `/orders/${number}`);
    await buyer.page.locator('[data-testid=order-status][data-status=cancelled]').waitFor();
    await buyer.page.locator('[data-testid=payment-status][data-payment=refunded]').waitFor();
    await buyer.context.close();
  });
}

test('disabling a customer ends their session at once; enabling lets them back', async () => {
  const vp = VIEWPORTS[0];
  const email = uniqueEmail('disable');
  await registerAccount(email, '停用测试');
  const shopper = await newPage(browser, vp);
  await signIn(shopper.page, email, DEMO_PASSWORD);
  await shopper.page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await open(shopper.page, '/account');
  await shopper.page.locator('.sign-in-link').waitFor({ state: 'detached' });

  const id = sql(`SELECT id FROM users WHERE email = '${email}'`);
  const ops = await staffPage(browser, VIEWPORTS[1], 'ops@agora.test', `/admin/customers/${id}`);
  await ops.page.click('[data-testid=customer-toggle]');
  await ops.page.click('[data-testid=customer-toggle-yes]');
  await ops.page.locator('[data-testid=customer-head] [data-testid=customer-disabled]').waitFor();
  assert.equal(sql(`SELECT disabled_at IS NOT NULL FROM users WHERE id = ${id}`), 't');
  assert.equal(sql(`SELECT count(*) FROM user_sessions WHERE user_id = ${id}`), '0');

  // The shopper's very next page is signed out, and signing in is refused.
  await open(shopper.page, '/account');
  await shopper.page.locator('.sign-in-link').waitFor();
  await signIn(shopper.page, email, DEMO_PASSWORD);
  await shopper.page.getByRole('alert').waitFor();
  assert.match(shopper.page.url(), /\/sign-in/);
  await shot(shopper.page, 'disabled-shopper-phone');

  await ops.page.click('[data-testid=customer-toggle]');
  await ops.page.click('[data-testid=customer-toggle-yes]');
  await ops.page.locator('[data-testid=customer-head] [data-testid=customer-disabled]').waitFor({ state: 'detached' });
  await signIn(shopper.page, email, DEMO_PASSWORD);
  await shopper.page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  assert.deepEqual(ops.page.jsErrors, []);
  await ops.context.close();
  await shopper.context.close();
});

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a super admin adds a staff member, who sees only their role's sections`, async () => {
    const email = uniqueEmail(`staff-${vp.name}`);
    const { context, page } = await staffPage(browser, vp, 'admin@agora.test', '/admin/staff');
    await page.locator('#staff-email').waitFor();
    await page.fill('#staff-email', email);
    await page.fill('#staff-display_name', '新编辑');
    await page.fill('#staff-password', 'short');
    await page.selectOption('#staff-role', 'catalog_editor');
    await page.getByRole('button', { name: admin('staff_create') }).click();
    await page.locator('#staff-password-error').waitFor();
    assert.equal(sql(`SELECT count(*) FROM users WHERE email = '${email}'`), '0');
    await page.fill('#staff-password', DEMO_PASSWORD);
    await page.getByRole('button', { name: admin('staff_create') }).click();
    await page.locator(`[data-testid="staff-${email}"]`).waitFor();
    assert.equal(sql(`SELECT role FROM users WHERE email = '${email}'`), 'catalog_editor');
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'admin/staff/create' AND after::text LIKE '%${email}%'`), '1');
    await shot(page, `admin-staff-${vp.name}`);
    await context.close();

    const fresh = await staffPage(browser, vp, email, '/admin');
    const nav = fresh.page.locator('nav.admin-nav');
    await nav.getByRole('link', { name: admin('nav_products') }).waitFor();
    assert.equal(await nav.getByRole('link', { name: admin('nav_orders') }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: admin('nav_staff') }).count(), 0);
    assert.deepEqual(fresh.page.jsErrors, []);
    await fresh.context.close();
  });
}
