// The service worker for offline reading, served as /sw.js (src/pages/sw.js.ts). The build compiles it to a
// classic script (astro.config.mjs, `virtual:kube/service-worker`): no imports, the worker's own types from
// ./tsconfig.json.

declare const self: ServiceWorkerGlobalScope;
/**
 * Id of this build, put in by the build: new content gets a new cache, and the old copy is deleted when the
 * new worker takes over.
 */
declare const __KUBE_BUILD__: string;

const CACHE = `kube-belajar-${__KUBE_BUILD__}`;
const OFFLINE = '/offline';
const TEST_PAGE = /^\/belajar\/[a-z0-9-]+\/tes\/(pre|post|retention)$/;

self.addEventListener('install', (event) => {
  // The offline notice is fetched as a visitor: it is served to whoever uses the device next.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => keep(cache, [OFFLINE], 'omit'))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// Fetches pages and the hashed assets they use, and stores them. The header tells the server this is
// not a visit by the learner.
async function keep(cache: Cache, urls: readonly string[], credentials: RequestCredentials = 'same-origin') {
  for (const url of urls) {
    const response = await fetch(url, { headers: { 'x-kube-precache': '1' }, credentials });
    if (!response.ok || response.redirected) continue;
    const html = await response.clone().text();
    await cache.put(url, response);
    await keepAssets(cache, html);
  }
}

// The hashed scripts and styles a page uses (they never change under the same name).
async function keepAssets(cache: Cache, html: string) {
  const assets = [...new Set(html.match(/\/_astro\/[^"'\s)]+/g) ?? [])];
  await Promise.all(
    assets.map(async (asset) => {
      if ((await cache.match(asset)) === undefined) await cache.add(asset);
    }),
  );
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
const HAND_OVER = /^\/(masuk|gabung)(\/|$)/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

self.addEventListener('message', (event) => {
  // Pages send { type: 'forget' } (assessment/hand-over.ts) and { type: 'keep', urls } (learning/client).
  const data: unknown = event.data;
  if (!isRecord(data)) return;
  if (data['type'] === 'forget') {
    event.waitUntil(forgetPersonal().catch(() => undefined));
    return;
  }
  const listed = data['urls'];
  if (data['type'] === 'keep' && Array.isArray(listed)) {
    const urls = listed.filter((url): url is string => typeof url === 'string' && url.startsWith('/belajar/'));
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) => keep(cache, urls))
        .then(() => event.source?.postMessage({ type: 'kept' }))
        .catch(() => undefined),
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
          hit ??
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
  event.respondWith(navigate(request, url));
});

// A page: from the network, kept when it is one to keep; from the cache (or the offline notice) without one.
async function navigate(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  // Another person may sign in next on a shared device: nothing of the one before stays to be served,
  // even offline. Dropped before the network is tried, so a failed request cannot skip it.
  const handOver = HAND_OVER.test(url.pathname);
  if (handOver) await forgetPersonal();
  try {
    const response = await fetch(request);
    const keepIt =
      !handOver &&
      response.ok &&
      !response.redirected &&
      (TEST_PAGE.test(url.pathname) || (await cache.match(url.pathname)) !== undefined);
    if (keepIt) {
      // A test page is kept the moment it opens, so a reload without a connection still shows the
      // player with the answers this device holds.
      const copy = response.clone();
      const html = await copy.clone().text();
      await cache.put(url.pathname, copy);
      await keepAssets(cache, html);
    }
    return response;
  } catch {
    return (await cache.match(url.pathname)) ?? (await cache.match(OFFLINE)) ?? Response.error();
  }
}
