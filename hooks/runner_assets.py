"""Put the in-page Python runner into the site: Pyodide, the bundle, the snippets.

* `assets/pyodide/`: the Pyodide runtime from the npm package `pyodide`, whose
  exact version is pinned in package.json (and nowhere else), but for its
  standard library: `npm run build`'s copy with bytecode for the modules a
  Run imports (build/pyodide/, web/pyodide/precompile.py), which boots in
  about half the time or less (0.34-0.51x, benchmarks/browser_runner.py).
  Self-hosted by default, so the built site runs Python with no network at
  all. Set `extra: {pyodide: cdn}` in mkdocs.yml to load it from jsDelivr
  instead (Pyodide's own files, sources only).
* `assets/runner/`: `npm run build`'s bundle (web/runner/, built into
  build/runner/): the files its `bundle.json` lists, so their names are
  written in web/build.mjs only; plus `config.js`, written here, that tells
  it where Pyodide is and names the memory snapshot a later boot starts from
  (`snapshotKey`: the Pyodide version and a hash of the worker's bundle and of
  the standard library's zip, so a snapshot of other code, another Pyodide or
  another zip is never used; web/runner/snapshot.js).
* `snippets/**.py`: the exact source of every example, fetched by the editor
  (and by its Reset button) instead of scraping the highlighted HTML.

`python3 dev.py build` runs `npm ci` and `npm run build` first; a plain
`mkdocs build` without them stops here with a message saying so.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
BUNDLE = ROOT / "build" / "runner"
#: `npm run build`'s standard library, with bytecode (web/pyodide/precompile.mjs).
STDLIB = ROOT / "build" / "pyodide" / "python_stdlib.zip"
SNIPPETS = ROOT / "snippets"

#: The runtime files Pyodide loads to run the standard library (no packages).
RUNTIME = (
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
#: Fetched with `fetch()` while Pyodide boots: the total behind the progress bar.
DOWNLOADED = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: What web/build.mjs wrote, listed by itself.
MANIFEST = "bundle.json"
#: The bundle that holds Pyodide and the runner's Python (web/runner/worker.js).
WORKER = "worker.js"
CDN = "https://cdn.jsdelivr.net/pyodide/v{version}/full/"
FIX = "run `python3 dev.py build` (it runs `npm ci` and `npm run build`)"


def pinned_version() -> str:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return package["devDependencies"]["pyodide"]


def bundle_files() -> list[str]:
    """The files of `npm run build`'s bundle (its bundle.json)."""
    manifest = BUNDLE / MANIFEST
    if not manifest.exists():
        raise PluginError(f"runner: missing build/runner/{MANIFEST}: {FIX}.")
    return json.loads(manifest.read_text(encoding="utf-8"))["files"]


def runtime_file(name: str) -> Path:
    """Where the site's copy of Pyodide's file `name` comes from."""
    return STDLIB if name == STDLIB.name else PYODIDE / name


def shown(path: Path) -> str:
    """`path` as a message names it: from the repository's root."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def snapshot_key(version: str, stdlib: Path = STDLIB) -> str:
    """The key of the worker's memory snapshots: Pyodide's version and a hash
    of the worker bundle (it holds runner.py and everything set up before a
    snapshot is taken) and of the standard library's zip (a snapshot holds
    zipimport's table of where each member lies in it)."""
    digest = hashlib.sha256((BUNDLE / WORKER).read_bytes())
    digest.update(stdlib.read_bytes())
    return f"{version}-{digest.hexdigest()[:16]}"


def check() -> str:
    """The pinned Pyodide version, once everything the runner needs is there."""
    version = pinned_version()
    installed = PYODIDE / "package.json"
    if not installed.exists():
        raise PluginError(f"runner: node_modules/pyodide is missing: {FIX}.")
    found = json.loads(installed.read_text(encoding="utf-8"))["version"]
    if found != version:
        raise PluginError(
            f"runner: node_modules has pyodide {found}, "
            f"package.json pins {version}: {FIX}."
        )
    missing = [
        shown(runtime_file(name)) for name in RUNTIME if not runtime_file(name).exists()
    ]
    missing += [
        f"build/runner/{name}"
        for name in bundle_files()
        if not (BUNDLE / name).exists()
    ]
    if missing:
        raise PluginError(f"runner: missing {', '.join(missing)}: {FIX}.")
    return version


def on_files(files: Files, config: MkDocsConfig) -> Files:
    version = check()
    where = (config.extra or {}).get("pyodide", "self")
    if where not in ("self", "cdn"):
        raise PluginError(
            f"runner: extra.pyodide must be 'self' or 'cdn', not {where!r}"
        )
    if where == "self":
        for name in RUNTIME:
            files.append(
                File.generated(
                    config,
                    f"assets/pyodide/{name}",
                    abs_src_path=str(runtime_file(name)),
                )
            )
        index_url = 'new URL("../pyodide/", import.meta.url).href'
    else:
        index_url = json.dumps(CDN.format(version=version))
    for name in bundle_files():
        files.append(
            File.generated(
                config, f"assets/runner/{name}", abs_src_path=str(BUNDLE / name)
            )
        )
    # What the reader downloads: the CDN serves Pyodide's own zip.
    served = runtime_file if where == "self" else PYODIDE.joinpath
    total = sum(served(name).stat().st_size for name in DOWNLOADED)
    key = snapshot_key(version, served("python_stdlib.zip"))
    files.append(
        File.generated(
            config,
            "assets/runner/config.js",
            content=(
                "// Written by hooks/runner_assets.py.\n"
                "export default {\n"
                f"  pyodideVersion: {json.dumps(version)},\n"
                f"  pyodideIndexURL: {index_url},\n"
                f"  pyodideBytes: {total},\n"
                f"  snapshotKey: {json.dumps(key)},\n"
                '  siteRoot: new URL("../../", import.meta.url).href,\n'
                "};\n"
            ),
        )
    )
    for path in sorted(SNIPPETS.rglob("*.py")):
        uri = path.relative_to(ROOT).as_posix()
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
