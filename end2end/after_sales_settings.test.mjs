// After-sales settings at phone and desktop size: the operations manager
// adds a reason in both languages and a rule that approves refunds before
// shipment for it; a shopper who asks for such a refund has it approved and
// paid at once, and reads the reason in their language; staff see which rule
// did it, then remove the rule and switch the reason off again (the shared
// test database is left as it was). Controls are found by role and
// accessible name; texts come from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  VIEWPORTS, launch, open, text, shot, axe, buyAndPay, staffPage, sql,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const as = (key, vars) => text('zh-CN', 'aftersales', key, vars);
const WAIT = { timeout: 20000 };

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a reason and an auto-approval rule set in the back office act on a shopper's request`, async () => {
    const zh = `包装破损${vp.name === 'phone' ? '甲' : '乙'}`;
    const en = `Packaging damaged (${vp.name})`;
    const staff = await staffPage(browser, vp, 'ops@agora.test', '/admin/after-sales');
    const s = staff.page;
    await s.waitForSelector('html[data-hydrated]', WAIT);
    await s.getByRole('link', { name: as('settings_title') }).click();
    await s.getByRole('heading', { name: as('settings_title') }).waitFor(WAIT);

    // The policy saves (and is put back).
    const answer = s.getByLabel(as('policy_answer_days'));
    await answer.fill('3');
    await s.getByRole('button', { name: as('policy_save') }).click();
    await s.getByRole('status').filter({ hasText: as('settings_saved') }).first().waitFor(WAIT);
    assert.equal(sql('SELECT answer_days FROM after_sales_policy'), '3');
    await s.getByLabel(as('policy_answer_days')).fill('2');
    await s.getByRole('button', { name: as('policy_save') }).click();
    for (let i = 0; i < 40 && sql('SELECT answer_days FROM after_sales_policy') !== '2'; i++) await s.waitForTimeout(250);
    assert.equal(sql('SELECT answer_days FROM after_sales_policy'), '2');

    // A new reason, in both languages.
    const adding = s.getByRole('form', { name: as('reason_add_title') });
    await adding.getByLabel(as('reason_name_zh')).fill(zh);
    await adding.getByLabel(as('reason_name_en')).fill(en);
    await adding.getByLabel(as('reason_position')).fill('900');
    await adding.getByRole('button', { name: as('reason_add') }).click();
    await s.getByRole('button', { name: as('reason_save_label', { name: zh }) }).waitFor(WAIT);

    // A rule: refunds before shipment for that reason are approved at once.
    const rule = s.getByRole('form', { name: as('rule_add_title') });
    await rule.getByLabel(as('rule_kind')).selectOption({ label: as('kind_refund_only') });
    await rule.getByLabel(as('rule_reason')).selectOption({ label: `${zh} / ${en}` });
    await rule.getByLabel(as('rule_unshipped')).check();
    await rule.getByRole('button', { name: as('rule_add') }).click();
    const listed = s.locator('[data-testid=rule]').filter({ hasText: zh });
    await listed.waitFor(WAIT);
    const ruleId = (await listed.locator('strong').innerText()).replace('#', '').trim();
    assert.deepEqual(await axe(s), []);
    await shot(s, `after-sales-settings-${vp.name}`);

    // The shopper asks for a refund before shipment with that reason.
    const { context, page, number } = await buyAndPay(browser, vp, '/p/coffee-2');
    await open(page, `/orders/${number}`);
    const name = (await page.locator('[data-testid=order-item] .line-name').first().innerText()).trim();
    await page.getByRole('link', { name: as('apply_label', { name }) }).click();
    await page.getByRole('heading', { name: as('new_title') }).waitFor(WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByLabel(as('reason_label')).selectOption({ label: zh });
    await page.getByRole('button', { name: as('submit') }).click();
    await page.waitForURL(/\/after-sales\/AS\d{8}-\d{6}$/, WAIT);
    const request = (await page.locator('[data-testid=request-number]').innerText()).trim();
    // Approved and refunded without anyone at the shop touching it.
    await page.locator('[data-testid=request-status][data-status=refunded]').waitFor(WAIT);
    await open(page, `/after-sales/${request}?lang=en`);
    await page.getByText(en).waitFor(WAIT);
    assert.deepEqual(page.jsErrors, []);
    await context.close();

    // Staff see which rule did it; then the rule and the reason go.
    await open(s, `/admin/after-sales/${request}`);
    await s.locator('[data-testid=auto-rule]').filter({ hasText: as('staff_auto_rule', { id: ruleId }) }).waitFor(WAIT);
    await open(s, '/admin/after-sales/settings');
    await s.waitForSelector('html[data-hydrated]', WAIT);
    await s.getByRole('button', { name: as('rule_delete_label', { id: ruleId }) }).click();
    await listed.waitFor({ state: 'detached', ...WAIT });
    const form = s.locator('[data-testid=reason-form]').filter({ has: s.getByRole('button', { name: as('reason_save_label', { name: zh }) }) });
    await form.getByLabel(as('reason_active')).uncheck();
    await form.getByRole('button', { name: as('reason_save_label', { name: zh }) }).click();
    for (let i = 0; i < 40 && sql(`SELECT active FROM after_sales_reasons WHERE name_zh = '${zh}'`) !== 'f'; i++) await s.waitForTimeout(250);
    assert.equal(sql(`SELECT active FROM after_sales_reasons WHERE name_zh = '${zh}'`), 'f');
    assert.equal(sql('SELECT count(*) FROM after_sales_auto_rules'), '0');
    assert.deepEqual(s.jsErrors, []);
    await staff.context.close();
  });
}
