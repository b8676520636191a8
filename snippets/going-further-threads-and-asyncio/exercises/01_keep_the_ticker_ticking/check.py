"""The check of the exercise "Keep the ticker ticking".

It ends the Threads and asyncio page. Run `python <this file> [FILE]` from
the repository root: it checks FILE (default: the starter.py beside this
file) with 100 runs in the simulator, each on an event loop of its own seed
(threadsim/eventloop.py), then with a real run.
Exit status 0 means it passed.
"""

import sys
from pathlib import Path

# Run from a fresh clone with nothing installed, so the simulator package is
# found relative to this file, in web/simulator/ (a student's Python knows
# nothing of the project).
sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "web" / "simulator"))

from threadsim.eventloop import AsyncCheck, lasts, loop_not_held

CHECK = AsyncCheck(
    title="Keep the ticker ticking",
    practises="awaiting a wait instead of blocking the event loop with time.sleep()",
    minutes=10,
    announces="held the event loop for 1.40 s in one step",
    defines=["main", "fetch", "backoff"],
    invariants=[
        loop_not_held(),
        lasts(
            at_least=1.4,
            because="A waits 0.2 + 0.4 + 0.8 s between its attempts",
        ),
        lasts(
            at_most=1.8,
            because="A and B wait side by side, so the run lasts about as "
            "long as A's waits",
        ),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
