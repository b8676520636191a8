"""The check of the exercise "Load the config once".

It ends the Thread-safe or not page. Run `python <this file> [FILE]` from
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
    title="Load the config once",
    practises="a lock around check-then-act",
    minutes=10,
    announces="'Loaded 3 time(s)', expected 'Loaded 1 time(s)'",
    invariants=[output_lines(["Loaded 1 time(s)"]), threads_overlap()],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
