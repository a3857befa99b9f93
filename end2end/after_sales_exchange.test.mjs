// An exchange to another size, at phone and desktop size: the shopper asks
// for the larger size (which costs more), pays the difference on the
// provider's page, sends the T-shirt back; the merchant approves, confirms
// receipt (the returned unit back on the shelf) and sends the replacement
// with a tracking number, which the shopper then sees. Controls are found by
// role and accessible name; texts come from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, launch, open, text, shot, axe, buyAndPay, orderCommand, minor, sql, staffPage,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const as = (key, vars) => text('zh-CN', 'aftersales', key, vars);
const en = (key, vars) => text('en', 'aftersales', key, vars);
const WAIT = { timeout: 20000 };
const PRODUCT = 't-shirts-3';

for (const vp of VIEWPORTS) {
  test(`${vp.name}: an exchange to another size is paid for and ships with tracking`, async () => {
    // Every size in stock, whichever colour the demo data sold out.
    sql(`UPDATE product_variants SET stock = stock + 5 WHERE product_id = (SELECT id FROM products WHERE slug = '${PRODUCT}')`);
    const { context, page, number } = await buyAndPay(browser, vp, `/p/${PRODUCT}`);
    orderCommand(number, 'ship', '顺丰速运', `SF${Date.now()}`);
    orderCommand(number, 'deliver');
    const bought = sql(`SELECT i.variant_id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.number = '${number}'`);
    // The same colour in the next size: the demo data prices it 20% higher.
    const [larger, unit, dear] = sql(`SELECT w.id || '|' || v.price_minor || '|' || w.price_minor FROM product_variants v JOIN product_variants w ON w.product_id = v.product_id AND w.position = v.position + 1 WHERE v.id = ${bought}`).split('|').map(Number);
    assert.ok(dear > unit);
    const stockBefore = Number(sql(`SELECT stock FROM product_variants WHERE id = ${larger}`));

    await open(page, `/orders/${number}`);
    const name = (await page.locator('[data-testid=order-item] .line-name').first().innerText()).trim();
    await page.getByRole('link', { name: as('apply_label', { name }) }).click();
    await page.getByRole('heading', { name: as('new_title') }).waitFor(WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByRole('radio', { name: new RegExp(as('kind_exchange')) }).check();
    await page.getByLabel(as('exchange_to_label')).selectOption(String(larger));
    const more = await page.locator('[data-testid=exchange-difference]').innerText();
    assert.equal(more.trim().startsWith(as('exchange_pay_more').split('{{')[0]), true, more);
    assert.equal(minor(more), dear - unit);
    await page.getByLabel(as('reason_label')).selectOption({ label: '尺码或颜色不合适' });
    assert.deepEqual(await axe(page), []);
    await shot(page, `after-sales-exchange-form-${vp.name}`);
    await page.getByRole('button', { name: as('submit') }).click();
    await page.waitForURL(/\/after-sales\/AS\d{8}-\d{6}$/, WAIT);
    const request = (await page.locator('[data-testid=request-number]').innerText()).trim();
    await page.locator('[data-testid=exchange-to]').waitFor(WAIT);
    assert.match(await page.locator('[data-testid=exchange-charge]').innerText(), new RegExp(as('exchange_unpaid')));

    // The difference is paid on the provider's page, which sends the
    // shopper back to the request.
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByRole('button', { name: as('exchange_pay') }).click();
    await page.waitForURL('**/sandbox/pay/**', WAIT);
    await page.click('[data-testid=sandbox-pay]');
    await page.waitForURL(`**/after-sales/${request}`, WAIT);
    // The provider's signed notification arrives on its own; the page
    // shows it once it has.
    for (let i = 0; i < 80 && sql(`SELECT charge_paid_at IS NOT NULL FROM after_sales_requests WHERE number = '${request}'`) !== 't'; i++) {
      await page.waitForTimeout(250);
    }
    await open(page, `/after-sales/${request}`);
    await page.locator('[data-testid=exchange-charge]').filter({ hasText: as('exchange_paid') }).waitFor(WAIT);
    await page.locator('[data-testid=request-timeline]').getByText(as('event_paid')).waitFor(WAIT);
    assert.equal(sql(`SELECT p.status FROM payments p JOIN after_sales_requests r ON r.id = p.after_sales_id WHERE r.number = '${request}'`), 'paid');

    // The merchant approves; the shopper sends the T-shirt back.
    const staff = await staffPage(browser, vp, 'ops@agora.test', `/admin/after-sales/${request}`);
    const s = staff.page;
    await s.getByRole('heading', { name: request }).waitFor(WAIT);
    await s.waitForSelector('html[data-hydrated]', WAIT);
    await s.locator('[data-testid=exchange-to]').waitFor(WAIT);
    await s.getByRole('button', { name: as('staff_approve') }).click();
    await s.locator('[data-testid=request-status][data-status=approved]').waitFor(WAIT);
    await open(page, `/after-sales/${request}`);
    await page.getByRole('heading', { name: as('ship_back_title') }).waitFor(WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByLabel(as('carrier_label')).fill('顺丰速运');
    await page.getByLabel(as('tracking_label')).fill(`SF${Date.now()}`);
    await page.getByRole('button', { name: as('ship_back_submit') }).click();
    await page.locator('[data-testid=request-status][data-status=buyer_shipped]').waitFor(WAIT);

    // The merchant confirms receipt (the returned unit back on the shelf),
    // then sends the replacement with its tracking number.
    await open(s, `/admin/after-sales/${request}`);
    await s.waitForSelector('html[data-hydrated]', WAIT);
    await s.getByRole('button', { name: as('staff_receive') }).click();
    await s.locator('[data-testid=request-status][data-status=received]').waitFor(WAIT);
    await s.getByRole('heading', { name: as('dispatch_exchange_title') }).waitFor(WAIT);
    assert.deepEqual(await axe(s), []);
    await shot(s, `after-sales-dispatch-${vp.name}`);
    const tracking = `SF${Date.now()}`;
    await s.getByLabel(as('carrier_label')).fill('顺丰速运');
    await s.getByLabel(as('tracking_label')).fill(tracking);
    await s.getByRole('button', { name: as('dispatch_submit') }).click();
    await s.locator('[data-testid=request-status][data-status=exchanged]').waitFor(WAIT);
    assert.match(await s.locator('[data-testid=staff-out-tracking]').innerText(), new RegExp(tracking));
    assert.equal(Number(sql(`SELECT stock FROM product_variants WHERE id = ${larger}`)), stockBefore - 1);
    assert.equal(sql(`SELECT count(*) FROM stock_movements WHERE reason = 'exchanged' AND note = '${request}' AND variant_id = ${larger}`), '1');
    assert.equal(sql(`SELECT count(*) FROM stock_movements WHERE reason = 'returned' AND note = '${request}' AND variant_id = ${bought}`), '1');
    await open(s, `/admin/after-sales/${request}?lang=en`);
    await s.getByText(en('status_exchanged')).first().waitFor(WAIT);

    // The shopper sees the replacement on its way, in both languages.
    await open(page, `/after-sales/${request}`);
    await page.locator('[data-testid=request-status][data-status=exchanged]').waitFor(WAIT);
    assert.match(await page.locator('[data-testid=out-tracking]').innerText(), new RegExp(tracking));
    await page.locator('[data-testid=request-timeline]').getByText(as('event_exchanged')).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `after-sales-exchanged-${vp.name}`);
    await open(page, `/after-sales/${request}?lang=en`);
    await page.getByText(en('out_tracking_exchange')).waitFor(WAIT);
    assert.deepEqual(page.jsErrors, []);
    assert.deepEqual(s.jsErrors, []);
    await staff.context.close();
    await context.close();
  });
}
