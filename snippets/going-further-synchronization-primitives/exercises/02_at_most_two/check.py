"""The check of the exercise "At most two at once".

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

from threadsim.exercise import Check, output_lines, threads_overlap

CHECK = Check(
    title="At most two at once",
    practises="a BoundedSemaphore that caps how many threads use a resource",
    minutes=10,
    announces="'Most downloads at once: 6', expected 'Most downloads at once: 2'",
    invariants=[output_lines(["Most downloads at once: 2"]), threads_overlap()],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
