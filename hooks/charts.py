"""Draw the measured charts and thread timelines from data/ at build time.

A page asks for a figure with a placeholder on a line of its own:

    <!-- chart: io-bound -->          speedup bars per Python, + table
    <!-- chart: cpu-bound -->
    <!-- measured: setup -->          where, when and how it was measured
    <!-- measured: load -->           a warning if the machine was busy
    <!-- measured: cpu-verdict -->    what the CPU-bound numbers show, worded
                                      from the numbers
    <!-- timeline: two-tasks -->      one lane per thread, + events table
    <!-- timeline: thread-pool -->

and cites a figure inside a sentence with `<!-- value: KEY -->` (see
`value()`: e.g. io-bound.threads, cpu-bound.processes.cores, cpus, pythons,
param.io-bound.tasks, two-tasks.duration).
Nothing is typed by hand: every number comes from data/benchmarks.json
(written by benchmarks/concurrency.py) or data/timelines/<name>.json (written
by benchmarks/record_timelines.py). A missing or unreadable data file, an
unknown chart or an unknown key stops the build with a message naming it —
never an empty chart.

Figures are inline SVG, so they follow the page's theme: text and axes use
`currentColor`; series colours are CSS variables set for the light and the
dark (slate) scheme. Each SVG has role="img", a <title> and a <desc>, and a
table with the same numbers follows it.
"""

from __future__ import annotations

import html
import io
import json
import re
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError

#: The folder of mkdocs.yml (set in on_config); data files live in ROOT/data.
ROOT = Path(__file__).resolve().parent.parent


def _data(*parts: str) -> Path:
    return ROOT.joinpath("data", *parts)


BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)<!--\s*(?P<kind>chart|measured|timeline):\s*"
    r"(?P<name>[\w.-]+)\s*-->[ \t]*$",
    re.MULTILINE,
)
INLINE = re.compile(r"<!--\s*value:\s*(?P<key>[\w.-]+)\s*-->")
JOBS = {
    "io-bound": "I/O-bound job",
    "cpu-bound": "CPU-bound job",
}
WAYS = ("threads", "processes")
MODES = ("sequential", *WAYS)
TIMES, DASH = "\u00d7", "\u2013"  # multiplication sign, en dash

# Series colours: placeholders in matplotlib, CSS variables in the page.
_SENTINELS = {
    "#010101": "currentColor",
    "#020202": "var(--tp-threads)",
    "#030303": "var(--tp-processes)",
    "#040404": "var(--tp-grid)",
}
STYLE = (
    "<style>"
    ".tp-figure{--tp-threads:#1565c0;--tp-processes:#c43e00;"
    "--tp-sleep:#cfe0f5;--tp-print:#ad1457;--tp-grid:rgba(0,0,0,.14)}"
    '[data-md-color-scheme="slate"] .tp-figure{--tp-threads:#64b5f6;'
    "--tp-processes:#ffb74d;--tp-sleep:#2b4a6f;--tp-print:#f48fb1;"
    "--tp-grid:rgba(255,255,255,.16)}"
    ".tp-figure svg{display:block;width:100%;height:auto;max-width:46rem;"
    "color:var(--md-typeset-color,currentColor)}"
    ".tp-figure figcaption{max-width:46rem}"
    "</style>"
)


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------


def _missing(path: Path, how: str) -> PluginError:
    return PluginError(
        f"hooks/charts.py: the data file {path.relative_to(ROOT).as_posix()} "
        f"is missing or unreadable. The pages draw their charts from it; {how}"
    )


@cache
def _load(path: Path, how: str) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _missing(path, f"{how} ({error})") from error


def benchmarks() -> dict:
    path = _data("benchmarks.json")
    data = _load(path, "run `python benchmarks/concurrency.py` to measure and write it")
    if not data.get("results"):
        raise PluginError(f"hooks/charts.py: {path} holds no results")
    return data


def timeline(name: str) -> dict:
    return _load(
        _data("timelines", f"{name}.json"),
        f"run `python benchmarks/record_timelines.py {name}` to record it",
    )


def on_config(config):
    global ROOT
    ROOT = Path(config.config_file_path).parent.absolute()
    _load.cache_clear()
    _svg_cache.clear()
    return config


# --------------------------------------------------------------------------
# Words and numbers
# --------------------------------------------------------------------------


def _x(value: float) -> str:
    return f"{value:.1f}{TIMES}"


def _range(values: list[float], fmt=_x) -> str:
    low, high = fmt(min(values)), fmt(max(values))
    return low if low == high else f"{low} to {high}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _label(result: dict) -> str:
    """3.12.1, or 3.13.0t for a free-threaded build."""
    return result["version"] + ("t" if result["python"].endswith("t") else "")


def _cores(job: str, way: str) -> list[float]:
    return [
        r["jobs"][job][way]["cores_used"]["median"] for r in benchmarks()["results"]
    ]


def _load_average() -> float:
    """Mean one-minute load just before each interpreter's run.

    Only "before": while it measures, the benchmark itself keeps both cores
    busy, so the load after a run says nothing about competing programs.
    """
    loads = [
        r["load_average_before"][0]
        for r in benchmarks()["results"]
        if r.get("load_average_before")
    ]
    return sum(loads) / len(loads) if loads else float("nan")


def load_note() -> str:
    """A warning when the machine was busy while measuring, a note if not."""
    cpus = benchmarks()["machine"]["usable_cpus"]
    load = _load_average()
    if load >= cpus / 2:
        return (
            '!!! warning "Measured on a busy machine"\n'
            "    Other programs were running on the same machine during these "
            f"measurements: the load average before each run was {load:.1f} for "
            f"{cpus} CPUs (above {cpus} means some work was always waiting for "
            "a core). Waiting does not mind that, so the I/O-bound ratios hold "
            "up; the CPU-bound ratios do mind, processes most of all. Run the "
            "script on your own machine to see your numbers "
            "([below](#measure-it-yourself)).\n"
        )
    return (
        '!!! note "A quiet machine"\n'
        f"    The load average before each run was about {load:.1f} for {cpus} "
        "CPUs (a one-minute average, so it still counts the previous run): "
        "little else was "
        "running. Your machine will give other "
        "seconds, and much the same ratios "
        "([measure it yourself](#measure-it-yourself)).\n"
    )


def cpu_verdict() -> str:
    """What the CPU-bound numbers say about processes, worded from the numbers.

    Per Python: did the processes come close to the ceiling (the CPU count),
    and how many cores did they keep busy?
    """
    data = benchmarks()
    cpus = data["machine"]["usable_cpus"]
    close, short = [], []
    for r in data["results"]:
        job = r["jobs"]["cpu-bound"]["processes"]
        entry = (_label(r), job["speedup"]["median"], job["cores_used"]["median"])
        (close if entry[1] >= 0.75 * cpus else short).append(entry)

    def cores(entries: list) -> str:
        return _range([e[2] for e in entries], fmt=lambda v: f"{v:.1f}")

    def names(entries: list) -> str:
        return "Python " + _and([e[0] for e in entries])

    reached = close and (
        f"on {names(close)} they reached "
        f"{_range([e[1] for e in close])}, keeping {cores(close)} cores busy"
    )
    if not short:
        return f"The processes came close to the ceiling of {cpus}{TIMES}: {reached}.\n"
    load = _load_average()
    cause = (
        f"because other programs were using the same {cpus} CPUs (mean load "
        f"average {load:.1f}): processes can only use the cores the machine "
        "gives them"
        if load >= cpus / 2
        else f"although the machine was otherwise quiet (mean load {load:.1f})"
    )
    why = short and (
        f"on {names(short)} they kept only {cores(short)} cores busy on "
        f"average, {cause}"
    )
    if not close:
        return (
            f"The processes stayed well below the ceiling of {cpus}{TIMES}, and "
            f"the CPU time the script recorded says why: {why}.\n"
        )
    return (
        f"The processes came close to the ceiling of {cpus}{TIMES} only when "
        f"the other programs left them the cores: {reached}; {why}.\n"
    )


def _speedups(job: str, way: str) -> list[float]:
    return [r["jobs"][job][way]["speedup"]["median"] for r in benchmarks()["results"]]


def value(key: str) -> str:
    """The text for `<!-- value: KEY -->`."""
    parts = key.split(".")
    if len(parts) == 2 and parts[0] in JOBS and parts[1] in WAYS:
        return _range(_speedups(parts[0], parts[1]))
    if (
        len(parts) == 3
        and parts[0] in JOBS
        and parts[1] in MODES
        and parts[2] == "cores"
    ):
        return _range(_cores(parts[0], parts[1]), fmt=lambda v: f"{v:.1f}")
    if key == "date":
        return benchmarks()["date"][:10]
    if key == "cpus":
        return str(benchmarks()["machine"]["usable_cpus"])
    if key == "pythons":
        return _and([r["version"] for r in benchmarks()["results"]])
    if key == "free-threading":
        free = [r for r in benchmarks()["results"] if r["python"].endswith("t")]
        if not free:
            return (
                "No free-threaded build was found where these numbers were "
                "measured, so none is shown; the script measures one when it "
                "finds it."
            )
        return (
            "The charts include "
            + _and([f"{r['version']} free-threaded" for r in free])
            + "."
        )
    if key == "repeats":
        return str(benchmarks()["method"]["repeats"])
    if key.startswith("param."):  # e.g. param.io-bound.tasks
        _, job, name = key.split(".", 2)
        try:
            raw = benchmarks()["parameters"][job][name]
        except KeyError:
            raise PluginError(f"hooks/charts.py: no parameter {key!r}") from None
        return f"{raw:,}".replace(",", "\u202f") if isinstance(raw, int) else str(raw)
    if len(parts) == 2 and parts[1] in {"duration", "date", "python"}:
        data = timeline(parts[0])
        if parts[1] == "duration":
            return f"{data['duration_s']:.2f} s"
        if parts[1] == "date":
            return data["date"][:10]
        return data["python"]["version"]
    raise PluginError(f"hooks/charts.py: unknown value {key!r}")


# --------------------------------------------------------------------------
# SVG helpers
# --------------------------------------------------------------------------

_svg_cache: dict[str, str] = {}


def _prefix_ids(svg: str, prefix: str) -> str:
    """Make every id unique on the page (several figures share one page)."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg


def _accessible(svg: str, prefix: str, title: str, desc: str) -> str:
    """role=img, aria-labelledby, and <title>/<desc> as first children."""
    open_tag = re.search(r"<svg\b[^>]*>", svg)
    assert open_tag, "not an SVG"
    tag = open_tag.group(0)
    tag = re.sub(r'\s(width|height)="[^"]*"', "", tag)
    tag = tag[:-1] + (
        f' role="img" aria-labelledby="{prefix}-title {prefix}-desc"'
        f' class="tp-svg" data-figure="{prefix}">'
    )
    head = (
        f'<title id="{prefix}-title">{html.escape(title)}</title>'
        f'<desc id="{prefix}-desc">{html.escape(desc)}</desc>'
    )
    return svg[: open_tag.start()] + tag + head + svg[open_tag.end() :]


def _one_block(text: str) -> str:
    """Raw HTML for Markdown: no blank lines, no leading indentation."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _figure(prefix: str, svg: str, caption: str) -> str:
    return _one_block(
        f'<figure class="tp-figure" id="{prefix}">{STYLE}{svg}'
        f"<figcaption>{caption}</figcaption></figure>"
    )


# --------------------------------------------------------------------------
# Speedup charts (matplotlib, Agg, no pyplot state)
# --------------------------------------------------------------------------


def _bar_svg(job: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    data = benchmarks()
    results = data["results"]
    labels = [_label(r) for r in results]
    cores = data["machine"]["usable_cpus"]
    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": f"tp-{job}",
            "font.family": "sans-serif",
            "font.size": 11,
            "text.color": "#010101",
            "axes.edgecolor": "#010101",
            "axes.labelcolor": "#010101",
            "xtick.color": "#010101",
            "ytick.color": "#010101",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        figure = Figure(figsize=(7.2, 3.8))
        figure.patch.set_alpha(0)
        axes = figure.add_subplot()
        axes.patch.set_alpha(0)
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
                    _x(speedup["median"]),
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
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"font-family: [^;\"]*", "font-family: sans-serif", svg)
    for sentinel, css in _SENTINELS.items():
        svg = svg.replace(sentinel, css)
    return svg


def chart(job: str) -> str:
    if job not in JOBS:
        known = list(JOBS)
        raise PluginError(f"hooks/charts.py: unknown chart {job!r}; known: {known}")
    data = benchmarks()
    results = data["results"]
    params = data["parameters"][job]
    prefix = f"chart-{job}"
    if prefix not in _svg_cache:
        title = f"{JOBS[job]}: speedup of threads and processes over sequential"
        desc = "; ".join(
            f"Python {_label(r)}: threads "
            + _x(r["jobs"][job]["threads"]["speedup"]["median"])
            + ", processes "
            + _x(r["jobs"][job]["processes"]["speedup"]["median"])
            for r in results
        )
        svg = _prefix_ids(_bar_svg(job), prefix)
        _svg_cache[prefix] = _accessible(
            svg, prefix, title, desc + f" (median of rounds; 1{TIMES} = sequential)."
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
        cells = [_label(r), f"{jobs['sequential']['time_s']['median']:.2f} s"]
        for way in WAYS:
            s = jobs[way]["speedup"]
            cells.append(f"**{_x(s['median'])}** ({_x(s['min'])}{DASH}{_x(s['max'])})")
        cells.append(
            " / ".join(f"{jobs[way]['cores_used']['median']:.1f}" for way in WAYS)
        )
        rows.append("| " + " | ".join(cells) + " |")
    table = "\n".join(rows)
    return f"{_figure(prefix, _svg_cache[prefix], caption)}\n\n{table}\n"


def _size(count: int) -> str:
    if count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MiB"
    return f"{count // 1024} KiB" if count % 1024 == 0 else f"{count} bytes"


def setup() -> str:
    data = benchmarks()
    m, method = data["machine"], data["method"]
    loads = [
        f"{r['version']}: {r['load_average_before'][0]:.1f} → "
        f"{r['load_average_after'][0]:.1f}"
        for r in data["results"]
        if r.get("load_average_before") and r.get("load_average_after")
    ]
    io_p, cpu_p = data["parameters"]["io-bound"], data["parameters"]["cpu-bound"]
    lines = [
        f"- **When:** {data['date'].replace('T', ' ').replace('Z', ' UTC')}, "
        f"by `{data['generated_by']}`.",
        f"- **Where:** {m['cpu_model']}, {m['usable_cpus']} CPUs usable "
        f"({m['cpu_count']} reported), {m['platform']}.",
        "- **Pythons:** "
        + _and(
            [
                f"CPython {r['version']} ({'GIL' if r['gil_enabled'] else 'no GIL'}, "
                f"processes started with *{r['start_method']}*)"
                for r in data["results"]
            ]
        )
        + ".",
        f"- **I/O-bound job:** {io_p['tasks']} tasks; each downloads "
        f"{_size(io_p['response_bytes'])} from a local HTTP server that "
        f"waits {io_p['server_delay_s'] * 1000:.0f} ms before answering, then "
        f"reads a {_size(io_p['file_bytes'])} file; "
        f"{io_p['workers']} threads or processes.",
        f"- **CPU-bound job:** {cpu_p['tasks']} tasks of "
        f"`sum(range({cpu_p['n']:_}))`; {cpu_p['workers']} threads or processes.",
        f"- **How:** {method['timer']}; {method['order']}; "
        f"{method['warmup_rounds']} warm-up round, then {method['repeats']} "
        f"rounds. Speedup: {method['speedup']}.",
        f"- **Cores busy:** {method['cores_used']}.",
        f"- **Load:** {m['note']} One-minute load average before → after, per "
        f"Python: {'; '.join(loads)}.",
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Timelines (plain SVG, drawn here)
# --------------------------------------------------------------------------

LANE_H, LABEL_W, PLOT_W, TOP, AXIS_H = 34, 190, 560, 34, 34


def _tick_step(duration: float) -> float:
    for step in (0.25, 0.5, 1, 2, 5, 10, 30, 60):
        if duration / step <= 10:
            return step
    return 120


LABEL_PX = 9


def _shorten(text: str, level: int) -> str:
    """Level 0: the printed line; 1: after its last ': '; 2: its last word."""
    return (text, text.rpartition(": ")[2], text.rpartition(" ")[2])[level]


def _label_level(pairs: list[tuple[str, float]]) -> int | None:
    """The longest form of the labels that fits every bar, if any does."""
    for level in range(3):
        if all(len(_shorten(t, level)) * LABEL_PX * 0.55 <= room for t, room in pairs):
            return level
    return None


def _fmt_s(value: float) -> str:
    return f"{value:.2f} s"


def _timeline_svg(name: str, data: dict) -> tuple[str, str]:
    threads = data["threads"]
    events = data["events"]
    duration = data["duration_s"]
    step = _tick_step(duration)
    end = step * -(-duration // step)  # round up to a tick

    def x(t: float) -> float:
        return round(LABEL_W + PLOT_W * t / end, 2)

    height = TOP + LANE_H * len(threads) + AXIS_H
    width = LABEL_W + PLOT_W + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'font-family="sans-serif" font-size="12" fill="currentColor">'
    ]
    # Legend
    legend_y = 14
    parts.append('<g class="tl-legend" aria-hidden="true">')
    parts.append(
        f'<line x1="{LABEL_W}" y1="{legend_y}" x2="{LABEL_W + 24}" y2="{legend_y}" '
        'stroke="currentColor" stroke-width="2"/>'
        f'<text x="{LABEL_W + 30}" y="{legend_y + 4}">running</text>'
        f'<rect x="{LABEL_W + 100}" y="{legend_y - 7}" width="24" height="14" '
        'fill="var(--tp-sleep)" stroke="var(--tp-threads)"/>'
        f'<text x="{LABEL_W + 130}" y="{legend_y + 4}">time.sleep()</text>'
        f'<rect x="{LABEL_W + 230}" y="{legend_y - 7}" width="24" height="14" '
        'fill="none" stroke="currentColor" stroke-dasharray="3 2"/>'
        f'<text x="{LABEL_W + 260}" y="{legend_y + 4}">waiting (join / result)</text>'
        f'<path d="M{LABEL_W + 420} {legend_y - 7}v14" stroke="var(--tp-print)" '
        'stroke-width="3"/>'
        f'<text x="{LABEL_W + 428}" y="{legend_y + 4}">print()</text>'
    )
    parts.append("</g>")
    # Grid and axis
    axis_y = TOP + LANE_H * len(threads) + 4
    parts.append('<g class="tl-axis">')
    tick = 0.0
    while tick <= end + 1e-9:
        tx = x(tick)
        parts.append(
            f'<line x1="{tx}" y1="{TOP - 4}" x2="{tx}" y2="{axis_y}" '
            'stroke="var(--tp-grid)"/>'
            f'<text x="{tx}" y="{axis_y + 14}" text-anchor="middle">'
            f"{tick:g} s</text>"
        )
        tick += step
    parts.append(
        f'<text x="{LABEL_W + PLOT_W / 2}" y="{axis_y + 29}" text-anchor="middle">'
        "time since the program started</text></g>"
    )
    # Sleep bars are labelled with the line their thread printed last.
    pairs = []
    for e in events:
        if e["kind"] == "sleep":
            said = [
                p
                for p in events
                if p["kind"] == "print"
                and p["thread"] == e["thread"]
                and p["start"] <= e["start"]
            ]
            if said:
                pairs.append((said[-1]["text"], x(e["end"]) - x(e["start"]) - 10))
    level = _label_level(pairs) if pairs else None
    # Lanes
    summaries = []
    for index, thread in enumerate(threads):
        mid = TOP + LANE_H * index + LANE_H / 2
        mine = [e for e in events if e["thread"] == thread["name"]]
        sleeps = [e for e in mine if e["kind"] == "sleep"]
        waits = [e for e in mine if e["kind"] == "wait"]
        prints = [e for e in mine if e["kind"] == "print"]
        start = thread["start"] or 0.0
        stop = thread["end"] if thread["end"] is not None else duration
        label = html.escape(thread["name"])
        parts.append(
            f'<g class="tl-lane" data-thread="{label}" data-sleeps="{len(sleeps)}" '
            f'data-prints="{len(prints)}">'
            f'<text x="{LABEL_W - 8}" y="{mid + 4}" text-anchor="end">{label}</text>'
            f'<line class="tl-alive" x1="{x(start)}" y1="{mid}" x2="{x(stop)}" '
            f'y2="{mid}" stroke="currentColor" stroke-width="2">'
            f"<title>{label}: runs from {_fmt_s(start)} to {_fmt_s(stop)}</title>"
            "</line>"
        )
        for e in sleeps:
            left, right = x(e["start"]) + 1, x(e["end"]) - 1
            parts.append(
                f'<rect class="tl-sleep" x="{left:.2f}" y="{mid - 9}" '
                f'width="{max(right - left, 1):.2f}" height="18" '
                'rx="2" fill="var(--tp-sleep)" stroke="var(--tp-threads)">'
                f"<title>{label}: time.sleep({e['seconds']}) from "
                f"{_fmt_s(e['start'])} to {_fmt_s(e['end'])}</title></rect>"
            )
            said = [p for p in prints if p["start"] <= e["start"]]
            if said and level is not None:
                text = _shorten(said[-1]["text"], level)
                parts.append(
                    f'<text class="tl-label" x="{left + 5:.2f}" y="{mid + 3.5}" '
                    f'font-size="{LABEL_PX}" aria-hidden="true">'
                    f"{html.escape(text)}</text>"
                )
        for e in waits:
            parts.append(
                f'<rect class="tl-wait" x="{x(e["start"])}" y="{mid - 9}" '
                f'width="{max(x(e["end"]) - x(e["start"]), 1):.2f}" height="18" '
                'fill="var(--md-default-bg-color, Canvas)" stroke="currentColor" '
                'stroke-dasharray="3 2">'
                f"<title>{label}: waits in {html.escape(e['on'])} from "
                f"{_fmt_s(e['start'])} to {_fmt_s(e['end'])}</title></rect>"
            )
        for e in prints:
            px = x(e["start"])
            parts.append(
                f'<path class="tl-print" d="M{px} {mid - 12}v24" '
                'stroke="var(--tp-print)" stroke-width="3">'
                f"<title>{label} prints at {_fmt_s(e['start'])}: "
                f"{html.escape(e['text'])}</title></path>"
            )
        parts.append("</g>")
        summaries.append(
            f"{thread['name']} runs {start:.2f}{DASH}{stop:.2f} s, sleeps "
            f"{len(sleeps)} times, waits {len(waits)} times and prints "
            f"{len(prints)} lines"
        )
    parts.append("</svg>")
    return "".join(parts), "; ".join(summaries) + "."


def timeline_block(name: str) -> str:
    data = timeline(name)
    prefix = f"timeline-{name}"
    svg, desc = _timeline_svg(name, data)
    title = (
        f"Timeline of {data['snippet']}: one lane per thread, "
        f"{data['duration_s']:.2f} s in all"
    )
    svg = _accessible(_prefix_ids(svg, prefix), prefix, title, desc)
    py = data["python"]
    caption = (
        f"A real run of <code>{html.escape(data['snippet'])}</code>, recorded "
        f"{data['date'][:10]} with {py['implementation']} {py['version']} on "
        f"{html.escape(data['platform'])} ({data['cpu_count']} CPUs) by "
        f"<code>{data['recorded_by']}</code>. Hover a mark for its exact time."
    )
    rows = ["| time | thread | what happens |", "|---:|---|---|"]
    for e in data["events"]:
        what = {
            "start": "starts",
            "end": "ends",
            "print": f"prints `{e.get('text', '')}`",
            "sleep": f"`time.sleep({e.get('seconds')})` until {e.get('end', 0):.2f} s",
            "wait": f"waits in `{e.get('on')}` until {e.get('end', 0):.2f} s",
        }[e["kind"]]
        rows.append(f"| {e['start']:.2f} s | {e['thread']} | {what} |")
    table = "\n".join("    " + row for row in rows)
    details = f'??? note "Every recorded event ({len(data["events"])})"\n\n{table}\n'
    return f"{_figure(prefix, svg, caption)}\n\n{details}"


# --------------------------------------------------------------------------
# The hook
# --------------------------------------------------------------------------


def _expand(match: re.Match) -> str:
    kind, name = match["kind"], match["name"]
    if match["indent"]:
        raise PluginError(
            f"hooks/charts.py: <!-- {kind}: {name} --> must start at the left "
            "margin (raw HTML cannot sit inside an indented block)"
        )
    if kind == "chart":
        return chart(name)
    if kind == "timeline":
        return timeline_block(name)
    if name == "setup":
        return setup()
    if name == "cpu-verdict":
        return cpu_verdict()
    if name == "load":
        return load_note()
    raise PluginError(f"hooks/charts.py: unknown placeholder <!-- {kind}: {name} -->")


def on_page_markdown(markdown: str, page, config, files) -> str:
    where = page.file.src_uri
    try:
        markdown = BLOCK.sub(_expand, markdown)
        return INLINE.sub(lambda m: value(m["key"]), markdown)
    except PluginError as error:
        raise PluginError(f"{error} (needed by docs/{where})") from None
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise PluginError(
            f"hooks/charts.py: a data file under data/ lacks what docs/{where} "
            f"needs ({type(error).__name__}: {error}); re-run the script that "
            "writes it (benchmarks/concurrency.py or benchmarks/record_timelines.py)"
        ) from error
