"""input() that asks as the program runs, where the browser lets Python wait
(WebAssembly JSPI; or, without it, shared memory on a cross-origin-isolated
page), and the box of lines typed beforehand elsewhere.

The reader types on a line at the end of the output, after the prompt:
Enter sends it (echoed, as a terminal shows it), Ctrl+D sends end of file,
Stop ends the program while it waits. JSPI is hidden, where a test needs
its absence, from the page and its worker (runner_tab.hide_jspi).
"""

from __future__ import annotations

import pytest
from runner_tab import Tab, open_tab

from docs_tools.site import rel

# Boots Pyodide: on the second Pyodide worker (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("browser-2")

TWO_QUESTIONS = (
    'first = input("First? ")\nsecond = input("Second? ")\nprint(first, "+", second)'
)


def ask_line(tab: Tab, path: str):
    """The line input() waits on, once it is there."""
    line = tab.panel(path).get_by_role("textbox", name=f"Input for {path}")
    line.wait_for()
    return line


def start(tab: Tab, path: str, code: str) -> None:
    tab.wait_ready(path)
    tab.set_code(path, code)
    tab.panel(path).get_by_role("button", name="Run").click()


def output(tab: Tab, path: str) -> str:
    return tab.panel(path).locator(".tip-output").text_content()


def two_questions(tab: Tab, path: str) -> None:
    start(tab, path, TWO_QUESTIONS)
    line = ask_line(tab, path)
    # The prompt, without a newline, is on the page; the line has the focus.
    assert output(tab, path) == "First? "
    assert line.evaluate("element => element === document.activeElement")
    tab.page.keyboard.type("one")
    tab.page.keyboard.press("Enter")
    tab.panel(path).locator(".tip-output", has_text="Second? ").wait_for()
    line = ask_line(tab, path)
    line.fill("two")
    line.press("Enter")
    result = tab.wait_done(path)
    assert result["verdict"] == "ok", result
    assert result["output"] == "First? one\nSecond? two\none + two\n", result
    echoed = tab.panel(path).locator(".tip-stdin-echo").all_text_contents()
    assert echoed == ["one\n", "two\n"]


def end_of_file(tab: Tab, path: str) -> None:
    start(tab, path, 'try:\n    input("Name? ")\nexcept EOFError:\n    print("EOF")')
    ask_line(tab, path).press("Control+d")
    result = tab.wait_done(path)
    assert result["verdict"] == "ok", result
    assert result["output"] == "Name? EOF\n", result
    # Uncaught, it is the program's EOFError, as in CPython.
    start(tab, path, 'input("Name? ")')
    ask_line(tab, path).press("Control+d")
    result = tab.wait_done(path)
    assert result["verdict"] == "error", result
    assert "EOFError: EOF when reading a line" in result["stderr"], result


def stop_while_waiting(tab: Tab, path: str) -> None:
    created = tab.stats()["workersCreated"]
    start(tab, path, 'print("asking")\ninput("Never answered? ")\nprint("not here")')
    ask_line(tab, path)
    tab.panel(path).get_by_role("button", name="Stop").click()
    result = tab.wait_done(path)
    assert result["verdict"] == "interrupted", result
    assert "not here" not in result["output"]
    assert tab.panel(path).locator(".tip-ask").count() == 0
    # The same warm worker runs the next program.
    assert tab.run(path, "print('next')")["output"] == "next\n"
    assert tab.stats()["workersCreated"] == created


@pytest.fixture(scope="module")
def tab(browser, site_server, runnable_examples):
    tab = open_tab(
        browser, site_server, site_server.page_url(runnable_examples[0].page)
    )
    assert tab.page.evaluate("() => typeof WebAssembly.Suspending") == "function"
    tab.run(rel(runnable_examples[0].snippet), "print('warm')")
    yield tab
    tab.page.context.close()


@pytest.fixture(scope="module")
def path(runnable_examples) -> str:
    return rel(runnable_examples[0].snippet)


def test_two_questions_in_a_row(tab: Tab, path: str):
    two_questions(tab, path)
    tab.reset(path)


def test_ctrl_d_is_end_of_file(tab: Tab, path: str):
    end_of_file(tab, path)
    tab.reset(path)


def test_stop_while_it_waits(tab: Tab, path: str):
    stop_while_waiting(tab, path)
    tab.reset(path)


def test_the_line_is_labelled_and_has_an_end_of_input_button(tab: Tab, path: str):
    start(tab, path, 'print(repr(input("? ")))')
    line = ask_line(tab, path)
    assert "Enter sends it" in line.get_attribute("aria-label")
    end = tab.panel(path).get_by_role("button", name=f"End of input for {path}")
    assert end.count() == 1
    assert tab.panel(path).locator(".tip-status").text_content() == (
        "Waiting for your input…"
    )
    end.click()
    result = tab.wait_done(path)
    assert result["verdict"] == "error", result
    assert "EOFError" in result["stderr"]
    tab.reset(path)


def test_enter_with_nothing_typed_is_an_empty_string(tab: Tab, path: str):
    start(tab, path, 'print(repr(input("? ")))')
    ask_line(tab, path).press("Enter")
    result = tab.wait_done(path)
    assert result["output"] == "? \n''\n", result
    tab.reset(path)


def test_a_huge_line_arrives_whole(tab: Tab, path: str):
    start(tab, path, "line = input()\nprint(len(line), line[:3], line[-3:])")
    line = ask_line(tab, path)
    line.fill("abc" + "x" * 999_994 + "xyz")
    line.press("Enter")
    result = tab.wait_done(path)
    assert result["verdict"] == "ok", result
    assert result["output"].endswith("\n1000000 abc xyz\n"), result["output"][-80:]
    tab.reset(path)


def test_sys_stdin_asks_too(tab: Tab, path: str):
    start(
        tab,
        path,
        "import sys\n\nfor line in sys.stdin:\n    print('got', line.strip())",
    )
    ask_line(tab, path).press("Enter")
    tab.panel(path).locator(".tip-output", has_text="got").wait_for()
    line = ask_line(tab, path)
    line.fill("x")
    line.press("Enter")
    tab.panel(path).locator(".tip-output", has_text="got x").wait_for()
    ask_line(tab, path).press("Control+d")
    result = tab.wait_done(path)
    assert result["output"] == "\ngot \nx\ngot x\n", result
    tab.reset(path)


# -------------------------------------------------- without JSPI: shared memory


@pytest.fixture(scope="module")
def isolated_tab(browser, isolated_server, runnable_examples):
    tab = open_tab(
        browser,
        isolated_server,
        isolated_server.page_url(runnable_examples[0].page),
        jspi=False,
    )
    assert tab.page.evaluate("() => crossOriginIsolated") is True
    assert tab.page.evaluate("() => typeof WebAssembly.Suspending") == "undefined"
    tab.run(rel(runnable_examples[0].snippet), "print('warm')")
    yield tab
    tab.page.context.close()


def test_no_jspi_isolated_two_questions(isolated_tab: Tab, path: str):
    two_questions(isolated_tab, path)
    isolated_tab.reset(path)


def test_no_jspi_isolated_end_of_file(isolated_tab: Tab, path: str):
    end_of_file(isolated_tab, path)
    isolated_tab.reset(path)


def test_no_jspi_isolated_stop_while_it_waits(isolated_tab: Tab, path: str):
    stop_while_waiting(isolated_tab, path)
    isolated_tab.reset(path)


# ------------------------------------------- neither: the box, as before


@pytest.fixture(scope="module")
def box_tab(browser, site_server, runnable_examples):
    tab = open_tab(
        browser,
        site_server,
        site_server.page_url(runnable_examples[0].page),
        jspi=False,
    )
    yield tab
    tab.page.context.close()


def test_elsewhere_input_reads_the_lines_typed_in_the_box(box_tab: Tab, path: str):
    code = 'name = input("Your name? ")\nprint("Hello", name)'
    result = box_tab.run(path, code)
    assert result["verdict"] == "input", result
    assert "Type its answers in the box below" in result["message"], result
    assert f"python {path}" in result["message"], result
    assert "RuntimeError" not in result["stderr"]
    box = box_tab.panel(path).get_by_role("textbox", name="Input")
    assert box.evaluate("element => element === document.activeElement")
    box_tab.page.keyboard.type("Ada")
    box_tab.page.keyboard.press("Control+Enter")
    result = box_tab.wait_done(path)
    assert result["verdict"] == "ok", result
    assert result["output"] == "Your name? Ada\nHello Ada\n"
    # More input() calls than lines: said plainly, no EOFError traceback.
    result = box_tab.run(path, code + '\ninput("Again? ")')
    assert result["verdict"] == "input-ran-out", result
    assert "add a line" in result["message"]
    box_tab.reset(path)
    assert box.is_hidden()
