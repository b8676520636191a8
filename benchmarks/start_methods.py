#!/usr/bin/env python3
"""Time the processes example under each start method, at two sizes.

    python benchmarks/start_methods.py             # writes data/start-methods.json
    python benchmarks/start_methods.py --rounds 3  # quicker, noisier
    python benchmarks/start_methods.py --python /path/to/python3.13 ...

The example (snippets/threads-vs-processes/03_cpu_bound_processes.py) runs
five CPU-bound tasks one after the other, then in a `ProcessPoolExecutor`
of five workers. Its page says that at its size (n = 10,000,000 loop
iterations a task) the processes finish sooner than the sequential run with
every start method, and that at the other tabs' size (n = 1,000,000) they
would finish later with forkserver and spawn. This script measures both.

Every measurement is one fresh child process (this file with `--child`) on
the interpreter being measured, which sets the start method, then times the
same two things the example times, in the same order: the five tasks one
after the other, then the pool (created, mapped, shut down), so a
forkserver's server or a spawned interpreter costs what it costs a reader
running the example. The task is the example's own `cpu_bound_task`, loaded
from the snippet file. Rounds go through every (size, start method) in
turn, so background load hits them alike; the data file keeps every raw
time, and the pages use the median over the rounds of the ratio sequential
time / processes time, taken within one run.

Only the standard library is used in the child, so it runs on CPython 3.10+.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from measuring import child_json, load_average, machine, utc_stamp, write_data

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "data" / "start-methods.json"
SNIPPET = ROOT / "snippets" / "threads-vs-processes" / "03_cpu_bound_processes.py"
#: The example's size, and the size of the page's other two tabs.
SIZES = {"example": 10_000_000, "other-tabs": 1_000_000}
TASKS = 5
WORKERS = 5
METHODS = ("fork", "forkserver", "spawn")


def _load_task():
    """The example's `cpu_bound_task`, from the snippet file itself.

    The snippet's folder goes on sys.path and the file is imported as a
    module, so spawn and forkserver workers find the function the same way
    (they are given the parent's sys.path)."""
    sys.path.insert(0, str(SNIPPET.parent))
    import importlib

    return importlib.import_module(SNIPPET.stem).cpu_bound_task


def child(method: str, n: int) -> dict:
    multiprocessing.set_start_method(method)
    task = _load_task()
    start = time.perf_counter()
    for _ in range(TASKS):
        task(n)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=WORKERS) as executor:
        list(executor.map(task, [n] * TASKS))
    processes = time.perf_counter() - start
    return {
        "start_method": multiprocessing.get_start_method(),
        "sequential_s": sequential,
        "processes_s": processes,
    }


def run_child(python: str, method: str, n: int) -> dict:
    raw = child_json(
        python, __file__, method, n, tag="start-methods", timeout=600, warnings=True
    )
    if raw["start_method"] != method:
        raise SystemExit(
            f"[start-methods] asked for {method}, got {raw['start_method']}"
        )
    return raw


def python_version(python: str) -> str:
    return subprocess.run(
        [python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def available_methods(python: str) -> list[str]:
    out = subprocess.run(
        [
            python,
            "-c",
            "import multiprocessing as m; print(*m.get_all_start_methods())",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [method for method in METHODS if method in out]


def measure(python: str, label: str, rounds: int) -> dict:
    methods = available_methods(python)
    raw: dict[str, dict[str, dict[str, list[float]]]] = {
        size: {m: {"sequential_s": [], "processes_s": []} for m in methods}
        for size in SIZES
    }
    before = load_average()
    started = time.perf_counter()
    for number in range(rounds):
        for size, n in SIZES.items():
            for method in methods:
                result = run_child(python, method, n)
                for key in ("sequential_s", "processes_s"):
                    raw[size][method][key].append(round(result[key], 4))
        print(f"[start-methods] {label}: round {number + 1}/{rounds}", flush=True)
    sizes = {}
    for size, per_method in raw.items():
        sizes[size] = {}
        for method, times in per_method.items():
            ratios = [
                s / p
                for s, p in zip(
                    times["sequential_s"], times["processes_s"], strict=True
                )
            ]
            sizes[size][method] = {
                **times,
                "sequential_median_s": statistics.median(times["sequential_s"]),
                "processes_median_s": statistics.median(times["processes_s"]),
                "speedup": {
                    "median": statistics.median(ratios),
                    "min": min(ratios),
                    "max": max(ratios),
                },
            }
            print(
                f"[start-methods]   {size} {method}: sequential / processes "
                f"{sizes[size][method]['speedup']['median']:.2f}x",
                flush=True,
            )
    return {
        "python": label,
        "version": python_version(python),
        "start_methods": methods,
        "default_start_method": subprocess.run(
            [python, "-c", "import multiprocessing as m; print(m.get_start_method())"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip(),
        "load_average_before": before,
        "load_average_after": load_average(),
        "wall_s": round(time.perf_counter() - started, 1),
        "sizes": sizes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--python", action="append", default=[], metavar="PATH")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()

    # Imported here: the children (--child) run under CPythons without the
    # project installed.
    from docs_tools.pythons import given_or_found

    results = [
        measure(path, label, args.rounds) for path, label in given_or_found(args.python)
    ]
    data = {
        "schema": 1,
        "generated_by": "benchmarks/start_methods.py",
        "date": utc_stamp(),
        "machine": machine(
            note=(
                "The one-minute, five-minute and fifteen-minute load averages "
                "before and after each interpreter's runs are recorded: a load "
                "above the CPU count means other work competed for the cores, "
                "which takes most from the processes (they need idle CPUs)."
            )
        ),
        "method": {
            "rounds": args.rounds,
            "snippet": str(SNIPPET.relative_to(ROOT)),
            "tasks": TASKS,
            "workers": WORKERS,
            "sizes": SIZES,
            "run": "one fresh child process per measurement: it sets the start "
            "method, times the tasks one after the other, then the process pool "
            "(created, mapped, shut down), as the example does",
            "order": "every round runs each size with each start method in turn",
            "speedup": "sequential time / processes time within one run; median, "
            "min and max over the rounds (above 1: the processes finish sooner)",
        },
        "results": results,
    }
    write_data(args.out, data, tag="start-methods", indent=2)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], int(sys.argv[3]))))
    else:
        main()
