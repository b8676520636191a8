"""The check of the exercise "Find an order that loses a deposit".

It ends the Race conditions page. Run `python <this file> [FILE]` from
the repository root: it checks FILE (default: the starter.py beside this
file) with one run in the simulator,
then with a real run.
Exit status 0 means it passed.
"""

import sys
from pathlib import Path

# Run from a fresh clone with nothing installed, so the simulator package is
# found relative to this file, in web/simulator/ (a student's Python knows
# nothing of the project).
sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "web" / "simulator"))

from threadsim.exercise import Check, final, holds

CHECK = Check(
    title="Find an order that loses a deposit",
    practises="the interleaving of read and write steps that loses an update",
    minutes=5,
    announces="`balance` is 200 at the end; it should be 150",
    threaded=False,
    defines=["ORDER"],
    errors_allowed=True,
    invariants=[
        holds(
            "sorted(ORDER) == ['A reads', 'A writes', 'B reads', 'B writes']",
            "ORDER must list each of the four steps exactly once",
            "ORDER lists the four steps once each",
        ),
        holds(
            "all(ORDER.index(f'{t} reads') < ORDER.index(f'{t} writes') for t in 'AB')",
            "a teller cannot write before it has read: keep each teller's "
            "read before its write",
            "each teller reads before it writes",
        ),
        final("balance", 150, because="one of the two deposits must be lost"),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
