"""threadsim: run a threaded Python example with SIMULATED threads.

There is no parallelism and no GIL here: exactly one simulated thread runs at
a time, and the simulator chooses when to switch (after a quantum of the
example's bytecode instructions, or when a thread blocks). Time is virtual:
``time.sleep(5)`` returns at once with the clock 5 s later, and computing
advances the clock by a fixed cost per switch point (one simulated core).
The same seed and policy give the same interleaving, output and timeline.

    result = threadsim.run(source, "snippets/x.py", seed=1)      # CPython (tests)
    result = await threadsim.run_async(source, "snippets/x.py")  # Pyodide + JSPI

The example gets stand-ins for ``threading``, ``queue`` and
``concurrent.futures`` (thread pools) while it runs; ``time.sleep``,
``time.monotonic``, ``time.perf_counter`` and ``time.time`` read the virtual
clock. Everything is restored afterwards.
"""

from __future__ import annotations

import contextlib
import gc
import io
import linecache
import sys
import time
import traceback
import types
from dataclasses import dataclass, field

from . import _futures, _queue, _state, _threading
from ._backends import BatonBackend, JspiBackend
from ._sched import (
    CPU_COST,
    GRANULARITIES,
    POLICIES,
    Deadlock,
    Instrumentation,
    Simulation,
    Stopped,
    instrument_codes,
)

__all__ = ["GRANULARITIES", "POLICIES", "Result", "run", "run_async", "supported"]

#: What is simulated, in the words the page's panel shows under every
#: threaded block (hooks/simulator_assets.py writes it into the page's
#: scripts): the simulation must never pass for real threads.
NOTE = (
    "Simulated threads, not real ones: one thread runs at a time (no "
    "parallelism, no GIL), the simulator chooses when to switch, and "
    "time.sleep() moves a virtual clock (so does computing: "
    f"{round(CPU_COST['gil'] * 1e9)} ns a loop iteration, on one simulated core)."
)

_TIME_NAMES = (
    "sleep",
    "monotonic",
    "monotonic_ns",
    "perf_counter",
    "perf_counter_ns",
    "time",
    "time_ns",
)
_CLOCK_BASE = 1000.0  # what time.monotonic()/perf_counter() return at the start


@dataclass
class Result:
    """What one simulated run produced."""

    output: str  # stdout and stderr together, as a terminal shows them
    seed: int
    policy: str
    quantum: int
    granularity: str
    virtual_time: float  # seconds on the simulated clock
    steps: int  # bytecode instructions of the example executed
    switches: int  # times the simulator handed over to another thread
    wall_time: float  # real seconds the simulation took
    stop_reason: str | None
    threads: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    filename: str = "<example>"
    backend: str = ""
    # What the exercise checker (threadsim.exercise) inspects; not timeline data.
    namespace: dict = field(default_factory=dict, repr=False)  # final globals
    error: BaseException | None = None  # uncaught in the main program
    thread_errors: list = field(default_factory=list)  # (thread name, exception)
    stuck: list = field(default_factory=list)  # deadlock: (name, waits in, on, holder)
    alive_at_exit: list = field(default_factory=list)  # threads alive at its end

    def timeline(self) -> dict:
        """The run as data: one entry per thread, and every event."""
        return {
            "schema": 1,
            "kind": "simulated",
            "snippet": self.filename,
            "seed": self.seed,
            "policy": self.policy,
            "quantum": self.quantum,
            "granularity": self.granularity,
            "duration_s": self.virtual_time,
            "steps": self.steps,
            "switches": self.switches,
            "stop_reason": self.stop_reason,
            "threads": self.threads,
            "events": self.events,
            "stdout": self.output,
        }

    def svg(self) -> str:
        from ._timeline import svg

        return svg(self.timeline())


class _Stream(io.TextIOBase):
    """sys.stdout / sys.stderr of the example: records who printed what, when."""

    def __init__(self, run: _Run, name: str) -> None:
        self._run = run
        self.name = name

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return "utf-8"

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._run.write(self.name, text)
        return len(text)

    def flush(self) -> None:
        if self._run.flush is not None:
            self._run.flush()


class _Run:
    """Installs the stand-ins, runs the example's main program, restores."""

    def __init__(
        self, code, filename, backend, seed, policy, quantum, echo, flush, limits
    ):
        self.instrument = limits.pop("instrument", True)
        self.extra_globals = limits.pop("extra_globals", None) or {}
        self.namespace: dict = {}
        self.error: BaseException | None = None
        self.alive_at_exit: list[str] = []
        self.granularity = limits.pop("granularity", "gil")
        if quantum is None:
            quantum = DEFAULT_QUANTUM[self.granularity]
        self.code = code
        self.filename = filename
        self.backend = backend
        self.echo = echo
        self.flush = flush
        self.chunks: list[str] = []
        self.partial: dict[str, str] = {}
        self.sim = Simulation(
            backend,
            seed=seed,
            policy=policy,
            quantum=quantum,
            cpu_cost=CPU_COST[self.granularity],
            **limits,
        )
        backend.attach_main(self.sim.main)
        if self.granularity == "bytecode":
            self.sim.unit = "instructions"
        self.saved_modules: dict = {}
        self.saved_time: dict = {}
        self.saved_streams = None
        self.instrumentation = None
        self.started = 0.0

    # -- output ---------------------------------------------------------------
    def write(self, stream: str, text: str) -> None:
        sim = self.sim
        if sim.current.killed:
            return  # a daemon thread ended by the exit prints nothing more
        self.chunks.append(text)
        if self.echo is not None:
            self.echo(stream, text)
        name = sim.current.name
        pending = self.partial.get(name, "") + text
        *lines, rest = pending.split("\n")
        self.partial[name] = rest
        for line in lines:
            sim.events.append(
                {
                    "thread": name,
                    "kind": "print",
                    "start": sim.now,
                    "step": sim.steps,
                    "text": line,
                    "stream": stream,
                }
            )

    # -- install / restore --------------------------------------------------
    def install(self) -> None:
        sim = self.sim
        _state.sim = sim
        _state.filename = self.filename
        _threading._reset()
        _futures._counter = __import__("itertools").count()
        threading_mod = _module("threading", _threading, _threading.__all__)
        queue_mod = _module(
            "queue",
            _queue,
            [
                "Empty",
                "Full",
                "ShutDown",
                "Queue",
                "LifoQueue",
                "PriorityQueue",
                "SimpleQueue",
            ],
        )
        futures_mod = _module(
            "concurrent.futures",
            _futures,
            [
                "FIRST_COMPLETED",
                "FIRST_EXCEPTION",
                "ALL_COMPLETED",
                "CancelledError",
                "TimeoutError",
                "InvalidStateError",
                "BrokenExecutor",
                "BrokenThreadPool",
                "Future",
                "Executor",
                "wait",
                "as_completed",
                "ThreadPoolExecutor",
                "ProcessPoolExecutor",
            ],
        )
        futures_mod.thread = futures_mod
        threading_mod.__excepthook__ = _threading.excepthook
        _state.modules = {
            "threading": threading_mod,
            "queue": queue_mod,
            "concurrent.futures": futures_mod,
        }
        _threading._MainThread(sim.main)
        import concurrent

        for name, mod in _state.modules.items():
            self.saved_modules[name] = sys.modules.get(name)
            sys.modules[name] = mod
        self.saved_concurrent = concurrent.__dict__.get("futures")
        concurrent.futures = futures_mod
        for name in _TIME_NAMES:
            self.saved_time[name] = getattr(time, name)
        epoch = self.saved_time["time"]()

        def sleep(seconds):
            if self.flush is not None:
                self.flush()
            sim.sleep(seconds)

        time.sleep = sleep
        time.monotonic = lambda: _CLOCK_BASE + sim.now
        time.perf_counter = lambda: _CLOCK_BASE + sim.now
        time.monotonic_ns = lambda: int((_CLOCK_BASE + sim.now) * 1e9)
        time.perf_counter_ns = lambda: int((_CLOCK_BASE + sim.now) * 1e9)
        time.time = lambda: epoch + sim.now
        time.time_ns = lambda: int((epoch + sim.now) * 1e9)
        self.saved_streams = (sys.stdout, sys.stderr)
        sys.stdout = _Stream(self, "out")
        sys.stderr = _Stream(self, "err")
        linecache.cache[self.filename] = (
            len(self.code),
            None,
            self.code.splitlines(True),
            self.filename,
        )

    def restore(self) -> None:
        import concurrent

        if self.instrumentation is not None:
            self.instrumentation.uninstall()
            self.instrumentation = None
        if self.saved_streams is not None:
            sys.stdout, sys.stderr = self.saved_streams
        for name, value in self.saved_time.items():
            setattr(time, name, value)
        for name, mod in self.saved_modules.items():
            if mod is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = mod
        if self.saved_concurrent is not None:
            concurrent.futures = self.saved_concurrent
        else:
            concurrent.__dict__.pop("futures", None)
        _state.sim = None

    # -- the main program -----------------------------------------------------
    def main(self) -> None:
        """Runs in the simulated main thread."""
        try:
            compiled = compile(self.code, self.filename, "exec", dont_inherit=True)
        except SyntaxError as error:
            self.error = error
            self.report(error)
            return
        if self.instrument:
            codes = instrument_codes(compiled)
            self.instrumentation = Instrumentation(
                codes, self.sim.tick, self.granularity
            )
            self.backend.instrumentation = self.instrumentation
            self.instrumentation.install()
        namespace = {
            "__name__": "__main__",
            "__file__": self.filename,
            "__builtins__": __builtins__,
            **self.extra_globals,
        }
        self.namespace = namespace
        try:
            try:
                exec(compiled, namespace)
            finally:
                main = self.sim.main
                self.alive_at_exit = [
                    r.name
                    for r in self.sim.threads
                    if r is not main and r.started_at is not None and r.state != "done"
                ]
        except SystemExit:
            pass
        except Deadlock as error:
            self.deadlock(error)
        except Stopped as error:
            self.stopped(error)
        except KeyboardInterrupt:  # the page's Stop button
            self.sim.stop_reason = "interrupted (KeyboardInterrupt)"
            sys.stderr.write("[simulator] Stopped (KeyboardInterrupt).\n")
            self._end_after_stop()
            return
        except BaseException as error:
            self.error = error
            self.report(error)
        try:
            self.sim.end_main()
        except Deadlock as error:
            self.deadlock(error)
            self._end_after_stop()
        except Stopped as error:
            self.stopped(error)
            self._end_after_stop()

    def _end_after_stop(self) -> None:
        sim = self.sim
        sim._stop_all(sim.stop_reason or "stopped")
        for r in sim.threads:
            r.daemon = True
        with contextlib.suppress(Deadlock, Stopped):  # every thread is killed
            sim.end_main()

    def deadlock(self, error) -> None:
        self.sim.stop_reason = self.sim.stop_reason or f"deadlock: {error}"
        sys.stderr.write(
            "[simulator] Deadlock: every thread is waiting and nothing can wake "
            f"them ({error}). A real Python would hang here.\n"
        )

    def stopped(self, error) -> None:
        if str(error).startswith("interrupted"):
            sys.stderr.write(f"[simulator] Stopped: {error}.\n")
            return
        sys.stderr.write(
            f"[simulator] Stopped: {error}. This program does more work than the "
            "simulator runs switch point by switch point (and the simulated clock "
            "does not count computing time). Run it with real threads: "
            f"python {self.filename}\n"
        )

    def report(self, error: BaseException) -> None:
        report = traceback.TracebackException.from_exception(error)
        _trim(report, self.filename, set())
        sys.stdout.flush()
        sys.stderr.write("".join(report.format()))

    # -- the result -------------------------------------------------------------
    def result(self) -> Result:
        sim = self.sim
        threads = []
        ends = {e["thread"]: e for e in sim.events if e["kind"] == "end"}
        for r in sim.threads:
            if r.started_at is None:
                continue
            end = ends.get(r.name)
            threads.append(
                {
                    "name": r.name,
                    "daemon": r.daemon,
                    "start": r.started_at[1],
                    "step": r.started_at[0],
                    "end": end["start"] if end else None,
                    "end_step": end["step"] if end else None,
                    "killed": r.killed,
                }
            )
        return Result(
            output="".join(self.chunks),
            seed=sim.seed,
            policy=sim.policy,
            quantum=sim.quantum,
            granularity=self.granularity,
            virtual_time=round(sim.now, 9),
            steps=sim.steps,
            switches=sim.switches,
            wall_time=time.perf_counter() - self.started,
            stop_reason=sim.stop_reason,
            threads=threads,
            events=sim.events,
            filename=self.filename,
            backend=self.backend.name,
            namespace=self.namespace,
            error=self.error,
            thread_errors=list(sim.thread_errors),
            stuck=list(sim.stuck),
            alive_at_exit=self.alive_at_exit,
        )


def _module(name: str, source, names) -> types.ModuleType:
    mod = types.ModuleType(name, f"threadsim stand-in for {name} (simulated threads)")
    for attr in names:
        setattr(mod, attr, getattr(source, attr))
    for attr in (
        "__excepthook__",
        "currentThread",
        "activeCount",
        "settrace",
        "setprofile",
        "stack_size",
        "ExceptHookArgs",
    ):
        if hasattr(source, attr) and name == "threading":
            setattr(mod, attr, getattr(source, attr))
    mod.__simulated__ = True
    return mod


def _trim(report, filename, seen) -> None:
    """Keep only the frames of the example itself, in every chained exception."""
    if report is None or id(report) in seen:
        return
    seen.add(id(report))
    report.stack = traceback.StackSummary.from_list(
        [frame for frame in report.stack if frame.filename == filename]
    )
    _trim(report.__cause__, filename, seen)
    _trim(report.__context__, filename, seen)
    for inner in getattr(report, "exceptions", None) or ():  # an ExceptionGroup's
        _trim(inner, filename, seen)


#: Default quantum (switch points between two preemptions) per granularity.
#: `gil`: 100,000 switch points at 50 ns each are 5 ms of virtual CPU time,
#: CPython's default switch interval (`sys.getswitchinterval()`).
DEFAULT_QUANTUM = {"gil": 100_000, "bytecode": 100}


def _limits(
    max_time, max_steps, instrument=True, granularity="gil", extra_globals=None
) -> dict:
    if granularity not in GRANULARITIES:
        raise ValueError(
            f"unknown granularity {granularity!r}; known: {', '.join(GRANULARITIES)}"
        )
    return {
        "max_time": max_time,
        "max_steps": max_steps,
        "instrument": instrument,
        "granularity": granularity,
        "extra_globals": extra_globals,
    }


def _simulate(backend, code, filename, seed, policy, quantum, echo, flush, limits):
    """Run the example's main program on `backend`; the finished job."""
    job = _Run(code, filename, backend, seed, policy, quantum, echo, flush, limits)
    job.started = time.perf_counter()
    job.install()
    try:
        job.main()
    finally:
        job.restore()
    return job


def run(
    code: str,
    filename: str = "<example>",
    *,
    seed: int = 0,
    policy: str = "every",
    quantum: int | None = None,
    echo=None,
    max_time: float = 3600.0,
    max_steps: int = 20_000_000,
    instrument: bool = True,
    granularity: str = "gil",
    extra_globals: dict | None = None,
) -> Result:
    """Simulate `code` under CPython: real threads pass a baton, one at a time.

    `extra_globals` are added to the program's globals (the exercise checker
    gives it an `input` that explains why there is no keyboard).
    """
    backend = BatonBackend()
    limits = _limits(max_time, max_steps, instrument, granularity, extra_globals)
    job = _simulate(backend, code, filename, seed, policy, quantum, echo, None, limits)
    backend.close()
    return job.result()


async def run_async(
    code: str,
    filename: str = "<example>",
    *,
    seed: int = 0,
    policy: str = "every",
    quantum: int | None = None,
    echo=None,
    flush=None,
    max_time: float = 3600.0,
    max_steps: int = 20_000_000,
    instrument: bool = True,
    granularity: str = "gil",
    extra_globals: dict | None = None,
) -> Result:
    """Simulate `code` in Pyodide: each thread is a task, switched with JSPI.

    The automatic garbage collector is off while simulated threads are
    suspended: Pyodide's incremental collection walks the frames of suspended
    stacks and can crash (pyodide/pyodide#6464, fixed upstream by #6466).
    A full `gc.collect()` at the end is safe (it does not walk them).
    """
    limits = _limits(max_time, max_steps, instrument, granularity, extra_globals)
    collecting = gc.isenabled()
    gc.disable()
    try:
        backend = JspiBackend()
        job = _simulate(
            backend, code, filename, seed, policy, quantum, echo, flush, limits
        )
        await backend.aclose()
        return job.result()
    finally:
        if collecting:
            gc.enable()


def supported() -> bool:
    """True where threads can be simulated: CPython, or Pyodide with JSPI."""
    if sys.platform != "emscripten":
        return True
    try:
        from pyodide.ffi import can_run_sync
    except ImportError:
        return False
    return bool(can_run_sync())
