// The panel under a block: a toolbar (Run, Stop, the block's own controls, a
// status line, a progress bar), then the streamed output and a message.
// Shared by the runner's blocks (ui.js) and the simulator's panel
// (web/simulator/ui.js), so both look and behave alike; each bundle gets its
// own copy (it holds no state of the page).
import { appendStreams } from "./output.js";

/** @typedef {import("./protocol.js").ProgressMessage} ProgressMessage */
/** @typedef {import("./protocol.js").Stream} Stream */

/**
 * The element matching `selector` under `root`, of the class expected.
 * @template {Element} T
 * @param {ParentNode} root
 * @param {string} selector
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
export function find(root, selector, type) {
  const found = root.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`no ${type.name} ${selector}`);
  return found;
}

/**
 * @typedef {object} PanelOptions
 * @property {string} className the panel's own class ("tip-runner", "tip-sim")
 * @property {string} runClass the Run button's class
 * @property {string} runText the Run button's text, after ▶
 * @property {string} controls HTML of the block's own controls, after Stop
 * @property {string} runningText the status while a Run goes
 * @property {{run: string, stop: string, output: string, toolbar?: string}} labels
 *   accessible names, which say which example they are for
 */

export class Panel {
  /** @param {PanelOptions} options */
  constructor({ className, runClass, runText, controls, runningText, labels }) {
    this.runningText = runningText;
    const root = document.createElement("div");
    root.className = className;
    root.innerHTML = `
<div class="tip-toolbar" role="group">
  <button type="button" class="${runClass}"><span aria-hidden="true">▶</span> ${runText}</button>
  <button type="button" class="tip-stop" disabled><span aria-hidden="true">■</span> Stop</button>
  ${controls}
  <span class="tip-status"></span>
  <progress class="tip-progress" max="1" hidden></progress>
</div>
<div class="tip-result" hidden>
  <pre class="tip-output" role="log" aria-live="polite" tabindex="0"></pre>
  <p class="tip-message" role="status"></p>
</div>`;
    this.root = root;
    this.toolbar = find(root, ".tip-toolbar", HTMLDivElement);
    this.runButton = find(root, `.${runClass}`, HTMLButtonElement);
    this.stopButton = find(root, ".tip-stop", HTMLButtonElement);
    this.status = find(root, ".tip-status", HTMLSpanElement);
    this.progress = find(root, ".tip-progress", HTMLProgressElement);
    this.result = find(root, ".tip-result", HTMLDivElement);
    this.output = find(root, ".tip-output", HTMLPreElement);
    this.message = find(root, ".tip-message", HTMLParagraphElement);
    if (labels.toolbar) this.toolbar.setAttribute("aria-label", labels.toolbar);
    this.runButton.setAttribute("aria-label", labels.run);
    this.stopButton.setAttribute("aria-label", labels.stop);
    this.output.setAttribute("aria-label", labels.output);
    /** @type {[Stream, string][]} output not drawn yet */
    this.pending = [];
    /** @type {number | null} */
    this.frame = null;
  }

  /** A new Run: empty output and message, shown. */
  clear() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.pending = [];
    this.output.textContent = "";
    this.message.textContent = "";
    this.result.hidden = false;
    this.status.textContent = this.runningText;
  }

  /** @param {ProgressMessage | null} data */
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

  ready() {
    this.progress.hidden = true;
    this.status.textContent = this.runningText;
  }

  // Output arrives in many small messages: draw it once per frame.
  /** @param {[Stream, string][]} chunks */
  append(chunks) {
    this.pending.push(...chunks);
    this.frame ??= requestAnimationFrame(() => this.draw());
  }

  /** Draw the output not drawn yet (at once, when the Run ends). */
  draw() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = null;
    const chunks = this.pending;
    this.pending = [];
    if (!chunks.length) return;
    this.progress.hidden = true;
    if (this.status.textContent !== this.runningText) this.status.textContent = this.runningText;
    appendStreams(this.output, chunks);
  }

  /** @param {boolean} running */
  setRunning(running) {
    this.stopButton.disabled = !running;
    if (!running) this.progress.hidden = true;
    if (!running && document.activeElement === this.stopButton) this.runButton.focus();
  }
}
