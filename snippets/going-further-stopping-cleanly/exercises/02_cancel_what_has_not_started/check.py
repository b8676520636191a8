"""The check of the exercise "Cancel what has not started".

It ends the Stopping cleanly page. Run `python <this file> [FILE]` from
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

from threadsim.exercise import Check, holds, output_lines

CHECK = Check(
    title="Cancel what has not started",
    practises="Executor.shutdown(cancel_futures=True) when stopping early",
    minutes=10,
    announces="still queued when job 1 failed ran anyway",
    invariants=[
        output_lines(["stopping: job 1 failed", "stopped"]),
        holds(
            "set(started) <= {0, 1, 2, 3}",
            "jobs that were still queued when job 1 failed ran anyway: "
            "they should have been cancelled",
            "no queued job starts after the failure is seen",
        ),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
