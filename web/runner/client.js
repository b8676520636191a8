// The page's side of the one Pyodide worker of the visit (worker.js): starts
// it on the first Run, sends Runs, hands their output and end to whoever
// started them, and stops them. Its own bundle (assets/runner/client.js),
// imported by the runner's blocks (ui.js), the simulator's panel and the
// browser tests, so all of them share this module's one worker; it survives
// Material's instant navigation because the module stays loaded.
import config from "./config.js";
import { uniqueName, watch } from "./lifeline.js";
import { answerShared, sharedAnswerBuffer, waitMode } from "./waiting.js";

/** @typedef {import("./protocol.js").FromWorker} FromWorker */
/** @typedef {import("./protocol.js").ToWorker} ToWorker */
/** @typedef {import("./protocol.js").ProgressMessage} ProgressMessage */
/** @typedef {import("./protocol.js").Stream} Stream */

/**
 * How a Run ended: the worker's done message, or "stopped" / "failed" (with
 * the reason) decided here.
 * @typedef {object} Result
 * @property {string} verdict
 * @property {number} [dropped]
 * @property {string | null} [sim]
 * @property {string | null} [check] a check's verdict, as JSON
 * @property {string} [message]
 * @property {string} [ended] Python ended with this Run (a crash, os._exit):
 *   why; a fresh worker takes over
 */

/**
 * One Run, as its starter describes it.
 * @typedef {object} Run
 * @property {string} code
 * @property {string} filename
 * @property {string | null} stdin
 * @property {import("./protocol.js").SimulateOptions | null} [simulate]
 * @property {{checkSource: string, baseURL: string, options: {maxSchedules?: number}} | null} [check]
 *   check an exercise instead of running it (protocol.js CheckMessage)
 * @property {(explored: number, total: number) => void} [onCheckProgress]
 * @property {Element} element the block it belongs to: when it leaves the
 *   page, the Run is stopped (stopOrphan)
 * @property {(progress: ProgressMessage | null) => void} onProgress
 * @property {() => void} onReady
 * @property {(chunks: [Stream, string][]) => void} onOutput
 * @property {(result: Result) => void} onDone
 * @property {() => void} [onAsk] input() waits for the reader: answer with
 *   answerInput()
 */

/**
 * Counters for tests and benchmarks (read-only for them). `bootFrom`: how
 * the last worker booted ("snapshot" or "boot"); `snapshotsStored`: the
 * memory snapshots its workers wrote, `snapshotsRefused` those storage
 * refused; `busy`: Python boots or a Run goes (told by a "tip-runner-busy"
 * event on window, whose detail is `busy`: the service worker's precache
 * waits for it, web/offline/offline.js).
 * `bootModule`: whether the last worker compiled Pyodide's WebAssembly or
 * instantiated the module an earlier one compiled ("compiled", "reused").
 * @type {{workersCreated: number, bootMs: number | null, runs: number,
 *   mounted: number, running: boolean, lastStopMs: number | null,
 *   bootFrom: string | null, bootModule: string | null,
 *   snapshotsStored: number, snapshotsRefused: number, busy: boolean}}
 */
export const stats = {
  workersCreated: 0,
  bootMs: null,
  bootModule: null,
  runs: 0,
  mounted: 0,
  running: false,
  lastStopMs: null,
  bootFrom: null,
  snapshotsStored: 0,
  snapshotsRefused: 0,
  busy: false,
};
/** @type {any} */ (window).__tipRunner = stats;

const isolated = self.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
const sharesAnswers = waitMode() === "shared";

/** @type {Worker | null} */
let worker = null;
let booted = false;
/** @type {ProgressMessage | null} */
let lastProgress = null;
/** @type {{run: Run, id: number, stopAsked: number | null, waiting?: boolean} | null} */
let current = null;
// The buffers this page shares with the current worker: where Stop writes
// SIGINT (isolated pages), where input() waits for its answer (waiting.js,
// mode "shared"). New ones for each worker: a worker that was ended can
// run on for a second (seen in Chromium), and one that shared them read the
// next worker's Stop and answers first.
/** @type {Int32Array | null} */
let interruptBuffer = null;
/** @type {SharedArrayBuffer | null} */
let answerBuffer = null;
// A booted worker says "started" as soon as a Run reaches it; one that does
// not within this time has stopped answering (its event loop is stuck).
const ANSWER_WITHIN_MS = 2000;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let answerTimer;
let nextId = 1;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let stopTimer;

/** @type {WebAssembly.Module | null} pyodide.asm.wasm, compiled by a worker of this visit */
let compiled = null;

/** @type {ToWorker[] | null} messages for the worker held until it may boot */
let held = null;
/** @type {Promise<void> | null} a spare worker making a snapshot */
let storing = null;
let snapshotWanted = false; // the worker booted normally, storage can keep one
/** @type {ReturnType<typeof setTimeout> | undefined} */
let idleTimer;
const SNAPSHOT_WHEN_IDLE_MS = 3000;
const HOLD_AT_MOST_MS = 10_000; // a spare that hangs holds no boot for long

// Told once the current task's changes are done: a Stop that ends a worker
// and starts the next one is busy throughout, not idle for an instant.
let telling = false;
function tellBusy() {
  if (telling) return;
  telling = true;
  queueMicrotask(() => {
    telling = false;
    const busy = current !== null || (worker !== null && !booted);
    if (busy === stats.busy) return;
    stats.busy = busy;
    window.dispatchEvent(new CustomEvent("tip-runner-busy", { detail: busy }));
  });
}

/** @param {ToWorker} message */
function send(message) {
  if (held) held.push(message);
  else if (worker) post(worker, message);
}

/**
 * Post `message`; a boot message whose module the browser cannot post goes
 * without it (the worker compiles its own).
 * @param {Worker} target
 * @param {ToWorker} message
 */
function post(target, message) {
  try {
    target.postMessage(message);
  } catch (error) {
    if (message.type !== "boot" || !message.wasmModule) throw error;
    target.postMessage({ ...message, wasmModule: null });
  }
}

// A memory snapshot for later boots (snapshot.js), made by a spare worker
// (a fresh boot that never runs a reader's code) once the first Run has
// ended or the worker has been idle a while, never while a Run goes.
function makeSnapshot() {
  clearTimeout(idleTimer);
  if (!snapshotWanted || storing || current) return;
  snapshotWanted = false;
  const spare = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "tip-snapshot" });
  storing = new Promise((resolve) => {
    /** @param {MessageEvent<FromWorker>} event */
    spare.onmessage = ({ data }) => {
      if (data.type === "snapshot") resolve(data.stored);
      else if (data.type === "failed") resolve(false);
    };
    spare.onerror = () => resolve(false);
  }).then((stored) => {
    spare.terminate();
    storing = null;
    if (stored) stats.snapshotsStored += 1;
    else stats.snapshotsRefused += 1;
  });
  /** @type {ToWorker} */
  const boot = {
    type: "boot",
    indexURL: config.pyodideIndexURL,
    totalBytes: config.pyodideBytes,
    interruptBuffer: null,
    snapshotKey: config.snapshotKey ?? null,
    makeSnapshot: true,
    wasmModule: compiled,
  };
  post(spare, boot);
}

function spawn() {
  booted = false;
  lastProgress = null;
  held = null;
  snapshotWanted = false;
  const name = uniqueName(); // also its lifeline's lock (lifeline.js)
  interruptBuffer = isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
  answerBuffer = sharesAnswers ? sharedAnswerBuffer() : null;
  const started = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name });
  worker = started;
  stats.workersCreated += 1;
  /** @param {MessageEvent<FromWorker>} event */
  started.onmessage = ({ data }) => {
    if (data.type === "progress") {
      lastProgress = data;
      current?.run.onProgress(data);
    } else if (data.type === "ready") {
      booted = true;
      stats.bootMs = data.ms;
      stats.bootFrom = data.from;
      stats.bootModule = data.module;
      snapshotWanted = data.snapshotWanted;
      if (snapshotWanted) idleTimer = setTimeout(makeSnapshot, SNAPSHOT_WHEN_IDLE_MS);
      current?.run.onReady();
      tellBusy();
    } else if (data.type === "module") {
      compiled = data.module;
    } else if (data.type === "failed") {
      fail(data.message);
    } else if (data.type === "output") {
      if (current?.id === data.id) current.run.onOutput(data.chunks);
    } else if (data.type === "check-progress") {
      if (current?.id === data.id) current.run.onCheckProgress?.(data.explored, data.total);
    } else if (data.type === "done") {
      if (current?.id !== data.id) return;
      if (data.ended) replace(started, { ...data, message: data.ended });
      else finish(data);
    } else if (data.type === "lifeline") {
      watch(name, () => lost(started));
    } else if (data.type === "started") {
      if (current?.id === data.id) clearTimeout(answerTimer);
    } else if (data.type === "ask") {
      if (current?.id !== data.id) return;
      current.waiting = true;
      current.run.onAsk?.();
    }
  };
  started.onmessageerror = () => {
    if (worker === started) replace(started, { verdict: "crashed", message: "a message from the Python worker could not be read" });
  };
  started.onerror = (event) => {
    event.preventDefault();
    fail(event.message || "the Python worker failed to start");
  };
  // A snapshot still being stored (a Stop right after the first Run): this
  // worker boots once it is there, from it.
  if (storing) {
    held = [];
    Promise.race([storing, new Promise((resolve) => setTimeout(resolve, HOLD_AT_MOST_MS))]).then(() => {
      if (worker !== started || !held) return;
      for (const message of held) post(started, message);
      held = null;
    });
  }
  send({
    type: "boot",
    indexURL: config.pyodideIndexURL,
    totalBytes: config.pyodideBytes,
    interruptBuffer,
    snapshotKey: config.snapshotKey ?? null,
    answerBuffer,
    wasmModule: compiled,
  });
  tellBusy();
}

// Boot on intent: the reader points at or focuses a runnable block, so the
// worker may start booting before the click. Never when the browser asks to
// save data (the boot downloads Python), and never twice.
export function warmUp() {
  const connection = /** @type {{saveData?: boolean} | undefined} */ (/** @type {any} */ (navigator).connection);
  if (warmed || worker || connection?.saveData) return;
  warmed = true; // a boot that fails is tried again by a Run, not by pointing
  spawn();
}
let warmed = false;

// Python could not start (no WebAssembly, a file missing…): say so; the next
// Run tries again with a new worker.
/** @param {string} message */
function fail(message) {
  worker?.terminate();
  worker = null;
  finish({ verdict: "failed", message });
}

// The worker ended without a word (the program closed it, the browser ended
// it): a Run in progress says so, and a fresh worker takes over; an idle one
// is replaced by the next Run.
/** @param {Worker} gone */
function lost(gone) {
  if (worker !== gone) return; // ended by this page (Stop, a failure)
  if (current) {
    replace(gone, {
      verdict: "crashed",
      message: "the Python worker ended during the Run (the program closed it, or the browser ended it: out of memory?)",
    });
  } else {
    worker = null;
    tellBusy();
  }
}

/** End `old` and the Run in progress with `result`; a fresh worker boots. @param {Worker} old @param {Result} result */
function replace(old, result) {
  old.terminate();
  if (worker === old) worker = null;
  finish(result);
  if (!worker) spawn();
}

/** @param {Result} result */
function finish(result) {
  clearTimeout(stopTimer);
  clearTimeout(answerTimer);
  const ended = current;
  if (ended?.stopAsked) stats.lastStopMs = performance.now() - ended.stopAsked;
  current = null;
  stats.running = false;
  ended?.run.onDone(result);
  tellBusy();
  makeSnapshot();
}

/** Start `run`, ending the one in progress first. @param {Run} run */
export function startRun(run) {
  if (current) stopRun(true);
  if (!worker) spawn();
  const id = nextId++;
  current = { run, id, stopAsked: null };
  stats.runs += 1;
  stats.running = true;
  tellBusy();
  if (interruptBuffer) Atomics.store(interruptBuffer, 0, 0);
  if (!booted) run.onProgress(lastProgress);
  const { code, filename, stdin } = run;
  if (run.check) {
    const { checkSource, baseURL, options } = run.check;
    send({ type: "check", id, code, filename, checkSource, baseURL, options });
  } else {
    send({ type: "run", id, code, filename, stdin, simulate: run.simulate ?? null });
  }
  if (booted && !held) {
    const asked = worker;
    answerTimer = setTimeout(() => {
      if (current?.id === id && worker === asked && asked) {
        replace(asked, { verdict: "crashed", message: "the Python worker stopped answering" });
      }
    }, ANSWER_WITHIN_MS);
  }
}

/**
 * The reader's answer to the input() the Run in progress waits in.
 * @param {string} text the line with its "\n" (without: Ctrl+D after some
 *   text), "" end of file
 * @returns {boolean} false: nothing waits, or the line is too long to hand
 *   over here (nothing was sent; the reader keeps the line)
 */
export function answerInput(text) {
  if (!current?.waiting) return false;
  if (answerBuffer) {
    if (!answerShared(answerBuffer, text)) return false;
  } else {
    send({ type: "answer", id: current.id, text });
  }
  current.waiting = false;
  return true;
}

// Stop the Run in progress: interrupt Python when the page is cross-origin
// isolated (KeyboardInterrupt, the worker stays warm), else, or if Python does
// not stop in time, end the worker and start a fresh one at once. (A busy
// phone or laptop can take most of a second to reach the interrupt check;
// ending the worker then costs a whole new boot.)
//
// In time: 1.5 s, or half of what this worker's boot took when that is more
// (10 s at most). A device slow enough to boot in 12 s is also slow to reach
// the check, and waiting 6 s beats booting again for 12. (Python takes the
// interrupt in milliseconds here, even beside six busy loops: a Stop that
// waited out its grace was a lost one, see waiting.js takenWhenRead.)
function stopGraceMs() {
  return Math.min(10_000, Math.max(1500, (stats.bootMs ?? 0) / 2));
}

export function stopRun(hard = false) {
  if (!current) return;
  if (!hard && current.waiting && booted) {
    // Python waits in input(): it is told to raise KeyboardInterrupt there,
    // so the worker stays warm even where Stop cannot interrupt a loop.
    if (answerBuffer) answerShared(answerBuffer, null);
    else send({ type: "answer", id: current.id, text: null });
    current.waiting = false;
    const asked = current;
    asked.stopAsked = performance.now();
    stopTimer = setTimeout(() => {
      if (current === asked) stopRun(true);
    }, stopGraceMs());
    return;
  }
  if (!hard && interruptBuffer && booted) {
    Atomics.store(interruptBuffer, 0, 2); // SIGINT
    Atomics.notify(interruptBuffer, 0); // wakes a time.sleep (worker.js tipWait)
    const asked = current;
    asked.stopAsked = performance.now();
    stopTimer = setTimeout(() => {
      if (current === asked) stopRun(true);
    }, stopGraceMs());
    return;
  }
  worker?.terminate();
  worker = null;
  finish({ verdict: "stopped" });
  spawn();
}

/** A Run whose block left the page (instant navigation) is stopped. */
export function stopOrphan() {
  if (current && !current.run.element.isConnected) stopRun();
}
