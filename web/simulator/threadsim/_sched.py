"""The deterministic scheduler at the heart of the thread simulator.

Exactly one simulated thread runs at any moment. A simulated thread gives up
control at two kinds of points:

* it blocks (``time.sleep``, ``Lock.acquire``, ``join``, ``Queue.get`` ...), or
* the scheduler preempts it after a quantum of bytecode instructions of the
  example's own code (counted with ``sys.monitoring`` on 3.12+, or
  ``sys.settrace`` opcode events on older Pythons).

Which thread runs next is chosen by a ``random.Random(seed)``: the same seed,
policy and program give the same interleaving, the same output and the same
timeline. Time is virtual: sleeping never waits; when every thread is blocked
the clock jumps to the earliest wake-up. Computing costs virtual time too: a
fixed price per switch point (``CPU_COST``), on one simulated core, so
CPU-bound threads take as long as the same work done one after the other.

How a simulated thread is *suspended* is left to a backend (see
``_backends.py``): real threads passing a baton under CPython (fast tests),
JSPI stack switching (``pyodide.ffi.run_sync``) in the browser.
"""

from __future__ import annotations

import builtins
import dis
import random
import sys

NEW, RUNNABLE, BLOCKED, DONE = "new", "runnable", "blocked", "done"

POLICIES = {
    "every": "switch after every N bytecode instructions",
    "random": "switch after a random number of instructions (1 to 2N-1)",
    "reads": "switch right after every read of shared state (a global, an "
    "attribute, a subscript or a closure variable), and after every N "
    "instructions",
}


#: Virtual CPU time one switch point costs, per granularity: about what one
#: iteration of a small loop (`gil`: a back-edge or a call) or one bytecode
#: instruction (`bytecode`) takes in CPython 3.11+ on a current machine.
CPU_COST = {"gil": 50e-9, "bytecode": 10e-9}


class Killed(BaseException):
    """Unwinds a simulated thread that must end (daemon at exit, or a stop)."""


class Deadlock(BaseException):
    """Raised in the main thread when every thread waits and nothing can wake them."""


class Stopped(BaseException):
    """Raised in the main thread when the simulation hits its limits."""


class Record:
    """The scheduler's view of one simulated thread."""

    __slots__ = (
        "daemon",
        "deadline",
        "done_waiters",
        "index",
        "killed",
        "name",
        "notified",
        "pending",
        "run_start",
        "started_at",
        "state",
        "thread",
        "token",
        "wait_desc",
        "wait_start",
        "waiting_for",
        "waitq",
    )

    def __init__(self, index: int, name: str, thread) -> None:
        self.index = index
        self.name = name
        self.thread = thread  # the user-visible Thread object
        self.state = NEW
        self.daemon = False
        self.deadline: float | None = None
        self.waitq: list | None = None
        self.notified = False
        self.pending: BaseException | None = None
        self.killed = False
        self.token = None  # backend data
        self.done_waiters: list[Record] = []
        self.run_start: tuple[int, float] | None = None
        self.started_at: tuple[int, float] | None = None
        self.wait_desc: str | None = None
        self.wait_start: tuple[int, float] | None = None
        self.waiting_for = None  # the lock, condition ... it waits on, if any


class Simulation:
    """One run of one program under the simulator."""

    def __init__(
        self,
        backend,
        *,
        seed: int = 0,
        policy: str = "every",
        quantum: int = 100,
        max_time: float = 3600.0,
        max_steps: int = 20_000_000,
        cpu_cost: float = 0.0,
    ) -> None:
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r}; known: {', '.join(POLICIES)}")
        if quantum < 1:
            raise ValueError("quantum must be at least 1 instruction")
        self.backend = backend
        self.seed = seed
        self.policy = policy
        self.quantum = quantum
        self.rng = random.Random(seed)
        self.cpu_cost = cpu_cost
        self.idle = 0.0  # virtual seconds when every thread waited (sleeps)
        # Switch points counted so far are `base_steps + given - left`: the
        # hook only decrements `left` (see the `steps` property).
        self.base_steps = 0
        self.given = 0
        self.left = 0
        self.switches = 0
        self.max_time = max_time
        self.max_steps = max_steps
        self.threads: list[Record] = []
        self.events: list[dict] = []
        self.stop_reason: str | None = None
        self.exit_hooks: list = []
        # Filled when a deadlock is found: (thread name, what it waits in,
        # the object or wait queue it waits on, the thread holding that
        # lock), for the exercise checker's message.
        self.stuck: list[tuple] = []
        self.thread_errors: list[tuple[str, BaseException]] = []
        self.unit = "switch points"  # what `steps` counts (set by the run)
        self.main = self.new_record("MainThread", None)
        self.main.state = RUNNABLE
        self.main.started_at = (0, 0.0)
        self.main.run_start = (0, 0.0)
        self.current = self.main
        self._new_quantum()
        self.events.append(
            {"thread": "MainThread", "kind": "start", "start": 0.0, "step": 0}
        )

    # -- counting -------------------------------------------------------------
    @property
    def steps(self) -> int:
        """Switch points of the example's code executed so far."""
        return self.base_steps + self.given - self.left

    def _new_quantum(self) -> None:
        """The running thread gets a fresh quantum of switch points.

        A quantum never runs past the budget, so the budget is checked even
        when N is huge.
        """
        steps = self.steps
        self.base_steps = steps
        budget_left = self.max_steps + 1 - steps
        self.given = self.left = max(1, min(self._quantum(), budget_left))

    # -- the virtual clock ---------------------------------------------------
    @property
    def now(self) -> float:
        """Virtual seconds since the start: waiting, plus computing.

        Computing is counted from `steps`, so the per-switch-point hook stays
        one integer increment.
        """
        return self.idle + self.steps * self.cpu_cost

    def _advance_to(self, when: float) -> None:
        if when > self.now:
            self.idle = when - self.steps * self.cpu_cost

    def _wake_due(self) -> None:
        """Timed waits whose deadline passed while other threads computed."""
        now = self.now
        for r in self.threads:
            if r.state == BLOCKED and r.deadline is not None and r.deadline <= now:
                self._wake(r, notified=False)

    # -- bookkeeping -------------------------------------------------------
    def new_record(self, name: str, thread) -> Record:
        rec = Record(len(self.threads), name, thread)
        self.threads.append(rec)
        return rec

    def _quantum(self) -> int:
        if self.policy == "random":
            return self.rng.randint(1, 2 * self.quantum - 1)
        return self.quantum

    def _close_run(self, rec: Record) -> None:
        if rec.run_start is not None:
            step0, t0 = rec.run_start
            if True:
                self.events.append(
                    {
                        "thread": rec.name,
                        "kind": "run",
                        "start": t0,
                        "end": self.now,
                        "step": step0,
                        "end_step": self.steps,
                    }
                )
            rec.run_start = None

    # -- the instruction hook ----------------------------------------------
    def tick(self) -> None:
        """Called at every switch point of the example's code."""
        self.left -= 1
        if self.left <= 0:
            self.quantum_over()

    def after_read(self) -> None:
        """Policy `reads`: the current thread just read shared state; switch."""
        cur = self.current
        if cur.killed:
            raise Killed
        self.preempt()

    def quantum_over(self) -> None:
        """The current thread used its quantum: maybe run another one."""
        cur = self.current
        if cur.killed:
            raise Killed
        if self.steps > self.max_steps:
            self.stop(f"more than {self.max_steps:,} {self.unit}")
        self._new_quantum()
        self.preempt()

    # -- switching -----------------------------------------------------------
    def _others_runnable(self, cur: Record) -> list[Record]:
        return [r for r in self.threads if r.state == RUNNABLE and r is not cur]

    def preempt(self) -> None:
        """The current thread's quantum is over: maybe let another one run."""
        cur = self.current
        self._wake_due()
        others = self._others_runnable(cur)
        if others:
            self.transfer(cur, self.rng.choice(others))

    def yield_now(self) -> None:
        """`time.sleep(0)`: give the other runnable threads a chance."""
        self.preempt()

    def transfer(self, cur: Record, nxt: Record) -> None:
        """Stop running `cur` (its state is already set) and run `nxt`."""
        if nxt is cur:
            return
        self._close_run(cur)
        self._hand_over(nxt)
        self.backend.switch(cur, nxt)
        self.after_resume(cur)

    def _hand_over(self, nxt: Record) -> None:
        """The scheduler's side of a switch: `nxt` runs now, with a new quantum."""
        self.switches += 1
        self.current = nxt
        self._new_quantum()
        nxt.run_start = (self.steps, self.now)
        if nxt.state == NEW:
            nxt.state = RUNNABLE

    def after_resume(self, rec: Record) -> None:
        if rec.pending is not None:
            pending, rec.pending = rec.pending, None
            raise pending
        if rec.killed:
            raise Killed

    def _next_after_block(self, cur: Record) -> Record:
        """`cur` cannot go on: the thread to run next (may advance the clock)."""
        while True:
            self._wake_due()
            runnable = self._others_runnable(cur)
            if cur.state == RUNNABLE:
                return self.rng.choice(runnable) if runnable else cur
            if runnable:
                return self.rng.choice(runnable)
            sleepers = [
                r for r in self.threads if r.state == BLOCKED and r.deadline is not None
            ]
            if sleepers:
                when = min(r.deadline for r in sleepers)
                if when > self.max_time and self.stop_reason is None:
                    self._stop_all(f"more than {self.max_time:g} s of simulated time")
                    continue
                self._advance_to(when)
                woken = [r for r in sleepers if r.deadline <= when]
                for r in woken:
                    self._wake(r, notified=False)
                # Threads due at the same instant: which one goes first is the
                # scheduler's (seeded) choice, as it is the OS's on a real machine.
                return self.rng.choice(woken)
            # Every thread waits with no timeout: nothing can ever wake them.
            blocked = [r for r in self.threads if r.state == BLOCKED]
            waits = ", ".join(f"{r.name} in {r.wait_desc}" for r in blocked)
            if not self.stuck:
                self.stuck = [
                    (r.name, r.wait_desc or "", r.waiting_for or r.waitq, _holder(r))
                    for r in blocked
                ]
            main = self.main
            if main.state == BLOCKED:
                self._wake(main, notified=False)
                main.pending = Deadlock(waits)
                return main
            # The main thread is gone: end the remaining threads.
            self._stop_all(f"deadlock: {waits}")

    def _stop_all(self, reason: str) -> None:
        self.stop_reason = self.stop_reason or reason
        for r in self.threads:
            if r.state in (BLOCKED, RUNNABLE) and r is not self.main:
                r.killed = True
                if r.state == BLOCKED:
                    self._wake(r, notified=False)
        if self.main.state == BLOCKED:
            self._wake(self.main, notified=False)
            self.main.pending = Stopped(reason)
        elif self.main.state == RUNNABLE and self.main is not self.current:
            self.main.pending = Stopped(reason)

    def stop(self, reason: str) -> None:
        """Stop the whole simulation now (limits hit)."""
        self._stop_all(reason)
        cur = self.current
        if cur is self.main:
            raise Stopped(reason)
        cur.killed = True
        raise Killed

    # -- blocking --------------------------------------------------------------
    def wait_on(
        self, waitq: list | None, timeout: float | None, desc: str, on=None
    ) -> bool:
        """Block the current thread until notified through `waitq` or timed out.

        Returns True when notified, False on timeout. `timeout=None` waits
        forever; a `waitq` of None means "only the clock can wake me" (sleep).
        """
        cur = self.current
        if cur.killed:
            raise Killed
        cur.state = BLOCKED
        cur.deadline = None if timeout is None else self.now + max(timeout, 0.0)
        cur.waitq = waitq
        cur.notified = False
        cur.wait_desc = desc
        cur.waiting_for = on
        cur.wait_start = (self.steps, self.now)
        if waitq is not None:
            waitq.append(cur)
        self._close_run(cur)
        try:
            nxt = self._next_after_block(cur)
            if nxt is cur:
                cur.run_start = (self.steps, self.now)
                self.after_resume(cur)
            else:
                self.transfer(cur, nxt)
        finally:
            if cur.state == BLOCKED:  # an exception woke us: tidy up
                self._wake(cur, notified=False)
        return cur.notified

    def _wake(self, rec: Record, *, notified: bool) -> None:
        if rec.waitq is not None and rec in rec.waitq:
            rec.waitq.remove(rec)
        rec.waitq = None
        rec.deadline = None
        rec.notified = notified
        rec.state = RUNNABLE
        if rec.wait_start is not None:
            step0, t0 = rec.wait_start
            kind = "sleep" if rec.wait_desc == "time.sleep" else "wait"
            event = {
                "thread": rec.name,
                "kind": kind,
                "start": t0,
                "end": self.now,
                "step": step0,
                "end_step": self.steps,
            }
            if kind == "sleep":
                event["seconds"] = round(self.now - t0, 9)
            else:
                event["on"] = rec.wait_desc
            self.events.append(event)
            rec.wait_start = None

    def notify(self, waitq: list, n: int = 1) -> int:
        """Wake up to `n` threads waiting in `waitq` (first come, first served)."""
        woken = 0
        while waitq and woken < n:
            self._wake(waitq[0], notified=True)
            woken += 1
        return woken

    def sleep(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        if seconds == 0:
            self.yield_now()
            return
        self.wait_on(None, seconds, "time.sleep")

    # -- thread life -----------------------------------------------------------
    def start_thread(self, rec: Record, body) -> None:
        """Make `rec` runnable and run it at once (as CPython usually does)."""
        rec.state = RUNNABLE
        rec.started_at = (self.steps, self.now)
        self.events.append(
            {"thread": rec.name, "kind": "start", "start": self.now, "step": self.steps}
        )

        def bootstrap() -> None:
            try:
                if rec.killed:
                    return
                body()
            except Killed:
                pass
            finally:
                self.finish(rec)

        self.backend.start(rec, bootstrap)
        self.transfer(self.current, rec)

    def finish(self, rec: Record) -> None:
        """`rec`'s target has returned: wake its joiners, run another thread."""
        rec.state = DONE
        self.events.append(
            {"thread": rec.name, "kind": "end", "start": self.now, "step": self.steps}
        )
        for waiter in list(rec.done_waiters):
            if waiter.state == BLOCKED and waiter.waitq is rec.done_waiters:
                self._wake(waiter, notified=True)
        rec.done_waiters.clear()
        self._close_run(rec)
        nxt = self._next_after_block(rec)
        self._hand_over(nxt)
        self.backend.finish(rec, nxt)

    def join(self, rec: Record, timeout: float | None) -> None:
        if rec.state == DONE:
            return
        self.wait_on(rec.done_waiters, timeout, f"{rec.name}.join()")

    def end_main(self) -> None:
        """The main program is over: wait for non-daemon threads, end daemons."""
        main = self.main
        for hook in self.exit_hooks:
            hook()
        while True:
            waiting = [
                r
                for r in self.threads
                if r is not main
                and r.state in (RUNNABLE, BLOCKED)
                and not r.daemon
                and not r.killed
            ]
            if not waiting:
                break
            self.join(waiting[0], None)
        for r in self.threads:
            if r is not main and r.state in (RUNNABLE, BLOCKED):
                r.killed = True
                if r.state == BLOCKED:
                    self._wake(r, notified=False)
        while True:
            alive = [r for r in self.threads if r is not main and r.state == RUNNABLE]
            if not alive:
                break
            self.transfer(main, alive[0])
        main.state = DONE
        self._close_run(main)
        self.events.append(
            {
                "thread": "MainThread",
                "kind": "end",
                "start": self.now,
                "step": self.steps,
            }
        )


def _holder(rec: Record) -> str | None:
    """The name of the thread holding the lock `rec` waits for, if known."""
    obj = rec.waiting_for
    owner = getattr(obj, "_owner", None)
    if owner is None and hasattr(obj, "_lock"):  # a Condition: its lock's owner
        owner = getattr(obj._lock, "_owner", None)
    return getattr(owner, "name", None)


def instrument_codes(code) -> set:
    """Every code object compiled from the example (functions, classes, lambdas)."""
    found = set()
    todo = [code]
    while todo:
        c = todo.pop()
        if c in found:
            continue
        found.add(c)
        todo.extend(k for k in c.co_consts if hasattr(k, "co_code"))
    return found


#: Where a simulated thread may be preempted.
GRANULARITIES = {
    "gil": "where CPython with a GIL can switch: loop back-edges, starts of the "
    "example's Python functions, and calls (C functions too) made by its code",
    "bytecode": "between any two bytecode instructions",
}


class Instrumentation:
    """Calls `sim.tick()` at every possible switch point of the example's code.

    * "gil": CPython (with the GIL) only hands over between threads where its
      eval loop checks for requests: a backward jump (each loop iteration),
      the start of a Python function, and a call (checked as it returns, C
      functions too). Counted in the example's own code only, not in the
      standard library or C code it calls. `counter += 1` is never split
      there; `counter = counter + math.floor(1.0)` can be.
    * "bytecode": before every bytecode instruction: any interleaving, as a
      free-threaded build or another implementation may produce.
    """

    def __init__(self, codes: set, tick, granularity: str = "gil") -> None:
        if granularity not in GRANULARITIES:
            known = ", ".join(GRANULARITIES)
            raise ValueError(f"unknown granularity {granularity!r}; known: {known}")
        self.codes = codes
        self.tick = tick
        self.granularity = granularity
        self.tool = None
        self.use_monitoring = hasattr(sys, "monitoring")
        sim = getattr(tick, "__self__", None)
        # Policy `reads`: where a read of shared state has just happened, as
        # the offsets of the instructions that follow one, per code object.
        self.after_reads: dict | None = None
        if sim is not None and getattr(sim, "policy", None) == "reads":
            self.after_reads = {code: after_reads(code) for code in codes}

    def _events(self):
        events = sys.monitoring.events
        if self.granularity == "bytecode" or self.after_reads is not None:
            if self.granularity == "bytecode":
                return events.INSTRUCTION
            return events.INSTRUCTION | events.JUMP | events.PY_START | events.CALL
        return events.JUMP | events.PY_START | events.CALL

    def install(self) -> None:
        if not self.use_monitoring:
            self.install_thread()
            return
        mon = sys.monitoring
        for tool in (4, 3, 2, 1, 0, 5):
            if mon.get_tool(tool) is None:
                self.tool = tool
                break
        else:
            raise RuntimeError("no free sys.monitoring tool id")
        mon.use_tool_id(self.tool, "threadsim")
        tick = self.tick
        sim = getattr(tick, "__self__", None)
        after = self.after_reads
        if after is not None:
            on_read = _read_hook(sim, after, self.granularity == "bytecode")

            def on_instruction(code, offset):
                on_read(code, offset)

            mon.register_callback(self.tool, mon.events.INSTRUCTION, on_instruction)
        if self.granularity == "bytecode":
            if after is None:

                def on_instruction(code, offset):
                    tick()

                mon.register_callback(self.tool, mon.events.INSTRUCTION, on_instruction)
        else:
            # Called once per loop iteration: Simulation.tick inlined (speed).
            def on_jump(code, offset, destination):
                if destination < offset:
                    sim.left -= 1
                    if sim.left <= 0:
                        sim.quantum_over()

            if sim is None:  # a plain function was given

                def on_jump(code, offset, destination):
                    if destination < offset:
                        tick()

            def on_start(code, offset):
                tick()

            # A call made by the example's code, to a C function too: CPython
            # checks for a switch request when a call returns (since 3.10), so
            # `counter = counter + math.floor(1.0)` can lose updates.
            def on_call(code, offset, callable, arg0):
                tick()

            mon.register_callback(self.tool, mon.events.JUMP, on_jump)
            mon.register_callback(self.tool, mon.events.PY_START, on_start)
            mon.register_callback(self.tool, mon.events.CALL, on_call)
        events = self._events()
        for code in self.codes:
            mon.set_local_events(self.tool, code, events)

    def install_thread(self) -> None:
        """Per real thread (settrace is per thread; monitoring is global)."""
        if self.use_monitoring:
            return
        codes = self.codes
        tick = self.tick
        after = self.after_reads
        on_read = None
        if after is not None:
            sim = tick.__self__
            on_read = _read_hook(sim, after, self.granularity == "bytecode")

        if self.granularity == "bytecode":

            def local(frame, event, arg):
                if event == "opcode":
                    if on_read is not None:
                        on_read(frame.f_code, frame.f_lasti)
                    else:
                        tick()
                return local

            def tracer(frame, event, arg):
                if frame.f_code not in codes:
                    return None
                frame.f_trace = local
                frame.f_trace_opcodes = True
                return local

        else:
            last: dict = {}

            def local(frame, event, arg):
                if event == "opcode":
                    on_read(frame.f_code, frame.f_lasti)
                elif event == "line":
                    here = frame.f_lasti
                    before = last.get(frame)
                    last[frame] = here
                    if before is not None and here < before:  # a loop went round
                        tick()
                elif event == "return":
                    last.pop(frame, None)
                return local

            def tracer(frame, event, arg):
                if frame.f_code not in codes:
                    return None
                tick()  # a Python function starts
                if on_read is not None:
                    frame.f_trace = local
                    frame.f_trace_opcodes = True
                return local

            # settrace does not see calls to C functions; the profiler does.
            def profiler(frame, event, arg):
                if event == "c_call" and frame.f_code in codes:
                    tick()

            sys.setprofile(profiler)

        sys.settrace(tracer)

    def uninstall(self) -> None:
        if not self.use_monitoring:
            sys.settrace(None)
            sys.setprofile(None)
            return
        if self.tool is None:
            return
        mon = sys.monitoring
        for code in self.codes:
            mon.set_local_events(self.tool, code, 0)
        events = mon.events
        for event in (events.INSTRUCTION, events.JUMP, events.PY_START, events.CALL):
            mon.register_callback(self.tool, event, None)
        mon.free_tool_id(self.tool)
        self.tool = None


#: Instructions that read state other threads can change: a global or a
#: module-level name, an attribute, a closure variable, a subscript (3.14
#: spells `x[i]` as BINARY_OP with the `[]` operator).
_READS = {
    "LOAD_GLOBAL",
    "LOAD_NAME",
    "LOAD_ATTR",
    "LOAD_DEREF",
    "LOAD_CLASSDEREF",
    "LOAD_FROM_DICT_OR_DEREF",
    "LOAD_FROM_DICT_OR_GLOBALS",
    "LOAD_SUPER_ATTR",
    "BINARY_SUBSCR",
    "BINARY_SLICE",
}
_BUILTINS = frozenset(vars(builtins))


def after_reads(code) -> frozenset[int]:
    """Offsets of the instructions right after a read of shared state in `code`.

    A name that is a builtin (`range`, `print`, `len`) is not shared state: a
    switch there only slows the run down.
    """
    found = set()
    previous = None
    for instruction in dis.get_instructions(code):
        if previous is not None:
            found.add(instruction.offset)
            previous = None
        name = instruction.opname
        if name in ("LOAD_GLOBAL", "LOAD_NAME") and instruction.argval in _BUILTINS:
            continue
        if name in _READS or (name == "BINARY_OP" and instruction.argrepr == "[]"):
            previous = instruction
    return frozenset(found)


def _read_hook(sim, after: dict, count_every_instruction: bool):
    """The per-instruction callback of policy `reads`."""

    def on_read(code, offset):
        if count_every_instruction:
            sim.left -= 1
            if sim.left <= 0:
                sim.quantum_over()
                return
        offsets = after.get(code)
        if offsets is not None and offset in offsets:
            sim.after_read()

    return on_read
