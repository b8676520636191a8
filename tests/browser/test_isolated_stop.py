"""Stop on a cross-origin-isolated page interrupts Python in place.

GitHub Pages cannot send COOP/COEP headers, so the usual Stop ends the worker
and starts a new one (test_runner.py). A host that can send them makes the
page cross-origin isolated: Stop then raises KeyboardInterrupt through
Pyodide's interrupt buffer and the same warm worker runs the next example.
"""

from __future__ import annotations

from runner_tab import open_tab

from docs_tools.site import rel


def test_stop_interrupts_without_a_new_worker(
    browser, isolated_server, runnable_examples
):
    example = runnable_examples[0]
    tab = open_tab(browser, isolated_server, isolated_server.page_url(example.page))
    try:
        assert tab.page.evaluate("() => crossOriginIsolated") is True
        path = rel(example.snippet)
        assert tab.run(path, "print('warm')")["output"] == "warm\n"
        for endless in ("while True:\n    pass", "import time\n\ntime.sleep(600)"):
            result = tab.run_then_stop(path, f"print('looping')\n{endless}", "looping")
            assert result["verdict"] == "interrupted", (result, tab.stats())
        assert tab.run(path, "print('next')")["output"] == "next\n"
        assert tab.stats()["workersCreated"] == 1
        assert tab.outside == []
    finally:
        tab.page.context.close()


# Catches the KeyboardInterrupt of every Stop: only ending the worker stops it.
IGNORES_STOP = """print('looping {turn}')
while True:
    try:
        while True:
            pass
    except KeyboardInterrupt:
        print('ignored')
"""
ENDLESS_TURN = "print('looping {turn}')\nwhile True:\n    pass"
#: Each round: a program whose worker Stop ends, then one Stop interrupts.
ROUND = ((IGNORES_STOP, "stopped"), (ENDLESS_TURN, "interrupted"))


def test_a_program_that_ignores_stop_is_ended_and_the_next_is_interrupted(
    browser, isolated_server, runnable_examples
):
    """The worker of a program that catches KeyboardInterrupt is ended once
    Python has had its time to stop, and the next worker's Stop interrupts
    Python. (Before each worker had buffers of its own, 5 of 15 such Stops
    were lost here, most likely taken by the ended worker running on.)"""
    example = runnable_examples[0]
    tab = open_tab(browser, isolated_server, isolated_server.page_url(example.page))
    try:
        path = rel(example.snippet)
        for turn in range(3):
            for code, verdict in ROUND:
                shown = f"looping {turn}"
                result = tab.run_then_stop(path, code.format(turn=turn), shown)
                assert result["verdict"] == verdict, (turn, result, tab.stats())
                if verdict == "stopped":
                    assert "ignored" in result["output"]  # interrupted, once
        assert tab.stats()["workersCreated"] == 4
    finally:
        tab.page.context.close()
