"""The light/dark toggle that replaces Material's palette component
(overrides/partials/palette.html, overrides/partials/javascripts/palette.html,
docs/assets/javascripts/palette.js): the system's scheme from the first
paint, a choice that is saved and carried from page to page (also through
instant navigation), the keyboard, and the browser's own colours."""

from __future__ import annotations

import pytest
from runner_tab import new_page

# Needs no Pyodide: runs in its own xdist worker, beside the runner tests.
pytestmark = pytest.mark.xdist_group("site-links")

PAGE = "/locks/"
OTHER = "/thread-pools/"

# Records the body's scheme when the article starts to be parsed: what the
# first paint of the content is drawn with. Deferred scripts (Material's
# bundle, palette.js) run only after the whole document is parsed.
SCHEME_AT_CONTENT = """
window.schemeAtContent = null;
new MutationObserver((records, observer) => {
  if (!document.querySelector("article")) return;
  window.schemeAtContent = document.body.getAttribute("data-md-color-scheme");
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""

STATE = """
() => {
  const header = document.querySelector("[data-md-component=header]");
  const style = getComputedStyle(header);
  const hex = "#" + style.backgroundColor.match(/\\d+/g).slice(0, 3)
    .map((part) => (+part).toString(16).padStart(2, "0")).join("");
  const shown = [...document.querySelectorAll("form[data-palette-toggle] label")]
    .filter((label) => !label.hidden);
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    toggle: shown.map((label) => label.title),
    colorSchemeMeta: [...document.querySelectorAll('meta[name="color-scheme"]')]
      .map((meta) => meta.content),
    themeColorMeta: [...document.querySelectorAll('meta[name="theme-color"]')]
      .map((meta) => meta.content),
    headerColorScheme: style.colorScheme,
    headerColor: hex,
    saved: (() => {
      try { return __md_get("__palette"); } catch { return "unreadable"; }
    })(),
    materialComponent: document.querySelectorAll("[data-md-component=palette]").length,
  };
}
"""

LIGHT = {"scheme": "default", "toggle": ["Switch to dark mode"]}
DARK = {"scheme": "slate", "toggle": ["Switch to light mode"]}


@pytest.fixture
def open_page(browser, site_server):
    """A fresh context (empty storage) per test, in the given system scheme."""
    contexts = []

    def open_page(scheme: str, path: str = PAGE):
        context = browser.new_context(color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(SCHEME_AT_CONTENT)
        page.goto(site_server.at(path))
        page.wait_for_load_state("load")
        return page

    yield open_page
    for context in contexts:
        context.close()


def state(page) -> dict:
    return page.evaluate(STATE)


def assert_palette(page, expected: dict) -> None:
    now = state(page)
    assert {key: now[key] for key in expected} == expected, now
    # The browser's own colours follow the page: one meta of each, from the
    # header's computed style (no duplicate left by Material's component).
    assert now["colorSchemeMeta"] == [now["headerColorScheme"]], now
    assert now["themeColorMeta"] == [now["headerColor"]], now
    assert now["materialComponent"] == 0, now


@pytest.mark.parametrize(
    ("system", "expected", "meta"),
    [("light", LIGHT, "light"), ("dark", DARK, "dark")],
)
def test_the_system_scheme_is_there_from_the_first_paint(
    open_page, system, expected, meta
) -> None:
    page = open_page(system)
    assert page.evaluate("window.schemeAtContent") == expected["scheme"]
    assert_palette(page, expected)
    assert state(page)["colorSchemeMeta"] == [meta]
    assert state(page)["saved"] is None  # nothing chosen yet


def test_a_choice_is_saved_and_carried_to_other_pages(open_page, site_server) -> None:
    page = open_page("light")
    page.click("form[data-palette-toggle] label:not([hidden])")
    assert_palette(page, DARK)
    saved = state(page)["saved"]
    # Material's own format: a choice made before this site replaced the
    # component is still honoured, and this one would be by Material's.
    assert saved["index"] == 1 and saved["color"]["scheme"] == "slate", saved
    # Transitions are off while switching, back on right after.
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")

    page.reload()
    page.wait_for_load_state("load")
    assert page.evaluate("window.schemeAtContent") == "slate"
    assert_palette(page, DARK)

    # Instant navigation keeps the header: the toggle still works there.
    page.click(f'.md-nav a[href$="{OTHER.strip("/")}/"]')
    page.wait_for_url(f"**{OTHER}")
    assert_palette(page, DARK)
    page.click("form[data-palette-toggle] label:not([hidden])")
    assert_palette(page, LIGHT)

    page.goto(site_server.at(PAGE))
    page.wait_for_load_state("load")
    assert page.evaluate("window.schemeAtContent") == "default"
    assert_palette(page, LIGHT)


def test_enter_on_the_focused_option_switches(open_page) -> None:
    page = open_page("light")
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    assert_palette(page, DARK)
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert_palette(page, LIGHT)


def test_the_system_setting_is_followed_until_a_choice_is_made(open_page) -> None:
    page = open_page("light")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert_palette(page, DARK)
    assert state(page)["saved"] is None

    page.click("form[data-palette-toggle] label:not([hidden])")  # light, chosen
    assert_palette(page, LIGHT)
    # A change that must not happen: wait until the system's change has been
    # announced to a listener added after the site's (listeners of media
    # queries are told in the order they were made), then look.
    page.evaluate(SYSTEM_CHANGES_SEEN)
    page.emulate_media(color_scheme="light")
    page.wait_for_function("window.systemChangesSeen === 1")  # one at a time:
    page.emulate_media(color_scheme="dark")  # two within a frame are no change
    page.wait_for_function("window.systemChangesSeen === 2")
    assert_palette(page, LIGHT)


SYSTEM_CHANGES_SEEN = """() => {
  window.systemChangesSeen = 0;
  matchMedia("(prefers-color-scheme: dark)")
    .addEventListener("change", () => { window.systemChangesSeen += 1; });
}"""


# Every layout shift recorded so far in the header (an observer hands over
# the buffered entries at once with takeRecords).
HEADER_SHIFTS = """
() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({type: "layout-shift", buffered: true});
  const shifts = observer.takeRecords();
  observer.disconnect();
  return shifts.flatMap((shift) => shift.sources)
    .filter((source) => source.node && source.node.closest &&
                        source.node.closest("header"))
    .map((source) => source.node.outerHTML.slice(0, 80));
}
"""
# Material's script has run (its `js` class replaced `no-js`: the search box
# and the toggle are shown), and a frame was drawn after that.
AFTER_SCRIPTS_DRAWN = """
() => new Promise((resolve) => {
  const drawn = () => requestAnimationFrame(() => requestAnimationFrame(resolve));
  const ready = () => document.documentElement.classList.contains("js");
  if (ready()) return drawn();
  new MutationObserver((_, observer) => {
    if (ready()) { observer.disconnect(); drawn(); }
  }).observe(document.documentElement, {attributes: true});
})
"""


@pytest.mark.parametrize("system", ["light", "dark"])
@pytest.mark.parametrize("width", [1350, 412])
def test_nothing_in_the_header_moves_while_the_page_loads(
    browser, site_server, system, width
) -> None:
    """The toggle sits left of the search box, which Material shows once its
    script has run: the toggle appears with it (before-scripts.css) instead
    of being drawn first and pushed aside."""
    options = {"viewport": {"width": width, "height": 900}, "color_scheme": system}
    for path in (PAGE, OTHER, "/"):
        with new_page(browser, **options) as page:
            page.goto(site_server.at(path))
            page.wait_for_load_state("load")
            page.evaluate(AFTER_SCRIPTS_DRAWN)
            assert page.evaluate(HEADER_SHIFTS) == [], f"{path} at {width} px"


def test_unreadable_storage_falls_back_to_the_system(open_page) -> None:
    page = open_page("dark")
    page.evaluate("localStorage.setItem('/.__palette', '{not json')")
    page.reload()
    page.wait_for_load_state("load")
    assert page.evaluate("window.schemeAtContent") == "slate"
    assert_palette(page, DARK)
