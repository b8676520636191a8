"""axe-core finds no accessibility violation on any page, light or dark, with
every code block set up (toolbars, annotation markers: Material adds them as
blocks scroll into view)."""

from __future__ import annotations

import pytest
from runner_tab import new_page

from docs_tools.axe import SCHEMES, described, load_axe, show_scheme, violations
from docs_tools.code_blocks import mount_code_blocks
from docs_tools.contract import contract

# Needs no Pyodide: shares the xdist worker of the other site-wide page checks.
pytestmark = pytest.mark.xdist_group("site-links")

PAGES = [url for url in contract() if "#" not in url]


@pytest.fixture(scope="module")
def tab(browser):
    with new_page(browser, color_scheme="light") as page:
        yield page


@pytest.mark.parametrize("path", PAGES, ids=str)
def test_no_axe_violations(tab, site_server, path) -> None:
    """Each page is loaded once and checked in both schemes: the site's palette
    follows the system setting live, so the dark check needs no second load."""
    tab.emulate_media(color_scheme="light")
    tab.goto(site_server.at(path))
    tab.wait_for_load_state("load")
    mount_code_blocks(tab)
    load_axe(tab)
    problems = {}
    for system in SCHEMES:
        show_scheme(tab, system)
        problems[system] = described(violations(tab))
    assert not any(problems.values()), "\n".join(
        f"{path} ({system}):\n" + "\n".join(found)
        for system, found in problems.items()
        if found
    )


def test_a_violation_on_a_page_is_reported(tab, site_server) -> None:
    """The audit can fail: an image with no text and grey-on-grey text,
    planted on a page, are reported with their nodes in both schemes."""
    tab.goto(site_server.at("/locks/"))
    tab.wait_for_load_state("load")
    tab.evaluate("""() => document.querySelector("article").insertAdjacentHTML(
        "afterbegin", '<img src="data:," id="planted-img">'
        + '<p id="planted-text" style="color:#777;background:#888">faint</p>')""")
    load_axe(tab)
    for system in SCHEMES:
        show_scheme(tab, system)
        found = {v["id"]: v for v in violations(tab)}
        assert {"image-alt", "color-contrast"} <= found.keys(), (system, found.keys())
        assert "planted-img" in found["image-alt"]["nodes"][0]["html"]
        assert any(
            "planted-text" in node["html"] for node in found["color-contrast"]["nodes"]
        )
    tab.emulate_media(color_scheme="light")


def test_the_pages_are_audited(site_server) -> None:
    assert len(PAGES) >= 10


#: [animation, seconds it lasts in all (null: forever)] of each annotation
#: marker in view, from its computed style (a finished one is still there).
MARKER_MOTION = """() => [...document.querySelectorAll(
    '[data-md-visible] > .md-annotation__index')].map((marker) => {
  const style = getComputedStyle(marker);
  const count = style.animationIterationCount;
  return [style.animationName, count === "infinite"
    ? null : parseFloat(style.animationDuration) * parseFloat(count)];
})"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_nothing_moves_by_itself_for_more_than_5_s(browser, site_server, motion):
    """WCAG 2.2.2: the annotation markers' pulse (Material's) stops by itself,
    and is not there for a reader who asks for less motion."""
    with new_page(browser, reduced_motion=motion) as page:
        page.goto(site_server.at("/"))  # it has annotations
        page.wait_for_load_state("load")
        marker = page.locator(".md-annotation__index").first
        marker.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('[data-md-visible]')")
        motions = page.evaluate(MARKER_MOTION)
        assert motions, "no annotation marker in view: is the page annotated?"
        if motion == "reduce":
            assert all(name == "none" for name, _ in motions), motions
        else:
            assert all(name == "pulse" for name, _ in motions), motions
            assert all(s is not None and s <= 5 for _, s in motions), motions
