// The site's service worker, served as /threads-in-python/sw.js after the
// line hooks/service_worker.py writes above it (self.TIP_BUILD: this build's
// version, Pyodide's version, the files to precache with their SHA-256).
//
// * Offline after one visit: on install it precaches every file of the build
//   into one cache named by the build's version, checking each file's hash,
//   so a deployment that is half uploaded fails the install (it is tried
//   again later) instead of caching a mix. Pages and assets are then served
//   from that cache first. Pyodide's files are cached on their first use,
//   in a cache named by Pyodide's version. A first Run that came before
//   this worker (offline.js registers it only once the page is quiet) did
//   not fetch them through it: the install copies those the browser's HTTP
//   cache kept, without a download, and once that Run has ended the page
//   asks for the rest ("keep-pyodide"), each file checked against its hash.
// * Never in the way of a first visit: while a page says Python boots or
//   runs there ("pause", offline.js), the precache waits between files (at
//   most PAUSE_AT_MOST_MS per pause: a browser ends an install that lasts
//   minutes), so it never competes with Pyodide's download and compile.
// * One version per page: each page (and each worker it starts) is served
//   from the version that served its HTML, until it is reloaded; a version's
//   cache is deleted once no open page uses it. A new version waits until
//   the reader accepts it (offline.js shows the notice).
// * Cross-origin isolated on any host: every response of the site gets
//   COOP/COEP headers, so a page loaded through this worker has
//   SharedArrayBuffer (Stop interrupts Python, web/runner/client.js).
//
// A classic script (no imports): module service workers are not in every
// browser the site supports. Only caches named "tip-offline-…" are touched.

/**
 * @typedef {object} Build
 * @property {string} version
 * @property {string} pyodide
 * @property {Record<string, string | null>} files site path → SHA-256 hex
 *   (null: cached without a check)
 * @property {Record<string, string>} pyodideFiles Pyodide's files (site
 *   path → SHA-256 hex): not precached, copied from the HTTP cache if there
 */
/**
 * What the browser gives a service worker, for the type check (the DOM
 * library and the worker library cannot both be loaded in one project).
 * @typedef {Event & {waitUntil(promise: Promise<unknown>): void}} ExtendableEvent
 * @typedef {ExtendableEvent & {request: Request, clientId: string,
 *   resultingClientId: string, respondWith(response: Promise<Response>): void}} FetchEvent
 * @typedef {ExtendableEvent & {data: any, source: {id: string} | null}} ExtendableMessageEvent
 * @typedef {{id: string, url: string, navigate(url: string): Promise<unknown>}} WindowClient
 * @typedef {object} Scope
 * @property {Build} TIP_BUILD
 * @property {{scope: string}} registration
 * @property {{claim(): Promise<void>, matchAll(options: object): Promise<WindowClient[]>}} clients
 * @property {() => Promise<void>} skipWaiting
 * @property {(type: string, listener: (event: any) => void) => void} addEventListener
 */

/** @type {Scope} */
const sw = /** @type {any} */ (self);
const BUILD = sw.TIP_BUILD;
const PREFIX = "tip-offline-";
const STATE_CACHE = `${PREFIX}state`;
const SCOPE = new URL(sw.registration.scope);
const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

/** @param {string} version */
const siteCache = (version) => `${PREFIX}site-${version}`;
/** @param {string} pyodide */
const pyodideCache = (pyodide) => `${PREFIX}pyodide-${pyodide}`;

// ------------------------------------------------------------- state --

/**
 * Which version serves which page, and which Pyodide each version uses;
 * kept in a cache entry so a restarted worker, or the next version, knows.
 * @typedef {{clients: Record<string, string>, pyodide: Record<string, string>}} State
 */
/** @type {Promise<State> | null} */
let state = null;
/** The reader turned offline use off (offline.js): serve from the network. */
let disabled = false;

function loadState() {
  state ??= (async () => {
    /** @type {State} */
    let loaded = { clients: {}, pyodide: {} };
    try {
      const stored = await (await caches.open(STATE_CACHE)).match("state");
      if (stored) loaded = { ...loaded, ...(await stored.json()) };
    } catch {
      // unreadable: start afresh (pages then use the current version)
    }
    loaded.pyodide[BUILD.version] = BUILD.pyodide;
    return loaded;
  })();
  return state;
}

async function saveState() {
  const current = await loadState();
  const cache = await caches.open(STATE_CACHE);
  await cache.put("state", new Response(JSON.stringify(current), { headers: { "Content-Type": "application/json" } }));
}

/** @param {string} clientId */
async function versionOf(clientId) {
  const { clients } = await loadState();
  const version = clientId ? clients[clientId] : undefined;
  if (version && version !== BUILD.version && !(await caches.has(siteCache(version)))) return BUILD.version;
  return version ?? BUILD.version;
}

/** @param {string} clientId @param {string} version */
async function remember(clientId, version) {
  if (!clientId) return;
  (await loadState()).clients[clientId] = version;
  await saveState();
}

/** Delete the caches of versions no open page uses, and forget closed pages. */
async function cleanUp() {
  const current = await loadState();
  const open = new Set((await sw.clients.matchAll({ includeUncontrolled: true, type: "all" })).map((c) => c.id));
  for (const id of Object.keys(current.clients)) if (!open.has(id)) delete current.clients[id];
  const versions = new Set([BUILD.version, ...Object.values(current.clients)]);
  for (const version of Object.keys(current.pyodide)) if (!versions.has(version)) delete current.pyodide[version];
  const keep = new Set([STATE_CACHE]);
  for (const version of versions) {
    keep.add(siteCache(version));
    keep.add(pyodideCache(current.pyodide[version] ?? BUILD.pyodide));
  }
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
  }
  await saveState();
}

// ------------------------------------------------------------- pause --

const PAUSE_AT_MOST_MS = 60_000;
/** Pages whose Python boots or runs now → the timer that ends their pause. */
const pausedBy = new Map();
/** @type {(() => void)[]} */
let resumers = [];

/** @param {string} id a page's client id @param {boolean} pause */
function setPaused(id, pause) {
  clearTimeout(pausedBy.get(id));
  pausedBy.delete(id);
  if (pause) pausedBy.set(id, setTimeout(() => setPaused(id, false), PAUSE_AT_MOST_MS));
  if (pausedBy.size === 0) {
    for (const resume of resumers) resume();
    resumers = [];
  }
}

/** Resolves once no page's Python boots or runs. */
function unpaused() {
  if (pausedBy.size === 0) return Promise.resolve();
  return new Promise((resolve) => resumers.push(() => resolve(undefined)));
}

// ----------------------------------------------------------- install --

/** The cache key of a site path: a page's folder URL, as links name it. @param {string} path */
function keyOf(path) {
  return new URL(path.replace(/(^|\/)index\.html$/, "$1"), SCOPE).href;
}

/** @param {ArrayBuffer} bytes */
async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** @param {Cache} cache @param {string} path */
async function precacheOne(cache, path) {
  const response = await fetch(new URL(path, SCOPE), { cache: "no-cache" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  const expected = BUILD.files[path];
  if (expected && (await sha256(bytes)) !== expected) {
    throw new Error(`${path} is not the file of version ${BUILD.version} (a deployment in progress?)`);
  }
  await keep(cache, keyOf(path), response, bytes);
}

/**
 * A fetched file as the cache keeps it: its bytes, already decoded, so
 * without the headers that described the encoded body.
 * @param {Cache} cache @param {string} key @param {Response} response @param {ArrayBuffer} bytes
 */
async function keep(cache, key, response, bytes) {
  const headers = new Headers(response.headers);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  await cache.put(key, new Response(bytes, { status: 200, headers }));
}

async function precache() {
  const name = siteCache(BUILD.version);
  const cache = await caches.open(name);
  const paths = Object.keys(BUILD.files);
  const have = new Set((await cache.keys()).map((request) => request.url));
  const queue = paths.filter((path) => !have.has(keyOf(path)));
  // A few at a time: a phone on a slow network still gets its page first.
  const lanes = Array.from({ length: 4 }, async () => {
    for (await unpaused(); queue.length > 0; await unpaused()) {
      const path = /** @type {string} */ (queue.shift());
      await precacheOne(cache, path);
    }
  });
  try {
    await Promise.all(lanes);
  } catch (error) {
    await caches.delete(name);
    throw error;
  }
  await adoptPyodide(false);
  const current = await loadState();
  current.pyodide[BUILD.version] = BUILD.pyodide;
  await saveState();
}

/**
 * Pyodide's files, used by a Run that came before this worker, into
 * Pyodide's cache: at install only those the HTTP cache kept ("only-if-
 * cached": a big file may not be kept there, in a private window for one),
 * the rest when a page that ran Python asks (`download`); only files of
 * this build's Pyodide (their hash). Pages that never ran Python never get
 * here: Pyodide is cached on its first use through this worker.
 * @param {boolean} download
 */
async function adoptPyodide(download) {
  const cache = await caches.open(pyodideCache(BUILD.pyodide));
  /** @type {RequestInit} */
  const options = download ? {} : { cache: "only-if-cached", mode: "same-origin" };
  for (const [path, expected] of Object.entries(BUILD.pyodideFiles ?? {})) {
    await unpaused();
    if (disabled) return;
    const key = keyOf(path);
    try {
      if (await cache.match(key)) continue;
      const response = await fetch(key, options);
      if (!response.ok) continue;
      const bytes = await response.arrayBuffer();
      if ((await sha256(bytes)) !== expected) continue;
      await keep(cache, key, response, bytes);
    } catch {
      // not in the HTTP cache: cached on its first use instead
    }
  }
}

sw.addEventListener("install", (/** @type {ExtendableEvent} */ event) => {
  event.waitUntil(precache());
});

sw.addEventListener("activate", (/** @type {ExtendableEvent} */ event) => {
  event.waitUntil(
    (async () => {
      await sw.clients.claim();
      await cleanUp();
    })(),
  );
});

sw.addEventListener("message", (/** @type {ExtendableMessageEvent} */ event) => {
  const type = event.data?.type;
  if (type === "skip-waiting") event.waitUntil(sw.skipWaiting());
  if (type === "off") disabled = true;
  if (type === "clean-up") event.waitUntil(cleanUp());
  if (type === "keep-pyodide" && !disabled) event.waitUntil(adoptPyodide(true));
  if (type === "pause" || type === "resume") setPaused(event.source?.id ?? "", type === "pause");
});

// ------------------------------------------------------------- fetch --

/** The response with the headers that make a page cross-origin isolated. @param {Response} response */
function isolate(response) {
  if (response.type === "opaque" || response.type === "opaqueredirect" || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** @param {Request} request */
async function fromNetwork(request) {
  const response = await fetch(request);
  // A redirect (a folder URL without its slash) is followed by the page
  // itself, so that its address, and its relative links, are the new URL.
  if (response.redirected && request.mode === "navigate") return Response.redirect(response.url, 301);
  return isolate(response);
}

/** @param {Request} request @param {string} version */
async function pyodideFile(request, version) {
  const name = pyodideCache((await loadState()).pyodide[version] ?? BUILD.pyodide);
  const key = request.url.split(/[?#]/)[0];
  const cache = await caches.open(name);
  const cached = await cache.match(key);
  if (cached) return isolate(cached);
  const response = await fetch(request);
  if (response.ok && response.type === "basic" && !disabled) await cache.put(key, response.clone());
  return isolate(response);
}

/** @param {FetchEvent} event @param {string} path below the site's root */
async function respond(event, path) {
  const { request } = event;
  if (disabled) return fromNetwork(request);
  let version;
  if (request.mode === "navigate") {
    version = BUILD.version;
    event.waitUntil(remember(event.resultingClientId, version).then(cleanUp));
  } else {
    version = await versionOf(event.clientId);
    // A worker's script: the worker is served like the page that starts it.
    if (event.resultingClientId) event.waitUntil(remember(event.resultingClientId, version));
  }
  if (path.startsWith("assets/pyodide/")) return pyodideFile(request, version);
  const name = siteCache(version);
  const cache = (await caches.has(name)) ? await caches.open(name) : null;
  const key = keyOf(decodeURI(path));
  const cached = await cache?.match(key, { ignoreSearch: true });
  if (cached) return isolate(cached);
  // A folder named without its final slash: where the page is.
  if (cache && request.mode === "navigate" && !path.endsWith("/") && (await cache.match(`${key}/`))) {
    return Response.redirect(`${key}/`, 301);
  }
  try {
    return await fromNetwork(request);
  } catch (error) {
    const missing = request.mode === "navigate" ? await cache?.match(keyOf("404.html")) : null;
    if (missing) return isolate(new Response(missing.body, { status: 404, headers: missing.headers }));
    throw error;
  }
}

sw.addEventListener("fetch", (/** @type {FetchEvent} */ event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  if (request.headers.has("range")) return;
  event.respondWith(respond(event, url.pathname.slice(SCOPE.pathname.length)));
});
