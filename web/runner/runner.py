# Runs inside Pyodide, in the Web Worker (web/runner/worker.js loads it once).
# `_tip_run(code, filename)` runs one example as `python <filename>` would: a
# fresh __main__ namespace, tracebacks trimmed to the example's own lines, and
# a short verdict the page turns into a clear message. Where the browser has
# WebAssembly JSPI the worker calls it with stack switching on
# (callPromising), so Python can wait: asyncio.run(), input() that asks.
import ast
import asyncio
import builtins
import contextlib
import gc
import inspect
import io
import linecache
import sys
import time
import traceback
import types

import pyodide.ffi
import pyodide.webloop
from js import (
    tipFlush,  # the worker's "send the buffered output now"
    tipWait,  # the worker's time.sleep that spins no core, where it can
)

# CPython's time.sleep, which blocks. Pyodide's own, where Python may wait
# (JSPI), suspends instead and lets asyncio tasks run meanwhile: a program
# would not see the blocking call that stalls its event loop.
_real_sleep = getattr(pyodide.webloop, "_orig_sleep", time.sleep)
_SLICE = 0.01  # of a wait that spins
_WAIT_AT_MOST = 1.0  # of one that does not (Stop wakes it where it must)
# A browser's timer fires a millisecond or so late: the last 2 ms of a wait
# spin, so that time.sleep(0.01) lasts 10 ms as in CPython, not 11.
_SPIN = 0.002


def _sleep(seconds):
    # Output reaches the page before a wait, and a long wait is cut into
    # short ones, between which Python sees Stop (the interrupt buffer).
    sys.stdout.flush()
    sys.stderr.flush()
    tipFlush()
    if type(seconds) not in (int, float) or not seconds > 0:  # NaN too
        _real_sleep(seconds)  # also raises what time.sleep raises
        return
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if left > _SPIN:
            _wait(left - _SPIN)
        else:
            _real_sleep(left)


def _wait(seconds):
    # CPython's time.sleep here is Emscripten's, which spins a core for as
    # long as it waits (a 12 s example: 12 s of a phone's CPU). The worker
    # blocks on Stop's buffer where the page is cross-origin isolated, or
    # gives a timer's promise to suspend on where JSPI lets Python wait,
    # unless an asyncio task could run while this one waits, which a
    # blocking call must not allow.
    suspending = pyodide.ffi.can_run_sync() and not _tasks()
    waited = tipWait(min(seconds, _WAIT_AT_MOST) * 1000, suspending)
    if waited is None:
        _real_sleep(min(seconds, _SLICE))
    elif waited is not True:
        pyodide.ffi.run_sync(waited)


def _tasks():
    """Whether any asyncio task of the program is there to run (or runs)."""
    try:
        return bool(asyncio.all_tasks())
    except RuntimeError:  # no running loop: none can run
        return False


time.sleep = _sleep

_real_run_sync = pyodide.ffi.run_sync


def _run_sync(awaitable):
    # While Python waits here, the event loop may run other Python (asyncio
    # tasks); the automatic garbage collector then walks the frames of the
    # suspended stack and can crash Pyodide 314 (pyodide/pyodide#6464, fixed
    # upstream by #6466). A full gc.collect() does not walk them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _real_run_sync(awaitable)
    finally:
        if collecting:
            gc.enable()


# Pyodide's asyncio.run, run_until_complete and time.sleep wait through
# webloop's run_sync.
pyodide.ffi.run_sync = pyodide.webloop.run_sync = _run_sync


def _no_executor(self, executor, func, *args):
    # Pyodide's loop would call func right here, in the loop's one thread,
    # so asyncio.to_thread would quietly block the loop; CPython starts a
    # thread, which Pyodide cannot: say so, as threading.Thread.start does.
    raise RuntimeError("can't start new thread")


pyodide.webloop.WebLoop.run_in_executor = _no_executor


class _NoInput(BaseException):  # not caught by `except Exception`
    pass


def _input(prompt=""):
    sys.stdout.write(str(prompt))
    sys.stdout.flush()
    raise _NoInput


class _Asking(io.TextIOBase):
    """sys.stdin while the reader answers in the page, line by line.

    input() on a stream that is not the console writes its prompt to
    sys.stdout and reads sys.stdin.readline(), as CPython does: "" is end
    of file (EOFError), a line keeps its newline.
    """

    def readable(self):
        return True

    def isatty(self):
        return True

    def readline(self, size=-1):
        import js  # looked up now: the worker sets tipAsk up on each boot

        sys.stdout.flush()
        sys.stderr.flush()
        tipFlush()
        answer = js.tipAsk()
        if not isinstance(answer, str) and answer is not None:
            answer = _run_sync(answer)  # a promise: wait for it (JSPI)
        if answer is None:
            raise KeyboardInterrupt  # Stop, while it waited
        return answer

    def read(self, size=-1):
        lines = []
        while line := self.readline():
            lines.append(line)
        return "".join(lines)


_PROCESS_FILES = (
    "/multiprocessing/",
    "/concurrent/futures/process.py",
    "/subprocess.py",
)


def _frames(error):
    tb = error.__traceback__
    while tb is not None:
        yield tb.tb_frame.f_code.co_filename
        tb = tb.tb_next


def _verdict(error):
    """What kind of browser limit `error` hits, or None for a plain error."""
    if (
        isinstance(error, RuntimeError)
        and not pyodide.ffi.can_run_sync()
        and any("/pyodide/webloop.py" in frame for frame in _frames(error))
    ):
        return "asyncio"  # an event loop that must block: needs JSPI
    if isinstance(error, RuntimeError) and "can't start new thread" in str(error):
        return "thread"
    if isinstance(error, ModuleNotFoundError):
        name = (error.name or "").split(".")[0]
        if name in ("_multiprocessing", "multiprocessing", "_posixsubprocess"):
            return "process"
        if name and name not in sys.stdlib_module_names:
            return "module:" + name
    if any(part in frame for frame in _frames(error) for part in _PROCESS_FILES):
        return "process"
    if isinstance(error, OSError) and "does not support processes" in str(error):
        return "process"
    return None


def _trim(report, filename, seen):
    """Keep only the frames of the example itself, in every chained exception."""
    if report is None or id(report) in seen:
        return
    seen.add(id(report))
    report.stack = traceback.StackSummary.from_list(
        [frame for frame in report.stack if frame.filename == filename]
    )
    _trim(report.__cause__, filename, seen)
    _trim(report.__context__, filename, seen)
    for inner in getattr(report, "exceptions", None) or ():
        _trim(inner, filename, seen)


def _report(error, filename):
    report = traceback.TracebackException.from_exception(error)
    _trim(report, filename, set())
    sys.stdout.flush()
    sys.stderr.write("".join(report.format()))
    sys.stderr.flush()


_real_input = builtins.input


def _tip_run(code, filename, stdin="none"):
    """Run `code` as `python <filename>` would; return the verdict.

    `stdin`: "lines" (the reader typed input()'s answers beforehand, in
    sys.stdin), "ask" (input() asks the reader as the program runs) or
    "none" (input() stops the program with a clear message). A program with
    a top-level `await` (as in `python -m asyncio` or a notebook) returns a
    coroutine instead, which the worker awaits for the verdict.
    """
    main = types.ModuleType("__main__")
    main.__file__ = filename
    sys.modules["__main__"] = main
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        compiled = compile(
            code,
            filename,
            "exec",
            flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
            dont_inherit=True,
        )
    except SyntaxError as error:
        _report(error, filename)
        _flush()
        return "syntax"
    if compiled.co_flags & inspect.CO_COROUTINE:
        return _run_awaiting(compiled, main, filename, stdin)
    with _streams(stdin):
        try:
            exec(compiled, main.__dict__)
        except BaseException as error:
            return _outcome(error, filename, stdin)
        return "ok"


async def _run_awaiting(compiled, main, filename, stdin):
    with _streams(stdin):
        try:
            await eval(compiled, main.__dict__)
        except BaseException as error:
            return _outcome(error, filename, stdin)
        return "ok"


def _cancel_tasks():
    # What asyncio.run does at its end (Pyodide's does not): no task of this
    # program outlives it.
    try:
        loop = asyncio.get_event_loop()  # Pyodide's one WebLoop
        tasks = asyncio.all_tasks(loop) - {asyncio.current_task(loop)}
    except RuntimeError:
        return
    for task in tasks:
        task.cancel()


@contextlib.contextmanager
def _streams(stdin):
    real_stdin = sys.stdin
    # input() reads the lines the reader typed in the page, or asks; without
    # either it stops with a clear message instead of an EOFError.
    builtins.input = _input if stdin == "none" else _real_input
    if stdin == "ask":
        sys.stdin = _Asking()
    try:
        yield
    finally:
        _cancel_tasks()
        sys.stdin = real_stdin
        builtins.input = _real_input
        _flush()


def _flush():
    sys.stdout.flush()
    sys.stderr.flush()
    tipFlush()


def _outcome(error, filename, stdin):
    """The verdict of a program that raised `error` (reported if it is one)."""
    if isinstance(error, SystemExit):
        if error.code not in (None, 0):
            if not isinstance(error.code, int):
                sys.stderr.write(f"{error.code}\n")
            return "exit"
        return "ok"
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    if isinstance(error, _NoInput):
        return "input"
    if isinstance(error, EOFError) and stdin == "lines":
        return "input-ran-out"
    verdict = _verdict(error)
    if verdict is None:
        _report(error, filename)
        return "error"
    return verdict
