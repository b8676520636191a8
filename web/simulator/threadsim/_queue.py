"""A stand-in for the `queue` module on top of the simulated threading."""

from __future__ import annotations

import heapq
from collections import deque

from . import _state


class Empty(Exception):
    "Exception raised by Queue.get(block=0)/get_nowait()."


class Full(Exception):
    "Exception raised by Queue.put(block=0)/put_nowait()."


class ShutDown(Exception):
    "Raised when put/get with shut-down queue."


def _sim():
    return _state.sim


class Queue:
    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self._getters = []
        self._putters = []
        self._joiners = []
        self.unfinished_tasks = 0
        self.is_shutdown = False

    def task_done(self):
        unfinished = self.unfinished_tasks - 1
        if unfinished <= 0:
            if unfinished < 0:
                raise ValueError("task_done() called too many times")
            _sim().notify(self._joiners, len(self._joiners))
        self.unfinished_tasks = unfinished

    def join(self):
        while self.unfinished_tasks:
            _sim().wait_on(self._joiners, None, "Queue.join()")

    def qsize(self):
        return self._qsize()

    def empty(self):
        return not self._qsize()

    def full(self):
        return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        sim = _sim()
        if self.is_shutdown:
            raise ShutDown
        if self.maxsize > 0:
            if not block:
                if self._qsize() >= self.maxsize:
                    raise Full
            elif timeout is None:
                while self._qsize() >= self.maxsize:
                    sim.wait_on(self._putters, None, "Queue.put()")
                    if self.is_shutdown:
                        raise ShutDown
            elif timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            else:
                deadline = sim.now + timeout
                while self._qsize() >= self.maxsize:
                    left = deadline - sim.now
                    if left <= 0:
                        raise Full
                    sim.wait_on(self._putters, left, "Queue.put()")
                    if self.is_shutdown:
                        raise ShutDown
        self._put(item)
        self.unfinished_tasks += 1
        sim.notify(self._getters, 1)

    def get(self, block=True, timeout=None):
        sim = _sim()
        if self.is_shutdown and not self._qsize():
            raise ShutDown
        if not block:
            if not self._qsize():
                raise Empty
        elif timeout is None:
            while not self._qsize():
                sim.wait_on(self._getters, None, "Queue.get()")
                if self.is_shutdown and not self._qsize():
                    raise ShutDown
        elif timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        else:
            deadline = sim.now + timeout
            while not self._qsize():
                left = deadline - sim.now
                if left <= 0:
                    raise Empty
                sim.wait_on(self._getters, left, "Queue.get()")
                if self.is_shutdown and not self._qsize():
                    raise ShutDown
        item = self._get()
        sim.notify(self._putters, 1)
        return item

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    def shutdown(self, immediate=False):
        sim = _sim()
        self.is_shutdown = True
        if immediate:
            while self._qsize():
                self._get()
                if self.unfinished_tasks > 0:
                    self.unfinished_tasks -= 1
            sim.notify(self._joiners, len(self._joiners))
        sim.notify(self._getters, len(self._getters))
        sim.notify(self._putters, len(self._putters))

    def _init(self, maxsize):
        self.queue = deque()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()


class PriorityQueue(Queue):
    def _init(self, maxsize):
        self.queue = []

    def _put(self, item):
        heapq.heappush(self.queue, item)

    def _get(self):
        return heapq.heappop(self.queue)


class LifoQueue(Queue):
    def _init(self, maxsize):
        self.queue = []

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class SimpleQueue(Queue):
    def __init__(self):
        super().__init__(0)
