// Later boots in a fraction of a boot: a memory snapshot of the booted
// interpreter (Pyodide's makeMemorySnapshot / _loadSnapshot), kept in this
// browser's Cache Storage, gzip-compressed, under a key that names the
// Pyodide version and the runner's own code (config.js's snapshotKey, a hash
// written at build by hooks/runner_assets.py). Used by worker.js.
//
// The snapshot is made by a spare worker of its own (client.js starts it
// after the first Run ends, or when idle): a fresh boot and the runner's
// setup, no reader's code ever, so it never holds a reader's variables; and
// the reader's own worker boots without Pyodide's _makeSnapshot option,
// which makes a boot about a third slower (measured here: its proxy over the
// `js` module), so a first visit is not slowed.
// What lives outside the WebAssembly memory (stdout/stdin handlers, the
// interrupt buffer, files written into Pyodide's file system) is not in it:
// the worker sets those up again after every boot. Anything wrong with a
// stored snapshot (unreadable, corrupt, another build) means a normal boot,
// silently, and the snapshot is deleted; no Cache Storage (an insecure
// origin, some private windows) or a full disk means normal boots.

/** The Cache Storage cache that holds the snapshot (one entry at most). */
export const CACHE = "tip-python-snapshot";

/**
 * What Pyodide's memory holds that must differ between boots: the state of
 * the random module, seeded once at start-up, would otherwise be the same on
 * every boot from one snapshot.
 */
const AFTER_RESTORE = "import random\nrandom.seed()\n";

/**
 * True from a boot from a snapshot that failed until the normal boot after
 * it ends: errors of the failed one that no promise sees are not the reader's.
 */
let trying = false;
export const restoring = () => trying;

/**
 * The stored snapshot's place, or null when this browser gives no Cache
 * Storage or compression streams (then every boot is a normal one).
 * @param {string | null} key
 */
async function openStore(key) {
  if (!key || typeof caches === "undefined") return null;
  if (typeof CompressionStream === "undefined" || typeof DecompressionStream === "undefined") return null;
  try {
    const cache = await caches.open(CACHE);
    return { cache, url: new URL(`snapshot/${encodeURIComponent(key)}`, self.location.href).href };
  } catch {
    return null; // storage disabled (a private window)
  }
}

/** @typedef {NonNullable<Awaited<ReturnType<typeof openStore>>>} Store */

/**
 * The stored snapshot's bytes, decompressed, or null when there is none.
 * Pyodide starts once they are all there (an async function's result adopts
 * the promise it returns). Starting it, and compiling its WebAssembly, while
 * they were decompressed measured no faster on two cores, where the three
 * share the CPU (a later visit's first Run, medians: Chromium 752 ms as it
 * is, 755 ms overlapped, 8 rounds; WebKitGTK 1033 and 1082 ms, 5 rounds).
 * @param {Store} store
 * @returns {Promise<Uint8Array | null>} null: no snapshot stored
 */
async function find(store) {
  const response = await store.cache.match(store.url);
  if (!response?.body) return null;
  const size = Number(response.headers.get("x-tip-bytes"));
  const bytes = new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer().then((buffer) => {
    if (buffer.byteLength !== size) throw new Error("snapshot: truncated");
    return new Uint8Array(buffer);
  });
  return bytes;
}

/**
 * Write `bytes` as the one snapshot of the cache (older ones go).
 * @param {Store} store
 * @param {Uint8Array} bytes
 * @returns {Promise<boolean>} whether it was stored
 */
async function write(store, bytes) {
  try {
    const body = new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)]).stream().pipeThrough(new CompressionStream("gzip"));
    const headers = { "content-type": "application/octet-stream", "x-tip-bytes": String(bytes.byteLength) };
    await store.cache.put(store.url, new Response(body, { headers }));
    for (const request of await store.cache.keys()) {
      if (request.url !== store.url) await store.cache.delete(request);
    }
    return true;
  } catch {
    await store.cache.delete(store.url).catch(() => {});
    return false; // storage full, or gone
  }
}

/**
 * @typedef {object} Booted
 * @property {any} pyodide
 * @property {"snapshot" | "boot"} from
 * @property {boolean} snapshotWanted a normal boot where a snapshot could
 *   be stored: worth a spare worker's makeSnapshot
 */

/**
 * Boot Pyodide from the stored snapshot when there is a good one, else from
 * scratch; then `prepare(pyodide)` (the runner's setup, in the snapshot) has
 * run and `check(pyodide)` holds.
 * @param {(options: object) => Promise<any>} loadPyodide
 * @param {object} options loadPyodide's options
 * @param {string | null} key the snapshot's key; null: no snapshots
 * @param {(pyodide: any) => void} prepare
 * @param {(pyodide: any) => boolean} check true when `prepare` has run in it
 * @returns {Promise<Booted>}
 */
export async function bootPyodide(loadPyodide, options, key, prepare, check) {
  const store = await openStore(key);
  try {
    if (store) {
      try {
        const snapshot = await find(store);
        if (snapshot) {
          trying = true;
          const pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
          pyodide.runPython(AFTER_RESTORE);
          if (check(pyodide)) return { pyodide, from: "snapshot", snapshotWanted: false };
          throw new Error("snapshot: not the runner's state");
        }
      } catch {
        await store.cache.delete(store.url).catch(() => {});
      }
    }
    const pyodide = await loadPyodide(options);
    prepare(pyodide);
    return { pyodide, from: "boot", snapshotWanted: store !== null };
  } finally {
    trying = false;
  }
}

/**
 * The spare worker's job: boot, `prepare`, snapshot, store.
 * @param {(options: object) => Promise<any>} loadPyodide
 * @param {object} options loadPyodide's options, as bootPyodide's
 * @param {string | null} key
 * @param {(pyodide: any) => void} prepare
 * @returns {Promise<boolean>} whether a snapshot was stored
 */
export async function makeSnapshot(loadPyodide, options, key, prepare) {
  const store = await openStore(key);
  if (!store) return false;
  try {
    const pyodide = await loadPyodide({ ...options, _makeSnapshot: true });
    prepare(pyodide);
    return await write(store, pyodide.makeMemorySnapshot());
  } catch {
    return false; // a state Pyodide cannot snapshot: normal boots
  }
}
