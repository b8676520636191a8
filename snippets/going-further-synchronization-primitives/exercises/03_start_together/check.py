"""The check of the exercise "Start together".

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

from threadsim.exercise import Check, each_once, holds, threads_overlap

CHECK = Check(
    title="Start together",
    practises="a Barrier that holds every thread until all have arrived",
    minutes=10,
    announces="runner went before all three were ready",
    invariants=[
        each_once(
            "log", [f"{n} {s}" for n in ("Ann", "Bo", "Cy") for s in ("ready", "go")]
        ),
        holds(
            "all(entry.endswith('ready') for entry in log[:3])",
            "a runner went before all three were ready",
            "no runner goes before all three are ready",
        ),
        threads_overlap(),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
