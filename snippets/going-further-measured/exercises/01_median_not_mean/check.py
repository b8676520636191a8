"""The check of the exercise "Use the median, not the mean".

It ends the Measured page. Run `python <this file> [FILE]` from
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

from threadsim.exercise import Check, final, output_lines

CHECK = Check(
    title="Use the median, not the mean",
    practises="summarising noisy timing rounds with the median",
    minutes=5,
    announces="'Threads: 7.0x faster', expected 'Threads: 4.0x faster'",
    threaded=False,
    defines=["speedup"],
    invariants=[
        output_lines(["Threads: 4.0x faster"]),
        final(
            "speedup([1, 3, 2, 100], [1, 1, 1, 1])",
            2.5,
            because="the rounds come in any order, and the median of an even "
            "number of them is the mean of the middle two",
        ),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
