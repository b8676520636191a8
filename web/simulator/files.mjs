// The files of the threadsim package, in import order. The page's worker
// (and the test harness) fetches them on the first simulated Run and writes
// them into Pyodide's file system.
export const THREADSIM_FILES = [
  "__init__.py",
  "_state.py",
  "_sched.py",
  "_backends.py",
  "_threading.py",
  "_queue.py",
  "_futures.py",
  "_timeline.py",
  "_browser.py",
];

// True when this browser can suspend WebAssembly (JSPI): the simulator needs
// it to switch between simulated threads.
export function hasJspi() {
  return typeof WebAssembly !== "undefined" && typeof WebAssembly.Suspending === "function";
}

// Fetch the package from `baseURL` (ending with "/") and make it importable.
export async function installThreadsim(pyodide, baseURL) {
  const dir = "/home/pyodide/threadsim";
  pyodide.FS.mkdirTree(dir);
  const texts = await Promise.all(
    THREADSIM_FILES.map(async (name) => {
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
