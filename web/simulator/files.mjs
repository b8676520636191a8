// Loading the threadsim package into the page worker's Pyodide. Its files
// are the package's own (hooks/simulator_assets.py lists them into
// simulator-facts.js at build), fetched on the first simulated Run and
// written into Pyodide's file system.
import { FILES } from "./simulator-facts.js";

// True when this browser can suspend WebAssembly (JSPI): the simulator needs
// it to switch between simulated threads.
export function hasJspi() {
  return typeof WebAssembly !== "undefined" && typeof (/** @type {any} */ (WebAssembly).Suspending) === "function";
}

/**
 * Fetch the package from `baseURL` (ending with "/") and make it importable.
 * @param {any} pyodide the worker's Pyodide
 * @param {string} baseURL
 * @returns {Promise<any>} the module threadsim._browser
 */
export async function installThreadsim(pyodide, baseURL) {
  const dir = "/home/pyodide/threadsim";
  pyodide.FS.mkdirTree(dir);
  const texts = await Promise.all(
    FILES.map(async (name) => {
      const response = await fetch(baseURL + name);
      if (!response.ok) throw new Error(`threadsim: ${name}: HTTP ${response.status}`);
      return [name, await response.text()];
    }),
  );
  for (const [name, text] of texts) pyodide.FS.writeFile(`${dir}/${name}`, text);
  pyodide.runPython(
    "import sys, importlib\n" +
      "sys.path.insert(0, '/home/pyodide') if '/home/pyodide' not in sys.path else None\n" +
      "importlib.invalidate_caches()\n" +
      "import threadsim._browser\n",
  );
  return pyodide.pyimport("threadsim._browser");
}
