"""The thread simulator in real headless Chromium: Pyodide + WebAssembly JSPI.

The package web/simulator/threadsim runs in the site's own Pyodide worker
(docs_tools.site_worker drives it through the page's worker client on the
served site), each simulated thread an asyncio task switched with
`pyodide.ffi.run_sync`. The same checks as tests/test_simulator.py, this time
where readers run it. (Each site example is simulated in the browser once, by
tests/browser/test_simulator_ui.py, from its page's button.) Without Chromium
these tests skip locally and FAIL when the environment variable CI is set
(conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docs_tools.site_worker import SiteWorker

ROOT = Path(__file__).resolve().parents[2]
RACE = "snippets/locks/03_race_without_lock.py"
LOCKED = "snippets/locks/04_race_fixed_with_lock.py"


@pytest.fixture(scope="module")
def worker(browser, site_server):
    with SiteWorker(browser, site_server) as driven:
        yield driven


def simulate(worker, path: str, **options) -> dict:
    code = (ROOT / path).read_text(encoding="utf-8")
    return worker.simulate(code, path, **options)


def test_chromium_has_jspi(worker):
    assert worker.jspi


def test_budget_stops_a_cpu_heavy_program(worker):
    path = "snippets/threads-vs-processes/01_cpu_bound_threads.py"
    result = simulate(worker, path, maxSteps=100_000)["result"]
    assert result["stop_reason"] == "more than 100,000 switch points"
    assert "[simulator] Stopped: more than 100,000 switch points" in result["output"]
    assert f"python {path}" in result["output"]


def _balances(output: str) -> tuple[int, int]:
    expected = int(re.search(r"Expected balance: (\d+)", output)[1])
    final = int(re.search(r"Final balance: +(\d+)", output)[1])
    return expected, final


# tests/test_simulator.py checks 20 seeds on CPython; the browser runs the
# same package, so a few seeds show the browser's runs agree.
@pytest.mark.parametrize("seed", range(4))
def test_race_loses_updates_and_the_lock_never_does(worker, seed):
    race = simulate(worker, RACE, seed=seed)["result"]
    expected, final = _balances(race["output"])
    assert final < expected
    locked = simulate(worker, LOCKED, seed=seed)["result"]
    expected, final = _balances(locked["output"])
    assert final == expected


BYTECODE_RACE = (Path(__file__).parents[1] / "programs" / "bytecode_race.py").read_text(
    encoding="utf-8"
)


@pytest.mark.parametrize("seed", range(3))
def test_bytecode_level_race(worker, seed):
    reply = worker.simulate(
        BYTECODE_RACE,
        "race.py",
        seed=seed,
        policy="random",
        quantum=5,
        granularity="bytecode",
    )
    assert int(reply["result"]["output"].split("=")[1]) < 2000


@pytest.mark.parametrize("policy", ["every", "random"])
def test_same_seed_same_output_and_timeline(worker, policy):
    path = "snippets/threading-module/03_two_tasks.py"
    options = {"seed": 5, "policy": policy, "quantum": 3, "full": True}
    first = simulate(worker, path, **options)["result"]
    again = simulate(worker, path, **options)["result"]
    assert first["output"] == again["output"]
    assert first["timeline"] == again["timeline"]
    assert first["timeline_sha256"] == again["timeline_sha256"]
    assert first["svg"] == again["svg"]
    race = [simulate(worker, RACE, seed=9)["result"] for _ in range(2)]
    assert race[0]["output"] == race[1]["output"]
    assert race[0]["timeline_sha256"] == race[1]["timeline_sha256"]


def test_daemon_example_runs_on_the_virtual_clock(worker):
    result = simulate(worker, "snippets/daemon-threads/01_daemon_background_task.py")[
        "result"
    ]
    assert result["virtual_time"] == pytest.approx(5.0, abs=1e-4)
    assert result["output"].endswith("Main thread exiting\n")
    assert result["threads"] == ["MainThread", "Thread-1 (background_task)"]
