// Many search pages at once against the real server (its multi-threaded
// runtime, over HTTP): under load the server once wrote the document head
// after a signal its title read had been disposed, and about one search
// page in 130 answered 500 (a panic) in the benchmark. Every page must
// render, with its own title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from './helpers.mjs';

const QUERIES = ['羽绒', 'headphones', 'tea', '茶', 'shoes', 'keybord'];

test('1,200 search pages, 16 at a time, all render with their titles', async () => {
  const failures = [];
  const worker = async (w) => {
    for (let i = 0; i < 75; i++) {
      const q = QUERIES[(w + i) % QUERIES.length];
      const res = await fetch(`${BASE}/search?q=${encodeURIComponent(q)}`);
      const html = await res.text();
      const title = html.match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
      if (res.status !== 200 || !title.includes(q)) failures.push(`${q}: ${res.status} ${title}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
  assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of 1200 failed`);
});
