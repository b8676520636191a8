"""Checks for exercises about asyncio: a seeded event loop on the virtual clock.

The thread simulator cannot follow asyncio's own event loop, which waits
inside the operating system (`select()`), and Pyodide's loop is the
browser's. So, while an `AsyncCheck` runs the program, `asyncio.run()` (and
`asyncio.new_event_loop()`) use a `VirtualLoop` instead: an ordinary
`asyncio.BaseEventLoop` whose waits move the simulator's virtual clock, and
whose timers end late by a seeded random amount (up to `lateness` of their
delay: a reply over a network, or a busy machine, is never on time), so
tasks that wait side by side are resumed in a different order from one seed
to the next. The program is run once per seed (100 by default) and the
first seed that breaks an invariant is reported. The loop also measures how
long each step of a task holds it (as asyncio's debug mode does with
`loop.slow_callback_duration`). It starts no thread: `asyncio.to_thread()`
and `run_in_executor()` are refused with a message (as in the browser).

    CHECK = AsyncCheck(
        title="Keep the ticker ticking",
        defines=["main"],
        invariants=[loop_not_held(), lasts(at_most=2.0)],
    )

Real runs (locally, after the seeds) use CPython's own asyncio and skip the
loop's invariants, which read the virtual clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import random
import time
from asyncio import base_events, events

# What asyncio.run does with the tasks still pending at its end: CPython's own
# (private, the same in 3.10-3.14), so a VirtualLoop run ends as a real one.
from asyncio.runners import _cancel_all_tasks

from . import _state
from ._explore import Schedule
from ._sched import Stopped
from .exercise import Check, Invariant, RunView

__all__ = ["AsyncCheck", "LoopStuck", "VirtualLoop", "lasts", "loop_not_held"]

#: asyncio's debug mode reports a step that runs longer than this
#: (`loop.slow_callback_duration`, 0.1 s by default).
SLOW_STEP = 0.1
#: A timer ends up to this fraction of its delay late, at random.
LATENESS = 0.2


class LoopStuck(RuntimeError):
    """Every task waits and no timer is due: a real loop would wait forever."""


class _Record:
    """What the event loops of one run did (read by the invariants)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.loops = 0
        self.started: float | None = None
        self.ended: float | None = None
        self.held = 0.0  # seconds the tasks' steps held the loop, in all
        self.longest = 0.0  # the longest step
        self.who = ""  # whose step it was

    @property
    def duration(self) -> float:
        if self.started is None or self.ended is None:
            return 0.0
        return self.ended - self.started


_record: _Record | None = None


@contextlib.contextmanager
def _aside():
    """No running loop and no current task meanwhile (the outer ones come back).

    Pyodide runs the check itself as a task of its loop, and Python 3.14
    keeps one current task per thread: a task of ours could not start.
    """
    outer = events._get_running_loop()
    if outer is None or isinstance(outer, VirtualLoop):
        yield  # nothing to step aside from, or asyncio says what is wrong
        return
    swap = getattr(asyncio.tasks, "_swap_current_task", None)  # 3.12+
    task = swap(outer, None) if swap is not None else None
    events._set_running_loop(None)
    try:
        yield
    finally:
        events._set_running_loop(outer)
        if swap is not None:
            swap(outer, task)


def _step_of(handle) -> str:
    """The coroutine whose step `handle` runs, as the program names it."""
    task = getattr(handle._callback, "__self__", None)
    if isinstance(task, asyncio.Future) and hasattr(task, "get_coro"):
        coro = task.get_coro()
        name = getattr(coro, "__qualname__", None) or task.get_name()
        return f"`{name}()`"
    return "a callback"


class VirtualLoop(base_events.BaseEventLoop):
    """An event loop on the simulator's clock, with seeded late timers."""

    def __init__(self, seed: int, lateness: float, record: _Record) -> None:
        super().__init__()
        self._random = random.Random(seed)
        self._lateness = lateness
        self._record = record

    def call_at(self, when, callback, *args, context=None):
        delay = when - self.time()
        if delay > 0:
            when += delay * self._lateness * self._random.random()
        return super().call_at(when, callback, *args, context=context)

    def run_in_executor(self, executor, func, *args):
        raise RuntimeError(
            "the check's event loop runs in one thread and starts no other (as "
            "in your browser), so asyncio.to_thread() and run_in_executor() "
            "cannot be checked here: wait with an awaitable instead"
        )

    def _write_to_self(self) -> None:  # call_soon_threadsafe: one thread here
        pass

    def _process_events(self, event_list) -> None:  # no I/O here
        pass

    # Pyodide's loop counts as running all the time, and asyncio refuses to
    # run a loop inside a running one: it steps aside while this one runs.
    def run_forever(self) -> None:
        with _aside():
            super().run_forever()

    def run_until_complete(self, future):
        with _aside():
            return super().run_until_complete(future)

    def _run_once(self) -> None:
        # BaseEventLoop._run_once, with the wait for I/O replaced by a move of
        # the virtual clock, and each step timed.
        while self._scheduled and self._scheduled[0]._cancelled:
            self._timer_cancelled_count -= 1
            heapq.heappop(self._scheduled)._scheduled = False
        if not self._ready and not self._stopping:
            if not self._scheduled:
                raise LoopStuck(
                    "the event loop has nothing to run and no timer is due: every "
                    "task waits for something that never happens (a real asyncio "
                    "program would hang here)"
                )
            delay = self._scheduled[0]._when - self.time()
            if delay > 0:
                time.sleep(delay)  # the simulator's sleep: the clock jumps
        end = self.time() + self._clock_resolution
        while self._scheduled and self._scheduled[0]._when < end:
            handle = heapq.heappop(self._scheduled)
            handle._scheduled = False
            self._ready.append(handle)
        record = self._record
        for _ in range(len(self._ready)):
            handle = self._ready.popleft()
            if handle._cancelled:
                continue
            started = self.time()
            handle._run()
            took = self.time() - started
            record.held += took
            if took > record.longest:
                record.longest, record.who = took, _step_of(handle)
            sim = _state.sim
            if sim is not None and sim.stop_reason:
                raise Stopped(sim.stop_reason)


class _Runs:
    """asyncio.run and asyncio.new_event_loop, on VirtualLoops, for one run."""

    def __init__(self, record: _Record, lateness: float) -> None:
        self.record = record
        self.lateness = lateness

    def new_event_loop(self) -> VirtualLoop:
        record = self.record
        record.loops += 1
        seed = record.seed * 1_000 + record.loops
        return VirtualLoop(seed, self.lateness, record)

    def run(self, main, *, debug=None, loop_factory=None):
        if isinstance(events._get_running_loop(), VirtualLoop):
            if asyncio.iscoroutine(main):
                main.close()  # never awaited, and no warning about it later
            raise RuntimeError(
                "asyncio.run() cannot be called from a running event loop"
            )
        if not asyncio.iscoroutine(main):
            raise ValueError(f"a coroutine was expected, got {main!r}")
        loop = self.new_event_loop()
        record = self.record
        if record.started is None:
            record.started = loop.time()
        with _aside():
            try:
                return loop.run_until_complete(main)
            finally:
                try:
                    _cancel_all_tasks(loop)
                    loop.run_until_complete(loop.shutdown_asyncgens())
                finally:
                    record.ended = loop.time()
                    loop.close()

    def install(self) -> dict:
        saved = {
            (asyncio, "run"): asyncio.run,
            (asyncio, "new_event_loop"): asyncio.new_event_loop,
            (events, "new_event_loop"): events.new_event_loop,
        }
        asyncio.run = self.run
        asyncio.new_event_loop = events.new_event_loop = self.new_event_loop
        return saved


def _restore(saved: dict) -> None:
    for (module, name), value in saved.items():
        setattr(module, name, value)


# -- invariants ---------------------------------------------------------------
class _ran_a_loop(Invariant):
    simulated_only = True

    @property
    def what(self) -> str:
        return "it runs an event loop"

    def failure(self, run: RunView) -> str | None:
        if _record is not None and _record.loops == 0:
            return (
                "your program never ran an event loop: keep its `asyncio.run(main())`"
            )
        return None


class loop_not_held(Invariant):
    """The tasks' steps held the loop `seconds` at most, in all."""

    simulated_only = True

    def __init__(self, seconds: float = SLOW_STEP, because: str = "") -> None:
        super().__init__(because)
        self.seconds = seconds

    @property
    def what(self) -> str:
        return (
            "no task holds the event loop (in all, its steps took under "
            f"{self.seconds:g} s)"
        )

    def failure(self, run: RunView) -> str | None:
        found = _record
        if found is None or found.held <= self.seconds:
            return None
        return self._why(
            f"{found.who} held the event loop for {found.longest:.2f} s in one step "
            f"({found.held:.2f} s in all), and no other task could run meanwhile: "
            "a blocking call such as time.sleep(), or a long computation, "
            "between two awaits"
        )


class lasts(Invariant):
    """The event loops ran between `at_least` and `at_most` virtual seconds."""

    simulated_only = True

    def __init__(
        self,
        at_least: float | None = None,
        at_most: float | None = None,
        because: str = "",
    ) -> None:
        super().__init__(because)
        self.at_least = at_least
        self.at_most = at_most

    @property
    def what(self) -> str:
        parts = []
        if self.at_least is not None:
            parts.append(f"at least {self.at_least:g} s")
        if self.at_most is not None:
            parts.append(f"at most {self.at_most:g} s")
        return "the event loop runs " + " and ".join(parts)

    def failure(self, run: RunView) -> str | None:
        if _record is None:
            return None
        took = _record.duration
        if self.at_least is not None and took < self.at_least:
            return self._why(
                f"the event loop ran {took:.2f} s, less than {self.at_least:g} s"
            )
        if self.at_most is not None and took > self.at_most:
            return self._why(
                f"the event loop ran {took:.2f} s, more than {self.at_most:g} s"
            )
        return None


# -- the check ------------------------------------------------------------------
class AsyncCheck(Check):
    """A single-threaded check that runs an asyncio program once per seed."""

    def __init__(
        self, *, seeds: int = 100, lateness: float = LATENESS, **given
    ) -> None:
        given.setdefault("invariants", [])
        given["invariants"] = [_ran_a_loop(), *given["invariants"]]
        super().__init__(threaded=False, **given)
        self.seeds = seeds
        self.lateness = lateness

    def plan(self, limit: int | None = None) -> list[Schedule]:
        count = self.seeds if limit is None else max(1, min(limit, self.seeds))
        return [
            Schedule(seed, "every", "gil", 100_000, self.max_steps, self.max_time)
            for seed in range(count)
        ]

    def search(self, code: str, filename: str, limit: int | None = None):
        global _record
        inner = super().search(code, filename, limit)
        try:
            request = next(inner)
            while True:
                _record = _Record(request.schedule.seed)
                saved = _Runs(_record, self.lateness).install()
                try:
                    result = yield request
                finally:
                    _restore(saved)
                request = inner.send(result)
        except StopIteration as done:
            verdict = done.value
        finally:
            _record = None
        return self._worded(verdict)

    def _worded(self, verdict):
        late = f"each timer ends up to {self.lateness:.0%} late, by a seeded amount"
        if verdict.passed:
            checked = "; ".join(self.verifies())
            verdict.message = (
                f"{self.title}: passed. {verdict.total} runs, each with its own "
                f"seed ({late}, so waiting tasks resume in another order), and in "
                f"every one: {checked}."
            )
        elif verdict.explored and verdict.problem not in ("input", "missing"):
            seed = verdict.explored - 1
            before = (
                f"; the {verdict.explored - 1} before it passed"
                if verdict.explored > 1
                else ""
            )
            verdict.message += (
                f"\n\nThis happened in run {verdict.explored} of {verdict.total} "
                f"(seed {seed}: {late}){before}."
            )
        return verdict
