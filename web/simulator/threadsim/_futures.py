"""A stand-in for `concurrent.futures` (the thread pool part) on simulated threads."""

from __future__ import annotations

import itertools
import logging
import os
import sys
import traceback
from collections import namedtuple

from . import _queue, _state, _threading

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

PENDING, RUNNING, CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED = (
    "PENDING",
    "RUNNING",
    "CANCELLED",
    "CANCELLED_AND_NOTIFIED",
    "FINISHED",
)
_STATE_TO_DESCRIPTION_MAP = {
    PENDING: "pending",
    RUNNING: "running",
    CANCELLED: "cancelled",
    CANCELLED_AND_NOTIFIED: "cancelled",
    FINISHED: "finished",
}


class Error(Exception):
    """Base class for all future-related exceptions."""


class CancelledError(Error):
    """The Future was cancelled."""


TimeoutError = TimeoutError


class InvalidStateError(Error):
    """The operation is not allowed in this state."""


class BrokenExecutor(RuntimeError):
    """Raised when an executor has become non-functional."""


class BrokenThreadPool(BrokenExecutor):
    """Raised when a worker thread in a ThreadPoolExecutor failed initializing."""


#: The logger CPython's pools report to (concurrent.futures._base.LOGGER).
LOGGER = logging.getLogger("concurrent.futures")


def _sim():
    return _state.sim


class _Waiter:
    """Collects futures as they complete, for as_completed() and wait()."""

    def __init__(self):
        self.finished = []
        self.waitq = []

    def add(self, future):
        self.finished.append(future)
        _sim().notify(self.waitq, len(self.waitq))


class Future:
    def __init__(self):
        self._state = PENDING
        self._result = None
        self._exception = None
        self._waitq = []
        self._waiters = []
        self._done_callbacks = []

    def __repr__(self):
        state = _STATE_TO_DESCRIPTION_MAP[self._state]
        where = f"<{type(self).__name__} at {id(self):#x} state={state}"
        if self._state == FINISHED:
            if self._exception:
                return f"{where} raised {type(self._exception).__name__}>"
            return f"{where} returned {type(self._result).__name__}>"
        return where + ">"

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception:
                print(f"exception calling callback for {self!r}", file=sys.stderr)
                traceback.print_exc()

    def cancel(self):
        if self._state in (RUNNING, FINISHED):
            return False
        if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED):
            return True
        self._state = CANCELLED
        _sim().notify(self._waitq, len(self._waitq))
        self._invoke_callbacks()
        return True

    def cancelled(self):
        return self._state in (CANCELLED, CANCELLED_AND_NOTIFIED)

    def running(self):
        return self._state == RUNNING

    def done(self):
        return self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED)

    def _get_result(self):
        if self._exception is not None:
            try:
                raise self._exception
            finally:
                self = None
        return self._result

    def add_done_callback(self, fn):
        if self._state not in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
            self._done_callbacks.append(fn)
            return
        try:
            fn(self)
        except Exception:
            print(f"exception calling callback for {self!r}", file=sys.stderr)
            traceback.print_exc()

    def _wait(self, timeout, what):
        sim = _sim()
        if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
            return
        deadline = None if timeout is None else sim.now + timeout
        while self._state not in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
            left = None if deadline is None else deadline - sim.now
            if left is not None and left <= 0:
                raise TimeoutError
            sim.wait_on(self._waitq, left, what)

    def result(self, timeout=None):
        try:
            self._wait(timeout, "Future.result()")
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED):
                raise CancelledError
            return self._get_result()
        finally:
            self = None

    def exception(self, timeout=None):
        self._wait(timeout, "Future.exception()")
        if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED):
            raise CancelledError
        return self._exception

    def set_running_or_notify_cancel(self):
        if self._state == CANCELLED:
            self._state = CANCELLED_AND_NOTIFIED
            for waiter in self._waiters:
                waiter.add(self)
            return False
        if self._state == PENDING:
            self._state = RUNNING
            return True
        raise RuntimeError("Future in unexpected state")

    def _finish(self):
        self._state = FINISHED
        for waiter in self._waiters:
            waiter.add(self)
        _sim().notify(self._waitq, len(self._waitq))
        self._invoke_callbacks()

    def set_result(self, result):
        if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
            raise InvalidStateError(f"{self._state}: {self!r}")
        self._result = result
        self._finish()

    def set_exception(self, exception):
        if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
            raise InvalidStateError(f"{self._state}: {self!r}")
        self._exception = exception
        self._finish()


def _done(f):
    return f._state in (CANCELLED_AND_NOTIFIED, FINISHED)


def as_completed(fs, timeout=None):
    sim = _sim()
    deadline = None if timeout is None else sim.now + timeout
    unique = list(dict.fromkeys(fs))
    total = len(unique)
    finished = [f for f in unique if _done(f)]
    pending = [f for f in unique if not _done(f)]
    waiter = _Waiter()
    for f in pending:
        f._waiters.append(waiter)
    try:
        yield from finished
        while pending:
            if not waiter.finished:
                left = None if deadline is None else deadline - sim.now
                if left is not None and left <= 0:
                    raise TimeoutError(
                        f"{len(pending)} (of {total}) futures unfinished"
                    )
                sim.wait_on(waiter.waitq, left, "as_completed()")
                continue
            f = waiter.finished.pop(0)
            if f in pending:
                pending.remove(f)
                yield f
    finally:
        for f in unique:
            if waiter in f._waiters:
                f._waiters.remove(waiter)


DoneAndNotDoneFutures = namedtuple("DoneAndNotDoneFutures", "done not_done")


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    sim = _sim()
    fs = set(fs)
    deadline = None if timeout is None else sim.now + timeout

    def ready():
        done = {f for f in fs if _done(f)}
        if return_when == FIRST_COMPLETED and done:
            return True
        if return_when == FIRST_EXCEPTION and any(
            not f.cancelled() and f._exception is not None for f in done
        ):
            return True
        return len(done) == len(fs)

    waiter = _Waiter()
    for f in fs:
        f._waiters.append(waiter)
    try:
        while not ready():
            left = None if deadline is None else deadline - sim.now
            if left is not None and left <= 0:
                break
            sim.wait_on(waiter.waitq, left, "wait()")
    finally:
        for f in fs:
            if waiter in f._waiters:
                f._waiters.remove(waiter)
    done = {f for f in fs if _done(f)}
    return DoneAndNotDoneFutures(done, fs - done)


def _result_or_cancel(fut, timeout=None):
    try:
        try:
            return fut.result(timeout)
        finally:
            fut.cancel()
    finally:
        del fut


class Executor:
    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError

    def map(self, fn, *iterables, timeout=None, chunksize=1, buffersize=None):
        sim = _sim()
        end_time = None if timeout is None else timeout + sim.now
        fs = [self.submit(fn, *args) for args in zip(*iterables)]  # noqa: B905

        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if end_time is None:
                        yield _result_or_cancel(fs.pop())
                    else:
                        yield _result_or_cancel(fs.pop(), end_time - _sim().now)
            finally:
                for future in fs:
                    future.cancel()

        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            from ._sched import Killed

            if isinstance(exc, Killed):
                raise
            self.future.set_exception(exc)
            self = None
        else:
            self.future.set_result(result)


def _worker(executor_ref, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            LOGGER.critical("Exception in initializer:", exc_info=True)
            executor_ref._initializer_failed()
            return
    while True:
        item = work_queue.get(block=True)
        if item is not None:
            item.run()
            del item
            executor_ref._idle_semaphore.release()
            continue
        work_queue.put(None)  # wake the next worker too
        return


_counter = itertools.count()


class ThreadPoolExecutor(Executor):
    def __init__(
        self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()
    ):
        if max_workers is None:
            cpus = getattr(os, "process_cpu_count", os.cpu_count)() or 1
            max_workers = min(32, cpus + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = _queue.SimpleQueue()
        self._idle_semaphore = _threading.Semaphore(0)
        self._threads = []
        self._broken = False
        self._shutdown = False
        self._thread_name_prefix = (
            thread_name_prefix or f"ThreadPoolExecutor-{next(_counter)}"
        )
        self._initializer = initializer
        self._initargs = initargs
        _sim().exit_hooks.append(self._at_exit)

    def _at_exit(self):
        if not self._shutdown:
            self._shutdown = True
            self._work_queue.put(None)

    def submit(self, fn, /, *args, **kwargs):
        if self._broken:
            raise BrokenThreadPool(self._broken)
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        f = Future()
        self._work_queue.put(_WorkItem(f, fn, args, kwargs))
        self._adjust_thread_count()
        return f

    def _adjust_thread_count(self):
        if self._idle_semaphore.acquire(timeout=0):
            return
        n = len(self._threads)
        if n < self._max_workers:
            t = _threading.Thread(
                name=f"{self._thread_name_prefix}_{n}",
                target=_worker,
                args=(self, self._work_queue, self._initializer, self._initargs),
            )
            self._threads.append(t)
            t.start()

    def _initializer_failed(self):
        """As CPython: the pool is broken, and every queued call fails."""
        self._broken = (
            "A thread initializer failed, the thread pool is not usable anymore"
        )
        while self._work_queue.qsize():
            item = self._work_queue.get_nowait()
            if item is not None:
                item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if cancel_futures:
            q = self._work_queue
            while q.qsize():
                item = q.get_nowait()
                if item is not None:
                    item.future.cancel()
        self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()


class ProcessPoolExecutor(Executor):
    def __init__(self, *args, **kwargs):
        raise NotImplementedError(
            "the thread simulator runs threads only: ProcessPoolExecutor needs a "
            "real Python (run the example locally)"
        )
