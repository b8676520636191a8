#!/usr/bin/env python3
"""Measure sequential vs threads vs processes, on every CPython found.

    python benchmarks/concurrency.py              # measure, write data/benchmarks.json
    python benchmarks/concurrency.py --repeats 3  # quicker, noisier
    python benchmarks/concurrency.py --python /path/to/python3.13 ...
    python benchmarks/concurrency.py --quiet-below 0.5   # wait for an idle machine

Two jobs, each run three ways (one after the other in the main thread, in a
`ThreadPoolExecutor`, in a `ProcessPoolExecutor`):

* io-bound: each task downloads one resource from an HTTP server that this
  script starts on 127.0.0.1 (the server waits a fixed delay before it
  answers, standing in for network latency), then reads one file that this
  script wrote to a temporary directory.
* cpu-bound: each task computes `sum(range(n))`, no waiting at all (the
  source's CPU-bound example, smaller). That is one call to a C function
  (`sum` over a `range`), not a loop of bytecode: it holds the GIL for the
  whole call, so no thread switch happens inside a task; threads take turns
  between tasks only.

Each interpreter runs in its own child process (this same file with
`--child`), so every Python measures with its own standard library. The
server runs in the parent process, in the background, and stops by itself
after a bounded number of requests or seconds. Every timing covers the whole
job as a reader would write it: creating the pool, submitting, collecting
every result and shutting the pool down. One warm-up round is not recorded;
then the three ways run in turn, `--repeats` times, so background noise hits
them alike. The data file keeps every raw time; the pages show ratios
(sequential time / time of the other way, per round), which move far less
between machines than absolute times.

Only the standard library is used in the child, so it runs on CPython 3.10+.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import http.server
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from measuring import child_json, load_average, machine, utc_stamp, write_data

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "data" / "benchmarks.json"
MODES = ("sequential", "threads", "processes")

PARAMETERS = {
    "io-bound": {
        "tasks": 20,
        "workers": 10,
        "server_delay_s": 0.05,
        "response_bytes": 64 * 1024,
        "file_bytes": 1024 * 1024,
    },
    "cpu-bound": {
        "tasks": 5,
        "workers": 5,
        "n": 10_000_000,
    },
}


# --------------------------------------------------------------------------
# The jobs (run in the child process, on the interpreter being measured)
# --------------------------------------------------------------------------


def io_task(args: tuple[str, str]) -> int:
    """Fetch one URL, then read one file: the two kinds of waiting."""
    url, path = args
    with urllib.request.urlopen(url, timeout=30) as response:
        received = len(response.read())
    with open(path, "rb") as handle:
        received += len(handle.read())
    return received


def cpu_task(n: int) -> int:
    return sum(range(n))


def cpu_seconds() -> float:
    """CPU time used so far by this process (all its threads) and by the
    child processes it has waited for (a process pool's workers, once the
    pool has shut down)."""
    used = time.process_time()
    try:
        import resource
    except ImportError:  # Windows: children not counted
        return used
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used + children.ru_utime + children.ru_stime


def run_job(function, inputs: list, mode: str, workers: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) to run `function` over `inputs` one way."""
    cpu_start = cpu_seconds()
    start = time.perf_counter()
    if mode == "sequential":
        results = [function(item) for item in inputs]
    elif mode == "threads":
        with cf.ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(function, inputs))
    elif mode == "processes":
        with cf.ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(function, inputs))
    else:
        raise ValueError(mode)
    elapsed = time.perf_counter() - start
    cpu_used = cpu_seconds() - cpu_start
    if len(results) != len(inputs):
        raise RuntimeError(f"{mode}: {len(results)} results for {len(inputs)} tasks")
    return elapsed, cpu_used


def child(port: int, repeats: int) -> dict:
    """Measure both jobs on this interpreter; return raw times as a dict."""
    io = PARAMETERS["io-bound"]
    cpu = PARAMETERS["cpu-bound"]
    with tempfile.TemporaryDirectory(prefix="threads-bench-") as folder:
        paths = []
        for i in range(io["tasks"]):
            path = os.path.join(folder, f"file{i:02d}.bin")
            with open(path, "wb") as handle:
                handle.write(os.urandom(io["file_bytes"]))
            paths.append(path)
        io_inputs = [
            (f"http://127.0.0.1:{port}/item/{i}", path) for i, path in enumerate(paths)
        ]
        jobs = {
            "io-bound": (io_task, io_inputs, io["workers"]),
            "cpu-bound": (cpu_task, [cpu["n"]] * cpu["tasks"], cpu["workers"]),
        }
        times: dict[str, dict[str, list[float]]] = {}
        cpu_times: dict[str, dict[str, list[float]]] = {}
        for name, (function, inputs, workers) in jobs.items():
            times[name] = {mode: [] for mode in MODES}
            cpu_times[name] = {mode: [] for mode in MODES}
            for mode in MODES:  # warm-up round, not recorded
                run_job(function, inputs, mode, workers)
            for _ in range(repeats):
                for mode in MODES:
                    wall, used = run_job(function, inputs, mode, workers)
                    times[name][mode].append(wall)
                    cpu_times[name][mode].append(used)
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "gil_enabled": gil,
        "start_method": multiprocessing.get_start_method(),
        "times_s": times,
        "cpu_s": cpu_times,
    }


# --------------------------------------------------------------------------
# The parent: the HTTP server, one child per interpreter, the data file
# --------------------------------------------------------------------------


class LatencyServer(http.server.ThreadingHTTPServer):
    """Answers GET with `response_bytes` bytes after `delay` seconds.

    Stops by itself after `max_requests` requests or `max_seconds` seconds,
    whichever comes first, so a crashed run never leaves it behind.
    """

    daemon_threads = True
    request_queue_size = 128  # the default (5) would drop bursts of connects

    def __init__(self, delay: float, size: int, max_requests: int, max_seconds: float):
        self.delay = delay
        self.body = b"x" * size
        self.max_requests = max_requests
        self.served = 0
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)
        self.timer = threading.Timer(max_seconds, self.stop)
        self.timer.daemon = True

    def start(self) -> None:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.cancel()
        threading.Thread(target=self.shutdown, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: LatencyServer

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.served += 1
            over = self.server.served > self.server.max_requests
        if over:
            self.send_error(503, "request budget used up")
            self.server.stop()
            return
        time.sleep(self.server.delay)
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    quartiles = (
        statistics.quantiles(ordered, n=4, method="inclusive")
        if len(ordered) > 1
        else [ordered[0]] * 3
    )
    return {
        "median": statistics.median(ordered),
        "min": ordered[0],
        "max": ordered[-1],
        "q1": quartiles[0],
        "q3": quartiles[2],
    }


def analyse(times: dict[str, list[float]], cpu: dict[str, list[float]]) -> dict:
    """Per way: time summary; speedup = sequential / this way, per round;
    cores used = CPU seconds / wall seconds, per round."""
    out = {}
    for mode in MODES:
        entry = {
            "times_s": times[mode],
            "cpu_s": cpu[mode],
            "time_s": summary(times[mode]),
            "cores_used": summary(
                [c / t for c, t in zip(cpu[mode], times[mode], strict=True)]
            ),
        }
        ratios = [s / t for s, t in zip(times["sequential"], times[mode], strict=True)]
        entry["speedup"] = summary(ratios)
        out[mode] = entry
    return out


def wait_for_quiet(below: float | None, patience: float) -> None:
    """Wait (up to `patience` s) until the 1-minute load average is < below."""
    if below is None or load_average() is None:
        return
    deadline = time.monotonic() + patience
    while (load := load_average()[0]) >= below and time.monotonic() < deadline:
        print(f"[bench] load average {load:.2f} >= {below}: waiting", flush=True)
        time.sleep(15)


def measure(python: str, label: str, port: int, repeats: int) -> dict:
    print(f"[bench] {label}: measuring ({python})", flush=True)
    before = load_average()
    started = time.perf_counter()
    raw = child_json(python, __file__, port, repeats, tag="bench", timeout=900)
    result = {
        "python": label,
        "version": raw["version"],
        "implementation": raw["implementation"],
        "gil_enabled": raw["gil_enabled"],
        "start_method": raw["start_method"],
        "load_average_before": before,
        "load_average_after": load_average(),
        "wall_s": round(time.perf_counter() - started, 1),
        "jobs": {
            name: analyse(times, raw["cpu_s"][name])
            for name, times in raw["times_s"].items()
        },
    }
    for name, job in result["jobs"].items():
        ratios = ", ".join(
            f"{mode} {job[mode]['speedup']['median']:.2f}x "
            f"({job[mode]['cores_used']['median']:.2f} cores)"
            for mode in MODES[1:]
        )
        print(f"[bench]   {name}: {ratios}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--python", action="append", default=[], metavar="PATH")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--quiet-below",
        type=float,
        metavar="LOAD",
        help="before each interpreter, wait until the 1-minute load average "
        "is below LOAD (at most --patience seconds)",
    )
    parser.add_argument("--patience", type=float, default=600, metavar="SECONDS")
    args = parser.parse_args()

    # Imported here: the children (--child) run under CPythons without the
    # project installed.
    from docs_tools.pythons import given_or_found

    pythons = given_or_found(args.python)
    io = PARAMETERS["io-bound"]
    per_child = (args.repeats + 1) * len(MODES) * io["tasks"]
    server = LatencyServer(
        delay=io["server_delay_s"],
        size=io["response_bytes"],
        max_requests=per_child * len(pythons),
        max_seconds=1800 + (args.patience if args.quiet_below else 0) * len(pythons),
    )
    server.start()
    try:
        results = []
        for path, label in pythons:
            wait_for_quiet(args.quiet_below, args.patience)
            results.append(measure(path, label, server.port, args.repeats))
    finally:
        server.stop()

    data = {
        "schema": 1,
        "generated_by": "benchmarks/concurrency.py",
        "date": utc_stamp(),
        "machine": machine(
            note=(
                "The one-minute load average before and after each "
                "interpreter's run is recorded: a load above the CPU count "
                "means other work competed for the cores. CPU-bound figures "
                "are the most sensitive to it."
            )
        ),
        "method": {
            "repeats": args.repeats,
            "warmup_rounds": 1,
            "timer": "time.perf_counter around the whole job (pool created, "
            "tasks mapped, every result collected, pool shut down)",
            "order": "the three ways run in turn in every round",
            "speedup": "sequential time / time of this way, within one round; "
            "median, min and max over the rounds",
            "cores_used": "CPU seconds (time.process_time of the measuring "
            "process plus getrusage(RUSAGE_CHILDREN) for pool workers) / wall "
            "seconds: how many cores the job kept busy on average",
            "server": "http.server.ThreadingHTTPServer on 127.0.0.1 in the "
            "parent process; each GET waits server_delay_s, then answers "
            "response_bytes bytes",
            "files": "written with os.urandom to a temporary directory before "
            "measuring, so reads most likely come from the page cache",
        },
        "parameters": PARAMETERS,
        "modes": list(MODES),
        "results": results,
    }
    write_data(args.out, data, tag="bench", indent=2)
    print(f"[bench] {server.served} requests served")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        main()
