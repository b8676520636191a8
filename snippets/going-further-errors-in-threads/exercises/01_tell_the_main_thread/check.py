"""The check of the exercise "Tell the main thread".

It ends the Errors in threads page. Run `python <this file> [FILE]` from
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
    title="Tell the main thread",
    practises="getting a thread's exception to the main thread (threading.excepthook)",
    minutes=15,
    announces="line 1 is 'Exception in thread parse-two:'",
    errors_allowed=True,
    invariants=[
        output_lines(["parse-four failed", "parse-two failed", "done"]),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
