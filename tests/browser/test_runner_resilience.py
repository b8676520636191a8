"""The runner never hangs: a worker that dies or stops answering during a Run
is said so, and the next Run works; asyncio and top-level await run where
the browser has WebAssembly JSPI, and say why not where it has none.

Each failure is one a program can cause: it closes its worker, ends Python
with os._exit, traps WebAssembly (an abort, C recursion deeper than the
browser's stack), runs out of memory, leaves a callback that never returns,
or a file of Python's fails to load. No timing is asserted: each test waits
for the message (runner_tab's generous timeout).
"""

from __future__ import annotations

import pytest
from runner_tab import Tab, open_tab

from docs_tools.site import rel

# (code, verdict, words of the message or the output)
CRASHES = {
    "closes-its-worker": (
        # close() takes effect once the worker's task ends: at the await.
        "import asyncio\nimport js\n\nprint('closing')\njs.close()\n"
        "await asyncio.sleep(30)\nprint('never')",
        "crashed",
        ["the Python worker ended during the Run"],
    ),
    "os-exit": (
        "import os\n\nprint('bye')\nos._exit(3)",
        "exit",
        ["os._exit(3)", "a fresh Python starts for the next Run"],
    ),
    "abort": (
        "import os\n\nos.abort()",
        "crashed",
        ["Python stopped working during this Run", "aborted"],
    ),
    "c-recursion": (
        "import json\n\njson.loads('[' * 200_000 + ']' * 200_000)",
        "crashed",
        ["stack for WebAssembly ran out"],
    ),
}


def _first(tab: Tab, runnable_examples) -> str:
    return rel(runnable_examples[0].snippet)


@pytest.fixture(scope="module")
def tab(browser, site_server, runnable_examples):
    tab = open_tab(
        browser, site_server, site_server.page_url(runnable_examples[0].page)
    )
    yield tab
    tab.page.context.close()


@pytest.mark.parametrize("case", CRASHES, ids=str)
def test_a_crash_is_said_and_the_next_run_works(tab: Tab, runnable_examples, case):
    code, verdict, words = CRASHES[case]
    path = _first(tab, runnable_examples)
    assert tab.run(path, "print('warm')")["output"] == "warm\n"
    created = tab.stats()["workersCreated"]
    result = tab.run(path, code)
    assert result["verdict"] == verdict, result
    for word in words:
        assert word in result["message"], result
    assert "never" not in result["output"]
    assert tab.run(path, "print('next')") == {
        "verdict": "ok",
        "output": "next\n",
        "stderr": "",
        "message": "",
    }
    assert tab.stats()["workersCreated"] == created + 1, "the worker was not replaced"
    tab.reset(path)


def test_memory_running_out_is_a_memory_error(tab: Tab, runnable_examples):
    path = _first(tab, runnable_examples)
    result = tab.run(
        path, "chunks = []\nwhile True:\n    chunks.append(bytearray(100_000_000))"
    )
    assert result["verdict"] == "error", result
    assert "MemoryError" in result["stderr"], result
    assert tab.run(path, "print('next')")["output"] == "next\n"
    tab.reset(path)


def test_a_worker_that_stops_answering_is_replaced(tab: Tab, runnable_examples):
    # A callback left behind by the program (a JavaScript timer) loops
    # forever once the Run has ended: the worker never takes the next Run.
    path = _first(tab, runnable_examples)
    result = tab.run(
        path,
        "import js\nfrom pyodide.ffi import create_once_callable\n\n"
        "js.setTimeout(create_once_callable(lambda: exec('while True: pass')), 0)\n"
        "print('left a loop behind')",
    )
    assert result["output"] == "left a loop behind\n", result
    result = tab.run(path, "print('next')")
    assert result["verdict"] == "crashed", result
    assert "stopped answering" in result["message"], result
    assert tab.run(path, "print('after')")["output"] == "after\n"
    tab.reset(path)


def test_python_files_failing_to_load_are_said(browser, site_server, runnable_examples):
    example = runnable_examples[0]
    tab = open_tab(browser, site_server, site_server.page_url(example.page))
    try:
        path = rel(example.snippet)
        context = tab.page.context
        context.route(
            "**/python_stdlib.zip", lambda route: route.fulfill(status=404, body="")
        )
        result = tab.run(path, "print('hi')")
        assert result["verdict"] == "failed", result
        assert "python_stdlib.zip" in result["message"], result
        context.unroute("**/python_stdlib.zip")
        # The worker's own script gone (a new deployment, offline): said too.
        context.route(
            "**/assets/runner/worker.js",
            lambda route: route.fulfill(status=404, body=""),
        )
        result = tab.run(path, "print('hi')")
        assert result["verdict"] == "failed", result
        assert "Python could not start" in result["message"], result
        context.unroute("**/assets/runner/worker.js")
        assert tab.run(path, "print('works')")["output"] == "works\n"
    finally:
        tab.page.context.close()


ASYNCIO = (
    "import asyncio\n\n\nasync def tick(name, delay):\n"
    "    await asyncio.sleep(delay)\n    print(name)\n    return delay\n\n\n"
    "async def main():\n"
    "    done = await asyncio.gather(tick('b', 0.2), tick('a', 0.1))\n"
    "    print(done)\n\n\nasyncio.run(main())"
)
TOP_LEVEL_AWAIT = (
    "import asyncio\n\nprint('before')\nawait asyncio.sleep(0.1)\nprint('after')"
)


def test_asyncio_run_and_top_level_await_work_with_jspi(tab: Tab, runnable_examples):
    assert tab.page.evaluate("() => typeof WebAssembly.Suspending") == "function"
    path = _first(tab, runnable_examples)
    result = tab.run(path, ASYNCIO)
    assert result["verdict"] == "ok", result
    assert result["output"] == "a\nb\n[0.2, 0.1]\n", result
    result = tab.run(path, TOP_LEVEL_AWAIT)
    assert result["verdict"] == "ok", result
    assert result["output"] == "before\nafter\n", result
    tab.reset(path)


def test_asyncio_to_thread_says_it_needs_a_thread(tab: Tab, runnable_examples):
    # Pyodide's event loop would run the function in its one thread, the
    # loop blocked meanwhile: the page says why it cannot run, as for threads.
    path = _first(tab, runnable_examples)
    result = tab.run(
        path,
        "import asyncio\nimport time\n\n\nasync def main():\n"
        "    await asyncio.to_thread(time.sleep, 0.1)\n\n\nasyncio.run(main())",
    )
    assert result["verdict"] == "thread", result
    assert "starts a thread" in result["message"], result
    tab.reset(path)


def test_without_jspi_asyncio_run_says_why(no_jspi_tab: Tab, runnable_examples):
    path = _first(no_jspi_tab, runnable_examples)
    result = no_jspi_tab.run(path, ASYNCIO)
    assert result["verdict"] == "asyncio", result
    assert "WebAssembly JSPI" in result["message"], result
    assert f"python {path}" in result["message"], result
    assert "RuntimeError" not in result["stderr"], result
    # A top-level await needs no stack switching: it runs.
    result = no_jspi_tab.run(path, TOP_LEVEL_AWAIT)
    assert result["verdict"] == "ok", result
    assert result["output"] == "before\nafter\n", result
    assert no_jspi_tab.run(path, "print('next')")["output"] == "next\n"


@pytest.fixture(scope="module")
def no_jspi_tab(browser, site_server, runnable_examples):
    tab = open_tab(
        browser,
        site_server,
        site_server.page_url(runnable_examples[0].page),
        jspi=False,
    )
    assert tab.page.evaluate("() => typeof WebAssembly.Suspending") == "undefined"
    yield tab
    tab.page.context.close()
