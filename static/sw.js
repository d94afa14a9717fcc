// Crossover's service worker: the app works offline after one visit, and a new release replaces the old one
// on the next online visit.
// - Network first for same-origin GETs inside this scope (revalidating past the HTTP cache); the response is
//   kept in this release's cache and served from there only when the network fails.
// - On install, every file of the release is pre-cached (ASSETS, written by scripts/stamp.sh at build time)
//   plus './' and './index.html', so one visit is enough for offline use.
// - Each release has its own cache (VERSION, a content hash stamped by scripts/stamp.sh); activating a new
//   release deletes the caches of the others (of this scope only: several copies may share an origin).
// - Never touches non-GET requests, other origins, or paths outside the scope.
// Cache keys drop the query string: the static host ignores it, and the app keeps its scenario in the query,
// so `./?v=1&…` is served offline from the cached `./`.
const VERSION = 'dev';
const ASSETS = [];

const SCOPE = self.registration.scope;
const PREFIX = `crossover ${SCOPE} `;
const CACHE = PREFIX + VERSION;

const keyOf = (url) => {
  const u = new URL(url, SCOPE);
  u.search = '';
  u.hash = '';
  return u.href;
};

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const urls = [...new Set(['./', './index.html', ...ASSETS].map(keyOf))];
    await cache.addAll(urls.map((url) => new Request(url, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(networkFirst(event));
});

async function networkFirst(event) {
  const request = event.request;
  const key = keyOf(request.url);
  try {
    // 'no-cache': revalidate with the server, so a heuristically cached old file is never mixed in.
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.ok && response.status === 200 && response.type === 'basic') {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)).catch(() => {}));
    }
    return response;
  } catch (error) {
    const cache = await caches.open(CACHE);
    const hit = (await cache.match(key))
      ?? (request.mode === 'navigate' ? await cache.match(keyOf('./')) : undefined);
    if (hit) return hit;
    throw error;
  }
}
