"""The check of the exercise "Wait until every item is processed".

It ends the Queues page. Run `python <this file> [FILE]` from
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
    title="Wait until every item is processed",
    practises="task_done() and Queue.join(), and one sentinel per worker",
    minutes=15,
    announces="MainThread waits in Queue.join() on `jobs`",
    invariants=[
        output_lines(["Squares: [0, 1, 4, 9, 16, 25]", "workers stopped"]),
        threads_overlap(),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
