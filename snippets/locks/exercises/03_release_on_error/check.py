"""The check of "Release the lock, even on an error" (the Locks page).

Run it from the repository root as `python <path of this file> [FILE]`: it
checks FILE (default: the starter.py beside it): one run (no threads are
started, so there are no schedules to explore), then a real one; exit status 0
means it passed.
"""

import sys
from pathlib import Path

# Run from a fresh clone with nothing installed, so the simulator package is
# found relative to this file, in web/simulator/ (the one justified sys.path
# edit: a student's Python knows nothing of the project).
sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "web" / "simulator"))
from threadsim.exercise import Check, final, output_lines

CHECK = Check(
    title="Release the lock, even on an error",
    practises="`with lock:` releases the lock even when the block raises",
    minutes=5,
    announces="MainThread waits in Lock.acquire() on `lock`, held by MainThread",
    threaded=False,
    defines=["lock", "log"],
    invariants=[
        output_lines(["skipped: empty entry", "['start', 'end']"]),
        final("log", ["start", "end"]),
        final("lock.locked()", False, because="the lock must be free at the end"),
    ],
)

if __name__ == "__main__":
    sys.exit(CHECK.main(__file__))
