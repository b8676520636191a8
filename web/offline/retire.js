// Served as sw.js by `mkdocs serve` (hooks/service_worker.py): a browser
// that installed the built site's service worker at this address (the same
// host and port) replaces it with this one, which has no fetch handler,
// deletes the site's caches and unregisters itself: the next load, such as
// live reload's, comes from the dev server. It reloads no page itself, so
// nothing can loop.
/** @type {any} */
const retiring = self;

retiring.addEventListener("install", () => retiring.skipWaiting());
retiring.addEventListener("activate", (/** @type {any} */ event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("tip-offline-")) await caches.delete(name);
      }
      await retiring.registration.unregister();
    })(),
  );
});
