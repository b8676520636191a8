"""A stand-in for the `threading` module, run by the simulator's scheduler.

Only what the site's examples (and a little more) use. Everything here runs
without preemption: the scheduler only switches threads inside the example's
own code or when one of these objects blocks, so this code needs no locks of
its own.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
import warnings
from collections import namedtuple

from . import _state
from ._sched import DONE

TIMEOUT_MAX = 9223372036.0
__all__ = [
    "TIMEOUT_MAX",
    "Barrier",
    "BoundedSemaphore",
    "BrokenBarrierError",
    "Condition",
    "Event",
    "ExceptHookArgs",
    "Lock",
    "RLock",
    "Semaphore",
    "Thread",
    "ThreadError",
    "Timer",
    "active_count",
    "current_thread",
    "enumerate",
    "excepthook",
    "get_ident",
    "get_native_id",
    "local",
    "main_thread",
]

ThreadError = RuntimeError
_IDENT_BASE = 0x7F3A_0000_0000
_NATIVE_BASE = 4_242


def _sim():
    sim = _state.sim
    if sim is None:
        raise RuntimeError("the thread simulator is not running")
    return sim


def _timeout(blocking: bool, timeout: float) -> float | None:
    if not blocking:
        if timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        return 0.0
    if timeout == -1:
        return None
    if timeout < 0:
        raise ValueError("timeout value must be a non-negative number")
    return timeout


# --------------------------------------------------------------------------
# Threads
# --------------------------------------------------------------------------
_counter = [0]


def _new_name(target) -> str:
    _counter[0] += 1
    name = f"Thread-{_counter[0]}"
    if target is not None:
        with contextlib.suppress(AttributeError):
            name += f" ({target.__name__})"
    return name


class Thread:
    """A simulated thread: same API as `threading.Thread`."""

    _initialized = False

    def __init__(
        self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None
    ):
        assert group is None, "group argument must be None for now"
        self._target = target
        self._args = args
        self._kwargs = kwargs or {}
        self._name = str(name) if name is not None else _new_name(target)
        sim = _sim()
        if daemon is None:
            daemon = sim.current.daemon
        self._rec = sim.new_record(self._name, self)
        self._rec.daemon = bool(daemon)
        self._started = False
        self._ident = None
        self._native_id = None
        self._initialized = True

    def __repr__(self):
        rec = self._rec
        status = "initial"
        if self._started:
            status = "started"
        if rec.state == DONE:
            status = "stopped"
        if rec.daemon:
            status += " daemon"
        if self._ident is not None:
            status += f" {self._ident}"
        return f"<{type(self).__name__}({self._name}, {status})>"

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started:
            raise RuntimeError("threads can only be started once")
        sim = _sim()
        self._started = True
        self._ident = _IDENT_BASE + self._rec.index * 0x80_0000
        self._native_id = _NATIVE_BASE + self._rec.index
        sim.start_thread(self._rec, self._bootstrap)

    def _bootstrap(self):
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as error:
            from . import _sched

            if isinstance(error, _sched.Killed):
                raise
            if isinstance(error, KeyboardInterrupt):  # Stop: end every thread
                _sim().stop("interrupted (KeyboardInterrupt)")
            _report_exception(self, error)

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        sim = _sim()
        if self._rec is sim.current:
            raise RuntimeError("cannot join current thread")
        if timeout is not None and timeout < 0:
            timeout = 0
        sim.join(self._rec, timeout)

    def is_alive(self):
        return self._started and self._rec.state != DONE

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = str(value)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._native_id

    @property
    def daemon(self):
        return self._rec.daemon

    @daemon.setter
    def daemon(self, flag):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._rec.daemon = bool(flag)

    def isDaemon(self):
        warnings.warn(
            "isDaemon() is deprecated, get the daemon attribute instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.daemon

    def setDaemon(self, daemonic):
        warnings.warn(
            "setDaemon() is deprecated, set the daemon attribute instead",
            DeprecationWarning,
            stacklevel=2,
        )
        self.daemon = daemonic

    def getName(self):
        warnings.warn(
            "getName() is deprecated, get the name attribute instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.name

    def setName(self, name):
        warnings.warn(
            "setName() is deprecated, set the name attribute instead",
            DeprecationWarning,
            stacklevel=2,
        )
        self.name = name


class _MainThread(Thread):
    def __init__(self, rec):
        self._target = None
        self._args = ()
        self._kwargs = {}
        self._name = "MainThread"
        self._rec = rec
        self._started = True
        self._ident = _IDENT_BASE - 0x1000
        self._native_id = _NATIVE_BASE - 1
        self._initialized = True
        rec.thread = self


ExceptHookArgs = namedtuple("ExceptHookArgs", "exc_type exc_value exc_traceback thread")


def _user_tb(tb):
    """Drop the simulator's own frames from the front of a traceback."""
    user = _state.filename
    while tb is not None and tb.tb_frame.f_code.co_filename != user:
        tb = tb.tb_next
    return tb


def excepthook(args, /):
    """Print an exception raised by a thread's run(), as CPython does."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    stderr = sys.stderr
    print(f"Exception in thread {name}:", file=stderr, flush=True)
    tb = _user_tb(args.exc_traceback)
    traceback.print_exception(args.exc_type, args.exc_value, tb, file=stderr)
    stderr.flush()


__excepthook__ = excepthook


def _report_exception(thread, error):
    _sim().thread_errors.append((thread.name, error))
    module = _state.modules["threading"]
    hook = getattr(module, "excepthook", excepthook)
    hook(ExceptHookArgs(type(error), error, error.__traceback__, thread))


def current_thread():
    return _sim().current.thread


def main_thread():
    return _sim().main.thread


def get_ident():
    return current_thread().ident


def get_native_id():
    return current_thread().native_id


def enumerate():
    sim = _sim()
    return [
        r.thread
        for r in sim.threads
        if r.thread is not None and r.thread._started and r.state != DONE
    ]


def active_count():
    return len(enumerate())


currentThread = current_thread
activeCount = active_count


def settrace(func):
    pass


def setprofile(func):
    pass


def stack_size(size=0):
    return 0


# --------------------------------------------------------------------------
# Locks
# --------------------------------------------------------------------------
class Lock:
    """A simulated `threading.Lock` (not re-entrant, any thread may release)."""

    def __init__(self):
        self._owner = None
        self._locked = False
        self._waiters = []

    def __repr__(self):
        state = "locked" if self._locked else "unlocked"
        return f"<{state} {type(self).__module__}.{type(self).__name__} object>"

    def acquire(self, blocking=True, timeout=-1):
        wait = _timeout(blocking, timeout)
        sim = _sim()
        if wait is not None:
            deadline = sim.now + wait
        while self._locked:
            if wait is not None:
                left = deadline - sim.now
                if left <= 0:
                    return False
                what = f"{type(self).__name__}.acquire()"
                sim.wait_on(self._waiters, left, what, on=self)
            else:
                what = f"{type(self).__name__}.acquire()"
                sim.wait_on(self._waiters, None, what, on=self)
        self._locked = True
        self._owner = sim.current
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False
        self._owner = None
        _sim().notify(self._waiters, 1)

    def locked(self):
        return self._locked

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()

    acquire_lock = acquire
    release_lock = release
    locked_lock = locked

    # Used by Condition
    def _release_save(self):
        self.release()

    def _acquire_restore(self, state):
        self.acquire()

    def _is_owned(self):
        return self._locked and self._owner is _sim().current


class RLock:
    """A simulated `threading.RLock`: the owner may acquire it again."""

    def __init__(self):
        self._owner = None
        self._count = 0
        self._waiters = []

    def __repr__(self):
        state = "locked" if self._count else "unlocked"
        owner = self._owner.thread.ident if self._owner is not None else None
        return (
            f"<{state} {type(self).__module__}.RLock object owner={owner} "
            f"count={self._count}>"
        )

    def acquire(self, blocking=True, timeout=-1):
        wait = _timeout(blocking, timeout)
        sim = _sim()
        me = sim.current
        if self._owner is me:
            self._count += 1
            return True
        if wait is not None:
            deadline = sim.now + wait
        while self._count:
            if wait is not None:
                left = deadline - sim.now
                if left <= 0:
                    return False
                sim.wait_on(self._waiters, left, "RLock.acquire()", on=self)
            else:
                sim.wait_on(self._waiters, None, "RLock.acquire()", on=self)
        self._owner = me
        self._count = 1
        return True

    def release(self):
        if self._owner is not _sim().current:
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None
            _sim().notify(self._waiters, 1)

    def locked(self):
        return bool(self._count)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()

    def _release_save(self):
        if not self._count:
            raise RuntimeError("cannot release un-acquired lock")
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        _sim().notify(self._waiters, 1)
        return state

    def _acquire_restore(self, state):
        self.acquire()
        self._count, self._owner = state

    def _is_owned(self):
        return self._owner is _sim().current


class Condition:
    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return f"<Condition({self._lock}, {len(self._waiters)})>"

    def _is_owned(self):
        owned = getattr(self._lock, "_is_owned", None)
        if owned is not None:
            return owned()
        return self._lock.locked()

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        sim = _sim()
        saved = self._lock._release_save()
        try:
            return sim.wait_on(self._waiters, timeout, "Condition.wait()", on=self)
        finally:
            self._lock._acquire_restore(saved)

    def wait_for(self, predicate, timeout=None):
        sim = _sim()
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = sim.now + waittime
                else:
                    waittime = endtime - sim.now
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        _sim().notify(self._waiters, n)

    def notify_all(self):
        self.notify(len(self._waiters))

    def notifyAll(self):
        warnings.warn(
            "notifyAll() is deprecated, use notify_all() instead",
            DeprecationWarning,
            stacklevel=2,
        )
        self.notify_all()


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._value = value
        self._waiters = []

    def __repr__(self):
        where = f"{type(self).__module__}.{type(self).__name__} at {id(self):#x}"
        return f"<{where}: value={self._value}>"

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        sim = _sim()
        deadline = None if timeout is None else sim.now + timeout
        while self._value == 0:
            if not blocking:
                return False
            if deadline is not None:
                left = deadline - sim.now
                if left <= 0:
                    return False
                what = f"{type(self).__name__}.acquire()"
                sim.wait_on(self._waiters, left, what, on=self)
            else:
                what = f"{type(self).__name__}.acquire()"
                sim.wait_on(self._waiters, None, what, on=self)
        self._value -= 1
        return True

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        self._value += n
        _sim().notify(self._waiters, n)

    def __exit__(self, *args):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        super().__init__(value)
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        if self._value + n > self._initial_value:
            raise ValueError("Semaphore released too many times")
        super().release(n)


class Event:
    def __init__(self):
        self._flag = False
        self._waiters = []

    def __repr__(self):
        status = "set" if self._flag else "unset"
        where = f"{type(self).__module__}.{type(self).__name__} at {id(self):#x}"
        return f"<{where}: {status}>"

    def is_set(self):
        return self._flag

    def isSet(self):
        warnings.warn(
            "isSet() is deprecated, use is_set() instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.is_set()

    def set(self):
        self._flag = True
        sim = _sim()
        sim.notify(self._waiters, len(self._waiters))

    def clear(self):
        self._flag = False

    def wait(self, timeout=None):
        if self._flag:
            return True
        _sim().wait_on(self._waiters, timeout, "Event.wait()")
        return self._flag


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be >= 1")
        self._parties = parties
        self._action = action
        self._timeout = timeout
        self._state = 0  # 0 filling, 1 draining, -1 resetting, -2 broken
        self._count = 0
        self._waiters = []
        self._generation = 0

    def __repr__(self):
        if self.broken:
            return f"<{type(self).__module__}.{type(self).__name__}: broken>"
        return (
            f"<{type(self).__module__}.{type(self).__name__} at {id(self):#x}: "
            f"waiters={self.n_waiting}/{self.parties}>"
        )

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        sim = _sim()
        if self._state == -2:
            raise BrokenBarrierError
        index = self._count
        self._count += 1
        generation = self._generation
        if self._count == self._parties:
            try:
                if self._action:
                    self._action()
            except BaseException:
                self._break()
                raise
            self._count = 0
            self._generation += 1
            sim.notify(self._waiters, len(self._waiters))
            return index
        deadline = None if timeout is None else sim.now + timeout
        while self._generation == generation and self._state != -2:
            left = None if deadline is None else deadline - sim.now
            if left is not None and left <= 0:
                self._break()
                raise BrokenBarrierError
            sim.wait_on(self._waiters, left, "Barrier.wait()", on=self)
        if self._generation == generation:
            raise BrokenBarrierError
        return index

    def _break(self):
        self._state = -2
        self._count = 0
        _sim().notify(self._waiters, len(self._waiters))

    def reset(self):
        self._break()
        self._state = 0
        self._generation += 1

    def abort(self):
        self._break()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count

    @property
    def broken(self):
        return self._state == -2


class Timer(Thread):
    def __init__(self, interval, function, args=None, kwargs=None):
        super().__init__()
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class local:
    """Per-simulated-thread attributes."""

    __slots__ = ("__dict__", "_local__impl")

    def __new__(cls, *args, **kw):
        if (args or kw) and (cls.__init__ is object.__init__):
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        first = {}
        object.__setattr__(
            self, "_local__impl", ((args, kw), {_sim().current.index: first})
        )
        object.__setattr__(self, "__dict__", first)
        return self

    def _local__switch(self):
        (args, kw), dicts = object.__getattribute__(self, "_local__impl")
        me = _sim().current.index
        if me in dicts:
            object.__setattr__(self, "__dict__", dicts[me])
            return
        dicts[me] = {}
        object.__setattr__(self, "__dict__", dicts[me])
        init = type(self).__init__
        if init is not object.__init__:
            init(self, *args, **kw)

    def __getattribute__(self, name):
        if name in ("_local__impl", "_local__switch", "__class__"):
            return object.__getattribute__(self, name)
        local._local__switch(self)
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        local._local__switch(self)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        local._local__switch(self)
        object.__delattr__(self, name)


def _reset():
    _counter[0] = 0
