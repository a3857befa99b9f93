// The heading outline of every shopper page, at phone size, in both
// languages: exactly one h1, it comes first, and no level is skipped on the
// way down (an h3 straight under the h1 leaves screen-reader users guessing
// what it belongs to; Lighthouse's heading-order audit). Headings inside a
// closed <details> (the phone's folded filter panel) count too: they are
// part of the outline as soon as the panel opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, launch, newPage, open, text } from './helpers.mjs';

const phone = VIEWPORTS.find((v) => v.name === 'phone');
// A demo product, by its name in each language.
const PRODUCT = { path: '/p/down-jackets-1', name: { 'zh-CN': '轻薄羽绒服', en: 'Lightweight down jacket' } };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The page's headings in document order, as assistive technology gets
 *  them: level and text, leaving out what is hidden from everyone. */
async function outline(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
      .filter((h) => {
        for (let e = h; e; e = e.parentElement) {
          if (e.hidden || e.getAttribute('aria-hidden') === 'true' || getComputedStyle(e).display === 'none') return false;
        }
        return true;
      })
      .map((h) => ({
        level: Number(h.getAttribute('aria-level') ?? h.tagName.slice(1)),
        text: h.textContent.trim(),
      })),
  );
}

/** Fails with the whole outline when it has a second h1, does not start
 *  with the h1, or skips a level going down. */
function assertOutline(where, headings) {
  const shown = headings.map((h) => `h${h.level} ${h.text}`).join('\n  ');
  const ones = headings.filter((h) => h.level === 1).length;
  assert.equal(ones, 1, `${where}: ${ones} h1 headings in\n  ${shown}`);
  let previous = 0;
  for (const h of headings) {
    assert.ok(h.level <= previous + 1, `${where}: h${h.level} "${h.text}" follows h${previous} in\n  ${shown}`);
    previous = h.level;
  }
}

for (const lang of ['zh-CN', 'en']) {
  test(`${phone.name}, ${lang}: home, category, product, search, cart and checkout keep their heading order`, async () => {
    const { context, page } = await newPage(browser, phone);
    const visit = async (path, ready) => {
      await open(page, `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      await ready();
      assertOutline(`${path} (${lang})`, await outline(page));
    };
    const main = page.getByRole('main');
    const h1 = (name) => () => main.getByRole('heading', { level: 1, name }).waitFor();
    const name = PRODUCT.name[lang];
    const card = () => main.getByRole('link', { name }).first().waitFor();

    await visit('/', h1(text(lang, 'catalog', 'hero_title')));
    // A leaf category, and a parent one, whose filter panel lists its
    // sub-categories under a heading of its own.
    await visit('/c/down-jackets', card);
    await visit('/c/apparel', () => main.getByRole('navigation', { name: text(lang, 'catalog', 'subcategories'), includeHidden: true }).waitFor({ state: 'attached' }));
    await visit('/search?q=jacket', card);
    await visit(PRODUCT.path, h1(name));

    await visit('/cart', () => main.getByRole('link', { name: text(lang, 'common', 'continue_shopping') }).waitFor());
    await open(page, `${PRODUCT.path}?lang=${lang}`);
    await main.getByRole('button', { name: text(lang, 'catalog', 'add_to_cart'), exact: true }).click();
    await main.getByRole('link', { name: text(lang, 'cart', 'view_cart') }).waitFor();
    await visit('/cart', () => main.getByRole('link', { name: text(lang, 'cart', 'to_checkout') }).waitFor());
    await visit('/checkout', () => main.getByRole('group', { name: text(lang, 'checkout', 'address') }).waitFor());
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}

for (const lang of ['zh-CN', 'en']) {
  test(`${phone.name}, ${lang}: the help centre, its search and an article keep their heading order`, async () => {
    const { context, page } = await newPage(browser, phone);
    const main = page.getByRole('main');
    const visit = async (path, h1) => {
      await open(page, `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      await main.getByRole('heading', { level: 1, name: h1 }).waitFor();
      assertOutline(`${path} (${lang})`, await outline(page));
    };
    const title = text(lang, 'help', 'title');
    await visit('/help', title);
    await visit('/help?q=refund', title);
    await visit('/help/refund-time', lang === 'en' ? 'When will my refund arrive?' : '退款多久到账');
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  });
}
