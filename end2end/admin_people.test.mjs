// The back office's people sections in a real browser, at phone and desktop
// size, on the demo data: an operations manager finds a customer and gives
// them points with a reason; a customer-service agent hides one review and
// replies to another, and the product page then shows the reply; staff open
// the search insights and follow a search that found nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, shot, signIn, sql,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const people = (key, vars) => text('zh-CN', 'admin_people', key, vars);

async function staffSignIn(page, email) {
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: an operations manager finds a customer and gives them points`, async () => {
    const { context, page } = await newPage(browser, vp);
    await staffSignIn(page, 'ops@agora.test');
    await open(page, '/admin/customers');
    await page.getByRole('heading', { name: people('customers_title'), level: 1 }).waitFor();

    // Search by name; the demo shopper is in the results.
    await page.fill('[data-testid=customer-search]', '李小明');
    await page.click('[data-testid=customer-search-submit]');
    await page.waitForURL(/\/admin\/customers\?q=/);
    const row = page.locator('[data-testid=customer-row]', { hasText: 'shopper@agora.test' });
    await row.waitFor();
    await shot(page, `admin-customers-${vp.name}`);

    // Their page: give 50 points with a reason; the ledger shows it.
    await row.locator('[data-testid=customer-link]').click();
    await page.waitForURL(/\/admin\/customers\/\d+$/);
    await page.locator('[data-testid=points-form]').waitFor();
    await page.getByRole('heading', { name: people('ledger_title') }).waitFor();
    const before = Number((await page.textContent('[data-testid=customer-points]')).trim());
    const reason = `e2e ${vp.name} ${Date.now()}`;
    await page.fill('[data-testid=points-delta]', '50');
    await page.fill('[data-testid=points-reason]', reason);
    await page.click('[data-testid=points-submit]');
    const entry = page.locator('[data-testid=ledger-row]', { hasText: reason });
    await entry.waitFor();
    assert.equal(await entry.getAttribute('data-delta'), '50');
    await page.getByText(people('points_saved')).waitFor();
    assert.equal(Number((await page.textContent('[data-testid=customer-points]')).trim()), before + 50);
    assert.equal(sql("SELECT points FROM users WHERE email = 'shopper@agora.test'"), String(before + 50));
    assert.equal(
      sql(`SELECT count(*) FROM audit_log WHERE action = 'admin/customer/points' AND after->>'reason' = '${reason}'`),
      '1',
    );
    await shot(page, `admin-customer-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: customer service hides a review, replies to another, and the shop shows the reply`, async () => {
    // Demo reviews start published and moderated; put the two oldest back
    // in the queue, as if they had just been written.
    const queued = sql(`WITH picked AS (SELECT id FROM reviews WHERE status = 'published' AND moderated_at IS NOT NULL
                          ORDER BY created_at, id LIMIT 2)
                        UPDATE reviews r SET moderated_at = NULL FROM picked WHERE r.id = picked.id RETURNING r.id`)
      .split('\n').join(',');
    const { context, page } = await newPage(browser, vp);
    await staffSignIn(page, 'service@agora.test');
    await open(page, '/admin/reviews');
    await page.getByRole('heading', { name: people('reviews_title'), level: 1 }).waitFor();
    const cards = page.locator('[data-testid=admin-review]');
    await cards.first().waitFor();
    assert.ok((await cards.count()) >= 2, 'the demo reviews wait in the queue');
    await shot(page, `admin-reviews-${vp.name}`);

    // Hide the oldest: it leaves the queue.
    const hiddenId = await cards.first().getAttribute('data-review-id');
    await cards.first().locator('[data-testid=review-hide]').click();
    await page.locator(`[data-testid=admin-review][data-review-id="${hiddenId}"]`).waitFor({ state: 'detached' });
    assert.equal(sql(`SELECT status FROM reviews WHERE id = ${Number(hiddenId)}`), 'hidden');
    // The navigation's badge count is fetched again; let it settle first.
    await page.waitForLoadState('networkidle');

    // Reply to the next one.
    const replyId = await cards.first().getAttribute('data-review-id');
    assert.notEqual(replyId, hiddenId);
    const card = page.locator(`[data-testid=admin-review][data-review-id="${replyId}"]`);
    const href = await card.locator('[data-testid=review-product]').getAttribute('href');
    const reply = `感谢您的评价！（${vp.name} ${Date.now()}）`;
    await card.locator('[data-testid=reply-text]').fill(reply);
    await card.locator('[data-testid=reply-save]').click();
    await card.getByText(people('reply_saved')).waitFor();
    assert.equal(sql(`SELECT reply FROM reviews WHERE id = ${Number(replyId)}`), reply);
    await shot(page, `admin-review-reply-${vp.name}`);

    // The product page shows the reply under that review, labelled.
    await open(page, href);
    const shown = page.locator('[data-testid=merchant-reply]', { hasText: reply });
    await shown.waitFor();
    assert.ok((await shown.textContent()).includes(text('zh-CN', 'catalog', 'merchant_reply')));
    await shown.scrollIntoViewIfNeeded();
    await shot(page, `product-merchant-reply-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
    // Leave the demo as it was: nothing of ours still waiting.
    sql(`UPDATE reviews SET moderated_at = now() WHERE id IN (${queued}) AND moderated_at IS NULL`);
  });

  test(`${vp.name}: staff open search insights and follow a search that found nothing`, async () => {
    // Shoppers' searches for something the shop does not sell (many, so it
    // ranks among the top misses whatever else the tests searched for).
    const miss = `zzq${vp.name}${Date.now()}`;
    sql(`INSERT INTO search_queries (query, locale, results) SELECT '${miss}', 'zh-CN', 0 FROM generate_series(1, 500)`);
    const { context, page } = await newPage(browser, vp);
    await staffSignIn(page, 'ops@agora.test');
    await open(page, '/admin/insights');
    await page.getByRole('heading', { name: people('insights_title'), level: 1 }).waitFor();
    await page.getByText(people('zero_queries_help')).waitFor();
    const row = page.locator(`[data-testid=zero-query][data-query="${miss}"]`);
    await row.waitFor();
    assert.equal(await row.locator('a').getAttribute('href'), `/search?q=${miss}`);
    await shot(page, `admin-insights-${vp.name}`);

    // A longer period still lists it.
    await page.click('[data-testid=days-30]');
    await page.waitForURL(/days=30/);
    await page.locator('[data-testid=insights-totals][data-days="30"]').waitFor();
    await row.waitFor();

    // The link opens what shoppers saw.
    await row.locator('a').click();
    await page.waitForURL(/\/search\?q=/);
    await page.getByRole('heading', { name: text('zh-CN', 'catalog', 'search_results_for', { q: miss }), level: 1 }).waitFor();
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
