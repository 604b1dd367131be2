import type { APIRoute } from 'astro';

// The service worker for offline reading, versioned by the build: a new build (new content) gets a new
// cache name, and the old copy is deleted when the new worker takes over.
const VERSION = __KUBE_BUILD__;

const worker = `
const CACHE = 'kube-belajar-${VERSION}';
const OFFLINE = '/offline';
const TEST_PAGE = /^\\/belajar\\/[a-z0-9-]+\\/tes\\/(pre|post)$/;

self.addEventListener('install', (event) => {
  // The offline notice is fetched as a visitor: it is served to whoever uses the device next.
  event.waitUntil(caches.open(CACHE).then((cache) => keep(cache, [OFFLINE], 'omit')).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// Fetches pages and the hashed assets they use, and stores them. The header tells the server this is
// not a visit by the learner.
async function keep(cache, urls, credentials = 'same-origin') {
  for (const url of urls) {
    const response = await fetch(url, { headers: { 'x-kube-precache': '1' }, credentials });
    if (!response.ok || response.redirected) continue;
    const html = await response.clone().text();
    await cache.put(url, response);
    await keepAssets(cache, html);
  }
}

// The hashed scripts and styles a page uses (they never change under the same name).
async function keepAssets(cache, html) {
  const assets = [...new Set(html.match(/\\/_astro\\/[^"'\\s)]+/g) || [])];
  await Promise.all(assets.map((asset) => cache.match(asset).then((hit) => hit || cache.add(asset))));
}

// Everything kept but the offline notice and the hashed assets: pages shown to a person (test pages embed
// their id and answers; lessons their progress). Dropped whenever the device may change hands.
async function forgetPersonal() {
  const cache = await caches.open(CACHE);
  for (const key of await cache.keys()) {
    const path = new URL(key.url).pathname;
    if (path !== OFFLINE && !path.startsWith('/_astro/')) await cache.delete(key);
  }
}

// The screens between two people on a device: sign-in, and the workshop's join and thank-you screens.
const HAND_OVER = /^\\/(masuk|gabung)(\\/|$)/;

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'forget') {
    event.waitUntil(forgetPersonal().catch(() => {}));
    return;
  }
  if (event.data && event.data.type === 'keep' && Array.isArray(event.data.urls)) {
    const urls = event.data.urls.filter((url) => typeof url === 'string' && url.startsWith('/belajar/'));
    event.waitUntil(
      caches.open(CACHE)
        .then((cache) => keep(cache, urls))
        .then(() => event.source && event.source.postMessage({ type: 'kept' }))
        .catch(() => {}),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/_astro/')) {
    // Hashed assets never change under one name: serve from the cache, and keep whatever is fetched,
    // so the chunks a page loads on its own (the player's React) are there offline too.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
    return;
  }
  if (request.mode !== 'navigate') return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Another person may sign in next on a shared device: nothing of the one before stays to be served,
    // even offline. Dropped before the network is tried, so a failed request cannot skip it.
    const handOver = HAND_OVER.test(url.pathname);
    if (handOver) await forgetPersonal();
    try {
      const response = await fetch(request);
      if (!handOver && response.ok && !response.redirected && (TEST_PAGE.test(url.pathname) || (await cache.match(url.pathname)))) {
        // A test page is kept the moment it opens, so a reload without a connection still shows the
        // player with the answers this device holds.
        const copy = response.clone();
        const html = await copy.clone().text();
        await cache.put(url.pathname, copy);
        await keepAssets(cache, html);
      }
      return response;
    } catch (error) {
      return (await cache.match(url.pathname)) || (await cache.match(OFFLINE)) || Response.error();
    }
  })());
});
`;

export const GET: APIRoute = () =>
  new Response(worker, {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      // Browsers check for a new worker on every visit; never let a proxy keep an old one.
      'cache-control': 'no-cache',
      'service-worker-allowed': '/',
    },
  });
