// Promotions in the back office, in a real browser at phone and desktop
// size: the demo operations manager creates a coupon in the editor (a bad
// save first is answered beside the fields), finds it in the list, a
// shopper applies the code in the cart and sees the discount line; switched
// off in the list, the same code is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, shot, sql, minor, signIn,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const promo = (key, vars) => text('zh-CN', 'admin_promo', key, vars);
const cart = (key, vars) => text('zh-CN', 'cart', key, vars);

async function addToCart(page, path) {
  await open(page, path);
  await page.click('.add-to-cart button[type=submit]');
  await page.locator('[data-testid=added]').getByRole('link').waitFor();
}

async function applyCoupon(page, code) {
  await page.fill('#coupon-code', code);
  await page.click('.coupon-form button[type=submit]');
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a coupon made in the back office applies in the cart, and not once switched off`, async () => {
    // Letters and digits only, unique per run.
    const code = `E2E${vp.name.toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
    const name = `后台测试券 ${vp.name}`;

    // The operations manager opens the editor.
    const staff = await newPage(browser, vp);
    const admin = staff.page;
    await signIn(admin, 'ops@agora.test', DEMO_PASSWORD);
    await admin.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await open(admin, '/admin/promotions/new');
    await admin.locator('[data-testid=promo-form]').waitFor();
    await admin.check('[data-testid=kind-coupon]');

    // Saving an empty coupon: each problem beside its field, nothing stored.
    await admin.click('[data-testid=promo-save]');
    await admin.locator('[data-testid=promo-invalid]').waitFor();
    await admin.getByText(promo('err_code_required')).waitFor();
    assert.equal(admin.url().endsWith('/admin/promotions/new'), true);

    await admin.fill('#promo-code', code.toLowerCase());
    await admin.fill('#promo-name_zh', name);
    await admin.fill('#promo-name_en', `E2E coupon ${vp.name}`);
    await admin.check('[data-testid=benefit-amount]');
    await admin.fill('#promo-amount_off', '5');
    // Fields for other kinds stay out of the way.
    assert.equal(await admin.locator('#promo-product_ids').isVisible(), false);
    assert.equal(await admin.locator('[data-testid=promo-tiers]').isVisible(), false);
    await shot(admin, `admin-promo-editor-${vp.name}`);
    await admin.click('[data-testid=promo-save]');

    // Back on the list: the new coupon, on, stored upper-case.
    await admin.waitForURL('**/admin/promotions');
    const row = admin.locator(`[data-testid=promo-row][data-code="${code}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-active'), 'true');
    assert.equal(await row.locator('[data-testid=promo-code]').textContent(), code);
    assert.equal(await row.locator('.promo-name').textContent(), name);
    assert.equal(sql(`SELECT amount_off_minor FROM promotions WHERE code = '${code}'`), '500');
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'admin/promotion/save' AND after->>'code' = '${code}'`), '1');
    await shot(admin, `admin-promo-list-${vp.name}`);

    // The editor reopens it with what was typed.
    await row.locator('[data-testid=promo-edit]').click();
    await admin.waitForURL(/\/admin\/promotions\/\d+$/);
    await admin.locator('[data-testid=promo-kind]').waitFor();
    assert.equal(await admin.inputValue('#promo-code'), code);
    assert.equal(await admin.inputValue('#promo-amount_off'), '5.00');
    await shot(admin, `admin-promo-edit-${vp.name}`);

    // A shopper types the code (any case): ¥5 comes off, under the coupon's name.
    const buyer = await newPage(browser, vp);
    const shop = buyer.page;
    await addToCart(shop, '/p/t-shirts-2');
    await open(shop, '/cart');
    await shop.locator('[data-testid=summary]').waitFor();
    await applyCoupon(shop, code.toLowerCase());
    await shop.locator('[data-testid=coupon-applied]').waitFor();
    const line = shop.locator('[data-testid=summary] [data-testid=discount][data-kind=coupon]');
    await line.waitFor();
    assert.match(await line.textContent(), new RegExp(name));
    assert.equal(minor(await line.locator('dd').textContent()), 500);
    await shot(shop, `admin-promo-cart-${vp.name}`);

    // Switched off in the list…
    await open(admin, '/admin/promotions');
    await row.locator('[data-testid=promo-toggle]').click();
    await admin.locator(`[data-testid=promo-row][data-code="${code}"][data-active="false"]`).waitFor();
    assert.equal(sql(`SELECT active FROM promotions WHERE code = '${code}'`), 'f');

    // …the code is unknown at checkout.
    await open(shop, '/cart');
    await shop.locator('[data-testid=summary]').waitFor();
    await applyCoupon(shop, code);
    await shop.getByText(cart('coupon_unknown')).waitFor();
    assert.equal(await shop.locator('[data-testid=discount][data-kind=coupon]').count(), 0);

    assert.deepEqual(admin.jsErrors, []);
    assert.deepEqual(shop.jsErrors, []);
    await staff.context.close();
    await buyer.context.close();
  });
}
