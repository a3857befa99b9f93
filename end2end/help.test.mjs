// The help centre in a real browser at phone and desktop size (issue 18).
// A shopper comes from the footer, searches in Chinese with a wrong
// character and finds the article, and votes it helpful; English with a
// misspelt word is corrected; an article read once opens offline; the
// contact form suggests articles while the subject is typed; an agent
// writes an article in both languages with a preview and publishes it.
// Controls are found by role and accessible name, texts from locales/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, BASE, launch, launchPersistent, removeDir, newPage, open, text, shot, axe, staffPage } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const h = (key, vars) => text('zh-CN', 'help', key, vars);
const en = (key, vars) => text('en', 'help', key, vars);

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a shopper searches the help centre in Chinese with a typo and finds the article`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/');
    await page.getByRole('contentinfo').getByRole('link', { name: h('footer_link') }).click();
    await page.waitForURL(`${BASE}/help`, WAIT);
    await page.getByRole('heading', { name: h('title'), level: 1 }).waitFor(WAIT);
    await page.getByRole('heading', { name: '售后服务', level: 2 }).waitFor(WAIT);
    assert.deepEqual(await axe(page), []);
    await shot(page, `help-home-${vp.name}`);

    // 帐 for 账: a common slip of the input method.
    await page.getByRole('searchbox', { name: h('search_label') }).fill('退款到帐');
    await page.getByRole('button', { name: h('search_submit') }).click();
    await page.waitForURL(/\/help\?q=/, WAIT);
    await page.getByRole('heading', { name: h('results_for', { q: '退款到帐' }) }).waitFor(WAIT);
    await page.getByText(h('close')).waitFor(WAIT);
    const results = page.getByTestId('help-results');
    const first = results.getByRole('link').first();
    assert.equal((await first.innerText()).trim(), '退款多久到账');
    await shot(page, `help-search-${vp.name}`);
    await first.click();
    await page.waitForURL(/\/help\/refund-time$/, WAIT);
    await page.getByRole('heading', { name: '退款多久到账', level: 1 }).waitFor(WAIT);
    await page.getByRole('navigation', { name: h('breadcrumb') }).getByText('退货与退款').waitFor(WAIT);

    // "Was this helpful?": thanks and the counts, in words.
    await page.waitForSelector('html[data-hydrated]', WAIT);
    const vote = page.getByRole('region', { name: h('vote_question') });
    await vote.getByRole('button', { name: h('vote_yes'), exact: true }).click();
    await vote.getByText(h('vote_thanks'), { exact: false }).waitFor(WAIT);
    assert.equal(await vote.getByRole('button', { name: h('vote_yes'), exact: true }).getAttribute('aria-pressed'), 'true');
    assert.equal(await vote.getByRole('button', { name: h('vote_no'), exact: true }).getAttribute('aria-pressed'), 'false');
    assert.match(await vote.getByRole('status').innerText(), /\d+ 人觉得有帮助/);
    assert.deepEqual(await axe(page), []);
    await shot(page, `help-article-${vp.name}`);
    assert.deepEqual(page.jsErrors, []);

    // In English, a misspelt word is corrected and said so.
    await open(page, '/help?q=refnd&lang=en');
    await page.getByText(en('corrected', { q: 'refund' })).waitFor(WAIT);
    await page.getByTestId('help-results').getByRole('link', { name: 'When will my refund arrive?' }).waitFor(WAIT);
    await context.close();
  });

  test(`${vp.name}: an article read once opens offline`, async () => {
    const { context, page, dir } = await launchPersistent(vp);
    await open(page, '/help');
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, WAIT).catch(async () => {
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, WAIT);
    });
    await open(page, '/help/track-order');
    await page.getByRole('heading', { name: '如何查看物流信息', level: 1 }).waitFor(WAIT);
    await context.setOffline(true);
    await page.goto(BASE + '/help/track-order');
    await page.getByRole('heading', { name: '如何查看物流信息', level: 1 }).waitFor(WAIT);
    await page.getByText('运单号', { exact: false }).first().waitFor(WAIT);
    await context.setOffline(false);
    await context.close();
    removeDir(dir);
  });

  test(`${vp.name}: the contact form suggests articles while the question is typed`, async () => {
    const { context, page } = await newPage(browser, vp);
    await open(page, '/tickets/new');
    await page.getByLabel(text('zh-CN', 'tickets', 'subject')).fill('忘记密码了怎么登录');
    const tips = page.getByRole('region', { name: h('suggest_title') });
    const link = tips.getByRole('link', { name: '忘记密码怎么办' });
    await link.waitFor(WAIT);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.deepEqual(await axe(page), []);
    await shot(page, `help-suggest-${vp.name}`);
    await context.close();
  });

  test(`${vp.name}: an agent writes an article in both languages with a preview and publishes it`, async () => {
    const slug = `e2e-${vp.name}-${Date.now()}`;
    const title = `会员积分怎么用 ${vp.name}`;
    const agent = await staffPage(browser, vp, 'service@agora.test', '/admin/help');
    const { page } = agent;
    await page.getByRole('heading', { name: h('staff_title'), level: 1 }).waitFor(WAIT);
    await page.getByRole('link', { name: h('staff_new_article') }).click();
    await page.waitForURL(/\/admin\/help\/new$/, WAIT);
    await page.waitForSelector('html[data-hydrated]', WAIT);
    await page.getByLabel(h('staff_category'), { exact: true }).selectOption({ label: '账户与隐私' });
    await page.getByLabel(text('zh-CN', 'admin_catalog', 'slug')).fill(slug);
    await page.getByLabel(h('staff_title_zh')).fill(title);
    await page.getByLabel(h('staff_title_en')).fill(`Using loyalty points ${vp.name}`);
    await page.getByLabel(h('staff_body_zh')).fill('积分可以在结算时抵扣。\n\n- 100 积分抵 1 元\n- 积分一年有效');
    await page.getByLabel(h('staff_body_en')).fill('Points pay for part of an order.\n\n- 100 points are ¥1\n- points last a year');
    // The preview draws the text as readers will see it: a list, not dashes.
    const preview = page.getByRole('region', { name: h('staff_preview') });
    await preview.getByRole('listitem').filter({ hasText: '100 积分抵 1 元' }).waitFor(WAIT);
    await preview.getByRole('heading', { name: `Using loyalty points ${vp.name}` }).waitFor(WAIT);
    await page.getByLabel(h('staff_publish')).check();
    assert.deepEqual(await axe(page), []);
    await shot(page, `help-editor-${vp.name}`);
    await page.getByRole('button', { name: text('zh-CN', 'admin', 'save'), exact: true }).click();
    await page.waitForURL(/\/admin\/help\/\d+$/, WAIT);

    // Shoppers read it and find it.
    const { context, page: shopper } = await newPage(browser, vp);
    await open(shopper, `/help/${slug}`);
    await shopper.getByRole('heading', { name: title, level: 1 }).waitFor(WAIT);
    await shopper.getByRole('listitem').filter({ hasText: '积分一年有效' }).waitFor(WAIT);
    await open(shopper, `/help?q=${encodeURIComponent('会员积分')}`);
    await shopper.getByTestId('help-results').getByRole('link', { name: title }).waitFor(WAIT);
    await context.close();
    await agent.context.close();
  });
}
