"""The check of the exercise "Do not wait on your own pool".

It ends the Thread pools in practice page. Run `python <this file> [FILE]` from
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

from threadsim.exercise import Check, holds, output_lines

CHECK = Check(
    title="Do not wait on your own pool",
    practises="never letting a pool's task wait on a task of the same pool",
    minutes=15,
    announces="ThreadPoolExecutor-0_0 waits in Future.result()",
    invariants=[
        output_lines(["Sums: [14, 41]"]),
        holds(
            "pool._max_workers == 2",
            "the pool must keep max_workers=2: more workers only make the freeze rarer",
            "the pool keeps its 2 workers",
        ),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
