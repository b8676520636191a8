"""Shared fixtures for the browser tests: the built site on 127.0.0.1 under
site_url's path, one headless Chromium per test session, and a page ("visit")
that keeps its Pyodide worker across tests (docs_tools.browser serves and
launches).

Chromium is Debian's /usr/bin/chromium (Playwright cannot download browsers
here); `CHROMIUM=/path` picks another one. Without a browser the tests skip
with the reason, except when `CI` is set: then they fail.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from runner_tab import Tab, open_tab

from docs_tools.browser import NoBrowser, Server, launch, serve
from docs_tools.pages import Example


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            # Which worker runs it: its module's xdist group, or "browser"
            # (tests/conftest.py, pytest_xdist_make_scheduler).


# ------------------------------------------------------- server, browser --


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[Server]:
    """The site as GitHub Pages serves it: no special headers."""
    with serve(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def isolated_server(built_site: Path) -> Iterator[Server]:
    """The site with COOP/COEP headers (cross-origin isolated)."""
    with serve(built_site, isolated=True) as server:
        yield server


def no_browser(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the browser tests cannot run: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        try:
            launched = launch(playwright)
        except NoBrowser as error:
            no_browser(str(error))
        without_service_worker(launched)
        yield launched
        launched.close()


def without_service_worker(browser) -> None:
    """Contexts block the site's service worker unless a test allows it
    (`service_workers="allow"`, as tests/browser/test_offline.py does): a
    reader's second page load is served by it, cross-origin isolated, and
    its precache downloads the whole site beside the page; the tests of
    everything else must see the site as the server sends it, and the
    worker's own behaviour is tested on its own."""
    new_context, new_page = browser.new_context, browser.new_page

    def context_without(**options):
        options.setdefault("service_workers", "block")
        return new_context(**options)

    def page_without(**options):
        options.setdefault("service_workers", "block")
        return new_page(**options)

    browser.new_context, browser.new_page = context_without, page_without


@pytest.fixture(scope="module")
def visit(
    browser, site_server: Server, runnable_examples: list[Example]
) -> Iterator[Tab]:
    """One page, kept open for a whole test module: its worker boots once."""
    tab = open_tab(
        browser, site_server, site_server.page_url(runnable_examples[0].page)
    )
    yield tab
    tab.page.context.close()


@pytest.fixture(scope="session")
def runnable_examples() -> list[Example]:
    from docs_tools.pages import site_examples

    found = [example for example in site_examples() if example.kind == "runnable"]
    assert found, "the site has no runnable block"
    return found


def wait(predicate, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
