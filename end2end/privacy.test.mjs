// Privacy in a real browser, at phone and desktop size. A new shopper buys
// something, downloads their data as JSON and as CSV (their e-mail and their
// order are in both), grants and withdraws a consent, asks for their account
// to be deleted and sees the date, cancels, and asks again. Then the erasure
// runs as if the cooling-off period were over (the command with --now, not a
// sleep): they can no longer sign in, the back office's customer search and
// audit log no longer find their e-mail, name or phone, and their order is
// still there with its amount but without saying whose it was. The privacy
// policy is reached from the footer, reads in both languages, and fits a
// phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, shot, sql, axe, signIn, staffPage, buyAndPay,
  privacyDeletions,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const p = (key, vars) => text('zh-CN', 'privacy', key, vars);
const WAIT = { timeout: 20000 };

/** As the shop writes money: 12990 → "¥129.90", 129900 → "¥1,299.00". */
const money = (m) => `¥${Math.floor(m / 100).toLocaleString('en-US')}.${String(m % 100).padStart(2, '0')}`;

/** Clicks the link named `name` and reads the file the browser saves. */
async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent('download', WAIT),
    page.getByRole('link', { name }).click(),
  ]);
  return { name: file.suggestedFilename(), body: readFileSync(await file.path(), 'utf8') };
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: download, consent and deletion; afterwards only the order is left, nameless`, async () => {
    const { context, page, number } = await buyAndPay(browser, vp, vp.name === 'phone' ? '/p/tea-2' : '/p/coffee-5');
    const userId = sql(`SELECT user_id FROM orders WHERE number = '${number}'`);
    const email = sql(`SELECT email FROM users WHERE id = ${userId}`);
    const total = Number(sql(`SELECT total_minor FROM orders WHERE number = '${number}'`));
    const stamp = String(Date.now());
    const name = `隐私测试${stamp.slice(-6)}`;
    const phone = `139${stamp.slice(-8)}`;

    // A name and phone of their own, so that searching for them means something.
    await open(page, '/account');
    await page.fill('#profile-display_name', name);
    await page.fill('#profile-phone', phone);
    await page.click('#profile-title ~ form button[type=submit]');
    await page.getByText(text('zh-CN', 'accounts', 'profile_saved')).waitFor(WAIT);

    // From the account page to the privacy settings.
    await page.getByTestId('privacy-settings-link').click();
    await page.waitForURL('**/account/privacy', WAIT);
    await page.getByRole('heading', { name: p('settings_title'), level: 1 }).waitFor(WAIT);

    // Their data as JSON: account, the order with lines and amounts, empty tickets.
    const json = await download(page, p('download_json'));
    assert.match(json.name, /\.json$/);
    const data = JSON.parse(json.body);
    assert.equal(data.sections.account.email, email);
    assert.equal(data.sections.account.display_name, name);
    assert.equal(data.sections.account.phone, phone);
    const order = data.sections.orders.find((o) => o.number === number);
    assert.ok(order, `order ${number} is in the download`);
    assert.equal(order.total_minor, total);
    assert.equal(order.currency, 'CNY');
    assert.ok(order.lines.length >= 1);
    assert.equal(order.ship_to.recipient, '王芳');
    assert.deepEqual(data.sections.tickets, []);
    // …and as CSV, one value per row.
    const csv = await download(page, p('download_csv'));
    assert.match(csv.name, /\.csv$/);
    assert.ok(csv.body.includes(`account,,email,${email}`), csv.body.slice(0, 300));
    assert.ok(csv.body.includes(`orders,1,number,${number}`), 'the order number is in the CSV');
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'privacy/export' AND actor_id = ${userId}`), '2');

    // A consent, granted and withdrawn with one button each.
    const marketing = page.getByTestId('consent-marketing');
    assert.equal(await marketing.getAttribute('data-granted'), 'false');
    assert.equal((await marketing.getByTestId('consent-state').textContent()).trim(), p('state_not_given'));
    await page.getByRole('button', { name: p('grant_marketing') }).click();
    await page.locator('[data-testid=consent-marketing][data-granted=true]').waitFor(WAIT);
    await page.getByRole('button', { name: p('withdraw_marketing') }).click();
    await page.locator('[data-testid=consent-marketing][data-granted=false]').waitFor(WAIT);
    await page.getByRole('button', { name: p('grant_marketing') }).waitFor(WAIT);
    assert.equal(
      sql(`SELECT string_agg(granted::text, ',' ORDER BY id) FROM consents WHERE user_id = ${userId} AND purpose = 'marketing'`),
      'true,false',
    );

    // Deletion: asked with the password; the date is stated as text.
    const due = () => sql(`SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM account_deletions
                            WHERE user_id = ${userId} AND cancelled_at IS NULL AND completed_at IS NULL`);
    const banner = page.getByTestId('deletion-scheduled');
    await page.getByLabel(p('delete_password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: p('delete_submit') }).click();
    await banner.waitFor(WAIT);
    await banner.getByText(p('deletion_scheduled', { date: due() })).waitFor(WAIT);
    // Changed their mind: cancelled, the form is back.
    await page.getByRole('button', { name: p('cancel_deletion') }).click();
    await page.getByText(p('deletion_cancelled')).waitFor(WAIT);
    assert.equal(await banner.count(), 0);
    // …and asked again, for good.
    await page.getByLabel(p('delete_password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: p('delete_submit') }).click();
    await banner.waitFor(WAIT);
    const scheduled = p('deletion_scheduled', { date: due() });
    await banner.getByText(scheduled).waitFor(WAIT);
    await page.getByRole('button', { name: p('cancel_deletion') }).waitFor(WAIT);
    const violations = (await axe(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious');
    assert.deepEqual(violations, [], JSON.stringify(violations));
    await shot(page, `privacy-settings-${vp.name}`);
    // The account page says so too.
    await open(page, '/account');
    await page.getByTestId('account-deletion-notice').getByText(scheduled).waitFor(WAIT);
    assert.deepEqual(page.jsErrors, []);

    // The cooling-off period is over: a day after the due date, the job runs.
    const later = sql(`SELECT to_char((due_at + interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                         FROM account_deletions WHERE user_id = ${userId} AND cancelled_at IS NULL AND completed_at IS NULL`);
    privacyDeletions(later);
    assert.equal(sql(`SELECT email FROM users WHERE id = ${userId}`), `deleted-${userId}@deleted.invalid`);

    // Signed out everywhere, and the old e-mail and password open nothing.
    await open(page, '/account/privacy');
    await page.locator('#signin-email').waitFor(WAIT);
    await signIn(page, email, DEMO_PASSWORD);
    await page.getByText(text('zh-CN', 'errors', 'invalid_credentials')).waitFor(WAIT);
    await context.close();

    // The back office: no customer, no log entry by e-mail, name or phone…
    const staff = await staffPage(browser, vp, 'admin@agora.test', `/admin/customers?q=${encodeURIComponent(email)}`);
    await staff.page.getByTestId('no-customers').waitFor(WAIT);
    for (const q of [name, phone]) {
      await open(staff.page, `/admin/customers?q=${encodeURIComponent(q)}`);
      await staff.page.getByTestId('no-customers').waitFor(WAIT);
    }
    for (const q of [email, name, phone]) {
      await open(staff.page, `/admin/audit?q=${encodeURIComponent(q)}`);
      await staff.page.getByTestId('audit-empty').waitFor(WAIT);
    }
    await open(staff.page, `/admin/orders?q=${encodeURIComponent(email)}`);
    await staff.page.getByTestId('orders-empty').waitFor(WAIT);
    // …the account is marked deleted…
    await open(staff.page, `/admin/customers/${userId}`);
    await staff.page.getByTestId('customer-erased').waitFor(WAIT);
    assert.equal((await staff.page.getByTestId('customer-email').textContent()).trim(), `deleted-${userId}@deleted.invalid`);
    // …and the order is still there with its amount, but not whose it was.
    await open(staff.page, `/admin/orders/${number}`);
    await staff.page.getByTestId('admin-order-number').waitFor(WAIT);
    const shown = await staff.page.locator('#main').innerText();
    assert.ok(shown.includes(money(total)), `${money(total)} on the order page`);
    for (const gone of [email, name, phone, '王芳', '13800138000']) {
      assert.ok(!shown.includes(gone), `${gone} is still on the order page`);
    }
    assert.equal(sql(`SELECT total_minor FROM orders WHERE number = '${number}'`), String(total));
    await shot(staff.page, `privacy-erased-order-${vp.name}`);
    assert.deepEqual(staff.page.jsErrors, []);
    await staff.context.close();
  });

  test(`${vp.name}: the privacy policy is linked from the footer, in both languages, and fits the screen`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/');
    await page.getByTestId('footer-privacy').click();
    await page.waitForURL('**/privacy', WAIT);
    await page.getByRole('heading', { name: p('policy_title'), level: 1 }).waitFor(WAIT);
    for (const key of ['collect_title', 'why_title', 'share_title', 'keep_title', 'rights_title', 'contact_title']) {
      await page.getByRole('heading', { name: p(key), level: 2 }).waitFor(WAIT);
    }
    await page.getByRole('link', { name: p('rights_how_link') }).waitFor(WAIT);
    // The shop's own contact (AGORA_PRIVACY_CONTACT; the development default
    // here), put into the translated sentence.
    await page.getByTestId('privacy-contact').getByText('privacy@agora.example').waitFor(WAIT);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `the policy scrolls sideways by ${overflow}px`);
    const violations = (await axe(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious');
    assert.deepEqual(violations, [], JSON.stringify(violations));
    await shot(page, `privacy-policy-zh-${vp.name}`);

    await open(page, '/privacy?lang=en');
    await page.getByRole('heading', { name: text('en', 'privacy', 'policy_title'), level: 1 }).waitFor(WAIT);
    await page.getByRole('heading', { name: text('en', 'privacy', 'rights_title'), level: 2 }).waitFor(WAIT);
    assert.equal((await page.getByTestId('footer-privacy').textContent()).trim(), text('en', 'privacy', 'footer_link'));
    await shot(page, `privacy-policy-en-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
