// The page's side of the service worker (sw.js, hooks/service_worker.py):
// registers it once the page is quiet (see quiet()), says "A new version is
// available — reload" when a new deployment is ready (the page keeps its own
// version until then), and mounts the switch on the Conventions page that
// turns offline use off (remembered in localStorage) or on again.
//
// Not registered by `mkdocs serve` (config.enabled is false there), nor
// where the reader turned it off.
import config from "./config.js";

const KEY = "tip-offline"; // "off" once the reader turned offline use off
const PREFIX = "tip-offline-"; // the worker's caches
const ROOT = new URL("../../", import.meta.url);
const WORKER = new URL("sw.js", ROOT);
const CHECK_EVERY_MS = 15 * 60 * 1000; // a reader who stays: look for updates
const IDLE_AT_MOST_MS = 5000; // a page that is never idle still gets its worker
const IDLE_WITHOUT_CALLBACK_MS = 2000; // no requestIdleCallback (Safari)

const supported = "serviceWorker" in navigator && window.isSecureContext;

function turnedOff() {
  try {
    return localStorage.getItem(KEY) === "off";
  } catch {
    return false; // storage blocked: the default, on
  }
}

/** The site's registration, if any. */
async function registration() {
  if (!supported) return undefined;
  return navigator.serviceWorker.getRegistration(ROOT.href);
}

/** Unregister the worker and delete its caches (this page stays as it is). */
async function remove() {
  navigator.serviceWorker.controller?.postMessage({ type: "off" });
  for (const found of await navigator.serviceWorker.getRegistrations()) {
    if (found.scope === ROOT.href) await found.unregister();
  }
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX)) await caches.delete(name);
  }
}

// ------------------------------------------------------------ timing --
//
// The install precaches the whole site (several MB): on a first visit it
// must not compete with the page, nor with Pyodide's download and compile
// when the reader runs an example at once (measured in Chromium: a first
// Run 1.27 x a bare boot with the precache beside it, 0.83 x without). So
// the worker is registered once the page has been idle or its first Run has
// ended, whichever comes first, never while Python boots or runs
// (web/runner/client.js tells, "tip-runner-busy"); and while Python boots or
// runs later, the installing worker's precache waits (sw.js "pause").

/** Python boots or a Run goes in this page. */
const runnerBusy = () => /** @type {any} */ (window).__tipRunner?.busy === true;

/** Resolves at the runner's next change between busy and not. */
const runnerChange = () =>
  new Promise((resolve) => window.addEventListener("tip-runner-busy", resolve, { once: true }));

/** Resolves once this page's runner is first no longer busy (a Run ended). */
const firstRunEnded = new Promise((resolve) => {
  /** @param {Event} event */
  const seen = (event) => {
    if (/** @type {CustomEvent<boolean>} */ (event).detail) return;
    window.removeEventListener("tip-runner-busy", seen);
    resolve(undefined);
  };
  window.addEventListener("tip-runner-busy", seen);
});

function idle() {
  return new Promise((resolve) => {
    if (typeof window.requestIdleCallback === "function") {
      window.requestIdleCallback(() => resolve(undefined), { timeout: IDLE_AT_MOST_MS });
    } else {
      setTimeout(resolve, IDLE_WITHOUT_CALLBACK_MS);
    }
  });
}

/** What the registration waits for now, for tests: "idle", "python", or null. */
function waiting(/** @type {string | null} */ what) {
  /** @type {any} */ (window).__tipOfflineWaits = what;
}

async function quiet() {
  waiting("idle");
  await Promise.race([idle(), firstRunEnded]);
  while (runnerBusy()) {
    waiting("python");
    await runnerChange();
  }
  waiting(null);
}

/** Python has booted in this page (its files may not have come through the worker). */
const pythonUsed = () => /** @type {any} */ (window).__tipRunner?.bootMs != null;

let pausing = false;
/**
 * While Python boots or runs here, the worker's precache waits; once it is
 * done, the worker keeps the Pyodide this page used (sw.js adoptPyodide).
 * @param {ServiceWorkerRegistration} found
 */
function pauseWhileBusy(found) {
  if (pausing) return;
  pausing = true;
  const tell = () => {
    const message = { type: runnerBusy() ? "pause" : "resume" };
    found.installing?.postMessage(message);
    found.active?.postMessage(message);
    if (!runnerBusy()) keepPyodide();
  };
  window.addEventListener("tip-runner-busy", tell);
  found.addEventListener("updatefound", () => {
    if (runnerBusy()) tell();
  });
  if (runnerBusy()) tell();
  else keepPyodide();
}

async function keepPyodide() {
  if (!pythonUsed()) return;
  (await navigator.serviceWorker.ready).active?.postMessage({ type: "keep-pyodide" });
}

// ------------------------------------------------------------ update --

/** @type {HTMLElement | null} */
let notice = null;

/** A new version is installed and waits: offer the reload. @param {ServiceWorker} waiting */
function announce(waiting) {
  if (notice) return;
  notice = document.createElement("div");
  notice.className = "tip-update";
  notice.setAttribute("role", "status");
  notice.innerHTML = `<span>A new version is available — </span><button type="button">Reload</button>`;
  const button = /** @type {HTMLButtonElement} */ (notice.querySelector("button"));
  button.setAttribute("aria-label", "Reload to show the new version of this site");
  button.addEventListener("click", () => {
    button.disabled = true;
    // Reload once the new worker controls the page, not before: the page
    // then comes from the new version, whole.
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
    if (waiting.state === "activated") location.reload();
    else waiting.postMessage({ type: "skip-waiting" });
  });
  document.body.append(notice);
}

/** @param {ServiceWorkerRegistration} found */
function watch(found) {
  // No controller: this is the first install, not an update.
  const updating = () => Boolean(navigator.serviceWorker.controller);
  if (found.waiting && updating()) announce(found.waiting);
  found.addEventListener("updatefound", () => {
    const installing = found.installing;
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed" && updating()) announce(installing);
    });
  });
  let checked = Date.now();
  const pages = /** @type {any} */ (window).document$;
  pages?.subscribe?.(() => {
    if (Date.now() - checked < CHECK_EVERY_MS) return;
    checked = Date.now();
    found.update().catch(() => {}); // offline: try again later
  });
}

async function register() {
  const found = await navigator.serviceWorker.register(WORKER.href, { scope: ROOT.href });
  // A browser that blocks service workers (an enterprise policy, a test's
  // browser context) may resolve without a registration: then nothing to watch.
  if (found) {
    pauseWhileBusy(found);
    watch(found);
  }
  return found;
}

// ------------------------------------------------------------ switch --

/** The switch on the Conventions page (#tip-offline-switch). @param {HTMLElement} holder */
function mountSwitch(holder) {
  if (holder.dataset.mounted !== undefined) return;
  holder.dataset.mounted = "";
  holder.innerHTML = `<button type="button" class="md-button"></button> <span class="tip-offline-state" role="status"></span>`;
  const button = /** @type {HTMLButtonElement} */ (holder.querySelector("button"));
  const state = /** @type {HTMLSpanElement} */ (holder.querySelector("span"));
  const show = async () => {
    if (!supported) {
      button.hidden = true;
      state.textContent = "This browser has no service workers here (they need HTTPS): pages load from the network.";
    } else if (!config.enabled) {
      button.hidden = true;
      state.textContent = "Off on the development server (mkdocs serve).";
    } else if (turnedOff()) {
      button.textContent = "Turn offline use on";
      state.textContent = "Offline use is off: pages load from the network, no saved copy is kept.";
    } else {
      const active = Boolean((await registration())?.active);
      button.textContent = "Turn offline use off";
      state.textContent = active
        ? "Offline use is on: this site is kept in your browser."
        : "Offline use is on: this site is being saved in your browser.";
      if (!active) navigator.serviceWorker.ready.then(show); // saved: say so
    }
    holder.dataset.state = !supported || !config.enabled ? "unavailable" : turnedOff() ? "off" : "on";
  };
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      if (turnedOff()) {
        localStorage.removeItem(KEY);
        await register();
        await navigator.serviceWorker.ready; // installed: the site is kept
      } else {
        localStorage.setItem(KEY, "off");
        await remove();
      }
    } catch (error) {
      state.textContent = `That did not work: ${/** @type {Error} */ (error).message}`;
      return;
    } finally {
      button.disabled = false;
    }
    await show();
  });
  show();
}

function onPage() {
  const holder = document.getElementById("tip-offline-switch");
  if (holder) mountSwitch(holder);
}

// -------------------------------------------------------------- start --

/** @returns {Promise<string>} what was done, for tests (window.__tipOffline) */
async function start() {
  if (!supported) return "unsupported";
  if (!config.enabled || turnedOff()) {
    if (await registration()) await remove();
    return "off";
  }
  await quiet();
  if (turnedOff()) return "off"; // turned off meanwhile (the Conventions page)
  await register();
  // The page that asked for a reload is gone now: its version's cache can go.
  navigator.serviceWorker.controller?.postMessage({ type: "clean-up" });
  return "on";
}

const pages = /** @type {any} */ (window).document$;
if (pages && typeof pages.subscribe === "function") pages.subscribe(onPage);
else onPage();
// After the page has loaded, and once it is quiet (start): precaching must
// not compete with the page itself.
/** @type {any} */ (window).__tipOffline = new Promise((done) => {
  const go = () =>
    start().then(done, (error) => {
      console.error("Offline use:", error);
      done("failed");
    });
  if (document.readyState === "complete") go();
  else window.addEventListener("load", go, { once: true });
});
