// The audit log reads like a record a person can use, at phone and desktop
// size: a super admin ships a paid order and leaves a note on it, then
// searches the log by the order's number (entries used to keep only the
// internal id, so this found nothing). The entries say what was done in
// words (no "admin/order/ship"), name the order by its number, give the
// time in the shop's time zone like the rest of the back office (it was
// UTC), and list the fields that changed instead of two blocks of JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, open, launch, text, shot, sql, staffPage, buyAndPay } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const admin = (key, vars) => text('zh-CN', 'admin', key, vars);
const orders = (key, vars) => text('zh-CN', 'orders', key, vars);
const WAIT = { timeout: 15000 };

/** The entry's own time, as the database has it, in Beijing time. */
const beijingTime = (number, action) => sql(
  `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM audit_log
    WHERE action = '${action}' AND entity = 'order'
      AND entity_id = (SELECT id::text FROM orders WHERE number = '${number}')`,
);

for (const vp of VIEWPORTS) {
  test(`${vp.name}: the audit log finds an order's entries by its number and shows them in words`, async () => {
    const buyer = await buyAndPay(browser, vp, vp.name === 'phone' ? '/p/dresses-1' : '/p/dresses-2');
    const { number } = buyer;
    await buyer.context.close();
    const tracking = `SF${Date.now()}`.slice(0, 16);
    const note = `审计备注 ${vp.name}`;

    // Two audited changes to the order: it ships, and gets a note.
    const { context, page } = await staffPage(browser, vp, 'admin@agora.test', `/admin/orders/${number}`);
    const ship = page.locator('[data-testid=ship-form]');
    await ship.waitFor(WAIT);
    await ship.locator('input[name=carrier]').fill('顺丰速运');
    await ship.locator('input[name=tracking]').fill(tracking);
    await ship.locator('button[type=submit]').click();
    await page.locator('[data-testid=order-status][data-status=shipped]').waitFor(WAIT);
    await page.locator('[data-testid=note-form] textarea').fill(note);
    await page.locator('[data-testid=note-form] button[type=submit]').click();
    await page.locator('[data-testid=admin-notes]').getByText(note).waitFor(WAIT);
    // Stored with the order's number, not only its internal id.
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE label = '${number}'`), '2');

    // Searched by the order number, from the page's own search form. It
    // starts from a search that finds nothing, so what is listed next can
    // only be the order number's results.
    await open(page, '/admin/audit?q=no-such-entry');
    await page.locator('[data-testid=audit-empty]').waitFor(WAIT);
    const search = page.locator('#main form[role=search]');
    await search.getByRole('searchbox', { name: admin('audit_search') }).fill(number);
    await search.getByRole('button', { name: admin('search') }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === number, WAIT);
    const shipped = page.locator('[data-testid=audit-entry][data-action="admin/order/ship"]');
    await shipped.waitFor(WAIT);
    const noted = page.locator('[data-testid=audit-entry][data-action="admin/order/note"]');
    await noted.waitFor(WAIT);
    assert.equal(await page.locator('[data-testid=audit-entry]').count(), 2);

    // What was done, to what, and when, in words and in Beijing time.
    assert.equal((await shipped.locator('[data-testid=audit-action]').textContent()).trim(), admin('audit_action_order_ship'));
    assert.equal((await noted.locator('[data-testid=audit-action]').textContent()).trim(), admin('audit_action_order_note'));
    assert.equal((await shipped.locator('[data-testid=audit-label]').textContent()).trim(), number);
    assert.match(await shipped.locator('[data-testid=audit-subject]').textContent(), new RegExp(admin('audit_entity_order')));
    assert.equal((await shipped.locator('[data-testid=audit-time]').textContent()).trim(), beijingTime(number, 'admin/order/ship'));
    assert.equal((await noted.locator('[data-testid=audit-time]').textContent()).trim(), beijingTime(number, 'admin/order/note'));
    assert.equal((await shipped.locator('[data-testid=audit-actor]').textContent()).trim(), 'admin@agora.test');

    // The changed fields, each with its value before and after; what did
    // not change (the payment status) is not listed.
    const changes = shipped.locator('[data-testid=audit-changes]');
    await changes.getByRole('columnheader', { name: admin('audit_field') }).waitFor(WAIT);
    await changes.getByRole('columnheader', { name: admin('before') }).waitFor(WAIT);
    await changes.getByRole('columnheader', { name: admin('after') }).waitFor(WAIT);
    const row = async (field) => {
      const r = changes.locator(`tr[data-field="${field}"]`);
      return Promise.all([
        r.getByRole('rowheader').textContent(),
        r.locator('[data-testid=audit-before]').textContent(),
        r.locator('[data-testid=audit-after]').textContent(),
      ]).then((cells) => cells.map((c) => c.trim()));
    };
    // Field names and order statuses in words, not column names and codes.
    assert.deepEqual(await row('status'), [admin('audit_field_status'), orders('status_awaiting_shipment'), orders('status_shipped')]);
    assert.deepEqual(await row('carrier'), [admin('audit_field_carrier'), '—', '顺丰速运']);
    assert.deepEqual(await row('tracking_number'), [admin('audit_field_tracking_number'), '—', tracking]);
    assert.equal(await changes.locator('tr[data-field="payment_status"]').count(), 0);
    const noteChanges = noted.locator('[data-testid=audit-changes]');
    assert.deepEqual(
      (await noteChanges.locator('tr[data-field="note"] td').allTextContents()).map((c) => c.trim()),
      ['—', note],
    );

    // No raw action code anywhere on the page.
    assert.ok(!(await page.locator('#main').innerText()).includes('admin/'));
    await shot(page, `admin-audit-order-${vp.name}`);

    // The same entry in English.
    await open(page, `/admin/audit?q=${number}&lang=en`);
    await shipped.locator('[data-testid=audit-action]', { hasText: text('en', 'admin', 'audit_action_order_ship') }).waitFor(WAIT);
    await shipped.getByRole('columnheader', { name: text('en', 'admin', 'audit_field') }).waitFor(WAIT);
    assert.ok(!(await page.locator('#main').innerText()).includes('admin/'));
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
