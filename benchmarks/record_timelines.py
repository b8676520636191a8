#!/usr/bin/env python3
"""Record what each thread of an example does, and when: data/timelines/*.json.

    python benchmarks/record_timelines.py                 # every example below
    python benchmarks/record_timelines.py two-tasks       # one of them
    python benchmarks/record_timelines.py --python /path/to/python3.12
    python benchmarks/record_timelines.py thread-pool=path/to/other.py

The example runs unchanged: a child process of the chosen CPython (by default
the newest one found, see docs_tools/pythons.py) wraps a few functions, then
runs the snippet file with `runpy.run_path(..., run_name="__main__")`, exactly
as `python snippets/...py` would. The wrappers note, with
`time.perf_counter()` and the name of the current thread:

* `threading.Thread.run`: when each thread starts and ends;
* `time.sleep`: when each sleep starts and ends;
* `print`: when each line is printed, and its text;
* `threading.Thread.join` and `concurrent.futures.Future.result`: when a
  thread waits for another thread or for a task's result, and for how long.

The main thread's lane runs from just before the snippet starts to just after
it returns. The pages draw these files as timelines (docs_tools/figures).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import tempfile
from pathlib import Path

# Run as `python benchmarks/record_timelines.py`: its own folder is on sys.path.
from measuring import cpu_model

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "timelines"

#: Timeline name -> the snippet it records (paths relative to the repository).
EXAMPLES = {
    "two-tasks": "snippets/threading-module/03_two_tasks.py",
    "thread-pool": "snippets/thread-pools/01_pool_map.py",
}

# Runs inside the child interpreter: argv = [snippet, events.json].
RECORDER = r"""
import builtins, json, runpy, sys, threading, time
from concurrent import futures

snippet, out = sys.argv[1], sys.argv[2]
events = []
T0 = time.perf_counter()

def now():
    return round(time.perf_counter() - T0, 6)

def who():
    return threading.current_thread().name

real_sleep, real_print = time.sleep, builtins.print
real_run, real_join = threading.Thread.run, threading.Thread.join
real_result = futures.Future.result

def sleep(seconds):
    start = now()
    try:
        real_sleep(seconds)
    finally:
        events.append({"thread": who(), "kind": "sleep", "start": start,
                       "end": now(), "seconds": seconds})

def print_(*args, sep=" ", end="\n", file=None, flush=False):
    at = now()
    real_print(*args, sep=sep, end=end, file=file, flush=flush)
    if file is None or file is sys.stdout:
        text = (sep if sep is not None else " ").join(map(str, args))
        events.append({"thread": who(), "kind": "print", "start": at, "text": text})

def run(self):
    events.append({"thread": who(), "kind": "start", "start": now()})
    try:
        real_run(self)
    finally:
        events.append({"thread": who(), "kind": "end", "start": now()})

def join(self, timeout=None):
    start = now()
    try:
        real_join(self, timeout)
    finally:
        events.append({"thread": who(), "kind": "wait", "start": start,
                       "end": now(), "on": f"join() of {self.name}"})

def result(self, timeout=None):
    start = now()
    try:
        return real_result(self, timeout)
    finally:
        events.append({"thread": who(), "kind": "wait", "start": start,
                       "end": now(), "on": "Future.result()"})

time.sleep, builtins.print = sleep, print_
threading.Thread.run, threading.Thread.join = run, join
futures.Future.result = result

sys.argv = [snippet]
events.append({"thread": who(), "kind": "start", "start": now()})
runpy.run_path(snippet, run_name="__main__")
events.append({"thread": who(), "kind": "end", "start": now()})
time.sleep, builtins.print = real_sleep, real_print
with open(out, "w", encoding="utf-8") as handle:
    json.dump(events, handle)
"""


def describe(python: str) -> dict:
    probe = (
        "import json, platform, sys;"
        "print(json.dumps({'version': platform.python_version(),"
        " 'implementation': platform.python_implementation(),"
        " 'gil_enabled': getattr(sys, '_is_gil_enabled', lambda: True)()}))"
    )
    done = subprocess.run([python, "-c", probe], capture_output=True, text=True)
    return json.loads(done.stdout)


def lanes(events: list[dict]) -> list[dict]:
    """One lane per thread, in the order the threads started."""
    found: dict[str, dict] = {}
    for event in sorted(events, key=lambda e: e["start"]):
        lane = found.setdefault(
            event["thread"], {"name": event["thread"], "start": None, "end": None}
        )
        if event["kind"] == "start" and lane["start"] is None:
            lane["start"] = event["start"]
        if event["kind"] == "end":
            lane["end"] = event["start"]
    return list(found.values())


def record(name: str, snippet: str, python: str) -> Path:
    path = (ROOT / snippet).resolve()
    if not path.is_file():
        raise SystemExit(f"[timelines] {name}: no snippet at {snippet}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "events.json"
        done = subprocess.run(
            [python, "-W", "error", "-c", RECORDER, str(path), str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise SystemExit(f"[timelines] {name} failed:\n{done.stderr}")
        events = json.loads(out.read_text(encoding="utf-8"))
    events.sort(key=lambda e: (e["start"], e["kind"] != "start"))
    try:
        shown = path.relative_to(ROOT).as_posix()
    except ValueError:
        shown = path.as_posix()
    data = {
        "schema": 1,
        "name": name,
        "snippet": shown,
        "recorded_by": "benchmarks/record_timelines.py",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        ),
        "python": describe(python),
        "platform": platform.platform(),
        "cpu_model": cpu_model(),
        "cpu_count": os.cpu_count(),
        "duration_s": max(e.get("end", e["start"]) for e in events),
        "stdout": done.stdout,
        "threads": lanes(events),
        "events": events,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"{name}.json"
    target.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(
        f"[timelines] {name}: {len(data['threads'])} threads, "
        f"{len(events)} events, {data['duration_s']:.2f} s "
        f"on Python {data['python']['version']} -> {target.relative_to(ROOT)}"
    )
    return target


def newest_python() -> str:
    from docs_tools.pythons import interpreters

    gil_builds = [p for p in interpreters() if not p.version.endswith("t")]
    return gil_builds[-1].path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "names", nargs="*", help=f"some of {sorted(EXAMPLES)}, or name=snippet.py"
    )
    parser.add_argument("--python", help="the CPython to record with")
    args = parser.parse_args()
    chosen = {}
    for item in args.names or list(EXAMPLES):
        name, _, snippet = item.partition("=")
        if name not in EXAMPLES:
            raise SystemExit(f"unknown timeline {name!r}; known: {sorted(EXAMPLES)}")
        chosen[name] = snippet or EXAMPLES[name]
    python = args.python or newest_python()
    for name, snippet in chosen.items():
        record(name, snippet, python)


if __name__ == "__main__":
    main()
