"""How a simulated thread is suspended and resumed.

The scheduler (``_sched.py``) decides *which* thread runs; a backend only
knows how to hand control from one simulated thread to another:

* ``BatonBackend``: every simulated thread is a real CPython thread, and a
  baton (one semaphore per thread) makes sure exactly one of them runs at a
  time. Used by the tests under CPython.
* ``JspiBackend``: every simulated thread is an asyncio task in Pyodide; a
  thread suspends its whole WebAssembly stack with ``pyodide.ffi.run_sync`` on
  a future that the next thread resolves (WebAssembly JSPI).
"""

from __future__ import annotations

import threading as _real_threading


class BatonBackend:
    name = "baton (real CPython threads, one at a time)"

    def __init__(self) -> None:
        self.instrumentation = None
        self.real_threads: list[_real_threading.Thread] = []

    def attach_main(self, rec) -> None:
        rec.token = _real_threading.Semaphore(0)

    def start(self, rec, bootstrap) -> None:
        baton = rec.token = _real_threading.Semaphore(0)
        instrumentation = self.instrumentation

        def body() -> None:
            baton.acquire()
            if instrumentation is not None:
                instrumentation.install_thread()
            bootstrap()

        real = _real_threading.Thread(
            target=body, name=f"threadsim:{rec.name}", daemon=True
        )
        self.real_threads.append(real)
        real.start()

    def switch(self, cur, nxt) -> None:
        nxt.token.release()
        cur.token.acquire()

    def finish(self, cur, nxt) -> None:
        nxt.token.release()

    def close(self) -> None:
        for real in self.real_threads:
            real.join(5)


class JspiBackend:
    name = "JSPI (WebAssembly stack switching, pyodide.ffi.run_sync)"

    def __init__(self) -> None:
        import asyncio

        from pyodide.ffi import run_sync

        self.instrumentation = None
        self.loop = asyncio.get_event_loop()
        self.run_sync = run_sync
        self.tasks: list = []

    def attach_main(self, rec) -> None:
        rec.token = None

    def start(self, rec, bootstrap) -> None:
        import asyncio

        rec.token = self.loop.create_future()

        async def body() -> None:
            await rec.token
            bootstrap()

        self.tasks.append(asyncio.ensure_future(body()))

    def switch(self, cur, nxt) -> None:
        waiting = cur.token = self.loop.create_future()
        nxt.token.set_result(None)
        self.run_sync(waiting)

    def finish(self, cur, nxt) -> None:
        nxt.token.set_result(None)

    async def aclose(self) -> None:
        import asyncio

        if self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)
