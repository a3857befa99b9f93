// After-sales from both sides, at phone and desktop size: a shopper returns
// 1 of 2 units of a delivered order, with a photo; the merchant approves it from the
// queue (bulk approval); the shopper sees where to send it and enters the
// courier and tracking number; the merchant confirms receipt and puts the
// unit back in stock; the refund shows on the request, on the order, and
// in the payment provider's (sandbox) books. Controls are found by role and
// accessible name; texts come from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  VIEWPORTS, launch, open, text, shot, axe, buyAndPay, orderCommand, minor, sql, staffPage,
} from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const as = (key, vars) => text('zh-CN', 'aftersales', key, vars);
const en = (key, vars) => text('en', 'aftersales', key, vars);
const orders = (key) => text('zh-CN', 'orders', key);
const WAIT = { timeout: 20000 };

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a return of 1 of 2 units is approved, sent back, restocked and refunded`, async () => {
    const { context, page, number } = await buyAndPay(browser, vp, '/p/t-shirts-2', 2);
    orderCommand(number, 'ship', '顺丰速运', `SF${Date.now()}`);
    orderCommand(number, 'deliver');
    await open(page, `/orders/${number}`);
    const name = (await page.locator('[data-testid=order-item] .line-name').first().innerText()).trim();
    await page.getByRole('link', { name: as('apply_label', { name }) }).click();
    await page.getByRole('heading', { name: as('new_title') }).waitFor(WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByRole('radio', { name: new RegExp(as('kind_return_refund')) }).check();
    await page.getByLabel(as('reason_label')).selectOption({ label: '商品破损' });
    await page.getByText(as('seller_pays')).waitFor(WAIT);
    await page.getByLabel(as('qty_label')).fill('1');
    // A photo of the damage goes with the request.
    await page.getByLabel(as('photos_label')).setInputFiles(join(here, 'fixtures', 'review-photo.png'));
    await page.getByRole('button', { name: as('submit') }).click();
    await page.waitForURL(/\/after-sales\/AS\d{8}-\d{6}$/, WAIT);
    const request = (await page.locator('[data-testid=request-number]').innerText()).trim();
    const variant = sql(`SELECT i.variant_id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.number = '${number}'`);
    const stockBefore = Number(sql(`SELECT stock FROM product_variants WHERE id = ${variant}`));

    // The merchant's queue: new requests, checked and approved together.
    const staff = await staffPage(browser, vp, 'ops@agora.test', '/admin/after-sales?status=requested');
    const s = staff.page;
    await s.getByRole('heading', { name: as('staff_title') }).waitFor(WAIT);
    await s.waitForSelector('html[data-hydrated]', WAIT);
    await s.getByRole('checkbox', { name: as('staff_select', { number: request }) }).check();
    assert.deepEqual(await axe(s), []);
    await shot(s, `after-sales-queue-${vp.name}`);
    await s.getByRole('button', { name: as('staff_bulk_approve', { n: 1 }) }).click();
    await s.locator('[data-testid=bulk-result]').waitFor(WAIT);
    assert.equal(
      (await s.locator('[data-testid=bulk-result]').innerText()).trim(),
      as('staff_bulk_done', { approved: 1, skipped: 0 }),
    );

    // The shopper sends it back: where to, then the courier and number.
    await open(page, `/after-sales/${request}`);
    await page.locator('[data-testid=request-status][data-status=approved]').waitFor(WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByRole('heading', { name: as('ship_back_title') }).waitFor(WAIT);
    assert.match(await page.locator('[data-testid=return-address]').innerText(), /退货仓/);
    // A tracking number that can't be one is refused, in words.
    await page.getByLabel(as('carrier_label')).fill('顺丰速运');
    await page.getByLabel(as('tracking_label')).fill('<x>');
    await page.getByRole('button', { name: as('ship_back_submit') }).click();
    await page.getByRole('alert').filter({ hasText: as('tracking_invalid') }).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `after-sales-ship-back-${vp.name}`);
    const tracking = `SF${Date.now()}`;
    await page.getByLabel(as('tracking_label')).fill(tracking);
    await page.getByRole('button', { name: as('ship_back_submit') }).click();
    await page.locator('[data-testid=request-status][data-status=buyer_shipped]').waitFor(WAIT);
    assert.ok((await page.locator('[data-testid=request-deadline]').innerText()).startsWith(as('deadline_buyer_shipped').split('{{')[0]));

    // The merchant confirms receipt: one unit back to stock.
    await open(s, `/admin/after-sales/${request}`);
    await s.getByRole('heading', { name: request }).waitFor(WAIT);
    await s.waitForSelector('html[data-hydrated]', WAIT);
    assert.match(await s.locator('[data-testid=staff-return-tracking]').innerText(), new RegExp(tracking));
    // The shopper's photo is there to see, and loads.
    const photo = s.getByRole('img', { name: as('photo_alt', { n: 1 }) });
    await photo.scrollIntoViewIfNeeded();
    await s.waitForFunction((img) => img.complete && img.naturalWidth > 0, await photo.elementHandle(), WAIT);
    assert.ok(minor(await s.locator('[data-testid=staff-preview]').innerText()) > 0);
    assert.equal(await s.getByRole('spinbutton', { name: as('staff_restocked') }).inputValue(), '1');
    assert.deepEqual(await axe(s), []);
    await shot(s, `after-sales-receive-${vp.name}`);
    await s.getByRole('button', { name: as('staff_receive') }).click();
    await s.locator('[data-testid=request-status][data-status=refunded]').waitFor(WAIT);
    await s.locator('[data-testid=inspection]').waitFor(WAIT);
    const refunded = minor(await s.locator('[data-testid=staff-refunded]').innerText());
    assert.ok(refunded > 0);
    assert.equal(Number(sql(`SELECT stock FROM product_variants WHERE id = ${variant}`)), stockBefore + 1);
    assert.equal(sql(`SELECT count(*) FROM stock_movements WHERE reason = 'returned' AND note = '${request}'`), '1');
    // The same page in English.
    await open(s, `/admin/after-sales/${request}?lang=en`);
    await s.getByText(en('status_refunded')).first().waitFor(WAIT);
    await s.getByRole('heading', { name: en('timeline') }).waitFor(WAIT);

    // The shopper's request and order show the refund; so do the
    // provider's books.
    await open(page, `/after-sales/${request}`);
    await page.locator('[data-testid=request-status][data-status=refunded]').waitFor(WAIT);
    assert.equal(minor(await page.locator('[data-testid=request-refund]').innerText()), refunded);
    await page.locator('[data-testid=request-timeline]').getByText(as('event_received')).waitFor(WAIT);
    await open(page, `/orders/${number}`);
    await page.getByText(orders('refunded')).waitFor(WAIT);
    assert.equal(minor(await page.locator('[data-testid=order-refunded]').innerText()), refunded);
    await shot(page, `after-sales-order-refunded-${vp.name}`);
    const books = sql(`SELECT COALESCE(sum(s.amount_minor), 0) FROM sandbox_refunds s JOIN payments p ON p.provider_ref = s.reference JOIN orders o ON o.id = p.order_id WHERE o.number = '${number}'`);
    assert.equal(Number(books), refunded);
    assert.deepEqual(page.jsErrors, []);
    assert.deepEqual(s.jsErrors, []);
    await staff.context.close();
    await context.close();
  });
}
