// After-sales as a shopper meets it, at phone and desktop size: a delivered
// order's line offers "申请售后"; the form says until when returns without a
// reason are open and who pays the return shipping; the request shows its
// state and the merchant's deadline as text; a line whose units are all in
// a request says so; withdrawing shows "已撤销"; the list reads in English
// too. Controls are found by role and accessible name, texts from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, open, text, shot, axe, buyAndPay, orderCommand, minor, mailSubject, openUntil } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const as = (key, vars) => text('zh-CN', 'aftersales', key, vars);
const en = (key, vars) => text('en', 'aftersales', key, vars);
const errors = (key) => text('zh-CN', 'errors', key);
const WAIT = { timeout: 20000 };

/** The fixed part of a text with one `{{ at }}` in it, before the value. */
const before_ = (s) => s.split('{{')[0];

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a shopper asks to return a delivered item, sees the deadline, and withdraws`, async () => {
    const { context, page, number } = await buyAndPay(browser, vp, '/p/t-shirts-2');
    orderCommand(number, 'ship', '顺丰速运', `SF${Date.now()}`);
    orderCommand(number, 'deliver');
    await open(page, `/orders/${number}`);
    const name = (await page.locator('[data-testid=order-item] .line-name').first().innerText()).trim();
    await page.getByRole('link', { name: as('apply_label', { name }) }).click();
    await page.waitForURL('**/after-sales?line=*', WAIT);
    await page.getByRole('heading', { name: as('new_title') }).waitFor(WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);

    // Returns without a reason are open, and until when is said.
    await page.locator('[data-testid=return-window]').waitFor(WAIT);
    assert.ok((await page.locator('[data-testid=return-window]').innerText()).startsWith(before_(as('window_until'))));

    await page.getByRole('radio', { name: new RegExp(as('kind_return_refund')) }).check();
    await page.getByLabel(as('reason_label')).selectOption({ label: '不想要了（七天无理由）' });
    await page.getByText(as('buyer_pays')).waitFor(WAIT);
    await page.getByLabel(as('note_label')).fill('颜色和图片不一样');
    assert.deepEqual(await axe(page), []);
    await shot(page, `after-sales-form-${vp.name}`);
    await page.getByRole('button', { name: as('submit') }).click();

    await page.waitForURL(/\/after-sales\/AS\d{8}-\d{6}$/, WAIT);
    const request = page.url().match(/AS\d{8}-\d{6}/)[0];
    await page.getByRole('heading', { name: as('detail_title') }).waitFor(WAIT);
    assert.equal((await page.locator('[data-testid=request-status]').innerText()).trim(), as('status_requested'));
    const deadline = await page.locator('[data-testid=request-deadline]').innerText();
    assert.ok(deadline.startsWith(before_(as('deadline_requested'))), deadline);
    // Two days for the merchant, counted down as text.
    assert.match(deadline, /剩余 [12] 天 \d+ 小时/);
    await page.getByText('颜色和图片不一样').first().waitFor(WAIT);
    // The refund to come, and the timeline's first step, as text.
    await page.getByText(as('refund_expected')).waitFor(WAIT);
    assert.ok(minor(await page.locator('[data-testid=request-refund]').innerText()) > 0);
    await page.locator('[data-testid=request-timeline]').getByText(as('event_requested')).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `after-sales-request-${vp.name}`);

    // The one unit bought is in the request: the form says so.
    await open(page, `/orders/${number}`);
    await page.getByRole('link', { name: as('apply_label', { name }) }).click();
    await page.getByRole('alert').filter({ hasText: errors('after_sales_nothing_left') }).waitFor(WAIT);
    assert.equal(await page.getByRole('button', { name: as('submit') }).count(), 0);

    // Withdrawn from the list's request page.
    await open(page, '/after-sales');
    await page.locator('[data-testid=request-row]').first().click();
    await page.waitForURL(/\/after-sales\/AS/, WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByRole('button', { name: as('withdraw') }).click();
    await page.getByRole('button', { name: as('withdraw_yes') }).click();
    await page.locator('[data-testid=request-status][data-status=withdrawn]').waitFor(WAIT);
    assert.equal((await page.locator('[data-testid=request-status]').innerText()).trim(), as('status_withdrawn'));
    assert.equal(await page.locator('[data-testid=request-deadline]').count(), 0);
    assert.equal(await page.locator('[data-testid=request-refund]').count(), 0, 'no refund for a withdrawn request');

    // Both steps reached the inbox, each leading back to the request.
    const told = (event) => (p) => p.getByRole('listitem').filter({ hasText: mailSubject('zh-CN', event, { request }) });
    await openUntil(page, '/inbox?tab=after_sales', told('after_sales_withdrawn'));
    await told('after_sales_requested')(page).waitFor(WAIT);
    await told('after_sales_withdrawn')(page)
      .getByRole('link', { name: text('zh-CN', 'inbox', 'open_request'), exact: true }).click();
    await page.waitForURL(`**/after-sales/${request}`, WAIT);

    // The list in English.
    await open(page, '/after-sales?lang=en');
    await page.getByRole('heading', { name: en('list_title') }).waitFor(WAIT);
    await page.getByText(en('status_withdrawn')).first().waitFor(WAIT);
    await page.getByText(en('kind_return_refund')).first().waitFor(WAIT);
    await shot(page, `after-sales-list-en-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
