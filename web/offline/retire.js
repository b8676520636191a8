// Served as sw.js by `mkdocs serve` (hooks/service_worker.py): a browser
// that installed the built site's service worker at this address (the same
// host and port) replaces it with this one, which deletes the site's caches,
// unregisters itself and reloads the open pages from the dev server, so live
// reload never shows a stale cached page.
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
      for (const client of await retiring.clients.matchAll({ type: "window" })) client.navigate(client.url);
    })(),
  );
});
