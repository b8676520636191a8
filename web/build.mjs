// `npm run build`: bundle the in-page Python runner into build/runner/
// (git-ignored). hooks/runner_assets.py copies it into the site.
import { build } from "esbuild";
import { rmSync } from "node:fs";

const outdir = "build/runner";
rmSync(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  format: "esm",
  minify: true,
  target: ["es2022"],
  legalComments: "none",
  logLevel: "warning",
  outdir,
};
await Promise.all([
  // The page module and the runner it imports lazily: config.js is written
  // by the hook, ui.js is the second entry point.
  build({ ...common, entryPoints: ["web/runner/runner.js"], external: ["./config.js", "./ui.js"] }),
  build({ ...common, entryPoints: ["web/runner/ui.js"], external: ["./editor.js"] }),
  // CodeMirror, loaded by ui.js when the reader starts editing.
  build({ ...common, entryPoints: ["web/runner/editor.js"] }),
  // The worker: Pyodide is imported at run time from the URL it is given.
  build({ ...common, entryPoints: ["web/runner/worker.js"], loader: { ".py": "text" } }),
  build({ ...common, entryPoints: ["web/runner/runner.css"] }),
]);
