"""The check of the exercise "Predict the output: what can a pool send?".

It ends the Start methods page. Run `python <this file> [FILE]` from
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

from threadsim.exercise import Check, prediction

CHECK = Check(
    title="Predict the output: what can a pool send?",
    practises="what pickle can send to a worker process, and why",
    minutes=5,
    announces="prediction is not what the program printed",
    threaded=False,
    defines=["PREDICTION"],
    invariants=[prediction("PREDICTION")],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
