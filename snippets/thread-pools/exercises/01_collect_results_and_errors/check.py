"""The check of "Collect results and errors from a pool" (the Thread pools page).

    python snippets/thread-pools/exercises/01_collect_results_and_errors/check.py [FILE]

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

from threadsim.exercise import Check, output_lines

CHECK = Check(
    title="Collect results and errors from a pool",
    practises="reading every result of a pool, and each task's exception",
    minutes=15,
    announces="line 1 is 'done', expected '10 -> 10'",
    invariants=[
        output_lines(
            [
                "10 -> 10",
                "2 -> 2",
                "x -> error: ValueError",
                "400 -> 400",
                "y -> error: ValueError",
                "done",
            ]
        )
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
