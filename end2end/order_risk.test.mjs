// Order risk review at phone and desktop size: the operations manager
// lowers the threshold in the risk rules above the review queue; an order
// placed with a throwaway e-mail address is held, says why, and cannot be
// shipped; customer service sees it held but cannot decide; the manager
// releases it and it can ship. The rules are put back afterwards (the
// test database is shared). Controls are found by role and accessible
// name; texts come from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, open, text, shot, axe, buyAndPay, staffPage, sql } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => {
  sql('UPDATE risk_policy SET threshold = 100');
  await browser?.close();
});

const ad = (key, vars) => text('zh-CN', 'admin', key, vars);
const en = (key, vars) => text('en', 'admin', key, vars);
const errors = (key) => text('zh-CN', 'errors', key);
const WAIT = { timeout: 20000 };

for (const vp of VIEWPORTS) {
  test(`${vp.name}: an order from a throwaway address is held until the manager releases it`, async () => {
    const ops = await staffPage(browser, vp, 'ops@agora.test', '/admin/orders');
    const o = ops.page;
    await o.waitForSelector('html[data-hydrated]', WAIT);
    await o.getByRole('link', { name: ad('risk_queue') }).click();
    await o.waitForURL(/risk=held/, WAIT);
    await o.getByText(ad('risk_rules_title')).click();
    const rules = o.getByRole('form', { name: ad('risk_rules_title') });
    // A wrong number is named, and nothing is saved.
    await rules.getByLabel(ad('risk_threshold')).fill('很多');
    await rules.getByRole('button', { name: ad('risk_save') }).click();
    await rules.getByText(errors('number_invalid')).first().waitFor(WAIT);
    assert.equal(sql('SELECT threshold FROM risk_policy'), '100');
    await rules.getByLabel(ad('risk_threshold')).fill('40');
    await rules.getByRole('button', { name: ad('risk_save') }).click();
    await rules.getByText(ad('risk_saved')).waitFor(WAIT);
    assert.equal(sql('SELECT threshold FROM risk_policy'), '40');
    assert.deepEqual(await axe(o), []);
    await shot(o, `risk-rules-${vp.name}`);

    try {
      const email = `risk-${vp.name}-${Date.now()}@mailinator.com`;
      const { context, number } = await buyAndPay(browser, vp, '/p/tea-2', 1, email);
      await context.close();
      assert.equal(sql(`SELECT risk_hold FROM orders WHERE number = '${number}'`), 'held');

      // In the queue, held, with its reason in words; it cannot ship.
      await open(o, '/admin/orders?risk=held');
      const row = o.locator(`[data-testid=order-${number}]`);
      await row.locator('[data-testid=order-risk]').waitFor(WAIT);
      await row.getByRole('link', { name: number }).click();
      await o.getByRole('heading', { name: number }).waitFor(WAIT);
      await o.locator('[data-testid=risk-hold]').filter({ hasText: ad('risk_held') }).waitFor(WAIT);
      await o.locator('[data-testid=risk-reasons]').getByText(ad('risk_reason_email')).waitFor(WAIT);
      await o.locator('[data-testid=ship-held]').filter({ hasText: errors('order_held') }).waitFor(WAIT);
      assert.equal(await o.getByRole('button', { name: ad('ship') }).count(), 0);
      assert.deepEqual(await axe(o), []);
      await shot(o, `risk-held-${vp.name}`);

      // Customer service sees it held, and that the decision is not theirs.
      const service = await staffPage(browser, vp, 'service@agora.test', `/admin/orders/${number}`);
      await service.page.getByText(ad('risk_managers_only')).waitFor(WAIT);
      assert.equal(await service.page.getByRole('button', { name: ad('risk_release') }).count(), 0);
      await service.context.close();

      // Released, it can ship; the decision is in the audit log.
      await o.getByRole('button', { name: ad('risk_release') }).click();
      await o.locator('[data-testid=risk-hold]').filter({ hasText: ad('risk_released') }).waitFor(WAIT);
      assert.equal(await o.locator('[data-testid=ship-held]').count(), 0);
      await o.getByRole('button', { name: ad('ship') }).waitFor(WAIT);
      assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'admin/order/risk' AND label = '${number}'`), '1');
      await open(o, `/admin/orders/${number}?lang=en`);
      await o.locator('[data-testid=risk-hold]').filter({ hasText: en('risk_released') }).waitFor(WAIT);
      await o.locator('[data-testid=risk-reasons]').getByText(en('risk_reason_email')).waitFor(WAIT);
      assert.deepEqual(o.jsErrors, []);
    } finally {
      sql('UPDATE risk_policy SET threshold = 100');
    }
    await ops.context.close();
  });
}
