// Accounts in a real browser, at phone and desktop size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, newPage, open, text, uniqueEmail, shot, signIn, DEMO_PASSWORD, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const vp of VIEWPORTS) {
  test(`${vp.name}: register, sign out, sign in, switch language, edit profile, add an address`, async () => {
    const { context, page } = await newPage(browser, vp);
    const email = uniqueEmail(vp.name);
    const password = 'e2e-pass-42';

    await open(page, '/register');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.fill('#reg-email', email);
    await page.fill('#reg-display_name', '测试顾客');
    await page.fill('#reg-password', password);
    await page.click('main form button[type=submit]');
    await page.waitForURL('**/account');
    await page.getByText(text('zh-CN', 'accounts', 'welcome', { name: '测试顾客' })).waitFor();
    await shot(page, `account-zh-${vp.name}`);

    // Sign out from the account menu.
    await page.click('.account-menu > summary');
    await page.getByRole('button', { name: text('zh-CN', 'common', 'sign_out') }).click();
    await page.waitForURL(BASE + '/');
    await page.locator('.sign-in-link').waitFor();

    await signIn(page, email, password);
    await page.waitForURL('**/account');
    await page.getByRole('heading', { name: text('zh-CN', 'accounts', 'account_title'), level: 1 }).waitFor();

    // Switch to English in place; the choice survives a reload (server-rendered).
    await page.click('.lang-switch');
    await page.getByRole('heading', { name: text('en', 'accounts', 'account_title'), level: 1 }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    await page.waitForSelector('html[data-hydrated]');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('heading', { name: text('en', 'accounts', 'account_title'), level: 1 }).waitFor();

    // Edit the profile: a bad phone is refused with a translated message, a good one saved.
    await page.fill('#profile-phone', 'not a phone');
    await page.click('#profile-title ~ form button[type=submit]');
    await page.getByText(text('en', 'errors', 'phone_invalid')).waitFor();
    await page.fill('#profile-display_name', 'E2E Shopper');
    await page.fill('#profile-phone', '+86 138 0013 8000');
    await page.click('#profile-title ~ form button[type=submit]');
    await page.getByText(text('en', 'accounts', 'profile_saved')).waitFor();
    await page.reload();
    await page.waitForSelector('html[data-hydrated]');
    assert.equal(await page.inputValue('#profile-display_name'), 'E2E Shopper');

    // Add an address.
    await page.click('.add-address > summary');
    await page.fill('[name="address[recipient]"]', '张三');
    await page.fill('[name="address[phone]"]', '13800138000');
    await page.fill('[name="address[region]"]', '浙江省 杭州市 西湖区');
    await page.fill('[name="address[line1]"]', '文三路 90 号');
    await page.click('.add-address form button[type=submit]');
    await page.locator('.address-list .address').filter({ hasText: '张三' }).waitFor();
    await page.locator('.address .tag').filter({ hasText: text('en', 'accounts', 'default_badge') }).waitFor();
    // The add form closes and clears itself once saved.
    await page.locator('.add-address:not([open])').waitFor({ state: 'attached' });
    assert.equal(await page.inputValue('.add-address [name="address[recipient]"]'), '');
    // Edit it: the list shows the new recipient.
    await page.click('.edit-address > summary');
    await page.locator('.edit-address [name="address[recipient]"]').fill('李四');
    await page.click('.edit-address form button[type=submit]');
    await page.locator('.address-list .address strong').filter({ hasText: '李四' }).waitFor();
    await page.locator('.edit-address:not([open])').waitFor({ state: 'attached' });
    await shot(page, `account-en-${vp.name}`);

    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: a wrong password shows the translated error`, async () => {
    const { context, page } = await newPage(browser, vp);
    await signIn(page, 'shopper@agora.test', 'wrong-password-1');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.textContent()).trim(), text('zh-CN', 'errors', 'invalid_credentials'));
    assert.match(page.url(), /\/sign-in$/);
    await shot(page, `sign-in-error-${vp.name}`);
    await context.close();
  });

  test(`${vp.name}: a shopper who opens /admin is refused`, async () => {
    const { context, page } = await newPage(browser, vp);
    await signIn(page, 'shopper@agora.test', DEMO_PASSWORD);
    await page.waitForURL('**/account');
    const res = await page.goto(BASE + '/admin');
    assert.equal(res.status(), 403);
    await page.getByRole('heading', { name: text('zh-CN', 'admin', 'forbidden_title') }).waitFor();
    assert.equal(await page.getByText(text('zh-CN', 'admin', 'stats_title')).count(), 0);
    await context.close();
  });

  test(`${vp.name}: a staff member opens /admin and sees only their role`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/admin');
    await page.fill('#signin-email', 'catalog@agora.test');
    await page.fill('#signin-password', DEMO_PASSWORD);
    await page.click('main form button[type=submit]');
    await page.getByRole('heading', { name: text('zh-CN', 'admin', 'stats_title') }).waitFor();
    await page.getByText(text('zh-CN', 'admin', 'role_catalog_editor')).waitFor();
    await page.getByText(text('zh-CN', 'admin', 'perm_product_edit')).waitFor();
    assert.equal(await page.getByText(text('zh-CN', 'admin', 'perm_order_refund')).count(), 0);
    await shot(page, `admin-${vp.name}`);
    await context.close();
  });
}
