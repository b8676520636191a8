"""The check of the exercise "Make the consumer finish".

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

from threadsim.exercise import Check, no_thread_left_running, output_lines

CHECK = Check(
    title="Make the consumer finish",
    practises="a sentinel that tells a consumer there is no more work",
    minutes=10,
    announces="waits in Queue.get() on `jobs`",
    invariants=[
        output_lines(["processed 0", "processed 1", "processed 2", "all processed"]),
        no_thread_left_running(),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
