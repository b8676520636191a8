"""The check of "Predict the output: who is a daemon?" (the Daemon threads page).

    python snippets/daemon-threads/exercises/02_who_is_a_daemon/check.py [FILE]

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

from threadsim.exercise import Check, prediction

CHECK = Check(
    title="Predict the output: who is a daemon?",
    practises="where a new thread's daemon flag comes from",
    minutes=5,
    announces="prediction is not what the program printed",
    defines=["PREDICTION"],
    invariants=[prediction("PREDICTION")],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
