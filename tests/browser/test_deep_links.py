"""Every contracted anchor opens scrolled to its heading, in Chromium.

Two ways a reader arrives: by opening `page/#anchor` directly (a link in a
syllabus), and by following a link from another page, which Material's
instant navigation loads without a full page load.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from runner_tab import ARRIVED, FOLLOW_LINK, new_page

from docs_tools.contract import contract

# Needs no Pyodide: runs in its own xdist worker, beside the runner tests.
pytestmark = pytest.mark.xdist_group("site-links")

ANCHORS: dict[str, list[str]] = defaultdict(list)
for url in contract():
    path, _, anchor = url.partition("#")
    if anchor:
        ANCHORS[path].append(anchor)

# Scrolled to the anchor: the target is in the top third of the window (below
# Material's sticky header), or, near the end of a short page, the page is
# scrolled as far down as it goes and the target is visible.
SCROLLED_TO = """
(id) => {
  const target = document.getElementById(id);
  if (!target) return false;
  const top = target.getBoundingClientRect().top;
  const atBottom = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
  // Not hidden under Material's sticky header either.
  const header = document.querySelector(".md-header");
  const below = header ? header.getBoundingClientRect().bottom - 1 : 0;
  const near = top <= innerHeight / 3 || (atBottom && top < innerHeight - 20);
  return top >= below && near;
}
"""
STATE = """
(id) => {
  const target = document.getElementById(id);
  return {found: !!target, top: target && target.getBoundingClientRect().top,
          height: innerHeight, scrolled: scrollY,
          page: document.documentElement.scrollHeight};
}
"""


def wait_scrolled_to(tab, anchor: str, url: str) -> None:
    try:
        tab.wait_for_function(SCROLLED_TO, arg=anchor, timeout=5000)
    except Exception:
        state = tab.evaluate(STATE, anchor)
        pytest.fail(f"{url}: not scrolled to its heading: {state}", pytrace=False)


@pytest.fixture(scope="module")
def tab(browser):
    with new_page(browser, viewport={"width": 1280, "height": 800}) as page:
        yield page


@pytest.mark.parametrize("path", sorted(ANCHORS), ids=str)
def test_opening_an_anchor_directly_scrolls_to_it(tab, site_server, path) -> None:
    for anchor in ANCHORS[path]:
        url = site_server.at(f"{path}#{anchor}")
        tab.goto(url)
        tab.wait_for_load_state("load")
        wait_scrolled_to(tab, anchor, path + "#" + anchor)


@pytest.mark.parametrize("path", sorted(ANCHORS), ids=str)
def test_following_a_link_from_another_page_scrolls_to_it(
    tab, site_server, path
) -> None:
    start = site_server.at("/summary/" if path == "/" else "/")
    # Material takes over a link only after it has fetched sitemap.xml; a
    # click before that would be an ordinary page load.
    with tab.expect_response(lambda response: response.url.endswith("sitemap.xml")):
        tab.goto(start)
    tab.wait_for_function("() => typeof document$ !== 'undefined'")
    tab.evaluate("() => { window.notReloaded = true; }")
    for anchor in ANCHORS[path]:
        target = site_server.at(f"{path}#{anchor}")
        follow(tab, target)
        wait_scrolled_to(tab, anchor, path + "#" + anchor)
        assert tab.evaluate("() => window.notReloaded === true"), (
            f"{target}: the page was reloaded instead of instant navigation"
        )
        # Back to the other page by a link too, so that the next anchor is
        # again reached from another page, as a reader's link is.
        # (Arrived whatever the hash: navigation.tracking may name the
        # heading in view as the page settles.)
        tab.evaluate(FOLLOW_LINK, start)
        tab.wait_for_function(ARRIVED, arg=start)


def follow(tab, href: str) -> None:
    """Click a link to `href` in the article, as a reader does."""
    tab.evaluate(
        """(href) => {
            const link = document.createElement("a");
            link.href = href;
            link.textContent = "deep link";
            document.querySelector("article").append(link);
            link.click();
        }""",
        href,
    )
    tab.wait_for_function("(href) => location.href === href", arg=href)
