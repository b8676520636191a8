// Loaded on every page (a few hundred bytes). On pages that hold runnable
// blocks it imports ui.js (the editor and the runner); nothing else is
// fetched until then, and no Pyodide file until the reader shows the intent
// to run: pointing at or focusing a runnable block or a Run button starts
// the worker's boot (client.js's warmUp, which heeds "save data").
//
// Material's instant navigation swaps pages without reloading scripts, so the
// page is handled from Material's `document$` (one emission per page), and
// ui.js, once imported, stays in memory with its Web Worker for the visit.
/** @type {Promise<typeof import("./ui.js")> | null} */
let ui = null;

/** @type {Promise<typeof import("./progress.js")> | null} */
let progress = null;

function onPage() {
  if (document.querySelector(".tip-progress-page")) {
    progress ??= import("./progress.js");
    progress.then((module) => module.mount(document)).catch((error) => {
      console.error("The progress page could not start:", error);
    });
  }
  if (!document.querySelector("div.runnable, div.threaded, section.exercise")) return;
  ui ??= import("./ui.js");
  ui.then((module) => module.mount(document)).catch((error) => {
    console.error("The Python runner could not start:", error);
  });
}

const INTENT = "div.runnable, .tip-runner, .tip-sim-run";

/** @param {Event} event */
function onIntent(event) {
  if (!ui || !(event.target instanceof Element) || !event.target.closest(INTENT)) return;
  removeEventListener("pointerover", onIntent);
  removeEventListener("focusin", onIntent);
  ui.then(() => import("./client.js")).then((client) => client.warmUp(), () => {});
}
addEventListener("pointerover", onIntent, { passive: true });
addEventListener("focusin", onIntent);

/** @type {{subscribe?: (onPage: () => void) => void} | undefined} Material's */
const pages = /** @type {any} */ (window).document$;
if (pages && typeof pages.subscribe === "function") {
  pages.subscribe(onPage);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", onPage);
} else {
  onPage();
}
