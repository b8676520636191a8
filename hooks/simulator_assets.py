"""Put the thread simulator into the site (issue: threaded examples, simulated).

* `assets/threadsim/*.py`: the pure-Python package web/simulator/threadsim/,
  fetched by the Pyodide worker on the first simulated Run and written into
  Pyodide's file system (web/simulator/files.mjs lists the files).
* `assets/runner/simulator.js` and `simulator.css`: the panel under each
  threaded block (web/simulator/ui.js), bundled by `npm run build`.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "web" / "simulator" / "threadsim"
LOADER = ROOT / "web" / "simulator" / "files.mjs"
BUNDLE = ROOT / "build" / "runner"
BUNDLE_FILES = ("simulator.js", "simulator.css")


def package_files() -> list[str]:
    """The files the loader fetches: they must all exist in the package."""
    listed = re.findall(r'"([\w.]+\.py)"', LOADER.read_text(encoding="utf-8"))
    present = sorted(p.name for p in PACKAGE.glob("*.py"))
    if sorted(listed) != present:
        raise PluginError(
            "simulator: web/simulator/files.mjs lists "
            f"{sorted(listed)} but threadsim/ holds {present}"
        )
    return listed


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for name in package_files():
        files.append(
            File.generated(
                config, f"assets/threadsim/{name}", abs_src_path=str(PACKAGE / name)
            )
        )
    missing = [name for name in BUNDLE_FILES if not (BUNDLE / name).exists()]
    if missing:
        raise PluginError(
            f"simulator: missing build/runner/{', '.join(missing)}: run "
            "`python3 dev.py build` (it runs `npm ci` and `npm run build`)."
        )
    for name in BUNDLE_FILES:
        files.append(
            File.generated(
                config, f"assets/runner/{name}", abs_src_path=str(BUNDLE / name)
            )
        )
    return files
