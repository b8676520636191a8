// "Run (simulated threads)" under each threaded block (div.threaded).
//
// Loaded by web/runner/ui.js on pages with threaded blocks (bundled as
// assets/runner/simulator.js). The example runs in the page's one Pyodide
// worker with the threadsim package (web/simulator/threadsim/): simulated
// threads, one at a time, switched by a seeded scheduler, on a virtual clock.
// It must never pass for real threads: the panel says what is simulated,
// links to the real recorded output and gives the local command. Browsers
// without WebAssembly JSPI get no button, and the panel says why.
import { appendStreams } from "../runner/output.js";
import { hasJspi } from "./files.mjs";

const NOTE =
  "Simulated threads, not real ones: one thread runs at a time (no parallelism, no GIL), " +
  "the simulator chooses when to switch, and time.sleep() moves a virtual clock " +
  "(so does computing: 50 ns a loop iteration, on one simulated core).";

// Default N per granularity: 100,000 loop iterations at 50 ns are 5 ms, CPython's
// switch interval; at bytecode granularity, a switch every 100 instructions.
const DEFAULT_QUANTUM = { gil: 100000, bytecode: 100 };

const TEMPLATE = `
<p class="tip-sim-label"><strong>Thread simulator</strong> <span class="tip-sim-note"></span></p>
<p class="tip-sim-links"></p>
<div class="tip-toolbar" role="group">
  <button type="button" class="tip-sim-run"><span aria-hidden="true">▶</span> Run (simulated threads)</button>
  <button type="button" class="tip-stop" disabled><span aria-hidden="true">■</span> Stop</button>
  <label class="tip-sim-field">Seed <input type="number" class="tip-sim-seed" value="1" min="0" step="1" inputmode="numeric"></label>
  <label class="tip-sim-field">Switch at <select class="tip-sim-granularity">
    <option value="gil">CPython's switch points (loops, calls)</option>
    <option value="bytecode">any bytecode instruction</option>
  </select></label>
  <label class="tip-sim-field">every <select class="tip-sim-policy">
    <option value="every">N</option>
    <option value="random">random ~N (seeded)</option>
  </select></label>
  <label class="tip-sim-field">N <input type="number" class="tip-sim-quantum" value="100000" min="1" step="1" inputmode="numeric"></label>
  <span class="tip-status"></span>
  <progress class="tip-progress" max="1" hidden></progress>
</div>
<div class="tip-result" hidden>
  <pre class="tip-output" role="log" aria-live="polite" tabindex="0"></pre>
  <p class="tip-message" role="status"></p>
  <figure class="tip-sim-timeline" hidden>
    <div class="tip-sim-svg"></div>
    <figcaption></figcaption>
  </figure>
</div>`;

function code(text) {
  const element = document.createElement("code");
  element.textContent = text;
  return element;
}

let counter = 0;

class SimBlock {
  constructor(element, config, api) {
    this.element = element;
    this.config = config;
    this.api = api;
    element.tipSimBlock = this; // for tests
    this.path = element.querySelector(":scope > .filename")?.textContent.trim() ?? "snippet.py";
    const panel = document.createElement("div");
    panel.className = "tip-sim";
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", `Simulated run of ${this.path}`);
    panel.innerHTML = TEMPLATE;
    this.panel = panel;
    panel.querySelector(".tip-sim-note").textContent = NOTE;

    // The real recorded output: the `$ python <path>` block after the code.
    const recorded = this.findRecorded();
    const links = panel.querySelector(".tip-sim-links");
    links.append("Real threads: ");
    if (recorded) {
      recorded.id ||= `recorded-${++counter}-${this.path.replace(/[^\w]+/g, "-")}`;
      const link = document.createElement("a");
      link.href = `#${recorded.id}`;
      link.className = "tip-sim-recorded";
      link.textContent = "the output recorded from CPython";
      links.append(link, " · on your computer: ");
    } else {
      links.append("on your computer: ");
    }
    links.append(code(`python ${this.path}`));

    const note = recorded?.nextElementSibling?.classList.contains("tip-local")
      ? recorded.nextElementSibling
      : null;
    (note ?? recorded ?? element).after(panel);

    this.output = panel.querySelector(".tip-output");
    this.message = panel.querySelector(".tip-message");
    this.result = panel.querySelector(".tip-result");
    this.status = panel.querySelector(".tip-status");
    this.progress = panel.querySelector(".tip-progress");
    this.figure = panel.querySelector(".tip-sim-timeline");
    this.runButton = panel.querySelector(".tip-sim-run");
    this.stopButton = panel.querySelector(".tip-stop");
    this.seed = panel.querySelector(".tip-sim-seed");
    this.policy = panel.querySelector(".tip-sim-policy");
    this.quantum = panel.querySelector(".tip-sim-quantum");
    this.granularity = panel.querySelector(".tip-sim-granularity");
    // A sensible N per granularity, until the reader sets one.
    this.quantum.addEventListener("input", () => (this.quantum.dataset.touched = ""));
    this.granularity.addEventListener("change", () => {
      if (!("touched" in this.quantum.dataset)) {
        this.quantum.value = String(DEFAULT_QUANTUM[this.granularity.value]);
      }
    });
    this.output.setAttribute("aria-label", `Simulated output of ${this.path}`);
    this.runButton.setAttribute("aria-label", `Run ${this.path} with simulated threads`);
    this.stopButton.setAttribute("aria-label", `Stop the simulation of ${this.path}`);

    if (!hasJspi()) {
      // No button: say why, keep the recorded output and the command.
      panel.dataset.tipSim = "unsupported";
      panel.querySelector(".tip-toolbar").remove();
      const why = document.createElement("p");
      why.className = "tip-sim-unsupported";
      why.textContent =
        "This browser cannot run the simulation: it needs WebAssembly JSPI (stack switching), " +
        "found in Chrome and Edge 137 or later. The output shown above is recorded from a real CPython run.";
      panel.querySelector(".tip-sim-label").after(why);
      return;
    }
    panel.dataset.tipSim = "ready";
    this.status.textContent = "Same seed, same run.";
    this.runButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => this.api.stopRun());
  }

  findRecorded() {
    let node = this.element.nextElementSibling;
    for (let i = 0; node && i < 4; i++, node = node.nextElementSibling) {
      const title = node.querySelector?.(":scope > .filename")?.textContent ?? "";
      if (node.classList.contains("output") && title.trim() === `$ python ${this.path}`) return node;
    }
    return null;
  }

  async source() {
    if (this.text != null) return this.text;
    const response = await fetch(new URL(this.path, this.config.siteRoot));
    if (!response.ok) throw new Error(`${this.path}: HTTP ${response.status}`);
    this.text = await response.text();
    return this.text;
  }

  number(input, fallback, min) {
    const value = Number.parseInt(input.value, 10);
    return Number.isFinite(value) && value >= min ? value : fallback;
  }

  async run() {
    this.api.stopRun(true);
    let text;
    try {
      text = await this.source();
    } catch (error) {
      this.result.hidden = false;
      this.message.textContent = `Could not load the example: ${error.message}`;
      return;
    }
    const options = {
      seed: this.number(this.seed, 1, 0),
      policy: this.policy.value,
      quantum: this.number(this.quantum, DEFAULT_QUANTUM[this.granularity.value], 1),
      granularity: this.granularity.value,
      baseURL: new URL("assets/threadsim/", this.config.siteRoot).href,
    };
    this.output.textContent = "";
    this.message.textContent = "";
    this.figure.hidden = true;
    this.result.hidden = false;
    delete this.panel.dataset.tipVerdict;
    this.setRunning(true);
    this.status.textContent = "Simulating…";
    this.api.startRun({
      code: text,
      filename: this.path,
      stdin: null,
      simulate: options,
      block: { element: this.element },
      onProgress: (data) => {
        this.progress.hidden = false;
        if (data && data.total) this.progress.value = Math.min(1, data.loaded / data.total);
        this.status.textContent = "Loading Python…";
      },
      onReady: () => {
        this.progress.hidden = true;
        this.status.textContent = "Simulating…";
      },
      onOutput: (chunks) => this.append(chunks),
      onDone: (result) => this.done(result, options),
    });
  }

  append(chunks) {
    this.progress.hidden = true;
    appendStreams(this.output, chunks);
  }

  done(result, options) {
    this.setRunning(false);
    this.progress.hidden = true;
    const verdict = result.verdict ?? "failed";
    this.panel.dataset.tipVerdict = verdict;
    let sim = null;
    try {
      sim = result.sim ? JSON.parse(result.sim) : null;
    } catch {
      sim = null;
    }
    if (sim) {
      this.panel.tipSimResult = sim; // for tests
      const seconds = sim.virtual_time.toLocaleString("en", { maximumFractionDigits: 6 });
      this.message.textContent =
        `Simulated: ${seconds} s on the virtual clock, ${sim.switches.toLocaleString("en")} thread switches, ` +
        `${sim.steps.toLocaleString("en")} ${sim.granularity === "bytecode" ? "bytecode instructions" : "switch points (loop iterations and calls)"} ` +
        `(seed ${sim.seed}, a switch ${sim.policy === "every" ? "every" : "after ~"} ${sim.quantum}).` +
        (sim.stop_reason ? ` The simulation stopped: ${sim.stop_reason}.` : "");
      this.figure.querySelector(".tip-sim-svg").innerHTML = sim.svg;
      this.figure.querySelector("figcaption").textContent =
        "Simulated timeline: one lane per thread. A bar is the simulator letting that thread run; " +
        "a filled box is time.sleep() on the virtual clock; a dashed box is waiting (join, lock, queue, result); " +
        "a tick is a print(). Same seed, same timeline.";
      this.figure.hidden = false;
      this.status.textContent = "Finished (simulated).";
    } else if (verdict === "stopped" || verdict === "interrupted") {
      this.status.textContent = "Stopped.";
    } else {
      this.message.textContent = `The simulation could not run: ${result.message ?? verdict}.`;
      this.status.textContent = "Finished with a problem.";
    }
    void options;
  }

  setRunning(running) {
    this.running = running;
    this.stopButton.disabled = !running;
    this.runButton.disabled = running;
    this.panel.dataset.tipRunning = running ? "true" : "false";
  }
}

let styled = false;

export function mount(root, config, api) {
  if (!styled) {
    styled = true;
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("./simulator.css", import.meta.url).href;
    document.head.append(link);
  }
  for (const element of root.querySelectorAll("div.threaded:not([data-tip-sim-mounted])")) {
    element.dataset.tipSimMounted = "";
    new SimBlock(element, config, api);
  }
}
