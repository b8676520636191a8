"""The check of "Stop the worker within 0.1 s" (the Stopping cleanly page).

Run it from the repository root as `python <path of this file> [FILE]`: it
checks FILE (default: the starter.py beside it) under at least 100 thread
schedules of the simulator, then with real threads; exit status 0 means it
passed.
"""

import sys
from pathlib import Path

# Run from a fresh clone with nothing installed, so the simulator package is
# found relative to this file, in web/simulator/ (the one justified sys.path
# edit: a student's Python knows nothing of the project).
sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "web" / "simulator"))
from threadsim.exercise import (
    Check,
    ends_within,
    no_thread_left_running,
    output_lines,
    waits_at_most,
)

CHECK = Check(
    title="Stop the worker within 0.1 s",
    practises="stopping a thread cooperatively, promptly, with threading.Event",
    minutes=10,
    real_runs=2,  # each real run takes 1.25 s of real time
    announces="ended 0.250 s after 'main: stop requested' was printed",
    invariants=[
        ends_within(0.1, thread="worker", after="main: stop requested"),
        output_lines(
            [
                "worker: beat 1",
                "worker: beat 2",
                "worker: beat 3",
                "main: stop requested",
                "worker: stopped",
                "main: done",
            ]
        ),
        no_thread_left_running(),
        waits_at_most(
            3,
            thread="worker",
            because="one wait a beat: polling in short sleeps is a timing fix, "
            "not a stop signal",
        ),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
