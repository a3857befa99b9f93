// Writes N guest checkouts over mixed SKUs for bench/orders.lua: one JSON
// body per line with KEY where each request puts its own idempotency key.
// Totals come from the shop's own pricing (POST /api/cart), so every order
// is priced exactly as a shopper's would be (sales and 满减 included).
// Usage: node bench/order-carts.mjs BASE_URL N OUT_FILE  (variant ids on stdin)
import { readFileSync, writeFileSync } from 'node:fs';

const [base, n, out] = process.argv.slice(2);
const ids = readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
let seed = 42;
const rand = (m) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m; };
const address = { recipient: '压测', phone: '13800138000', region: '上海市', line1: '测试路 1 号', postal_code: '' };
const lines = [];
for (let i = 0; i < Number(n); i++) {
  const cart = [];
  const k = 1 + rand(3);
  while (cart.length < k) {
    const id = ids[rand(ids.length)];
    if (!cart.some((l) => l.variant_id === id)) cart.push({ variant_id: id, qty: 1 + rand(2) });
  }
  const shipping = rand(4) === 0 ? 'express' : 'standard';
  const q = await fetch(`${base}/api/cart`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lang: 'zh-CN', guest_lines: cart, coupon: null, shipping }),
  }).then((r) => r.json());
  const order = {
    key: 'KEY', lang: 'zh-CN', lines: cart, email: `bench${i % 50}@agora.test`, address, shipping,
    payment: rand(2) === 0 ? 'sandbox' : 'cod', expected_total_minor: q.total_minor,
  };
  lines.push(JSON.stringify({ order }));
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} carts over ${ids.length} SKUs written to ${out}`);
