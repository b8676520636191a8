"""Put the thread simulator into the site (issue: threaded examples, simulated).

* `assets/threadsim/*.py`: the pure-Python package web/simulator/threadsim/,
  fetched by the Pyodide worker on the first simulated Run and written into
  Pyodide's file system.
* `assets/runner/simulator-facts.js`: what the page's scripts share with the
  package, written here from the package itself so that each fact has one
  source: its files (every `*.py` in it: the worker writes them all before
  importing any, so their order does not matter), its default quantum per
  granularity (`threadsim.DEFAULT_QUANTUM`, the panel's default N) and its
  note on what is simulated (`threadsim.NOTE`, shown in the panel), and
  where and with which seeds the runs precomputed for browsers without JSPI
  are (docs_tools/simulator_runs.py, hooks/simulator_precomputed.py).
  web/simulator/simulator-facts.d.ts gives the module's shape to the type
  check; the bundles import it by name (web/build.mjs).

The panel itself (web/simulator/ui.js, simulator.css) is part of
`npm run build`'s bundle, which hooks/runner_assets.py copies.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

import threadsim
from docs_tools import simulator_runs

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "web" / "simulator" / "threadsim"
FACTS = "assets/runner/simulator-facts.js"


def package_files() -> list[str]:
    """The package's files, as the worker fetches them."""
    return sorted(path.name for path in PACKAGE.glob("*.py"))


def facts_module() -> str:
    """The text of simulator-facts.js."""
    facts = {
        "FILES": package_files(),
        "DEFAULT_QUANTUM": threadsim.DEFAULT_QUANTUM,
        "NOTE": threadsim.NOTE,
        "PRECOMPUTED": {
            "dir": simulator_runs.SITE_DIR + "/",
            "seeds": list(simulator_runs.SEEDS),
        },
    }
    lines = ["// Written by hooks/simulator_assets.py from the threadsim package."]
    lines += [
        f"export const {name} = {json.dumps(value)};" for name, value in facts.items()
    ]
    return "\n".join(lines) + "\n"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for name in package_files():
        files.append(
            File.generated(
                config, f"assets/threadsim/{name}", abs_src_path=str(PACKAGE / name)
            )
        )
    files.append(File.generated(config, FACTS, content=facts_module()))
    return files
