"""The asyncio exercises' check (threadsim/eventloop.py) on small programs.

The exercises themselves are tested with every other one in
tests/test_exercises.py (solution passes, starter fails as announced, wrong
answers fail, on every CPython; in Chromium by the browser tests). Here: the
same program gives the same runs, the seeds really change the order in which
waiting tasks resume, the first failing seed is the one reported, and a
program the check cannot judge gets a clear message (a task that waits
forever, a thread, no event loop, a loop that never ends, a nested
asyncio.run), with asyncio left as it was.
"""

from __future__ import annotations

import asyncio
import textwrap

from threadsim.eventloop import AsyncCheck, lasts, loop_not_held
from threadsim.exercise import final, holds

ORDER = textwrap.dedent(
    """
    import asyncio

    done = []


    async def wait(name):
        await asyncio.sleep(0.1)
        done.append(name)


    async def main():
        await asyncio.gather(wait("a"), wait("b"), wait("c"))


    asyncio.run(main())
    """
)


def check(*invariants, seeds: int = 100) -> AsyncCheck:
    return AsyncCheck(
        title="Try it",
        practises="-",
        announces="-",
        seeds=seeds,
        invariants=list(invariants),
    )


def verdict(code: str, *invariants, seeds: int = 20):
    return check(*invariants, seeds=seeds).run(textwrap.dedent(code), "answer.py")


def test_the_seeds_change_the_order_and_the_first_failing_one_is_reported() -> None:
    found = verdict(ORDER, final("done", ["a", "b", "c"]), seeds=100)
    assert not found.passed
    assert found.kind == "single" and found.total == 100
    assert 1 <= found.explored <= 100
    assert f"This happened in run {found.explored} of 100 (seed " in found.message
    assert (
        found.message
        == verdict(ORDER, final("done", ["a", "b", "c"]), seeds=100).message
    )
    # Every order is not a failure of the check: a set of them passes.
    assert verdict(ORDER, holds("sorted(done) == ['a', 'b', 'c']", "lost")).passed


def test_a_pass_says_what_every_run_kept() -> None:
    found = verdict(ORDER, loop_not_held(), lasts(at_least=0.1, at_most=0.2))
    assert found.passed, found.message
    assert found.explored == found.total == 20
    assert found.message.startswith("Try it: passed. 20 runs, each with its own seed")
    assert "no task holds the event loop" in found.message


def test_a_blocking_step_is_named() -> None:
    code = """
        import asyncio, time

        async def slow():
            time.sleep(0.3)

        asyncio.run(slow())
    """
    found = verdict(code, loop_not_held())
    assert not found.passed
    assert "`slow()` held the event loop for 0.30 s in one step" in found.message


def test_a_task_that_waits_forever_is_reported_not_hung() -> None:
    code = """
        import asyncio

        async def main():
            await asyncio.Event().wait()

        asyncio.run(main())
    """
    found = verdict(code)
    assert not found.passed and found.problem == "error"
    assert "every task waits for something that never happens" in found.message


def test_a_thread_is_refused_with_a_message() -> None:
    code = """
        import asyncio, time

        async def main():
            await asyncio.to_thread(time.sleep, 0.1)

        asyncio.run(main())
    """
    found = verdict(code)
    assert not found.passed
    assert "asyncio.to_thread() and run_in_executor() cannot be checked" in (
        found.message
    )


def test_a_program_without_an_event_loop() -> None:
    found = verdict("total = 1\n")
    assert not found.passed
    assert "Your program never ran an event loop" in found.message


def test_a_loop_that_never_ends_stops_at_the_budget() -> None:
    code = """
        import asyncio

        async def main():
            while True:
                await asyncio.sleep(1)

        asyncio.run(main())
    """
    found = verdict(code, seeds=2)
    assert not found.passed and found.problem == "budget", found.message
    assert "did not finish" in found.message


def test_asyncio_run_inside_a_coroutine() -> None:
    code = """
        import asyncio

        async def inner():
            pass

        async def main():
            asyncio.run(inner())

        asyncio.run(main())
    """
    found = verdict(code, seeds=1)
    assert not found.passed
    assert "cannot be called from a running event loop" in found.message


def test_asyncio_is_restored_after_the_check() -> None:
    saved = asyncio.run, asyncio.new_event_loop, asyncio.events.new_event_loop
    verdict(ORDER, seeds=3)
    assert (
        asyncio.run,
        asyncio.new_event_loop,
        asyncio.events.new_event_loop,
    ) == saved
    assert asyncio.run(asyncio.sleep(0, "real")) == "real"
