"""The check of the exercise "A connection per thread".

It ends the Thread-local data page. Run `python <this file> [FILE]` from
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
    title="A connection per thread",
    practises="threading.local for one object per worker thread",
    minutes=10,
    announces="'Connections: 1', expected 'Connections: 2'",
    invariants=[
        output_lines(
            ["Results: [0, 10, 20, 30, 40, 50]", "Connections: 2", "Misuses: 0"]
        )
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
