"""Each example that a free-threaded build answers differently declares how.

No free-threaded CPython (3.13t, 3.14t) recorded the outputs on the site, so
a page declares, in a `free_threaded_output` marker, which lines that build
prints instead (docs_tools/outputs.py); tests/test_examples.py applies the
marker when it finds such a build. Here, without one, the build's answers are
simulated and the marker is checked against them:

* the build checks answer what a free-threaded build answers
  (`Py_GIL_DISABLED` is 1, `sys._is_gil_enabled()` is False), patched in
  before the snippet runs, as `python file.py` would run it;
* the unlocked `+=` demo runs in the thread simulator at bytecode
  granularity, where a switch can fall between any two instructions, as on
  a build where threads run at once.

The simulated output must match the page's free-threaded expectation, and
must *not* match the default build's: a marker that changes nothing, or a
page whose words would fail on that build, fails here.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import threadsim
from docs_tools.outputs import expected_outputs, free_threaded_changes, matches
from docs_tools.pages import ROOT, rel, site_examples

#: The examples whose words depend on the build, and how its answers are
#: simulated here.
DEPENDS_ON_THE_BUILD = {
    "snippets/threads-vs-processes/04_which_build.py": "answers",
    "snippets/going-further-free-threading/01_which_build.py": "answers",
    "snippets/going-further-free-threading/04_cpu_bound_threads.py": "answers",
    "snippets/going-further-race-conditions/04_plus_equals_looks_safe.py": (
        "simulator"
    ),
}

#: Runs a file as `python file.py` would, after making the interpreter
#: answer like a free-threaded build with the GIL off.
FREE_THREADED_ANSWERS = (
    "import runpy, sys, sysconfig\n"
    "real = sysconfig.get_config_var\n"
    "def get_config_var(name):\n"
    "    return 1 if name == 'Py_GIL_DISABLED' else real(name)\n"
    "sysconfig.get_config_var = get_config_var\n"
    "sys._is_gil_enabled = lambda: False\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_path(sys.argv[0], run_name='__main__')\n"
)

EXAMPLES = {rel(example.snippet): example for example in site_examples()}


def simulated_output(path: str, how: str) -> str:
    if how == "answers":
        done = subprocess.run(
            [sys.executable, "-W", "error", "-c", FREE_THREADED_ANSWERS, path],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr
    code = (ROOT / path).read_text(encoding="utf-8")
    return threadsim.run(
        code, path, seed=1, policy="random", granularity="bytecode"
    ).output


def test_every_marked_example_is_listed_here() -> None:
    marked = {
        path
        for path, example in EXAMPLES.items()
        if free_threaded_changes(example) is not None
    }
    assert marked == set(DEPENDS_ON_THE_BUILD)


@pytest.mark.parametrize("path", sorted(DEPENDS_ON_THE_BUILD))
def test_the_page_says_what_a_free_threaded_build_prints(path: str) -> None:
    example = EXAMPLES[path]
    output = simulated_output(path, DEPENDS_ON_THE_BUILD[path])
    free_threaded = expected_outputs(example, free_threaded=True)
    assert matches(free_threaded, output), (
        f"{example.where}: the free_threaded_output marker does not describe "
        f"what a free-threaded build prints:\n{output}"
    )
    assert not matches(expected_outputs(example), output), (
        f"{example.where}: the default build's expectation also accepts the "
        f"free-threaded answers, so the marker changes nothing:\n{output}"
    )
