// The back office's mail page in a real browser at phone and desktop size
// (issue 18): the operations manager sends a test e-mail, which reaches the
// SMTP server the test script runs on loopback and then shows as sent; a
// message that failed every try is listed with the mail server's answer,
// sent again by its named button, and arrives; another is discarded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, text, shot, sql, staffPage, uniqueEmail, mailTo, mailSubject } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const t = (key, vars) => text('zh-CN', 'admin', key, vars);

/** A message that failed every try, as the worker leaves it. */
function deadMessage(to) {
  sql(`INSERT INTO outbox (key, event, channel, category, address, locale, payload, status, attempts, last_error)
       VALUES ('e2e-dead:${to}', 'order_paid', 'email', 'orders', '${to}', 'zh-CN',
               '{"number": "20261127-009999", "total_minor": 12900, "currency": "CNY"}', 'dead', 6,
               '550 5.1.1 mailbox unavailable')`);
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a test e-mail is sent and shows as sent; an undeliverable message is sent again or discarded`, async () => {
    const { context, page } = await staffPage(browser, vp, 'ops@agora.test', '/admin');
    const main = page.getByRole('main');
    await page.getByRole('navigation', { name: t('nav_label') }).getByRole('link', { name: t('nav_mail') }).click();
    await page.getByRole('heading', { level: 1, name: t('mail_title') }).waitFor();

    // A test e-mail to a fresh address.
    const to = uniqueEmail(`mailtest-${vp.name}`);
    await main.getByLabel(t('mail_test_to'), { exact: true }).fill(to);
    await main.getByRole('button', { name: t('mail_test_submit'), exact: true }).click();
    await main.getByRole('status').filter({ hasText: t('mail_test_queued') }).waitFor();
    const { hit } = await mailTo(to, mailSubject('zh-CN', 'mail_test'));
    assert.ok(hit.text.includes('ops@agora.test'), hit.text);
    await main.getByRole('button', { name: t('mail_refresh'), exact: true }).click();
    const tests = main.getByRole('region', { name: t('mail_tests_title') });
    const sent = tests.getByRole('listitem').filter({ hasText: to });
    await sent.getByText(t('mail_status_sent'), { exact: true }).waitFor();

    // Two messages that failed every try.
    const lost = uniqueEmail(`lost-${vp.name}`);
    const gone = uniqueEmail(`gone-${vp.name}`);
    deadMessage(lost);
    deadMessage(gone);
    await main.getByRole('button', { name: t('mail_refresh'), exact: true }).click();
    const dead = main.getByRole('region', { name: t('mail_dead_title') });
    const lostItem = dead.getByRole('listitem').filter({ hasText: lost });
    await lostItem.getByText(t('mail_status_undeliverable'), { exact: true }).waitFor();
    await lostItem.getByText('550 5.1.1 mailbox unavailable').waitFor();
    await lostItem.getByText(t('mail_tries', { count: 6 })).waitFor();
    await shot(page, `admin-mail-${vp.name}`);

    await dead.getByRole('button', { name: t('mail_retry_label', { to: lost }), exact: true }).click();
    await lostItem.waitFor({ state: 'detached' });
    await mailTo(lost, '20261127-009999');
    await dead.getByRole('button', { name: t('mail_discard_label', { to: gone }), exact: true }).click();
    await dead.getByRole('listitem').filter({ hasText: gone }).waitFor({ state: 'detached' });
    assert.equal(sql(`SELECT status FROM outbox WHERE key = 'e2e-dead:${gone}'`), 'discarded');
    assert.equal(page.jsErrors.length, 0, page.jsErrors.join('\n'));
    await context.close();
  });
}
