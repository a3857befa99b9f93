// The coupon wallet (issue 19) in a real browser, at phone and desktop
// size: staff issue the demo's GOLD30 (gold and above, wallet only) to
// every gold member and SAVE20 to one shopper on the membership page; the
// gold shopper finds both in the wallet on the account page and claims
// CLAIM8 there; checkout
// marks GOLD30 as the best, says why SAVE20 does not apply, and uses
// GOLD30 at a click; after the order the wallet shows it used. Then in
// English. Controls are found by role and accessible name, texts from
// locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, shot, axe, signIn, sql, minor,
  registerAccount, staffPage, uniqueEmail, pointsJobs,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const promo = (key, vars) => text('zh-CN', 'admin_promo', key, vars);
const loyalty = (lang, key, vars) => text(lang, 'loyalty', key, vars);
const co = (lang, key, vars) => text(lang, 'checkout', key, vars);
const yuan = (m) => `¥${(m / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

// A listed product at ¥160–¥190 with stock, no member price and out of
// every sale: it reaches GOLD30's ¥150 and falls short of SAVE20's ¥199
// (a coupon's minimum counts the goods before order-level discounts such
// as the new customer's ¥15 off).
function product() {
  const row = sql(`SELECT p.slug || '|' || v.price_minor
      FROM products p JOIN LATERAL (SELECT * FROM product_variants WHERE product_id = p.id
                                     ORDER BY position, id LIMIT 1) v ON true
     WHERE p.listed AND v.stock > 5 AND v.price_minor BETWEEN 16000 AND 19000
       AND NOT EXISTS (SELECT 1 FROM member_prices mp WHERE mp.variant_id = v.id)
       AND NOT EXISTS (SELECT 1 FROM promotions s WHERE s.kind = 'sale' AND s.active
                        AND (p.id = ANY(s.product_ids) OR EXISTS (
                          WITH RECURSIVE up(id) AS (SELECT p.category_id UNION ALL
                            SELECT c.parent_id FROM categories c JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL)
                          SELECT 1 FROM up WHERE up.id = ANY(s.category_ids))))
     ORDER BY p.id LIMIT 1`);
  assert.ok(row, 'a demo product at ¥160–¥190');
  const [slug, price] = row.split('|');
  return { slug, price: Number(price) };
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a coupon issued to gold members is in the wallet and suggested at checkout`, async () => {
    const p = product();
    const email = uniqueEmail(`wallet-${vp.name}`);
    await registerAccount(email, '券包买家');
    // Gold by staff's floor (the levels test drives that form).
    sql(`UPDATE users SET level = 'gold', level_floor = 'gold', level_floor_reason = 'e2e' WHERE email = '${email}'`);

    // Staff issue GOLD30 to gold and above, and SAVE20 to this shopper.
    const { context: staffContext, page: staff } = await staffPage(browser, vp, 'admin@agora.test', '/admin/loyalty');
    const issue = staff.getByRole('region', { name: promo('coupon_issue_title') });
    await issue.waitFor(WAIT);
    await issue.getByLabel(promo('coupon_code')).fill('GOLD30');
    await issue.getByRole('radio', { name: promo('coupon_to_level') }).check();
    await issue.getByLabel(promo('coupon_level')).selectOption('gold');
    await issue.getByRole('button', { name: promo('coupon_issue') }).click();
    // No reason: refused, with the field named.
    await issue.getByText(text('zh-CN', 'errors', 'required')).waitFor(WAIT);
    await issue.getByLabel(promo('coupon_reason')).fill(`e2e ${vp.name} 会员日`);
    await issue.getByRole('button', { name: promo('coupon_issue') }).click();
    await issue.getByTestId('coupon-issued').getByText(/已发给 [1-9]\d* 位顾客/).waitFor(WAIT);
    assert.equal(sql(`SELECT count(*) FROM coupon_grants g JOIN users u ON u.id = g.user_id
                       WHERE u.email = '${email}'`), '1');
    await open(staff, '/admin/loyalty');
    await issue.waitFor(WAIT);
    await issue.getByLabel(promo('coupon_code')).fill('save20');
    await issue.getByRole('radio', { name: promo('coupon_to_shopper') }).check();
    await issue.getByLabel(promo('coupon_email')).fill(email);
    await issue.getByLabel(promo('coupon_reason')).fill('补偿');
    await issue.getByRole('button', { name: promo('coupon_issue') }).click();
    await issue.getByTestId('coupon-issued').getByText(promo('coupon_issued', { n: '1' })).waitFor(WAIT);
    const terms = staff.getByTestId('coupon-terms').getByRole('listitem').filter({ hasText: 'GOLD30' });
    await terms.getByText(promo('coupon_who_wallet_level', { level: text('zh-CN', 'admin_people', 'level_gold') })).waitFor(WAIT);
    assert.deepEqual(await axe(staff), []);
    await shot(staff, `wallet-admin-${vp.name}`);
    await staffContext.close();

    // The shopper's wallet on the account page.
    const { context, page } = await newPage(browser, vp);
    await signIn(page, email, DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await open(page, '/account');
    const wallet = page.getByRole('region', { name: loyalty('zh-CN', 'wallet_title') });
    await wallet.waitFor(WAIT);
    const gold = wallet.getByRole('listitem').filter({ hasText: 'GOLD30' });
    await gold.getByText(loyalty('zh-CN', 'wallet_available')).waitFor(WAIT);
    await gold.getByText(loyalty('zh-CN', 'wallet_level_only', { level: loyalty('zh-CN', 'level_gold') })).waitFor(WAIT);
    await wallet.getByRole('listitem').filter({ hasText: 'SAVE20' }).waitFor(WAIT);
    await wallet.getByText(loyalty('zh-CN', 'wallet_count', { n: '2' })).waitFor(WAIT);
    // CLAIM8 is the shop's to claim: once, into the wallet.
    const claims = page.getByRole('region', { name: loyalty('zh-CN', 'claim_title') });
    await claims.getByRole('button', { name: loyalty('zh-CN', 'claim_button', { code: 'CLAIM8' }) }).click();
    await claims.getByText(loyalty('zh-CN', 'claim_done')).waitFor(WAIT);
    assert.equal(await claims.getByRole('button', { name: loyalty('zh-CN', 'claim_button', { code: 'CLAIM8' }) }).count(), 0);
    await open(page, '/account');
    await wallet.getByRole('listitem').filter({ hasText: 'CLAIM8' })
      .getByText(loyalty('zh-CN', 'wallet_from_claim')).waitFor(WAIT);
    await wallet.getByText(loyalty('zh-CN', 'wallet_count', { n: '3' })).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `wallet-account-${vp.name}`);

    // Checkout: GOLD30 marked best, SAVE20 with its reason; one click uses it.
    await open(page, `/p/${p.slug}`);
    await page.click('.add-to-cart button[type=submit]');
    await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);
    await open(page, '/checkout');
    await page.locator('[data-testid=place-order]').waitFor(WAIT);
    const offers = page.getByRole('region', { name: co('zh-CN', 'wallet_title') });
    await offers.waitFor(WAIT);
    const best = offers.getByRole('listitem').first();
    await best.getByText(co('zh-CN', 'wallet_best')).waitFor(WAIT);
    assert.ok((await best.innerText()).includes('GOLD30'), await best.innerText());
    await best.getByText(co('zh-CN', 'wallet_saves', { amount: '¥30.00' })).waitFor(WAIT);
    await offers.getByRole('listitem').filter({ hasText: 'CLAIM8' })
      .getByText(co('zh-CN', 'wallet_saves', { amount: '¥8.00' })).waitFor(WAIT);
    const save20 = offers.getByRole('listitem').filter({ hasText: 'SAVE20' });
    await save20.getByText(text('zh-CN', 'cart', 'coupon_min_spend', { amount: yuan(19900 - p.price) })).waitFor(WAIT);
    assert.equal(await save20.getByRole('button').count(), 0, 'no "use" on a coupon that does not apply');
    const before = minor(await page.getByTestId('total').innerText());
    await offers.getByRole('button', { name: co('zh-CN', 'wallet_use', { code: 'GOLD30' }) }).click();
    await page.getByTestId('coupon-applied').waitFor(WAIT);
    await best.getByText(co('zh-CN', 'wallet_in_use')).waitFor(WAIT);
    await page.waitForFunction((want) => {
      const t = document.querySelector('[data-testid=total]')?.textContent ?? '';
      return Number(t.replace(/[^0-9]/g, '')) === want;
    }, before - 3000, WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `wallet-checkout-${vp.name}`);

    if (await page.locator('#co-address\\[recipient\\]').isVisible()) {
      await page.fill('#co-address\\[recipient\\]', '王芳');
      await page.fill('#co-address\\[phone\\]', '13800138000');
      await page.fill('#co-address\\[region\\]', '上海市静安区');
      await page.fill('#co-address\\[line1\\]', '南京西路 1266 号');
    }
    await page.getByRole('button', { name: co('zh-CN', 'place_order', { total: yuan(before - 3000) }) }).click();
    await page.waitForURL('**/sandbox/pay/**', WAIT);
    await page.click('[data-testid=sandbox-pay]');
    await page.waitForURL('**/orders/**', WAIT);
    const number = (await page.locator('[data-testid=order-number]').textContent()).trim();

    // The wallet: GOLD30 used on that order; in English too.
    await page.goto(`${BASE}/lang/en?next=/account`);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    const enWallet = page.getByRole('region', { name: loyalty('en', 'wallet_title') });
    const used = enWallet.getByRole('listitem').filter({ hasText: 'GOLD30' });
    await used.getByText(loyalty('en', 'wallet_used'), { exact: true }).waitFor(WAIT);
    await used.getByRole('link', { name: loyalty('en', 'wallet_used_on', { number }) }).waitFor(WAIT);
    await enWallet.getByText(loyalty('en', 'wallet_count', { n: '2' })).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `wallet-account-en-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}

// The birthday coupon: staff choose it on the membership page, the shopper
// gives a birthday on the account page, and the wallet job (its clock
// passed in) puts the coupon in their wallet, once.
for (const vp of VIEWPORTS) {
  test(`${vp.name}: a shopper who gives a birthday finds the birthday coupon in the wallet`, async () => {
    const email = uniqueEmail(`birthday-${vp.name}`);
    await registerAccount(email, '寿星');
    // Two days from now in the shop's calendar (UTC+8).
    const soon = new Date(Date.now() + 8 * 3600_000 + 2 * 86400_000);
    const [month, day] = [soon.getUTCMonth() + 1, soon.getUTCDate()];

    const { context: staffContext, page: staff } = await staffPage(browser, vp, 'admin@agora.test', '/admin/loyalty');
    const card = staff.getByRole('region', { name: promo('birthday_title') });
    await card.waitFor(WAIT);
    await card.getByLabel(promo('coupon_code')).fill('welcome10');
    await card.getByLabel(promo('birthday_days')).fill('45');
    await card.getByRole('button', { name: promo('birthday_save') }).click();
    await card.getByText(text('zh-CN', 'errors', 'number_invalid')).waitFor(WAIT);
    await card.getByLabel(promo('birthday_days')).fill('3');
    await card.getByRole('button', { name: promo('birthday_save') }).click();
    await card.getByTestId('birthday-now').getByText(promo('birthday_now', { code: 'WELCOME10', days: '3' })).waitFor(WAIT);
    await shot(staff, `wallet-birthday-admin-${vp.name}`);
    await staffContext.close();

    const { context, page } = await newPage(browser, vp);
    await signIn(page, email, DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await open(page, '/account');
    const profile = page.getByRole('region', { name: text('zh-CN', 'accounts', 'profile_title') });
    await profile.waitFor(WAIT);
    const birthday = profile.getByRole('group', { name: text('zh-CN', 'accounts', 'birthday') });
    // A month without a day is refused, and nothing is kept.
    await birthday.getByLabel(text('zh-CN', 'accounts', 'birth_month')).selectOption(String(month));
    await profile.getByRole('button', { name: text('zh-CN', 'accounts', 'save') }).click();
    await birthday.getByText(text('zh-CN', 'errors', 'choice_invalid')).waitFor(WAIT);
    assert.equal(sql(`SELECT COALESCE(birth_month::text, 'none') FROM users WHERE email = '${email}'`), 'none');
    await birthday.getByLabel(text('zh-CN', 'accounts', 'birth_day')).selectOption(String(day));
    await profile.getByRole('button', { name: text('zh-CN', 'accounts', 'save') }).click();
    await profile.getByText(text('zh-CN', 'accounts', 'profile_saved')).waitFor(WAIT);
    assert.equal(sql(`SELECT birth_month || '-' || birth_day FROM users WHERE email = '${email}'`), `${month}-${day}`);
    await shot(page, `wallet-birthday-profile-${vp.name}`);

    pointsJobs(new Date().toISOString());
    pointsJobs(new Date().toISOString());
    await open(page, '/account');
    const wallet = page.getByRole('region', { name: loyalty('zh-CN', 'wallet_title') });
    const gift = wallet.getByRole('listitem').filter({ hasText: 'WELCOME10' });
    await gift.getByText(loyalty('zh-CN', 'wallet_from_birthday')).waitFor(WAIT);
    assert.equal(await wallet.getByRole('listitem').count(), 1, 'once, though the job ran twice');
    assert.deepEqual(await axe(page), []);
    await shot(page, `wallet-birthday-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
