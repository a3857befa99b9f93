// Member levels and their benefits (issue 19) in a real browser, at phone
// and desktop size: staff set a member price for a SKU on the back office's
// loyalty page and make a new shopper gold (a floor, with a reason); the
// shopper then sees the gold price on the product page, pays it in the
// cart (named as the gold price), gets gold's free-delivery threshold, and
// reads the level on the account page, in Chinese and in English. Controls
// are found by role and accessible name, texts from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, shot, axe, signIn, sql, minor,
  registerAccount, staffPage, uniqueEmail,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const promo = (key, vars) => text('zh-CN', 'admin_promo', key, vars);
const people = (key, vars) => text('zh-CN', 'admin_people', key, vars);
const loyalty = (lang, key, vars) => text(lang, 'loyalty', key, vars);
const yuan = (m) => `¥${(m / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

// A listed product whose first variant costs ¥110–¥140 with stock: at 60%
// its member price is below every demo sale, and even after the new
// customer's ¥15 off (a new account is one) the goods land between gold's
// free delivery (¥49) and the shop's (¥99).
function product() {
  const row = sql(`SELECT p.slug || '|' || v.sku || '|' || v.price_minor
      FROM products p JOIN LATERAL (SELECT * FROM product_variants WHERE product_id = p.id
                                     ORDER BY position, id LIMIT 1) v ON true
     WHERE p.listed AND v.stock > 5 AND v.price_minor BETWEEN 11000 AND 14000
     ORDER BY p.id LIMIT 1`);
  assert.ok(row, 'a demo product at ¥110–¥140');
  const [slug, sku, price] = row.split('|');
  return { slug, sku, price: Number(price), member: Math.floor(Number(price) * 0.6 / 100) * 100 };
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a gold member sees and pays the member price, with gold's free delivery`, async () => {
    const p = product();
    const email = uniqueEmail(`gold-${vp.name}`);
    await registerAccount(email, '金卡买家');

    // Staff: the member price, on the loyalty page.
    const { context: staffContext, page: staff } = await staffPage(browser, vp, 'admin@agora.test', '/admin/loyalty');
    await staff.getByRole('heading', { name: promo('loyalty_title'), level: 1 }).waitFor(WAIT);
    const gold = staff.getByRole('group', { name: new RegExp(people('level_gold')) });
    assert.equal(await gold.getByLabel(promo('level_free_shipping')).inputValue(), '49.00');
    const form = staff.getByTestId('member-price-form');
    await form.getByLabel(promo('member_price_sku')).fill(p.sku);
    await form.getByLabel(promo('member_price_level')).selectOption('gold');
    // Not below the item's own price: refused, with the reason.
    await form.getByLabel(promo('member_price_price')).fill(String(p.price / 100));
    await form.getByRole('button', { name: promo('member_price_save') }).click();
    await staff.getByText(text('zh-CN', 'errors', 'member_price_too_high')).waitFor(WAIT);
    await form.getByLabel(promo('member_price_price')).fill(String(p.member / 100));
    await form.getByRole('button', { name: promo('member_price_save') }).click();
    await staff.getByText(promo('member_price_saved')).waitFor(WAIT);
    await staff.getByTestId('member-prices').getByRole('listitem')
      .filter({ hasText: p.sku }).filter({ hasText: `${people('level_gold')} ${yuan(p.member)}` })
      .waitFor(WAIT);
    assert.deepEqual(await axe(staff), []);
    await shot(staff, `admin-loyalty-${vp.name}`);

    // Staff: the shopper's floor, with a reason.
    await open(staff, `/admin/customers?q=${encodeURIComponent(email)}`);
    await staff.locator('[data-testid=customer-row]', { hasText: email }).locator('[data-testid=customer-link]').click();
    await staff.waitForURL(/\/admin\/customers\/\d+$/);
    const floor = staff.getByTestId('level-form');
    await floor.getByLabel(people('level_label')).selectOption('gold');
    await floor.getByRole('button', { name: people('save_level') }).click();
    await floor.getByText(text('zh-CN', 'errors', 'required')).waitFor(WAIT);
    await floor.getByLabel(people('floor_reason')).fill(`e2e ${vp.name} 大客户`);
    await floor.getByRole('button', { name: people('save_level') }).click();
    await staff.getByTestId('customer-level').getByText(people('level_gold')).waitFor(WAIT);
    assert.equal(sql(`SELECT level || '/' || level_floor FROM users WHERE email = '${email}'`), 'gold/gold');
    await shot(staff, `admin-customer-floor-${vp.name}`);
    await staffContext.close();

    // The shopper: the product page names the gold price.
    const { context, page } = await newPage(browser, vp);
    await signIn(page, email, DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    const goldPrice = loyalty('zh-CN', 'member_price', { level: loyalty('zh-CN', 'level_gold') });
    await open(page, `/p/${p.slug}`);
    const prices = page.getByTestId('member-prices');
    await prices.waitFor(WAIT);
    assert.ok((await prices.innerText()).includes(`${goldPrice} ${yuan(p.member)}`), await prices.innerText());
    await shot(page, `member-price-product-${vp.name}`);
    await page.click('.add-to-cart button[type=submit]');
    await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);

    // The cart: the line at the gold price, named; gold's delivery terms.
    await open(page, '/cart');
    const line = page.getByTestId('cart-line').first();
    await line.getByText(goldPrice).waitFor(WAIT);
    assert.equal(minor(await line.getByTestId('line-price').innerText()), p.member);
    const note = loyalty('zh-CN', 'benefit_free_shipping_from', { level: loyalty('zh-CN', 'level_gold'), amount: '¥49.00' });
    await page.getByTestId('member-note').getByText(note).waitFor(WAIT);
    assert.equal((await page.getByTestId('shipping').innerText()).trim(), text('zh-CN', 'cart', 'free'));
    const newcomer = Number(sql(`SELECT amount_off_minor FROM promotions
       WHERE kind = 'new_customer' AND min_spend_minor <= ${p.member}`) || 0);
    assert.ok(p.member - newcomer >= 4900, 'the goods stay above gold\'s free delivery');
    assert.equal(minor(await page.getByTestId('total').innerText()), p.member - newcomer);
    assert.deepEqual(await axe(page), []);
    await shot(page, `member-price-cart-${vp.name}`);

    // The account page: the level, what it gives.
    await open(page, '/account');
    const card = page.getByRole('region', { name: loyalty('zh-CN', 'level_title') });
    await card.waitFor(WAIT);
    assert.equal((await card.getByTestId('level-name').innerText()).trim(), loyalty('zh-CN', 'level_gold'));
    await card.getByText(loyalty('zh-CN', 'level_points', { pct: '150' })).waitFor(WAIT);
    await card.getByRole('progressbar', { name: loyalty('zh-CN', 'level_progress') }).waitFor(WAIT);
    await shot(page, `level-account-${vp.name}`);

    // In English.
    await page.goto(`${BASE}/lang/en?next=/cart`);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    const enNote = loyalty('en', 'benefit_free_shipping_from', { level: loyalty('en', 'level_gold'), amount: '¥49.00' });
    await page.getByTestId('member-note').getByText(enNote).waitFor(WAIT);
    await page.getByTestId('cart-line').first().getByText(loyalty('en', 'member_price', { level: loyalty('en', 'level_gold') })).waitFor(WAIT);
    await open(page, '/account');
    const enCard = page.getByRole('region', { name: loyalty('en', 'level_title') });
    assert.equal((await enCard.getByTestId('level-name').innerText()).trim(), loyalty('en', 'level_gold'));
    assert.deepEqual(await axe(page), []);
    await shot(page, `level-account-en-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
