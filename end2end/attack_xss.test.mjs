// Stored XSS, tried the way an attacker would, in a real browser at phone and
// desktop size: markup is written into every text a shopper or a staff member
// can write (a shopper's name, address and review through the shop's own
// forms; staff texts through the back office's forms), and every page that
// shows those texts is opened. On each page: nothing ran (window.__xss stays
// unset, no dialog), nothing was injected (no element carries an inline
// event handler), the markup is shown literally as text, the page hydrated,
// and the Content Security Policy holds: scripts need this response's nonce
// ('unsafe-inline' is gone), every script the app wrote carries it, and the
// browser reports no violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, signIn, sql, orderCommand, uniqueEmail, shot,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => {
  try {
    // The categories made here hang under Lighting, in every shop menu: move
    // their products back and remove them, so later tests see the demo shop.
    sql(`UPDATE products SET listed = false, category_id = (SELECT id FROM categories WHERE slug = 'lighting')
          WHERE category_id IN (SELECT id FROM categories WHERE slug LIKE 'xss-%')`);
    sql("DELETE FROM categories WHERE slug LIKE 'xss-%'");
  } finally {
    await browser?.close();
  }
});

/** Each fits the shortest field it goes into (option names: 30). */
const PAY = {
  img: '<img src=x onerror=window.__xss=1>',
  script: '<script>window.__xss=1</script>',
  svg: '"><svg onload=window.__xss=1>',
  alert: "'><img src=x onerror=alert(1)>",
};
const ALL = Object.values(PAY).join(' ');
const WAIT = { timeout: 15000 };
const people = (key, vars) => text('zh-CN', 'admin_people', key, vars);
const admin = (key, vars) => text('zh-CN', 'admin', key, vars);

/** What each viewport's run wrote, for the pages opened afterwards. */
const made = {};

/** Letters only, unique per run: searchable as one word, valid in slugs. */
function stamp() {
  return Date.now().toString(36).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]);
}

/** Runs in the page: true when every text is on it as text (not inside a
 *  script) or as a form field's value. */
function showsAll(texts) {
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement?.closest('script, style, template, noscript')) parts.push(node.nodeValue);
  }
  for (const field of document.querySelectorAll('input, textarea')) parts.push(field.value);
  const all = parts.join('');
  return texts.every((t) => all.includes(t));
}

/** Runs in the page: what an injected payload would leave behind, and any
 *  script without this response's nonce. JSON-LD is data, never run; an
 *  empty script (leptos_i18n's placeholder) never runs either. */
function leftovers(nonce) {
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    if ([...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))) {
      handlers.push(el.outerHTML.slice(0, 160));
    }
  }
  const unnonced = [...document.scripts]
    .filter((s) => s.type !== 'application/ld+json' && (s.src || s.textContent.trim()) && s.nonce !== nonce)
    .map((s) => s.outerHTML.slice(0, 160));
  return { xss: window.__xss ?? null, handlers, unnonced };
}

/** A page that records dialogs, CSP violations and the policy of the last
 *  document it loaded. */
async function watchedPage(vp) {
  const { context, page } = await newPage(browser, vp);
  page.dialogs = [];
  page.violations = [];
  page.csp = '';
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|CSP violation/i.test(m.text())) page.violations.push(m.text());
  });
  page.on('dialog', async (d) => {
    page.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) {
      page.csp = r.headers()['content-security-policy'] ?? '';
    }
  });
  return { context, page };
}

async function signedIn(vp, email) {
  const w = await watchedPage(vp);
  await signIn(w.page, email, DEMO_PASSWORD);
  await w.page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), WAIT);
  return w;
}

/** The page as it is now: `expected` shown as text, nothing run or injected,
 *  hydrated, and the CSP strict and obeyed. */
async function assertSafe(page, where, expected = []) {
  await page.waitForSelector('html[data-hydrated]', { timeout: 20000 });
  try {
    await page.waitForFunction(showsAll, expected, WAIT);
  } catch {
    const missing = [];
    for (const t of expected) if (!(await page.evaluate(showsAll, [t]))) missing.push(t);
    assert.fail(`${where}: not shown as text: ${JSON.stringify(missing)}`);
  }
  const scriptSrc = page.csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
  assert.doesNotMatch(scriptSrc, /'unsafe-inline'/, `${where}: ${scriptSrc}`);
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  assert.ok(nonce, `${where}: no nonce in the CSP "${page.csp}"`);
  const found = await page.evaluate(leftovers, nonce);
  assert.equal(found.xss, null, `${where}: a payload ran`);
  assert.deepEqual(found.handlers, [], `${where}: markup was injected`);
  assert.deepEqual(found.unnonced, [], `${where}: scripts without the nonce`);
  assert.deepEqual(page.dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(page.violations, [], `${where}: CSP violations`);
  assert.deepEqual(page.jsErrors, [], `${where}: script errors`);
}

async function visit(page, path, expected = []) {
  const res = await open(page, path);
  assert.ok(res.status() < 400, `${path}: status ${res.status()}`);
  await assertSafe(page, path, expected);
}

/** A super admin writes markup into a category, a product (name,
 *  description, tags, option and value), a coupon and a staff member. */
async function staffWrites(vp, page) {
  const s = stamp();
  const m = {
    marker: `xss${vp.name}${s}`,
    catSlug: `xss-${vp.name}-${s}`,
    slug: `xss-product-${vp.name}-${s}`,
    code: `XSS${vp.name.toUpperCase()}${s.toUpperCase()}`,
    staffEmail: uniqueEmail(`xss-staff-${vp.name}`),
  };
  m.nameZh = `${PAY.svg} ${m.marker}`;
  m.nameEn = `${PAY.img} ${m.marker}`;
  m.promoZh = `${PAY.script} ${m.marker}`;
  made[vp.name] = m;

  await visit(page, '/admin/categories');
  await page.fill('#cat-0-zh', PAY.img);
  await page.fill('#cat-0-en', PAY.svg);
  await page.fill('#cat-0-slug', m.catSlug);
  await page.selectOption('#cat-0-parent', sql("SELECT id FROM categories WHERE slug = 'lighting'"));
  await page.locator('form.cat-form', { has: page.locator('#cat-0-zh') }).locator('button[type=submit]').click();
  await page.locator(`[data-testid=cat-${m.catSlug}]`).waitFor(WAIT);
  await assertSafe(page, 'category saved', [PAY.img, PAY.svg]);
  m.catId = sql(`SELECT id FROM categories WHERE slug = '${m.catSlug}'`);

  await visit(page, '/admin/products/new');
  await page.locator('[data-testid=product-form]').waitFor(WAIT);
  await page.fill('#p-name-zh', m.nameZh);
  await page.fill('#p-name-en', m.nameEn);
  await page.fill('#p-desc-zh', ALL);
  await page.fill('#p-desc-en', ALL);
  await page.fill('#p-slug', m.slug);
  await page.selectOption('#p-category', m.catId);
  await page.fill('#p-tags', `${PAY.svg}, ${m.marker}`);
  await page.check('#p-listed');
  await page.click('[data-testid=add-option]');
  await page.fill('#opt-0-zh', PAY.alert);
  await page.fill('#opt-0-en', 'Style');
  await page.fill('#v-0-sku', `${m.slug}-a`);
  await page.fill('#v-0-price', '99');
  await page.fill('#v-0-stock', '50');
  await page.fill('#v-0-val-0-zh', PAY.svg);
  await page.fill('#v-0-val-0-en', 'A');
  await page.click('[data-testid=save-product]');
  await page.waitForURL(/\/admin\/products\/\d+\?saved=1/, WAIT);
  m.productId = page.url().match(/products\/(\d+)/)[1];
  assert.equal(sql(`SELECT listed FROM products WHERE id = ${m.productId}`), 't');
  await assertSafe(page, 'product saved', [m.nameZh, m.nameEn, ALL, PAY.alert]);

  await visit(page, '/admin/promotions/new');
  await page.locator('[data-testid=promo-form]').waitFor(WAIT);
  await page.check('[data-testid=kind-coupon]');
  await page.fill('#promo-code', m.code);
  await page.fill('#promo-name_zh', m.promoZh);
  await page.fill('#promo-name_en', PAY.img);
  await page.check('[data-testid=benefit-amount]');
  await page.fill('#promo-amount_off', '1');
  await page.click('[data-testid=promo-save]');
  await page.waitForURL('**/admin/promotions', WAIT);
  await page.locator(`[data-testid=promo-row][data-code="${m.code}"]`).waitFor(WAIT);
  await assertSafe(page, 'promotion saved', [m.promoZh]);
  m.promoId = sql(`SELECT id FROM promotions WHERE code = '${m.code}'`);

  await visit(page, '/admin/staff');
  await page.locator('#staff-email').waitFor(WAIT);
  await page.fill('#staff-email', m.staffEmail);
  await page.fill('#staff-display_name', PAY.alert);
  await page.fill('#staff-password', DEMO_PASSWORD);
  await page.selectOption('#staff-role', 'catalog_editor');
  await page.getByRole('button', { name: admin('staff_create') }).click();
  await page.locator(`[data-testid="staff-${m.staffEmail}"]`).waitFor(WAIT);
  await assertSafe(page, 'staff member created', [PAY.alert]);
  return m;
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: markup staff write into catalog, coupon and staff texts is shown as text in the back office`, async () => {
    const { context, page } = await signedIn(vp, 'admin@agora.test');
    const m = await staffWrites(vp, page);
    await visit(page, '/admin/categories', [PAY.img, PAY.svg]);
    await visit(page, `/admin/products?q=${m.slug}`, [m.nameZh]);
    await visit(page, `/admin/products/${m.productId}`, [m.nameZh, m.nameEn, ALL, PAY.alert, PAY.svg]);
    await visit(page, '/admin/promotions', [m.promoZh]);
    await visit(page, `/admin/promotions/${m.promoId}`, [m.promoZh, PAY.img]);
    await visit(page, '/admin/staff', [PAY.alert]);
    await visit(page, `/admin/audit?q=${m.marker}`, [m.nameZh]);
    await shot(page, `xss-admin-audit-${vp.name}`);
    await context.close();
  });

  test(`${vp.name}: a shopper's name, address and review and staff's order texts carry markup through a purchase`, async () => {
    const m = made[vp.name];
    assert.ok(m, 'the back-office test ran first');
    m.email = uniqueEmail(`xss-${vp.name}`);
    m.line1 = `${PAY.script} ${m.marker}`;
    m.review = `${ALL} ${m.marker}`;
    m.track = `${PAY.script} ${m.marker}`;
    m.reply = `${PAY.img} ${PAY.svg}`;
    const shopper = await watchedPage(vp);
    const page = shopper.page;

    // Through the shop's own forms: the name at registration, an address.
    await visit(page, '/register');
    await page.fill('#reg-email', m.email);
    await page.fill('#reg-display_name', PAY.img);
    await page.fill('#reg-password', DEMO_PASSWORD);
    await page.click('main form button[type=submit]');
    await page.waitForURL('**/account', WAIT);
    await assertSafe(page, 'registered', [PAY.img]);
    await page.click('.add-address > summary');
    await page.fill('.add-address [name="address[recipient]"]', PAY.svg);
    await page.fill('.add-address [name="address[phone]"]', '13800138000');
    await page.fill('.add-address [name="address[region]"]', PAY.alert);
    await page.fill('.add-address [name="address[line1]"]', m.line1);
    await page.click('.add-address form button[type=submit]');
    await page.locator('.address-list .address').filter({ hasText: m.marker }).waitFor(WAIT);
    await assertSafe(page, 'address saved', [PAY.img, PAY.svg, PAY.alert, m.line1]);

    // The staff-written product, found and bought with the staff-written coupon.
    await visit(page, `/search?q=${m.marker}`, [m.nameZh]);
    await visit(page, `/c/${m.catSlug}`, [PAY.img, m.nameZh]);
    await visit(page, `/p/${m.slug}`, [m.nameZh, ALL, `#${PAY.svg}`, PAY.alert, PAY.img]);
    await page.click('.add-to-cart button[type=submit]');
    await page.locator('[data-testid=added]').getByRole('link').waitFor(WAIT);
    await visit(page, '/cart', [m.nameZh]);
    await page.fill('#coupon-code', m.code);
    await page.click('.coupon-form button[type=submit]');
    await page.locator('[data-testid=coupon-applied]').waitFor(WAIT);
    await assertSafe(page, 'coupon applied', [m.nameZh, m.promoZh]);
    await page.click('[data-testid=to-checkout]');
    await page.waitForURL('**/checkout', WAIT);
    await page.locator('[data-testid=place-order]').waitFor(WAIT);
    await assertSafe(page, 'checkout', [m.nameZh, PAY.svg, m.line1, m.promoZh]);
    await page.click('[data-testid=place-order]');
    await page.waitForURL('**/sandbox/pay/**', WAIT);
    await page.locator('[data-testid=sandbox-pay]').waitFor(WAIT);
    await assertSafe(page, 'sandbox payment page');
    await page.click('[data-testid=sandbox-pay]');
    await page.waitForURL('**/orders/**', WAIT);
    await page.locator('[data-testid=order-status][data-status=awaiting_shipment]').waitFor({ timeout: 20000 });
    m.number = (await page.textContent('[data-testid=order-number]')).trim();

    // Staff: a refund reason, carrier, tracking event, a note and a points reason.
    const staff = await signedIn(vp, 'admin@agora.test');
    const office = staff.page;
    await visit(office, `/admin/orders/${m.number}`, [PAY.img, PAY.svg, m.nameZh]);
    const refund = office.locator('[data-testid=refund-form]');
    await refund.locator('input[name=amount]').fill('1.00');
    await refund.locator('input[name=reason]').fill(PAY.alert);
    await refund.locator('button[type=submit]').click();
    await office.locator('[data-testid=admin-refunds] li', { hasText: PAY.alert }).waitFor(WAIT);
    const ship = office.locator('[data-testid=ship-form]');
    await ship.locator('input[name=carrier]').fill(PAY.svg);
    await ship.locator('input[name=tracking]').fill(`XSS${Date.now()}`);
    await ship.locator('button[type=submit]').click();
    await office.locator('[data-testid=order-status][data-status=shipped]').waitFor(WAIT);
    await office.locator('[data-testid=track-form] input[name=location]').fill(PAY.img);
    await office.locator('[data-testid=track-form] input[name=text]').fill(m.track);
    await office.locator('[data-testid=track-form] button[type=submit]').click();
    await office.locator('[data-testid=admin-tracking-events]', { hasText: m.marker }).waitFor(WAIT);
    await office.locator('[data-testid=note-form] textarea').fill(ALL);
    await office.locator('[data-testid=note-form] button[type=submit]').click();
    await office.locator('[data-testid=admin-notes] li', { hasText: PAY.alert }).waitFor(WAIT);
    await assertSafe(office, 'order handled', [PAY.alert, PAY.svg, PAY.img, m.track, ALL]);
    m.customerId = sql(`SELECT id FROM users WHERE email = '${m.email}'`);
    await visit(office, `/admin/customers/${m.customerId}`, [PAY.img]);
    await office.fill('[data-testid=points-delta]', '5');
    await office.fill('[data-testid=points-reason]', PAY.script);
    await office.click('[data-testid=points-submit]');
    await office.locator('[data-testid=ledger-row]', { hasText: PAY.script }).waitFor(WAIT);
    await assertSafe(office, 'points given', [PAY.img, PAY.script]);

    // Delivered: the shopper reviews the product through the order page.
    orderCommand(m.number, 'deliver');
    await visit(page, `/orders/${m.number}`, [m.nameZh, PAY.svg, m.track]);
    await page.locator('[data-testid=order-status][data-status=delivered]').waitFor(WAIT);
    await page.click('[data-testid=write-review]');
    await page.fill('textarea[name=body]', m.review);
    await page.click('[data-testid=submit-review]');
    await page.locator('[data-testid=review-thanks]').waitFor(WAIT);
    await assertSafe(page, 'review written', [m.nameZh]);

    // Customer service replies to it.
    m.reviewId = sql(`SELECT r.id FROM reviews r JOIN users u ON u.id = r.user_id WHERE u.email = '${m.email}'`);
    await visit(office, '/admin/reviews?filter=all', [m.review]);
    const card = office.locator(`[data-testid=admin-review][data-review-id="${m.reviewId}"]`);
    await card.locator('[data-testid=reply-text]').fill(m.reply);
    await card.locator('[data-testid=reply-save]').click();
    await card.getByText(people('reply_saved')).waitFor(WAIT);
    await assertSafe(office, 'reply saved', [m.review, m.reply, PAY.img, m.nameZh]);
    await staff.context.close();
    await shopper.context.close();
  });

  test(`${vp.name}: every page that shows those texts renders them as text, hydrated, under the CSP`, async () => {
    const m = made[vp.name];
    assert.ok(m?.number, 'the purchase test ran first');
    const shopper = await signedIn(vp, m.email);
    const page = shopper.page;
    // The shopper's own name is in the header of every page.
    await visit(page, '/account', [PAY.img, PAY.svg, PAY.alert, m.line1]);
    await visit(page, '/orders', [PAY.img, m.nameZh]);
    await visit(page, `/orders/${m.number}`, [m.nameZh, m.promoZh, PAY.svg, PAY.alert, m.line1, PAY.img, m.track]);
    await visit(page, `/p/${m.slug}`, [m.nameZh, ALL, PAY.alert, `#${PAY.svg}`, m.review, m.reply]);
    await visit(page, `/c/${m.catSlug}`, [PAY.img, m.nameZh]);
    await visit(page, `/search?q=${m.marker}`, [m.nameZh]);
    await shot(page, `xss-product-${vp.name}`);
    await shopper.context.close();

    const staff = await signedIn(vp, 'admin@agora.test');
    const office = staff.page;
    await visit(office, '/admin');
    await visit(office, `/admin/orders?q=${m.number}`, [PAY.img]);
    await visit(office, `/admin/orders/${m.number}`, [PAY.img, PAY.svg, PAY.alert, m.line1, m.nameZh, m.track, ALL]);
    await visit(office, `/admin/customers?q=${encodeURIComponent(m.email)}`, [PAY.img]);
    await visit(office, `/admin/customers/${m.customerId}`, [PAY.img, PAY.script]);
    await visit(office, '/admin/reviews?filter=all', [PAY.img, m.nameZh, m.review, m.reply]);
    await visit(office, `/admin/audit?q=${m.number}`, [ALL]);
    await visit(office, '/admin/audit');
    await shot(office, `xss-admin-order-${vp.name}`);
    await staff.context.close();
  });
}
