"""The check of the exercise "Put the switch interval back".

It ends the GIL up close page. Run `python <this file> [FILE]` from
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

from threadsim.exercise import Check, output_lines

CHECK = Check(
    title="Put the switch interval back",
    practises="changing sys.setswitchinterval for one block, and restoring it",
    minutes=10,
    announces="'Restored after the block: False'",
    threaded=False,
    defines=["switch_interval"],
    invariants=[
        output_lines(
            [
                "Inside the block: 0.001",
                "Restored after the block: True",
                "Restored after an error: True",
            ]
        )
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
