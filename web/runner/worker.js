// The Web Worker that holds Pyodide. Started by client.js on the first Run
// and kept for the whole visit; its messages are protocol.js's.
import RUNNER_PY from "./runner.py";
import { installThreadsim } from "../simulator/files.mjs";
import { bootPyodide, makeSnapshot, restoring } from "./snapshot.js";
import { shareModule } from "./compiled.js";
import { watchFatal } from "./fatal.js";
import { hold } from "./lifeline.js";
import { endedWhenRead, hasJspi, resetShared, takenWhenRead, waitShared } from "./waiting.js";

/** @typedef {import("./protocol.js").ToWorker} ToWorker */
/** @typedef {import("./protocol.js").FromWorker} FromWorker */
/** @typedef {import("./protocol.js").BootMessage} BootMessage */
/** @typedef {import("./protocol.js").RunMessage} RunMessage */
/** @typedef {import("./protocol.js").Stream} Stream */

/** @param {FromWorker} message */
const send = (message) => postMessage(message);

// Held until this worker ends, so the page learns it has ended even when no
// message can tell it (lifeline.js); the worker's name is the lock's.
hold(self.name, () => send({ type: "lifeline" }));

const MAX_LINES = 5000; // lines shown per Run; the rest are counted, not sent

/** @type {any} Pyodide's API object (its package ships no types we check) */
let pyodide = null;
/**
 * runner.py's _tip_run: a verdict, or (top-level await) an awaitable of one.
 * @typedef {((code: string, filename: string, stdin: string) => any) & {callPromising: (...args: any[]) => Promise<any>}} TipRun
 */
/** @type {TipRun | null} */
let tipRun = null;
/** @type {ReturnType<typeof watchFatal> | null} whether Pyodide has ended, and why */
let ended = null;
/** @type {SharedArrayBuffer | null} where the page writes input()'s answers (mode "shared") */
let answers = null;
/** @type {Int32Array | null} */
let sigint = null;
/** @type {((answer: string | null) => void) | null} the input() waiting for its answer (mode "jspi") */
let answering = null;
/** @type {Promise<void> | null} */
let booted = null;
/** @type {string[]} */
let stdinLines = [];

// Output of the current Run. Python writes line by line (stdout acts as a
// terminal). Each write is posted at once: while Python runs, the worker has
// no timers, so output held back for a batch could wait behind a long
// computation. The line cap bounds the messages of a Run; the page batches
// the drawing (one DOM update per animation frame).
let runId = 0;
/** @type {[Stream, string][]} */
let chunks = [];
let lines = 0;
let dropped = 0;

function flush() {
  if (chunks.length) {
    send({ type: "output", id: runId, chunks });
    chunks = [];
  }
}
/** @type {any} */ (self).tipFlush = flush; // runner.py calls it before time.sleep

/**
 * runner.py's time.sleep, a second at most at a time, without spinning a core:
 * where the page is isolated, a block on Stop's buffer (Stop wakes it);
 * else, when Python may suspend here, a timer's promise; else undefined
 * (None in Python; null would be a JsNull), and Python spins as CPython's
 * time.sleep does in WebAssembly.
 * @param {number} ms
 * @param {boolean} suspending whether Python may suspend on a promise now
 * @returns {true | Promise<void> | undefined}
 */
function wait(ms, suspending) {
  if (sigint) {
    Atomics.wait(sigint, 0, 0, ms);
    return true;
  }
  if (!suspending) return undefined;
  return new Promise((resolve) => setTimeout(resolve, ms));
}
/** @type {any} */ (self).tipWait = wait;

/** @param {Stream} stream @param {string} text */
function emit(stream, text) {
  if (lines >= MAX_LINES) {
    dropped += countLines(text);
    return;
  }
  let cut = text.length;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    lines += 1;
    if (lines === MAX_LINES) {
      cut = i + 1;
      dropped += countLines(text.slice(cut));
      break;
    }
  }
  chunks.push([stream, text.slice(0, cut)]);
  flush();
}

/** @param {string} text */
function countLines(text) {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** @param {Stream} stream */
function writer(stream) {
  const decoder = new TextDecoder();
  return {
    isatty: true, // line-buffered, like a terminal: print + sleep streams
    /** @param {Uint8Array} bytes */
    write(bytes) {
      emit(stream, decoder.decode(bytes, { stream: true }));
      return bytes.length;
    },
  };
}

/** @param {string} message */
function bootFailed(message) {
  if (!tipRun) send({ type: "failed", message });
}

// Errors while Pyodide boots that no promise of ours sees (but not those of
// a failed boot from a snapshot, which a normal boot follows).
self.addEventListener("unhandledrejection", (event) => {
  if (!restoring()) bootFailed(String(event.reason?.message ?? event.reason));
});

// Count the bytes Pyodide downloads, to show "Loading Python… 40%".
/** @param {number} total */
function countDownloads(total) {
  const realFetch = self.fetch;
  let loaded = 0;
  /** @type {typeof fetch} */
  self.fetch = async (...args) => {
    // Pyodide only logs a failed download and then waits forever: report it.
    let response;
    try {
      response = await realFetch(...args);
    } catch (error) {
      bootFailed(`could not download ${args[0]} (${/** @type {Error} */ (error).message})`);
      throw error;
    }
    if (!response.ok) bootFailed(`could not download ${args[0]} (HTTP ${response.status})`);
    const copy = response.clone().body;
    if (!copy) return response;
    // Counted on a copy: the response itself reaches Pyodide untouched, so
    // the browser can reuse the WebAssembly it compiled on an earlier visit
    // (a response rebuilt around a counting stream made a boot from a
    // snapshot 2.4x slower in WebKit: 2.8 s, not 1.2 s).
    (async () => {
      const reader = copy.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        loaded += read.value.byteLength;
        send({ type: "progress", loaded, total, stage: "download" });
      }
    })().catch(() => {});
    return response;
  };
  return () => {
    self.fetch = realFetch;
  };
}

/** loadPyodide's options, the same for every boot and every snapshot. @param {string} indexURL */
const pythonOptions = (indexURL) => ({ indexURL, fullStdLib: false });
/** The runner's own Python: in a snapshot, set up before any Run. @param {any} python */
const prepare = (python) => python.runPython(RUNNER_PY, { filename: "<runner>" });

// A spare worker (client.js) only makes and stores the memory snapshot of a
// fresh boot (snapshot.js), then ends: no Run ever reaches it.
/** @param {BootMessage} message */
async function spare({ indexURL, snapshotKey, wasmModule }) {
  const sharing = shareModule(wasmModule ?? null, () => {});
  try {
    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
    send({ type: "snapshot", stored: await makeSnapshot(loadPyodide, pythonOptions(indexURL), snapshotKey, prepare) });
  } finally {
    sharing.restore();
  }
}

/** The module this worker compiled, for the page to hand to the next one. @param {WebAssembly.Module} module */
function reportModule(module) {
  try {
    send({ type: "module", module });
  } catch {
    // a browser that cannot post a module: every worker compiles its own
  }
}

/** @param {BootMessage} message */
async function boot({ indexURL, totalBytes, interruptBuffer, snapshotKey, answerBuffer, wasmModule }) {
  const started = performance.now();
  const restoreFetch = countDownloads(totalBytes);
  const sharing = shareModule(wasmModule ?? null, reportModule);
  /** @type {"snapshot" | "boot"} */
  let from;
  let snapshotWanted = false;
  try {
    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
    const booted = await bootPyodide(loadPyodide, pythonOptions(indexURL), snapshotKey, prepare, (python) =>
      python.globals.has("_tip_run"),
    );
    pyodide = booted.pyodide;
    from = booted.from;
    snapshotWanted = booted.snapshotWanted;
  } finally {
    restoreFetch();
    sharing.restore();
  }
  send({ type: "progress", loaded: totalBytes, total: totalBytes, stage: "start" });
  // What follows is outside Pyodide's memory, so not in a snapshot: set up
  // again on every boot.
  // Not isolated (no SharedArrayBuffer), nothing can interrupt Python, and
  // Stop ends this worker instead; a buffer nobody writes still makes Python
  // call out to JavaScript every few dozen checks, which is where WebKit
  // ends a worker: without it, a `while True: pass` of a stopped worker went
  // on spinning a core until the tab closed (and read through a trap, so
  // that it ends at once: waiting.js endedWhenRead).
  pyodide.setInterruptBuffer(interruptBuffer ? takenWhenRead(interruptBuffer) : endedWhenRead());
  pyodide.setStdout(writer("out"));
  pyodide.setStderr(writer("err"));
  // sys.stdin: the lines the reader typed for this Run (echoed, as a
  // terminal shows them), then end of file.
  pyodide.setStdin({
    autoEOF: false,
    stdin: () => {
      if (!stdinLines.length) return null;
      const line = `${stdinLines.shift()}\n`;
      emit("in", line);
      return line;
    },
  });
  answers = answerBuffer ?? null;
  sigint = interruptBuffer;
  ended = watchFatal(pyodide);
  tipRun = pyodide.globals.get("_tip_run");
  const module = sharing.reused() ? "reused" : "compiled";
  send({ type: "ready", ms: performance.now() - started, from, snapshotWanted, module });
}

// A threaded example under the thread simulator (web/simulator/): needs
// WebAssembly JSPI; the done message carries the simulation's JSON.
/** @type {any} the module threadsim._browser, once installed */
let threadsim = null;

/**
 * @param {RunMessage} message
 * @param {import("./protocol.js").SimulateOptions} options its `simulate`
 */
async function simulate({ id, code, filename }, options) {
  start(id, null);
  let verdict = "ok";
  let sim = null;
  try {
    threadsim ??= await installThreadsim(pyodide, options.baseURL);
    sim = await threadsim.simulate(code, filename, options);
  } catch (error) {
    emit("err", `${error}\n`);
    verdict = "error";
  }
  flush();
  send({ type: "done", id, verdict, dropped, sim });
}

// An exercise's Check (protocol.js CheckMessage): the check explores its
// schedules under the simulator and answers with its verdict; it prints
// nothing (a hundred runs), so the page shows the verdict, not a stream.
/** @param {import("./protocol.js").CheckMessage} message */
async function check({ id, code, filename, checkSource, baseURL, options }) {
  start(id, null);
  let verdict = "ok";
  let found = null;
  try {
    threadsim ??= await installThreadsim(pyodide, baseURL);
    /** @param {number} explored @param {number} total */
    const progress = (explored, total) => send({ type: "check-progress", id, explored, total });
    // Progress needs a threadsim that reports it (its `progress` argument).
    const reports = pyodide.runPython(
      "import inspect, threadsim._browser as _b\n'progress' in inspect.signature(_b.check).parameters",
      { globals: pyodide.toPy({}) },
    );
    const args = reports ? [code, checkSource, filename, options, progress] : [code, checkSource, filename, options];
    found = await threadsim.check(...args);
  } catch (error) {
    emit("err", `${error}\n`);
    verdict = "error";
  }
  flush();
  send({ type: "done", id, verdict, dropped, check: found });
}

/** A new Run: its id, its input, an empty output. @param {number} id @param {string | null} stdin */
function start(id, stdin) {
  stdinLines = stdin == null ? [] : stdin.replace(/\n$/, "").split("\n");
  runId = id;
  chunks = [];
  lines = 0;
  dropped = 0;
}

// input() that asks (runner.py's _Asking): tell the page, then wait for the
// answer: a promise where JSPI lets Python suspend on it, else a block on the
// shared buffer. The answer is echoed as a terminal shows what is typed.
/** @type {any} */ (self).tipAsk = () => {
  flush();
  if (answers) resetShared(answers);
  send({ type: "ask", id: runId });
  if (answers) return echoed(waitShared(answers, sigint));
  return new Promise((resolve) => {
    answering = (answer) => resolve(echoed(answer));
  });
};

/**
 * The answer as Python reads it: undefined (None there; null would be a
 * JsNull) for Stop.
 * @param {string | null} answer
 */
function echoed(answer) {
  if (answer) emit("in", answer);
  return answer ?? undefined;
}

/** How input() gets its answers in this Run. @param {string | null} stdin */
function stdinMode(stdin) {
  if (stdin != null) return "lines";
  return hasJspi() || answers ? "ask" : "none";
}

/** @param {RunMessage} message */
async function run({ id, code, filename, stdin }) {
  start(id, stdin);
  const python = /** @type {TipRun} */ (tipRun);
  /** @type {string} */
  let verdict;
  /** @type {import("./fatal.js").Ended | null} */
  let end = null;
  try {
    // With JSPI, stack switching on: Python may wait (asyncio.run, input()).
    const mode = stdinMode(stdin);
    verdict = await (hasJspi() ? python.callPromising(code, filename, mode) : python(code, filename, mode));
    end = ended?.() ?? null;
  } catch (error) {
    end = ended?.(error) ?? null;
    if (!end) emit("err", `${error}\n`);
    verdict = "error";
  }
  answering = null;
  flush();
  if (end) {
    // Python cannot run again in this worker: the page replaces it.
    send({ type: "done", id, verdict: end.verdict, dropped, ended: end.reason });
    return;
  }
  send({ type: "done", id, verdict: String(verdict), dropped });
}

/** @param {MessageEvent<ToWorker>} event */
self.onmessage = async ({ data }) => {
  if (data.type === "boot" && data.makeSnapshot) {
    spare(data).catch(() => send({ type: "snapshot", stored: false }));
  } else if (data.type === "boot") {
    booted = boot(data).catch((error) => {
      bootFailed(String(error?.message ?? error));
      throw error;
    });
  } else if (data.type === "answer") {
    if (data.id === runId) answering?.(data.text);
    answering = null;
  } else if (data.type === "run" || data.type === "check") {
    send({ type: "started", id: data.id }); // the page knows the worker still answers
    try {
      await booted;
    } catch {
      return;
    }
    if (data.type === "check") await check(data);
    else if (data.simulate) await simulate(data, data.simulate);
    else await run(data);
  }
};
