"""Simulated runs for browsers without WebAssembly JSPI (issue 16, section 2).

For every page with threaded blocks, `assets/simulator-runs/<page
url>runs.json`: each threaded example of the page run by the thread
simulator's CPython backend for a few seeds at the panel's defaults
(docs_tools/simulator_runs.py says which, how they are cached in
.cache/simulator-runs/ and why they run in child processes). The panel
(web/simulator/ui.js) fetches its page's file only where the browser cannot
run the simulator live, and lets the reader pick among the seeds.

A run that stops (its budget, a deadlock) or a simulator that fails stops
the build, naming the example and the seed.
"""

from __future__ import annotations

import logging
import time

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from docs_tools import simulator_runs

log = logging.getLogger("mkdocs.hooks.simulator_precomputed")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    started = time.perf_counter()
    stats = simulator_runs.Stats()
    pages = simulator_runs.threaded_pages()
    every = {
        path: text for examples in pages.values() for path, text in examples.items()
    }
    try:
        runs = simulator_runs.runs_of(every, stats)
    except simulator_runs.SimulationFailed as error:
        raise PluginError(f"simulator_precomputed: {error}") from None
    except Exception as error:
        raise PluginError(
            "simulator_precomputed: simulating the threaded examples failed: "
            f"{type(error).__name__}: {error}"
        ) from error
    simulator_runs.prune(stats.keys)
    for url, examples in pages.items():
        files.append(
            File.generated(
                config,
                simulator_runs.runs_uri(url),
                content=simulator_runs.page_file(
                    {path: runs[path] for path in examples}
                ),
            )
        )
    log.info(
        "simulator_precomputed: %d threaded examples x %d seeds, %d simulated "
        "(the rest cached), in %.1f s",
        stats.examples,
        len(simulator_runs.SEEDS),
        stats.simulated,
        time.perf_counter() - started,
    )
    return files
