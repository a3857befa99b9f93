// Complaints (投诉) at phone and desktop size: customer service refuses a
// shopper's refund; the shopper escalates it from the request page; customer
// service sees the complaint but may not decide it; the operations manager
// finds it in the complaints queue, reads both sides, and upholds it, which
// approves and pays the refund; the shopper reads the final decision in
// both languages. Controls are found by role and accessible name; texts come
// from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, open, text, shot, axe, buyAndPay, staffPage, sql } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const as = (key, vars) => text('zh-CN', 'aftersales', key, vars);
const en = (key, vars) => text('en', 'aftersales', key, vars);
const admin = (key) => text('zh-CN', 'admin', key);
const WAIT = { timeout: 20000 };

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a refused request is escalated and decided`, async () => {
    const statement = `外盒压坏了，拒绝不合理（${vp.name}）`;
    const { context, page, number } = await buyAndPay(browser, vp, '/p/coffee-3');
    await open(page, `/orders/${number}`);
    const name = (await page.locator('[data-testid=order-item] .line-name').first().innerText()).trim();
    await page.getByRole('link', { name: as('apply_label', { name }) }).click();
    await page.getByRole('heading', { name: as('new_title') }).waitFor(WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByLabel(as('reason_label')).selectOption({ label: '商品破损' });
    await page.getByRole('button', { name: as('submit') }).click();
    await page.waitForURL(/\/after-sales\/AS\d{8}-\d{6}$/, WAIT);
    const request = (await page.locator('[data-testid=request-number]').innerText()).trim();
    // Nothing to complain about while the shop still has time.
    assert.equal(await page.getByRole('heading', { name: as('complain_title') }).count(), 0);

    // Customer service refuses it.
    const service = await staffPage(browser, vp, 'service@agora.test', `/admin/after-sales/${request}`);
    const sv = service.page;
    await sv.waitForSelector('html[data-hydrated]', WAIT);
    const refuse = sv.locator('[data-testid=refuse-form]');
    await refuse.getByLabel(admin('reason')).fill('照片看不出破损');
    await refuse.getByRole('button', { name: as('staff_refuse') }).click();
    await sv.locator('[data-testid=request-status][data-status=refused]').waitFor(WAIT);

    // The shopper escalates it, saying why; the complaint shows as text.
    await open(page, `/after-sales/${request}`);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.locator('[data-testid=request-status][data-status=refused]').waitFor(WAIT);
    await page.getByRole('heading', { name: as('complain_title') }).waitFor(WAIT);
    await page.getByRole('button', { name: as('complain_start') }).click();
    await page.getByLabel(as('complain_statement')).fill(statement);
    await page.getByRole('button', { name: as('complain_submit') }).click();
    await page.locator('[data-testid=complaint-status]').filter({ hasText: as('complaint_open') }).waitFor(WAIT);
    await page.getByText(as('complaint_waiting')).waitFor(WAIT);
    await page.locator('[data-testid=request-timeline]').getByText(as('event_complained')).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `after-sales-complaint-open-${vp.name}`);

    // Customer service sees it, but the decision is not theirs.
    await open(sv, `/admin/after-sales/${request}`);
    await sv.locator('[data-testid=complaint-statement]').filter({ hasText: statement }).waitFor(WAIT);
    await sv.getByText(as('complaint_managers_only')).waitFor(WAIT);
    assert.equal(await sv.getByRole('button', { name: as('complaint_decide') }).count(), 0);
    await service.context.close();

    // The operations manager finds it in the complaints queue and upholds it.
    const ops = await staffPage(browser, vp, 'ops@agora.test', '/admin/after-sales');
    const o = ops.page;
    await o.waitForSelector('html[data-hydrated]', WAIT);
    await o.getByRole('link', { name: as('complaints_queue') }).click();
    await o.waitForURL(/complaint=open/, WAIT);
    const row = o.locator(`[data-testid=request-${request}]`);
    await row.locator('[data-testid=queue-complaint]').filter({ hasText: as('complaint_open') }).waitFor(WAIT);
    await row.getByRole('link', { name: request }).click();
    await o.getByRole('heading', { name: request }).waitFor(WAIT);
    // Both sides: the refusal on the timeline, the shopper's words.
    await o.locator('[data-testid=staff-timeline]').getByText('照片看不出破损').waitFor(WAIT);
    await o.locator('[data-testid=complaint-statement]').filter({ hasText: statement }).waitFor(WAIT);
    await o.getByRole('radio', { name: as('complaint_uphold') }).check();
    await o.getByLabel(as('complaint_decision_label')).fill('照片可见外盒破损，同意退款');
    assert.deepEqual(await axe(o), []);
    await shot(o, `after-sales-complaint-decide-${vp.name}`);
    await o.getByRole('button', { name: as('complaint_decide') }).click();
    await o.locator('[data-testid=staff-complaint-status]').filter({ hasText: as('complaint_upheld') }).waitFor(WAIT);
    await o.locator('[data-testid=request-status][data-status=refunded]').waitFor(WAIT);
    assert.equal(await o.getByRole('button', { name: as('complaint_decide') }).count(), 0);
    assert.deepEqual(o.jsErrors, []);
    await ops.context.close();
    assert.equal(
      sql(`SELECT count(*) FROM audit_log WHERE action = 'admin/after-sales/complaint' AND label = '${request}'`),
      '1',
    );

    // The shopper reads the final decision and the refund, in both languages.
    await open(page, `/after-sales/${request}`);
    await page.locator('[data-testid=request-status][data-status=refunded]').waitFor(WAIT);
    await page.locator('[data-testid=complaint-decision]').filter({ hasText: '照片可见外盒破损，同意退款' }).waitFor(WAIT);
    await page.getByText(as('complaint_final')).waitFor(WAIT);
    await shot(page, `after-sales-complaint-decided-${vp.name}`);
    await open(page, `/after-sales/${request}?lang=en`);
    await page.locator('[data-testid=complaint-status]').filter({ hasText: en('complaint_upheld') }).waitFor(WAIT);
    await page.locator('[data-testid=request-timeline]').getByText(en('event_complaint_upheld')).waitFor(WAIT);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
