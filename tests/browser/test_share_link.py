"""Copy link (web/runner/share.js): a link that carries a block's code, or a
threaded block's simulator settings, in its fragment; opening it shows that
code marked as shared, never runs it, and the page's original stays one
click away. Links that cannot work say why.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from runner_tab import Tab, open_tab

from docs_tools.pages import site_examples
from docs_tools.site import rel, site

# Boots Pyodide: on the second Pyodide worker (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("browser-2")

CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
MARKER = "Shared code, not the page's original"


@contextmanager
def tab_at(browser, server, url: str, **options) -> Iterator[Tab]:
    tab = open_tab(browser, server, url, **options)
    try:
        yield tab
    finally:
        tab.page.context.close()


def copy_link(tab: Tab, panel) -> str:
    panel.get_by_role("button", name="Copy link to").click()
    box = panel.locator(".tip-share-box")
    box.and_(tab.page.locator("[data-tip-share]")).wait_for()
    return box


def in_view(locator) -> bool:
    return locator.evaluate(
        """e => { const r = e.getBoundingClientRect();
            return r.top >= 0 && r.top < innerHeight; }"""
    )


def test_round_trip_reset_and_the_original(
    browser, site_server, runnable_examples
) -> None:
    example = runnable_examples[-1]  # far down its page: the link must scroll
    path = rel(example.snippet)
    url = site_server.page_url(example.page)
    code = "print('shared', 6 * 7)  # ünïcode ✓"
    with tab_at(browser, site_server, url, **CLIPBOARD) as tab:
        tab.wait_ready(path)
        original = tab.block(path).evaluate("e => e.tipBlock.original")
        tab.set_code(path, code)
        box = copy_link(tab, tab.panel(path))
        assert box.get_attribute("data-tip-share") == "copied"
        assert "Link copied" in box.text_content()
        link = tab.page.evaluate("() => navigator.clipboard.readText()")
    assert link.startswith(url + "#run=z"), link

    with tab_at(browser, site_server, link) as tab:
        tab.wait_ready(path)
        marker = tab.page.locator(".tip-share-note", has_text=MARKER)
        marker.wait_for()
        assert tab.code(path) == code
        assert in_view(marker)
        # Shown, never run: no worker, no Run, no verdict.
        stats = tab.stats()
        assert stats["workersCreated"] == 0 and stats["runs"] == 0, stats
        assert tab.block(path).get_attribute("data-tip-verdict") is None
        # The link leaves the address bar (for the marker's id, or the
        # heading Material's navigation.tracking puts there): a reload
        # shows the page's own code.
        assert not tab.page.evaluate("() => location.hash").startswith("#run=")
        assert tab.run(path)["output"] == "shared 42\n"
        marker.get_by_role("button", name="Reset").click()
        assert marker.count() == 0
        assert tab.code(path) == original
        assert tab.block(path).evaluate("e => e.tipBlock.original") == original

    # The shared code was shown, not kept as the reader's version.
    with tab_at(browser, site_server, url) as tab:
        tab.wait_ready(path)
        assert tab.code(path) == original
        assert tab.page.locator(".tip-share-note").count() == 0


def test_a_heading_anchor_still_works(browser, site_server, runnable_examples) -> None:
    page = site().page(runnable_examples[0].page)
    # One with a page's height below it: navigation.tracking renames the
    # hash after the heading in view, and the last ones never reach the top.
    named = [h for h in page.headings if h.id]
    heading = named[len(named) // 2]
    url = site_server.page_url(page.src_uri) + f"#{heading.id}"
    with tab_at(browser, site_server, url) as tab:
        target = tab.page.locator(f"[id='{heading.id}']")
        tab.page.wait_for_function(
            """id => { const r = document.getElementById(id).getBoundingClientRect();
                return r.top >= 0 && r.top < innerHeight; }""",
            arg=heading.id,
        )
        assert in_view(target)
        # The fragment is still a heading's, not a shared code's. It may be
        # one above it: navigation.tracking names the heading at the top,
        # and a page that settles late under load (here in a whole-suite
        # run, one in three) pushes the target down a little, still in view
        # ('#the-gil' for '#why-use-multithreading').
        ids = [f"#{h.id}" for h in named]
        fragment = tab.page.evaluate("() => location.hash")
        assert fragment in ids[: ids.index(f"#{heading.id}") + 1], fragment
        assert tab.page.locator(".tip-share-note").count() == 0


def test_too_long_for_a_link(browser, site_server, runnable_examples) -> None:
    example = runnable_examples[0]
    path = rel(example.snippet)
    rng = random.Random(17)  # letters in no order: deflate cannot shrink them much
    letters = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=8000))
    long_code = f"s = '{letters}'"
    with tab_at(browser, site_server, site_server.page_url(example.page)) as tab:
        tab.wait_ready(path)
        tab.set_code(path, long_code)
        box = copy_link(tab, tab.panel(path))
        assert box.get_attribute("data-tip-share") == "too-long"
        text = box.text_content()
        assert "Too long for a link" in text and "4,000" in text, text
        # Nothing is lost: the code is still there.
        assert tab.code(path) == long_code


def test_without_a_clipboard_the_link_is_shown(
    browser, site_server, runnable_examples
) -> None:
    example = runnable_examples[0]
    path = rel(example.snippet)
    with tab_at(browser, site_server, site_server.page_url(example.page)) as tab:
        tab.page.evaluate(
            "() => Object.defineProperty(navigator, 'clipboard', {value: undefined})"
        )
        tab.wait_ready(path)
        tab.set_code(path, "print('by hand')")
        box = copy_link(tab, tab.panel(path))
        assert box.get_attribute("data-tip-share") == "by-hand"
        field = box.get_by_role("textbox")
        link = field.input_value()
        assert link.startswith(site_server.page_url(example.page) + "#run=")
        assert field.evaluate("e => document.activeElement === e")


@pytest.mark.parametrize(
    ("fragment", "says"),
    [
        ("#run=zAAAAAAA", "cannot be read"),
        ("#run=jbm90IGpzb24", "cannot be read"),
        # {"v":1,"k":"snippets/nowhere.py","code":"x"} as plain JSON
        (
            "#run=jeyJ2IjoxLCJrIjoic25pcHBldHMvbm93aGVyZS5weSIsImNvZGUiOiJ4In0",
            "snippets/nowhere.py, which this page no longer shows",
        ),
    ],
    ids=["corrupt", "not-json", "no-such-block"],
)
def test_a_broken_link_says_so(
    browser, site_server, runnable_examples, fragment, says
) -> None:
    example = runnable_examples[0]
    path = rel(example.snippet)
    url = site_server.page_url(example.page)
    with tab_at(browser, site_server, url + fragment) as tab:
        tab.wait_ready(path)
        note = tab.page.get_by_role("alert").filter(has_text=says)
        note.wait_for()
        assert "the page shows its own code" in note.text_content()
        assert tab.code(path) == tab.block(path).evaluate("e => e.tipBlock.original")


THREADED = next(example for example in site_examples() if example.kind == "threaded")


def test_a_threaded_block_shares_its_simulator_settings(browser, site_server) -> None:
    path = rel(THREADED.snippet)
    url = site_server.page_url(THREADED.page)
    with tab_at(browser, site_server, url, **CLIPBOARD) as tab:
        page = tab.page
        sim = page.locator("div.tip-sim").filter(
            has=page.get_by_role("button", name=f"Copy link to {path}")
        )
        sim.wait_for()
        sim.locator(".tip-sim-seed").fill("7")
        sim.locator(".tip-sim-policy").select_option("random")
        sim.locator(".tip-sim-quantum").fill("3")
        copy_link(tab, sim)
        link = page.evaluate("() => navigator.clipboard.readText()")
    with tab_at(browser, site_server, link) as tab:
        page = tab.page
        marker = page.locator(".tip-share-note", has_text="Shared simulator settings")
        marker.wait_for()
        sim = page.locator("div.tip-sim").filter(
            has=page.get_by_role("button", name=f"Copy link to {path}")
        )
        assert sim.locator(".tip-sim-seed").input_value() == "7"
        assert sim.locator(".tip-sim-policy").input_value() == "random"
        assert sim.locator(".tip-sim-quantum").input_value() == "3"
        assert tab.stats()["runs"] == 0
        marker.get_by_role("button", name="Reset").click()
        assert sim.locator(".tip-sim-seed").input_value() == "1"
        assert sim.locator(".tip-sim-policy").input_value() == "every"
