"""The check of the exercise "Share the records safely".

It ends the Thread-safe or not page. Run `python <this file> [FILE]` from
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

from threadsim.exercise import Check, each_once, threads_overlap

CHECK = Check(
    title="Share the records safely",
    practises="handing items to workers through a queue instead of a shared generator",
    minutes=15,
    announces="generator already executing",
    invariants=[each_once("done", range(6)), threads_overlap()],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
