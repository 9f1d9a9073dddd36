/**
 * The service worker that lets the built app open offline. scripts/pwa/vite-plugin-offline.ts
 * compiles it into dist/sw.js behind the build's file list and version (self.__OFFLINE__).
 *
 * - Install: caches the app shell (the page as this server serves it, every built file) and the
 *   sample data under data/, in a cache named after the build's version.
 * - Fetch: the page and precached files come from that cache, so an open session — and every
 *   reload until the user accepts an update — runs one consistent build, online or offline.
 *   Anything under api/ (the workspace server) is never touched: always the network, never cached.
 *   Other requests (basemap tiles, range reads, other origins) go to the network as usual.
 * - Update: a new build installs beside the old one and waits; the page announces it and sends
 *   'skip-waiting' when the user chooses to reload. Only then are the old build's files dropped.
 */

export interface OfflineConfig {
  /** Hash of every precached file's content. */
  readonly version: string;
  /** Paths relative to the worker's scope, e.g. "assets/index-abc.js", "data/county.fgb". */
  readonly files: readonly string[];
}

const worker = self as unknown as ServiceWorkerGlobalScope & { __OFFLINE__: OfflineConfig };
const { version, files } = worker.__OFFLINE__;
const CACHE_PREFIX = 'youyang-forest-map-';
const CACHE = `${CACHE_PREFIX}${version}`;
const scope = worker.registration.scope;
/** The page is cached as the server serves it at the scope (the workspace server marks it). */
const PAGE = new URL('./', scope).href;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // 'reload': straight from the server, not an HTTP-cached older copy.
      cache.addAll([PAGE, ...files.map((file) => new URL(file, scope).href)].map((url) => new Request(url, { cache: 'reload' }))),
    ),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') void worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(scope)) return;
  const path = url.href.slice(scope.length);
  if (path === 'api' || path.startsWith('api/')) return;
  const isPage = request.mode === 'navigate' && (path === '' || path.startsWith('index.html') || path.startsWith('?'));
  event.respondWith(
    caches
      .open(CACHE)
      // ignoreVary: servers send "Vary: Origin", and module scripts are requested with an Origin
      // header that the install's plain requests did not have.
      .then((cache) => cache.match(isPage ? PAGE : request, { ignoreSearch: isPage, ignoreVary: true }))
      .then((cached) => cached ?? fetch(request)),
  );
});
