// Sessions end when an account changes hands (issue 14), in a real browser
// at phone and desktop size: a super admin makes a freshly registered
// shopper staff on /admin/staff and sees the account's new password once;
// the shopper's open browser session is signed out at once, the old
// password no longer opens the account, and the new one opens the back
// office. The password is gone once the admin closes it or reloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, shot, sql, signIn, uniqueEmail,
  registerAccount, staffPage,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const admin = (key, vars) => text('zh-CN', 'admin', key, vars);
const T = 20000;

for (const vp of VIEWPORTS) {
  test(`${vp.name}: promoting a shopper shows a one-time password and signs the shopper out`, async () => {
    const email = uniqueEmail(`promote-${vp.name}`);
    await registerAccount(email, '新同事');
    const shopper = await newPage(browser, vp);
    await signIn(shopper.page, email, DEMO_PASSWORD);
    await shopper.page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: T });
    await open(shopper.page, '/account');
    await shopper.page.locator('.sign-in-link').waitFor({ state: 'detached', timeout: T });

    const { context, page } = await staffPage(browser, vp, 'admin@agora.test', '/admin/staff');
    const form = page.getByRole('form', { name: admin('staff_promote_title') });
    await form.waitFor({ timeout: T });
    await form.getByLabel(admin('email'), { exact: true }).fill(email);
    await form.getByLabel(admin('role'), { exact: true }).selectOption('customer_service');
    await form.getByRole('button', { name: admin('staff_promote') }).click();

    // Shown once, in words and in a read-only field to copy from.
    const box = page.locator('[data-testid=promoted]');
    await box.waitFor({ timeout: T });
    const said = admin('staff_promoted', { email, role: admin('role_customer_service') });
    assert.ok((await box.textContent()).includes(said), `"${said}" is shown`);
    const field = page.getByLabel(admin('staff_promoted_password'), { exact: true });
    const password = await field.inputValue();
    assert.match(password, /^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    assert.notEqual(password, DEMO_PASSWORD);
    assert.equal(await field.evaluate((el) => el.readOnly), true);
    await page.locator(`[data-testid="staff-${email}"]`).waitFor({ timeout: T });
    await shot(page, `promote-${vp.name}`);

    assert.equal(sql(`SELECT role FROM users WHERE email = '${email}'`), 'customer_service');
    assert.equal(sql(`SELECT count(*) FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = '${email}'`), '0');
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'admin/staff/promote' AND label = '${email}'`), '1');
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE after::text LIKE '%${password}%'`), '0');

    // Closing the box forgets the password; a reload cannot bring it back.
    await box.getByRole('button', { name: admin('staff_promoted_done') }).click();
    await box.waitFor({ state: 'detached', timeout: T });
    await open(page, '/admin/staff');
    await page.locator(`[data-testid="staff-${email}"]`).waitFor({ timeout: T });
    assert.equal(await page.locator('[data-testid=promoted]').count(), 0);
    assert.deepEqual(page.jsErrors, []);
    await context.close();

    // The shopper's session has ended; the old password is refused.
    await open(shopper.page, '/account');
    await shopper.page.locator('.sign-in-link').waitFor({ timeout: T });
    await signIn(shopper.page, email, DEMO_PASSWORD);
    await shopper.page.getByRole('alert').waitFor({ timeout: T });
    assert.match(shopper.page.url(), /\/sign-in/);
    // The new password opens the account, now staff.
    await signIn(shopper.page, email, password);
    await shopper.page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: T });
    await open(shopper.page, '/admin');
    await shopper.page.locator('nav.admin-nav').waitFor({ timeout: T });
    assert.deepEqual(shopper.page.jsErrors, []);
    await shopper.context.close();
  });
}
