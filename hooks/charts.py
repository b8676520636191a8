"""Put the figures drawn from data/ where a page asks for them.

A page asks for a figure with a placeholder on a line of its own:

    <!-- chart: io-bound -->          speedup bars per Python, + table
    <!-- chart: cpu-bound -->
    <!-- chart: gil-switch-interval -->  CPU-bound threads vs the switch
                                      interval, one line per Python, + table
    <!-- measured: setup -->          where, when and how it was measured
    <!-- measured: load -->           a warning if the machine was busy
    <!-- measured: cpu-verdict -->    what the CPU-bound numbers show, worded
                                      from the numbers
    <!-- measured: gil-setup -->      how the switch-interval chart was
                                      measured, and its ratios
    <!-- measured: start-methods -->  the processes example per start method
                                      and size, a table (data/start-methods.json)
    <!-- measured: start-methods-verdict -->  what that table shows, worded
                                      from its medians
    <!-- timeline: two-tasks -->      one lane per thread, + events table
    <!-- timeline: thread-pool -->

and cites a figure inside a sentence with `<!-- value: KEY -->` (the keys:
docs_tools.figures.values.value; e.g. io-bound.threads, cpus, pythons,
param.io-bound.tasks, two-tasks.duration, gil.cpus).

This hook only finds them and hands them to docs_tools/figures, which draws
them from the data/ folder beside mkdocs.yml. A missing or unreadable data
file, an unknown chart or an unknown key stops the build with a message
naming it, never an empty chart.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from docs_tools.figures import (
    Data,
    FigureError,
    bars,
    prose,
    start_methods,
    switch_interval,
    timelines,
    values,
)
from docs_tools.figures.placeholders import BLOCK, INLINE

MEASURED = {
    "setup": prose.setup,
    "load": prose.load_note,
    "cpu-verdict": prose.cpu_verdict,
}


def _block(match: re.Match, data: Data) -> str:
    kind, name = match["kind"], match["name"]
    if match["indent"]:
        raise FigureError(
            f"<!-- {kind}: {name} --> must start at the left margin "
            "(raw HTML cannot sit inside an indented block)"
        )
    if kind == "chart" and name in switch_interval.CHARTS:
        return switch_interval.chart(name, data.gil_switch_interval())
    if kind == "chart":
        return bars.chart(name, data.benchmarks())
    if kind == "timeline":
        return timelines.block(name, data.timeline(name))
    if kind == "measured" and name in switch_interval.MEASURED:
        return switch_interval.measured(name, data.gil_switch_interval())
    if kind == "measured" and name in start_methods.MEASURED:
        return start_methods.measured(name, data.start_methods())
    if name in MEASURED:
        return MEASURED[name](data.benchmarks())
    raise FigureError(f"unknown placeholder <!-- {kind}: {name} -->")


def on_config(config):
    """Stop at once if a figure cannot be drawn: before the hooks that run
    every notebook and simulate every threaded example (40 s on a cold
    cache), not after them. The pages draw them again as they are built."""
    data = _data(config)
    docs = Path(config.docs_dir)
    for source in sorted(docs.rglob("*.md")):
        where = source.relative_to(docs).as_posix()
        _draw(source.read_text(encoding="utf-8"), where, data)
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    return _draw(markdown, page.file.src_uri, _data(config))


def _data(config) -> Data:
    return Data(Path(config.config_file_path).parent.absolute())


def _draw(markdown: str, where: str, data: Data) -> str:
    try:
        markdown = BLOCK.sub(lambda match: _block(match, data), markdown)
        return INLINE.sub(lambda match: values.value(match["key"], data), markdown)
    except FigureError as error:
        message = f"hooks/charts.py: {error} (needed by docs/{where})"
        raise PluginError(message) from None
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise PluginError(
            f"hooks/charts.py: a data file under data/ lacks what docs/{where} "
            f"needs ({type(error).__name__}: {error}); re-run the script that "
            "writes it (benchmarks/concurrency.py, benchmarks/gil_switch_interval.py, "
            "benchmarks/start_methods.py or benchmarks/record_timelines.py)"
        ) from error
