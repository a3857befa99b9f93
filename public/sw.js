// Agora service worker. The server fills in the version (a hash of the built
// bundle) so each build gets a fresh app-shell cache.
const VERSION = '__AGORA_VERSION__';
const SHELL_CACHE = `agora-shell-${VERSION}`;
const PAGE_CACHE = 'agora-pages-v1';
const SHELL = [
  '/pkg/__AGORA_PKG__.js',
  '/pkg/__AGORA_PKG__.wasm',
  '/pkg/__AGORA_PKG__.css',
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
];
// Pages and catalog data that are safe to keep: nothing personal.
const CACHEABLE_PAGE = /^\/($|c\/|search)/;
const CACHEABLE_API = /^\/api\/(categories|featured|category|search)\b/;

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

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(PAGE_CACHE)).put(request, response.clone());
    return response;
  } catch (err) {
    const hit = await caches.match(request);
    if (hit) return hit;
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
  } else if ((request.mode === 'navigate' && CACHEABLE_PAGE.test(path)) || CACHEABLE_API.test(path)) {
    event.respondWith(networkFirst(request));
  }
});
