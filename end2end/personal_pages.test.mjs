// Signed-in shoppers' category pages are drawn once and personalised per
// request (server/src/personal_cache.rs, README "Caching"): two shoppers on
// the same page, one after the other, each see their own name in the
// account menu, in Chinese and in English, at phone and desktop size, the
// second from the first one's template, and the page hydrates cleanly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, DEMO_PASSWORD, launch, newPage, open, text, signIn, registerAccount, uniqueEmail, shot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WAIT = { timeout: 20000 };
const CATEGORY = '/c/down-jackets';

/** A new shopper named `name`, signed in, with the page in `lang`. */
async function shopper(vp, name, lang) {
  const email = uniqueEmail(`personal-${vp.name}`);
  await registerAccount(email, name);
  const { context, page } = await newPage(browser, vp);
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), WAIT);
  // Chooses the language (the server keeps it in a cookie).
  await open(page, `${CATEGORY}?lang=${lang}`);
  return { context, page };
}

/** Opens the category page; returns how the server drew it. */
async function category(page) {
  const res = await open(page, CATEGORY);
  return res.headers()['x-agora-personal'];
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: two shoppers on one category page each see their own name`, async () => {
    const tag = `${vp.name}-${Date.now() % 100000}`;
    const names = [`甲${tag}`, `<i>Zoë "Z" & co</i> ${tag}`];
    for (const lang of ['zh-CN', 'en']) {
      const first = await shopper(vp, names[0], lang);
      const second = await shopper(vp, names[1], lang);
      try {
        assert.ok(['miss', 'hit'].includes(await category(first.page)));
        // From the first shopper's template; once more if it had just
        // reached its TTL and this load drew it anew.
        let how = await category(second.page);
        if (how !== 'hit') how = await category(second.page);
        assert.equal(how, 'hit', 'the second shopper is served from the template');
        for (const [{ page }, name, other] of [[first, names[0], names[1]], [second, names[1], names[0]]]) {
          const menu = page.getByRole('banner').getByRole('button', { name: text(lang, 'common', 'account_menu'), exact: true });
          await menu.waitFor(WAIT);
          assert.equal((await page.locator('.account-menu summary .name').textContent()).trim(), name);
          assert.ok(!(await page.content()).includes(other), 'nothing of the other shopper');
          await menu.click();
          await page.getByRole('link', { name: text(lang, 'common', 'my_orders'), exact: true }).waitFor(WAIT);
          assert.equal(await page.getByRole('link', { name: text(lang, 'common', 'admin'), exact: true }).count(), 0);
          assert.deepEqual(page.jsErrors, []);
        }
        await shot(second.page, `personal-page-${lang}-${vp.name}`);
      } finally {
        await first.context.close();
        await second.context.close();
      }
    }
  });
}
