// Worker side: knowing when Pyodide can no longer run Python, and saying why
// in words for the reader. A WebAssembly trap (the browser's stack exhausted
// by deep recursion in C, an abort in C code) is a "fatal error" for Pyodide,
// and `os._exit()` ends its Python: either way every later call fails or,
// worse, runs on a broken interpreter, so the page replaces the worker.

/**
 * @typedef {object} Ended
 * @property {"crashed" | "exit" | "ok"} verdict "exit"/"ok": os._exit(n)
 * @property {string} reason what happened, for the reader
 */

/**
 * Watch `pyodide` from now on.
 * @param {any} pyodide
 * @returns {(error?: unknown) => Ended | null} whether (and why) it has
 *   ended, given the error a call into it threw, if any
 */
export function watchFatal(pyodide) {
  /** @type {unknown} */
  let cause = null;
  const api = pyodide._api; // Pyodide's internal API object: its fatal-error hook
  if (api && typeof api === "object") {
    const previous = api.on_fatal;
    api.on_fatal = (/** @type {unknown} */ error) => {
      cause ??= error;
      if (typeof previous === "function") previous(error);
    };
  }
  return (error) => {
    if (cause === null && isFatal(error)) cause = error;
    if (cause === null) {
      try {
        void pyodide.globals; // throws "Pyodide already fatally failed" once it has
      } catch (unusable) {
        cause = unusable;
      }
    }
    return cause === null ? null : describe(cause);
  };
}

/** @param {unknown} error */
function isFatal(error) {
  return typeof error === "object" && error !== null && /** @type {any} */ (error).pyodide_fatal_error === true;
}

/**
 * @param {unknown} error
 * @returns {Ended}
 */
export function describe(error) {
  const text = String(/** @type {any} */ (error)?.message ?? error);
  const exit = /exit\((-?\d+)\)/.exec(text);
  if (/** @type {any} */ (error)?.name === "Exit" || (exit && /terminated/.test(text))) {
    const status = exit ? Number(exit[1]) : 0;
    return { verdict: status === 0 ? "ok" : "exit", reason: `the program ended Python with os._exit(${status})` };
  }
  if (/call stack size|too much recursion|stack overflow/i.test(text)) {
    return { verdict: "crashed", reason: "the browser's stack for WebAssembly ran out (recursion too deep in C code, or after sys.setrecursionlimit)" };
  }
  if (/abort|unreachable/i.test(text)) {
    return { verdict: "crashed", reason: `Python's C code aborted (${text})` };
  }
  return { verdict: "crashed", reason: `WebAssembly failed: ${text}` };
}
