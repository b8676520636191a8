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

  // Numbered by the block's place on the page, not by the order the toolbars
  // appear: Material sets a block up when it scrolls into view
  // (`content.lazy`), so a later block can get its toolbar first.
  function nameCodeToolbars(root) {
    const unnamed = root.querySelectorAll("nav.md-code__nav:not([aria-label])");
    if (!unnamed.length) return;
    const blocks = [...root.querySelectorAll(".highlight")];
    for (const nav of unnamed) {
      const block = nav.closest(".highlight");
      const index = blocks.indexOf(block) + 1;
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
