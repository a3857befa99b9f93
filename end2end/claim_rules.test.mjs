// Issue 19's last loyalty pieces in a real browser, at phone size in
// Chinese and desktop size in English: a guest finds the shop's claimable
// coupon on a product page, is sent to sign in and back, and claims it
// there; staff change the points rules on the membership page, are told
// which field is wrong, and see the new version listed as the one in
// force. Controls are found by role and accessible name, texts from
// locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, shot, axe, sql, registerAccount,
  staffPage, uniqueEmail,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };

for (const vp of VIEWPORTS) {
  const lang = vp.name === 'phone' ? 'zh-CN' : 'en';
  const loyalty = (key, vars) => text(lang, 'loyalty', key, vars);
  const promo = (key, vars) => text(lang, 'admin_promo', key, vars);

  test(`${vp.name}: a guest signs in from a product page and claims its coupon there`, async () => {
    const slug = sql(`SELECT slug FROM products WHERE listed AND in_stock ORDER BY id OFFSET 3 LIMIT 1`);
    const email = uniqueEmail(`claim-${vp.name}`);
    await registerAccount(email, '领券买家');
    const { context, page } = await newPage(browser, vp);
    await page.goto(`${BASE}/lang/${lang}?next=/p/${slug}`);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    const claims = page.getByRole('region', { name: loyalty('claim_title') });
    const item = claims.getByTestId('claim-coupon').filter({ hasText: 'CLAIM8' });
    await item.getByRole('link', { name: loyalty('claim_sign_in') }).click();
    await page.waitForURL(/\/sign-in\?next=/);
    await page.fill('#signin-email', email);
    await page.fill('#signin-password', DEMO_PASSWORD);
    await page.click('main form button[type=submit]');
    await page.waitForURL((u) => u.pathname === `/p/${slug}`, WAIT);
    const claim = item.getByRole('button', { name: loyalty('claim_button', { code: 'CLAIM8' }) });
    await claim.click();
    await item.getByText(loyalty('claim_done')).waitFor(WAIT);
    assert.equal(await claim.count(), 0);
    const held = sql(`SELECT count(*) FROM coupon_grants g JOIN users u ON u.id = g.user_id
        JOIN promotions p ON p.id = g.promotion_id
       WHERE lower(u.email) = lower('${email}') AND p.code = 'CLAIM8' AND g.source = 'claimed'`);
    assert.equal(held, '1');
    await claims.scrollIntoViewIfNeeded();
    assert.deepEqual(await axe(page), []);
    await shot(page, `claim-product-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: staff change the points rules and see the new version in force`, async () => {
    const before = sql('SELECT max(id) FROM points_rules');
    const { context, page } = await staffPage(browser, vp, 'admin@agora.test', `/lang/${lang}?next=/admin/loyalty`);
    try {
      const card = page.getByRole('region', { name: promo('points_rules_title') });
      await card.getByLabel(promo('points_earn_per_unit')).waitFor(WAIT);
      assert.equal(await card.getByLabel(promo('points_earn_per_unit')).inputValue(), sql(
        `SELECT earn_per_unit FROM points_rules WHERE id = ${before}`));
      // A warning that would come after the points expire: named, nothing saved.
      await card.getByLabel(promo('points_expire_days')).fill('60');
      await card.getByLabel(promo('points_warn_days')).fill('60');
      await card.getByRole('button', { name: promo('points_rules_save') }).click();
      await card.getByText(text(lang, 'errors', 'points_warn_after_expiry')).waitFor(WAIT);
      assert.equal(sql('SELECT max(id) FROM points_rules'), before);
      // Fixed, and 2 points a yuan: a new version, listed first and in force.
      await card.getByLabel(promo('points_earn_per_unit')).fill('2');
      await card.getByLabel(promo('points_warn_days')).fill('14');
      await card.getByRole('button', { name: promo('points_rules_save') }).click();
      await card.getByText(promo('points_rules_saved')).waitFor(WAIT);
      const versions = card.getByRole('list', { name: promo('points_versions_title') });
      const first = versions.getByRole('listitem').first();
      await first.getByText(promo('points_version_in_force')).waitFor(WAIT);
      assert.match(await first.textContent(), lang === 'en' ? /2 per ¥1 · last 60 days · warned 14 days/ : /每元 2 分 · 有效 60 天 · 提前 14 天提醒/);
      assert.equal(sql('SELECT earn_per_unit || \'/\' || expire_days || \'/\' || warn_days FROM points_rules ORDER BY id DESC LIMIT 1'), '2/60/14');
      await card.scrollIntoViewIfNeeded();
      assert.deepEqual(await axe(page), []);
      await shot(page, `points-rules-${vp.name}`);
      assert.deepEqual(page.jsErrors, []);
    } finally {
      // The other browser tests earn at the shop's first rules.
      sql(`INSERT INTO points_rules (earn_per_unit, expire_days, warn_days, redeem_minor_per_point, redeem_min, redeem_max_pct)
           SELECT earn_per_unit, expire_days, warn_days, redeem_minor_per_point, redeem_min, redeem_max_pct
             FROM points_rules WHERE id = ${before}`);
      await context.close();
    }
  });
}
