"""Real runs of an exercise's program, after the simulated schedules pass.

Locally, `python check.py FILE` also runs FILE with real CPython threads, a
few times, each in a fresh process with `sys.setswitchinterval(1e-6)` (a
switch is requested every microsecond, so threads interleave as much as
CPython lets them). The child runs the program as `__main__`, then judges
the run with the same `Check.problem` as the simulated runs (invariants on
the simulator's timeline or clock are skipped: no wall-clock assertions) and
writes its answer as JSON to a file the parent reads.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import traceback
from pathlib import Path

SWITCH_INTERVAL = 1e-6
TIMEOUT = 30.0  # real seconds a run may take before it counts as hung

_CHILD = """
import importlib.util, sys
sys.path.insert(0, sys.argv[1])
spec = importlib.util.spec_from_file_location("exercise_check", sys.argv[2])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
from threadsim._realrun import child
child(module.CHECK, sys.argv[3], sys.argv[4])
"""


def real_runs(check, check_file: Path, program: Path, count: int) -> tuple[bool, str]:
    """Run `program` `count` times for real: (passed, message)."""
    package_dir = Path(__file__).resolve().parent.parent
    version = ".".join(map(str, sys.version_info[:3]))
    for number in range(1, count + 1):
        with tempfile.TemporaryDirectory(prefix="threadsim-check-") as scratch:
            answer = Path(scratch) / "answer.json"
            command = [
                sys.executable,
                "-c",
                _CHILD,
                str(package_dir),
                str(check_file),
                str(program),
                str(answer),
            ]
            try:
                done = subprocess.run(
                    command,
                    capture_output=True,
                    text=True,
                    timeout=TIMEOUT,
                    cwd=program.parent,
                )
            except subprocess.TimeoutExpired:
                return False, (
                    f"{check.title}: not yet. Real run {number} (CPython {version}, "
                    f"real threads) did not finish within {TIMEOUT:g} s: a "
                    "deadlock, or an endless loop?"
                )
            if not answer.exists():
                return False, (
                    f"{check.title}: real run {number} ended without an answer "
                    f"(exit status {done.returncode}):\n{done.stderr[-2000:]}"
                )
            found = json.loads(answer.read_text(encoding="utf-8"))
        if found["problem"]:
            return False, (
                f"{check.title}: not yet. With real threads (CPython {version}, "
                f"sys.setswitchinterval({SWITCH_INTERVAL:g}), run {number} of "
                f"{count}): {found['what']}.\n\nWhat that run printed:\n"
                + found["output"][-2000:]
            )
    return True, (
        f"And {count} real run{'s' if count != 1 else ''} (CPython {version}, "
        f"real threads, sys.setswitchinterval({SWITCH_INTERVAL:g})) kept it too."
    )


class _Capped(io.StringIO):
    """stdout and stderr of the run: keeps the first `limit` characters."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.size = 0
        self.lock = threading.Lock()

    def write(self, text: str) -> int:
        with self.lock:
            self.size += len(text)
            if self.size - len(text) < self.limit:
                super().write(text[: self.limit - (self.size - len(text))])
        return len(text)


def child(check, program: str, answer: str) -> None:
    """In the child process: run `program` for real, judge it, write the answer."""
    from .exercise import RunView, _no_input

    code = Path(program).read_text(encoding="utf-8")
    captured = _Capped(check.max_output)
    thread_errors: list = []

    def hook(args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        thread_errors.append((name, args.exc_value))
        print(f"Exception in thread {name}:", file=captured)
        traceback.print_exception(
            args.exc_type, args.exc_value, args.exc_traceback, file=captured
        )

    threading.excepthook = hook
    namespace = {
        "__name__": "__main__",
        "__file__": program,
        "__builtins__": builtins,
        "input": _no_input,
    }
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = captured
    sys.setswitchinterval(SWITCH_INTERVAL)
    error = None
    try:
        exec(compile(code, program, "exec"), namespace)
    except SystemExit:
        pass
    except BaseException as raised:  # the run's own error, judged below
        error = raised
        traceback.print_exc(file=captured)
    main = threading.main_thread()
    alive = [t.name for t in threading.enumerate() if t is not main and t.is_alive()]
    for thread in threading.enumerate():  # as the interpreter does at exit
        if thread is not main and not thread.daemon:
            thread.join()
    sys.stdout, sys.stderr = saved
    run = RunView(
        output=captured.getvalue(),
        namespace=namespace,
        simulated=False,
        filename=program,
        error=error,
        thread_errors=thread_errors,
        alive_at_exit=alive,
        flooded=captured.size > check.max_output,
    )
    found = check.problem(run)
    Path(answer).write_text(
        json.dumps(
            {
                "problem": found[0] if found else None,
                "what": found[1] if found else "",
                "output": run.output[-4000:],
            }
        ),
        encoding="utf-8",
    )
    sys.stdout.flush()
    os._exit(0)  # daemon threads end here, as at a real exit
