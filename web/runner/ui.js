// The runner on a page: turns each `div.runnable` block into an editor with
// Run ▶ / Stop ■ / Reset and a streamed output panel, and talks to the one
// Pyodide Web Worker of the visit (module-level singleton: it survives
// Material's instant navigation because this module stays loaded). The
// editor (CodeMirror, editor.js) is loaded only when the reader edits code.

import { appendStreams } from "./output.js";

let editorModule = null;
const loadEditor = () => (editorModule ??= import("./editor.js"));
// Counters for tests and benchmarks (read-only for them).
const stats = { workersCreated: 0, bootMs: null, runs: 0, mounted: 0, running: false };
window.__tipRunner = stats;

// ---------------------------------------------------------------- worker --

const isolated = self.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
const interruptBuffer = isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;

let config = null;
let worker = null;
let booted = false;
let lastProgress = null;
let current = null; // the Run in progress: {id, block, ...callbacks}
let nextId = 1;
let stopTimer = null;

function spawn() {
  booted = false;
  lastProgress = null;
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  stats.workersCreated += 1;
  worker.onmessage = ({ data }) => {
    if (data.type === "progress") {
      lastProgress = data;
      current?.onProgress(data);
    } else if (data.type === "ready") {
      booted = true;
      stats.bootMs = data.ms;
      current?.onReady();
    } else if (data.type === "failed") {
      fail(data.message);
    } else if (data.type === "output") {
      if (current && current.id === data.id) current.onOutput(data.chunks);
    } else if (data.type === "done") {
      if (current && current.id === data.id) finish(data);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message || "the Python worker failed to start");
  };
  worker.postMessage({
    type: "boot",
    indexURL: config.pyodideIndexURL,
    totalBytes: config.pyodideBytes,
    interruptBuffer,
  });
}

// Python could not start (no WebAssembly, a file missing…): say so; the next
// Run tries again with a new worker.
function fail(message) {
  worker?.terminate();
  worker = null;
  finish({ verdict: "failed", message });
}

function finish(result) {
  clearTimeout(stopTimer);
  const run = current;
  if (run?.stopAsked) stats.lastStopMs = performance.now() - run.stopAsked;
  current = null;
  stats.running = false;
  run?.onDone(result);
}

function startRun(run) {
  if (current) stopRun(true);
  if (!worker) spawn();
  run.id = nextId++;
  current = run;
  stats.runs += 1;
  stats.running = true;
  if (interruptBuffer) Atomics.store(interruptBuffer, 0, 0);
  if (!booted) run.onProgress(lastProgress);
  worker.postMessage({ type: "run", id: run.id, code: run.code, filename: run.filename, stdin: run.stdin, simulate: run.simulate ?? null });
}

// Stop the Run in progress: interrupt Python when the page is cross-origin
// isolated (KeyboardInterrupt, the worker stays warm), else, or if Python does
// not stop within 800 ms, end the worker and start a fresh one at once.
function stopRun(hard = false) {
  if (!current) return;
  if (!hard && interruptBuffer && booted) {
    Atomics.store(interruptBuffer, 0, 2); // SIGINT
    const run = current;
    run.stopAsked = performance.now();
    stopTimer = setTimeout(() => {
      if (current === run) stopRun(true);
    }, 800);
    return;
  }
  worker.terminate();
  worker = null;
  finish({ verdict: "stopped" });
  spawn();
}

// ---------------------------------------------------------------- blocks --

const TEMPLATE = `
<div class="tip-toolbar" role="group">
  <button type="button" class="tip-run" aria-keyshortcuts="Control+Enter Meta+Enter"><span aria-hidden="true">▶</span> Run</button>
  <button type="button" class="tip-stop" disabled><span aria-hidden="true">■</span> Stop</button>
  <button type="button" class="tip-reset"><span aria-hidden="true">↺</span> Reset</button>
  <span class="tip-status"></span>
  <progress class="tip-progress" max="1" hidden></progress>
</div>
<div class="tip-result" hidden>
  <pre class="tip-output" role="log" aria-live="polite" tabindex="0"></pre>
  <p class="tip-message" role="status"></p>
</div>
<label class="tip-stdin" hidden>
  <span>Input: the lines this program reads with input(), one per line</span>
  <textarea rows="2" spellcheck="false"></textarea>
</label>`;

const MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const HINT = `Runs in your browser · ${MAC ? "⌘" : "Ctrl"}+Enter`;

function commandLine(path) {
  const code = document.createElement("code");
  code.textContent = `python ${path}`;
  return code;
}

function message(parts) {
  const fragment = document.createDocumentFragment();
  for (const part of parts) fragment.append(part);
  return fragment;
}

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
};

class Block {
  constructor(element) {
    this.element = element;
    element.tipBlock = this; // for tests
    this.path = element.querySelector(":scope > .filename")?.textContent.trim() ?? "snippet.py";
    this.pre = element.querySelector(":scope > pre");
    this.original = null;
    this.editor = null;
    this.running = false;
    this.pending = []; // output chunks not drawn yet
    this.frame = null;

    const panel = document.createElement("div");
    panel.className = "tip-runner";
    panel.innerHTML = TEMPLATE;
    this.panel = panel;
    const next = element.nextElementSibling;
    (next && next.tagName === "OL" ? next : element).after(panel);

    this.runButton = panel.querySelector(".tip-run");
    this.stopButton = panel.querySelector(".tip-stop");
    this.resetButton = panel.querySelector(".tip-reset");
    this.status = panel.querySelector(".tip-status");
    this.progress = panel.querySelector(".tip-progress");
    this.result = panel.querySelector(".tip-result");
    this.output = panel.querySelector(".tip-output");
    this.message = panel.querySelector(".tip-message");
    this.stdinBox = panel.querySelector(".tip-stdin");
    this.stdin = this.stdinBox.querySelector("textarea");

    panel.querySelector(".tip-toolbar").setAttribute("aria-label", `Run ${this.path}`);
    this.runButton.setAttribute("aria-label", `Run ${this.path} in the browser`);
    this.stopButton.setAttribute("aria-label", `Stop ${this.path}`);
    this.resetButton.setAttribute("aria-label", `Reset the code of ${this.path}`);
    this.output.setAttribute("aria-label", `Output of ${this.path}`);
    this.status.textContent = HINT;

    this.runButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => stopRun());
    this.resetButton.addEventListener("click", () => this.reset());
    const runKey = (event) => {
      if (event.target.closest?.(".cm-editor")) return; // the editor's own key
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.run();
      }
    };
    panel.addEventListener("keydown", runKey);
    element.addEventListener("keydown", runKey);
    this.runButton.disabled = true;
    this.resetButton.disabled = true;
    this.load();
  }

  async load() {
    let source = null;
    try {
      const response = await fetch(new URL(this.path, config.siteRoot));
      if (response.ok) source = await response.text();
    } catch {
      // fall back to the text of the highlighted block below
    }
    if (source === null) source = this.pre?.querySelector("code")?.textContent ?? "";
    this.original = source.replace(/\n$/, "");
    this.text = this.original;
    // Material's highlighted block stays until the reader edits it: a click,
    // or Enter/typing on it when focused, swaps in the editor.
    if (this.pre) {
      this.pre.tabIndex = 0;
      this.pre.classList.add("tip-editable");
      this.pre.setAttribute("role", "group"); // a named, focusable block of code
      this.pre.setAttribute("aria-label", `Python code of ${this.path}: press Enter to edit`);
      this.pre.addEventListener("click", (event) => {
        if (event.target.closest(".md-clipboard, .md-annotation, a, button")) return;
        this.edit({ x: event.clientX, y: event.clientY });
      });
      this.pre.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) return; // Run
        if (event.key === "Enter" || (event.key.length === 1 && !event.ctrlKey && !event.metaKey)) {
          event.preventDefault();
          event.stopPropagation(); // not one of Material's page shortcuts
          this.edit(null);
        }
      });
    }
    this.element.dataset.tipReady = "";
    this.runButton.disabled = false;
    this.resetButton.disabled = false;
  }

  // Swap the highlighted block for the editor (once) and focus it.
  edit(at) {
    this.editing ??= loadEditor().then(({ makeEditor }) => {
      const holder = document.createElement("div");
      holder.className = "tip-editor";
      this.editor = makeEditor(holder, this.text, `Python code of ${this.path} (editable)`, () => this.run());
      if (this.pre) this.pre.replaceWith(holder);
      else this.element.append(holder);
      this.element.dataset.tipEditing = "";
      return this.editor;
    });
    return this.editing.then((editor) => {
      if (at) {
        const pos = editor.posAtCoords(at);
        if (pos !== null) editor.dispatch({ selection: { anchor: pos } });
      }
      editor.focus();
      return editor;
    });
  }

  // For tests and scripts: replace the code, as if typed.
  async setCode(code) {
    const editor = await this.edit(null);
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: code } });
  }

  code() {
    return this.editor ? this.editor.state.doc.toString() : this.text ?? "";
  }

  reset() {
    if (this.editor) {
      this.editor.dispatch({ changes: { from: 0, to: this.editor.state.doc.length, insert: this.original } });
    }
    this.text = this.original;
    this.stdin.value = "";
    this.stdinBox.hidden = true;
    if (!this.running) {
      this.output.textContent = "";
      this.message.textContent = "";
      this.result.hidden = true;
      this.status.textContent = HINT;
    }
  }

  run() {
    if (this.runButton.disabled && !this.running) return;
    stopRun(true); // a Run already going (here or in another block) ends first
    this.pending = [];
    this.output.textContent = "";
    this.message.textContent = "";
    this.message.className = "tip-message";
    this.result.hidden = false;
    delete this.element.dataset.tipVerdict;
    this.setRunning(true);
    this.status.textContent = "Running…";
    startRun({
      code: this.code() + "\n",
      stdin: this.stdinBox.hidden ? null : this.stdin.value,
      filename: this.path,
      block: this,
      onProgress: (data) => this.showProgress(data),
      onReady: () => {
        this.progress.hidden = true;
        this.status.textContent = "Running…";
      },
      onOutput: (chunks) => this.append(chunks),
      onDone: (result) => this.done(result),
    });
  }

  showProgress(data) {
    this.progress.hidden = false;
    if (data && data.total) {
      const fraction = Math.min(1, data.loaded / data.total);
      this.progress.value = fraction;
      this.status.textContent =
        data.stage === "start" || fraction >= 1
          ? "Starting Python…"
          : `Loading Python… ${Math.round(fraction * 100)}%`;
    } else {
      this.progress.removeAttribute("value");
      this.status.textContent = "Loading Python…";
    }
    this.progress.setAttribute("aria-label", this.status.textContent);
  }

  // Output arrives in many small messages: draw it once per frame.
  append(chunks) {
    this.pending.push(...chunks);
    this.frame ??= requestAnimationFrame(() => this.draw());
  }

  draw() {
    this.frame = null;
    const chunks = this.pending;
    this.pending = [];
    this.progress.hidden = true;
    if (this.status.textContent !== "Running…") this.status.textContent = "Running…";
    appendStreams(this.output, chunks);
  }

  done(result) {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.draw();
    this.setRunning(false);
    this.progress.hidden = true;
    const verdict = result.verdict ?? "failed";
    const parts = [];
    if (verdict.startsWith("module:")) {
      const name = verdict.slice("module:".length);
      parts.push(
        `The module ${name} is not available here: the Python in this page has only the standard library. Install it and run the example on your computer: `,
        commandLine(this.path),
      );
    } else if (verdict === "failed") {
      parts.push(`Python could not start in this page: ${result.message ?? "unknown error"}. Run the example on your computer: `, commandLine(this.path));
    } else if (VERDICTS[verdict]) {
      parts.push(...VERDICTS[verdict](this.path));
    }
    if (result.dropped) {
      parts.push(
        `${parts.length ? " " : ""}Output capped at 5,000 lines: ${result.dropped.toLocaleString("en")} more line${result.dropped === 1 ? "" : "s"} not shown.`,
      );
    }
    if (!this.output.textContent && verdict === "ok") parts.push("The program printed nothing.");
    this.message.replaceChildren(message(parts));
    this.message.classList.toggle("tip-warning", verdict !== "ok" && verdict !== "stopped" && verdict !== "interrupted");
    this.element.dataset.tipVerdict = verdict;
    if (verdict === "input" && this.stdinBox.hidden) {
      this.stdinBox.hidden = false;
      this.stdin.focus();
    }
    this.status.textContent = verdict === "ok" ? "Finished." : verdict === "stopped" || verdict === "interrupted" ? "Stopped." : "Finished with a problem.";
  }

  setRunning(running) {
    this.running = running;
    this.stopButton.disabled = !running;
    this.element.dataset.tipRunning = running ? "true" : "false";
    if (!running && document.activeElement === this.stopButton) this.runButton.focus();
  }
}

// ------------------------------------------------------------------ page --

// Threaded blocks get "Run (simulated threads)" (web/simulator/ui.js).
let simulator = null;

export function mount(root, pageConfig) {
  config ??= pageConfig;
  if (root.querySelector("div.threaded")) {
    simulator ??= import("./simulator.js");
    simulator
      .then((module) => module.mount(root, config, { startRun, stopRun }))
      .catch((error) => console.error("The thread simulator could not start:", error));
  }
  // A Run whose block left the page (instant navigation) is stopped.
  if (current && !current.block.element.isConnected) stopRun();
  for (const element of root.querySelectorAll("div.runnable:not([data-tip-mounted])")) {
    element.dataset.tipMounted = "";
    new Block(element);
    stats.mounted += 1;
  }
}
