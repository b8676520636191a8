"""The processes example holds with every start method, not only the default.

threads-vs-processes/03 says that five CPU-bound tasks in five processes
finish sooner than the same tasks one after the other, as long as the machine
has idle CPUs. Its recorded output comes from the default start method of
CPython 3.10-3.13 on Linux (fork); Python 3.14 starts workers with forkserver
there, macOS and Windows with spawn, and those start a fresh interpreter per
worker. So the example runs here with each start method this platform has,
on the newest CPython found (what a start method costs hardly depends on the
version): it must exit cleanly, print the words shown (with its own start
method named), and show the processes finishing sooner than the sequential
run. One run on a busy machine can go either way, so the timing must hold in
one of up to three runs. On a machine with no idle CPU (a one-minute load
average at or above the CPU count) the lesson cannot hold, and the timing
check is skipped, except under CI=true, where it fails.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess

import pytest

from docs_tools.outputs import comparable
from docs_tools.pages import ROOT, site_examples
from docs_tools.pythons import interpreters

SNIPPET = "snippets/threads-vs-processes/03_cpu_bound_processes.py"
METHODS = [
    method
    for method in ("fork", "forkserver", "spawn")
    if method in multiprocessing.get_all_start_methods()
]
#: Sets the start method, then runs the file as `python file.py` would.
LAUNCHER = (
    "import multiprocessing, runpy, sys;"
    "multiprocessing.set_start_method(sys.argv[1]);"
    "sys.argv = sys.argv[2:];"
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)
TRIES = 3
SEQUENTIAL = re.compile(r"one after the other: (\d+\.\d+) s")
PROCESSES = re.compile(r"in 5 processes \((\w+)\): (\d+\.\d+) s")


def shown_output() -> str:
    for example in site_examples():
        if str(example.snippet).endswith(SNIPPET):
            assert example.expected_output is not None
            return example.expected_output
    raise AssertionError(f"no page shows {SNIPPET}")


def run(python: str, method: str) -> str:
    done = subprocess.run(
        [python, "-W", "error", "-c", LAUNCHER, method, SNIPPET],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (
        f"{SNIPPET} with start method {method} exited with {done.returncode}:\n"
        f"{done.stdout}{done.stderr}"
    )
    return done.stdout + done.stderr


def newest_gil_python():
    return [p for p in interpreters() if not p.version.endswith("t")][-1]


def busy() -> str | None:
    """Why the machine has no idle CPU now, or None."""
    cpus = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load >= cpus:
        return f"one-minute load average {load:.1f} on {cpus} CPUs"
    return None


@pytest.mark.parametrize("method", METHODS)
def test_processes_finish_sooner_with_every_start_method(method) -> None:
    python = newest_gil_python()
    shown = shown_output()
    default = PROCESSES.search(shown)
    assert default, f"the output shown for {SNIPPET} names no start method"
    expected = shown.replace(f"({default[1]})", f"({method})")
    timings = []
    for _ in range(TRIES):
        output = run(python.path, method)
        rules = ("numbers-vary",)
        assert comparable(output, rules) == comparable(expected, rules), (
            f"with {method} on Python {python.version} the words differ:\n"
            f"--- expected\n{expected}--- real run\n{output}"
        )
        sequential = float(SEQUENTIAL.search(output)[1])
        in_processes = float(PROCESSES.search(output)[2])
        timings.append((sequential, in_processes))
        if in_processes < sequential:
            return
    reason = busy()
    if reason and os.environ.get("CI") != "true":
        pytest.skip(f"no idle CPU for the processes ({reason}): {timings}")
    pytest.fail(
        f"with {method} on Python {python.version}, the processes never finished "
        f"sooner than the sequential run in {TRIES} runs "
        f"(sequential, processes in s: {timings})",
        pytrace=False,
    )
