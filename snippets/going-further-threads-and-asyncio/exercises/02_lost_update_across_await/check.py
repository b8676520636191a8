"""The check of the exercise "Fix the lost update across an await".

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
from threadsim.exercise import final

CHECK = AsyncCheck(
    title="Fix the lost update across an await",
    practises="an asyncio.Lock around a read, an await and the write that uses it",
    minutes=10,
    announces="`len(sold)` is 8 at the end; it should be 5",
    defines=["seats", "sold", "buy"],
    invariants=[
        final("len(sold)", 5, because="there were 5 seats"),
        final("seats", 0, because="5 seats, all sold"),
        loop_not_held(),
        lasts(
            at_most=1.5,
            because="eight fans who buy at once are served in five payments' "
            "time at most: sleeps that keep them apart are not a fix",
        ),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
