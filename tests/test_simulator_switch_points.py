"""The simulator switches where CPython does: at calls, C functions too.

Since 3.10, CPython with a GIL checks for a switch request at loop
back-edges, at the start of a Python function and when a call returns,
whatever was called. So `counter = counter + math.floor(1.0)` loses updates
in four threads (measured on 3.10-3.13), while `counter += 1` does not. The
simulator counts those switch points in the example's own code; this checks
it reproduces both, on the interpreter running the tests (sys.monitoring on
3.12+, settrace and setprofile before).
"""

from __future__ import annotations

import pytest

import threadsim

RACE = """\
import math
import threading

counter = 0


def work():
    global counter
    for _ in range(50_000):
        counter = counter + {add}


threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
"""


#: Switch points between two switches: many switches in a short run (the
#: default, 5 ms of virtual time, would make only a few here).
QUANTUM = 997


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_call_to_a_c_function_is_a_switch_point(seed) -> None:
    result = threadsim.run(
        RACE.format(add="math.floor(1.0)"),
        "race.py",
        seed=seed,
        policy="random",
        quantum=QUANTUM,
    )
    assert int(result.output) < 200_000


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_plus_one_is_not_split_at_cpythons_switch_points(seed) -> None:
    result = threadsim.run(
        RACE.format(add="1"), "race.py", seed=seed, policy="random", quantum=QUANTUM
    )
    assert int(result.output) == 200_000
