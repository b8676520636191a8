"""The check of the exercise "Bound this buffer with a Condition".

It ends the Synchronization primitives page. Run `python <this file> [FILE]` from
the repository root: it checks FILE (default: the starter.py beside this
file) under at least 100 thread schedules of the
simulator, then with real threads.
Exit status 0 means it passed.
"""

import sys
from pathlib import Path

# Run from a fresh clone with nothing installed, so the simulator package is
# found relative to this file, in web/simulator/ (a student's Python knows
# nothing of the project).
sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "web" / "simulator"))

from threadsim.exercise import Check, each_once, holds

CHECK = Check(
    title="Bound this buffer with a Condition",
    practises="Condition.wait_for and notify_all in a bounded buffer",
    minutes=15,
    announces="held more than 2 items at once",
    defines=["Buffer", "received"],
    invariants=[
        holds(
            "most_held <= 2",
            "the buffer held more than 2 items at once (its capacity)",
            "the buffer never holds more than 2 items",
        ),
        each_once("received", ["a0", "a1", "a2", "b0", "b1", "b2"]),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
