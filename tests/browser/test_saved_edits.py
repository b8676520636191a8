"""Your edits are kept: a runnable block's code, edited, survives a reload,
with a note that offers the original; a save made from an older original
says so and offers both; storage that is disabled or full costs nothing but
the save. None of these runs Python: each test opens a fresh browser context
(its own storage) on one page and never presses Run."""

from __future__ import annotations

import pytest
from runner_tab import ALL_READY, Tab, open_tab

from docs_tools.pages import Example
from docs_tools.site import rel

# Boots Pyodide when it clicks into code (boot on intent): on the second Pyodide worker.
pytestmark = pytest.mark.xdist_group("browser-2")

MINE = 'print("my own version")'


@pytest.fixture
def first(runnable_examples: list[Example]) -> Example:
    return runnable_examples[0]


def opened(browser, site_server, example: Example, **options) -> Tab:
    tab = open_tab(browser, site_server, site_server.page_url(example.page), **options)
    errors: list[str] = []
    tab.page.on("pageerror", lambda error: errors.append(str(error)))
    tab.errors = errors  # type: ignore[attr-defined]
    return tab


def note(tab: Tab, path: str):
    return tab.block(path).locator("xpath=preceding-sibling::div[1]")


def reload(tab: Tab) -> None:
    tab.page.reload()
    tab.page.wait_for_function(ALL_READY)


def wait_saved(tab: Tab, path: str, code: str) -> None:
    """Until the code is in storage (the save waits for a pause in typing)."""
    tab.page.wait_for_function(
        "code => Object.keys(localStorage).some(key => key.startsWith('tip:v1:code:')"
        " && JSON.parse(localStorage.getItem(key)).code === code)",
        arg=code,
    )


def test_an_edit_is_restored_after_a_reload_and_reset_brings_the_original(
    browser, site_server, first: Example
) -> None:
    path = rel(first.snippet)
    original = first.snippet.read_text(encoding="utf-8").rstrip("\n")
    tab = opened(browser, site_server, first)
    try:
        tab.wait_ready(path)
        assert note(tab, path).is_hidden()
        tab.start_editing(path)
        tab.page.keyboard.press("Control+End")
        tab.page.keyboard.press("Enter")
        tab.page.keyboard.type(MINE)
        wait_saved(tab, path, f"{original}\n{MINE}")
        reload(tab)
        tab.wait_ready(path)
        shown = note(tab, path)
        shown.get_by_text("Your version — kept in this browser").wait_for()
        tab.page.wait_for_function(
            "block => block.tipBlock.editor !== null",
            arg=tab.block(path).element_handle(),
        )
        assert tab.code(path) == f"{original}\n{MINE}"
        # The editor shows it, not only the block's memory.
        assert MINE in tab.block(path).locator(".cm-content").text_content()

        shown.get_by_role("button", name="Reset to the original").click()
        assert tab.code(path) == original
        shown.get_by_role("button", name="Back to your version").click()
        assert tab.code(path) == f"{original}\n{MINE}"
        shown.get_by_text("Your version — kept in this browser").wait_for()

        # The toolbar's Reset forgets it: a reload shows the original.
        tab.reset(path)
        reload(tab)
        tab.wait_ready(path)
        assert tab.code(path) == original
        assert note(tab, path).is_hidden()
        assert tab.errors == []  # type: ignore[attr-defined]
    finally:
        tab.page.context.close()


def test_a_save_from_an_older_original_says_so_and_offers_both(
    browser, site_server, first: Example
) -> None:
    path = rel(first.snippet)
    original = first.snippet.read_text(encoding="utf-8").rstrip("\n")
    newer = f"# a newer original\n{original}"
    # No service worker: its cached copy of the snippet would hide the route.
    tab = opened(browser, site_server, first, service_workers="block")
    try:
        tab.wait_ready(path)
        tab.set_code(path, MINE)
        wait_saved(tab, path, MINE)
        # A new deployment: the block's original is no longer the one edited.
        tab.page.route(
            f"**/{path}",
            lambda route: route.fulfill(body=newer, content_type="text/plain"),
        )
        reload(tab)
        tab.wait_ready(path)
        shown = note(tab, path)
        shown.get_by_text("this example has changed since").wait_for()
        assert tab.block(path).get_attribute("data-tip-restored") == "changed"
        assert tab.code(path) == MINE  # nothing lost

        shown.get_by_role("button", name="Use the new original").click()
        assert tab.code(path) == newer
        shown.get_by_role("button", name="Back to your version").click()
        assert tab.code(path) == MINE

        # "Keep my version": from now on a version of the new original.
        reload(tab)
        tab.wait_ready(path)
        shown = note(tab, path)
        shown.get_by_role("button", name="Keep my version").click()
        shown.get_by_text("Your version — kept in this browser").wait_for()
        reload(tab)
        tab.wait_ready(path)
        note(tab, path).get_by_role("button", name="Reset to the original").wait_for()
        assert tab.block(path).get_attribute("data-tip-restored") == "yours"
        assert tab.code(path) == MINE
        assert tab.errors == []  # type: ignore[attr-defined]
    finally:
        tab.page.context.close()


NO_STORAGE = """Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
})"""
FULL_STORAGE = """Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
}"""


@pytest.mark.parametrize("script", [NO_STORAGE, FULL_STORAGE], ids=["disabled", "full"])
def test_storage_disabled_or_full_only_means_nothing_is_kept(
    browser, site_server, first: Example, script: str
) -> None:
    path = rel(first.snippet)
    context = browser.new_context()
    context.add_init_script(script)
    page = context.new_page()
    # Material's own scripts throw where storage throws (not ours to fix):
    # only errors raised in the runner's modules count.
    errors: list[str] = []
    page.on(
        "pageerror",
        lambda error: (
            "/assets/runner/" in (error.stack or "") and errors.append(error.stack)
        ),
    )
    try:
        page.goto(site_server.page_url(first.page))
        page.wait_for_function(ALL_READY)
        tab = Tab(page=page, server=site_server)
        tab.wait_ready(path)
        tab.start_editing(path)
        page.keyboard.type("# typed ")
        assert tab.code(path).startswith("# typed ")
        page.reload()
        page.wait_for_function(ALL_READY)
        tab.wait_ready(path)
        assert not tab.code(path).startswith("# typed ")
        assert note(tab, path).is_hidden()
        assert errors == []
    finally:
        context.close()
