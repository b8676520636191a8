"""What an exercise's Check costs: schedules explored per second, per exercise.

    python benchmarks/exercises.py [--site DIR] [--no-browser] [substring ...]

For every exercise (docs_tools/exercises.py; substrings of its folder pick
some), the solution's whole check (every schedule: what a passing Check
costs) and the starter's (up to its first failing schedule):

* under CPython, here: `Check.run`, the simulator's baton backend (what
  `python check.py` does before its real runs);
* in headless Chromium, through the site's own worker and its check message
  (the page's Check button), on a built site (`--site DIR`, else one is
  built); `--no-browser` skips it.

Goal in the browser: a typical check <= 3 s for 100 schedules, none over
10 s. Prints the slowest. Timings come from a shared, noisy machine: read
ratios, not absolutes; tests never assert them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from docs_tools.exercises import Exercise, site_exercises
from docs_tools.site import rel

ROOT = Path(__file__).resolve().parent.parent
TYPICAL_S = 3.0
WORST_S = 10.0


def cpython(exercise: Exercise, program: Path) -> tuple[float, dict]:
    """Seconds for the check of `program` under CPython, and its verdict."""
    code = program.read_text(encoding="utf-8")
    started = time.perf_counter()
    verdict = exercise.check.run(code, rel(exercise.starter))
    return time.perf_counter() - started, verdict.as_json()


def chromium(worker, server, exercise: Exercise, program: Path) -> tuple[float, dict]:
    """Seconds for the page's Check of `program`, from message to verdict."""
    reply = worker.send(
        {
            "code": program.read_text(encoding="utf-8"),
            "filename": rel(exercise.starter),
            "check": {
                "checkSource": exercise.check_file.read_text(encoding="utf-8"),
                "baseURL": server.at("assets/threadsim/"),
                "options": {},
            },
        },
        timeout_ms=120_000,
    )
    if not reply.get("check"):
        raise RuntimeError(f"no verdict from the worker: {reply}")
    return reply["ms"] / 1000, json.loads(reply["check"])


def table(title: str, rows: list[tuple[str, float, dict, float, dict]]) -> None:
    print(f"\n{title}")
    print(
        f"{'exercise':70} {'solution s':>10} {'sched':>6} {'sched/s':>8} "
        f"{'starter s':>9} {'fails at':>8}"
    )
    for name, solved_s, solved, start_s, started in rows:
        rate = solved["explored"] / solved_s if solved_s else 0.0
        mark = "" if solved["passed"] else "  (solution FAILED)"
        print(
            f"{name:70} {solved_s:10.2f} {solved['explored']:6} {rate:8.0f} "
            f"{start_s:9.2f} {started['index'] or '-':>8}{mark}"
        )
    threaded = [row for row in rows if row[2]["kind"] == "threaded"]
    if threaded:
        times = [row[1] for row in threaded]
        slowest = max(threaded, key=lambda row: row[1])
        print(
            f"threaded checks: median {statistics.median(times):.2f} s, slowest "
            f"{slowest[0]} {slowest[1]:.2f} s (goal: typical <= {TYPICAL_S:g} s, "
            f"none over {WORST_S:g} s)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("only", nargs="*", help="substrings of exercise folders")
    args = parser.parse_args()
    chosen = [
        e
        for e in site_exercises()
        if not args.only or any(part in e.dir for part in args.only)
    ]
    rows = []
    for exercise in chosen:
        solved_s, solved = cpython(exercise, exercise.solution)
        start_s, started = cpython(exercise, exercise.starter)
        rows.append(
            (exercise.dir.removeprefix("snippets/"), solved_s, solved, start_s, started)
        )
    version = ".".join(map(str, sys.version_info[:3]))
    table(f"CPython {version} (baton backend), Check.run", rows)
    if args.no_browser:
        return 0

    from docs_tools.browser import browser, built_site, serve
    from docs_tools.site_worker import SiteWorker

    site = built_site(args.site)
    with (
        serve(site) as server,
        browser() as engine,
        SiteWorker(engine, server) as worker,
    ):
        print(f"\nChromium JSPI: {worker.jspi}")
        worker.simulate("pass", "boot.py")  # boot and install threadsim, untimed
        rows = []
        for exercise in chosen:
            solved_s, solved = chromium(worker, server, exercise, exercise.solution)
            start_s, started = chromium(worker, server, exercise, exercise.starter)
            name = exercise.dir.removeprefix("snippets/")
            rows.append((name, solved_s, solved, start_s, started))
        table("Chromium (the page's worker, Pyodide + JSPI), Check", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
