"""CPU-bound threads vs the GIL's switch interval: one line per Python, a table.

Drawn from data/gil-switch-interval.json (benchmarks/gil_switch_interval.py)
with matplotlib (Agg), like bars.py: colours are placeholders replaced by
`currentColor` and figures.css variables, so the figure follows the scheme.
The lines differ by marker and dash as well as by colour, so they can be
told apart without colour. The y value is the ratio of the fastest rounds,
threads time / sequential time (the fastest round is the one least disturbed
by other work on the machine): above 1, the threads were slower than the same
work done one after the other.
"""

from __future__ import annotations

import html

from docs_tools.figures import plot
from docs_tools.figures.data import FigureError
from docs_tools.figures.svg import accessible, figure, prefix_ids
from docs_tools.figures.words import DASH, TIMES, joined, python_label

CHARTS = ("gil-switch-interval",)
#: `<!-- measured: NAME -->` paragraphs about this chart's data.
MEASURED = ("gil-setup",)
_SENTINELS = {
    "#010101": "currentColor",
    "#020202": "var(--tp-threads)",
    "#030303": "var(--tp-processes)",
    "#040404": "var(--tp-grid)",
}
#: (colour, marker, dash) per Python, in the order of the data.
_STYLES = [
    ("#020202", "o", "-"),
    ("#030303", "s", "--"),
    ("#010101", "^", ":"),
    ("#020202", "D", "-."),
    ("#030303", "v", (0, (5, 1, 1, 1))),
    ("#010101", "P", (0, (1, 2))),
]


def interval_label(seconds: float) -> str:
    """0.005 -> '5 ms', 5e-06 -> '0.005 ms'."""
    return f"{seconds * 1000:g} ms"


def ratios(result: dict) -> dict[float, float]:
    """{interval: fastest threads round / fastest sequential round}."""
    out = {}
    for interval, rounds in result["times_s"].items():
        sequential = min(rounds["sequential"])
        threads = min(rounds["threads"])
        out[float(interval)] = threads / sequential
    return dict(sorted(out.items()))


def _svg(data: dict) -> str:

    results = data["results"]
    if len(results) > len(_STYLES):
        raise FigureError(f"more Pythons ({len(results)}) than line styles")
    with plot.axes("tp-gil-switch-interval", (7.2, 4.4)) as (fig, axes):
        top, bottom = 1.0, 1.0
        intervals: list[float] = []
        for result, (colour, marker, dash) in zip(results, _STYLES, strict=False):
            points = ratios(result)
            intervals = list(points)
            (line,) = axes.plot(
                intervals,
                list(points.values()),
                color=colour,
                marker=marker,
                linestyle=dash,
                linewidth=1.6,
                markersize=6,
                label=f"Python {python_label(result)}",
            )
            line.set_gid(f"line-{result['python']}")
            top = max(top, *points.values())
            bottom = min(bottom, *points.values())
        axes.set_xscale("log")
        axes.set_xticks(intervals, [interval_label(i) for i in intervals])
        axes.minorticks_off()
        axes.axhline(
            1, color="#010101", linewidth=1, linestyle="--", label="= sequential"
        )
        default = results[0]["default_switch_interval_s"]
        axes.axvline(default, color="#040404", linewidth=6)
        # Ratios sit near 1: a line chart's axis need not start at 0, and
        # the 1x line stays in view (bars.py, whose bars do, starts at 0).
        low = max(0.0, min(0.9, bottom - 0.05))
        high = top + (top - low) * 0.25
        axes.annotate(
            "default",
            (default, top + (top - low) * 0.08),
            ha="center",
            va="bottom",
            fontsize=9,
        )
        axes.set_ylim(low, high)
        axes.set_xlabel("switch interval (sys.setswitchinterval), log scale")
        axes.set_ylabel(f"threads time ÷ sequential time ({TIMES})")
        axes.yaxis.grid(True, color="#040404", linewidth=0.8)
        axes.set_axisbelow(True)
        fig.legend(
            frameon=False,
            loc="upper center",
            ncols=3,
            fontsize=10,
            handlelength=2.4,
        )
        fig.tight_layout(rect=(0, 0, 1, 0.84))
        return plot.svg_text(fig, _SENTINELS)


def ratio_text(value: float) -> str:
    return f"{value:.2f}{TIMES}"


def chart(name: str, data: dict) -> str:
    """The Markdown for `<!-- chart: gil-switch-interval -->`: lines, then table."""
    if name not in CHARTS:
        raise FigureError(f"unknown chart {name!r}; known: {list(CHARTS)}")
    results = data["results"]
    params = data["parameters"]
    prefix = f"chart-{name}"
    title = "CPU-bound threads vs the switch interval: threads time over sequential"
    desc = "; ".join(
        f"Python {python_label(r)}: "
        + ", ".join(
            f"{interval_label(i)} {ratio_text(v)}" for i, v in ratios(r).items()
        )
        for r in results
    )
    svg = accessible(
        prefix_ids(_svg(data), prefix),
        prefix,
        title,
        desc + f" (ratio of the fastest rounds; 1{TIMES} = as fast as sequential).",
    )
    caption = (
        f"{params['tasks']} pure-Python loops of {value('n', data)} iterations, "
        f"in {params['threads']} threads vs one after the other. Each point: "
        "fastest threads round ÷ fastest sequential round, of "
        f"{data['method']['repeats']} rounds each. Measured "
        f"{data['date'][:10]} on {data['machine']['usable_cpus']} CPUs "
        f"({html.escape(data['machine']['cpu_model'])})."
    )
    intervals = list(ratios(results[0]))
    rows = [
        "| Python | sequential (fastest, at the default) | "
        + " | ".join(interval_label(i) for i in intervals)
        + " |",
        "|---|---:|" + "---:|" * len(intervals),
    ]
    default = results[0]["default_switch_interval_s"]
    for r in results:
        sequential = min(r["times_s"][repr(default)]["sequential"])
        cells = [python_label(r), f"{sequential:.2f} s"]
        for interval, ratio in ratios(r).items():
            text = ratio_text(ratio)
            cells.append(f"**{text}**" if interval == default else text)
        rows.append("| " + " | ".join(cells) + " |")
    table = "\n".join(rows)
    return f"{figure(prefix, svg, caption)}\n\n{table}\n"


def value(what: str, data: dict) -> str:
    """gil.WHAT: date, cpus, cpu-model, platform, pythons, repeats, n, tasks,
    load (the highest 1-minute load average seen), default (the default
    interval), at-default and at-smallest (the range of ratios there)."""
    results = data["results"]
    if what == "date":
        return data["date"][:10]
    if what == "cpus":
        return str(data["machine"]["usable_cpus"])
    if what == "cpu-model":
        return html.escape(data["machine"]["cpu_model"])
    if what == "platform":
        return html.escape(data["machine"]["platform"])
    if what == "pythons":
        return joined([python_label(r) for r in results])
    if what == "repeats":
        return str(data["method"]["repeats"])
    if what == "n":
        return f"{data['parameters']['n']:,}".replace(",", "\u202f")
    if what == "tasks":
        return str(data["parameters"]["tasks"])
    if what == "load":
        loads = [
            r[key][0]
            for r in results
            for key in ("load_average_before", "load_average_after")
            if r.get(key)
        ]
        return f"{max(loads):.1f}" if loads else "not recorded"
    if what == "default":
        return interval_label(results[0]["default_switch_interval_s"])
    if what in {"at-default", "at-smallest"}:
        values = []
        for r in results:
            points = ratios(r)
            key = (
                r["default_switch_interval_s"] if what == "at-default" else min(points)
            )
            values.append(points[key])
        low, high = ratio_text(min(values)), ratio_text(max(values))
        return low if low == high else f"{low}{DASH}{high}"
    raise FigureError(f"unknown value gil.{what!r}")


def measured(name: str, data: dict) -> str:
    """`<!-- measured: gil-setup -->`: how, where and when it was measured, and
    what the ratios were, every number from the data (a paragraph of its own,
    so that the notebook made from the page, which has no data, leaves it out
    with the chart)."""
    if name not in MEASURED:
        raise FigureError(f"unknown placeholder <!-- measured: {name} -->")
    v = {key: value(key, data) for key in _SETUP_KEYS}
    return (
        f"Read it with care: each task is {v['n']} loop iterations, on "
        f"{v['cpus']} CPUs ({v['cpu-model']}, {v['platform']}), with Python "
        f"{v['pythons']}, {v['repeats']} rounds per point, on {v['date']}. "
        "That machine is shared: its one-minute load average reached "
        f"{v['load']} while it ran, so each point is the fastest of its rounds, "
        "the one least disturbed, and single points still move between runs. "
        f"At the default {v['default']}, the threads took {v['at-default']} "
        f"the sequential time; at the shortest interval, {v['at-smallest']}.\n"
    )


_SETUP_KEYS = (
    "n",
    "cpus",
    "cpu-model",
    "platform",
    "pythons",
    "repeats",
    "date",
    "load",
    "default",
    "at-default",
    "at-smallest",
)
