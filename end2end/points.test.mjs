// Loyalty points as a shopper meets them (issue 19), at phone and desktop
// size: a paid order shows its points as pending on the account page, with
// the order; once the order is delivered and its return window has closed
// (the points job run at a later time, not waited for) they are available,
// and the history says where they came from; the next order spends them
// at checkout, and the order shows what they paid. Read in Chinese, then
// in English. Controls are found by role and accessible name, texts from
// locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, BASE, launch, open, text, shot, axe, buyAndPay, orderCommand, pointsJobs, sql, minor } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const zh = (key, vars) => text('zh-CN', 'loyalty', key, vars);
const en = (key, vars) => text('en', 'loyalty', key, vars);
// As the shop writes money: 25600 → "¥256.00".
const yuan = (m) => `¥${(m / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a paid order's points wait for the return window, then can be spent`, async () => {
    // Two units: enough points to reach the minimum spent at once (100).
    const { context, page, number } = await buyAndPay(browser, vp, '/p/tea-2', 2);
    const paid = Number(sql(`SELECT sum(paid_minor) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.number = '${number}'`));
    const expected = Math.floor(paid / 100);
    assert.ok(expected >= 100, `order ${number} paid ${paid}`);

    await open(page, '/account');
    const card = page.getByRole('region', { name: zh('card_title') });
    await card.waitFor(WAIT);
    assert.equal((await card.getByTestId('points-pending').innerText()).trim(), String(expected));
    assert.equal((await card.getByTestId('points-available').innerText()).trim(), '0');
    await card.getByText(zh('pending_note')).waitFor(WAIT);
    await card.getByRole('link', { name: number }).waitFor(WAIT);
    await card.getByText(zh('no_history')).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `points-pending-${vp.name}`);

    // Delivered, and the seven-day window run past: the job credits them.
    orderCommand(number, 'ship', '顺丰速运', `SF${Date.now()}`);
    orderCommand(number, 'deliver');
    pointsJobs(new Date(Date.now() + 3 * 86400_000).toISOString());
    await open(page, '/account');
    assert.equal((await card.getByTestId('points-pending').innerText()).trim(), String(expected), 'not before the window closes');
    pointsJobs(new Date(Date.now() + 31 * 86400_000).toISOString());
    await open(page, '/account');
    await card.getByTestId('points-history').waitFor(WAIT);
    assert.equal((await card.getByTestId('points-available').innerText()).trim(), String(expected));
    assert.equal((await card.getByTestId('points-pending').innerText()).trim(), '0');
    const entry = card.getByTestId('points-history').getByRole('listitem').first();
    assert.ok((await entry.innerText()).includes(`${zh('kind_earn')} · ${number}`));
    assert.ok((await entry.innerText()).includes(`+${expected}`));
    await shot(page, `points-available-${vp.name}`);

    // The next order spends them: at most half its goods (¥1 a 100 points).
    await open(page, '/p/tea-2');
    await page.click('.add-to-cart button[type=submit]');
    await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);
    await open(page, '/checkout');
    await page.locator('[data-testid=place-order]').waitFor(WAIT);
    await page.getByRole('group', { name: text('zh-CN', 'checkout', 'points') }).waitFor(WAIT);
    const before = minor(await page.getByTestId('total').innerText());
    const fee = (await page.getByTestId('shipping').innerText()).trim();
    const goods = before - (fee === text('zh-CN', 'cart', 'free') ? 0 : minor(fee));
    const usable = Math.min(expected, Math.floor(goods / 2));
    const use = page.getByRole('checkbox', {
      name: text('zh-CN', 'checkout', 'use_points', { points: String(usable), amount: yuan(usable) }),
    });
    await use.waitFor(WAIT);
    await use.check();
    const line = page.getByTestId('points-used');
    await line.waitFor(WAIT);
    assert.ok((await line.innerText()).includes(text('zh-CN', 'cart', 'points_line', { points: String(usable) })));
    assert.equal(minor(await page.getByTestId('total').innerText()), before - usable);
    await shot(page, `points-checkout-${vp.name}`);
    if (await page.locator('#co-address\\[recipient\\]').isVisible()) {
      await page.fill('#co-address\\[recipient\\]', '王芳');
      await page.fill('#co-address\\[phone\\]', '13800138000');
      await page.fill('#co-address\\[region\\]', '上海市静安区');
      await page.fill('#co-address\\[line1\\]', '南京西路 1266 号');
    }
    await page.getByRole('button', { name: text('zh-CN', 'checkout', 'place_order', { total: yuan(before - usable) }) }).click();
    await page.waitForURL('**/sandbox/pay/**', WAIT);
    await page.click('[data-testid=sandbox-pay]');
    await page.waitForURL('**/orders/**', WAIT);
    const second = (await page.locator('[data-testid=order-number]').textContent()).trim();
    await page.getByTestId('order-points').getByText(text('zh-CN', 'cart', 'points_line', { points: String(usable) })).waitFor(WAIT);
    assert.equal(minor(await page.getByTestId('order-total').innerText()), before - usable);
    await open(page, '/account');
    assert.equal((await card.getByTestId('points-available').innerText()).trim(), String(expected - usable));
    const spent = card.getByTestId('points-history').getByRole('listitem').first();
    assert.ok((await spent.innerText()).includes(`${zh('kind_spend')} · ${second}`));
    assert.ok((await spent.innerText()).includes(`-${usable}`));

    // The same in English.
    await page.goto(`${BASE}/lang/en?next=/account`);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    const enCard = page.getByRole('region', { name: en('card_title') });
    // Exact: the second order's points are pending again, and the note
    // saying when they become available holds the same word.
    await enCard.getByText(en('available'), { exact: true }).waitFor(WAIT);
    await enCard.getByText(`${en('kind_earn')} · ${number}`).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `points-available-en-${vp.name}`);
    await context.close();
  });
}
