"""Draw a run as an SVG timeline: one lane per thread.

One renderer for both kinds of run the site shows:

* `svg(data)`: a simulated run (Result.timeline()), drawn in the browser by
  the simulator panel and by the tests;
* `recorded_svg(data)`: a real run recorded by benchmarks/record_timelines.py
  (data/timelines/*.json), drawn at build time by docs_tools/figures.

Both use the same marks: a line while a thread is alive, a filled box while
it sleeps, a dashed box while it waits (join, lock, queue, result), a tick
for each printed line. A simulated run adds a solid bar when the simulator
let the thread *run*. Text and lines are `currentColor`, the series colours
CSS variables (docs/assets/stylesheets/figures.css sets them on the pages).

Computing moves the simulated clock only a little (50 ns per switch point),
while sleeps often move it by seconds: drawn on the clock alone, the runs of
a sleepy program would vanish. So for a simulated run the horizontal axis
mixes both: part of the width follows the simulated clock, part follows the
switch points (or bytecode instructions) executed. Ticks are labelled in
simulated seconds. A recorded run has no steps: its axis is the clock alone.

Pure standard library: it runs in Pyodide as well as at build time.
"""

from __future__ import annotations

import html
from typing import NamedTuple

LANE_H, LABEL_W, PLOT_W, TOP, RIGHT = 34, 190, 560, 34, 20
MAX_PRINT_MARKS = 400
_TICK_STEPS = (
    0.001,
    0.002,
    0.005,
    0.01,
    0.02,
    0.05,
    0.1,
    0.25,
    0.5,
    1,
    2,
    5,
    10,
    30,
    60,
)


class Colours(NamedTuple):
    """The series colours, as SVG paint values."""

    sleep: str
    threads: str
    print: str
    grid: str


#: On the site's pages, where figures.css sets every variable.
PAGE_COLOURS = Colours(
    "var(--tp-sleep)", "var(--tp-threads)", "var(--tp-print)", "var(--tp-grid)"
)
#: In the simulator panel, which may sit outside a styled figure.
PANEL_COLOURS = Colours(
    "var(--tp-sleep, rgba(66,133,244,.25))",
    "var(--tp-threads, #4285f4)",
    "var(--tp-print, #e8710a)",
    "var(--tp-grid, rgba(128,128,128,.35))",
)


def _tick_step(duration: float) -> float:
    """The smallest round step that gives at most ten ticks."""
    for step in _TICK_STEPS:
        if duration / step <= 10:
            return step
    return 120


def _ticks(end: float, step: float) -> list[float]:
    count = int(end / step + 1e-9)
    return [round(k * step, 9) for k in range(count + 1)]


class _Scale:
    """x of a moment: a share of the width by steps, the rest by the clock."""

    def __init__(self, steps: int, duration: float, steps_share: float) -> None:
        self.steps = max(steps, 1)
        self.duration = duration
        self.w_steps = steps_share * PLOT_W if duration > 0 else float(PLOT_W)
        self.w_time = PLOT_W - self.w_steps

    def x(self, step: int, t: float) -> float:
        value = LABEL_W + self.w_steps * step / self.steps
        if self.duration > 0:
            value += self.w_time * t / self.duration
        return round(value, 2)


def _merge(intervals: list[tuple[float, float]], gap: float = 0.6) -> list[list[float]]:
    merged: list[list[float]] = []
    for x0, x1 in sorted(intervals):
        if merged and x0 - merged[-1][1] <= gap:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return merged


# --------------------------------------------------------------------------
# Marks
# --------------------------------------------------------------------------


def _svg_open(width: int, height: int, css_class: str = "", label: str = "") -> str:
    """The <svg> tag; with a label, it is an image of its own (role, name)."""
    named = f'role="img" aria-label="{html.escape(label)}" ' if label else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        + (f'class="{css_class}" ' if css_class else "")
        + f'viewBox="0 0 {width} {height}" {named}'
        + 'font-family="sans-serif" font-size="12" fill="currentColor">'
    )


def _legend(entries: list[tuple[str, int, str]], colours: Colours) -> str:
    """One swatch and its words per (swatch, x offset, words)."""
    ly = 14
    parts = ['<g class="tl-legend" aria-hidden="true">']
    for swatch, dx, words in entries:
        lx = LABEL_W + dx
        box = f'<rect x="{lx}" y="{ly - 7}" width="24" height="14" '
        parts.append(
            {
                "alive": f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" '
                'stroke="currentColor" stroke-width="2"/>',
                "run": f'<rect x="{lx}" y="{ly - 5}" width="24" height="10" '
                'fill="currentColor"/>',
                "sleep": f'{box}fill="{colours.sleep}" stroke="{colours.threads}"/>',
                "wait": f'{box}fill="none" stroke="currentColor" '
                'stroke-dasharray="3 2"/>',
                "print": f'<path d="M{lx} {ly - 7}v14" stroke="{colours.print}" '
                'stroke-width="3"/>',
            }[swatch]
        )
        words_x = lx + (8 if swatch == "print" else 30)
        parts.append(f'<text x="{words_x}" y="{ly + 4}">{words}</text>')
    parts.append("</g>")
    return "".join(parts)


def _axis(
    ticks: list[tuple[float, str]], axis_y: float, title: str, title_dy: int, grid: str
) -> str:
    parts = ['<g class="tl-axis">']
    for tx, words in ticks:
        parts.append(
            f'<line x1="{tx}" y1="{TOP - 4}" x2="{tx}" y2="{axis_y}" '
            f'stroke="{grid}"/>'
            f'<text x="{tx}" y="{axis_y + 14}" text-anchor="middle">{words}</text>'
        )
    parts.append(
        f'<text x="{LABEL_W + PLOT_W / 2}" y="{axis_y + title_dy}" '
        f'text-anchor="middle">{title}</text></g>'
    )
    return "".join(parts)


def _lane_open(label: str, mid: float, counts: dict[str, int]) -> str:
    data = "".join(f' data-{what}="{count}"' for what, count in counts.items())
    return (
        f'<g class="tl-lane" data-thread="{label}"{data}>'
        f'<text x="{LABEL_W - 8}" y="{mid + 4}" text-anchor="end">{label}</text>'
    )


def _alive(x0: float, x1: float, mid: float, width: int, tip: str) -> str:
    return (
        f'<line class="tl-alive" x1="{x0}" y1="{mid}" x2="{x1}" y2="{mid}" '
        f'stroke="currentColor" stroke-width="{width}"><title>{tip}</title></line>'
    )


def _box(kind: str, x: str, mid: float, width: float, paint: str, tip: str) -> str:
    """A sleep or wait box; `x` comes formatted, `tip` is a whole <title>."""
    return (
        f'<rect class="tl-{kind}" x="{x}" y="{mid - 9}" '
        f'width="{max(width, 1):.2f}" height="18" {paint}>{tip}</rect>'
    )


def _print_mark(px: float, mid: float, colour: str, tip: str) -> str:
    return (
        f'<path class="tl-print" d="M{px} {mid - 12}v24" '
        f'stroke="{colour}" stroke-width="3"><title>{tip}</title></path>'
    )


def _events(events: list[dict], thread: str) -> dict[str, list[dict]]:
    """The thread's events by kind."""
    mine: dict[str, list[dict]] = {
        kind: [] for kind in ("run", "sleep", "wait", "print")
    }
    for e in events:
        if e["thread"] == thread and e["kind"] in mine:
            mine[e["kind"]].append(e)
    return mine


# --------------------------------------------------------------------------
# A simulated run
# --------------------------------------------------------------------------

_SIMULATED_LEGEND = [
    ("run", 0, "runs"),
    ("sleep", 75, "time.sleep()"),
    ("wait", 195, "waits (join, lock, queue…)"),
    ("print", 400, "print()"),
]


def _fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + " s" if value else "0 s"


def svg(data: dict, colours: Colours = PANEL_COLOURS) -> str:
    """The timeline of a simulated run (Result.timeline()) as an SVG string."""
    threads = data["threads"]
    events = data["events"]
    duration = float(data["duration_s"])
    scale = _Scale(int(data["steps"]), duration, steps_share=0.25)
    unit = (
        "bytecode instructions"
        if data.get("granularity") == "bytecode"
        else "switch points (loop iterations and calls)"
    )
    x = scale.x
    height = TOP + LANE_H * len(threads) + 40
    title = (
        f"Simulated timeline of {data['snippet']} (seed {data['seed']}, policy "
        f"{data['policy']} {data['quantum']}, at {data.get('granularity', 'gil')} "
        f"switch points): {len(threads)} threads, "
        f"{data['switches']} switches, {_fmt(duration)} of simulated time"
    )
    parts = [
        _svg_open(LABEL_W + PLOT_W + RIGHT, height, "threadsim-timeline", title),
        f"<title>{html.escape(title)}</title>",
        _legend(_SIMULATED_LEGEND, colours),
    ]
    # Axis: ticks in simulated seconds, placed where the clock passes them.
    axis_y = TOP + LANE_H * len(threads) + 4
    checkpoints = sorted(
        {(e["step"], e["start"]) for e in events}
        | {(e["end_step"], e["end"]) for e in events if "end_step" in e}
    )
    ticks = []
    if duration > 0:
        for tick in _ticks(duration, _tick_step(duration)):
            at = next((s for s, t in checkpoints if t >= tick - 1e-12), scale.steps)
            ticks.append((x(at, tick), f"{tick:g} s"))
        label = f"simulated time (a quarter of the width follows the {unit})"
    else:
        for k in range(5):
            step = round(scale.steps * k / 4)
            ticks.append((x(step, 0), f"{step:,}"))
        label = f"{unit} (the simulated clock stays at 0 s)"
    parts.append(_axis(ticks, axis_y, label, 30, colours.grid))
    paints = {
        "sleep": f'rx="2" fill="{colours.sleep}" stroke="{colours.threads}"',
        "wait": 'rx="2" fill="none" stroke="currentColor" stroke-dasharray="3 2"',
    }
    for index, thread in enumerate(threads):
        name = thread["name"]
        label = html.escape(name)
        mid = TOP + LANE_H * index + LANE_H / 2
        mine = _events(events, name)
        runs = mine["run"]
        x0 = x(thread["step"], thread["start"])
        end_step = thread["end_step"] if thread["end_step"] is not None else scale.steps
        end_t = thread["end"] if thread["end"] is not None else duration
        x1 = x(end_step, end_t)
        suffix = " (daemon)" if thread.get("daemon") else ""
        ended = " (ended by the exit)" if thread.get("killed") else ""
        counts = {kind + "s": len(mine[kind]) for kind in mine}
        parts.append(_lane_open(label, mid, counts))
        parts.append(
            _alive(
                x0,
                max(x1, x0 + 1),
                mid,
                1,
                f"{label}{suffix}: alive from {_fmt(thread['start'])} to "
                f"{_fmt(end_t)}{ended}",
            )
        )
        dense = len(runs) + len(mine["sleep"]) + len(mine["wait"]) > 300
        for a, b in _merge(
            [(x(e["step"], e["start"]), x(e["end_step"], e["end"])) for e in runs],
            gap=1.5 if dense else 0.6,
        ):
            parts.append(
                f'<rect class="tl-run" x="{a}" y="{mid - 5}" '
                f'width="{max(b - a, 1):.2f}" height="10" fill="currentColor"/>'
            )
        for kind in ("sleep", "wait"):
            items = mine[kind]
            boxes = _merge(
                [(x(e["step"], e["start"]), x(e["end_step"], e["end"])) for e in items],
                gap=1.5 if dense else 0.3,
            )
            first = {round(x(e["step"], e["start"]), 2): e for e in items}
            for a, b in boxes:
                e = first.get(a)
                tip = ""
                if e is not None and len(boxes) <= 60:
                    what = (
                        f"time.sleep({e['seconds']:g})"
                        if kind == "sleep"
                        else f"waits in {html.escape(e['on'])}"
                    )
                    tip = (
                        f"<title>{label}: {what} from {_fmt(e['start'])} to "
                        f"{_fmt(e['end'])}</title>"
                    )
                parts.append(_box(kind, f"{a}", mid, b - a, paints[kind], tip))
        for e in mine["print"][:MAX_PRINT_MARKS]:
            parts.append(
                _print_mark(
                    x(e["step"], e["start"]),
                    mid,
                    colours.print,
                    f"{label} prints at {_fmt(e['start'])}: {html.escape(e['text'])}",
                )
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------
# A recorded run
# --------------------------------------------------------------------------

_RECORDED_LEGEND = [
    ("alive", 0, "running"),
    ("sleep", 100, "time.sleep()"),
    ("wait", 230, "waiting (join / result)"),
    ("print", 420, "print()"),
]
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


def recorded_svg(data: dict, colours: Colours = PAGE_COLOURS) -> str:
    """A recorded run (data/timelines/<name>.json) as an SVG string.

    Each sleep box is labelled with the line its thread printed last, as
    long as the labels fit (shortened to their end if needed).
    """
    threads = data["threads"]
    events = data["events"]
    duration = data["duration_s"]
    step = _tick_step(duration)
    end = step * -(-duration // step)  # round up to a tick
    x = _Scale(0, end, steps_share=0).x
    height = TOP + LANE_H * len(threads) + 34
    parts = [
        _svg_open(LABEL_W + PLOT_W + RIGHT, height),
        _legend(_RECORDED_LEGEND, colours),
    ]
    axis_y = TOP + LANE_H * len(threads) + 4
    ticks = [(x(0, tick), f"{tick:g} s") for tick in _ticks(end, step)]
    parts.append(
        _axis(ticks, axis_y, "time since the program started", 29, colours.grid)
    )
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
                room = x(0, e["end"]) - x(0, e["start"]) - 10
                pairs.append((said[-1]["text"], room))
    level = _label_level(pairs) if pairs else None
    sleep_paint = f'rx="2" fill="{colours.sleep}" stroke="{colours.threads}"'
    wait_paint = (
        'fill="var(--md-default-bg-color, Canvas)" stroke="currentColor" '
        'stroke-dasharray="3 2"'
    )
    for index, thread in enumerate(threads):
        mid = TOP + LANE_H * index + LANE_H / 2
        mine = _events(events, thread["name"])
        prints = mine["print"]
        start = thread["start"] or 0.0
        stop = thread["end"] if thread["end"] is not None else duration
        label = html.escape(thread["name"])
        counts = {"sleeps": len(mine["sleep"]), "prints": len(prints)}
        parts.append(_lane_open(label, mid, counts))
        parts.append(
            _alive(
                x(0, start),
                x(0, stop),
                mid,
                2,
                f"{label}: runs from {_fmt_s(start)} to {_fmt_s(stop)}",
            )
        )
        for e in mine["sleep"]:
            left, right = x(0, e["start"]) + 1, x(0, e["end"]) - 1
            tip = (
                f"<title>{label}: time.sleep({e['seconds']}) from "
                f"{_fmt_s(e['start'])} to {_fmt_s(e['end'])}</title>"
            )
            parts.append(
                _box("sleep", f"{left:.2f}", mid, right - left, sleep_paint, tip)
            )
            said = [p for p in prints if p["start"] <= e["start"]]
            if said and level is not None:
                text = _shorten(said[-1]["text"], level)
                parts.append(
                    f'<text class="tl-label" x="{left + 5:.2f}" y="{mid + 3.5}" '
                    f'font-size="{LABEL_PX}" aria-hidden="true">'
                    f"{html.escape(text)}</text>"
                )
        for e in mine["wait"]:
            left, right = x(0, e["start"]), x(0, e["end"])
            tip = (
                f"<title>{label}: waits in {html.escape(e['on'])} from "
                f"{_fmt_s(e['start'])} to {_fmt_s(e['end'])}</title>"
            )
            parts.append(_box("wait", f"{left}", mid, right - left, wait_paint, tip))
        for e in prints:
            parts.append(
                _print_mark(
                    x(0, e["start"]),
                    mid,
                    colours.print,
                    f"{label} prints at {_fmt_s(e['start'])}: {html.escape(e['text'])}",
                )
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
