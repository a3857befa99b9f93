// Notification preferences in a real browser at phone and desktop size
// (issue 18): promotion e-mails are off until the shopper ticks the box
// named "Promotions by e-mail" on the account page; a promotion e-mail
// then carries a one-click unsubscribe link, whose page stops them again,
// and the account page shows the box unticked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, shot, signIn, sql, uniqueEmail, mailTo, mailSubject, registerAccount } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const vp of VIEWPORTS) {
  const locale = vp.name === 'phone' ? 'zh-CN' : 'en';
  const t = (key, vars) => text(locale, 'inbox', key, vars);

  test(`${vp.name} (${locale}): a shopper opts in to promotion e-mails and unsubscribes from the e-mail's link`, async () => {
    const email = uniqueEmail(`prefs-${vp.name}`);
    await registerAccount(email);
    const { context, page } = await newPage(browser, vp);
    if (locale === 'en') await page.goto(`${BASE}/lang/en?next=/`);
    await signIn(page, email, DEMO_PASSWORD);
    await page.waitForURL('**/account');
    const card = page.getByRole('region', { name: t('prefs_title') });
    const box = (kind, channel) => card.getByRole('checkbox', {
      name: t('prefs_switch_label', { kind: t(kind), channel: t(channel) }), exact: true,
    });
    const promoEmail = box('prefs_promotions', 'channel_email');
    // Marketing by e-mail needs the shopper's yes; the rest is on.
    assert.equal(await promoEmail.isChecked(), false);
    assert.equal(await box('prefs_service', 'channel_email').isChecked(), true);
    await card.getByText(t('prefs_always')).waitFor();
    await promoEmail.check();
    await card.getByRole('button', { name: t('prefs_save'), exact: true }).click();
    await card.getByRole('status').filter({ hasText: t('prefs_saved') }).waitFor();
    await shot(page, `notify-prefs-${vp.name}`);
    await open(page, '/account');
    assert.equal(await promoEmail.isChecked(), true);

    // A promotion e-mail (written as a campaign would write it).
    const user = sql(`SELECT id FROM users WHERE email = '${email}'`);
    sql(`INSERT INTO outbox (key, event, channel, category, user_id, address, locale, payload)
         VALUES ('e2e-promo:${email}', 'mail_test', 'email', 'promotions', ${user}, '${email}',
                 '${locale}', '{"staff": "Agora"}')`);
    const { hit } = await mailTo(email, mailSubject(locale, 'mail_test'));
    const path = hit.text.match(/\/unsubscribe\?t=[0-9]+-[0-9a-f]+/)[0];
    await open(page, path);
    await page.getByRole('heading', { level: 1, name: t('unsubscribe_title') }).waitFor();
    await page.getByRole('button', { name: t('unsubscribe_submit'), exact: true }).click();
    await page.getByRole('status').filter({ hasText: t('unsubscribe_done', { email }) }).waitFor();
    await shot(page, `unsubscribed-${vp.name}`);
    await open(page, '/account');
    assert.equal(await promoEmail.isChecked(), false);
    assert.equal(page.jsErrors.length, 0, page.jsErrors.join('\n'));
    await context.close();
  });
}
