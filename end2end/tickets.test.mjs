// Customer service tickets in a real browser at phone and desktop size
// (issue 18). A shopper asks about their order from the order page, with
// a photo that the agent sees too; the agent answers with a canned reply
// whose variables are filled; the shopper sees the header's unread
// badge, reads the answer and replies; the agent resolves the ticket and
// the shopper rates it, every state shown in words. A guest, in English, asks from the footer's link and
// follows the ticket from the e-mailed link. A shopper asks about an
// after-sales request from its page, and in English about a product from
// the product's page; the ticket links back to both. Controls are found by role
// and accessible name, texts from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWPORTS, BASE, launch, newPage, open, text, shot, axe, buyAndPay, orderCommand, staffPage, mailTo, mailSubject, openUntil, sql, uniqueEmail } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const NUMBER = /TK\d{8}-\d{6}/;

for (const vp of VIEWPORTS) {
  const tk = (key, vars) => text('zh-CN', 'tickets', key, vars);
  const status = (page) => page.locator('[data-testid=ticket-status]').first();

  test(`${vp.name}: a question about an order goes to an agent and back, is resolved and rated`, async () => {
    const shopper = await buyAndPay(browser, vp, '/p/tea-3');
    const { page, number: order, email } = shopper;
    await page.getByRole('link', { name: tk('ask_about_order') }).click();
    await page.waitForURL(/\/tickets\/new\?order=/, WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByRole('heading', { name: tk('new_title') }).waitFor(WAIT);
    await page.getByText(tk('about_order', { number: order })).waitFor(WAIT);
    // Asked from an order: the topic is the order's.
    assert.equal(await page.getByLabel(tk('category')).inputValue(), 'order');
    await page.getByLabel(tk('subject')).fill('什么时候发货？');
    await page.getByLabel(tk('body')).fill('付款两天了，\n想知道大概哪天能发出。');
    await page.getByLabel(tk('photos_label')).setInputFiles(join(here, 'fixtures', 'review-photo.png'));
    await page.getByText(tk('photos_hint')).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `ticket-new-${vp.name}`);
    await page.getByRole('button', { name: tk('submit') }).click();

    await page.waitForURL(/\/tickets\/TK\d{8}-\d{6}$/, WAIT);
    const number = page.url().match(NUMBER)[0];
    await page.getByRole('heading', { name: '什么时候发货？', level: 1 }).waitFor(WAIT);
    assert.equal((await status(page).innerText()).trim(), tk('status_new'));
    await page.getByRole('link', { name: order }).waitFor(WAIT);
    // The photo came with the question, as a thumbnail linking the large one.
    const photoName = text('zh-CN', 'aftersales', 'photo_alt', { n: 1 });
    const photo = page.getByTestId('ticket-photos').getByRole('img', { name: photoName });
    await photo.waitFor(WAIT);
    const src = await photo.getAttribute('src');
    assert.equal((await page.request.get(new URL(src, BASE).href)).status(), 200, src);

    // The agent finds it in the queue and answers with a canned reply.
    const agent = await staffPage(browser, vp, 'service@agora.test', '/admin/tickets');
    const row = agent.page.locator(`[data-testid=ticket-${number}]`);
    await row.waitFor(WAIT);
    assert.ok((await row.innerText()).includes(tk('sla_on_time')));
    await row.getByRole('link', { name: '什么时候发货？' }).click();
    await agent.page.waitForURL(`**/admin/tickets/${number}`, WAIT);
    await agent.page.getByRole('heading', { name: '什么时候发货？' }).waitFor(WAIT);
    await agent.page.getByTestId('ticket-photos').getByRole('img', { name: photoName }).waitFor(WAIT);
    await agent.page.getByRole('button', { name: tk('staff_assign_me') }).click();
    await agent.page.locator('[data-testid=ticket-status][data-status=open]').waitFor(WAIT);
    await agent.page.getByLabel(tk('staff_canned')).selectOption({ label: '已发货' });
    const reply = agent.page.getByLabel(tk('staff_reply_label'));
    // Variables filled: the order's number, no braces left.
    const filled = await reply.inputValue();
    assert.ok(filled.includes(order) && !filled.includes('{'), filled);
    await agent.page.getByRole('button', { name: tk('staff_send'), exact: true }).click();
    await agent.page.locator('[data-testid=ticket-status][data-status=waiting]').waitFor(WAIT);
    assert.equal((await agent.page.locator('[data-testid=ticket-status]').innerText()).trim(), tk('status_waiting_staff'));
    assert.equal((await agent.page.locator('[data-testid=ticket-sla]').innerText()).trim(), tk('sla_paused'));
    assert.deepEqual(await axe(agent.page), []);
    await shot(agent.page, `ticket-agent-${vp.name}`);
    // The queue, filtered to the agent's own tickets waiting on customers.
    await open(agent.page, '/admin/tickets');
    await agent.page.getByLabel(tk('staff_assignee')).selectOption({ label: tk('assignee_me') });
    await agent.page.getByLabel(tk('staff_sla')).selectOption({ label: tk('sla_paused') });
    await agent.page.getByRole('main').getByRole('button', { name: text('zh-CN', 'admin', 'search'), exact: true }).click();
    await agent.page.waitForURL(/assignee=me&sla=paused/, WAIT);
    const mine = agent.page.locator(`[data-testid=ticket-${number}]`);
    await mine.waitFor(WAIT);
    assert.ok((await mine.innerText()).includes(tk('status_waiting_staff')));
    await shot(agent.page, `ticket-queue-${vp.name}`);

    // The shopper: an unread message in the header, the answer in words.
    const subject = mailSubject('zh-CN', 'ticket_reply', { ticket: number });
    await mailTo(email, subject);
    await openUntil(page, '/inbox', (p) => p.locator('.inbox-item', { hasText: subject }));
    const unread = Number(sql(`SELECT count(*) FROM inbox_messages i JOIN users u ON u.id = i.user_id
      WHERE u.email = '${email}' AND i.read_at IS NULL`));
    assert.ok(unread >= 1);
    await page.getByRole('banner').getByRole('link', { name: text('zh-CN', 'inbox', 'badge_label', { count: unread }), exact: true }).waitFor(WAIT);
    const item = page.locator('.inbox-item', { hasText: subject });
    await item.getByRole('link', { name: text('zh-CN', 'inbox', 'open_ticket') }).click();
    await page.waitForURL(`**/tickets/${number}`, WAIT);
    await page.getByText(filled.split('\n')[0]).waitFor(WAIT);
    assert.equal((await status(page).innerText()).trim(), tk('status_waiting_customer'));
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByLabel(tk('reply_label')).fill('好的，谢谢！');
    await page.getByRole('button', { name: tk('reply_submit') }).click();
    await page.locator('[data-testid=ticket-status][data-status=open]').waitFor(WAIT);
    assert.equal((await status(page).innerText()).trim(), tk('status_open'));
    // Sent: the box is empty again, ready for another reply.
    assert.equal(await page.getByLabel(tk('reply_label')).inputValue(), '');
    await shot(page, `ticket-thread-${vp.name}`);

    // The agent resolves it; the shopper rates it, which closes it.
    await open(agent.page, `/admin/tickets/${number}`);
    await agent.page.getByText('好的，谢谢！').waitFor(WAIT);
    await agent.page.waitForSelector('html[data-hydrated]', WAIT);
    await agent.page.getByRole('button', { name: tk('staff_resolve') }).click();
    await agent.page.locator('[data-testid=ticket-status][data-status=resolved]').waitFor(WAIT);
    await open(page, `/tickets/${number}`);
    assert.equal((await status(page).innerText()).trim(), tk('status_resolved'));
    await page.getByText(tk('resolved_note')).waitFor(WAIT);
    await page.getByRole('radio', { name: tk('rate_stars', { n: 5 }) }).check();
    await page.getByLabel(tk('rate_comment')).fill('回复很快');
    assert.deepEqual(await axe(page), []);
    await shot(page, `ticket-rate-${vp.name}`);
    await page.getByRole('button', { name: tk('rate_submit') }).click();
    await page.getByText(tk('rated', { n: 5 })).waitFor(WAIT);
    assert.equal((await status(page).innerText()).trim(), tk('status_closed'));
    await page.getByText(tk('closed_note')).waitFor(WAIT);
    assert.equal(await page.getByLabel(tk('reply_label')).count(), 0);
    // The list says it in words too.
    await open(page, '/tickets');
    const listed = page.getByTestId('ticket-list').locator('li', { hasText: number });
    assert.ok((await listed.innerText()).includes(tk('status_closed')));
    await shot(page, `ticket-list-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);

    // The ratings report counts it, for the topic, in words.
    const manager = await staffPage(browser, vp, 'ops@agora.test', '/admin/tickets/report');
    await manager.page.getByRole('heading', { name: tk('report_title') }).waitFor(WAIT);
    const topics = manager.page.getByTestId('report-categories');
    await topics.getByRole('rowheader', { name: tk('category_order') }).waitFor(WAIT);
    assert.deepEqual(await axe(manager.page), []);
    await shot(manager.page, `ticket-report-${vp.name}`);
    await manager.context.close();
    await agent.context.close();
    await shopper.context.close();
  });

  test(`${vp.name}: a guest asks in English from the footer and follows the e-mailed link`, async () => {
    const en = (key, vars) => text('en', 'tickets', key, vars);
    const { context, page } = await newPage(browser, vp);
    await page.goto(`${BASE}/lang/en?next=/`);
    await open(page, '/');
    await page.getByRole('contentinfo').getByRole('link', { name: en('contact') }).click();
    await page.waitForURL('**/tickets/new', WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    const email = uniqueEmail(`guest-ticket-${vp.name}`);
    await page.getByLabel(en('category')).selectOption({ label: en('category_product') });
    // Bad input is answered in the shopper's language and writes nothing.
    await page.getByLabel(en('email')).fill(email);
    await page.getByLabel(en('subject')).fill('   ');
    await page.getByLabel(en('body')).fill('Is the tea caffeine-free?');
    await page.getByRole('button', { name: en('submit') }).click();
    await page.getByText(text('en', 'errors', 'required')).waitFor(WAIT);
    assert.equal(sql(`SELECT count(*) FROM tickets WHERE guest_email = '${email}'`), '0');
    await page.getByLabel(en('subject')).fill('Caffeine?');
    await shot(page, `ticket-guest-new-${vp.name}`);
    await page.getByRole('button', { name: en('submit') }).click();
    await page.waitForURL(/\/tickets\/TK\d{8}-\d{6}\?t=/, WAIT);
    const number = page.url().match(NUMBER)[0];
    await page.getByText(en('guest_link_note')).waitFor(WAIT);
    assert.equal((await status(page).innerText()).trim(), en('status_new'));
    assert.deepEqual(await axe(page), []);
    await shot(page, `ticket-guest-${vp.name}`);

    // The receipt, in English, carries the ticket's link; it opens the
    // ticket on another device.
    const { hit } = await mailTo(email, mailSubject('en', 'ticket_opened', { ticket: number }));
    const link = hit.text.match(/https?:\/\/\S+\/tickets\/TK\S+\?t=[0-9a-f]+/)[0];
    const other = await newPage(browser, vp);
    await other.page.goto(`${BASE}/lang/en?next=/`);
    await open(other.page, new URL(link).pathname + new URL(link).search);
    await other.page.getByRole('heading', { name: 'Caffeine?', level: 1 }).waitFor(WAIT);
    await other.page.getByText('Is the tea caffeine-free?').waitFor(WAIT);
    // Without its secret the page asks to sign in, and shows nothing of it.
    await open(other.page, `/tickets/${number}`);
    assert.equal(await other.page.getByText('Is the tea caffeine-free?').count(), 0);
    await other.context.close();
    await context.close();
  });

  test(`${vp.name}: a shopper asks about a return from its page, and in English about a product`, async () => {
    const as = (key, vars) => text('zh-CN', 'aftersales', key, vars);
    const { context, page, number: order } = await buyAndPay(browser, vp, '/p/t-shirts-3');
    orderCommand(order, 'ship', '顺丰速运', `SF${Date.now()}`);
    orderCommand(order, 'deliver');
    await open(page, `/orders/${order}`);
    const name = (await page.locator('[data-testid=order-item] .line-name').first().innerText()).trim();
    await page.getByRole('link', { name: as('apply_label', { name }) }).click();
    await page.waitForURL('**/after-sales?line=*', WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByRole('radio', { name: new RegExp(as('kind_return_refund')) }).check();
    await page.getByLabel(as('reason_label')).selectOption({ label: '不想要了（七天无理由）' });
    await page.getByRole('button', { name: as('submit') }).click();
    await page.waitForURL(/\/after-sales\/AS\d{8}-\d{6}$/, WAIT);
    const request = page.url().match(/AS\d{8}-\d{6}/)[0];
    await page.waitForSelector('html[data-hydrated]', WAIT);

    // From the request's page: the form says what it is about.
    await page.getByRole('link', { name: as('ask_service') }).click();
    await page.waitForURL(`**/tickets/new?request=${request}`, WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByText(tk('about_request', { number: request })).waitFor(WAIT);
    assert.equal(await page.getByLabel(tk('category')).inputValue(), 'after_sales');
    await page.getByLabel(tk('subject')).fill('退货地址在哪里？');
    await page.getByLabel(tk('body')).fill('申请已经提交，想确认寄回的地址。');
    await page.getByRole('button', { name: tk('submit') }).click();
    await page.waitForURL(/\/tickets\/TK\d{8}-\d{6}$/, WAIT);
    await page.getByRole('heading', { name: '退货地址在哪里？', level: 1 }).waitFor(WAIT);
    // The ticket names the request and its order, each a link back.
    await page.getByRole('link', { name: order }).waitFor(WAIT);
    await shot(page, `ticket-request-${vp.name}`);
    await page.getByRole('link', { name: request }).click();
    await page.waitForURL(`**/after-sales/${request}`, WAIT);
    await page.getByRole('heading', { name: as('detail_title') }).waitFor(WAIT);

    // In English, from a product's page.
    const en = (key, vars) => text('en', 'tickets', key, vars);
    await page.goto(`${BASE}/lang/en?next=/p/tea-3`);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    const product = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    await page.getByRole('link', { name: text('en', 'catalog', 'ask_product') }).click();
    await page.waitForURL('**/tickets/new?product=tea-3', WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByText(en('about_product', { name: product })).waitFor(WAIT);
    assert.equal(await page.getByLabel(en('category')).inputValue(), 'product');
    await page.getByLabel(en('subject')).fill('How strong is it?');
    await page.getByLabel(en('body')).fill('Is one spoon per cup enough?');
    assert.deepEqual(await axe(page), []);
    await shot(page, `ticket-product-new-${vp.name}`);
    await page.getByRole('button', { name: en('submit') }).click();
    await page.waitForURL(/\/tickets\/TK\d{8}-\d{6}$/, WAIT);
    await page.getByRole('heading', { name: 'How strong is it?', level: 1 }).waitFor(WAIT);
    await page.getByRole('link', { name: product }).click();
    await page.waitForURL('**/p/tea-3', WAIT);
    await context.close();
  });
}
