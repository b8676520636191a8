"""The in-page Python runner, in headless Chromium, against the built site.

One page (the `visit` fixture) stays open for the whole module, so Pyodide
boots once, as it does for a reader; the tests that need a fresh visit open
their own. Every runnable block of the site is run and its output compared
with the CPython output recorded beside its snippet.
"""

from __future__ import annotations

import pytest
from runner_tab import ENDLESS, Tab, open_tab

from docs_tools.outputs import rules_of, same_output
from docs_tools.pages import Example, site_examples
from docs_tools.site import rel, site

RUNNABLE = [example for example in site_examples() if example.kind == "runnable"]
PYODIDE_FILES = ("/assets/pyodide/",)


def pyodide_requests(paths: list[str]) -> list[str]:
    return [path for path in paths if any(part in path for part in PYODIDE_FILES)]


def first_block(tab: Tab, runnable_examples: list[Example]) -> str:
    """The path of the first runnable block on the page the tab shows."""
    return tab.page.locator("div.runnable > span.filename").first.text_content().strip()


def go_to_a_runnable_page(tab: Tab, example: Example) -> None:
    url = tab.server.page_url(example.page)
    if tab.page.url.split("#")[0] != url:
        tab.go(url)


def test_python_loads_only_on_the_first_run(
    browser, site_server, runnable_examples
) -> None:
    example = runnable_examples[0]
    before = len(site_server.seen())
    tab = open_tab(browser, site_server, site_server.page_url(example.page))
    try:
        path = rel(example.snippet)
        assert tab.block(path).count() == 1
        assert not pyodide_requests(site_server.seen()[before:]), (
            "Pyodide fetched before Run"
        )
        assert not pyodide_requests(tab.requests)
        assert tab.stats()["workersCreated"] == 0
        assert not [u for u in tab.requests if u.endswith("/editor.js")], (
            "the editor is loaded before the reader edits"
        )
        tab.wait_ready(path)
        tab.panel(path).get_by_role("button", name="Run").click()
        # Python loads only now, and the reader is told so.
        status = tab.panel(path).locator(".tip-status")
        status.filter(has_text="Loading Python").wait_for()
        result = tab.wait_done(path)
        assert result["verdict"] == "ok", result
        assert tab.stats()["bootModule"] == "compiled", tab.stats()
        fetched = pyodide_requests(site_server.seen()[before:])
        assert any(p.endswith("pyodide.asm.wasm") for p in fetched), fetched
        assert any(p.endswith("python_stdlib.zip") for p in fetched), fetched
        assert tab.outside == [], f"requests left 127.0.0.1: {tab.outside}"
        assert all(url.startswith(site_server.url) for url in tab.requests), (
            tab.requests
        )
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("example", RUNNABLE, ids=lambda e: rel(e.snippet))
def test_block_prints_the_cpython_output(visit: Tab, example: Example) -> None:
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    result = visit.run(path)
    rules = rules_of(example)
    expected = example.output_file.read_text(encoding="utf-8")
    assert result["verdict"] == "ok", result
    assert result["stderr"] == ""
    assert same_output(expected, result["output"], rules), (
        f"{path} in the browser (rule: {', '.join(rules)}):\n{result['output']}\n"
        f"--- CPython ({rel(example.output_file)}):\n{expected}"
    )


def test_output_streams_while_the_program_runs(visit: Tab, runnable_examples) -> None:
    example = runnable_examples[0]
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    visit.wait_ready(path)
    visit.set_code(
        path,
        "import time\n\nfor i in range(3):\n    print('line', i)\n    time.sleep(1)",
    )
    visit.panel(path).get_by_role("button", name="Run").click()
    output = visit.panel(path).locator(".tip-output")
    output.filter(has_text="line 0").wait_for()
    # The first line is on the page while the program still sleeps.
    assert visit.block(path).get_attribute("data-tip-running") == "true"
    assert "line 2" not in output.text_content()
    result = visit.wait_done(path)
    assert result["output"] == "line 0\nline 1\nline 2\n", result
    visit.reset(path)


#: While it sleeps, the program's worker answers (set in the worker by Python).
SLEEPS_THEN_WAKES = (
    "import js, time\n\n"
    "print('sleeping')\n"
    "js.tipTestSlept = False\n"
    "time.sleep(30)\n"
    "js.tipTestSlept = True\n"
    "print('woke')"
)


def test_a_sleeping_program_leaves_its_worker_free(
    visit: Tab, runnable_examples
) -> None:
    """time.sleep waits without spinning (Chromium has JSPI): the worker's
    own event loop runs meanwhile, so it answers before the sleep ends. A
    wait that spins would answer only after it, with tipTestSlept True."""
    example = runnable_examples[0]
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    visit.wait_ready(path)
    visit.set_code(path, SLEEPS_THEN_WAKES)
    panel = visit.panel(path)
    panel.get_by_role("button", name="Run").click()
    panel.locator(".tip-output", has_text="sleeping").wait_for()
    answers = [
        worker.evaluate("() => self.tipTestSlept")
        for worker in visit.page.workers
        if worker.url.endswith("/assets/runner/worker.js")
    ]
    assert False in answers, answers  # the sleeping one, still asleep
    panel.get_by_role("button", name="Stop").click()
    assert visit.wait_done(path)["verdict"] == "stopped"
    assert visit.run(path, "print('next')")["output"] == "next\n"
    visit.reset(path)


def test_edit_run_and_reset(visit: Tab, runnable_examples) -> None:
    example = runnable_examples[0]
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    original = example.snippet.read_text(encoding="utf-8").rstrip("\n")
    visit.wait_ready(path)
    assert visit.code(path) == original
    page = visit.page
    # Click into the code, type at its end, run with Ctrl+Enter.
    visit.start_editing(path)
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type('print("edited", 6 * 7)')
    assert visit.code(path).endswith('print("edited", 6 * 7)')
    runs = visit.stats()["runs"]
    page.keyboard.press("Control+Enter")
    result = visit.wait_done(path)
    assert result["verdict"] == "ok", result
    assert visit.stats()["runs"] == runs + 1
    assert result["output"].rstrip("\n").endswith("edited 42")
    visit.reset(path)
    assert visit.code(path) == original
    assert visit.panel(path).locator(".tip-output").text_content() == ""


def test_keyboard_reaches_run_from_the_editor(visit: Tab, runnable_examples) -> None:
    example = runnable_examples[0]
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    visit.set_code(path, 'print("from the keyboard")')
    visit.block(path).locator(".cm-content").focus()
    visit.page.keyboard.press("Tab")  # the editor does not trap Tab
    focused = visit.page.evaluate("() => document.activeElement.className")
    assert "tip-run" in focused
    visit.page.keyboard.press("Enter")
    result = visit.wait_done(path)
    assert result["output"] == "from the keyboard\n", result
    visit.reset(path)


def test_controls_are_labelled_buttons_and_output_is_live(
    visit: Tab, runnable_examples
) -> None:
    example = runnable_examples[0]
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    panel = visit.panel(path)
    for name in (
        f"Run {path} in the browser",
        f"Stop {path}",
        f"Reset the code of {path}",
    ):
        assert panel.get_by_role("button", name=name, exact=True).count() == 1, name
    output = panel.locator(".tip-output")
    assert output.get_attribute("aria-live") == "polite"
    assert output.get_attribute("aria-label") == f"Output of {path}"
    code = visit.block(path).locator("pre.tip-editable, .cm-content").first
    assert "Python code of" in code.get_attribute("aria-label")


def test_stop_ends_an_endless_loop_and_the_next_run_works(
    visit: Tab, runnable_examples
) -> None:
    example = runnable_examples[0]
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    visit.wait_ready(path)
    visit.set_code(path, 'print("looping")\nwhile True:\n    pass')
    panel = visit.panel(path)
    panel.get_by_role("button", name="Run").click()
    panel.locator(".tip-output", has_text="looping").wait_for()
    # The page is not frozen while Python loops in the worker.
    assert visit.page.evaluate("() => 6 * 7") == 42
    visit.page.mouse.wheel(0, 200)
    panel.get_by_role("button", name="Stop").click()
    result = visit.wait_done(path)
    assert result["verdict"] in {"stopped", "interrupted"}, result
    assert "Stopped" in result["message"]
    stopped = result["verdict"] == "stopped"
    result = visit.run(path, 'print("after the stop")')
    assert result == {**result, "verdict": "ok", "output": "after the stop\n"}, result
    if stopped:
        # The worker was ended: the new one instantiated the WebAssembly
        # module the first one compiled (compiled.js), not a new compile.
        assert visit.stats()["bootModule"] == "reused", visit.stats()
    visit.reset(path)


#: How the pulse (Material's animation) of the first annotation marker
#: outside the runnable blocks plays: editing a block's code removes its own.
MARKER_PLAY_STATE = """() => getComputedStyle([...document.querySelectorAll(
    ".md-annotation__index")].find((m) => !m.closest("div.runnable")))
    .animationPlayState"""
#: A page with annotation markers outside its runnable blocks.
ANNOTATED = "threading-module.md"


def test_annotation_markers_pause_while_python_runs(visit: Tab) -> None:
    """Decoration takes no CPU from the reader's program: the pulse of the
    annotation markers pauses while Python runs, and plays again after."""
    example = next(e for e in RUNNABLE if e.page.name == ANNOTATED)
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    visit.wait_ready(path)
    assert visit.page.evaluate(MARKER_PLAY_STATE) == "running"
    visit.set_code(path, ENDLESS)
    panel = visit.panel(path)
    panel.get_by_role("button", name="Run").click()
    panel.locator(".tip-output", has_text="looping").wait_for()
    assert visit.page.evaluate(MARKER_PLAY_STATE) == "paused"
    panel.get_by_role("button", name="Stop").click()
    visit.wait_done(path)
    visit.page.wait_for_function(f"() => ({MARKER_PLAY_STATE})() === 'running'")
    visit.reset(path)


BAD_INPUT = {
    "exception": (
        'def divide():\n    return 1 / 0\n\n\nprint("before")\ndivide()',
        "error",
        [
            "ZeroDivisionError: division by zero",
            ", line 2, in divide",
            ", line 6, in <module>",
        ],
        "exception",
    ),
    "syntax-error": ('print("unclosed"', "syntax", ["SyntaxError"], "Syntax error"),
    "threading": (
        "import threading\n\n"
        "t = threading.Thread(target=print, args=('hi',))\nt.start()\nt.join()",
        "thread",
        [],
        "no threads",
    ),
    "thread-pool": (
        "from concurrent.futures import ThreadPoolExecutor\n\n"
        "with ThreadPoolExecutor() as pool:\n"
        "    print(pool.submit(sum, [1, 2]).result())",
        "thread",
        [],
        "no threads",
    ),
    "multiprocessing": (
        "import multiprocessing\n\nif __name__ == '__main__':\n"
        "    p = multiprocessing.Process(target=print)\n    p.start()\n    p.join()",
        "process",
        [],
        "no processes",
    ),
    "process-pool": (
        "from concurrent.futures import ProcessPoolExecutor\n\n"
        "with ProcessPoolExecutor() as pool:\n"
        "    print(pool.submit(sum, [1, 2]).result())",
        "process",
        [],
        "no processes",
    ),
    "numpy": ("import numpy", "module:numpy", [], "not available here"),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=str)
def test_bad_input_gets_a_clear_message(
    visit: Tab, runnable_examples, case: str
) -> None:
    code, verdict, in_stderr, in_message = BAD_INPUT[case]
    example = runnable_examples[0]
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    result = visit.run(path, code)
    assert result["verdict"] == verdict, result
    for text in in_stderr:
        assert text in result["stderr"], result
    assert in_message in result["message"], result
    # Tracebacks show the example's own lines only, never the runner's.
    assert "/lib/python" not in result["stderr"]
    assert "<runner>" not in result["stderr"]
    if verdict in {"thread", "process", "input", "module:numpy"}:
        assert f"python {path}" in result["message"], result
        assert "RuntimeError" not in result["stderr"]
    visit.reset(path)


# What a Run learns of the standard library it imports (web/pyodide/): the
# modules zipimport loaded, and those it compiled from source instead of
# loading their bytecode (a .pyc it could not use falls back to the .py).
STDLIB_PROBE = """\
import inspect, json, sys, threading, traceback, zipimport
loaded = [m for m in list(sys.modules.values())
          if isinstance(getattr(m, "__loader__", None), zipimport.zipimporter)]
print(len(loaded) > 100, sorted(m.__name__ for m in loaded
                                if not m.__file__.endswith(".pyc")))
print(inspect.getsource(threading.Thread.join).splitlines()[0].strip())
try:
    json.loads("{")
except ValueError:
    print(traceback.format_exc())
"""


def test_the_stdlib_a_run_imports_is_bytecode(
    browser, site_server, runnable_examples
) -> None:
    """Every module of the boot, the runner and a Run's usual imports comes
    from the bytecode the site's zip holds (none compiled at import), and the
    sources are still there: inspect reads them, tracebacks quote them. A tab
    of its own: only the boot's modules and the probe's are loaded."""
    example = runnable_examples[0]
    tab = open_tab(browser, site_server, site_server.page_url(example.page))
    try:
        result = tab.run(rel(example.snippet), STDLIB_PROBE)
    finally:
        tab.page.context.close()
    assert result["verdict"] == "ok", result
    lines = result["output"].splitlines()
    assert lines[0] == "True []", lines[0]
    assert lines[1] == "def join(self, timeout=None):", lines[1]
    traceback = "\n".join(lines[2:])
    assert '/json/decoder.py", line' in traceback, traceback
    assert "obj, end = self.scan_once(s, idx)" in traceback, traceback


def test_a_hundred_thousand_lines_are_capped(visit: Tab, runnable_examples) -> None:
    example = runnable_examples[0]
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    result = visit.run(path, "for i in range(100_000):\n    print(i)\nprint('end')")
    assert result["verdict"] == "ok", result
    lines = result["output"].splitlines()
    assert lines[:3] == ["0", "1", "2"]
    assert len(lines) == 5000
    assert (
        "Output capped at 5,000 lines: 95,001 more lines not shown."
        in result["message"]
    )
    # The page still works: a small run right after.
    assert visit.run(path, "print('still here')")["output"] == "still here\n"
    visit.reset(path)


def test_each_run_starts_from_a_clean_namespace(visit: Tab, runnable_examples) -> None:
    example = runnable_examples[0]
    go_to_a_runnable_page(visit, example)
    path = rel(example.snippet)
    assert visit.run(path, "leftover = 1\nprint(__name__)")["output"] == "__main__\n"
    result = visit.run(path, "print('leftover' in globals())")
    assert result["output"] == "False\n", result
    visit.reset(path)


def test_the_worker_survives_instant_navigation(visit: Tab, runnable_examples) -> None:
    first = runnable_examples[0]
    go_to_a_runnable_page(visit, first)
    path = rel(first.snippet)
    assert visit.run(path, "print('warm')")["output"] == "warm\n"
    visit.reset(path)
    created = visit.stats()["workersCreated"]
    others = [e for e in runnable_examples if e.page != first.page]
    second = others[0] if others else first
    # Through a third page: a link to the page shown is no page change.
    between = [p.source for p in site() if p.source not in (first.page, second.page)]
    visit.go(visit.server.page_url(between[0]))  # a page change, Material-style
    visit.go(visit.server.page_url(second.page))
    second_path = rel(second.snippet)
    result = visit.run(second_path, "print('second page')")
    assert result["output"] == "second page\n", result
    assert visit.stats()["workersCreated"] == created, "the worker was started again"
    visit.reset(second_path)


def test_leaving_the_page_stops_a_running_program(visit: Tab, runnable_examples):
    first = runnable_examples[0]
    go_to_a_runnable_page(visit, first)
    path = rel(first.snippet)
    visit.wait_ready(path)
    visit.set_code(path, "print('looping')\nwhile True:\n    pass")
    visit.panel(path).get_by_role("button", name="Run").click()
    visit.panel(path).locator(".tip-output", has_text="looping").wait_for()
    pages = [page.source for page in site() if page.source != first.page]
    assert visit.stats()["running"] is True
    visit.go(visit.server.page_url(pages[0]))
    visit.go(visit.server.page_url(first.page))
    # The endless loop was stopped when its block left the page.
    assert visit.stats()["running"] is False
    assert visit.run(path, "print('free again')")["output"] == "free again\n"
    visit.reset(path)


def test_nothing_was_fetched_from_another_host(visit: Tab) -> None:
    assert visit.outside == [], visit.outside
    assert all(url.startswith(visit.server.url) for url in visit.requests)


def test_python_that_cannot_load_is_reported_and_retried(
    browser, site_server, runnable_examples
) -> None:
    example = runnable_examples[0]
    tab = open_tab(browser, site_server, site_server.page_url(example.page))
    try:
        path = rel(example.snippet)
        tab.page.context.route("**/pyodide.asm.wasm", lambda route: route.abort())
        result = tab.run(path)
        assert result["verdict"] == "failed", result
        assert "Python could not start" in result["message"]
        assert f"python {path}" in result["message"]
        tab.page.context.unroute("**/pyodide.asm.wasm")
        assert tab.run(path, "print('second try')")["output"] == "second try\n"
    finally:
        tab.page.context.close()
