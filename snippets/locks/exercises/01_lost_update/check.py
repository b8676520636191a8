"""The check of "Fix the lost update" (the Locks page).

Run it from the repository root as `python <path of this file> [FILE]`: it
checks FILE (default: the starter.py beside it) under at least 100 thread
schedules of the simulator, then with real threads; exit status 0 means it
passed.
"""

import sys
from pathlib import Path

# Run from a fresh clone with nothing installed, so the simulator package is
# found relative to this file, in web/simulator/ (the one justified sys.path
# edit: a student's Python knows nothing of the project).
sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "web" / "simulator"))

from threadsim.exercise import Check, final, threads_overlap

CHECK = Check(
    title="Fix the lost update",
    practises="a Lock around a read-modify-write of shared data",
    minutes=10,
    announces="at the end; it should be 10,000 (deposits were lost)",
    defines=["balance"],
    invariants=[
        final("balance", 10_000, because="deposits were lost"),
        threads_overlap(),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
