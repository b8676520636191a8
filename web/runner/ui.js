// The runner's blocks: turns each `div.runnable` block into an editor with
// Run ▶ / Stop ■ / Reset and a streamed output panel (panel.js), run by the
// page's one Pyodide worker (client.js). The editor (CodeMirror, editor.js)
// is loaded only when the reader edits code.
import { answerInput, startRun, stats, stopOrphan, stopRun } from "./client.js";
import { AskLine } from "./ask.js";
import { mountExercises } from "./exercise.js";
import { Panel, find } from "./panel.js";
import { forget, load as loadSaved, pageKey, save } from "./saved.js";
import { shareBlock } from "./share.js";

import config from "./config.js";

/** @typedef {import("./client.js").Result} Result */
/** @typedef {import("@codemirror/view").EditorView} EditorView */

/** @type {Promise<typeof import("./editor.js")> | null} */
let editorModule = null;
const loadEditor = () => (editorModule ??= import("./editor.js"));

const RESET = `<button type="button" class="tip-reset"><span aria-hidden="true">↺</span> Reset</button>`;
const STDIN = `
  <span>Input: the lines this program reads with input(), one per line</span>
  <textarea rows="2" spellcheck="false"></textarea>`;

const MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const HINT = `Runs in your browser · ${MAC ? "⌘" : "Ctrl"}+Enter`;

/** @param {string} path */
function commandLine(path) {
  const code = document.createElement("code");
  code.textContent = `python ${path}`;
  return code;
}

/** @param {(string | Node)[]} parts */
function message(parts) {
  const fragment = document.createDocumentFragment();
  for (const part of parts) fragment.append(part);
  return fragment;
}

/** @type {Record<string, (path: string) => (string | Node)[]>} */
const VERDICTS = {
  thread: (path) => [
    "This example starts a thread. Browsers give Pyodide (the Python in this page) no threads, so it cannot run here. Run it on your computer: ",
    commandLine(path),
  ],
  process: (path) => [
    "This example starts a process. Browsers give Pyodide (the Python in this page) no processes and no threads, so it cannot run here. Run it on your computer: ",
    commandLine(path),
  ],
  input: (path) => [
    "This example calls input(), and a program cannot wait for typing while it runs in the page. Type its answers in the box below (one line per input() call) and Run again, or run it on your computer: ",
    commandLine(path),
  ],
  "input-ran-out": () => ["The program asked for more lines than the box below holds: add a line and Run again."],
  syntax: () => ["Syntax error: Python could not read the code (see the line marked above). Fix it and run again, or Reset."],
  error: () => ["The program stopped with an exception (traceback above)."],
  exit: () => ["The program exited with an error status."],
  stopped: () => ["Stopped."],
  interrupted: () => ["Stopped (KeyboardInterrupt)."],
  asyncio: (path) => [
    "This example runs an asyncio event loop (asyncio.run()), which the Python in this page can only do in a browser with WebAssembly JSPI (stack switching), and this browser has none. Run it on your computer: ",
    commandLine(path),
  ],
};

// Decorative motion yields to the reader's Python: while it boots or runs,
// <html data-tip-python-busy> pauses Material's pulsing annotation markers
// (accessibility.css), so painting them takes no CPU from it. Where the page
// is painted in software (WebKitGTK under Xvfb, no GPU) the pulse took 0.7 s
// of the main thread's CPU during a boot: a bare boot on the chapter page
// took 6.5-7.3 s with it, 4.9-6.2 s with it stopped (3 rounds each).
addEventListener("tip-runner-busy", (event) => {
  const busy = /** @type {CustomEvent<boolean>} */ (event).detail;
  document.documentElement.toggleAttribute("data-tip-python-busy", busy);
});

// Saves waiting for their moment (a pause in typing), written at once when
// the page is hidden or left.
/** @type {Set<Block>} */
const unsaved = new Set();
const SAVE_AFTER_MS = 300;
addEventListener("pagehide", () => {
  for (const block of unsaved) block.keep();
});

/**
 * The note above a block whose code is the reader's own version: what it is,
 * and the way back to the original (or from it).
 */
class SavedNote {
  /** @param {Block} block */
  constructor(block) {
    this.block = block;
    const root = document.createElement("div");
    root.className = "tip-saved";
    root.hidden = true;
    root.setAttribute("role", "status");
    root.innerHTML = `<p class="tip-saved-text"></p><p class="tip-saved-actions"></p>`;
    this.root = root;
    this.text = find(root, ".tip-saved-text", HTMLParagraphElement);
    this.actions = find(root, ".tip-saved-actions", HTMLParagraphElement);
    /** @type {"hidden" | "yours" | "changed" | "original"} */
    this.state = "hidden";
  }

  /**
   * @param {string} label
   * @param {string} kind the button's class, after "tip-saved-"
   * @param {() => void} action
   */
  button(label, kind, action) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `tip-saved-${kind}`;
    button.textContent = label;
    button.setAttribute("aria-label", `${label}: ${this.block.path}`);
    button.addEventListener("click", action);
    return button;
  }

  /**
   * @param {"hidden" | "yours" | "changed" | "original"} state
   * @param {number} [at] when the version shown was saved
   */
  show(state, at) {
    this.state = state;
    this.root.hidden = state === "hidden";
    this.root.dataset.tipSaved = state;
    const block = this.block;
    const when = at ? ` on ${new Date(at).toLocaleString()}` : "";
    if (state === "yours") {
      this.text.textContent = `Your version — kept in this browser${when}. The page's original code is one click away.`;
      this.actions.replaceChildren(this.button("Reset to the original", "reset", () => block.reset()));
    } else if (state === "changed") {
      this.text.textContent =
        `Your version — kept in this browser${when} — was edited from an earlier original: ` +
        "this example has changed since. Keep yours, or take the new original (yours stays one click away until you leave the page).";
      this.actions.replaceChildren(
        this.button("Keep my version", "keep", () => block.keepMine()),
        this.button("Use the new original", "reset", () => block.reset()),
      );
    } else if (state === "original") {
      this.text.textContent = "Showing the original code. Your version is no longer kept, but you can go back to it until you leave the page.";
      this.actions.replaceChildren(this.button("Back to your version", "undo", () => block.undoReset()));
    }
  }
}

/**
 * What makes a block other than an example's (an exercise's starter).
 * @typedef {object} BlockOptions
 * @property {string} [runText] the main button's text ("Run")
 * @property {string} [runningText] the status while it runs
 * @property {(path: string) => string} [runLabel] its accessible name
 * @property {() => void} [run] what the main button (and Ctrl/Cmd+Enter) does
 * @property {string} [source] the original code, when the page holds it
 * @property {boolean} [wrap] the editor wraps long lines
 */

export class Block {
  /** @param {HTMLElement} element @param {BlockOptions} [options] */
  constructor(element, options = {}) {
    this.element = element;
    this.options = options;
    /** @type {any} */ (element).tipBlock = this; // for tests
    this.path = element.querySelector(":scope > .filename")?.textContent?.trim() ?? "snippet.py";
    // Where the reader's version is kept: this page, this block.
    this.page = pageKey();
    this.key = element.dataset.tipKey ?? this.path;
    /** @type {{code: string, hash?: string, at: number} | null} the reader's
     * version as it was kept, held in memory after a Reset */
    this.undo = null;
    /** @type {import("./saved.js").Saved | null} the version restored, until edited */
    this.restored = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.saveTimer = undefined;
    this.quiet = false; // changes made by the page itself, not typed
    this.note = new SavedNote(this);
    element.before(this.note.root);
    this.pre = element.querySelector(":scope > pre");
    this.original = "";
    this.text = "";
    /** @type {EditorView | null} */
    this.editor = null;
    /** @type {Promise<EditorView> | null} */
    this.editing = null;
    this.running = false;
    /** @type {AskLine | null} the line input() waits on, while it waits */
    this.asking = null;

    const panel = new Panel({
      className: "tip-runner",
      runClass: "tip-run",
      runText: options.runText ?? "Run",
      controls: RESET,
      runningText: options.runningText ?? "Running…",
      labels: {
        toolbar: `${options.runText ?? "Run"} ${this.path}`,
        run: options.runLabel?.(this.path) ?? `Run ${this.path} in the browser`,
        stop: `Stop ${this.path}`,
        output: `Output of ${this.path}`,
      },
    });
    this.panel = panel;
    this.runButton = panel.runButton;
    this.runButton.setAttribute("aria-keyshortcuts", "Control+Enter Meta+Enter");
    this.resetButton = find(panel.root, ".tip-reset", HTMLButtonElement);
    this.resetButton.setAttribute("aria-label", `Reset the code of ${this.path}`);
    this.stdinBox = document.createElement("label");
    this.stdinBox.className = "tip-stdin";
    this.stdinBox.hidden = true;
    this.stdinBox.innerHTML = STDIN;
    this.stdin = find(this.stdinBox, "textarea", HTMLTextAreaElement);
    panel.root.append(this.stdinBox);
    const next = element.nextElementSibling;
    (next && next.tagName === "OL" ? next : element).after(panel.root);
    panel.status.textContent = HINT;

    this.runButton.addEventListener("click", () => this.run());
    panel.stopButton.addEventListener("click", () => stopRun());
    this.resetButton.addEventListener("click", () => this.reset());
    /** @param {KeyboardEvent} event */
    const runKey = (event) => {
      if (event.target instanceof Element && event.target.closest(".cm-editor")) return; // the editor's own key
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.run();
      }
    };
    panel.root.addEventListener("keydown", runKey);
    element.addEventListener("keydown", runKey);
    this.runButton.disabled = true;
    this.resetButton.disabled = true;
    this.load();
  }

  async load() {
    let source = this.options.source ?? null;
    try {
      if (source === null) {
        const response = await fetch(new URL(this.path, config.siteRoot));
        if (response.ok) source = await response.text();
      }
    } catch {
      // fall back to the text of the highlighted block below
    }
    if (source === null) source = this.pre?.querySelector("code")?.textContent ?? "";
    this.original = source.replace(/\n$/, "");
    this.text = this.original;
    // Material's highlighted block stays until the reader edits it: a click,
    // or Enter/typing on it when focused, swaps in the editor.
    const pre = this.pre;
    if (pre instanceof HTMLElement) {
      pre.tabIndex = 0;
      pre.classList.add("tip-editable");
      pre.setAttribute("role", "group"); // a named, focusable block of code
      pre.setAttribute("aria-label", `Python code of ${this.path}: press Enter to edit`);
      pre.addEventListener("click", (event) => {
        if (event.target instanceof Element && event.target.closest(".md-clipboard, .md-annotation, a, button")) return;
        this.edit({ x: event.clientX, y: event.clientY });
      });
      pre.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) return; // Run
        if (event.key === "Enter" || (event.key.length === 1 && !event.ctrlKey && !event.metaKey)) {
          event.preventDefault();
          event.stopPropagation(); // not one of Material's page shortcuts
          this.edit(null);
        }
      });
    }
    this.restore();
    this.element.dataset.tipReady = "";
    this.runButton.disabled = false;
    this.resetButton.disabled = false;
  }

  /** Show the reader's saved version, if this browser kept one. */
  restore() {
    const saved = loadSaved(this.page, this.key, this.original);
    if (!saved || saved.code === this.original) return;
    this.text = saved.code;
    this.restored = saved;
    this.note.show(saved.changed ? "changed" : "yours", saved.at);
    this.element.dataset.tipRestored = saved.changed ? "changed" : "yours";
    this.edit(null, false);
  }

  /** The code changed in the editor: keep it after a pause in typing. */
  changed() {
    if (this.quiet) return;
    this.undo = null;
    this.restored = null;
    if (this.note.state === "original") this.note.show("hidden");
    unsaved.add(this);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.keep(), SAVE_AFTER_MS);
  }

  /** Write the reader's version now (an unchanged original is no version). */
  keep() {
    clearTimeout(this.saveTimer);
    unsaved.delete(this);
    const code = this.code();
    save(this.page, this.key, this.original, code);
    if (this.note.state === "changed") this.note.show(code === this.original ? "hidden" : "yours", Date.now());
  }

  /** "Keep my version": a version of the new original from now on. */
  keepMine() {
    this.restored = null;
    this.keep();
    this.note.show("yours", Date.now());
    this.element.dataset.tipRestored = "yours";
  }

  /** "Back to your version" after a Reset: kept again exactly as it was. */
  undoReset() {
    const undo = this.undo;
    if (undo === null) return;
    this.setText(undo.code);
    this.undo = null;
    save(this.page, this.key, this.original, undo.code, { originalHash: undo.hash, at: undo.at });
    const changed = this.restored?.changed === true;
    this.note.show(changed ? "changed" : "yours", undo.at);
    this.element.dataset.tipRestored = changed ? "changed" : "yours";
  }

  /** Show `code` without it counting as typing. @param {string} code */
  setText(code) {
    this.text = code;
    if (!this.editor) return;
    this.quiet = true;
    try {
      this.editor.dispatch({ changes: { from: 0, to: this.editor.state.doc.length, insert: code } });
    } finally {
      this.quiet = false;
    }
  }

  /**
   * Swap the highlighted block for the editor (once) and focus it.
   * @param {{x: number, y: number} | null} at where the reader clicked
   * @param {boolean} [focus] false: only show it (a restored version)
   */
  edit(at, focus = true) {
    this.editing ??= loadEditor().then(({ makeEditor }) => {
      const holder = document.createElement("div");
      holder.className = "tip-editor";
      const editor = makeEditor(
        holder,
        this.text,
        `Python code of ${this.path} (editable)`,
        () => this.run(),
        () => this.changed(),
        this.options.wrap ?? false,
      );
      this.editor = editor;
      if (this.pre) this.pre.replaceWith(holder);
      else this.element.append(holder);
      this.element.dataset.tipEditing = "";
      return editor;
    });
    return this.editing.then((editor) => {
      if (!focus) return editor;
      if (at) {
        const pos = editor.posAtCoords(at);
        if (pos !== null) editor.dispatch({ selection: { anchor: pos } });
      }
      editor.focus();
      return editor;
    });
  }

  /** For tests and scripts: replace the code, as if typed. @param {string} code */
  async setCode(code) {
    const editor = await this.edit(null);
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: code } });
  }

  code() {
    return this.editor ? this.editor.state.doc.toString() : this.text;
  }

  reset() {
    const mine = this.code();
    clearTimeout(this.saveTimer);
    unsaved.delete(this);
    forget(this.page, this.key);
    this.setText(this.original);
    delete this.element.dataset.tipRestored;
    if (mine !== this.original) {
      const restored = this.restored;
      this.undo = restored ? { code: mine, hash: restored.hash, at: restored.at } : { code: mine, at: Date.now() };
      this.note.show("original");
    } else if (this.note.state !== "original") {
      this.note.show("hidden");
    }
    this.stdin.value = "";
    this.stdinBox.hidden = true;
    if (!this.running) {
      this.panel.output.textContent = "";
      this.panel.message.textContent = "";
      this.panel.result.hidden = true;
      this.panel.status.textContent = HINT;
    }
  }

  run() {
    if (this.runButton.disabled && !this.running) return;
    if (this.options.run) return this.options.run();
    stopRun(true); // a Run already going (here or in another block) ends first
    this.panel.clear();
    this.panel.message.className = "tip-message";
    delete this.element.dataset.tipVerdict;
    this.setRunning(true);
    startRun({
      code: this.code() + "\n",
      stdin: this.stdinBox.hidden ? null : this.stdin.value,
      filename: this.path,
      element: this.element,
      onProgress: (data) => this.panel.showProgress(data),
      onReady: () => this.panel.ready(),
      onOutput: (chunks) => this.panel.append(chunks),
      onDone: (result) => this.done(result),
      onAsk: () => this.ask(),
    });
  }

  /** The program waits in input(): a line to type on, after its prompt. */
  ask() {
    this.panel.draw();
    this.asking?.remove();
    this.panel.status.textContent = "Waiting for your input…";
    this.asking = new AskLine({
      output: this.panel.output,
      path: this.path,
      send: (text) => {
        if (!answerInput(text)) return false;
        this.asking = null;
        this.panel.status.textContent = this.panel.runningText;
        return true;
      },
    });
  }

  /** @param {Result} result */
  done(result) {
    this.asking?.remove();
    this.asking = null;
    this.panel.draw();
    this.setRunning(false);
    const verdict = result.verdict ?? "failed";
    /** @type {(string | Node)[]} */
    const parts = [];
    if (verdict.startsWith("module:")) {
      const name = verdict.slice("module:".length);
      parts.push(
        `The module ${name} is not available here: the Python in this page has only the standard library. Install it and run the example on your computer: `,
        commandLine(this.path),
      );
    } else if (verdict === "crashed") {
      parts.push(`Python stopped working during this Run: ${result.message ?? "unknown error"}. A fresh Python starts for the next Run.`);
    } else if (verdict === "failed") {
      parts.push(`Python could not start in this page: ${result.message ?? "unknown error"}. Run the example on your computer: `, commandLine(this.path));
    } else if (VERDICTS[verdict]) {
      parts.push(...VERDICTS[verdict](this.path));
    }
    if (result.ended && verdict !== "crashed") {
      parts.push(`${parts.length ? " " : ""}Python ended with it (${result.ended}); a fresh Python starts for the next Run.`);
    }
    if (result.dropped) {
      parts.push(
        `${parts.length ? " " : ""}Output capped at 5,000 lines: ${result.dropped.toLocaleString("en")} more line${result.dropped === 1 ? "" : "s"} not shown.`,
      );
    }
    if (!this.panel.output.textContent && verdict === "ok") parts.push("The program printed nothing.");
    this.panel.message.replaceChildren(message(parts));
    this.panel.message.classList.toggle("tip-warning", verdict !== "ok" && verdict !== "stopped" && verdict !== "interrupted");
    this.element.dataset.tipVerdict = verdict;
    if (verdict === "input" && this.stdinBox.hidden) {
      this.stdinBox.hidden = false;
      this.stdin.focus();
    }
    this.panel.status.textContent = verdict === "ok" ? "Finished." : verdict === "stopped" || verdict === "interrupted" ? "Stopped." : "Finished with a problem.";
  }

  /** @param {boolean} running */
  setRunning(running) {
    this.running = running;
    this.panel.setRunning(running);
    this.element.dataset.tipRunning = running ? "true" : "false";
  }
}

// ------------------------------------------------------------------ page --

// Threaded blocks get "Run (simulated threads)" (web/simulator/ui.js).
/** @type {Promise<typeof import("./simulator.js")> | null} */
let simulator = null;

/** Set up the blocks of `root` not set up yet. @param {ParentNode} root */
export function mount(root) {
  if (root.querySelector("div.threaded")) {
    simulator ??= import("./simulator.js");
    simulator
      .then((module) => module.mount(root))
      .catch((error) => console.error("The thread simulator could not start:", error));
  }
  stopOrphan();
  // A block's key for its saved version: its snippet's path, numbered when
  // the page shows the same file twice.
  /** @type {Map<string, number>} */
  const seen = new Map();
  for (const element of root.querySelectorAll("div.runnable")) {
    if (!(element instanceof HTMLElement)) continue;
    const path = element.querySelector(":scope > .filename")?.textContent?.trim() ?? "snippet.py";
    const count = (seen.get(path) ?? 0) + 1;
    seen.set(path, count);
    element.dataset.tipKey ??= count === 1 ? path : `${path}#${count}`;
  }
  for (const element of root.querySelectorAll("div.runnable:not([data-tip-mounted])")) {
    if (!(element instanceof HTMLElement)) continue;
    element.dataset.tipMounted = "";
    shareBlock(new Block(element));
    stats.mounted += 1;
  }
  mountExercises(root);
}
