// The messages between a page and the Pyodide worker (worker.js), written
// down once: client.js sends and reads them, worker.js reads and sends them,
// and `tsc --checkJs` (tests/test_javascript.py) holds both to these types.
// Types only: nothing here runs, and importing it costs nothing.

/**
 * How to run an example under the thread simulator (web/simulator/).
 * Passed as it is to `threadsim._browser.simulate(code, filename, options)`;
 * absent fields take the simulator's defaults.
 * @typedef {object} SimulateOptions
 * @property {string} baseURL where the threadsim package's files are ("…/assets/threadsim/")
 * @property {number} [seed] the scheduler's seed (0)
 * @property {"every" | "random" | "reads"} [policy] a switch every N switch points, after a seeded ~N, or after reads of shared state (seeded)
 * @property {number} [quantum] N (the simulator's default for the granularity)
 * @property {"gil" | "bytecode"} [granularity] CPython's switch points, or every instruction
 * @property {boolean} [instrument] count switch points at all (true)
 * @property {number} [maxSteps] the budget of switch points (the browser's own)
 * @property {boolean} [full] also return the timeline's data, not only its SVG
 */

/**
 * Page → worker: start Pyodide (once, right after the worker is created).
 * @typedef {object} BootMessage
 * @property {"boot"} type
 * @property {string} indexURL where Pyodide's files are, ending with "/"
 * @property {number} totalBytes what Pyodide downloads, for the progress bar
 * @property {Int32Array | null} interruptBuffer shared with the page when it is
 *   cross-origin isolated: Stop writes SIGINT into it
 * @property {string | null} snapshotKey names the Pyodide version and the
 *   runner's code (config.js): a memory snapshot stored under it boots the
 *   worker; null: no snapshots (snapshot.js)
 * @property {boolean} [makeSnapshot] a spare worker: only make and store a
 *   snapshot of a fresh boot, then say so (SnapshotMessage)
 * @property {SharedArrayBuffer | null} [answerBuffer] where the page writes
 *   input()'s answers when Python waits on shared memory (waiting.js, mode
 *   "shared"); absent: answers come as answer messages, or input() reads
 *   the lines typed beforehand
 * @property {WebAssembly.Module | null} [wasmModule] pyodide.asm.wasm as an
 *   earlier worker of this page compiled it (a ModuleMessage): instantiated
 *   instead of compiled again (compiled.js)
 */

/**
 * Page → worker: run one example (after boot; one at a time).
 * @typedef {object} RunMessage
 * @property {"run"} type
 * @property {number} id echoed by the output and done messages of this Run
 * @property {string} code
 * @property {string} filename the snippet's path, shown in tracebacks
 * @property {string | null} stdin the lines input() reads, or null: none given
 * @property {SimulateOptions | null} simulate run under the thread simulator
 */

/**
 * Page → worker: check an exercise (after boot; one at a time, like a Run):
 * `threadsim._browser.check(code, checkSource, filename, options)`, which
 * runs the code under the check's schedules (docs_tools/exercises.py). Its
 * done message carries the verdict's JSON in `check`.
 * @typedef {object} CheckMessage
 * @property {"check"} type
 * @property {number} id echoed by the check-progress and done messages
 * @property {string} code the reader's code
 * @property {string} filename the starter's path (tracebacks, Replay)
 * @property {string} checkSource the exercise's check.py
 * @property {string} baseURL where the threadsim package's files are
 * @property {{maxSchedules?: number}} options fewer schedules (tests)
 */

/**
 * Page → worker: the reader's answer to the ask message of Run `id`.
 * @typedef {object} AnswerMessage
 * @property {"answer"} type
 * @property {number} id
 * @property {string | null} text the line with its "\n" (without it: Ctrl+D
 *   after some text), "" end of file, null: Stop (KeyboardInterrupt)
 */

/** @typedef {BootMessage | RunMessage | CheckMessage | AnswerMessage} ToWorker */

/** @typedef {"out" | "err" | "in"} Stream stdout, stderr, or the stdin echo */

/**
 * Worker → page: Pyodide is downloading (`stage: "download"`) or starting.
 * @typedef {object} ProgressMessage
 * @property {"progress"} type
 * @property {number} loaded
 * @property {number} total
 * @property {"download" | "start"} stage
 */

/**
 * Worker → page: Pyodide is ready, after `ms` milliseconds, booted from a
 * stored memory snapshot or from scratch.
 * @typedef {object} ReadyMessage
 * @property {"ready"} type
 * @property {number} ms
 * @property {"snapshot" | "boot"} from
 * @property {boolean} snapshotWanted a normal boot where storage could keep
 *   a snapshot: worth a spare worker's
 * @property {"compiled" | "reused"} module whether it compiled Pyodide's
 *   WebAssembly or instantiated the module the page gave it (compiled.js)
 */

/**
 * Worker → page: the module it compiled from pyodide.asm.wasm, for the page
 * to give the workers it starts next (compiled.js).
 * @typedef {object} ModuleMessage
 * @property {"module"} type
 * @property {WebAssembly.Module} module
 */

/**
 * Spare worker → page: its snapshot was stored, or could not be.
 * @typedef {object} SnapshotMessage
 * @property {"snapshot"} type
 * @property {boolean} stored
 */

/**
 * Worker → page: Pyodide could not start (the page may try a new worker).
 * @typedef {object} FailedMessage
 * @property {"failed"} type
 * @property {string} message
 */

/**
 * Worker → page: output of Run `id`, as written.
 * @typedef {object} OutputMessage
 * @property {"output"} type
 * @property {number} id
 * @property {[Stream, string][]} chunks
 */

/**
 * Worker → page: Run `id` ended. `verdict`: "ok", or what stopped it
 * ("error", "syntax", "exit", "thread", "process", "input",
 * "input-ran-out", "interrupted", "asyncio", "crashed", "module:<name>"); `dropped`: lines past
 * the output cap; `sim`: the simulation's JSON (threadsim._browser).
 * @typedef {object} DoneMessage
 * @property {"done"} type
 * @property {number} id
 * @property {string} verdict
 * @property {number} dropped
 * @property {string | null} [sim]
 * @property {string} [ended] Python can no longer run in this worker (a
 *   WebAssembly trap, os._exit), and why: the page replaces the worker
 * @property {string | null} [check] a check's verdict (threadsim.exercise.Verdict.as_json)
 */

/**
 * Worker → page: check `id` has run `explored` of its `total` schedules.
 * @typedef {object} CheckProgressMessage
 * @property {"check-progress"} type
 * @property {number} id
 * @property {number} explored
 * @property {number} total
 */

/**
 * Worker → page: the worker holds its lifeline, the Web Lock named after it
 * (lifeline.js): the page may watch it to learn when the worker has ended.
 * @typedef {object} LifelineMessage
 * @property {"lifeline"} type
 */

/**
 * Worker → page: Run `id` was received (a worker that does not say so soon
 * has stopped answering).
 * @typedef {object} StartedMessage
 * @property {"started"} type
 * @property {number} id
 */

/**
 * Worker → page: Run `id` waits in input() for the reader's line (its prompt
 * is already in the output); answered by an answer message, or in the shared
 * buffer.
 * @typedef {object} AskMessage
 * @property {"ask"} type
 * @property {number} id
 */

/** @typedef {ProgressMessage | ReadyMessage | ModuleMessage | SnapshotMessage | FailedMessage | OutputMessage | DoneMessage | CheckProgressMessage | LifelineMessage | StartedMessage | AskMessage} FromWorker */

export {};
