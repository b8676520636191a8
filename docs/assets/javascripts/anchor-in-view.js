// Keep the heading a link points to (`page/#anchor`) in view while the page
// settles. The browser, or Material's instant navigation, scrolls to it at
// once, but parts of the page grow just after that (code annotations, the
// runner's panels, the thread simulator), pushing the heading down. For a
// short while after each page view, every change in the article's size
// scrolls the heading back into view, until the reader scrolls on their own.
(() => {
  "use strict";

  const SETTLE_MS = 3000;
  let stop = () => {};

  function follow() {
    stop();
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    const article = document.querySelector("article");
    if (!target || !article) return;
    // Below Material's sticky header: the heading's own scroll margin when it
    // is the :target, else the header's height (instant navigation changes
    // the URL with pushState, which does not make the heading :target).
    const reposition = () => {
      const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
      const header = document.querySelector(".md-header");
      const offset = margin || (header ? header.offsetHeight + 8 : 0);
      const top = target.getBoundingClientRect().top + scrollY - offset;
      if (Math.abs(target.getBoundingClientRect().top - offset) > 1) scrollTo(0, top);
    };
    const observer = new ResizeObserver(() => requestAnimationFrame(reposition));
    requestAnimationFrame(reposition);
    observer.observe(article);
    const readerMoved = ["wheel", "touchstart", "keydown", "mousedown"];
    const timer = setTimeout(() => stop(), SETTLE_MS);
    stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      for (const name of readerMoved) removeEventListener(name, stop, true);
      stop = () => {};
    };
    for (const name of readerMoved) addEventListener(name, stop, { capture: true, passive: true });
  }

  const pages = window.document$;
  if (pages && typeof pages.subscribe === "function") pages.subscribe(follow);
  else follow();
  addEventListener("hashchange", follow);
})();
