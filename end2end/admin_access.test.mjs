// Who may open the back office, as HTTP sees it, and the back office on a
// phone: a signed-out visitor gets 401 with the sign-in form on the very URL
// asked for (and lands on it after signing in); a shopper, or a staff member
// whose role lacks the section, gets 403 rather than a 200 "no access" page;
// the permission matrix says it scrolls sideways and can be scrolled from the
// keyboard; the dashboard's list of permissions is text, not button-like
// pills; and Chinese labels end in a full-width colon.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, shot, signIn, staffPage, buyAndPay, orderCommand,
} from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const admin = (key, vars) => text('zh-CN', 'admin', key, vars);
const accounts = (key) => text('zh-CN', 'accounts', key);
const WAIT = { timeout: 20000 };

/** A CJK character, then (maybe after spaces) an ASCII colon: "承运商:". */
const CJK_ASCII_COLON = /[\u3400-\u9fff]\s*:/;

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a signed-out visitor gets 401 and the sign-in form on any back-office URL, then lands on it`, async () => {
    const { context, page } = await newPage(browser, vp);
    for (const path of ['/admin', '/admin/staff', '/admin/orders']) {
      const res = await open(page, path);
      assert.equal(res.status(), 401, `${path} answers 401`);
      const main = page.locator('main');
      await main.getByRole('textbox', { name: accounts('email'), exact: true }).waitFor(WAIT);
      await main.getByLabel(accounts('password'), { exact: true }).waitFor(WAIT);
      // After signing in, back to the page asked for, not the dashboard.
      assert.equal(await main.locator('input[name=next]').getAttribute('value'), path);
      assert.equal(await page.locator('nav.admin-nav').count(), 0);
    }
    await shot(page, `admin-401-${vp.name}`);

    // Signing in right there (on /admin/orders) opens that section.
    const main = page.locator('main');
    await main.getByRole('textbox', { name: accounts('email'), exact: true }).fill('admin@agora.test');
    await main.getByLabel(accounts('password'), { exact: true }).fill(DEMO_PASSWORD);
    await main.getByRole('button', { name: accounts('sign_in_submit'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: admin('orders_title'), exact: true }).waitFor(WAIT);
    await page.locator('nav.admin-nav').waitFor(WAIT);
    assert.equal(new URL(page.url()).pathname, '/admin/orders');
    const again = await open(page, '/admin/orders');
    assert.equal(again.status(), 200);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: a shopper gets 403 on /admin and on its sections`, async () => {
    const { context, page } = await newPage(browser, vp);
    await signIn(page, 'shopper@agora.test', DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), WAIT);
    for (const path of ['/admin', '/admin/orders']) {
      const res = await open(page, path);
      assert.equal(res.status(), 403, `${path} answers 403 to a shopper`);
      await page.locator('[data-testid=forbidden]').waitFor(WAIT);
      assert.equal(await page.locator('main input[name=password]').count(), 0, 'no sign-in form for a signed-in shopper');
    }
    await context.close();
  });

  test(`${vp.name}: a staff member gets 403 on a section their role may not open, 200 on the others`, async () => {
    const cases = [
      { email: 'catalog@agora.test', refused: '/admin/orders', allowed: ['/admin', '/admin/products'] },
      { email: 'service@agora.test', refused: '/admin/staff', allowed: ['/admin', '/admin/orders'] },
    ];
    for (const { email, refused, allowed } of cases) {
      const { context, page } = await staffPage(browser, vp, email, '/admin');
      const res = await open(page, refused);
      assert.equal(res.status(), 403, `${email} on ${refused}`);
      await page.locator('[data-testid=forbidden]').waitFor(WAIT);
      // The frame is still there, so they can go where they may.
      await page.locator('nav.admin-nav').waitFor(WAIT);
      for (const path of allowed) {
        const ok = await open(page, path);
        assert.equal(ok.status(), 200, `${email} on ${path}`);
        assert.equal(await page.locator('[data-testid=forbidden]').count(), 0, `${email} on ${path}`);
      }
      assert.deepEqual(page.jsErrors, []);
      await context.close();
    }
  });

  test(`${vp.name}: the permission matrix is a focusable region that says when it scrolls sideways`, async () => {
    const { context, page } = await staffPage(browser, vp, 'admin@agora.test', '/admin/staff');
    const region = page.getByRole('region', { name: admin('matrix_region'), exact: true });
    await region.waitFor(WAIT);
    await page.locator('[data-testid=permission-matrix]').waitFor(WAIT);
    assert.equal(await region.getAttribute('tabindex'), '0');
    const hint = page.getByText(admin('matrix_scroll_hint'), { exact: true });
    const overflows = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    if (vp.name === 'phone') {
      assert.ok(overflows, 'the role columns do not fit a phone, so the box scrolls');
      await hint.waitFor({ state: 'visible', timeout: 10000 });
      await page.waitForSelector('[data-testid=matrix-scroll][aria-describedby=matrix-hint]', { timeout: 10000 });
      // The right edge is shaded while roles are hidden there.
      await page.locator('.scroll-frame.more-right').waitFor({ timeout: 10000 });
      await shot(page, `admin-matrix-${vp.name}`);

      // Keyboard users scroll it: focus the region, then the arrow keys.
      await region.focus();
      assert.ok(await region.evaluate((el) => el === document.activeElement), 'the region takes focus');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        () => document.querySelector('[data-testid=matrix-scroll]').scrollLeft > 0,
        null, { timeout: 5000 },
      );

      // At the far end the last role is in view and the shade goes.
      await region.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
      await page.locator('.scroll-frame.more-right').waitFor({ state: 'detached', timeout: 5000 });
      const lastHead = page.locator('[data-testid=permission-matrix] thead th').last();
      const [box, head] = [await region.boundingBox(), await lastHead.boundingBox()];
      assert.ok(head.x + head.width <= box.x + box.width + 1, 'the last column can be scrolled fully into view');
    } else if (overflows) {
      await hint.waitFor({ state: 'visible', timeout: 10000 });
    } else {
      assert.equal(await hint.isVisible(), false, 'no hint when every role fits');
      assert.equal(await page.locator('.scroll-frame.more-right').count(), 0);
    }
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: the dashboard lists the role's permissions as text, not as buttons`, async () => {
    const { context, page } = await staffPage(browser, vp, 'catalog@agora.test', '/admin');
    const list = page.getByTestId('my-permissions');
    await list.waitFor(WAIT);
    const name = admin('perm_product_edit');
    const item = list.getByText(name, { exact: true });
    await item.waitFor(WAIT);
    assert.equal(await item.evaluate((el) => el.tagName), 'LI');
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0);
    assert.equal(await page.getByRole('link', { name, exact: true }).count(), 0);
    assert.equal(await list.locator('a, button, input, [role=button], [tabindex]').count(), 0);
    const style = await item.evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderTopWidth, cursor: s.cursor };
    });
    assert.equal(style.border, '0px', 'no button-like outline');
    assert.notEqual(style.cursor, 'pointer');
    await shot(page, `admin-my-permissions-${vp.name}`);
    await context.close();
  });

  test(`${vp.name}: Chinese labels on the order pages end in a full-width colon`, async () => {
    const buyer = await buyAndPay(browser, vp, '/p/t-shirts-2');
    orderCommand(buyer.number, 'ship', '顺丰速运', `SF${Date.now()}`);

    await buyer.page.reload();
    await buyer.page.waitForSelector('html[data-hydrated]', WAIT);
    const tracking = buyer.page.locator('[data-testid=tracking]');
    await tracking.waitFor(WAIT);
    const shopperText = await tracking.innerText();
    assert.doesNotMatch(shopperText, CJK_ASCII_COLON, `shopper's order page: ${shopperText}`);
    await buyer.context.close();

    const ops = await staffPage(browser, vp, 'ops@agora.test', `/admin/orders/${buyer.number}`);
    await ops.page.locator('[data-testid=admin-tracking]').waitFor(WAIT);
    const adminText = await ops.page.locator('.admin-main').innerText();
    assert.doesNotMatch(adminText, CJK_ASCII_COLON, "back office's order page");
    await ops.context.close();
  });
}

test('a refused back-office URL answers 401 to a plain HTTP client, with the sign-in form', async () => {
  const res = await fetch(`${BASE}/admin/staff`, { redirect: 'manual' });
  assert.equal(res.status, 401);
  const html = await res.text();
  assert.match(html, /name="next" value="\/admin\/staff"/);
  assert.match(html, /id="signin-email"/);
});

/** Every string in a locale file, with its key path. */
function strings(value, path = '') {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

test('no Chinese text in locales/zh-CN is followed by an ASCII colon', () => {
  const dir = join(root, 'locales', 'zh-CN');
  const bad = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => strings(JSON.parse(readFileSync(join(dir, f), 'utf8'))).map(([k, v]) => [`${f}: ${k}`, v]))
    .filter(([, v]) => CJK_ASCII_COLON.test(v));
  assert.deepEqual(bad, []);
});

/** All .rs files under `dir`. */
function rustFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return rustFiles(p);
    return e.name.endsWith('.rs') ? [p] : [];
  });
}

test('no translated label in the views is followed by a hard-coded ASCII colon', () => {
  // `{t!(i18n, orders.carrier)}": "` renders "承运商: " in Chinese; the colon
  // has to come from the locale files, where each language has its own.
  const pattern = /t!\(\s*i18n\s*,\s*[\w.]+\s*\)\s*\}\s*"\s*:/;
  const bad = rustFiles(join(root, 'app', 'src')).flatMap((file) =>
    readFileSync(file, 'utf8').split('\n')
      .map((line, i) => [`${file.slice(root.length + 1)}:${i + 1}`, line.trim()])
      .filter(([, line]) => pattern.test(line)));
  assert.deepEqual(bad, []);
});
