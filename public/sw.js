// Agora service worker. The server fills in the version (a hash of the built
// bundle) so each build gets a fresh app-shell cache.
const VERSION = '__AGORA_VERSION__';
const SHELL_CACHE = `agora-shell-${VERSION}`;
const PAGE_CACHE = 'agora-pages-v1';
const SHELL = [
  // The main bundle's content-hashed names; each page's own piece of the
  // WASM is kept when first loaded (cacheFirst below).
  '/pkg/__AGORA_JS__',
  '/pkg/__AGORA_WASM__',
  '/pkg/__AGORA_CSS__',
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/offline',
];
// How many pages, data responses and pictures the catalog cache keeps.
const PAGE_CACHE_MAX = 300;
// Pages and catalog data that are safe to keep: nothing personal. A guest's
// cart page has its lines from the browser, so it is kept too and the cart
// opens offline; a signed-in shopper's is rendered with their lines and
// answered with no-store, which remember() never keeps.
// The help centre's pages and data are the same for everyone too: an
// article read once opens offline (its piece of the WASM is kept below).
const CACHEABLE_PAGE = /^\/($|c\/|p\/|search|offline|cart$|help($|\/))/;
const CACHEABLE_API = /^\/api\/(categories|home|category|product|search|cards|help)\b/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith('agora-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function cacheFirst(request, cacheName) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) (await caches.open(cacheName)).put(request, response.clone());
  return response;
}

// Drops the oldest entries beyond the limit (keys come back in insertion order).
async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - PAGE_CACHE_MAX)).map((k) => cache.delete(k)));
}

async function remember(request, response) {
  // A signed-in shopper's cart or checkout page holds their own lines.
  if ((response.headers.get('cache-control') || '').includes('no-store')) return;
  const cache = await caches.open(PAGE_CACHE);
  await cache.delete(request);
  await cache.put(request, response);
  await trim(cache);
}

// Fresh from the network when there is one; otherwise the copy kept when the
// shopper last saw it; for pages never seen, the offline page.
async function networkFirst(request, isPage) {
  try {
    const response = await fetch(request);
    if (response.ok) await remember(request, response.clone());
    return response;
  } catch (err) {
    const hit = await caches.match(request);
    if (hit) return hit;
    if (isPage) {
      const offline = await caches.match('/offline');
      if (offline) return offline;
    }
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (path.startsWith('/pkg/') || path.startsWith('/icons/') || path === '/manifest.webmanifest') {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  } else if (path.startsWith('/media/')) {
    event.respondWith(cacheFirst(request, PAGE_CACHE));
  } else if (request.mode === 'navigate') {
    // Other pages (account, checkout, orders, admin) are personal: never kept, but the
    // offline page still explains why they cannot open.
    event.respondWith(CACHEABLE_PAGE.test(path) ? networkFirst(request, true) : fetch(request).catch(async () => (await caches.match('/offline')) || Response.error()));
  } else if (CACHEABLE_API.test(path)) {
    event.respondWith(networkFirst(request, false));
  }
});
