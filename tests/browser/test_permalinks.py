"""Permalinks and "Copy link" buttons copy the permanent absolute URL."""

from __future__ import annotations

import pytest

from docs_tools.site import site

SITE_URL = site().site_url.rstrip("/")
# Needs no Pyodide: shares a worker (and a Chromium) with the deep-link tests.
pytestmark = pytest.mark.xdist_group("site-links")


@pytest.fixture
def tab(browser, site_server):
    context = browser.new_context(base_url=site_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.bring_to_front()  # the clipboard API needs a focused document
    yield page
    context.close()


def clipboard(tab) -> str:
    return tab.evaluate("() => navigator.clipboard.readText()")


def test_a_heading_permalink_copies_its_absolute_url(tab) -> None:
    tab.goto("locks/", wait_until="networkidle")
    tab.locator("#using-a-lock").scroll_into_view_if_needed()
    tab.hover("#using-a-lock")
    tab.click("#using-a-lock a.headerlink")
    # Not checked here: location.hash. Material's navigation.tracking rewrites
    # it to whichever section is on top of the viewport as the page scrolls.
    wanted = f"{SITE_URL}/locks/#using-a-lock"
    status = tab.locator("#copy-link-status")
    status.wait_for(state="attached")
    tab.wait_for_function(
        "(url) => document.getElementById('copy-link-status').textContent"
        ".endsWith(url)",
        arg=wanted,
    )
    assert clipboard(tab) == wanted


def test_copy_link_buttons_on_the_instructors_page(tab) -> None:
    tab.goto("instructors/", wait_until="networkidle")
    buttons = tab.locator("button[data-copy-url]")
    assert buttons.count() >= 30
    first = buttons.nth(1)
    wanted = first.get_attribute("data-copy-url")
    assert wanted.startswith(SITE_URL + "/")
    first.click()
    tab.wait_for_function(
        "(url) => document.getElementById('copy-link-status')?.textContent"
        ".endsWith(url)",
        arg=wanted,
    )
    assert clipboard(tab) == wanted
    assert tab.locator("#copy-link-status").get_attribute("aria-live") == "polite"
