// After-sales on a guest's order, at phone size in Chinese and desktop size
// in English: the order's link (with its secret) offers "after-sales" on the
// line; the request opens on its own link; the order page leads to the
// order's requests; the guest withdraws. Without the secret the request
// page asks to sign in and shows nothing of the request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, newPage, open, text, shot, axe, orderCommand, uniqueEmail } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const LANGS = { phone: 'zh-CN', desktop: 'en' };

/** A guest buys one T-shirt, pays in the sandbox; returns the order page's
 *  path (with the link's secret) and its number. */
async function guestBuys(page, lang) {
  await open(page, `/lang/${lang}?next=/p/t-shirts-2`);
  await page.click('.add-to-cart button[type=submit]');
  await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);
  await open(page, '/checkout');
  await page.locator('[data-testid=place-order]').waitFor(WAIT);
  await page.fill('#co-email', uniqueEmail(`guest-as-${lang}`));
  await page.fill('#co-address\\[recipient\\]', '李雷');
  await page.fill('#co-address\\[phone\\]', '13900139000');
  await page.fill('#co-address\\[region\\]', '北京市朝阳区');
  // An address of its own, so the order-risk rules see no burst.
  await page.fill('#co-address\\[line1\\]', `建国路 ${Date.now() % 100000} 号`);
  await page.click('[data-testid=place-order]');
  await page.waitForURL('**/sandbox/pay/**', WAIT);
  await page.click('[data-testid=sandbox-pay]');
  await page.waitForURL(/\/orders\/\d{8}-\d{6}\?t=[0-9a-f]{32}$/, WAIT);
  await page.locator('[data-testid=order-status][data-status=awaiting_shipment]').waitFor(WAIT);
  const number = (await page.textContent('[data-testid=order-number]')).trim();
  const u = new URL(page.url());
  return { url: u.pathname + u.search, number };
}

for (const vp of VIEWPORTS) {
  const lang = LANGS[vp.name];
  const as = (key, vars) => text(lang, 'aftersales', key, vars);
  test(`${vp.name}: a guest returns an item from their order link and withdraws (${lang})`, async () => {
    const { context, page } = await newPage(browser, vp);
    const { url, number } = await guestBuys(page, lang);
    orderCommand(number, 'ship', '顺丰速运', `SF${Date.now()}`);
    orderCommand(number, 'deliver');

    await open(page, url);
    const name = (await page.locator('[data-testid=order-item] .line-name').first().innerText()).trim();
    await page.getByRole('link', { name: as('apply_label', { name }) }).click();
    await page.waitForURL(/\/after-sales\?line=\d+&t=[0-9a-f]{32}$/, WAIT);
    await page.getByRole('heading', { name: as('new_title') }).waitFor(WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByRole('radio', { name: new RegExp(as('kind_return_refund')) }).check();
    const reason = lang === 'en' ? 'Changed my mind (7-day return)' : '不想要了（七天无理由）';
    await page.getByLabel(as('reason_label')).selectOption({ label: reason });
    await page.getByText(as('buyer_pays')).waitFor(WAIT);
    await page.getByLabel(as('note_label')).fill('尺码偏小');
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: as('submit') }).click();

    // The request, on its own link: state, deadline and refund as text.
    await page.waitForURL(/\/after-sales\/AS\d{8}-\d{6}\?t=[0-9a-f]{32}$/, WAIT);
    const requestUrl = page.url();
    await page.getByRole('heading', { name: as('detail_title') }).waitFor(WAIT);
    assert.equal((await page.locator('[data-testid=request-status]').innerText()).trim(), as('status_requested'));
    await page.locator('[data-testid=request-deadline]').waitFor(WAIT);
    await page.getByText('尺码偏小').first().waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `after-sales-guest-request-${vp.name}`);

    // Back to the order by its number, and on to the order's requests.
    await page.getByRole('link', { name: number }).click();
    await page.waitForURL((u) => u.pathname === `/orders/${number}` && u.searchParams.has('t'), WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByRole('link', { name: as('view_requests') }).click();
    await page.waitForURL((u) => u.pathname === '/after-sales' && u.searchParams.get('order') === number, WAIT);
    const rows = page.locator('[data-testid=request-row]');
    await rows.first().waitFor(WAIT);
    assert.equal(await rows.count(), 1);
    await shot(page, `after-sales-guest-list-${vp.name}`);
    await rows.first().click();
    await page.waitForURL(requestUrl, WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);

    await page.getByRole('button', { name: as('withdraw') }).click();
    await page.getByRole('button', { name: as('withdraw_yes') }).click();
    await page.locator('[data-testid=request-status][data-status=withdrawn]').waitFor(WAIT);
    assert.equal((await page.locator('[data-testid=request-status]').innerText()).trim(), as('status_withdrawn'));

    // Without the link's secret: asked to sign in, nothing of the request.
    await open(page, new URL(requestUrl).pathname);
    await page.getByRole('link', { name: text(lang, 'common', 'sign_in') }).last().waitFor(WAIT);
    assert.equal(await page.locator('[data-testid=request-status]').count(), 0);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
