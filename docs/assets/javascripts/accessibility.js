// Accessible names for parts of Material's UI that it renders without one
// (found by axe-core; checked by tests/browser): the search dialog, code
// annotation markers and the per-block code toolbars. Material creates the
// last two with JavaScript, on every page view, so a MutationObserver names
// them as they appear — also after instant navigation.
(() => {
  "use strict";

  function nameSearchDialog() {
    const dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", "Search this site");
    }
  }

  function nameAnnotations(root) {
    for (const marker of root.querySelectorAll("a.md-annotation__index:not([aria-label])")) {
      const number = marker.querySelector("[data-md-annotation-id]");
      const id = number ? number.dataset.mdAnnotationId : "";
      marker.setAttribute("aria-label", `Annotation ${id}`.trim());
    }
  }

  function nameCodeToolbars(root) {
    let index = 0;
    for (const nav of root.querySelectorAll("nav.md-code__nav")) {
      index += 1;
      if (nav.hasAttribute("aria-label")) continue;
      const block = nav.closest(".highlight");
      const title = block && block.querySelector(".filename");
      const what = title ? title.textContent.trim() : `code block ${index}`;
      nav.setAttribute("aria-label", `Actions for ${what} (${index})`);
    }
  }

  function nameAll() {
    nameSearchDialog();
    nameAnnotations(document);
    nameCodeToolbars(document);
  }

  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      nameAll();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  nameAll();
})();
