"""The check of "Withdraw only what is there" (the Race conditions page).

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
    title="Withdraw only what is there",
    practises="check-then-act: making a test and the action it allows one step",
    minutes=10,
    announces="it should be 20 (two threads saw enough money and both took it)",
    defines=["balance", "paid"],
    invariants=[
        final(
            "balance",
            20,
            because="two threads saw enough money and both took it",
        ),
        final("paid", [80], because="exactly one withdrawal of 80 fits in 100"),
        threads_overlap(),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
