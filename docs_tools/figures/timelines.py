"""A recorded run as a figure: one lane per thread, then every event."""

from __future__ import annotations

import html

from docs_tools.figures.svg import accessible, figure, prefix_ids
from docs_tools.figures.words import DASH
from threadsim._timeline import recorded_svg


def _description(run: dict) -> str:
    """What each lane shows, in words (the SVG's <desc>)."""
    summaries = []
    for thread in run["threads"]:
        mine = [e["kind"] for e in run["events"] if e["thread"] == thread["name"]]
        start = thread["start"] or 0.0
        stop = thread["end"] if thread["end"] is not None else run["duration_s"]
        summaries.append(
            f"{thread['name']} runs {start:.2f}{DASH}{stop:.2f} s, sleeps "
            f"{mine.count('sleep')} times, waits {mine.count('wait')} times and "
            f"prints {mine.count('print')} lines"
        )
    return "; ".join(summaries) + "."


def _events_table(run: dict) -> str:
    rows = ["| time | thread | what happens |", "|---:|---|---|"]
    for e in run["events"]:
        what = {
            "start": "starts",
            "end": "ends",
            "print": f"prints `{e.get('text', '')}`",
            "sleep": f"`time.sleep({e.get('seconds')})` until {e.get('end', 0):.2f} s",
            "wait": f"waits in `{e.get('on')}` until {e.get('end', 0):.2f} s",
        }[e["kind"]]
        rows.append(f"| {e['start']:.2f} s | {e['thread']} | {what} |")
    table = "\n".join("    " + row for row in rows)
    return f'??? note "Every recorded event ({len(run["events"])})"\n\n{table}\n'


def block(name: str, run: dict) -> str:
    """The Markdown for `<!-- timeline: NAME -->`, from data/timelines/NAME.json."""
    prefix = f"timeline-{name}"
    title = (
        f"Timeline of {run['snippet']}: one lane per thread, "
        f"{run['duration_s']:.2f} s in all"
    )
    svg = accessible(
        prefix_ids(recorded_svg(run), prefix), prefix, title, _description(run)
    )
    py = run["python"]
    caption = (
        f"A real run of <code>{html.escape(run['snippet'])}</code>, recorded "
        f"{run['date'][:10]} with {py['implementation']} {py['version']} on "
        f"{html.escape(run['platform'])} ({run['cpu_count']} CPUs) by "
        f"<code>{run['recorded_by']}</code>. Hover a mark for its exact time."
    )
    return f"{figure(prefix, svg, caption)}\n\n{_events_table(run)}"
