"""The thread simulator in real headless Chromium: Pyodide + WebAssembly JSPI.

The package web/simulator/threadsim runs in a Pyodide Web Worker (the test
harness page web/simulator/harness/, served on 127.0.0.1), each simulated
thread an asyncio task switched with `pyodide.ffi.run_sync`. The same checks
as tests/test_simulator.py, this time where readers run it.

Without Chromium or Pyodide (node_modules/pyodide, `npm ci`) these tests skip
locally and FAIL when the environment variable CI is set.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "web" / "simulator" / "harness"))

from harness import Harness, pyodide_dir  # noqa: E402

from docs_tools.chromium import chromium_path  # noqa: E402
from docs_tools.outputs import rules_of, same_output  # noqa: E402
from docs_tools.pages import rel, site_examples  # noqa: E402

pytestmark = pytest.mark.browser

THREADED = [example for example in site_examples() if example.kind == "threaded"]
RACE = "snippets/locks/03_race_without_lock.py"
LOCKED = "snippets/locks/04_race_fixed_with_lock.py"


def _missing() -> str | None:
    if chromium_path() is None:
        return "no Chromium (/usr/bin/chromium)"
    if pyodide_dir() is None:
        return "no Pyodide (run `npm ci`: node_modules/pyodide)"
    return None


@pytest.fixture(scope="module")
def harness(browser):
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and the browser tests cannot run: {missing}")
        pytest.skip(missing)
    with Harness(browser=browser) as running:
        yield running


def simulate(harness, path: str, **options) -> dict:
    code = (ROOT / path).read_text(encoding="utf-8")
    reply = harness.simulate(code, path, **options)
    return reply


def test_chromium_has_jspi(harness):
    assert harness.jspi


@pytest.mark.parametrize(
    "example", THREADED, ids=[rel(example.snippet) for example in THREADED]
)
def test_site_example_runs_simulated(harness, example):
    path = rel(example.snippet)
    reply = simulate(harness, path, seed=0)
    result = reply["result"]
    real = example.output_file.read_text(encoding="utf-8")
    rules = rules_of(example)
    assert result["stop_reason"] is None, result["output"]
    assert same_output(result["output"], real, rules), (
        f"{path} simulated in Chromium does not follow {rules}:\n"
        f"{result['output']}\n--- recorded from CPython:\n{real}"
    )
    # What streamed to the worker's stdout/stderr is the same output.
    assert "".join(text for _, text in reply["streamed"]) == result["output"]
    assert result["svg"].startswith("<svg")


def test_budget_stops_a_cpu_heavy_program(harness):
    path = "snippets/threads-vs-processes/01_cpu_bound_threads.py"
    result = simulate(harness, path, max_steps=100_000)["result"]
    assert result["stop_reason"] == "more than 100,000 switch points"
    assert "[simulator] Stopped: more than 100,000 switch points" in result["output"]
    assert f"python {path}" in result["output"]


def _balances(output: str) -> tuple[int, int]:
    expected = int(re.search(r"Expected balance: (\d+)", output)[1])
    final = int(re.search(r"Final balance: +(\d+)", output)[1])
    return expected, final


@pytest.mark.parametrize("seed", range(20))
def test_race_loses_updates_and_the_lock_never_does(harness, seed):
    race = simulate(harness, RACE, seed=seed)["result"]
    expected, final = _balances(race["output"])
    assert final < expected
    locked = simulate(harness, LOCKED, seed=seed)["result"]
    expected, final = _balances(locked["output"])
    assert final == expected


BYTECODE_RACE = (Path(__file__).parents[1] / "programs" / "bytecode_race.py").read_text(
    encoding="utf-8"
)


@pytest.mark.parametrize("seed", range(3))
def test_bytecode_level_race(harness, seed):
    reply = harness.simulate(
        BYTECODE_RACE,
        "race.py",
        seed=seed,
        policy="random",
        quantum=5,
        granularity="bytecode",
    )
    assert int(reply["result"]["output"].split("=")[1]) < 2000


@pytest.mark.parametrize("policy", ["every", "random"])
def test_same_seed_same_output_and_timeline(harness, policy):
    path = "snippets/threading-module/03_two_tasks.py"
    options = {"seed": 5, "policy": policy, "quantum": 3, "full": True}
    first = simulate(harness, path, **options)["result"]
    again = simulate(harness, path, **options)["result"]
    assert first["output"] == again["output"]
    assert first["timeline"] == again["timeline"]
    assert first["timeline_sha256"] == again["timeline_sha256"]
    assert first["svg"] == again["svg"]
    race = [simulate(harness, RACE, seed=9)["result"] for _ in range(2)]
    assert race[0]["output"] == race[1]["output"]
    assert race[0]["timeline_sha256"] == race[1]["timeline_sha256"]


def test_daemon_example_runs_on_the_virtual_clock(harness):
    result = simulate(harness, "snippets/daemon-threads/01_daemon_background_task.py")[
        "result"
    ]
    assert result["virtual_time"] == pytest.approx(5.0, abs=1e-4)
    assert result["output"].endswith("Main thread exiting\n")
    assert result["threads"] == ["MainThread", "Thread-1 (background_task)"]
