// Pyodide's WebAssembly, compiled once per visit. The first worker of a
// page hands the module it compiled to the page (client.js keeps it); a
// worker that replaces a stopped one, and the spare that makes a snapshot,
// instantiate that module instead of compiling pyodide.asm.wasm again, and
// the engine's work on it (the code it has optimized since) comes along. In
// WebKitGTK 2.50, on a page that is not isolated, Stop on `while True: pass`
// -> the next Run's first output took 1.02-1.07 s with a module compiled
// again, 0.73-0.85 s with the page's (3 rounds each, the stopped worker's
// spin ended at once: waiting.js endedWhenRead).
//
// Pyodide has no option that takes a module: its loader calls
// WebAssembly.instantiateStreaming with the response for pyodide.asm.wasm,
// which this wraps for the length of one boot.

const WASM = "/pyodide.asm.wasm";

/**
 * While Pyodide boots: instantiate `known` for pyodide.asm.wasm (or compile
 * it, when there is none or it cannot be instantiated, and pass the new
 * module to `onCompiled`).
 * @param {WebAssembly.Module | null} known
 * @param {(module: WebAssembly.Module) => void} onCompiled
 * @returns {{restore: () => void, reused: () => boolean}}
 */
export function shareModule(known, onCompiled) {
  /** @type {any} */
  const wasm = WebAssembly;
  /** @type {typeof WebAssembly.instantiateStreaming} */
  const real = wasm.instantiateStreaming;
  let reused = false;
  /**
   * @param {Response | PromiseLike<Response>} source
   * @param {WebAssembly.Imports} [imports]
   */
  wasm.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (!new URL(response.url, self.location.href).pathname.endsWith(WASM)) return real(response, imports);
    if (known) {
      try {
        const instance = await WebAssembly.instantiate(known, imports);
        reused = true;
        response.body?.cancel().catch(() => {});
        return { module: known, instance };
      } catch {
        // compiled below, as if there were none
      }
    }
    const result = await real(response, imports);
    onCompiled(result.module);
    return result;
  };
  return {
    restore: () => {
      wasm.instantiateStreaming = real;
    },
    reused: () => reused,
  };
}
