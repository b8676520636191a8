# Runs inside Pyodide, in the Web Worker (web/runner/worker.js loads it once).
# `_tip_run(code, filename)` runs one example as `python <filename>` would: a
# fresh __main__ namespace, tracebacks trimmed to the example's own lines, and
# a short verdict the page turns into a clear message.
import builtins
import linecache
import sys
import time
import traceback
import types

from js import tipFlush  # the worker's "send the buffered output now"

_real_sleep = time.sleep
_SLICE = 0.01


def _sleep(seconds):
    # Output reaches the page before a wait, and a long wait is cut into
    # short ones, between which Python sees Stop (the interrupt buffer).
    sys.stdout.flush()
    sys.stderr.flush()
    tipFlush()
    if type(seconds) not in (int, float) or seconds <= _SLICE:
        _real_sleep(seconds)  # also raises what time.sleep raises
        return
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        _real_sleep(min(left, _SLICE))


time.sleep = _sleep


class _NoInput(BaseException):  # not caught by `except Exception`
    pass


def _input(prompt=""):
    sys.stdout.write(str(prompt))
    sys.stdout.flush()
    raise _NoInput


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


def _tip_run(code, filename, has_stdin=False):
    main = types.ModuleType("__main__")
    main.__file__ = filename
    sys.modules["__main__"] = main
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    # input() reads the lines the reader typed in the page, if any; without
    # them it stops with a clear message instead of an EOFError.
    builtins.input = _real_input if has_stdin else _input
    try:
        try:
            compiled = compile(code, filename, "exec", dont_inherit=True)
        except SyntaxError as error:
            _report(error, filename)
            return "syntax"
        try:
            exec(compiled, main.__dict__)
        except SystemExit as error:
            if error.code not in (None, 0):
                if not isinstance(error.code, int):
                    sys.stderr.write(f"{error.code}\n")
                return "exit"
            return "ok"
        except KeyboardInterrupt:
            return "interrupted"
        except EOFError as error:
            if not has_stdin:
                _report(error, filename)
                return "error"
            return "input-ran-out"
        except _NoInput:
            return "input"
        except BaseException as error:
            verdict = _verdict(error)
            if verdict is None:
                _report(error, filename)
                return "error"
            return verdict
        return "ok"
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        tipFlush()
