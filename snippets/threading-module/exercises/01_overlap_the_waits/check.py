"""The check of "Overlap the waits" (the Threading module page).

    python snippets/threading-module/exercises/01_overlap_the_waits/check.py [FILE]

checks FILE (default: starter.py beside this file) under at least 100
thread schedules of the simulator, then with real threads; exit status 0 means it
passed.
"""

import sys
from pathlib import Path

# Run from a fresh clone with nothing installed, so the simulator package is
# found relative to this file, in web/simulator/ (a student's Python knows
# nothing of the project).
sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "web" / "simulator"))

from threadsim.exercise import Check, output_lines, threads_overlap

CHECK = Check(
    title="Overlap the waits",
    practises="starting several threads, then joining them all, so their waits overlap",
    minutes=10,
    announces="ran fewer than two threads",
    invariants=[
        threads_overlap(),
        output_lines([f"contents of {name}" for name in ["a.txt", "b.txt", "c.txt"]]),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
