"""The race demo really races, and the lock really fixes it.

docs/going-further/race-conditions.md claims that the unlocked snippet loses
updates on CPython 3.10+ and that the locked one never does. A single run
proves little, so each snippet runs several times on every CPython found
(docs_tools/pythons.py) and every run is checked, not an average.
"""

from __future__ import annotations

import re

import pytest

from docs_tools.outputs import run_snippet
from docs_tools.pythons import interpreters
from docs_tools.site import ROOT

SNIPPETS = ROOT / "snippets" / "going-further-race-conditions"
UNLOCKED = SNIPPETS / "01_lost_updates.py"
LOCKED = SNIPPETS / "03_fixed_with_a_lock.py"
RUNS = 5
PYTHONS = interpreters()


def balances(snippet, python) -> tuple[int, int, str]:
    """(expected, actual, verdict) printed by one fresh run of `snippet`."""
    run = run_snippet(snippet, python.path)
    assert run.returncode == 0, run.output
    expected = int(re.search(r"^Expected balance: (\d+)$", run.output, re.M)[1])
    actual = int(re.search(r"^Actual balance: +(\d+)$", run.output, re.M)[1])
    verdict = re.search(r"^Lost updates: (True|False)$", run.output, re.M)[1]
    return expected, actual, verdict


@pytest.mark.parametrize("python", PYTHONS, ids=lambda p: p.label)
def test_without_a_lock_updates_are_lost_every_time(python) -> None:
    for run in range(RUNS):
        expected, actual, verdict = balances(UNLOCKED, python)
        assert actual < expected, (
            f"run {run + 1}/{RUNS} on Python {python.version}: no update was lost "
            f"({actual} of {expected}); the page says the race loses updates"
        )
        assert verdict == "True"


@pytest.mark.parametrize("python", PYTHONS, ids=lambda p: p.label)
def test_with_the_lock_no_update_is_ever_lost(python) -> None:
    for run in range(RUNS):
        expected, actual, verdict = balances(LOCKED, python)
        assert actual == expected, (
            f"run {run + 1}/{RUNS} on Python {python.version}: "
            f"{expected - actual} update(s) lost despite the lock"
        )
        assert verdict == "False"
