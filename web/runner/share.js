// "Copy link" under a block: a link to this page whose fragment holds the
// block's current code (a runnable block) or the simulator's settings (a
// threaded block), compressed (deflate-raw) and base64url-encoded:
// `#run=<data>`. Opening such a link scrolls to the block and shows that
// code, marked "Shared code, not the page's original — Reset"; it never
// runs it. A link longer than MAX_LINK characters is refused with a message
// (chat apps and LMSs cut long links); where the clipboard is not available
// the link is shown to copy by hand.
//
// Bundled into both the runner's blocks (ui.js) and the simulator's panel
// (web/simulator/ui.js); it keeps no state across them but the link read.

/** The longest link made, in characters: what chats, mail and LMSs keep whole. */
export const MAX_LINK = 4000;
const PREFIX = "#run=";

/**
 * What a link carries. `k` names the block: a runnable block's key
 * (ui.js: its snippet's path, numbered when a page shows it twice), a
 * threaded block's snippet path.
 * @typedef {{v: 1, k: string, code?: string,
 *   sim?: {seed: string, policy: string, granularity: string, quantum: string}}} Shared
 */

// ------------------------------------------------------------ coding --

/** @param {Uint8Array} bytes */
function base64url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} text */
function unbase64url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** @param {Uint8Array} bytes @param {CompressionStream | DecompressionStream} through */
async function pipe(bytes, through) {
  const stream = new Blob([/** @type {BlobPart} */ (bytes)]).stream().pipeThrough(through);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The fragment for `shared`: "z" + deflated JSON, or "j" + JSON where the browser cannot compress. @param {Shared} shared */
export async function encode(shared) {
  const json = new TextEncoder().encode(JSON.stringify(shared));
  if (typeof CompressionStream === "function") {
    return `${PREFIX}z${base64url(await pipe(json, new CompressionStream("deflate-raw")))}`;
  }
  return `${PREFIX}j${base64url(json)}`;
}

/**
 * What a fragment shares; null when it is not a shared link (a heading's
 * anchor); throws when it is one that cannot be read.
 * @param {string} hash
 * @returns {Promise<Shared | null>}
 */
export async function decode(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  const kind = hash.charAt(PREFIX.length);
  const data = hash.slice(PREFIX.length + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(data) || (kind !== "z" && kind !== "j")) throw new Error("not a link made here");
  let bytes = unbase64url(data);
  if (kind === "z") {
    if (typeof DecompressionStream !== "function") throw new Error("this browser cannot decompress it");
    bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
  }
  const shared = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  const valid =
    shared?.v === 1 &&
    typeof shared.k === "string" &&
    (typeof shared.code === "string" ||
      (shared.sim && ["seed", "policy", "granularity", "quantum"].every((name) => typeof shared.sim[name] === "string")));
  if (!valid) throw new Error("it holds no code for a block");
  return shared;
}

// ------------------------------------------------------- the page --

let styled = false;
function style() {
  if (styled) return;
  styled = true;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("./share.css", import.meta.url).href;
  document.head.append(link);
}

/** A note at the top of the article, for a link that points at nothing here. @param {string} text */
function pageNote(text) {
  style();
  const note = document.createElement("p");
  note.className = "tip-share-note tip-share-problem";
  note.setAttribute("role", "alert");
  note.textContent = text;
  const article = document.querySelector("article") ?? document.body;
  article.prepend(note);
}

/** The marker's id: the address the link leaves in the bar once used. */
const MARKER_ID = "tip-shared-code";

/**
 * The link this page was opened with, read once per address (kept on the
 * window: the runner's and the simulator's bundles each have a copy of this
 * module, and both ask).
 * @returns {Promise<Shared | null>}
 */
function opened() {
  const hash = location.hash;
  if (!hash.startsWith(PREFIX)) return Promise.resolve(null);
  const store = /** @type {{__tipShareIncoming?: {hash: string, shared: Promise<Shared | null>}}} */ (
    /** @type {unknown} */ (window)
  );
  if (store.__tipShareIncoming?.hash === hash) return store.__tipShareIncoming.shared;
  const shared = decode(hash).catch(() => {
    pageNote(
      "This link should show shared code, but it cannot be read (it may have been cut off when it was copied): " +
        "the page shows its own code.",
    );
    return null;
  });
  store.__tipShareIncoming = { hash, shared };
  shared.then((found) => {
    if (found && !blockFor(found)) {
      pageNote(`This link shares code for ${found.k}, which this page no longer shows: the page shows its own code.`);
    }
  });
  return shared;
}

/** @param {Shared} shared */
function blockFor(shared) {
  for (const element of document.querySelectorAll("div.runnable, div.threaded")) {
    if (!(element instanceof HTMLElement)) continue;
    const path = element.querySelector(":scope > .filename")?.textContent?.trim();
    const key = element.classList.contains("runnable") ? (element.dataset.tipKey ?? path) : path;
    if (key === shared.k && (shared.sim ? element.classList.contains("threaded") : element.classList.contains("runnable"))) {
      return element;
    }
  }
  return null;
}

/**
 * The link is used: the address becomes the marker's, so a reload shows the
 * page's own code; the page's anchor keeper (assets/javascripts/
 * anchor-in-view.js) then holds the marker in view while the page settles.
 */
function consumed() {
  history.replaceState(history.state, "", `${location.pathname}${location.search}#${MARKER_ID}`);
  dispatchEvent(new HashChangeEvent("hashchange"));
}

/** Open the content tabs holding `element`, then scroll it into view. @param {Element} element */
function reveal(element) {
  /** @type {Element[]} */
  const blocks = [];
  for (let at = element.closest(".tabbed-block"); at; at = at.parentElement?.closest(".tabbed-block") ?? null) {
    blocks.unshift(at);
  }
  for (const block of blocks) {
    const index = [...(block.parentElement?.children ?? [])].indexOf(block);
    const label = block.closest(".tabbed-set")?.querySelector(":scope > .tabbed-labels")?.children[index];
    if (label instanceof HTMLElement) label.click();
  }
  element.scrollIntoView({ block: "start" });
}

/** @param {HTMLElement} element @param {string} name */
function whenSet(element, name) {
  return new Promise((done) => {
    if (element.hasAttribute(name)) return done(undefined);
    const watcher = new MutationObserver(() => {
      if (!element.hasAttribute(name)) return;
      watcher.disconnect();
      done(undefined);
    });
    watcher.observe(element, { attributes: true, attributeFilter: [name] });
  });
}

/**
 * The "Copy link" button, its message line, and the shared marker of one block.
 * @typedef {object} Target
 * @property {HTMLElement} element the block
 * @property {string} path its snippet
 * @property {{toolbar: HTMLElement, status: HTMLElement}} panel
 * @property {() => Shared} state what a link made now carries
 * @property {(shared: Shared) => Promise<boolean>} apply show what a link carries
 * @property {() => void} original back to the page's own
 * @property {string} marker what the marker says
 */

/** @param {Target} target */
function attach(target) {
  style();
  const button = document.createElement("button");
  button.type = "button";
  button.className = "tip-share";
  button.innerHTML = `Copy link`;
  button.setAttribute("aria-label", `Copy link to ${target.path} as it is now`);
  target.panel.status.before(button);
  const box = document.createElement("div");
  box.className = "tip-share-box";
  box.setAttribute("role", "status");
  target.panel.toolbar.after(box);

  button.addEventListener("click", async () => {
    box.replaceChildren();
    const link = location.origin + location.pathname + location.search + (await encode(target.state()));
    if (link.length > MAX_LINK) {
      box.dataset.tipShare = "too-long";
      box.textContent =
        `Too long for a link: it would be ${link.length.toLocaleString("en")} characters, ` +
        `and links longer than ${MAX_LINK.toLocaleString("en")} are cut by many chats, mail and course pages. ` +
        "Shorten the code, or copy the code itself.";
      return;
    }
    try {
      await navigator.clipboard.writeText(link);
      box.dataset.tipShare = "copied";
      box.textContent = `Link copied (${link.length.toLocaleString("en")} characters). Opening it shows this code; it does not run it.`;
    } catch {
      box.dataset.tipShare = "by-hand";
      const label = document.createElement("label");
      label.textContent = "The clipboard is not available here: copy this link ";
      const field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.className = "tip-share-link";
      field.value = link;
      field.addEventListener("focus", () => field.select());
      label.append(field);
      box.append(label);
      field.focus();
    }
  });

  take(target);
}


/** Show what the page's link shares, if it is for `target`. @param {Target} target */
function take(target) {
  opened().then(async (shared) => {
    if (!shared || blockFor(shared) !== target.element) return;
    if (!(await target.apply(shared))) return;
    document.getElementById(MARKER_ID)?.remove();
    const marker = document.createElement("p");
    marker.id = MARKER_ID;
    marker.className = "tip-share-note";
    marker.setAttribute("role", "status");
    marker.append(`${target.marker} — `);
    const reset = document.createElement("button");
    reset.type = "button";
    reset.className = "tip-share-reset";
    reset.textContent = "Reset";
    reset.setAttribute("aria-label", `Reset ${target.path} to the page's original`);
    reset.addEventListener("click", () => {
      target.original();
      marker.remove();
    });
    marker.append(reset);
    target.element.before(marker);
    target.element.dataset.tipShared = "";
    /** @type {any} */ (target.element).tipSharedMarker = marker;
    reveal(marker);
    consumed();
  });
}

/**
 * A runnable block (ui.js Block) gets "Copy link", and takes the code a link shares.
 * @param {import("./ui.js").Block} block
 */
export function shareBlock(block) {
  const forget = () => {
    const marker = /** @type {any} */ (block.element).tipSharedMarker;
    marker?.remove();
    delete block.element.dataset.tipShared;
  };
  block.resetButton.addEventListener("click", forget); // the toolbar's Reset: the original too
  attach({
    element: block.element,
    path: block.path,
    panel: block.panel,
    state: () => ({ v: 1, k: block.key, code: block.code() }),
    marker: "Shared code, not the page's original",
    apply: async (shared) => {
      await whenSet(block.element, "data-tip-ready");
      block.note.show("hidden"); // a version kept in this browser stays kept, not shown
      block.setText(shared.code ?? "");
      await block.edit(null, false);
      return true;
    },
    original: () => {
      block.setText(block.original);
      forget();
      if (!block.running) {
        block.panel.output.textContent = "";
        block.panel.message.textContent = "";
        block.panel.result.hidden = true;
      }
    },
  });
}

/**
 * A threaded block's simulator panel (web/simulator/ui.js) gets "Copy link"
 * for its settings (the code of a threaded block is the page's own).
 * @param {{element: HTMLElement, path: string, panel: {toolbar: HTMLElement, status: HTMLElement},
 *   seed: HTMLInputElement | null, policy: HTMLSelectElement | null,
 *   granularity: HTMLSelectElement | null, quantum: HTMLInputElement | null}} sim
 */
export function shareSimulation(sim) {
  const { seed, policy, granularity, quantum } = sim;
  if (!seed || !policy || !granularity || !quantum) return; // no live simulator: nothing to set
  const defaults = { seed: seed.value, policy: policy.value, granularity: granularity.value, quantum: quantum.value };
  /** @param {{seed: string, policy: string, granularity: string, quantum: string}} values */
  const set = (values) => {
    seed.value = values.seed;
    policy.value = values.policy;
    granularity.value = values.granularity;
    quantum.value = values.quantum;
  };
  attach({
    element: sim.element,
    path: sim.path,
    panel: sim.panel,
    state: () => ({
      v: 1,
      k: sim.path,
      sim: { seed: seed.value, policy: policy.value, granularity: granularity.value, quantum: quantum.value },
    }),
    marker: "Shared simulator settings, not the page's defaults",
    apply: async (shared) => {
      if (!shared.sim) return false;
      set(shared.sim);
      quantum.dataset.touched = "";
      return true;
    },
    original: () => {
      set(defaults);
      delete quantum.dataset.touched;
    },
  });
}
