"""The check of the exercise "Lock the whole update".

It ends the Race conditions page. Run `python <this file> [FILE]` from
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

from threadsim.exercise import Check, final, threads_overlap

CHECK = Check(
    title="Lock the whole update",
    practises="a lock that covers the read as well as the write",
    minutes=10,
    announces="at the end; it should be 9",
    invariants=[final("hits.count", 9), threads_overlap()],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
