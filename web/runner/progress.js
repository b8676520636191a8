// The progress page (docs/progress.md, hooks/progress.py): each exercise's
// state in this browser, and Export / Import of the reader's work as one file
// (the student's name, each exercise's code and last result, the site's
// version) that a teacher can collect or another computer can restore.
import { allProgress, allSaved, readJSON, replaceProgress, save, storage, writeJSON } from "./saved.js";

/**
 * One exercise, as hooks/progress.py lists it.
 * @typedef {object} Listed
 * @property {string} url "locks/#exercise-lost-update"
 * @property {string} page "locks/"
 * @property {string} chapter
 * @property {string} title
 * @property {"threaded" | "single"} kind
 * @property {string} filename the starter's path (its saved version's key)
 */

/**
 * The exported file's entry for one exercise.
 * @typedef {object} Entry
 * @property {string} url
 * @property {string} title
 * @property {"not tried" | "failing" | "passed"} state
 * @property {string | null} checked when its last Check ran (ISO 8601)
 * @property {string} message its last Check's message
 * @property {number} hints hints revealed
 * @property {boolean} solution the solution revealed
 * @property {string | null} code the student's code (null: the starter, unedited)
 * @property {string | null} original hash of the starter it was edited from
 */

export const FORMAT = "threads-in-python-progress";
const STATES = ["not tried", "failing", "passed"];

/** @param {Listed} item */
const savedKey = (item) => `${item.page}|${item.filename}`;

class ProgressPage {
  /** @param {HTMLElement} root @param {{site: string, version: string, exercises: Listed[]}} data */
  constructor(root, data) {
    this.root = root;
    this.data = data;
    /** @type {any} */ (root).tipProgress = this; // for tests
    const tools = document.createElement("div");
    tools.className = "tip-progress-tools";
    tools.innerHTML = `
<p class="tip-progress-summary" role="status"></p>
<p class="tip-progress-storage" hidden>This browser keeps nothing (storage is turned off or full here): your code and results are not saved, and Import cannot restore a file.</p>
<div class="tip-progress-actions">
  <label class="tip-progress-name">Your name (written in the exported file) <input type="text" autocomplete="name" spellcheck="false"></label>
  <button type="button" class="tip-progress-export">Export my work</button>
  <label class="tip-progress-import">Import a file <input type="file" accept=".json,application/json"></label>
</div>
<p class="tip-progress-result" role="status"></p>`;
    root.prepend(tools);
    this.summary = /** @type {HTMLElement} */ (tools.querySelector(".tip-progress-summary"));
    this.result = /** @type {HTMLElement} */ (tools.querySelector(".tip-progress-result"));
    this.name = /** @type {HTMLInputElement} */ (tools.querySelector(".tip-progress-name input"));
    this.file = /** @type {HTMLInputElement} */ (tools.querySelector(".tip-progress-import input"));
    const exportButton = /** @type {HTMLButtonElement} */ (tools.querySelector(".tip-progress-export"));
    /** @type {HTMLElement} */ (tools.querySelector(".tip-progress-storage")).hidden = storage() !== null;
    this.name.value = String(readJSON("student") ?? "");
    this.name.addEventListener("input", () => writeJSON("student", this.name.value));
    exportButton.addEventListener("click", () => this.download());
    this.file.addEventListener("change", () => {
      const chosen = this.file.files?.[0];
      if (chosen) chosen.text().then((text) => this.import(text, chosen.name));
      this.file.value = "";
    });
    this.draw();
  }

  /** Each row's state, from this browser's storage. */
  draw() {
    const progress = allProgress();
    let passed = 0;
    let failing = 0;
    for (const row of this.root.querySelectorAll("tr[data-exercise-url]")) {
      if (!(row instanceof HTMLElement)) continue;
      const url = row.dataset.exerciseUrl ?? "";
      const entry = progress[url];
      const state = entry?.state === "passed" || entry?.state === "failing" ? entry.state : "not tried";
      if (state === "passed") passed += 1;
      if (state === "failing") failing += 1;
      row.dataset.tipState = state;
      const cell = row.querySelector(".tip-progress-state");
      if (!cell) continue;
      const mark = { passed: "✓", failing: "✗", "not tried": "–" }[state];
      const when = entry?.at ? ` (${new Date(entry.at).toLocaleDateString()})` : "";
      cell.innerHTML = `<span aria-hidden="true"></span> `;
      /** @type {HTMLElement} */ (cell.firstChild).textContent = mark;
      cell.append(`${state}${state === "not tried" ? "" : when}`);
    }
    const total = this.data.exercises.length;
    this.summary.textContent = `${passed} of ${total} exercises passed, ${failing} failing, ${total - passed - failing} not tried (in this browser).`;
  }

  /** The file Export writes. */
  exported() {
    const progress = allProgress();
    const saved = allSaved();
    return {
      format: FORMAT,
      schema: 1,
      site: { name: this.data.site, version: this.data.version, url: new URL("../", location.href).href },
      student: this.name.value.trim(),
      exported: new Date().toISOString(),
      exercises: this.data.exercises.map((item) => {
        const entry = progress[item.url];
        const mine = saved.get(savedKey(item));
        const state = entry?.state === "passed" || entry?.state === "failing" ? entry.state : "not tried";
        return /** @type {Entry} */ ({
          url: item.url,
          title: item.title,
          state,
          checked: entry?.at ? new Date(entry.at).toISOString() : null,
          message: entry?.message ?? "",
          hints: entry?.hints ?? 0,
          solution: entry?.solution ?? false,
          code: mine?.code ?? null,
          original: mine?.hash ?? null,
        });
      }),
    };
  }

  download() {
    const data = this.exported();
    const who = data.student.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "student";
    const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `threads-in-python-${who}-${data.exported.slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
    this.say(`Exported ${data.exercises.length} exercises into ${link.download}.`, false);
  }

  /** @param {string} text @param {boolean} problem */
  say(text, problem) {
    this.result.textContent = text;
    this.result.classList.toggle("tip-warning", problem);
    this.root.dataset.tipImport = problem ? "refused" : "done";
  }

  /**
   * Restore a file Export wrote; a file that is not one changes nothing.
   * @param {string} text
   * @param {string} name the file's name, for the messages
   */
  import(text, name) {
    const entries = validate(text);
    if (typeof entries === "string") {
      this.say(`${name} was not imported, and nothing was changed: ${entries}`, true);
      return;
    }
    if (!storage()) {
      this.say(`${name} was not imported: this browser keeps nothing (storage is turned off or full).`, true);
      return;
    }
    const known = new Map(this.data.exercises.map((item) => [item.url, item]));
    const progress = allProgress();
    let restored = 0;
    let unknown = 0;
    for (const entry of entries.exercises) {
      const item = known.get(entry.url);
      if (!item) {
        unknown += 1;
        continue;
      }
      restored += 1;
      const at = entry.checked ? Date.parse(entry.checked) : Date.now();
      if (entry.state === "not tried") delete progress[entry.url];
      else progress[entry.url] = { state: entry.state, at, message: entry.message, hints: entry.hints, solution: entry.solution };
      if (entry.code !== null && entry.original !== null) {
        save(item.page, item.filename, "", entry.code, { originalHash: entry.original, at });
      }
    }
    replaceProgress(progress);
    if (entries.student) {
      this.name.value = entries.student;
      writeJSON("student", entries.student);
    }
    this.draw();
    const who = entries.student ? ` of ${entries.student}` : "";
    const skipped = unknown ? ` ${unknown} exercise${unknown === 1 ? " is" : "s are"} not on this site and ${unknown === 1 ? "was" : "were"} left out.` : "";
    this.say(`Imported the work${who} from ${name}: ${restored} exercise${restored === 1 ? "" : "s"} restored.${skipped}`, false);
  }
}

/**
 * The exercises of an exported file, or why it is not one.
 * @param {string} text
 * @returns {{student: string, exercises: Entry[]} | string}
 */
export function validate(text) {
  /** @type {any} */
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return "it is not a progress file exported from this site (it is not JSON).";
  }
  if (!data || typeof data !== "object" || data.format !== FORMAT) {
    return "it is not a progress file exported from this site (Export on this page writes one).";
  }
  if (data.schema !== 1) return `it was written by another version of this page (schema ${JSON.stringify(data.schema)}, this page reads 1).`;
  if (!Array.isArray(data.exercises)) return "its list of exercises is missing.";
  if (data.student !== undefined && typeof data.student !== "string") return "its student's name is not text.";
  for (const [index, entry] of data.exercises.entries()) {
    const where = `exercise ${index + 1}${typeof entry?.url === "string" ? ` (${entry.url})` : ""}`;
    if (!entry || typeof entry !== "object" || typeof entry.url !== "string") return `${where} has no address.`;
    if (!STATES.includes(entry.state)) return `${where} has an unknown state ${JSON.stringify(entry.state)}.`;
    if (entry.code !== null && typeof entry.code !== "string") return `${where}: its code is not text.`;
    if (entry.original !== null && typeof entry.original !== "string") return `${where}: its original's hash is not text.`;
    if (entry.checked !== null && (typeof entry.checked !== "string" || Number.isNaN(Date.parse(entry.checked)))) {
      return `${where}: its date is not a date.`;
    }
    if (typeof entry.message !== "string" || typeof entry.hints !== "number" || typeof entry.solution !== "boolean") {
      return `${where} is incomplete (message, hints, solution).`;
    }
  }
  return { student: data.student ?? "", exercises: data.exercises };
}

/** Set up the progress page, if this is it. @param {ParentNode} root */
export function mount(root) {
  const holder = root.querySelector(".tip-progress-page:not([data-tip-mounted])");
  if (!(holder instanceof HTMLElement) || !holder.dataset.exercises) return;
  holder.dataset.tipMounted = "";
  new ProgressPage(holder, JSON.parse(holder.dataset.exercises));
}
