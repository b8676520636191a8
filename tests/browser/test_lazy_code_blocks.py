"""Code blocks set up as they scroll into view (Material's `content.lazy`)
behave like blocks set up at load: every one gets its toolbar and annotation
markers, nothing on the page moves when that happens, and the toolbars' names
follow the page order whatever order the reader scrolls in."""

from __future__ import annotations

import pytest
from runner_tab import new_page

from docs_tools.code_blocks import (
    CODE_BLOCK,
    MOUNTED,
    mount_code_blocks,
    wait_for_panels,
)
from docs_tools.contract import contract

pytestmark = pytest.mark.xdist_group("site-links")

PAGES = [url for url in contract() if "#" not in url]
LONG_PAGE = "/going-further/synchronization-primitives/"
TABBED_PAGE = "/locks/"

# Where each heading and the page's end are, in page coordinates.
LAYOUT = """() => ({
  height: document.documentElement.scrollHeight,
  headings: Object.fromEntries(
    [...document.querySelectorAll('.md-content :is(h2, h3, h4)[id]')]
      .map(h => [h.id, Math.round(h.getBoundingClientRect().top + window.scrollY)])),
})"""
# Per code block shown (not in an unselected tab): [annotations in its list,
# markers in the code, has a toolbar].
BLOCKS = """([blocks, mounted]) => [...document.querySelectorAll(blocks)]
  .filter(block => block.checkVisibility())
  .map(block => {
    const list = block.nextElementSibling;
    return [
      list && list.tagName === 'OL' ? list.children.length : 0,
      block.querySelectorAll('.md-annotation').length,
      block.querySelector(mounted) !== null,
    ];
  })"""


def open_page(tab, site_server, path: str) -> None:
    tab.goto(site_server.at(path))
    tab.wait_for_load_state("load")


@pytest.fixture(scope="module")
def tab(browser):
    # A phone-sized viewport: most blocks start below the fold.
    with new_page(browser, viewport={"width": 412, "height": 823}) as page:
        yield page


@pytest.mark.parametrize("path", PAGES, ids=str)
def test_blocks_set_up_on_scroll_move_nothing(tab, site_server, path) -> None:
    open_page(tab, site_server, path)
    if tab.locator(CODE_BLOCK).count() == 0:
        pytest.skip(f"{path} has no code block")
    wait_for_panels(tab)
    before = tab.evaluate(LAYOUT)
    annotations = [
        listed for listed, _, _ in tab.evaluate(BLOCKS, [CODE_BLOCK, MOUNTED])
    ]

    mount_code_blocks(tab)

    blocks = tab.evaluate(BLOCKS, [CODE_BLOCK, MOUNTED])
    assert all(toolbar for _, _, toolbar in blocks), f"{path}: a block has no toolbar"
    assert [markers for _, markers, _ in blocks] == annotations, (
        f"{path}: annotation markers (got) differ from the annotations listed"
    )
    after = tab.evaluate(LAYOUT)
    moved = {
        heading: (top, after["headings"].get(heading))
        for heading, top in before["headings"].items()
        if after["headings"].get(heading) != top
    }
    assert not moved, f"{path}: headings moved (before, after): {moved}"
    assert after["height"] == before["height"]


def test_blocks_below_the_fold_wait_until_seen(tab, site_server) -> None:
    """The flag is in effect: the set-up work is not all done at load."""
    open_page(tab, site_server, LONG_PAGE)
    # The last block a reader can scroll to: the exercises' solutions below it
    # stay in closed <details> until opened.
    last = tab.locator(f"{CODE_BLOCK} >> visible=true").last
    assert last.locator(MOUNTED).count() == 0
    last.scroll_into_view_if_needed()
    last.locator(MOUNTED).wait_for(state="attached", timeout=30_000)


def test_blocks_in_another_tab_are_set_up_when_it_is_selected(tab, site_server) -> None:
    open_page(tab, site_server, TABBED_PAGE)
    tabs = tab.locator(".tabbed-set").first
    tabs.scroll_into_view_if_needed()
    hidden = tabs.locator(".tabbed-block").nth(1).locator(CODE_BLOCK).first
    assert not hidden.is_visible()
    tabs.locator(".tabbed-labels > label").nth(1).click()
    hidden.locator(MOUNTED).wait_for(state="attached", timeout=30_000)


def test_toolbar_names_follow_the_page_order(tab, site_server) -> None:
    open_page(tab, site_server, LONG_PAGE)
    count = mount_code_blocks(tab, order="bottom-up")
    tab.wait_for_function(
        f"() => document.querySelectorAll('{MOUNTED}:not([aria-label])').length === 0"
    )
    # [the number in the toolbar's name, the block's place among all the
    # page's blocks]: a block in a closed <details> (an exercise's solution)
    # keeps its place, so a name never changes when the reader opens one.
    named = tab.locator(f"{CODE_BLOCK} {MOUNTED}").evaluate_all(
        """navs => {
          const blocks = [...document.querySelectorAll('.highlight')];
          return navs.map(nav => [
            nav.getAttribute('aria-label'),
            blocks.indexOf(nav.closest('.highlight')) + 1,
          ]);
        }"""
    )
    assert len(named) == count
    assert [label.rsplit(" ", 1)[-1] for label, _ in named] == [
        f"({place})" for _, place in named
    ], named
    places = [place for _, place in named]
    assert places == sorted(set(places)), "the names are not in page order"


def test_a_block_never_set_up_fails_with_its_name(tab, site_server) -> None:
    """mount_code_blocks gives up at its limit, even in a page that draws no
    frames (a wedged renderer once held a whole test module for 300 s each)."""
    tab.goto(site_server.at("/locks/"))
    tab.wait_for_load_state("load")
    tab.evaluate(
        """() => {
            window.requestAnimationFrame = () => 0;  // no frame ever comes
            const block = document.createElement("div");
            block.className = "highlight";
            block.innerHTML = "<pre><code>never set up</code></pre>";
            document.querySelector("article").append(block);
        }"""
    )
    with pytest.raises(Exception, match=r"code block \d+ of \d+ was not set up"):
        mount_code_blocks(tab, timeout_ms=500)
