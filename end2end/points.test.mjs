// Loyalty points as a shopper meets them (issue 19), at phone and desktop
// size: a paid order shows its points as pending on the account page, with
// the order; once the order is delivered and its return window has closed
// (the points job run at a later time, not waited for) they are available,
// and the history says where they came from. Read in Chinese, then in
// English. Controls are found by role and accessible name, texts from
// locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, BASE, launch, open, text, shot, axe, buyAndPay, orderCommand, pointsJobs, sql } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const zh = (key, vars) => text('zh-CN', 'loyalty', key, vars);
const en = (key, vars) => text('en', 'loyalty', key, vars);

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a paid order's points wait for the return window, then can be spent`, async () => {
    const { context, page, number } = await buyAndPay(browser, vp, '/p/tea-2');
    const paid = Number(sql(`SELECT sum(paid_minor) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.number = '${number}'`));
    const expected = Math.floor(paid / 100);
    assert.ok(expected > 0, `order ${number} paid ${paid}`);

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

    // The same in English.
    await page.goto(`${BASE}/lang/en?next=/account`);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    const enCard = page.getByRole('region', { name: en('card_title') });
    await enCard.getByText(en('available')).waitFor(WAIT);
    await enCard.getByText(`${en('kind_earn')} · ${number}`).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `points-available-en-${vp.name}`);
    await context.close();
  });
}
