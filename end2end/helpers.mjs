// Shared helpers for the browser tests: Debian's Chromium through
// playwright-core, both screen sizes, and texts read from locales/ so the
// tests never hard-code a translation.
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
export const DEMO_PASSWORD = 'Agora-2026';
export const VIEWPORTS = [
  { name: 'phone', viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1366, height: 768 } },
];

/** `text('zh-CN', 'errors', 'invalid_credentials')`, from locales/. */
export function text(locale, ns, key, vars = {}) {
  const all = JSON.parse(readFileSync(join(here, '..', 'locales', locale, `${ns}.json`), 'utf8'));
  let value = all[key];
  if (value === undefined) throw new Error(`no ${locale}/${ns}.${key}`);
  for (const [k, v] of Object.entries(vars)) value = value.replaceAll(`{{ ${k} }}`, String(v));
  return value;
}

const LAUNCH = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export async function launch() {
  return chromium.launch(LAUNCH);
}

/** A browser with a real profile on disk: Chromium reports PWA installability
 *  only outside incognito, which is what plain contexts are. */
export async function launchPersistent(vp) {
  const dir = mkdtempSync(join(tmpdir(), 'agora-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    ...LAUNCH,
    viewport: vp.viewport,
    isMobile: vp.isMobile ?? false,
    hasTouch: vp.hasTouch ?? false,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.jsErrors = errors;
  return { context, page, dir };
}

export async function newPage(browser, vp) {
  const context = await browser.newContext({
    viewport: vp.viewport,
    isMobile: vp.isMobile ?? false,
    hasTouch: vp.hasTouch ?? false,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.jsErrors = errors;
  return { context, page };
}

/** Navigates and waits until the WASM has hydrated the page. */
export async function open(page, path) {
  const response = await page.goto(BASE + path);
  await page.waitForSelector('html[data-hydrated]', { timeout: 20000 });
  return response;
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

export function uniqueEmail(tag) {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
}

export async function shot(page, name) {
  const dir = join(here, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Runs axe-core on the page; returns the violations, summarised. */
export async function axe(page) {
  // Evaluated rather than added as a <script> tag: the shop's CSP runs no
  // inline script without the page's nonce (docs/security.md).
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return violations;
}

export async function signIn(page, email, password) {
  await open(page, '/sign-in');
  await page.fill('#signin-email', email);
  await page.fill('#signin-password', password);
  await page.click('main form button[type=submit]');
}

/** One value from the test database (the same one the server uses). */
export function sql(query) {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set (run through ./scripts/test)');
  return run('psql', [url, '-Atqc', query], { encoding: 'utf8' }, `sql: ${query.slice(0, 80)}`).trim();
}

/** `agora-server order NUMBER …` against the test database. */
export function orderCommand(...args) {
  const bin = process.env.AGORA_BIN;
  if (!bin) throw new Error('AGORA_BIN is not set (run through ./scripts/test)');
  run(bin, ['order', ...args], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, RUST_LOG: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  }, `agora-server order ${args.join(' ')}`);
}

/** Every command a test runs gets a time limit: a hang fails the step, by
 *  name, within a minute instead of using up CI's whole run. */
const COMMAND_TIMEOUT_MS = 60_000;
function run(file, args, options, step) {
  try {
    return execFileSync(file, args, { timeout: COMMAND_TIMEOUT_MS, killSignal: 'SIGKILL', ...options });
  } catch (e) {
    if (e.code === 'ETIMEDOUT' || e.signal === 'SIGKILL') {
      throw new Error(`${step}: still running after ${COMMAND_TIMEOUT_MS / 1000} s, killed`);
    }
    throw e;
  }
}

/** Creates a shopper account over HTTP (the register server function). */
export async function registerAccount(email, name = '测试买家') {
  const res = await fetch(`${BASE}/api/register`, {
    method: 'POST',
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, display_name: name }),
    redirect: 'manual',
  });
  if (res.status >= 400) throw new Error(`register ${email}: ${res.status}`);
}

/** "¥1,299.00" → 129900 (minor units). */
export function minor(s) {
  return Math.round(Number(String(s).replace(/[^0-9.]/g, '')) * 100);
}

/** A staff member's page, signed in and on `path`. */
export async function staffPage(browser, vp, email, path) {
  const { context, page } = await newPage(browser, vp);
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await open(page, path);
  return { context, page };
}

/** A new shopper (at `email`, a fresh address by default) buys `units`
 *  units (one by default) of `product` and pays in the sandbox. */
export async function buyAndPay(browser, vp, product, units = 1, email = uniqueEmail(`ship-${vp.name}`)) {
  await registerAccount(email);
  const { context, page } = await newPage(browser, vp);
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  for (let i = 0; i < units; i++) {
    await open(page, product);
    await page.click('.add-to-cart button[type=submit]');
    await page.locator('[data-testid=added]').getByRole('link').waitFor();
  }
  await open(page, '/checkout');
  await page.locator('[data-testid=place-order]').waitFor();
  await page.fill('#co-address\\[recipient\\]', '王芳');
  await page.fill('#co-address\\[phone\\]', '13800138000');
  await page.fill('#co-address\\[region\\]', '上海市静安区');
  await page.fill('#co-address\\[line1\\]', '南京西路 1266 号');
  await page.click('[data-testid=place-order]');
  await page.waitForURL('**/sandbox/pay/**');
  await page.click('[data-testid=sandbox-pay]');
  await page.waitForURL('**/orders/**');
  await page.locator('[data-testid=order-status][data-status=awaiting_shipment]').waitFor({ timeout: 20000 });
  const number = (await page.textContent('[data-testid=order-number]')).trim();
  return { context, page, number, email };
}

/** `agora-server privacy-deletions --now NOW` against the test database:
 *  runs the account-erasure job as if it were NOW (RFC 3339), so a test
 *  moves past the cooling-off period instead of waiting for it. */
export function privacyDeletions(now) {
  jobAt('privacy-deletions', now);
}

/** `agora-server points-jobs --now NOW`: the loyalty points jobs as if it
 *  were NOW, so pending points become available once the return window
 *  has closed without waiting for it. */
export function pointsJobs(now) {
  jobAt('points-jobs', now);
}

/** `agora-server recommendations`: the recommendations job, once. */
export function recommendations() {
  const bin = process.env.AGORA_BIN;
  if (!bin) throw new Error('AGORA_BIN is not set (run through ./scripts/test)');
  run(bin, ['recommendations'], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, RUST_LOG: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  }, 'agora-server recommendations');
}

/** Runs the shop's job `name` once against the test database at `now`. */
function jobAt(name, now) {
  const bin = process.env.AGORA_BIN;
  if (!bin) throw new Error('AGORA_BIN is not set (run through ./scripts/test)');
  run(bin, [name, '--now', now], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, RUST_LOG: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  }, `agora-server ${name} --now ${now}`);
}

/** The shop's binary again, on the test database, with `settings` (env
 *  variables) added to the development defaults: for a test that needs a
 *  setting the main test server does not have. Resolves to `{ base, stop }`
 *  once it answers; `stop()` ends it. */
export async function startServer(settings) {
  const bin = process.env.AGORA_BIN;
  const db = process.env.E2E_DATABASE_URL;
  if (!bin || !db) throw new Error('AGORA_BIN and E2E_DATABASE_URL must be set (run through ./scripts/test)');
  const port = await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address();
      srv.close(() => resolve(p));
    });
  });
  const env = {
    ...process.env,
    DATABASE_URL: db,
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    RUST_LOG: 'warn',
    AGORA_JOBS_INTERVAL_SECONDS: '0',
    ...settings,
  };
  // The demo data is loaded already; development defaults (loopback URL).
  for (const name of ['AGORA_DEMO_DATA', 'AGORA_PUBLIC_URL', 'AGORA_ENV']) delete env[name];
  const child = spawn(bin, [], { cwd: join(here, '..'), env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log = (log + d).slice(-4000); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
    if (!stopped) child.kill('SIGKILL');
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the extra server exited: ${log}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { base, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error(`the extra server did not start within a minute: ${log}`);
}

const MAIL_DIR = process.env.E2E_MAIL_DIR;

/** Subject and text part of a message the sink kept (lettre writes the
 *  body parts in base64 and a non-ASCII subject as RFC 2047 words). */
function decodeMail(raw) {
  const unfolded = raw.replace(/\r\n[ \t]/g, ' ');
  const subjectLine = (unfolded.match(/^Subject: (.*)$/m) ?? [])[1] ?? '';
  // The space between two encoded words is not part of the text.
  const subject = subjectLine
    .replace(/(\?=)\s+(?==\?utf-8\?b\?)/gi, '$1')
    .replace(/=\?utf-8\?b\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'))
    .trim();
  const textPart = raw.split('Content-Type: text/plain')[1] ?? '';
  const body = (textPart.split('\r\n\r\n')[1] ?? '').split('\r\n--')[0].replace(/\s/g, '');
  return { subject, text: Buffer.from(body, 'base64').toString('utf8').replace(/\r\n/g, '\n') };
}

/** The messages the sink has for `to`, oldest first, waiting (half a
 *  minute at most) until `count` of them have `want` in their subject: the
 *  outbox sends within its interval. `hit` is the newest of those. */
export async function mailTo(to, want, count = 1) {
  if (!MAIL_DIR) throw new Error('E2E_MAIL_DIR is not set (run through ./scripts/test)');
  for (let i = 0; i < 60; i++) {
    const found = readdirSync(MAIL_DIR)
      .filter((f) => f.endsWith('.eml'))
      // `<ms>-<n>.eml`: in the order they arrived.
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b, 'en', { numeric: true }))
      .map((f) => readFileSync(join(MAIL_DIR, f), 'utf8'))
      .filter((raw) => raw.includes(`X-Sink-To: ${to}\r\n`))
      .map(decodeMail);
    const hits = found.filter((m) => m.subject.includes(want));
    if (hits.length >= count) return { hit: hits[hits.length - 1], all: found };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no mail to ${to} about "${want}"`);
}

/** An e-mail's (and inbox message's) subject from locales/<locale>/mail.json,
 *  with its `{name}` variables filled in. */
export function mailSubject(locale, event, vars = {}) {
  const all = JSON.parse(readFileSync(join(here, '..', 'locales', locale, 'mail.json'), 'utf8'));
  let value = all[event]?.subject;
  if (value === undefined) throw new Error(`no ${locale} mail ${event}`);
  for (const [k, v] of Object.entries(vars)) value = value.replaceAll(`{${k}}`, String(v));
  return value;
}

/** Opens `path` until `locator(page)` shows (a few seconds at most): for
 *  what the outbox worker writes a moment after the change. */
export async function openUntil(page, path, locator) {
  for (let i = 0; i < 20; i++) {
    await open(page, path);
    if (await locator(page).count() > 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${path}: still not shown`);
}

