#!/usr/bin/env python3
"""CPU-bound threads vs the GIL's switch interval, on every CPython found.

    python benchmarks/gil_switch_interval.py             # data/gil-switch-interval.json
    python benchmarks/gil_switch_interval.py --repeats 3 # quicker, noisier
    python benchmarks/gil_switch_interval.py --python /path/to/python3.13 ...

One job: `TASKS` pure-Python loops (`for i in range(n): total += i`, bytecode
all the way, so the GIL changes hands inside a task), run one after the other
in the main thread, then in `TASKS` threads started at once, under each
switch interval of `INTERVALS_S` (`sys.setswitchinterval`, set before each
run, the default put back after). Each interpreter runs in its own child
process (this file with `--child`); on a build with the GIL disabled the
switch interval changes nothing, and the data says which build ran. For each
interval the modes alternate, `--repeats` times after one warm-up round, so
background noise hits them alike. The data file keeps every raw time; the
page shows the ratio of the fastest rounds (threads time / sequential time:
above 1, the threads are slower than doing the same work one after the
other); the fastest round is the one least disturbed by other work on a
shared machine. The CPU time of the process is kept too (time.process_time).

Only the standard library is used in the child, so it runs on CPython 3.10+.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import sysconfig
import threading
import time
from pathlib import Path

from measuring import child_json, load_average, machine, utc_stamp, write_data

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "data" / "gil-switch-interval.json"
TASKS = 2
N = 3_000_000
#: From a thousandth of CPython's default (5 ms) to twenty times it.
INTERVALS_S = (0.000005, 0.00005, 0.0005, 0.005, 0.1)


def spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def sequential(n: int) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(TASKS):
        spin(n)
    return time.perf_counter() - start, time.process_time() - cpu


def threaded(n: int) -> tuple[float, float]:
    threads = [threading.Thread(target=spin, args=(n,)) for _ in range(TASKS)]
    start, cpu = time.perf_counter(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, time.process_time() - cpu


def child(repeats: int, n: int) -> dict:
    default = sys.getswitchinterval()
    times: dict[str, dict[str, list[float]]] = {}
    cpu: dict[str, dict[str, list[float]]] = {}
    for interval in INTERVALS_S:
        sys.setswitchinterval(interval)
        try:
            sequential(n // 10), threaded(n // 10)  # warm-up
            rounds: dict[str, list[float]] = {"sequential": [], "threads": []}
            cpu_rounds: dict[str, list[float]] = {"sequential": [], "threads": []}
            for _ in range(repeats):
                for mode, run in (("sequential", sequential), ("threads", threaded)):
                    wall, used = run(n)
                    rounds[mode].append(wall)
                    cpu_rounds[mode].append(used)
        finally:
            sys.setswitchinterval(default)
        times[repr(interval)] = rounds
        cpu[repr(interval)] = cpu_rounds
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "free_threaded_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil_enabled": gil,
        "default_switch_interval_s": default,
        "times_s": times,
        "cpu_s": cpu,
    }


def measure(python: str, label: str, repeats: int, n: int) -> dict:
    print(f"[gil] {label}: measuring ({python})", flush=True)
    before = load_average()
    started = time.perf_counter()
    raw = child_json(python, __file__, repeats, n, tag="gil", timeout=1800)
    result = {
        "python": label,
        **raw,
        "load_average_before": before,
        "load_average_after": load_average(),
        "wall_s": round(time.perf_counter() - started, 1),
    }
    for interval, rounds in raw["times_s"].items():
        seq = min(rounds["sequential"])
        thr = min(rounds["threads"])
        print(
            f"[gil]   {float(interval) * 1000:g} ms: sequential {seq:.3f} s, "
            f"threads {thr:.3f} s, ratio {thr / seq:.2f}",
            flush=True,
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--n", type=int, default=N, help="loop iterations per task")
    parser.add_argument("--python", action="append", default=[], metavar="PATH")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    # Imported here: the children (--child) run under CPythons without the
    # project installed.
    from docs_tools.pythons import given_or_found

    pythons = given_or_found(args.python)
    results = [measure(path, label, args.repeats, args.n) for path, label in pythons]
    data = {
        "schema": 1,
        "generated_by": "benchmarks/gil_switch_interval.py",
        "date": utc_stamp(),
        "machine": machine(),
        "method": {
            "repeats": args.repeats,
            "warmup_rounds": 1,
            "timer": "time.perf_counter, around the whole job",
            "order": "for each interval: sequential, threads, alternating",
            "ratio": "fastest threads round / fastest sequential round (the"
            " minimum: the round least disturbed by other work on the machine)",
        },
        "parameters": {
            "tasks": TASKS,
            "threads": TASKS,
            "n": args.n,
            "loop": "for i in range(n): total += i",
            "intervals_s": list(INTERVALS_S),
        },
        "results": results,
    }
    write_data(args.out, data, tag="gil")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        json.dump(child(int(sys.argv[2]), int(sys.argv[3])), sys.stdout)
    else:
        main()
