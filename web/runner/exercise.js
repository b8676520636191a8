// An exercise on the page (hooks/exercises.py wraps it in
// `section.exercise` with its data): the starter in the page's editor, Check,
// hints shown one at a time, the solution on request, and Replay of the
// schedule a Check found broken, in the thread simulator's panel.
//
// Check runs in the page's one Pyodide worker (client.js): the exercise's
// check.py explores its schedules under the simulator (threadsim.exercise)
// and answers with a verdict, which is shown as it is written, and kept as
// the exercise's progress (saved.js) for the progress page.
import { startRun, stopRun } from "./client.js";
import config from "./config.js";
import { pageKey, progressOf, recordProgress } from "./saved.js";
import { Block } from "./ui.js";

/** @typedef {import("./client.js").Result} Result */

/**
 * The exercise's data (hooks/exercises.py `data`).
 * @typedef {object} ExerciseData
 * @property {string} id its anchor, "exercise-lost-update"
 * @property {string} name
 * @property {string} title
 * @property {"threaded" | "single"} kind
 * @property {string} filename the starter's path
 * @property {string} starter
 * @property {string} check check.py's source
 * @property {number} hints
 * @property {string} command the local check's command
 */

/**
 * A check's answer (threadsim.exercise.Verdict.as_json).
 * @typedef {object} Verdict
 * @property {boolean} passed
 * @property {string} message
 * @property {string | null} [problem]
 * @property {number} [explored]
 * @property {number} [total]
 * @property {any} [schedule] the failing schedule: simulate()'s options
 * @property {number | null} [index]
 * @property {{thread: string, waits: string, on: string, held_by: string | null}[]} [stuck]
 * @property {string} [output] the failing run's output
 */

/** For tests: fewer schedules per Check (`window.__tipCheckOptions = {maxSchedules: 10}`). */
const testOptions = () => /** @type {any} */ (window).__tipCheckOptions ?? {};

/** True when this browser can suspend WebAssembly (JSPI), as the simulator needs. */
const hasJspi = () =>
  typeof WebAssembly !== "undefined" && typeof (/** @type {any} */ (WebAssembly).Suspending) === "function";

/** @param {string} text */
function code(text) {
  const element = document.createElement("code");
  element.textContent = text;
  return element;
}

/** A verdict's message as paragraphs (it is written with blank lines between them). @param {string} text */
function paragraphs(text) {
  const fragment = document.createDocumentFragment();
  for (const part of text.split(/\n{2,}/)) {
    const p = document.createElement("p");
    p.textContent = part;
    fragment.append(p);
  }
  return fragment;
}

class Exercise {
  /** @param {HTMLElement} section @param {ExerciseData} data @param {HTMLElement} starter */
  constructor(section, data, starter) {
    this.section = section;
    /** @type {any} */ (section).tipExercise = this; // for tests
    this.data = data;
    this.url = `${pageKey()}#${data.id}`;
    /** @type {Verdict | null} */
    this.verdict = null;
    /** @type {string | null} the code the last Check ran (Replay runs it) */
    this.checked = null;
    /** @type {any} the simulator panel Replay uses, once made */
    this.replayPanel = null;
    this.block = new Block(starter, {
      runText: "Check",
      runningText: "Checking…",
      runLabel: () => `Check your code for “${data.title}”`,
      run: () => this.check(),
      source: data.starter.replace(/\n$/, ""),
      wrap: true,
    });
    const panel = this.block.panel;
    panel.root.classList.add("tip-exercise-panel");
    panel.status.textContent = data.kind === "threaded" ? "Check tries your code under many thread schedules." : "Check runs your code in this page.";
    this.replayButton = document.createElement("button");
    this.replayButton.type = "button";
    this.replayButton.className = "tip-replay";
    this.replayButton.hidden = true;
    this.replayButton.innerHTML = `<span aria-hidden="true">⟲</span> Replay`;
    this.replayButton.addEventListener("click", () => this.replay());
    panel.stopButton.after(this.replayButton);
    this.verdictBox = document.createElement("div");
    this.verdictBox.className = "tip-verdict";
    this.verdictBox.setAttribute("role", "status");
    this.verdictBox.hidden = true;
    panel.result.prepend(this.verdictBox);
    /** @type {HTMLDetailsElement[]} */
    this.hints = [];
    /** @type {HTMLDetailsElement | null} */
    this.solution = null;
    this.shown = 0; // hints revealed
    /** @type {HTMLButtonElement | null} */
    this.hintButton = null;
    /** @type {HTMLButtonElement | null} */
    this.solutionButton = null;
    this.helps();
    const before = progressOf(this.url);
    if (before?.state) section.dataset.tipProgress = before.state;
  }

  // ------------------------------------------------------- hints, solution --

  /** Hints one at a time, then the solution, each on request. */
  helps() {
    const section = this.section;
    this.hints = [...section.querySelectorAll('details[data-exercise-part="hint"]')].filter(
      (hint) => hint instanceof HTMLDetailsElement,
    );
    const solution = section.querySelector('details[data-exercise-part="solution"]');
    this.solution = solution instanceof HTMLDetailsElement ? solution : null;
    const first = this.hints[0] ?? this.solution;
    if (!first) return;
    const controls = document.createElement("div");
    controls.className = "tip-exercise-controls";
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", `Help with “${this.data.title}”`);
    this.hintButton = document.createElement("button");
    this.hintButton.type = "button";
    this.hintButton.className = "tip-hint-next";
    this.hintButton.addEventListener("click", () => this.showHint());
    this.solutionButton = document.createElement("button");
    this.solutionButton.type = "button";
    this.solutionButton.className = "tip-solution-show";
    this.solutionButton.textContent = "Show the solution (and why it works)";
    this.solutionButton.addEventListener("click", () => this.showSolution(true));
    controls.append(this.hintButton, this.solutionButton);
    first.before(controls);
    for (const hint of this.hints) hint.hidden = true;
    if (this.solution) this.solution.hidden = true;
    else this.solutionButton.hidden = true;
    const before = progressOf(this.url);
    for (let i = 0; i < Math.min(before?.hints ?? 0, this.hints.length); i++) this.revealHint(false);
    if (before?.solution) this.showSolution(false);
    this.labelHint();
  }

  labelHint() {
    const button = this.hintButton;
    if (!button) return;
    const total = this.hints.length;
    button.hidden = this.shown >= total;
    button.textContent = `Show hint ${this.shown + 1} of ${total}`;
  }

  /** @param {boolean} focus */
  revealHint(focus) {
    const hint = this.hints[this.shown];
    if (!hint) return;
    hint.hidden = false;
    hint.open = true;
    this.shown += 1;
    if (focus) hint.querySelector("summary")?.focus();
  }

  showHint() {
    this.revealHint(true);
    this.labelHint();
    recordProgress(this.url, { hints: this.shown });
    if (this.shown >= this.hints.length) this.solutionButton?.focus();
  }

  /** @param {boolean} asked */
  showSolution(asked) {
    const solution = this.solution;
    if (!solution) return;
    solution.hidden = false;
    solution.open = true;
    if (this.solutionButton) this.solutionButton.hidden = true;
    if (asked) {
      solution.querySelector("summary")?.focus();
      recordProgress(this.url, { solution: true });
    }
  }

  // ----------------------------------------------------------------- check --

  check() {
    const block = this.block;
    const panel = block.panel;
    const data = this.data;
    stopRun(true);
    panel.clear();
    this.verdictBox.hidden = true;
    this.verdictBox.replaceChildren();
    this.replayButton.hidden = true;
    delete this.section.dataset.tipCheck;
    if (!hasJspi()) {
      // Both kinds run under the simulator, which needs JSPI.
      this.show(
        null,
        "This browser cannot run the check: it needs WebAssembly JSPI (stack switching; recent Chrome, Edge and Firefox have it). Check your code on your computer instead: ",
        code(`${data.command} FILE`),
      );
      return;
    }
    const text = block.code();
    this.checked = text;
    block.setRunning(true);
    panel.status.textContent = "Checking…";
    startRun({
      code: text,
      filename: data.filename,
      stdin: null,
      element: block.element,
      check: {
        checkSource: data.check,
        baseURL: new URL("assets/threadsim/", config.siteRoot).href,
        options: testOptions(),
      },
      onProgress: (progress) => panel.showProgress(progress),
      onReady: () => {
        panel.ready();
        panel.progress.hidden = false;
        panel.progress.removeAttribute("value");
        panel.progress.setAttribute("aria-label", "Checking");
      },
      onCheckProgress: (explored, total) => {
        panel.progress.hidden = false;
        panel.progress.value = explored / total;
        panel.status.textContent =
          data.kind === "threaded" ? `Checking… ${explored} of ${total} schedules` : "Checking…";
        panel.progress.setAttribute("aria-label", panel.status.textContent);
      },
      onOutput: (chunks) => panel.append(chunks),
      onDone: (result) => this.done(result),
    });
  }

  /** @param {Result} result */
  done(result) {
    const panel = this.block.panel;
    panel.draw();
    this.block.setRunning(false);
    /** @type {Verdict | null} */
    let verdict = null;
    try {
      verdict = result.check ? JSON.parse(result.check) : null;
    } catch {
      verdict = null;
    }
    if (!verdict || typeof verdict.message !== "string") {
      if (result.verdict === "stopped" || result.verdict === "interrupted") {
        this.show(null, "Check stopped. Press Check to start it again.");
        panel.status.textContent = "Stopped.";
      } else {
        const why = result.message ?? (panel.output.textContent ? "see the error above" : result.verdict);
        this.show(null, `The check could not run (${why}). Press Check to try again, or check your code on your computer: `, code(`${this.data.command} FILE`));
        this.section.dataset.tipCheck = "broken";
        panel.status.textContent = "Finished with a problem.";
      }
      return;
    }
    this.verdict = verdict;
    this.show(verdict);
    const state = verdict.passed ? "passed" : "failing";
    this.section.dataset.tipCheck = state;
    this.section.dataset.tipProgress = state;
    panel.status.textContent = verdict.passed ? "Passed." : "Not yet.";
    recordProgress(this.url, { state, at: Date.now(), message: verdict.message });
  }

  /**
   * Show a verdict (or, with null, a message of the page's own).
   * @param {Verdict | null} verdict
   * @param {...(string | Node)} parts the page's message
   */
  show(verdict, ...parts) {
    const panel = this.block.panel;
    const box = this.verdictBox;
    panel.result.hidden = false;
    box.hidden = false;
    box.className = "tip-verdict";
    if (!verdict) {
      const p = document.createElement("p");
      p.append(...parts);
      box.replaceChildren(p);
      box.classList.add("tip-verdict-failing");
      return;
    }
    box.replaceChildren(paragraphs(verdict.message));
    box.classList.add(verdict.passed ? "tip-verdict-passed" : "tip-verdict-failing");
    if (!verdict.passed && verdict.output) {
      panel.append([["out", verdict.output]]);
      panel.draw();
      panel.output.setAttribute("aria-label", `Output of the failing run of ${this.data.filename}`);
    }
    if (!verdict.passed && verdict.schedule) {
      this.replayButton.hidden = false;
      this.replayButton.setAttribute(
        "aria-label",
        `Replay schedule ${verdict.index ?? ""} in the thread simulator and draw its timeline`,
      );
    }
  }

  // ---------------------------------------------------------------- replay --

  /** Run the failing schedule again in the simulator's panel, with its timeline. */
  async replay() {
    const verdict = this.verdict;
    if (!verdict?.schedule || this.checked === null) return;
    const simulator = await import("./simulator.js");
    const checked = this.checked;
    this.replayPanel ??= simulator.replayPanel(this.block.element, {
      code: () => checked,
      after: this.block.panel.root,
    });
    this.replayPanel.code = () => /** @type {string} */ (this.checked);
    this.replayPanel.replay(verdict.schedule, `schedule ${verdict.index ?? ""} of ${verdict.total ?? ""}`);
  }
}

/** Set up the exercises of `root` not set up yet. @param {ParentNode} root */
export function mountExercises(root) {
  for (const section of root.querySelectorAll("section.exercise:not([data-tip-mounted])")) {
    if (!(section instanceof HTMLElement)) continue;
    // The data: a template (a script in the content would be run by
    // Material's instant navigation, which drops its type), or a script.
    const holder = section.querySelector(".exercise-data");
    const starter = section.querySelector("div.exercise");
    if (!holder || !(starter instanceof HTMLElement)) continue;
    const text = holder instanceof HTMLTemplateElement ? holder.content.textContent : holder.textContent;
    section.dataset.tipMounted = "";
    try {
      new Exercise(section, JSON.parse(text ?? ""), starter);
    } catch (error) {
      console.error("An exercise could not be set up:", error);
    }
  }
}
