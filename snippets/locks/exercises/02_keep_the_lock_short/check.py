"""The check of "Keep the lock short" (the Locks page).

    python snippets/locks/exercises/02_keep_the_lock_short/check.py [FILE]

checks FILE (default: starter.py beside this file) under at least 100
thread schedules of the simulator, then with real threads.
Exit status 0 means it passed.
"""

import sys
from pathlib import Path

# Run from a fresh clone with nothing installed, so the simulator package is
# found relative to this file, in web/simulator/ (a student's Python knows
# nothing of the project).
sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "web" / "simulator"))

from threadsim.exercise import Check, ends_within, final, output_lines

CHECK = Check(
    title="Keep the lock short",
    practises="holding a lock around the shared data only, not around slow work",
    minutes=10,
    announces="ended 0.500 s after 'adding 1 to 5' was printed",
    invariants=[
        output_lines(["adding 1 to 5", "Total: 15"]),
        final("total", 15),
        ends_within(0.15, "adder-5", after="adding 1 to 5"),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
