"""The check of the exercise "The first answer wins".

It ends the Futures in depth page. Run `python <this file> [FILE]` from
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

from threadsim.exercise import Check, output_lines

CHECK = Check(
    title="The first answer wins",
    practises="wait(..., return_when=FIRST_COMPLETED) on futures",
    minutes=10,
    announces="line 2 is 'eu: done', expected 'answer: us'",
    invariants=[
        output_lines(["us: done", "answer: us", "eu: done", "asia: done"]),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
