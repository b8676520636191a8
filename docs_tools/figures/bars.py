"""The speedup charts: bars per Python for threads and processes, and a table.

Drawn with matplotlib (Agg, no pyplot state) into an SVG whose colours are
placeholders, then replaced by `currentColor` and the CSS variables of
docs/assets/stylesheets/figures.css, so the bars follow the page's scheme.
"""

from __future__ import annotations

import html

from docs_tools.figures import plot
from docs_tools.figures.data import FigureError
from docs_tools.figures.svg import accessible, figure, prefix_ids
from docs_tools.figures.words import DASH, JOBS, TIMES, WAYS, python_label, times

# Series colours: placeholders in matplotlib, CSS variables in the page.
_SENTINELS = {
    "#010101": "currentColor",
    "#020202": "var(--tp-threads)",
    "#030303": "var(--tp-processes)",
    "#040404": "var(--tp-grid)",
}


def _bar_svg(bench: dict, job: str) -> str:

    results = bench["results"]
    labels = [python_label(r) for r in results]
    cores = bench["machine"]["usable_cpus"]
    with plot.axes(f"tp-{job}", (7.2, 3.8)) as (figure, axes):
        width = 0.36
        top = 0.0
        for offset, (way, colour) in enumerate(
            [("threads", "#020202"), ("processes", "#030303")]
        ):
            for index, result in enumerate(results):
                speedup = result["jobs"][job][way]["speedup"]
                x = index + (offset - 0.5) * width
                (bar,) = axes.bar(
                    x,
                    speedup["median"],
                    width=width * 0.92,
                    color=colour,
                    label=way if index == 0 else None,
                )
                bar.set_gid(f"bar-{way}-{result['python']}")
                axes.errorbar(
                    x,
                    speedup["median"],
                    yerr=[
                        [speedup["median"] - speedup["min"]],
                        [speedup["max"] - speedup["median"]],
                    ],
                    fmt="none",
                    ecolor="#010101",
                    elinewidth=1,
                    capsize=3,
                )
                axes.annotate(
                    times(speedup["median"]),
                    (x, speedup["max"]),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=9,
                )
                top = max(top, speedup["max"])
        axes.axhline(
            1,
            color="#010101",
            linewidth=1,
            linestyle="--",
            label=f"sequential = 1{TIMES}",
        )
        if job == "cpu-bound":
            axes.axhline(
                cores,
                color="#010101",
                linewidth=1,
                linestyle=":",
                label=f"{cores} CPUs: the most processes can give",
            )
            top = max(top, cores)
        axes.set_ylim(0, top * 1.12)
        axes.set_xticks(range(len(labels)), [f"Python {v}" for v in labels])
        axes.set_ylabel(f"speedup vs sequential ({TIMES})")
        axes.yaxis.grid(True, color="#040404", linewidth=0.8)
        axes.set_axisbelow(True)
        handles, names = axes.get_legend_handles_labels()
        bars_first = sorted(range(len(names)), key=lambda i: names[i] not in WAYS)
        handles = [handles[i] for i in bars_first]
        names = [names[i] for i in bars_first]
        figure.legend(
            handles,
            names,
            frameon=False,
            loc="upper center",
            ncols=len(names),
            fontsize=10,
            handlelength=1.6,
        )
        figure.tight_layout(rect=(0, 0, 1, 0.92))
        return plot.svg_text(figure, _SENTINELS)


def chart(job: str, data: dict) -> str:
    """The Markdown for `<!-- chart: JOB -->`: the bars, then their table."""
    if job not in JOBS:
        known = list(JOBS)
        raise FigureError(f"unknown chart {job!r}; known: {known}")
    results = data["results"]
    params = data["parameters"][job]
    prefix = f"chart-{job}"
    title = f"{JOBS[job]}: speedup of threads and processes over sequential"
    desc = "; ".join(
        f"Python {python_label(r)}: threads "
        + times(r["jobs"][job]["threads"]["speedup"]["median"])
        + ", processes "
        + times(r["jobs"][job]["processes"]["speedup"]["median"])
        for r in results
    )
    svg = accessible(
        prefix_ids(_bar_svg(data, job), prefix),
        prefix,
        title,
        desc + f" (median of rounds; 1{TIMES} = sequential).",
    )
    caption = (
        f"{JOBS[job]}: {params['tasks']} tasks, {params['workers']} workers. "
        "Bars: median speedup over the sequential run (sequential time ÷ time), "
        "whiskers: the lowest and highest of "
        f"{data['method']['repeats']} rounds. Measured {data['date'][:10]} "
        f"on {data['machine']['usable_cpus']} CPUs "
        f"({html.escape(data['machine']['cpu_model'])})."
    )
    rows = [
        "| Python | sequential (median) | threads | processes "
        "| cores busy: threads / processes |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        jobs = r["jobs"][job]
        cells = [python_label(r), f"{jobs['sequential']['time_s']['median']:.2f} s"]
        for way in WAYS:
            s = jobs[way]["speedup"]
            cells.append(
                f"**{times(s['median'])}** ({times(s['min'])}{DASH}{times(s['max'])})"
            )
        cells.append(
            " / ".join(f"{jobs[way]['cores_used']['median']:.1f}" for way in WAYS)
        )
        rows.append("| " + " | ".join(cells) + " |")
    table = "\n".join(rows)
    return f"{figure(prefix, svg, caption)}\n\n{table}\n"
