// What the main thread does while a page starts, in Debian's Chromium at
// phone size with the CPU slowed down 4x (as Lighthouse's mobile profile):
// every task over 20 ms with its larger parts, the time spent compiling
// WebAssembly functions lazily on first call (V8 compiles each function
// the first time it runs, on the main thread), and when the page marked
// itself hydrated ("agora:hydrated", src/lib.rs). docs/lighthouse.md.
//
// Usage: node scripts/hydration-trace.mjs URL   (a running server)
import { chromium } from 'playwright-core';

const url = process.argv[2];
if (!url) throw new Error('usage: node scripts/hydration-trace.mjs URL');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  await page.goto(url);
  await page.waitForSelector('html[data-hydrated]', { state: 'attached', timeout: 60000 });
  await page.waitForTimeout(500);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const start = events.find((e) => e.name === 'navigationStart')?.ts ?? 0;
  const ms = (us) => Math.round(us / 1000);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.dur > 20000);
  for (const t of tasks) {
    const inside = events.filter((e) => e.tid === t.tid && e !== t && e.ts >= t.ts && e.ts + (e.dur || 0) <= t.ts + t.dur);
    const sums = {};
    for (const e of inside) if (e.dur > 0) sums[e.name] = (sums[e.name] || 0) + e.dur;
    const parts = Object.entries(sums).sort((a, b) => b[1] - a[1]).slice(0, 6)
      .map(([name, dur]) => `${name} ${ms(dur)}`).join(', ');
    const lazy = inside.filter((e) => e.name === 'wasm.CompileLazy').length;
    console.log(`task at ${ms(t.ts - start)} ms, ${ms(t.dur)} ms: ${parts}${lazy ? ` (${lazy} functions compiled lazily)` : ''}`);
  }
  const mark = events.find((e) => e.name === 'agora:hydrated');
  console.log(`hydrated at ${mark ? ms(mark.ts - start) : '?'} ms`);
} finally {
  await browser.close();
}
