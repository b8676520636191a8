"""The check of "Keep the program responsive" (the When to use threads page).

    python snippets/when-to-use-threads/exercises/01_keep_it_responsive/check.py [FILE]

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
    title="Keep the program responsive",
    practises="moving slow work to a thread so the main thread keeps answering",
    minutes=10,
    announces="line 2 is 'saved', expected 'click 1 handled'",
    invariants=[
        output_lines(
            ["click: save"] + [f"click {n} handled" for n in range(1, 5)] + ["saved"]
        )
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
