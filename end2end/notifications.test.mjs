// Notifications in a real browser at phone and desktop size (issue 18): a
// shopper buys, staff ship the order, and the shopper finds the news in
// two places: an e-mail in their own language (with the tracking number)
// that reached the SMTP server the test script runs on loopback, and the
// in-app inbox, whose unread badge sits in the header. Opening the
// message leads to the order and marks it read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, open, text, shot, sql, orderCommand, buyAndPay, mailTo } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const vp of VIEWPORTS) {
  // The phone reads Chinese; the desktop switches to English first.
  const locale = vp.name === 'phone' ? 'zh-CN' : 'en';
  test(`${vp.name} (${locale}): shipping reaches the inbox and the mailbox, in the shopper's language`, async () => {
    const slug = vp.name === 'phone' ? 'dresses-5' : 'dresses-4';
    const buyer = await buyAndPay(browser, vp, `/p/${slug}`);
    const { page, number, email } = buyer;
    const t = (ns, key, vars) => text(locale, ns, key, vars);
    if (locale === 'en') {
      const banner = page.getByRole('banner');
      await banner.getByRole('link', { name: text('zh-CN', 'common', 'switch_lang_label'), exact: true }).click();
      await banner.getByRole('link', { name: text('en', 'common', 'switch_lang_label'), exact: true }).waitFor();
      // Remembered for their mail.
      assert.equal(sql(`SELECT locale FROM users WHERE email = '${email}'`), 'en');
    }

    const tracking = `SF${Date.now()}`;
    orderCommand(number, 'ship', '顺丰速运', tracking);

    // The e-mail, in their language, with the tracking number and a link
    // to the order; one per event, never two.
    const shippedSubject = locale === 'en' ? `Order ${number} has shipped` : `订单 ${number} 已发货`;
    const { hit, all } = await mailTo(email, shippedSubject);
    assert.equal(hit.subject, shippedSubject);
    assert.ok(hit.text.includes(tracking), hit.text);
    assert.ok(hit.text.includes(`/orders/${number}`), hit.text);
    assert.equal(all.filter((m) => m.subject === shippedSubject).length, 1);

    // The inbox: the header's badge counts what is unread, by its name.
    await open(page, `/orders/${number}`);
    const unread = Number(sql(`SELECT count(*) FROM inbox_messages m JOIN users u ON u.id = m.user_id
                                WHERE u.email = '${email}' AND m.read_at IS NULL`));
    assert.ok(unread >= 3, `placed, paid and shipped are unread (${unread})`);
    const badge = page.getByRole('banner').getByRole('link', { name: t('inbox', 'badge_label', { count: unread }), exact: true });
    await badge.waitFor();
    await badge.click();
    await page.getByRole('heading', { level: 1, name: t('inbox', 'title') }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: shippedSubject });
    await item.getByText(t('inbox', 'unread'), { exact: true }).waitFor();
    await item.getByText(tracking).waitFor();
    await shot(page, `inbox-${vp.name}`);

    // The orders tab lists it; the service tab has nothing yet.
    await page.getByRole('navigation', { name: t('inbox', 'tabs_label') })
      .getByRole('link', { name: t('inbox', 'tab_service'), exact: true }).click();
    await page.getByText(t('inbox', 'empty')).waitFor();
    await page.getByRole('navigation', { name: t('inbox', 'tabs_label') })
      .getByRole('link', { name: t('inbox', 'tab_orders'), exact: true }).click();
    await item.waitFor();

    // Opening it leads to the order and marks it read.
    await item.getByRole('link', { name: t('inbox', 'open_order'), exact: true }).click();
    await page.waitForURL(`**/orders/${number}`);
    await page.getByRole('banner').getByRole('link', { name: t('inbox', 'badge_label', { count: unread - 1 }), exact: true }).waitFor();

    // Mark all as read: the badge goes, every message says "read".
    await open(page, '/inbox');
    await page.getByRole('button', { name: t('inbox', 'mark_all_read'), exact: true }).click();
    await page.getByRole('banner').getByRole('link', { name: t('inbox', 'badge_label', { count: 0 }), exact: true }).waitFor();
    await item.getByText(t('inbox', 'read'), { exact: true }).waitFor();
    assert.equal(page.jsErrors.length, 0, page.jsErrors.join('\n'));
    await buyer.context.close();
  });
}
