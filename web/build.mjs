// `npm run build`: bundle the in-page Python runner into build/runner/
// (git-ignored), with bundle.json listing what it wrote: hooks/runner_assets.py
// copies exactly those files into the site's assets/runner/, so their names
// are written here only.
import { build } from "esbuild";
import { rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { precompileStdlib } from "./pyodide/precompile.mjs";

const outdir = "build/runner";
rmSync(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  format: /** @type {const} */ ("esm"),
  minify: true,
  target: ["es2022"],
  legalComments: /** @type {const} */ ("none"),
  logLevel: /** @type {const} */ ("warning"),
  metafile: true,
  outdir,
};
// Modules left as imports: other bundles (one copy each, so the worker
// client's state is shared), and config.js and simulator-facts.js, which the
// site build writes (hooks/runner_assets.py, hooks/simulator_assets.py).
const results = await Promise.all([
  // On every page: imports the blocks' module on pages that have blocks.
  build({ ...common, entryPoints: ["web/runner/runner.js"], external: ["./ui.js", "./client.js", "./progress.js"] }),
  // The progress page's list, Export and Import (docs/progress.md).
  build({ ...common, entryPoints: ["web/runner/progress.js"], external: ["./config.js"] }),
  build({
    ...common,
    entryPoints: ["web/runner/ui.js"],
    external: ["./editor.js", "./simulator.js", "./client.js", "./config.js"],
  }),
  // The one worker of the visit, shared by the blocks and the simulator.
  build({ ...common, entryPoints: ["web/runner/client.js"], external: ["./config.js"] }),
  // The thread simulator's panel (web/simulator/), loaded by ui.js on pages
  // with threaded blocks.
  build({
    ...common,
    entryPoints: { simulator: "web/simulator/ui.js" },
    external: ["../runner/client.js", "../runner/config.js", "./simulator-facts.js"],
  }),
  build({ ...common, entryPoints: { simulator: "web/simulator/simulator.css" } }),
  // CodeMirror, loaded by ui.js when the reader starts editing.
  build({ ...common, entryPoints: ["web/runner/editor.js"] }),
  // The worker: Pyodide is imported at run time from the URL it is given.
  build({
    ...common,
    entryPoints: ["web/runner/worker.js"],
    loader: { ".py": "text" },
    external: ["./simulator-facts.js"],
  }),
  build({ ...common, entryPoints: ["web/runner/runner.css"] }),
  // "Copy link" (web/runner/share.js), loaded with the first block.
  build({ ...common, entryPoints: ["web/runner/share.css"] }),
]);
const files = results.flatMap((result) => Object.keys(result.metafile.outputs).map((path) => basename(path)));
writeFileSync(`${outdir}/bundle.json`, `${JSON.stringify({ files: files.sort() }, null, 2)}\n`);
// Pyodide's standard library with the bytecode a Run needs (web/pyodide/).
await precompileStdlib();
