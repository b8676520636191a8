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
        panel = tab.panel(path)
        for endless in ("while True:\n    pass", "import time\n\ntime.sleep(600)"):
            tab.set_code(path, f"print('looping')\n{endless}")
            panel.get_by_role("button", name="Run").click()
            panel.locator(".tip-output", has_text="looping").wait_for()
            panel.get_by_role("button", name="Stop").click()
            result = tab.wait_done(path)
            assert result["verdict"] == "interrupted", (result, tab.stats())
        assert tab.run(path, "print('next')")["output"] == "next\n"
        assert tab.stats()["workersCreated"] == 1
        assert tab.outside == []
    finally:
        tab.page.context.close()
