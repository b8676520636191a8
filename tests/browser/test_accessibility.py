"""axe-core finds no accessibility violation on any page, light or dark, with
every code block set up (toolbars, annotation markers: Material adds them as
blocks scroll into view)."""

from __future__ import annotations

from pathlib import Path

import pytest
from runner_tab import new_page

from docs_tools.code_blocks import mount_code_blocks
from docs_tools.contract import contract

# Needs no Pyodide: shares the xdist worker of the other site-wide page checks.
pytestmark = pytest.mark.xdist_group("site-links")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [url for url in contract() if "#" not in url]


SCHEMES = {"light": "default", "dark": "slate"}  # system setting: Material's scheme
# The scheme is applied and drawn: colours that fade between schemes (Material's
# CSS transitions) have finished, so axe measures the colours a reader sees.
SCHEME_SHOWN = """scheme => document.body.dataset.mdColorScheme === scheme
    && !document.getAnimations().some(
      (a) => a instanceof CSSTransition && a.playState === "running")"""


@pytest.fixture(scope="module")
def tab(browser):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (python3 dev.py does)")
    with new_page(browser, color_scheme="light") as page:
        yield page


def axe_problems(tab) -> list[str]:
    result = tab.evaluate("() => axe.run()")
    return [
        f"{violation['id']}: {violation['help']} — "
        + "; ".join(node["html"][:120] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("path", PAGES, ids=str)
def test_no_axe_violations(tab, site_server, path) -> None:
    """Each page is loaded once and checked in both schemes: the site's palette
    follows the system setting live, so the dark check needs no second load."""
    tab.emulate_media(color_scheme="light")
    tab.goto(site_server.at(path))
    tab.wait_for_load_state("load")
    mount_code_blocks(tab)
    tab.add_script_tag(path=str(AXE))
    problems = {}
    for system, scheme in SCHEMES.items():
        tab.emulate_media(color_scheme=system)
        tab.wait_for_function(SCHEME_SHOWN, arg=scheme)
        problems[system] = axe_problems(tab)
    assert not any(problems.values()), "\n".join(
        f"{path} ({system}):\n" + "\n".join(found)
        for system, found in problems.items()
        if found
    )


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
