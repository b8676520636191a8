// Part of `npm run build`: Pyodide's standard library with bytecode for the
// modules a Run needs (web/pyodide/precompile.py says why and how), written
// to build/pyodide/python_stdlib.zip, which hooks/runner_assets.py serves in
// place of the npm package's. Compiled by the pinned Pyodide itself, here in
// Node, so the bytecode is its own; redone only when an input changes (the
// stamp: a hash of Pyodide's zip and of every file read here).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PYODIDE = "node_modules/pyodide/";
const OUT = "build/pyodide";
const HERE = "web/pyodide";

/** Every .py file under `dir`, sorted. @param {string} dir @returns {string[]} */
function pythonFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".py"))
    .map((name) => join(dir, name))
    .sort();
}

export async function precompileStdlib() {
  // What a Run imports: the runner's module, the thread simulator's package
  // and the site's examples.
  const sources = [...pythonFiles("web/simulator/threadsim"), ...pythonFiles("snippets")];
  const inputs = [`${PYODIDE}python_stdlib.zip`, `${PYODIDE}package.json`, `${HERE}/precompile.py`, `${HERE}/precompile.mjs`, "web/runner/runner.py", ...sources];
  const hash = createHash("sha256");
  for (const path of inputs) hash.update(path).update("\0").update(readFileSync(path)).update("\0");
  const stamp = hash.digest("hex");
  const stampFile = `${OUT}/stamp.json`;
  if (existsSync(`${OUT}/python_stdlib.zip`) && existsSync(stampFile) && JSON.parse(readFileSync(stampFile, "utf8")).stamp === stamp) return;

  const { loadPyodide } = await import(`../../${PYODIDE}pyodide.mjs`);
  const pyodide = await loadPyodide({ indexURL: PYODIDE, fullStdLib: false });
  // runner.py imports the worker's callbacks from `js`: stand-ins, never called here.
  Object.assign(globalThis, { tipFlush() {}, tipWait() {}, tipAsk() {} });
  pyodide.runPython(readFileSync("web/runner/runner.py", "utf8"), { filename: "<runner>" });
  const tool = pyodide.toPy({});
  pyodide.runPython(readFileSync(`${HERE}/precompile.py`, "utf8"), { globals: tool, filename: `${HERE}/precompile.py` });
  const members = tool.get("members_in_use")(tool.get("referenced")(pyodide.toPy(sources.map((path) => readFileSync(path, "utf8")))));
  const written = tool.get("precompile")("/tmp/python_stdlib.zip", members);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/python_stdlib.zip`, pyodide.FS.readFile("/tmp/python_stdlib.zip"));
  const list = members.toJs();
  writeFileSync(stampFile, `${JSON.stringify({ stamp, compiled: list }, null, 2)}\n`);
  console.log(`build/pyodide/python_stdlib.zip: bytecode for ${written} modules`);
}
