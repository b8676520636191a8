// "Your edits are kept": the reader's version of a block's code, saved in
// this browser (localStorage) and found again on a reload or a later visit.
//
// A save is keyed by the page, the block and a hash of the block's ORIGINAL
// code, so a save made from an older original is told apart from one made
// from today's; an index entry per page and block names the hash of its last
// save, so that older save is still found after the original changes.
// Storage that is missing, disabled (some private windows) or full only means
// nothing is kept: every function here then returns null / false, never throws.
import config from "./config.js";

const PREFIX = "tip:v1:";
const INDEX = `${PREFIX}index:`;
const CODE = `${PREFIX}code:`;

/**
 * One saved version of a block.
 * @typedef {object} Saved
 * @property {string} code the reader's code
 * @property {string} hash hash of the original it was edited from
 * @property {number} at when it was saved (ms since the epoch)
 * @property {boolean} changed the block's original is no longer that one
 */

/** @returns {Storage | null} */
export function storage() {
  try {
    const found = window.localStorage;
    // Reading is not enough: Safari's old private mode refused writes only.
    const probe = `${PREFIX}probe`;
    found.setItem(probe, "1");
    found.removeItem(probe);
    return found;
  } catch {
    return null;
  }
}

/**
 * A short, stable hash of `text` (cyrb53: 53 bits, as 14 hex digits). Not
 * cryptographic: it only tells one original from another.
 * @param {string} text
 */
export function hash(text) {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

/**
 * The page's key: its path below the site's root ("locks/",
 * "going-further/queues/"), the same on every host the site is served from.
 */
export function pageKey() {
  const root = new URL(config.siteRoot).pathname;
  const path = location.pathname;
  return path.startsWith(root) ? path.slice(root.length) : path;
}

/** @param {string} page @param {string} block */
const place = (page, block) => `${page}|${block}`;

/**
 * The reader's saved version of a block, or null.
 * @param {string} page
 * @param {string} block
 * @param {string} original the block's original code today
 * @returns {Saved | null}
 */
export function load(page, block, original) {
  const store = storage();
  if (!store) return null;
  try {
    const savedHash = store.getItem(INDEX + place(page, block));
    if (!savedHash) return null;
    const raw = store.getItem(`${CODE}${place(page, block)}|${savedHash}`);
    if (!raw) return null;
    const data = JSON.parse(raw);
    if (typeof data?.code !== "string") return null;
    return {
      code: data.code,
      hash: savedHash,
      at: typeof data.at === "number" ? data.at : 0,
      changed: savedHash !== hash(original),
    };
  } catch {
    return null;
  }
}

/**
 * Keep `code` as the reader's version of a block edited from `original`
 * (or from the original whose hash is `originalHash`, for an import). Code
 * equal to the original is no version of the reader's: the save is dropped.
 * @param {string} page
 * @param {string} block
 * @param {string} original
 * @param {string} code
 * @param {{originalHash?: string, at?: number}} [options]
 * @returns {boolean} whether it was kept
 */
export function save(page, block, original, code, { originalHash, at } = {}) {
  const store = storage();
  if (!store) return false;
  const key = place(page, block);
  const newHash = originalHash ?? hash(original);
  if (originalHash === undefined && code === original) {
    forget(page, block);
    return false;
  }
  try {
    const previous = store.getItem(INDEX + key);
    store.setItem(`${CODE}${key}|${newHash}`, JSON.stringify({ code, at: at ?? Date.now() }));
    store.setItem(INDEX + key, newHash);
    if (previous && previous !== newHash) store.removeItem(`${CODE}${key}|${previous}`);
    return true;
  } catch {
    return false; // full: nothing kept, nothing said (the page still works)
  }
}

/** Drop the reader's version of a block. @param {string} page @param {string} block */
export function forget(page, block) {
  const store = storage();
  if (!store) return;
  const key = place(page, block);
  try {
    const previous = store.getItem(INDEX + key);
    if (previous) store.removeItem(`${CODE}${key}|${previous}`);
    store.removeItem(INDEX + key);
  } catch {
    // nothing to do: storage went away
  }
}

/**
 * Every saved version of this site's blocks, whatever their original
 * (Export on the progress page): `page|block` → {code, hash, at}.
 * @returns {Map<string, {code: string, hash: string, at: number}>}
 */
export function allSaved() {
  /** @type {Map<string, {code: string, hash: string, at: number}>} */
  const found = new Map();
  const store = storage();
  if (!store) return found;
  try {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (!key?.startsWith(INDEX)) continue;
      const where = key.slice(INDEX.length);
      const savedHash = store.getItem(key);
      const raw = store.getItem(`${CODE}${where}|${savedHash}`);
      const data = raw ? JSON.parse(raw) : null;
      if (savedHash && typeof data?.code === "string") {
        found.set(where, { code: data.code, hash: savedHash, at: Number(data.at) || 0 });
      }
    }
  } catch {
    // unreadable: what was found so far
  }
  return found;
}

// -------------------------------------------------------------- progress --
// Each exercise's state in this browser, keyed by its URL below the site's
// root ("locks/#exercise-lost-update", docs_tools.exercises Exercise.url).

/**
 * @typedef {object} Progress
 * @property {"passed" | "failing"} state the last Check's
 * @property {number} at when it was checked (ms since the epoch)
 * @property {string} message the last Check's message
 * @property {number} [hints] hints revealed
 * @property {boolean} [solution] the solution revealed
 */

/** @returns {Record<string, Progress>} */
export function allProgress() {
  const data = readJSON("progress");
  return data && typeof data === "object" && !Array.isArray(data) ? data : {};
}

/** @param {string} url @returns {Progress | null} */
export function progressOf(url) {
  return allProgress()[url] ?? null;
}

/**
 * Merge `change` into an exercise's progress (a Check, a hint shown).
 * @param {string} url
 * @param {Partial<Progress>} change
 */
export function recordProgress(url, change) {
  const all = allProgress();
  all[url] = /** @type {Progress} */ ({ ...all[url], ...change });
  return writeJSON("progress", all);
}

/** @param {Record<string, Progress>} all */
export function replaceProgress(all) {
  return writeJSON("progress", all);
}

/**
 * A JSON value kept under `name` (progress, for one), or null.
 * @param {string} name
 * @returns {any}
 */
export function readJSON(name) {
  const store = storage();
  if (!store) return null;
  try {
    const raw = store.getItem(PREFIX + name);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** @param {string} name @param {any} value @returns {boolean} whether it was kept */
export function writeJSON(name, value) {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(PREFIX + name, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
