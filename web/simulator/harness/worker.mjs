// Test/benchmark harness worker: Pyodide + threadsim, nothing else.
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { installThreadsim, hasJspi } from "../files.mjs";

let ready = null;
let browser = null;
let pyodide = null;
let chunks = [];

async function boot() {
  const started = performance.now();
  pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href });
  const sink = (stream) => ({ batched: (text) => chunks.push([stream, text + "\n"]) });
  pyodide.setStdout(sink("out"));
  pyodide.setStderr(sink("err"));
  browser = await installThreadsim(pyodide, new URL("../threadsim/", import.meta.url).href);
  return performance.now() - started;
}

self.onmessage = async ({ data }) => {
  const { id } = data;
  try {
    if (!ready) ready = boot();
    const bootMs = await ready;
    chunks = [];
    const started = performance.now();
    if (data.type === "run") {
      const payload = await browser.simulate(
        data.code, data.filename, data.seed ?? 0, data.policy ?? "every",
        data.quantum ?? null, data.instrument ?? true, data.max_steps ?? null,
        data.full ?? false, data.granularity ?? "gil",
      );
      postMessage({ id, bootMs, ms: performance.now() - started, payload, streamed: chunks, jspi: hasJspi() });
    } else if (data.type === "plain") {
      let error = null;
      try {
        await pyodide.runPythonAsync(data.code, { filename: data.filename ?? "<plain>" });
      } catch (e) {
        error = String(e.message || e);
      }
      postMessage({ id, bootMs, ms: performance.now() - started, streamed: chunks, error });
    } else if (data.type === "python") {
      const value = await pyodide.runPythonAsync(data.code);
      postMessage({ id, bootMs, ms: performance.now() - started, value: String(value), streamed: chunks });
    }
  } catch (error) {
    postMessage({ id, error: String(error && error.stack ? error.stack : error), streamed: chunks });
  }
};
