"""The service worker: the site offline after one visit, and cross-origin
isolated on any static host (web/offline/).

* `assets/offline/offline.js` and `offline.css`: the page's side (it
  registers the worker, shows "A new version is available", and the
  Conventions page's switch that turns it off), copied from web/offline/;
  `assets/offline/config.js`, written here, says whether to register at all.
* `sw.js` at the site's root (a service worker controls only the URLs below
  its own folder): web/offline/sw.js after one line, written here once every
  other file is in the site, that names this build's version and the files
  it precaches with their SHA-256. The version is a hash of that list, so a
  new deployment is a new `sw.js`, which is how a browser finds out.

Precached: every built file a reader needs to read and search offline (pages,
search index, styles, scripts, images, the examples' sources), not Pyodide
(about 15 MB: the worker caches it on the first Run instead, or copies it
from the browser's HTTP cache when that Run came first: `pyodideFiles`, with
their SHA-256), not the notebook downloads, not source maps.

`mkdocs serve` (`python3 dev.py serve`) writes no worker to register and
puts web/offline/retire.js at `sw.js`: a browser that installed the built
site's worker at the same address drops it and its caches, so live reload
never meets a stale cached page.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from docs_tools.matrix import pyodide_version

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "web" / "offline"
#: Copied into assets/offline/ as they are.
PAGE_FILES = ("offline.js", "offline.css")
WORKER = "sw.js"

#: Not precached: fetched on use (Pyodide), downloaded (notebooks), or never
#: needed by a reader (source maps; Material's search language packs, which an
#: English site does not load).
PYODIDE_DIR = "assets/pyodide/"
SKIPPED_DIRS = (PYODIDE_DIR, "downloads/", "assets/javascripts/lunr/")
SKIPPED_SUFFIXES = (".map", ".ipynb", ".gz")
#: Precached without checking its hash: its URLs name the host it is served
#: from, and a preview server rewrites them (docs_tools.browser does).
UNCHECKED = ("sitemap.xml",)

_state: dict[str, str] = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def serving() -> bool:
    return _state["command"] == "serve"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for name in PAGE_FILES:
        path = SOURCE / name
        if not path.is_file():
            raise PluginError(f"service worker: missing web/offline/{name}")
        files.append(
            File.generated(config, f"assets/offline/{name}", abs_src_path=str(path))
        )
    files.append(
        File.generated(
            config,
            "assets/offline/config.js",
            content=(
                "// Written by hooks/service_worker.py.\n"
                f"export default {{ enabled: {json.dumps(not serving())} }};\n"
            ),
        )
    )
    return files


def precached(site_dir: Path) -> dict[str, str | None]:
    """The site's files the worker precaches, with their SHA-256 (None: unchecked)."""
    found: dict[str, str | None] = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site_dir).as_posix()
        if (
            name == WORKER
            or name.startswith(SKIPPED_DIRS)
            or PurePosixPath(name).suffix in SKIPPED_SUFFIXES
        ):
            continue
        found[name] = (
            None if name in UNCHECKED else hashlib.sha256(path.read_bytes()).hexdigest()
        )
    return found


def pyodide_files(site_dir: Path) -> dict[str, str]:
    """Pyodide's files in the site, with their SHA-256: what the worker may
    copy from the HTTP cache (sw.js adoptPyodide)."""
    folder = site_dir / PYODIDE_DIR
    return {
        path.relative_to(site_dir).as_posix(): hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def build_facts(site_dir: Path) -> dict:
    """What sw.js is told: its version, Pyodide's and its files, the files
    to precache."""
    files = precached(site_dir)
    if "index.html" not in files or "404.html" not in files:
        raise PluginError(f"service worker: no index.html or 404.html in {site_dir}")
    listing = json.dumps(files, sort_keys=True).encode()
    return {
        "version": hashlib.sha256(listing).hexdigest()[:16],
        "pyodide": pyodide_version(),
        "files": files,
        "pyodideFiles": pyodide_files(site_dir),
    }


def write_worker(site_dir: Path) -> dict:
    """Write sw.js into a built site (also used by the tests to make a new
    version of a copied site); returns the facts it holds."""
    source = (SOURCE / WORKER).read_text(encoding="utf-8")
    facts = build_facts(site_dir)
    header = (
        "// Written by hooks/service_worker.py: this build's version and files.\n"
        f"self.TIP_BUILD = {json.dumps(facts, sort_keys=True)};\n"
    )
    (site_dir / WORKER).write_text(header + source, encoding="utf-8")
    return facts


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    if serving():
        retire = (SOURCE / "retire.js").read_text(encoding="utf-8")
        (site_dir / WORKER).write_text(retire, encoding="utf-8")
        return
    write_worker(site_dir)
