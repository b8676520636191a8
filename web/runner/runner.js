// Loaded on every page (a few hundred bytes). On pages that hold runnable
// blocks it imports ui.js (the editor and the runner); nothing else is
// fetched until then, and no Pyodide file until the first Run.
//
// Material's instant navigation swaps pages without reloading scripts, so the
// page is handled from Material's `document$` (one emission per page), and
// ui.js, once imported, stays in memory with its Web Worker for the visit.
/** @type {Promise<typeof import("./ui.js")> | null} */
let ui = null;

function onPage() {
  if (!document.querySelector("div.runnable, div.threaded")) return;
  ui ??= import("./ui.js");
  ui.then((module) => module.mount(document)).catch((error) => {
    console.error("The Python runner could not start:", error);
  });
}

/** @type {{subscribe?: (onPage: () => void) => void} | undefined} Material's */
const pages = /** @type {any} */ (window).document$;
if (pages && typeof pages.subscribe === "function") {
  pages.subscribe(onPage);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", onPage);
} else {
  onPage();
}
