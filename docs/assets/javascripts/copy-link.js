// Copy permanent links: the "Copy link" buttons on the instructors' page and
// every heading's permalink (¶), which copies the heading's absolute URL.
// One delegated listener serves every page, also after instant navigation.
(() => {
  "use strict";

  function canonicalUrl(hash) {
    const canonical = document.querySelector('link[rel="canonical"]');
    const base = canonical ? canonical.href : location.href.split("#")[0];
    return base.split("#")[0] + hash;
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Clipboard blocked (insecure context, permissions): fall back.
      const field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.append(field);
      field.select();
      const done = document.execCommand("copy");
      field.remove();
      return done;
    }
  }

  function announce(element, message) {
    let status = document.getElementById("copy-link-status");
    if (!status) {
      status = document.createElement("div");
      status.id = "copy-link-status";
      status.className = "copy-link-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.append(status);
    }
    status.textContent = message;
    element.dataset.copied = "true";
    setTimeout(() => {
      delete element.dataset.copied;
      status.textContent = "";
    }, 2000);
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy-url]");
    if (button) {
      const ok = await copy(button.dataset.copyUrl);
      announce(button, ok ? `Link copied: ${button.dataset.copyUrl}` : "Copy failed");
      return;
    }
    const permalink = event.target.closest("a.headerlink");
    if (permalink) {
      // Let the browser follow the anchor as usual, and copy its address too.
      const url = canonicalUrl(new URL(permalink.href, location.href).hash);
      const ok = await copy(url);
      permalink.dataset.copyUrl = url;
      announce(permalink, ok ? `Link copied: ${url}` : "Copy failed");
    }
  });
})();
