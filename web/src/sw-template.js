// Service worker: the app shell (every built file) is precached, so the app opens offline; the data comes
// from the app's own last-loaded cache (localStorage), so API calls are never cached here.
const CACHE = 'bc-shell-__VERSION__';
const PRECACHE = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('bc-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

const serverPaths = ['/api/', '/connect/', '/.well-known/', '/openapi/', '/api-docs', '/health', '/alive'];

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || serverPaths.some((p) => url.pathname.startsWith(p))) {
    return;
  }
  if (request.mode === 'navigate') {
    // Network first, so a new version is picked up; the cached shell when offline.
    event.respondWith(fetch(request).catch(() => caches.match('/index.html')));
    return;
  }
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});
