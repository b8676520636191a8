"""Exercises that check themselves: what an exercise's check.py declares.

A check is a `Check` with the invariants the student's program must keep.
A threaded exercise's program is run under many schedules (see _explore.py:
at least 100, every policy and granularity, small quanta, and switches
right after every read of shared state) and the first schedule that breaks
an invariant is reported, with what broke and how to replay it; a
single-threaded one is run once. The same check runs in the page (Pyodide:
`threadsim._browser.check`) and on a student's computer (`Check.main`: the
same schedules under the CPython backend, then real runs).

    CHECK = Check(
        title="Fix the lost update",
        defines=["balance"],
        invariants=[final("balance", 20_000), threads_overlap()],
    )

Always checked, without being declared: the code parses, starts no process,
does not call input(), ends within its budget, does not flood the output,
does not deadlock, and raises no uncaught exception (unless
`errors_allowed=True`). CONTRIBUTING.md ("Adding an exercise") has the files
and the page markup around it.
"""

from __future__ import annotations

import ast
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import _state
from ._explore import MIN_SCHEDULES, Schedule, schedules, starts_processes

__all__ = [
    "Check",
    "Invariant",
    "Verdict",
    "each_once",
    "ends_within",
    "final",
    "holds",
    "no_thread_left_running",
    "output",
    "output_lines",
    "prediction",
    "threads_overlap",
    "waits_at_most",
]

#: Characters of a failing run's output kept in a verdict.
OUTPUT_SHOWN = 4_000


class InputUnavailable(RuntimeError):
    """Raised by `input()` in a checked program: a check has no keyboard."""


def _no_input(prompt: object = "") -> str:
    raise InputUnavailable("input() has no keyboard to read from during a check")


# -- what one run left behind -------------------------------------------------
@dataclass
class RunView:
    """One run of the student's program, simulated or real, as invariants see it."""

    output: str
    namespace: dict
    simulated: bool
    filename: str
    error: BaseException | None = None
    thread_errors: list = field(default_factory=list)  # (thread name, exception)
    alive_at_exit: list = field(default_factory=list)
    stuck: list = field(default_factory=list)  # (name, waits in, on, held by)
    stop_reason: str | None = None
    threads: list = field(default_factory=list)  # simulated only (Result.threads)
    events: list = field(default_factory=list)  # simulated only
    flooded: bool = False

    def value(self, expr: str):
        """`expr` evaluated in the program's final globals."""
        return eval(expr, dict(self.namespace))


class _Missing(Exception):
    """An invariant's expression names something the program does not define."""


def _show(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 1_000:
        return f"{value:,}"
    return repr(value)


def _evaluate(run: RunView, expr: str):
    try:
        return run.value(expr)
    except NameError as error:
        name = getattr(error, "name", None) or str(error)
        raise _Missing(
            f"the check reads `{expr}` when the program ends, but your program "
            f"defines no `{name}`"
        ) from None
    except Exception as error:
        raise _Missing(
            f"the check could not read `{expr}` when the program ended: "
            f"{type(error).__name__}: {error}"
        ) from None


# -- invariants ---------------------------------------------------------------
class Invariant:
    """What a program must do under every schedule (subclasses say what)."""

    #: Only meaningful on the simulator's timeline or clock (real runs skip it).
    simulated_only = False
    #: Must hold under at least one schedule, not under each (the search
    #: judges it once every schedule has run).
    somewhere = False

    def __init__(self, because: str = "") -> None:
        self.because = because

    @property
    def what(self) -> str:
        """What it verifies, in words (messages, the instructors page)."""
        raise NotImplementedError

    def failure(self, run: RunView) -> str | None:
        """Why `run` breaks it (a sentence), or None."""
        raise NotImplementedError

    def _why(self, text: str) -> str:
        return f"{text} ({self.because})" if self.because else text


class final(Invariant):
    """`expr`, evaluated in the program's globals at its end, equals `expected`."""

    def __init__(self, expr: str, expected, because: str = "") -> None:
        super().__init__(because)
        self.expr = expr
        self.expected = expected

    @property
    def what(self) -> str:
        return f"`{self.expr}` is {_show(self.expected)} at the end"

    def failure(self, run: RunView) -> str | None:
        value = _evaluate(run, self.expr)
        if value == self.expected:
            return None
        return self._why(
            f"`{self.expr}` is {_show(value)} at the end; it should be "
            f"{_show(self.expected)}"
        )


class holds(Invariant):
    """`expr` is true at the end; `message` (with `{value}`) says what is wrong."""

    def __init__(self, expr: str, message: str, what: str = "") -> None:
        super().__init__()
        self.expr = expr
        self.message = message
        self._what = what or f"`{expr}` holds at the end"

    @property
    def what(self) -> str:
        return self._what

    def failure(self, run: RunView) -> str | None:
        value = _evaluate(run, self.expr)
        if value:
            return None
        return self.message.format(value=value)


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _first_difference(got: list[str], want: list[str]) -> str:
    for number, (a, b) in enumerate(zip(got, want, strict=False), 1):
        if a != b:
            return f"line {number} is {a!r}, expected {b!r}"
    if len(got) < len(want):
        return (
            f"it stops after {len(got)} lines; line {len(got) + 1} should be "
            f"{want[len(got)]!r}"
        )
    return (
        f"it has {len(got) - len(want)} more lines than expected, from "
        f"{got[len(want)]!r}"
    )


class output(Invariant):
    """The program prints exactly `text` (trailing spaces and blank lines aside)."""

    def __init__(self, text: str, because: str = "") -> None:
        super().__init__(because)
        self.text = text

    @property
    def what(self) -> str:
        return "the output is exactly the expected text"

    def failure(self, run: RunView) -> str | None:
        got, want = _lines(run.output), _lines(self.text)
        if got == want:
            return None
        return self._why(
            f"the output is not the expected one: {_first_difference(got, want)}"
        )


class output_lines(Invariant):
    """The program prints these lines (in this order, or in any order)."""

    def __init__(self, lines, any_order: bool = False, because: str = "") -> None:
        super().__init__(because)
        self.lines = [str(line) for line in lines]
        self.any_order = any_order

    @property
    def what(self) -> str:
        order = " in any order" if self.any_order else ""
        return f"it prints the {len(self.lines)} expected lines{order}"

    def failure(self, run: RunView) -> str | None:
        got = _lines(run.output)
        if not self.any_order:
            if got == self.lines:
                return None
            return self._why(
                "the output is not the expected one: "
                + _first_difference(got, self.lines)
            )
        missing = Counter(self.lines) - Counter(got)
        extra = Counter(got) - Counter(self.lines)
        if not missing and not extra:
            return None
        parts = []
        if missing:
            parts.append("missing: " + ", ".join(repr(x) for x in sorted(missing)))
        if extra:
            parts.append("unexpected: " + ", ".join(repr(x) for x in sorted(extra)))
        return self._why("the output's lines differ (" + "; ".join(parts) + ")")


class prediction(Invariant):
    """The string the program assigns to `name` is exactly what it prints."""

    def __init__(self, name: str = "PREDICTION") -> None:
        super().__init__()
        self.name = name

    @property
    def what(self) -> str:
        return f"your `{self.name}` is exactly what the program prints"

    def failure(self, run: RunView) -> str | None:
        predicted = _evaluate(run, self.name)
        if not isinstance(predicted, str):
            return f"`{self.name}` should be a string, not {type(predicted).__name__}"
        got = _lines(run.output)
        want = _lines(predicted)
        if got == want:
            return None
        return "your prediction is not what the program printed: " + _first_difference(
            want, got
        ).replace("expected", "printed")


class each_once(Invariant):
    """Every one of `items` is in `expr` (a collection) exactly once, nothing else."""

    def __init__(self, expr: str, items, because: str = "") -> None:
        super().__init__(because)
        self.expr = expr
        self.items = list(items)

    @property
    def what(self) -> str:
        return f"each of the {len(self.items)} items is in `{self.expr}` exactly once"

    def failure(self, run: RunView) -> str | None:
        value = _evaluate(run, self.expr)
        try:
            got = Counter(value)
        except TypeError:
            return f"`{self.expr}` should be a collection, not {type(value).__name__}"
        want = Counter(self.items)
        missing = sorted((want - got).keys(), key=repr)
        twice = sorted((k for k in got if k in want and got[k] > want[k]), key=repr)
        unexpected = sorted((k for k in got if k not in want), key=repr)
        if not missing and not twice and not unexpected:
            return None

        def few(items) -> str:
            shown = ", ".join(_show(x) for x in items[:8])
            return shown + (f" and {len(items) - 8} more" if len(items) > 8 else "")

        parts = []
        if missing:
            parts.append(f"{len(missing)} never processed ({few(missing)})")
        if twice:
            parts.append(f"{len(twice)} processed more than once ({few(twice)})")
        if unexpected:
            parts.append(f"{len(unexpected)} unexpected ({few(unexpected)})")
        return self._why(f"in `{self.expr}`: " + "; ".join(parts))


class no_thread_left_running(Invariant):
    """Every thread the program started has ended when its main program ends."""

    @property
    def what(self) -> str:
        return "no thread is left running when the main program ends"

    def failure(self, run: RunView) -> str | None:
        if not run.alive_at_exit:
            return None
        names = ", ".join(run.alive_at_exit)
        return self._why(
            f"when the main program ended, {names} "
            f"{'was' if len(run.alive_at_exit) == 1 else 'were'} still running: "
            "every thread must be told to stop and joined before the end"
        )


class threads_overlap(Invariant):
    """At least two of the program's threads are alive at the same time.

    A "fix" that keeps threads apart in time (a `time.sleep()` between
    starting them) hides a race instead of removing it; under the
    simulator's clock such threads never overlap, and this says so.
    """

    simulated_only = True
    somewhere = True  # a correct program may run its threads one by one sometimes

    @property
    def what(self) -> str:
        return "the threads run at the same time"

    def failure(self, run: RunView) -> str | None:
        spans = [
            (t["step"], t["end_step"], t["name"])
            for t in run.threads
            if t["name"] != "MainThread"
        ]
        if len(spans) < 2:
            return (
                "your program ran fewer than two threads: the task is to make "
                "the threads' work safe, not to do it without threads"
            )
        infinite = float("inf")
        for i, (start_a, end_a, _) in enumerate(spans):
            for start_b, end_b, _ in spans[i + 1 :]:
                if start_b < (end_a if end_a is not None else infinite) and (
                    start_a < (end_b if end_b is not None else infinite)
                ):
                    return None
        first, second = spans[0][2], spans[1][2]
        return (
            f"your threads never ran at the same time ({first} had ended before "
            f"{second} started), so nothing was shown to be safe: a time.sleep() "
            "that keeps threads apart only hides the race. Make the work correct "
            "while the threads overlap"
        )


class ends_within(Invariant):
    """Thread `thread` ends within `seconds` after the program prints `after`.

    Measured on the simulator's virtual clock: schedules, not the machine's
    speed, decide (real runs skip it).
    """

    simulated_only = True

    def __init__(self, seconds: float, thread: str, after: str) -> None:
        super().__init__()
        self.seconds = seconds
        self.thread = thread
        self.after = after

    @property
    def what(self) -> str:
        return (
            f"thread {self.thread!r} ends within {self.seconds:g} s after the "
            f"program prints {self.after!r} (simulated clock)"
        )

    def failure(self, run: RunView) -> str | None:
        printed = [
            e for e in run.events if e["kind"] == "print" and e["text"] == self.after
        ]
        if not printed:
            return f"the program never printed {self.after!r}, which starts the clock"
        started = printed[0]["start"]
        threads = [t for t in run.threads if t["name"] == self.thread]
        if not threads:
            names = ", ".join(t["name"] for t in run.threads) or "none"
            return (
                f"no thread named {self.thread!r} was started (threads: {names}); "
                f"give it name={self.thread!r}"
            )
        end = threads[0]["end"]
        if end is None or threads[0]["killed"]:
            return (
                f"thread {self.thread!r} never ended by itself: it was still running "
                f"when the program ended ({self.after!r} was printed at "
                f"{started:.3f} s on the simulated clock)"
            )
        took = end - started
        if took <= self.seconds + 1e-9:
            return None
        return (
            f"thread {self.thread!r} ended {took:.3f} s after {self.after!r} was "
            f"printed (on the simulated clock); it must end within {self.seconds:g} s"
        )


class waits_at_most(Invariant):
    """Thread `thread` blocks (sleeps or waits) at most `times` times.

    Refuses polling in short sleeps: a worker that looks at a flag every few
    milliseconds does stop in time, by spending its life waking up. Counted
    on the simulator's timeline (real runs skip it).
    """

    simulated_only = True

    def __init__(self, times: int, thread: str, because: str = "") -> None:
        super().__init__(because)
        self.times = times
        self.thread = thread

    @property
    def what(self) -> str:
        return f"thread {self.thread!r} waits at most {self.times} times"

    def failure(self, run: RunView) -> str | None:
        waits = [
            e
            for e in run.events
            if e["thread"] == self.thread and e["kind"] in ("sleep", "wait")
        ]
        if len(waits) <= self.times:
            return None
        return self._why(
            f"thread {self.thread!r} went to sleep or waited {len(waits)} times; "
            f"it should need {self.times} at most"
        )


# -- the verdict ------------------------------------------------------------
@dataclass
class Verdict:
    """What a check found: passed, or the first thing that broke and where."""

    passed: bool
    kind: str  # "threaded" or "single"
    explored: int
    total: int
    message: str
    problem: str | None = None
    schedule: Schedule | None = None
    index: int | None = None
    stuck: list = field(default_factory=list)
    output: str = ""
    wall_time: float = 0.0

    def as_json(self) -> dict:
        """The browser entry's answer (/tmp/team/exercise-api.md, CONTRIBUTING.md)."""
        return {
            "schema": 1,
            "passed": self.passed,
            "kind": self.kind,
            "explored": self.explored,
            "total": self.total,
            "message": self.message,
            "problem": self.problem,
            "schedule": self.schedule.as_json() if self.schedule else None,
            "index": self.index,
            "stuck": self.stuck,
            "output": self.output,
            "wall_time": round(self.wall_time, 3),
        }


def _line_of(error: BaseException, filename: str) -> int | None:
    lines = [
        frame.lineno
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename == filename
    ]
    if isinstance(error, SyntaxError) and error.filename == filename:
        return error.lineno
    return lines[-1] if lines else None


def _raised(who: str, error: BaseException, filename: str) -> str:
    line = _line_of(error, filename)
    where = f" at line {line}" if line else ""
    text = str(error)
    return f"{who} raised {type(error).__name__}{where}" + (f": {text}" if text else "")


def _names_of(namespace: dict) -> dict[int, str]:
    """id(object) -> a name the program uses for it (globals, one level down)."""
    names: dict[int, str] = {}

    def note(obj, name: str) -> None:
        names.setdefault(id(obj), name)

    for key, value in namespace.items():
        if key.startswith("__"):
            continue
        note(value, key)
        if isinstance(value, (list, tuple)):
            for index, item in enumerate(value[:50]):
                note(item, f"{key}[{index}]")
                for attr, inner in list(getattr(item, "__dict__", {}).items())[:20]:
                    note(inner, f"{key}[{index}].{attr}")
        elif isinstance(value, dict):
            for item_key, item in list(value.items())[:50]:
                note(item, f"{key}[{item_key!r}]")
        elif not isinstance(value, type) and hasattr(value, "__dict__"):
            for attr, inner in list(vars(value).items())[:50]:
                note(inner, f"{key}.{attr}")
    return names


def _stuck(run: RunView) -> list[dict]:
    """Each stuck thread: what it waits in, on which object, held by whom."""
    names = _names_of(run.namespace)
    by_queue: dict[int, object] = {}
    for value in _walk_objects(run.namespace):
        for attr in ("_waiters", "_getters", "_putters", "_joiners"):
            queue = getattr(value, attr, None)
            if isinstance(queue, list):
                by_queue.setdefault(id(queue), value)
    found = []
    for thread, waits, on, holder in run.stuck:
        obj = by_queue.get(id(on), on) if isinstance(on, list) else on
        found.append(
            {
                "thread": thread,
                "waits": waits,
                "on": names.get(id(obj)) if obj is not None else None,
                "held_by": holder,
            }
        )
    return found


def _walk_objects(namespace: dict):
    for key, value in namespace.items():
        if key.startswith("__"):
            continue
        yield value
        if isinstance(value, (list, tuple)):
            for item in value[:50]:
                yield item
                yield from list(getattr(item, "__dict__", {}).values())[:20]
        elif isinstance(value, dict):
            yield from list(value.values())[:50]
        elif not isinstance(value, type) and hasattr(value, "__dict__"):
            yield from list(vars(value).values())[:50]


def _deadlock_text(stuck: list[dict]) -> str:
    lines = []
    for entry in stuck:
        line = f"  - {entry['thread']} waits in {entry['waits']}"
        if entry["on"]:
            line += f" on `{entry['on']}`"
        if entry["held_by"]:
            line += f", held by {entry['held_by']}"
        lines.append(line)
    return "\n".join(lines)


# -- the check --------------------------------------------------------------
@dataclass
class _Request:
    """One run the search asks for: the schedule and the run's keyword arguments."""

    schedule: Schedule
    kwargs: dict


class _OutputCap:
    """The run's echo: stops the simulation once the output passes `limit`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.hit = False

    def __call__(self, stream: str, text: str) -> None:
        if self.hit:
            return
        self.size += len(text)
        if self.size > self.limit:
            self.hit = True
            _state.sim.stop(f"more than {self.limit:,} characters of output")


class Check:
    """An exercise's check: the invariants, and how hard to look for a break."""

    def __init__(
        self,
        *,
        title: str,
        practises: str = "",
        minutes: int = 10,
        announces: str = "",
        threaded: bool = True,
        defines=(),
        invariants=(),
        schedules: int = MIN_SCHEDULES,
        max_steps: int = 200_000,
        max_time: float = 60.0,
        max_output: int = 20_000,
        errors_allowed: bool = False,
        real_runs: int | None = None,
    ) -> None:
        if threaded and schedules < MIN_SCHEDULES:
            raise ValueError(
                f"a threaded check explores at least {MIN_SCHEDULES} schedules"
            )
        for invariant in invariants:
            if not isinstance(invariant, Invariant):
                raise TypeError(f"not an invariant: {invariant!r}")
        self.title = title
        self.practises = practises  # for the instructors page
        self.minutes = minutes  # a student's expected time, instructors page
        # A piece of the message the starter fails with, which statement.md
        # quotes word for word (tests/test_exercises.py holds both to it).
        self.announces = announces
        self.threaded = threaded
        self.defines = list(defines)
        self.invariants = list(invariants)
        self.schedules = schedules
        self.max_steps = max_steps
        self.max_time = max_time
        self.max_output = max_output
        self.errors_allowed = errors_allowed
        # Real runs show what real threads do; one is enough without threads.
        self.real_runs = (5 if threaded else 1) if real_runs is None else real_runs

    @property
    def kind(self) -> str:
        return "threaded" if self.threaded else "single"

    def verifies(self, somewhere: bool = True) -> list[str]:
        """What the check verifies, in words (the pass message, instructors page)."""
        found = [i.what for i in self.invariants if somewhere or not i.somewhere]
        found.append("no deadlock" if self.threaded else "it ends")
        if not self.errors_allowed:
            found.append("no uncaught exception")
        return found

    def plan(self, limit: int | None = None) -> list[Schedule]:
        if not self.threaded:
            return [Schedule(0, "every", "gil", 100_000, self.max_steps, self.max_time)]
        count = self.schedules if limit is None else max(1, min(limit, self.schedules))
        return schedules(count, self.max_steps, self.max_time)

    # -- judging one run ------------------------------------------------------
    def problem(self, run: RunView) -> tuple[str, str] | None:
        """(problem, what broke) for one run, or None when it kept everything."""
        if run.flooded:
            return (
                "output-flood",
                f"your program printed more than {self.max_output:,} characters, "
                "so it was stopped (an endless loop that prints?)",
            )
        errors = ([("Your program", run.error)] if run.error else []) + [
            (f"Thread {name}", error) for name, error in run.thread_errors
        ]
        for _who, error in errors:
            if isinstance(error, InputUnavailable):
                line = _line_of(error, run.filename)
                where = f" (line {line})" if line else ""
                return (
                    "input",
                    f"your code calls input(){where}, and a check has no keyboard "
                    "to type into: use the values the statement gives instead",
                )
        if run.stop_reason and run.stop_reason.startswith("more than"):
            return (
                "budget",
                f"your program did not finish: it was stopped after "
                f"{run.stop_reason} (an endless loop, or a thread that waits for "
                "something that never happens?)",
            )
        if run.stuck:
            stuck = _stuck(run)
            who = (
                "the only thread is waiting and nothing can wake it"
                if len(stuck) == 1
                else "every thread is waiting and none can go on"
            )
            return (
                "deadlock",
                f"deadlock: {who} (a real Python would hang here forever):\n"
                + _deadlock_text(stuck),
            )
        if not self.errors_allowed:
            for who, error in errors:
                return "error", _raised(who, error, run.filename)
        missing = [name for name in self.defines if name not in run.namespace]
        if missing:
            listed = ", ".join(f"`{name}`" for name in missing)
            return (
                "missing",
                f"your program defines no {listed}, which the check needs (keep "
                "the names the starter code uses)",
            )
        for invariant in self.invariants:
            if invariant.somewhere or (invariant.simulated_only and not run.simulated):
                continue
            try:
                broke = invariant.failure(run)
            except _Missing as error:
                return "missing", str(error)
            if broke:
                return "invariant", broke
        return None

    def breaks(self, run: RunView) -> str | None:
        """What `run` breaks, the invariants that need only one schedule included."""
        found = self.problem(run)
        if found is not None:
            return found[1]
        for invariant in self.invariants:
            if invariant.somewhere and (broke := invariant.failure(run)):
                return broke
        return None

    # -- the search -------------------------------------------------------------
    def search(self, code: str, filename: str, limit: int | None = None):
        """A generator: yields a `_Request` per run, receives its Result.

        Returns (StopIteration.value) the Verdict.
        """
        started = time.perf_counter()
        plan = self.plan(limit)
        total = len(plan)

        def verdict(**fields) -> Verdict:
            return Verdict(
                kind=self.kind,
                total=total,
                wall_time=time.perf_counter() - started,
                **fields,
            )

        try:
            tree = ast.parse(code, filename)
        except SyntaxError as error:
            where = f"line {error.lineno}" if error.lineno else "somewhere"
            return verdict(
                passed=False,
                explored=0,
                problem="syntax",
                message=f"{self.title}: not yet. Your code does not parse ({where}: "
                f"{error.msg}); fix it, then press Check again.",
            )
        if processes := starts_processes(tree):
            line, what = processes
            return verdict(
                passed=False,
                explored=0,
                problem="processes",
                message=f"{self.title}: not yet. Your code starts processes (line "
                f"{line}: {what}): this exercise is about threads, and the check "
                "runs no processes. Use threads only.",
            )
        pending = [i for i in self.invariants if i.somewhere]  # not yet seen holding
        first_output = ""
        last_broke: dict[int, str] = {}
        for index, schedule in enumerate(plan, 1):
            cap = _OutputCap(self.max_output)
            result = yield _Request(
                schedule,
                {
                    **schedule.run_options(),
                    "echo": cap,
                    "extra_globals": {"input": _no_input},
                },
            )
            run = RunView(
                output=result.output,
                namespace=result.namespace,
                simulated=True,
                filename=filename,
                error=result.error,
                thread_errors=result.thread_errors,
                alive_at_exit=result.alive_at_exit,
                stuck=result.stuck,
                stop_reason=result.stop_reason,
                threads=result.threads,
                events=result.events,
                flooded=cap.hit,
            )
            if index == 1:
                first_output = result.output
            found = self.problem(run)
            if found is None:
                for invariant in list(pending):
                    broke = invariant.failure(run)
                    if broke is None:
                        pending.remove(invariant)
                    else:
                        last_broke.setdefault(id(invariant), broke)
                continue
            problem, what = found
            blame = self.threaded and problem not in ("input", "missing")
            where = ""
            if blame:
                before = f"; the {index - 1} before it passed" if index > 1 else ""
                where = (
                    f"\n\nThis happened under schedule {index} of {total} "
                    f"({schedule.describe()}){before}. Replay it to watch the "
                    "threads interleave."
                )
            return verdict(
                passed=False,
                explored=index,
                problem=problem,
                message=f"{self.title}: not yet. {what[0].upper()}{what[1:]}.{where}",
                schedule=schedule if blame else None,
                index=index if blame else None,
                stuck=_stuck(run) if problem == "deadlock" else [],
                output=_cut(result.output),
            )
        if pending:
            what = last_broke[id(pending[0])]
            return verdict(
                passed=False,
                explored=total,
                problem="invariant",
                message=f"{self.title}: not yet. {what[0].upper()}{what[1:]}.\n\n"
                f"This was so under every one of the {total} schedules explored "
                f"(the first: {plan[0].describe()}). Replay it to watch.",
                schedule=plan[0],
                index=1,
                output=_cut(first_output),
            )
        checked = "; ".join(self.verifies())
        if self.threaded:
            every = "; ".join(self.verifies(somewhere=False))
            some = "; ".join(i.what for i in self.invariants if i.somewhere)
            message = (
                f"{self.title}: passed. {total} schedules explored (policies "
                "reads, every and random; granularities gil and bytecode), and "
                f"under every one: {every}."
                + (f" In some of them: {some}." if some else "")
            )
        else:
            message = f"{self.title}: passed. {checked[0].upper()}{checked[1:]}."
        return verdict(passed=True, explored=total, message=message)

    def run(
        self,
        code: str,
        filename: str = "<exercise>",
        limit: int | None = None,
        progress=None,
    ):
        """The check under CPython (the simulator's baton backend): a Verdict.

        `progress(explored, total)` is called after each schedule.
        """
        from . import run as simulate

        search = self.search(code, filename, limit)
        total = len(self.plan(limit))
        try:
            request = next(search)
            explored = 0
            while True:
                result = simulate(code, filename, **request.kwargs)
                explored += 1
                if progress is not None:
                    progress(explored, total)
                request = search.send(result)
        except StopIteration as done:
            return done.value

    async def run_async(
        self,
        code: str,
        filename: str = "<exercise>",
        limit: int | None = None,
        progress=None,
    ):
        """The check in Pyodide (JSPI backend): a Verdict."""
        from . import run_async as simulate

        search = self.search(code, filename, limit)
        total = len(self.plan(limit))
        try:
            request = next(search)
            explored = 0
            while True:
                result = await simulate(code, filename, **request.kwargs)
                explored += 1
                if progress is not None:
                    progress(explored, total)
                request = search.send(result)
        except StopIteration as done:
            return done.value

    # -- on a student's computer -------------------------------------------
    def main(self, check_file: str, argv: list[str] | None = None) -> int:
        """`python check.py [FILE] [--real-runs N]`: 0 when FILE passes.

        FILE defaults to the starter.py beside the check; `--real-runs N`
        changes how many real runs follow the simulated schedules (0: none).
        """
        import argparse

        parser = argparse.ArgumentParser(
            prog=f"python {_shown(Path(check_file))}",
            description=f"Check your answer to {self.title!r}.",
        )
        parser.add_argument(
            "file", nargs="?", help="the program to check (default: starter.py here)"
        )
        parser.add_argument(
            "-r",
            "--real-runs",
            type=int,
            default=self.real_runs,
            metavar="N",
            help=f"real runs after the simulated schedules ({self.real_runs})",
        )
        try:
            args = parser.parse_args(sys.argv[1:] if argv is None else argv)
        except SystemExit as stop:
            return 0 if stop.code == 0 else 2
        here = Path(check_file).resolve().parent
        path = Path(args.file) if args.file else here / "starter.py"
        if not path.is_file():
            print(f"check: no such file: {path}")
            return 2
        try:
            code = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"check: cannot read {path}: {error}")
            return 2
        filename = _shown(path)
        print(f"Checking {filename} ...", flush=True)
        verdict = self.run(code, filename)
        print(verdict.message)
        if not verdict.passed:
            if verdict.output:
                print("\nWhat that run printed:")
                print(_indent(verdict.output))
            return 1
        if args.real_runs > 0:
            from ._realrun import real_runs

            ok, message = real_runs(
                self, Path(check_file).resolve(), path.resolve(), args.real_runs
            )
            print(message)
            if not ok:
                return 1
        return 0


def _cut(text: str) -> str:
    if len(text) <= OUTPUT_SHOWN:
        return text
    more = len(text) - OUTPUT_SHOWN
    return text[:OUTPUT_SHOWN] + f"\n[... {more:,} more characters]\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").splitlines())


def _shown(path: Path) -> str:
    """`path` as the student typed it: relative to the current directory if inside."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
