// Whether, and how, a Python program in the worker can wait for the reader
// (input() that asks as it runs), for the page and the worker alike:
// - "jspi": WebAssembly JSPI lets Pyodide suspend Python on a promise
//   (pyodide.ffi.run_sync); the answer comes as a message;
// - "shared": no JSPI, but the page is cross-origin isolated, so the worker
//   blocks on a SharedArrayBuffer the page writes the answer into;
// - "none": input() reads the lines typed beforehand in a box (ui.js).
// Detected by feature, never by browser name.

/** @typedef {"jspi" | "shared" | "none"} WaitMode */

/** True where WebAssembly can suspend on a promise (JSPI). */
export function hasJspi() {
  return typeof WebAssembly !== "undefined" && typeof (/** @type {any} */ (WebAssembly).Suspending) === "function";
}

/** @returns {WaitMode} */
export function waitMode() {
  if (hasJspi()) return "jspi";
  const shared = self.crossOriginIsolated === true && typeof SharedArrayBuffer === "function" && typeof Atomics?.wait === "function";
  return shared ? "shared" : "none";
}

// The shared answer: two Int32 (state, byte length), then the line's UTF-8.
const IDLE = 0;
const ANSWERED = 1;
const INTERRUPTED = 2;
const HEADER = 8;
/** The longest line the shared buffer carries (a message carries any). */
export const SHARED_CAPACITY = 1 << 20;

/** Page side: the buffer for mode "shared" (given to the worker at boot). */
export function sharedAnswerBuffer() {
  return new SharedArrayBuffer(HEADER + SHARED_CAPACITY);
}

/**
 * Page side: hand the worker blocked in waitShared its answer.
 * @param {SharedArrayBuffer} buffer
 * @param {string | null} text the line (with its "\n"), "" for end of file,
 *   null: interrupted (Stop)
 * @returns {boolean} false when the line is longer than the buffer (nothing sent)
 */
export function answerShared(buffer, text) {
  const control = new Int32Array(buffer, 0, 2);
  if (text === null) {
    Atomics.store(control, 0, INTERRUPTED);
  } else {
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > SHARED_CAPACITY) return false;
    new Uint8Array(buffer, HEADER, SHARED_CAPACITY).set(bytes);
    Atomics.store(control, 1, bytes.length);
    Atomics.store(control, 0, ANSWERED);
  }
  Atomics.notify(control, 0);
  return true;
}

/** Worker side: forget an answer left from an earlier question. @param {SharedArrayBuffer} buffer */
export function resetShared(buffer) {
  Atomics.store(new Int32Array(buffer, 0, 2), 0, IDLE);
}

/**
 * Worker side: block until the page answers (or Stop is pressed).
 * @param {SharedArrayBuffer} buffer
 * @param {Int32Array | null} interruptBuffer Stop's SIGINT, checked while waiting
 * @returns {string | null} the answer, null: interrupted
 */
export function waitShared(buffer, interruptBuffer) {
  const control = new Int32Array(buffer, 0, 2);
  for (;;) {
    const state = Atomics.load(control, 0);
    if (state === ANSWERED) break;
    if (state === INTERRUPTED || (interruptBuffer && Atomics.load(interruptBuffer, 0) !== 0)) {
      Atomics.store(control, 0, IDLE);
      if (interruptBuffer) Atomics.store(interruptBuffer, 0, 0); // raised here, not twice
      return null;
    }
    Atomics.wait(control, 0, IDLE, 250);
  }
  const length = Atomics.load(control, 1);
  // A copy: TextDecoder does not read shared memory.
  const text = new TextDecoder().decode(new Uint8Array(buffer, HEADER, length).slice());
  Atomics.store(control, 0, IDLE);
  return text;
}

/**
 * The interrupt buffer as Python's check should read it: reading it takes
 * the signal and clears it in one atomic step. CPython's check
 * (Python/emscripten_signal.c) reads the value, then writes 0: a Stop the
 * page wrote between the two was lost, and the page then ended the worker
 * as one that did not stop in time (here: the 61st Stop of a `while True:
 * pass`; none of 300 once the read took it). That check and Pyodide's
 * checkInterrupt only read index 0 and write 0 there.
 * @param {Int32Array} buffer
 */
export function takenWhenRead(buffer) {
  return {
    get 0() {
      return Atomics.exchange(buffer, 0, 0);
    },
    set 0(_cleared) {},
  };
}

/**
 * The interrupt buffer of a page that is not cross-origin isolated: nothing
 * writes it (Stop ends the worker instead), but Python's periodic check
 * still reads it, and here each read goes through a Proxy's trap, a call
 * from the engine into JavaScript. That call is where WebKit ends a
 * terminated worker. A plain Int32Array is read inline by optimized code
 * that WebKit does not interrupt: a worker ended in `while True: pass` spun
 * on for 0.5-1.3 s beside the next worker's boot (WebKitGTK 2.50, Stop ->
 * next Run, 3 rounds each: 1.60-1.77 s; with the trap, 1.02-1.07 s; with
 * the module reused too, compiled.js, 0.73-0.85 s). The trap costs a tight
 * loop about a tenth of its speed in Chromium (3 million empty iterations:
 * 0.13 s, not 0.12), and only on such pages.
 */
export function endedWhenRead() {
  return new Proxy(new Int32Array(1), {
    get: (target, key) => target[/** @type {any} */ (key)],
  });
}
