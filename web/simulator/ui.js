// "Run (simulated threads)" under each threaded block (div.threaded).
//
// Loaded by web/runner/ui.js on pages with threaded blocks (bundled as
// assets/runner/simulator.js). The example runs in the page's one Pyodide
// worker (../runner/client.js) with the threadsim package
// (web/simulator/threadsim/): simulated threads, one at a time, switched by a
// seeded scheduler, on a virtual clock. It must never pass for real threads:
// the panel says what is simulated, links to the real recorded output and
// gives the local command. A browser without WebAssembly JSPI (found by
// feature, hasJspi) cannot run it live: its panel shows runs the build made
// with the simulator's CPython backend for a few seeds, labelled as such, and
// fetches them (assets/simulator-runs/, docs_tools/simulator_runs.py) only
// when the reader asks. The note, the default N and the precomputed seeds are
// the package's own (threadsim.NOTE, DEFAULT_QUANTUM, PRECOMPUTED), written
// into simulator-facts.js at build.
import { startRun, stopRun } from "../runner/client.js";
import config from "../runner/config.js";
import { Panel, find } from "../runner/panel.js";
import { shareSimulation } from "../runner/share.js";
import { hasJspi } from "./files.mjs";
import { DEFAULT_QUANTUM, NOTE, PRECOMPUTED } from "./simulator-facts.js";

/** @typedef {import("../runner/client.js").Result} Result */
/** @typedef {keyof typeof DEFAULT_QUANTUM} Granularity */

const LABEL = `
<p class="tip-sim-label"><strong>Thread simulator</strong> <span class="tip-sim-note"></span></p>
<p class="tip-sim-links"></p>`;

const CONTROLS = `
  <label class="tip-sim-field">Seed <input type="number" class="tip-sim-seed" value="1" min="0" step="1" inputmode="numeric"></label>
  <label class="tip-sim-field">Switch at <select class="tip-sim-granularity">
    <option value="gil">CPython's switch points, in the example's own code (loops, function starts, calls)</option>
    <option value="bytecode">any bytecode instruction</option>
  </select></label>
  <label class="tip-sim-field">every <select class="tip-sim-policy">
    <option value="every">N</option>
    <option value="random">random ~N (seeded)</option>
    <option value="reads">read of shared state (seeded)</option>
  </select></label>
  <label class="tip-sim-field">N <input type="number" class="tip-sim-quantum" value="${DEFAULT_QUANTUM.gil}" min="1" step="1" inputmode="numeric"></label>`;

// Without JSPI: the seeds precomputed at build, nothing else to choose.
const PRECOMPUTED_CONTROLS = `
  <label class="tip-sim-field">Seed <select class="tip-sim-seed-choice">
    ${PRECOMPUTED.seeds.map((seed) => `<option value="${seed}">${seed}</option>`).join("")}
  </select></label>`;

const PRECOMPUTED_LABEL =
  "<strong>Precomputed at build:</strong> this browser cannot run the simulator live " +
  "(no WebAssembly JSPI, the stack switching it needs: recent Chrome, Edge and Firefox have it, " +
  "Safari not yet). These are runs of this same simulator made when the site was built, on " +
  "CPython, at the default settings, one per seed; pick a seed to see its output and timeline. " +
  "Where a switch can fall differs a little between Python versions, so a browser that runs " +
  "the simulator live (Python 3.14) can interleave a seed differently.";

/** @type {Map<string, Promise<any>>} each page's precomputed runs, fetched once */
const runFiles = new Map();

/** This page's file of precomputed runs (docs_tools/simulator_runs.py runs_uri). */
function runsURL() {
  const root = new URL(config.siteRoot);
  const path = location.pathname;
  let page = path.startsWith(root.pathname) ? path.slice(root.pathname.length) : "";
  page = page.replace(/index\.html$/, "");
  if (page && !page.endsWith("/")) page += "/";
  return new URL(`${PRECOMPUTED.dir}${page}runs.json`, root).href;
}

/** @param {string} url */
function loadRuns(url) {
  let file = runFiles.get(url);
  if (!file) {
    file = fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      if (data?.schema !== 1 || typeof data.examples !== "object") throw new Error("not a file of runs");
      return data;
    });
    file.catch(() => runFiles.delete(url)); // the next click tries again
    runFiles.set(url, file);
  }
  return file;
}

const TIMELINE = `
<div class="tip-sim-svg"></div>
<figcaption></figcaption>`;

/** @param {string} text */
function code(text) {
  const element = document.createElement("code");
  element.textContent = text;
  return element;
}

let counter = 0;

class SimBlock {
  // The live run's controls: a panel without JSPI has none (they stay null,
  // and nothing that reads them runs there).
  /** @type {HTMLInputElement} */ seed = /** @type {any} */ (null);
  /** @type {HTMLSelectElement} */ policy = /** @type {any} */ (null);
  /** @type {HTMLInputElement} */ quantum = /** @type {any} */ (null);
  /** @type {HTMLSelectElement} */ granularity = /** @type {any} */ (null);
  // Without JSPI: the seed picked, this page's file of runs, and how many
  // times a run was asked for (a late answer to an earlier ask is dropped).
  /** @type {HTMLSelectElement | null} */ choice = null;
  runsURL = "";
  shown = 0;

  /**
   * @param {HTMLElement} element the block
   * @param {{code?: () => string, after?: Element}} [options] an exercise's
   *   Replay: the code to run (the reader's), and where the panel goes
   */
  constructor(element, options = {}) {
    this.element = element;
    /** @type {(() => string) | null} */
    this.code = options.code ?? null;
    /** @type {{maxSteps?: number, maxTime?: number}} a replayed schedule's budgets */
    this.exact = {};
    /** @type {any} */ (element).tipSimBlock = this; // for tests
    this.path = element.querySelector(":scope > .filename")?.textContent?.trim() ?? "snippet.py";
    /** @type {string | null} */
    this.text = null;
    const live = hasJspi();
    const panel = new Panel({
      className: "tip-sim",
      runClass: "tip-sim-run",
      runText: live ? "Run (simulated threads)" : "Show a precomputed run",
      controls: live ? CONTROLS : PRECOMPUTED_CONTROLS,
      runningText: live ? "Simulating…" : "Loading the precomputed runs…",
      labels: {
        run: live
          ? `Run ${this.path} with simulated threads`
          : `Show a precomputed run of ${this.path} with simulated threads`,
        stop: `Stop the simulation of ${this.path}`,
        output: live ? `Simulated output of ${this.path}` : `Simulated output of ${this.path}, precomputed at build`,
      },
    });
    this.panel = panel;
    const root = panel.root;
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", `Simulated run of ${this.path}`);
    root.insertAdjacentHTML("afterbegin", LABEL);
    find(root, ".tip-sim-note", HTMLSpanElement).textContent = NOTE;
    this.figure = document.createElement("figure");
    this.figure.className = "tip-sim-timeline";
    this.figure.hidden = true;
    this.figure.innerHTML = TIMELINE;
    panel.result.append(this.figure);

    // The real recorded output: the `$ python <path>` block after the code.
    const recorded = this.findRecorded();
    const links = find(root, ".tip-sim-links", HTMLParagraphElement);
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
    (options.after ?? note ?? recorded ?? element).after(root);

    if (!live) {
      this.precomputed(find(root, ".tip-sim-label", HTMLParagraphElement));
      return;
    }
    this.seed = find(root, ".tip-sim-seed", HTMLInputElement);
    this.policy = find(root, ".tip-sim-policy", HTMLSelectElement);
    this.quantum = find(root, ".tip-sim-quantum", HTMLInputElement);
    this.granularity = find(root, ".tip-sim-granularity", HTMLSelectElement);
    // A sensible N per granularity, until the reader sets one.
    this.quantum.addEventListener("input", () => (this.quantum.dataset.touched = ""));
    this.granularity.addEventListener("change", () => {
      if (!("touched" in this.quantum.dataset)) {
        this.quantum.value = String(DEFAULT_QUANTUM[this.chosenGranularity()]);
      }
    });

    root.dataset.tipSim = "ready";
    panel.status.textContent = "Same seed, same run.";
    panel.runButton.addEventListener("click", () => this.run());
    panel.stopButton.addEventListener("click", () => stopRun());
  }

  /** No JSPI: the panel shows the runs precomputed at build. @param {HTMLElement} label */
  precomputed(label) {
    const panel = this.panel;
    panel.root.dataset.tipSim = "precomputed";
    panel.stopButton.remove(); // nothing runs here
    const why = document.createElement("p");
    why.className = "tip-sim-precomputed";
    why.innerHTML = PRECOMPUTED_LABEL;
    label.after(why);
    this.choice = find(panel.root, ".tip-sim-seed-choice", HTMLSelectElement);
    this.runsURL = runsURL();
    panel.runButton.addEventListener("click", () => this.showPrecomputed());
    // Once a run is shown, picking another seed shows that one.
    this.choice.addEventListener("change", () => this.shown && this.showPrecomputed());
  }

  async showPrecomputed() {
    const panel = this.panel;
    const asked = ++this.shown;
    const seed = Number(this.choice?.value);
    panel.clear();
    this.figure.hidden = true;
    delete panel.root.dataset.tipVerdict;
    let file;
    try {
      file = await loadRuns(this.runsURL);
    } catch (error) {
      if (asked !== this.shown) return;
      panel.root.dataset.tipVerdict = "failed";
      panel.message.textContent = `Could not load the precomputed runs: ${/** @type {Error} */ (error).message}.`;
      panel.status.textContent = "Finished with a problem.";
      return;
    }
    if (asked !== this.shown) return;
    /** @type {any} */
    const sim = (file.examples[this.path] ?? []).find((/** @type {any} */ run) => run.seed === seed);
    if (!sim) {
      panel.root.dataset.tipVerdict = "failed";
      panel.message.textContent = `No run of ${this.path} with seed ${seed} was precomputed.`;
      panel.status.textContent = "Finished with a problem.";
      return;
    }
    panel.append(sim.chunks);
    panel.draw();
    panel.root.dataset.tipVerdict = "precomputed";
    this.showSim(sim, file.python);
    panel.status.textContent = `Seed ${seed}: precomputed at build.`;
  }

  /** @returns {Granularity} */
  chosenGranularity() {
    return this.granularity.value === "bytecode" ? "bytecode" : "gil";
  }

  findRecorded() {
    let node = this.element.nextElementSibling;
    for (let i = 0; node && i < 4; i++, node = node.nextElementSibling) {
      const title = node.querySelector(":scope > .filename")?.textContent ?? "";
      if (node.classList.contains("output") && title.trim() === `$ python ${this.path}`) return node;
    }
    return null;
  }

  async source() {
    if (this.code) return this.code();
    if (this.text != null) return this.text;
    const response = await fetch(new URL(this.path, config.siteRoot));
    if (!response.ok) throw new Error(`${this.path}: HTTP ${response.status}`);
    this.text = await response.text();
    return this.text;
  }

  /** @param {HTMLInputElement} input @param {number} fallback @param {number} min */
  number(input, fallback, min) {
    const value = Number.parseInt(input.value, 10);
    return Number.isFinite(value) && value >= min ? value : fallback;
  }

  async run() {
    stopRun(true);
    const panel = this.panel;
    let text;
    try {
      text = await this.source();
    } catch (error) {
      panel.result.hidden = false;
      panel.message.textContent = `Could not load the example: ${/** @type {Error} */ (error).message}`;
      return;
    }
    const granularity = this.chosenGranularity();
    /** @type {import("../runner/protocol.js").SimulateOptions} */
    const options = {
      seed: this.number(this.seed, 1, 0),
      policy: this.policy.value === "random" || this.policy.value === "reads" ? this.policy.value : "every",
      quantum: this.number(this.quantum, DEFAULT_QUANTUM[granularity], 1),
      granularity,
      baseURL: new URL("assets/threadsim/", config.siteRoot).href,
      ...this.exact,
    };
    panel.clear();
    this.figure.hidden = true;
    delete panel.root.dataset.tipVerdict;
    this.setRunning(true);
    startRun({
      code: text,
      filename: this.path,
      stdin: null,
      simulate: options,
      element: this.element,
      onProgress: (data) => panel.showProgress(data),
      onReady: () => panel.ready(),
      onOutput: (chunks) => panel.append(chunks),
      onDone: (result) => this.done(result),
    });
  }

  /**
   * Run exactly `schedule` (the one a Check found broken): its settings shown
   * in the fields, so the reader sees what ran and can vary it.
   * @param {{seed: number, policy: string, granularity: string, quantum: number, maxSteps: number, maxTime?: number}} schedule
   */
  replay(schedule) {
    this.seed.value = String(schedule.seed);
    this.granularity.value = schedule.granularity === "bytecode" ? "bytecode" : "gil";
    this.policy.value = schedule.policy;
    this.quantum.value = String(schedule.quantum);
    this.quantum.dataset.touched = "";
    this.exact = { maxSteps: schedule.maxSteps };
    if (typeof schedule.maxTime === "number") this.exact.maxTime = schedule.maxTime;
    this.panel.root.scrollIntoView({ block: "nearest" });
    return this.run();
  }

  /** @param {Result} result */
  done(result) {
    const panel = this.panel;
    panel.draw();
    this.setRunning(false);
    const verdict = result.verdict ?? "failed";
    panel.root.dataset.tipVerdict = verdict;
    let sim = null;
    try {
      sim = result.sim ? JSON.parse(result.sim) : null;
    } catch {
      sim = null;
    }
    if (sim) {
      this.showSim(sim, null);
      panel.status.textContent = "Finished (simulated).";
    } else if (verdict === "stopped" || verdict === "interrupted") {
      panel.status.textContent = "Stopped.";
    } else {
      panel.message.textContent = `The simulation could not run: ${result.message ?? verdict}.`;
      panel.status.textContent = "Finished with a problem.";
    }
  }

  /**
   * A simulation's statistics and timeline, live or precomputed on CPython `python`.
   * @param {any} sim the simulation's JSON (threadsim._browser._payload)
   * @param {string | null} python
   */
  showSim(sim, python) {
    const panel = this.panel;
    {
      /** @type {any} */ (panel.root).tipSimResult = sim; // for tests
      const seconds = sim.virtual_time.toLocaleString("en", { maximumFractionDigits: 6 });
      panel.message.textContent =
        (python ? `Precomputed at build on CPython ${python}: simulated ` : "Simulated: ") +
        `${seconds} s on the virtual clock, ${sim.switches.toLocaleString("en")} thread switches, ` +
        `${sim.steps.toLocaleString("en")} ${sim.granularity === "bytecode" ? "bytecode instructions" : "switch points (loop iterations and calls)"} ` +
        (sim.policy === "reads"
          ? `(seed ${sim.seed}, a switch after each read of shared state).`
          : `(seed ${sim.seed}, a switch ${sim.policy === "every" ? "every" : "after ~"} ${sim.quantum}).`) +
        (sim.stop_reason ? ` The simulation stopped: ${sim.stop_reason}.` : "");
      find(this.figure, ".tip-sim-svg", HTMLDivElement).innerHTML = sim.svg;
      find(this.figure, "figcaption", HTMLElement).textContent =
        "Simulated timeline: one lane per thread. A bar is the simulator letting that thread run; " +
        "a filled box is time.sleep() on the virtual clock; a dashed box is waiting (join, lock, queue, result); " +
        "a tick is a print(). Same seed, same timeline.";
      this.figure.hidden = false;
    }
  }

  /** @param {boolean} running */
  setRunning(running) {
    this.panel.setRunning(running);
    this.panel.runButton.disabled = running;
    this.panel.root.dataset.tipRunning = running ? "true" : "false";
  }
}

let styled = false;

/**
 * The simulator's panel for an exercise's Replay: under `options.after`,
 * running `options.code()` (the code a Check ran).
 * @param {HTMLElement} element the exercise's starter block
 * @param {{code: () => string, after: Element}} options
 */
export function replayPanel(element, options) {
  style();
  return new SimBlock(element, options);
}

/** Set up the threaded blocks of `root` not set up yet. @param {ParentNode} root */
export function mount(root) {
  style();
  for (const element of root.querySelectorAll("div.threaded:not(.not-simulated):not([data-tip-sim-mounted])")) {
    if (!(element instanceof HTMLElement)) continue;
    element.dataset.tipSimMounted = "";
    shareSimulation(new SimBlock(element));
  }
}

function style() {
  if (!styled) {
    styled = true;
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("./simulator.css", import.meta.url).href;
    // Until its rules arrive the panels stay hidden (web/runner/runner.css):
    // unstyled, their controls made a phone zoom the whole page out.
    const styledNow = () => {
      document.documentElement.dataset.tipSimStyled = "";
    };
    link.addEventListener("load", styledNow);
    link.addEventListener("error", styledNow); // unstyled beats never shown
    document.head.append(link);
  }
}
