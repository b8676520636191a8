"""The check of "Let the program end" (the Daemon threads page).

    python snippets/daemon-threads/exercises/01_let_the_program_end/check.py [FILE]

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
    title="Let the program end",
    practises="making a background thread a daemon, before start()",
    minutes=5,
    announces="it was stopped after more than 10 s of simulated time",
    max_time=10.0,
    invariants=[output_lines(["beat", "beat", "beat", "main: done"])],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
