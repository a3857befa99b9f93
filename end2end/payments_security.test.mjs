// Cash on delivery is recorded as collected by staff, never by the shopper
// (issue 14): while the cash is still due the order page offers no "confirm
// receipt", and asking the server directly is refused and changes nothing.
// Once staff record the delivery (and with it the cash), the shopper may
// confirm receipt. At phone and desktop size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, uniqueEmail, sql, registerAccount, orderCommand, signIn,
} from './helpers.mjs';

const WAIT = { timeout: 20000 };
const checkout = (key) => text('zh-CN', 'checkout', key);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The shopper's current order page, reloaded and hydrated. */
async function reload(page) {
  await page.reload();
  await page.waitForSelector('html[data-hydrated]', WAIT);
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a shopper cannot mark cash on delivery as collected`, async () => {
    const email = uniqueEmail(`cod-${vp.name}`);
    await registerAccount(email, '货到付款');
    const { context, page } = await newPage(browser, vp);
    await signIn(page, email, DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), WAIT);

    // Buy one unit, cash on delivery.
    await open(page, '/p/t-shirts-2');
    await page.click('.add-to-cart button[type=submit]');
    await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);
    await open(page, '/checkout');
    await page.locator('[data-testid=place-order]').waitFor(WAIT);
    await page.fill('#co-address\\[recipient\\]', '王芳');
    await page.fill('#co-address\\[phone\\]', '13800138000');
    await page.fill('#co-address\\[region\\]', '上海市静安区');
    await page.fill('#co-address\\[line1\\]', '南京西路 1266 号');
    const form = page.locator('form.checkout-form');
    await form.getByRole('radio', { name: checkout('pay_cod'), exact: true }).check();
    await page.click('[data-testid=place-order]');
    await page.waitForURL('**/orders/**', WAIT);
    await page.locator('[data-testid=order-status][data-status=awaiting_shipment]').waitFor(WAIT);
    const number = (await page.textContent('[data-testid=order-number]')).trim();

    // Shipped: the cash is still due, so there is no "confirm receipt".
    orderCommand(number, 'ship', 'SF Express', `SF${Date.now()}`);
    await reload(page);
    await page.locator('[data-testid=order-status][data-status=shipped]').waitFor(WAIT);
    await page.locator('[data-testid=payment-status][data-payment=cod_due]').waitFor(WAIT);
    assert.equal(await page.locator('[data-testid=confirm-receipt]').count(), 0);

    // Asking the server directly, from the shopper's own session: refused.
    const status = await page.evaluate(async (n) => {
      const res = await fetch('/api/confirm_receipt', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ number: n }),
      });
      return res.status;
    }, number);
    assert.equal(status, 403);
    assert.equal(sql(`SELECT status || '|' || payment_status FROM orders WHERE number = '${number}'`), 'shipped|cod_due');

    // Staff record the delivery and the cash; now the shopper may confirm.
    orderCommand(number, 'deliver');
    await reload(page);
    await page.locator('[data-testid=payment-status][data-payment=cod_collected]').waitFor(WAIT);
    await page.click('[data-testid=confirm-receipt]');
    await page.locator('[data-testid=order-status][data-status=completed]').waitFor(WAIT);
    assert.equal(sql(`SELECT status || '|' || payment_status FROM orders WHERE number = '${number}'`), 'completed|cod_collected');
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
