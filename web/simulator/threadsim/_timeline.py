"""Draw a simulated run as an SVG timeline: one lane per thread.

The style follows the recorded real timelines of the site (hooks/charts.py on
the measured page): a line while a thread is alive, a filled box while it
sleeps, a dashed box while it waits (join, lock, queue, result), a tick for
each printed line. On top of that, a solid bar shows when the simulator let
the thread *run*.

Computing moves the simulated clock only a little (50 ns per switch point),
while sleeps often move it by seconds: drawn on the clock alone, the runs of
a sleepy program would vanish. So the horizontal axis mixes both: part of
the width follows the simulated clock, part follows the switch points (or
bytecode instructions) executed. Ticks are labelled in simulated seconds.
"""

from __future__ import annotations

import html

LANE_H, LABEL_W, PLOT_W, TOP, AXIS_H, RIGHT = 34, 190, 560, 34, 40, 20
MAX_PRINT_MARKS = 400


def _tick_step(duration: float) -> float:
    for step in (
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
    ):
        if duration / step <= 10:
            return step
    return 120


def _fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + " s" if value else "0 s"


class _Scale:
    def __init__(self, steps: int, duration: float) -> None:
        self.steps = max(steps, 1)
        self.duration = duration
        if duration > 0:
            self.w_time, self.w_steps = 0.75 * PLOT_W, 0.25 * PLOT_W
        else:
            self.w_time, self.w_steps = 0.0, float(PLOT_W)

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


def svg(data: dict) -> str:
    """The timeline of a simulated run (Result.timeline()) as an SVG string."""
    threads = data["threads"]
    events = data["events"]
    duration = float(data["duration_s"])
    scale = _Scale(int(data["steps"]), duration)
    unit = (
        "bytecode instructions"
        if data.get("granularity") == "bytecode"
        else "switch points (loop iterations and calls)"
    )
    x = scale.x
    height = TOP + LANE_H * len(threads) + AXIS_H
    width = LABEL_W + PLOT_W + RIGHT
    title = (
        f"Simulated timeline of {data['snippet']} (seed {data['seed']}, policy "
        f"{data['policy']} {data['quantum']}, at {data.get('granularity', 'gil')} "
        f"switch points): {len(threads)} threads, "
        f"{data['switches']} switches, {_fmt(duration)} of simulated time"
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="threadsim-timeline" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(title)}" '
        'font-family="sans-serif" font-size="12" fill="currentColor">',
        f"<title>{html.escape(title)}</title>",
    ]
    # Legend
    ly = 14
    lx = LABEL_W
    parts.append(
        '<g class="tl-legend" aria-hidden="true">'
        f'<rect x="{lx}" y="{ly - 5}" width="24" height="10" fill="currentColor"/>'
        f'<text x="{lx + 30}" y="{ly + 4}">runs</text>'
        f'<rect x="{lx + 75}" y="{ly - 7}" width="24" height="14" '
        'fill="var(--tp-sleep, rgba(66,133,244,.25))" '
        'stroke="var(--tp-threads, #4285f4)"/>'
        f'<text x="{lx + 105}" y="{ly + 4}">time.sleep()</text>'
        f'<rect x="{lx + 195}" y="{ly - 7}" width="24" height="14" fill="none" '
        'stroke="currentColor" stroke-dasharray="3 2"/>'
        f'<text x="{lx + 225}" y="{ly + 4}">waits (join, lock, queue…)</text>'
        f'<path d="M{lx + 400} {ly - 7}v14" stroke="var(--tp-print, #e8710a)" '
        'stroke-width="3"/>'
        f'<text x="{lx + 408}" y="{ly + 4}">print()</text></g>'
    )
    # Axis: ticks in simulated seconds, placed where the clock passes them.
    axis_y = TOP + LANE_H * len(threads) + 4
    parts.append('<g class="tl-axis">')
    checkpoints = sorted(
        {(e["step"], e["start"]) for e in events}
        | {(e["end_step"], e["end"]) for e in events if "end_step" in e}
    )
    if duration > 0:
        step_size = _tick_step(duration)
        count = int(duration / step_size + 1e-9)
        for k in range(count + 1):
            tick = round(k * step_size, 9)
            at = next((s for s, t in checkpoints if t >= tick - 1e-12), scale.steps)
            tx = x(at, tick)
            parts.append(
                f'<line x1="{tx}" y1="{TOP - 4}" x2="{tx}" y2="{axis_y}" '
                'stroke="var(--tp-grid, rgba(128,128,128,.35))"/>'
                f'<text x="{tx}" y="{axis_y + 14}" text-anchor="middle">'
                f"{tick:g} s</text>"
            )
        label = f"simulated time (a quarter of the width follows the {unit})"
    else:
        for k in range(5):
            step = round(scale.steps * k / 4)
            tx = x(step, 0)
            parts.append(
                f'<line x1="{tx}" y1="{TOP - 4}" x2="{tx}" y2="{axis_y}" '
                'stroke="var(--tp-grid, rgba(128,128,128,.35))"/>'
                f'<text x="{tx}" y="{axis_y + 14}" text-anchor="middle">{step:,}</text>'
            )
        label = f"{unit} (the simulated clock stays at 0 s)"
    parts.append(
        f'<text x="{LABEL_W + PLOT_W / 2}" y="{axis_y + 30}" text-anchor="middle">'
        f"{label}</text></g>"
    )
    # Lanes
    for index, thread in enumerate(threads):
        name = thread["name"]
        label = html.escape(name)
        mid = TOP + LANE_H * index + LANE_H / 2
        mine = [e for e in events if e["thread"] == name]
        runs = [e for e in mine if e["kind"] == "run"]
        sleeps = [e for e in mine if e["kind"] == "sleep"]
        waits = [e for e in mine if e["kind"] == "wait"]
        prints = [e for e in mine if e["kind"] == "print"]
        x0 = x(thread["step"], thread["start"])
        end_step = thread["end_step"] if thread["end_step"] is not None else scale.steps
        end_t = thread["end"] if thread["end"] is not None else duration
        x1 = x(end_step, end_t)
        suffix = " (daemon)" if thread.get("daemon") else ""
        parts.append(
            f'<g class="tl-lane" data-thread="{label}" data-runs="{len(runs)}" '
            f'data-sleeps="{len(sleeps)}" data-waits="{len(waits)}" '
            f'data-prints="{len(prints)}">'
            f'<text x="{LABEL_W - 8}" y="{mid + 4}" text-anchor="end">{label}</text>'
            f'<line class="tl-alive" x1="{x0}" y1="{mid}" '
            f'x2="{max(x1, x0 + 1)}" y2="{mid}" '
            f'stroke="currentColor" stroke-width="1">'
            f"<title>{label}{suffix}: alive from {_fmt(thread['start'])} to "
            f"{_fmt(end_t)}{' (ended by the exit)' if thread.get('killed') else ''}"
            "</title></line>"
        )
        dense = len(runs) + len(sleeps) + len(waits) > 300
        for a, b in _merge(
            [(x(e["step"], e["start"]), x(e["end_step"], e["end"])) for e in runs],
            gap=1.5 if dense else 0.6,
        ):
            parts.append(
                f'<rect class="tl-run" x="{a}" y="{mid - 5}" '
                f'width="{max(b - a, 1):.2f}" height="10" fill="currentColor"/>'
            )
        for kind, items in (("sleep", sleeps), ("wait", waits)):
            boxes = _merge(
                [(x(e["step"], e["start"]), x(e["end_step"], e["end"])) for e in items],
                gap=1.5 if dense else 0.3,
            )
            style = (
                'fill="var(--tp-sleep, rgba(66,133,244,.25))" '
                'stroke="var(--tp-threads, #4285f4)"'
                if kind == "sleep"
                else 'fill="none" stroke="currentColor" stroke-dasharray="3 2"'
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
                parts.append(
                    f'<rect class="tl-{kind}" x="{a}" y="{mid - 9}" '
                    f'width="{max(b - a, 1):.2f}" height="18" rx="2" {style}>'
                    f"{tip}</rect>"
                )
        for e in prints[:MAX_PRINT_MARKS]:
            px = x(e["step"], e["start"])
            parts.append(
                f'<path class="tl-print" d="M{px} {mid - 12}v24" '
                'stroke="var(--tp-print, #e8710a)" stroke-width="3">'
                f"<title>{label} prints at {_fmt(e['start'])}: "
                f"{html.escape(e['text'])}</title></path>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
