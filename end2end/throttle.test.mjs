// Abuse limits and open redirects as a shopper meets them, at phone and
// desktop size:
// - open-redirect payloads in the language switch and the sign-in page's
//   `next` land on this site, never on another;
// - a network that registered too many accounts is told so, translated, on
//   the registration form;
// - a guest whose network placed too many guest orders is told so at
//   checkout, and nothing is ordered.
// The limits are per network: this file starts a second server on the same
// database with low limits, behind a "proxy" at 127.0.0.1, and each test
// speaks from its own documentation address through X-Forwarded-For (the
// main test server's limits are raised for the other tests).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  VIEWPORTS, BASE, DEMO_PASSWORD, launch, newPage, open, text, uniqueEmail, sql,
} from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));

let browser;
let limited;
before(async () => {
  browser = await launch();
  limited = await startLimitedServer();
});
after(async () => {
  await browser?.close();
  if (limited) {
    limited.child.kill('SIGTERM');
    const stopped = await Promise.race([
      limited.exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 15_000)),
    ]);
    if (!stopped) limited.child.kill('SIGKILL');
  }
});

/** Registrations and guest orders each network may make here (per hour). */
const REGISTER_PER_HOUR = 2;
const GUEST_ORDERS_PER_HOUR = 1;

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The shop's binary again, on the test database, with low limits. */
async function startLimitedServer() {
  const bin = process.env.AGORA_BIN;
  const db = process.env.E2E_DATABASE_URL;
  if (!bin || !db) throw new Error('AGORA_BIN and E2E_DATABASE_URL must be set (run through ./scripts/test)');
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: db,
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    RUST_LOG: 'warn',
    AGORA_TRUSTED_PROXIES: '127.0.0.1',
    AGORA_LIMIT_REGISTER_PER_HOUR: String(REGISTER_PER_HOUR),
    AGORA_LIMIT_GUEST_ORDERS_PER_HOUR: String(GUEST_ORDERS_PER_HOUR),
    AGORA_LIMIT_CHECKOUT_PER_MINUTE: '1000',
    AGORA_LIMIT_GUEST_UNITS: '100',
    AGORA_JOBS_INTERVAL_SECONDS: '0',
  };
  // The demo data is loaded already; development defaults (loopback URL).
  for (const name of ['AGORA_DEMO_DATA', 'AGORA_PUBLIC_URL', 'AGORA_ENV']) delete env[name];
  const child = spawn(bin, [], { cwd: join(here, '..'), env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log = (log + d).slice(-4000); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the limited server exited: ${log}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { child, base, exited };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error(`the limited server did not start within a minute: ${log}`);
}

/** A fresh documentation address (TEST-NET-3) per test: its own network. */
let lastOctet = Math.floor(Math.random() * 200);
const nextNetwork = () => `203.0.113.${(lastOctet++ % 250) + 1}`;

/** A page on the limited server, speaking from network `ip`. */
async function pageFrom(vp, ip) {
  const { context, page } = await newPage(browser, vp);
  await context.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
  return { context, page };
}

async function openAt(page, base, path) {
  await page.goto(base + path);
  await page.waitForSelector('html[data-hydrated]', { timeout: 20000 });
}

async function callFrom(base, ip, endpoint, init) {
  const res = await fetch(`${base}/api/${endpoint}`, {
    method: 'POST',
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
    ...init,
    headers: { 'X-Forwarded-For': ip, ...(init.headers ?? {}) },
  });
  const body = await res.text();
  return { status: res.status, body };
}

const ADDRESS = {
  recipient: '王芳', phone: '13800138000', region: '上海市静安区', line1: '南京西路 1266 号', postal_code: '',
};

for (const vp of VIEWPORTS) {
  test(`${vp.name}: open-redirect payloads stay on this site`, async () => {
    const { context, page } = await newPage(browser, vp);
    const home = new URL(BASE);
    // As the server receives them: tabs, backslashes, doubled slashes, and
    // escapes of them that a later hop could decode.
    const payloads = ['//evil.example', '/\\evil.example', '/\t/evil.example', '/%09/evil.example',
      '/%2f%2fevil.example', '/%5cevil.example', 'https://evil.example', 'javascript:alert(1)'];
    for (const payload of payloads) {
      await page.goto(`${BASE}/lang/en?next=${encodeURIComponent(payload)}`);
      const url = new URL(page.url());
      assert.equal(url.origin, home.origin, payload);
      assert.equal(url.pathname, '/account', payload);
    }
    // The sign-in page carries `next` in its form; signing in goes to the
    // account page instead of the payload.
    await open(page, `/sign-in?next=${encodeURIComponent('/%2f%2fevil.example')}`);
    await page.fill('#signin-email', 'shopper@agora.test');
    await page.fill('#signin-password', DEMO_PASSWORD);
    await page.click('main form button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/account', { timeout: 20000 });
    assert.equal(new URL(page.url()).origin, home.origin);
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: the registration form says when a network registered too many accounts`, async () => {
    const ip = nextNetwork();
    for (let i = 0; i < REGISTER_PER_HOUR; i++) {
      const { status, body } = await callFrom(limited.base, ip, 'register', {
        body: new URLSearchParams({ email: uniqueEmail(`burst-${vp.name}`), password: DEMO_PASSWORD, display_name: '限流' }),
      });
      assert.ok(status < 400, `registration ${i + 1}: ${status} ${body}`);
    }
    const { context, page } = await pageFrom(vp, ip);
    await openAt(page, limited.base, '/register');
    const email = uniqueEmail(`limited-${vp.name}`);
    await page.getByLabel(text('zh-CN', 'accounts', 'email'), { exact: true }).fill(email);
    await page.getByLabel(text('zh-CN', 'accounts', 'display_name'), { exact: true }).fill('限流测试');
    await page.fill('#reg-password', DEMO_PASSWORD);
    await page.getByRole('button', { name: text('zh-CN', 'accounts', 'register_submit'), exact: true }).click();
    await page.getByRole('alert').filter({ hasText: text('zh-CN', 'errors', 'too_many_registrations') })
      .waitFor({ timeout: 20000 });
    assert.equal(new URL(page.url()).pathname, '/register');
    assert.equal(sql(`SELECT count(*) FROM users WHERE email = '${email}'`), '0');
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });

  test(`${vp.name}: a guest over the network's hourly order limit is told so at checkout`, async () => {
    const ip = nextNetwork();
    const slug = 't-shirts-2';
    sql(`UPDATE product_variants SET stock = stock + 10 WHERE product_id = (SELECT id FROM products WHERE slug = '${slug}')`);
    const variant = Number(sql(`SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
                                 WHERE p.slug = '${slug}' ORDER BY v.id LIMIT 1`));
    // The network's one guest order this hour, placed over HTTP.
    const json = { 'Content-Type': 'application/json' };
    const lines = [{ variant_id: variant, qty: 1 }];
    const quote = await callFrom(limited.base, ip, 'cart', {
      headers: json,
      body: JSON.stringify({ lang: 'zh-CN', guest_lines: lines, coupon: null, shipping: 'standard' }),
    });
    assert.equal(quote.status, 200, quote.body);
    const first = await callFrom(limited.base, ip, 'place_order', {
      headers: json,
      body: JSON.stringify({ order: {
        key: `e2e-limit-${Date.now()}-${vp.name}`, lang: 'zh-CN', lines, email: uniqueEmail('first-guest'),
        address: ADDRESS, shipping: 'standard', payment: 'cod',
        expected_total_minor: JSON.parse(quote.body).total_minor,
      } }),
    });
    assert.equal(first.status, 200, first.body);

    // Another guest order from the same network, in the browser.
    const { context, page } = await pageFrom(vp, ip);
    await openAt(page, limited.base, `/p/${slug}`);
    await page.click('.add-to-cart button[type=submit]');
    await page.locator('[data-testid=added]').getByRole('link').waitFor({ timeout: 20000 });
    await openAt(page, limited.base, '/checkout');
    await page.locator('[data-testid=place-order]').waitFor({ timeout: 20000 });
    const email = uniqueEmail(`second-guest-${vp.name}`);
    await page.fill('#co-email', email);
    await page.fill('#co-address\\[recipient\\]', ADDRESS.recipient);
    await page.fill('#co-address\\[phone\\]', ADDRESS.phone);
    await page.fill('#co-address\\[region\\]', ADDRESS.region);
    await page.fill('#co-address\\[line1\\]', ADDRESS.line1);
    await page.check('input[name=payment][value=cod]');
    await page.click('[data-testid=place-order]');
    await page.locator('[data-testid=checkout-error]')
      .filter({ hasText: text('zh-CN', 'errors', 'too_many_guest_orders') })
      .waitFor({ timeout: 20000 });
    assert.equal(new URL(page.url()).pathname, '/checkout');
    assert.equal(sql(`SELECT count(*) FROM orders WHERE guest_email = '${email}'`), '0');
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
