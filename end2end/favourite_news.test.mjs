// News about favourites in a real browser at phone and desktop size
// (issue 18): a shopper favourites a product; when it sells out and comes
// back in stock, the in-app inbox tells them (under promotions), and the
// message leads to the product.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, shot, signIn, sql, uniqueEmail, registerAccount, mailSubject, openUntil } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const vp of VIEWPORTS) {
  const slug = vp.name === 'phone' ? 'tea-4' : 'tea-5';
  test(`${vp.name}: a favourite back in stock reaches the inbox and leads to the product`, async () => {
    const email = uniqueEmail(`fav-news-${vp.name}`);
    await registerAccount(email);
    const { context, page } = await newPage(browser, vp);
    await signIn(page, email, DEMO_PASSWORD);
    await page.waitForURL('**/account');
    await open(page, `/p/${slug}`);
    const name = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    await page.getByRole('button', { name: text('zh-CN', 'catalog', 'add_favourite') }).click();
    await page.waitForSelector('button.favourite[aria-pressed=true]');

    // Sold out, then restocked (as a stocktake would).
    const product = `(SELECT id FROM products WHERE slug = '${slug}')`;
    sql(`UPDATE product_variants SET stock = 0 WHERE product_id = ${product}`);
    sql(`UPDATE product_variants SET stock = 8 WHERE product_id = ${product}`);

    const subject = mailSubject('zh-CN', 'favourite_back_in_stock', { product: name });
    const item = (p) => p.getByRole('listitem').filter({ hasText: subject });
    await openUntil(page, '/inbox?tab=promotions', item);
    await item(page).getByText(text('zh-CN', 'inbox', 'unread'), { exact: true }).waitFor();
    await shot(page, `favourite-news-${vp.name}`);
    await item(page).getByRole('link', { name: text('zh-CN', 'inbox', 'open_product'), exact: true }).click();
    await page.waitForURL(`**/p/${slug}`);
    // Told once, and not by e-mail: promotion e-mails need an opt-in.
    const told = sql(`SELECT string_agg(o.channel, ',' ORDER BY o.channel) FROM outbox o JOIN users u ON u.id = o.user_id
                       WHERE u.email = '${email}' AND o.event = 'favourite_back_in_stock'`);
    assert.equal(told, 'inbox');
    assert.equal(page.jsErrors.length, 0, page.jsErrors.join('\n'));
    await context.close();
  });
}
