// Account e-mails in a real browser at phone and desktop size (issue 18).
// A new shopper confirms their address from the e-mail that reached the
// SMTP server the test script runs on loopback; later, on another device,
// they forget the password, reset it from the e-mailed link, and find the
// old password and their other session no longer work, and the link
// spent. The phone reads Chinese, the desktop English, mail included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, shot, signIn, uniqueEmail, mailTo, mailSubject } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A fresh browser context in `locale` (the switch's own link sets it). */
async function device(vp, locale) {
  const d = await newPage(browser, vp);
  if (locale === 'en') await d.page.goto(`${BASE}/lang/en?next=/`);
  return d;
}

for (const vp of VIEWPORTS) {
  const locale = vp.name === 'phone' ? 'zh-CN' : 'en';
  const t = (ns, key, vars) => text(locale, ns, key, vars);

  test(`${vp.name} (${locale}): the address is confirmed, then a forgotten password is reset from the e-mailed link`, async () => {
    const email = uniqueEmail(`reset-${vp.name}`);
    const newPassword = 'Nouveau-2027';
    // Registered in the shopper's language: the confirmation e-mail is in it.
    const res = await fetch(`${BASE}/api/register`, {
      method: 'POST',
      headers: { 'accept-language': locale },
      body: new URLSearchParams({ email, password: DEMO_PASSWORD, display_name: 'Mei' }),
      redirect: 'manual',
    });
    assert.ok(res.status < 400, `register: ${res.status}`);

    // The device they stay signed in on: the address is not confirmed
    // yet, and the e-mail can be sent again.
    const first = await device(vp, locale);
    const page = first.page;
    await signIn(page, email, DEMO_PASSWORD);
    await page.waitForURL('**/account');
    const main = page.getByRole('main');
    await main.getByText(t('accounts', 'email_unconfirmed'), { exact: true }).waitFor();
    await main.getByRole('button', { name: t('accounts', 'resend_confirm'), exact: true }).click();
    await main.getByRole('status').filter({ hasText: t('accounts', 'resend_done') }).waitFor();
    const { hit: confirmMail } = await mailTo(email, mailSubject(locale, 'confirm_email'), 2);
    assert.ok(confirmMail.text.includes(email), confirmMail.text);
    const confirmPath = confirmMail.text.match(/\/account\/confirm\?token=[0-9]+-[0-9a-f]+/)[0];
    await open(page, confirmPath);
    await page.getByRole('heading', { level: 1, name: t('accounts', 'confirm_title') }).waitFor();
    await main.getByText(t('accounts', 'confirm_intro', { email }), { exact: true }).waitFor();
    await shot(page, `confirm-email-${vp.name}`);
    await main.getByRole('button', { name: t('accounts', 'confirm_submit'), exact: true }).click();
    await main.getByRole('status').filter({ hasText: t('accounts', 'confirm_done') }).waitFor();
    await main.getByRole('link', { name: t('accounts', 'account_title'), exact: true }).click();
    await main.getByText(t('accounts', 'email_confirmed'), { exact: true }).waitFor();

    // Another device, signed out: "forgot your password?" from the sign-in form.
    const other = await device(vp, locale);
    const ap = other.page;
    const amain = ap.getByRole('main');
    await open(ap, '/sign-in');
    await amain.getByRole('link', { name: t('accounts', 'forgot_link'), exact: true }).click();
    await ap.getByRole('heading', { level: 1, name: t('accounts', 'forgot_title') }).waitFor();
    await amain.getByLabel(t('accounts', 'email'), { exact: true }).fill(email);
    await amain.getByRole('button', { name: t('accounts', 'forgot_submit'), exact: true }).click();
    await amain.getByRole('status').filter({ hasText: t('accounts', 'forgot_sent') }).waitFor();
    await shot(ap, `forgot-password-${vp.name}`);

    const { hit: resetMail } = await mailTo(email, mailSubject(locale, 'password_reset'));
    assert.ok(resetMail.text.includes(email), resetMail.text);
    const resetPath = resetMail.text.match(/\/password\/reset\?token=[0-9]+-[0-9a-f]+/)[0];
    await open(ap, resetPath);
    await ap.getByRole('heading', { level: 1, name: t('accounts', 'reset_title') }).waitFor();
    await amain.getByText(t('accounts', 'reset_intro', { email }), { exact: true }).waitFor();
    await amain.getByLabel(t('accounts', 'new_password'), { exact: true }).fill(newPassword);
    await amain.getByLabel(t('accounts', 'confirm_password'), { exact: true }).fill(newPassword);
    await shot(ap, `reset-password-${vp.name}`);
    await amain.getByRole('button', { name: t('accounts', 'reset_submit'), exact: true }).click();
    await amain.getByRole('status').filter({ hasText: t('accounts', 'reset_done') }).waitFor();

    // The first device was signed out by the reset.
    await open(page, '/account');
    await page.getByRole('heading', { level: 1, name: t('accounts', 'sign_in_title') }).waitFor();
    // The old password no longer opens the account; the new one does.
    await signIn(ap, email, DEMO_PASSWORD);
    await amain.getByRole('alert').filter({ hasText: t('errors', 'invalid_credentials') }).waitFor();
    await signIn(ap, email, newPassword);
    await ap.waitForURL('**/account');
    // The link worked once.
    await open(ap, resetPath);
    await amain.getByText(t('accounts', 'link_used'), { exact: true }).waitFor();
    await amain.getByRole('link', { name: t('accounts', 'new_link'), exact: true }).waitFor();
    await shot(ap, `reset-link-used-${vp.name}`);

    for (const p of [page, ap]) assert.equal(p.jsErrors.length, 0, p.jsErrors.join('\n'));
    await first.context.close();
    await other.context.close();
  });
}
