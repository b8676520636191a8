"""Simulated runs of the threaded examples, made at build for browsers without JSPI.

The thread simulator (web/simulator/threadsim) runs in the page only where
the browser has WebAssembly JSPI (stack switching). Elsewhere (Safari today)
the panel under a threaded block shows runs made here instead, with the
simulator's CPython backend, for a few seeds at the page's defaults (a
switch every `DEFAULT_QUANTUM["gil"]` switch points, the browser's budget of
switch points): the same JSON the page's worker returns for a live run
(`threadsim._browser._payload`), without the wall-clock time, which no two
runs share, and with the output as the worker streams it (`chunks`: stdout
and stderr apart).

One file per page with threaded blocks, `assets/simulator-runs/<page
url>runs.json` (`runs_uri`), written by hooks/simulator_precomputed.py and
fetched by the panel (web/simulator/ui.js) only in a browser without JSPI.

Each example's runs are kept in `.cache/simulator-runs/<key>.json`, keyed by
its path and source, the simulator's own files and this module, the
settings and the CPython minor version (which decides where CPython's
switch points are), so a warm build simulates nothing. The simulations run
in child processes: the simulator swaps `threading`, `queue` and
`time.sleep` for the whole process while it runs, which the build's own
threads (`mkdocs serve`'s watcher, the notebook kernels' clients) must
never see.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "web" / "simulator" / "threadsim"
CACHE = ROOT / ".cache" / "simulator-runs"

#: The seeds the reader can pick among, and the settings of every run: the
#: panel's defaults in a browser with JSPI.
SEEDS = (1, 2, 3)
POLICY = "every"
GRANULARITY = "gil"
#: Where the per-page files go in the site.
SITE_DIR = "assets/simulator-runs"
#: The file format's version: a change of shape is a change of cache key.
SCHEMA = 1
#: Fields of a live run's JSON that a precomputed one leaves out: the wall
#: time differs on every run, the note is in the page already and the full
#: timeline data is asked for only by tests.
_DROPPED = ("wall_time", "note", "timeline")


class SimulationFailed(RuntimeError):
    """A precomputed run that the page must not show (the build stops)."""


def python_version() -> str:
    """The CPython minor version whose switch points the runs follow."""
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def runs_uri(page_url: str) -> str:
    """The site path of a page's runs: "" -> assets/simulator-runs/runs.json,
    "locks/" -> assets/simulator-runs/locks/runs.json."""
    return f"{SITE_DIR}/{page_url}runs.json"


def settings() -> dict:
    """What every run is made with (written into each page's file)."""
    from threadsim import DEFAULT_QUANTUM
    from threadsim._browser import MAX_STEPS

    return {
        "seeds": list(SEEDS),
        "policy": POLICY,
        "granularity": GRANULARITY,
        "quantum": DEFAULT_QUANTUM[GRANULARITY],
        "max_steps": MAX_STEPS,
        "python": python_version(),
    }


def simulator_digest() -> str:
    """A hash of the simulator's own files and of this module, which makes
    the runs: a change in either re-simulates all."""
    digest = hashlib.sha256()
    for path in [*sorted(PACKAGE.glob("*.py")), Path(__file__)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(path: str, source: str, simulator: str, given: dict) -> str:
    text = json.dumps(
        [SCHEMA, path, source, simulator, given], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def simulate(path: str, source: str) -> list[dict]:
    """The example's runs, one per seed, as the page shows them.

    Raises SimulationFailed when a run stops (budget, deadlock): the page
    would show a stopped simulation instead of the example's run.
    """
    import threadsim
    from threadsim._browser import MAX_STEPS, _payload

    runs = []
    for seed in SEEDS:
        chunks: list[list[str]] = []  # [stream, text], as the worker streams them

        def echo(stream: str, text: str, chunks=chunks) -> None:
            if chunks and chunks[-1][0] == stream:
                chunks[-1][1] += text
            else:
                chunks.append([stream, text])

        result = threadsim.run(
            source,
            path,
            seed=seed,
            policy=POLICY,
            granularity=GRANULARITY,
            max_steps=MAX_STEPS,
            echo=echo,
        )
        if result.stop_reason is not None:
            raise SimulationFailed(
                f"{path}, seed {seed}: the simulation stopped ({result.stop_reason});"
                f" its output:\n{result.output}"
            )
        run = json.loads(_payload(result))
        for name in _DROPPED:
            run.pop(name, None)
        run["chunks"] = chunks
        runs.append(run)
    return runs


def _simulate_job(job: tuple[str, str]) -> list[dict]:
    return simulate(*job)


@dataclass
class Stats:
    """What one call of `runs_of` did (the build logs it)."""

    examples: int = 0
    simulated: int = 0
    keys: set[str] = field(default_factory=set)  # the cache entries used


def runs_of(examples: dict[str, str], stats: Stats | None = None) -> dict[str, list]:
    """Each example's runs (path -> source given), from the cache or simulated."""
    stats = stats if stats is not None else Stats()
    simulator = simulator_digest()
    given = settings()
    found: dict[str, list] = {}
    missing: dict[str, Path] = {}
    for path, source in examples.items():
        key = cache_key(path, source, simulator, given)
        stats.keys.add(key)
        cached = CACHE / f"{key}.json"
        try:
            found[path] = json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not there, or cut short: simulate again
            missing[path] = cached
    stats.examples += len(examples)
    stats.simulated += len(missing)
    if missing:
        CACHE.mkdir(parents=True, exist_ok=True)
        jobs = [(path, examples[path]) for path in missing]
        workers = max(1, min(len(jobs), os.cpu_count() or 1))
        # spawn: a fresh interpreter, not a fork of the build's threads.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for (path, _), runs in zip(
                jobs, pool.map(_simulate_job, jobs), strict=True
            ):
                temporary = missing[path].with_suffix(".tmp")
                temporary.write_text(json.dumps(runs), encoding="utf-8")
                temporary.replace(missing[path])
                found[path] = runs
    return {path: found[path] for path in examples}


def prune(keep: set[str]) -> int:
    """Remove the cached runs whose key is not in `keep` (an earlier simulator
    or source); how many were removed."""
    removed = 0
    for cached in CACHE.glob("*.json") if CACHE.exists() else ():
        if cached.stem not in keep:
            cached.unlink(missing_ok=True)
            removed += 1
    return removed


def page_file(runs: dict[str, list]) -> str:
    """The text of one page's file: the settings and each example's runs."""
    return json.dumps(
        {"schema": SCHEMA, **settings(), "examples": runs},
        sort_keys=True,
        separators=(",", ":"),
    )


def threaded_pages() -> dict[str, dict[str, str]]:
    """page URL -> {snippet path: source} for every page with threaded blocks
    that the simulator runs (not `.not-simulated`), found by the site model
    (docs_tools.site, docs_tools.pages)."""
    from docs_tools.site import rel, site

    pages: dict[str, dict[str, str]] = {}
    for page in site():
        threaded = [e for e in page.examples if e.simulated]
        if threaded:
            pages[page.url] = {
                rel(e.snippet): e.snippet.read_text(encoding="utf-8") for e in threaded
            }
    return pages
