"""The processes example holds with every start method, not only the default.

threads-vs-processes/03 runs five CPU-bound tasks one after the other, then
in five processes. Its recorded output comes from the default start method
of CPython 3.10-3.13 on Linux (fork); Python 3.14 starts workers with
forkserver there, macOS and Windows with spawn, and those start a fresh
interpreter per worker. So the example runs here once with each start
method this platform has, on the newest CPython found (what a start method
costs hardly depends on the version): it must exit cleanly and print the
words shown, with its own start method named.

What the example takes under each start method is not asserted here (the
suite keeps the machine busy, and a test asserts behaviour, never timings):
benchmarks/start_methods.py measures it into data/start-methods.json, and
the page's table and sentence are drawn from that (tests/test_charts.py
checks the data covers every start method).
"""

from __future__ import annotations

import multiprocessing
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
PROCESSES = re.compile(r"in 5 processes \((\w+)\)")
RULES = ("numbers-vary",)


def shown_output() -> str:
    for example in site_examples():
        if str(example.snippet).endswith(SNIPPET):
            assert example.expected_output is not None
            return example.expected_output
    raise AssertionError(f"no page shows {SNIPPET}")


def newest_gil_python():
    return [p for p in interpreters() if not p.version.endswith("t")][-1]


@pytest.mark.parametrize("method", METHODS)
def test_the_processes_example_runs_with_every_start_method(method) -> None:
    python = newest_gil_python()
    shown = shown_output()
    default = PROCESSES.search(shown)
    assert default, f"the output shown for {SNIPPET} names no start method"
    expected = shown.replace(f"({default[1]})", f"({method})")
    done = subprocess.run(
        [python.path, "-W", "error", "-c", LAUNCHER, method, SNIPPET],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, (
        f"{SNIPPET} with start method {method} exited with {done.returncode}:\n{output}"
    )
    assert comparable(output, RULES) == comparable(expected, RULES), (
        f"with {method} on Python {python.version} the words differ:\n"
        f"--- expected\n{expected}--- real run\n{output}"
    )
