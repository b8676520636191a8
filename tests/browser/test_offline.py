"""The service worker (web/offline/, hooks/service_worker.py) in Chromium:
the site offline after one visit, cross-origin isolated on a server that
sends no COOP/COEP headers, a new deployment announced and never mixed with
the old one, and the reader's switch that turns it all off.

The worker is registered only once the page has been idle or its first
Run has ended, never while Python boots or runs (its precache would compete
with Pyodide's download): the tests that check when hold the page's idle
callbacks (HOLD_IDLE) until they release them.

Each test opens a browser context of its own (Playwright's contexts start
with no service worker and empty caches), without request routing.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from runner_tab import ALL_READY, ENDLESS, Tab

from docs_tools.browser import Server, serve
from docs_tools.matrix import pyodide_version
from docs_tools.site import rel
from hooks import service_worker

# Boots Pyodide: on the second Pyodide worker (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("browser-2")

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
OUR_CACHES = """async () => (await caches.keys())
    .filter(name => name.startsWith("tip-offline-"))"""
REGISTRATIONS = "async () => (await navigator.serviceWorker.getRegistrations()).length"
#: The page is never idle until the test calls window.__releaseIdle().
HOLD_IDLE = """(() => {
    const held = [];
    window.requestIdleCallback = (callback) => held.push(callback);
    window.__releaseIdle = () => held.splice(0).forEach(
        (callback) => callback({ didTimeout: false, timeRemaining: () => 50 }));
})()"""
WAITS_FOR = "what => window.__tipOfflineWaits === what"
#: Fetched by the precache only: a page none of these tests opens before.
PRECACHE_ONLY = "/glossary/index.html"


def held_idle_context(browser):
    context = browser.new_context(service_workers="allow")
    context.add_init_script(HOLD_IDLE)
    return context


def precached_seen(server: Server) -> bool:
    return PRECACHE_ONLY in server.seen()


@contextmanager
def fresh_tab(browser, server: Server, url: str) -> Iterator[Tab]:
    """A page in a new context, once the service worker controls it
    (installed: every precached file is in its cache)."""
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(ALL_READY)
        page.wait_for_function(CONTROLLED, timeout=120_000)
        yield Tab(page=page, server=server)
    finally:
        context.close()


def until(page, predicate: str, timeout: float = 60.0) -> None:
    """Wait until an async page function returns true (Playwright's
    wait_for_function takes the promise itself as a true value)."""
    end = time.monotonic() + timeout
    while not page.evaluate(predicate):
        assert time.monotonic() < end, f"still false after {timeout} s: {predicate}"
        time.sleep(0.05)


def reload(tab: Tab) -> None:
    tab.page.reload()
    tab.page.wait_for_function(ALL_READY)


@pytest.fixture
def own_server(built_site: Path) -> Iterator[Server]:
    """A server of its own, whose request log is this test's alone."""
    with serve(built_site) as server:
        yield server


def test_the_precache_waits_for_an_idle_page(browser, own_server) -> None:
    context = held_idle_context(browser)
    try:
        page = context.new_page()
        page.goto(own_server.page_url("conventions.md"))
        page.wait_for_function(WAITS_FOR, arg="idle")
        assert page.evaluate(REGISTRATIONS) == 0
        assert not precached_seen(own_server)
        page.evaluate("() => window.__releaseIdle()")
        page.wait_for_function(CONTROLLED, timeout=120_000)
        assert page.evaluate("() => window.__tipOffline") == "on"
        assert precached_seen(own_server)
        # Installed: a page only read downloads no Pyodide, even so.
        assert not [p for p in own_server.seen() if p.startswith("/assets/pyodide/")]
    finally:
        context.close()


def test_offline_after_one_visit(browser, built_site, runnable_examples) -> None:
    """A first Run before the worker: the worker waits for its end, then
    precaches the site and takes Pyodide from the HTTP cache; offline, the
    visited page, its Run, an unvisited page and the search all work."""
    example = runnable_examples[0]
    path = rel(example.snippet)
    context = held_idle_context(browser)
    try:
        page = context.new_page()
        with serve(built_site) as server:
            page.goto(server.page_url(example.page))
            page.wait_for_function(ALL_READY)
            tab = Tab(page=page, server=server)
            tab.wait_ready(path)
            tab.set_code(path, 'name = input("Name? ")\nprint("online", name)')
            tab.panel(path).get_by_role("button", name="Run").click()
            line = tab.panel(path).get_by_role("textbox", name=f"Input for {path}")
            line.wait_for()
            # Idle now, and Python runs: the registration waits for the Run.
            page.evaluate("() => window.__releaseIdle()")
            page.wait_for_function(WAITS_FOR, arg="python")
            assert page.evaluate(REGISTRATIONS) == 0
            assert not precached_seen(server)
            line.fill("reader")
            line.press("Enter")
            assert tab.wait_done(path)["output"] == "Name? reader\nonline reader\n"
            page.wait_for_function(CONTROLLED, timeout=120_000)
            assert precached_seen(server)
            # The Run's Pyodide, fetched before the worker, is kept by it now.
            until(
                page,
                f"""async () => {{
                    const cache = await caches.open(
                        "tip-offline-pyodide-{pyodide_version()}");
                    const kept = (await cache.keys()).map(r => r.url);
                    return {list(service_worker.pyodide_files(built_site))}
                        .every(path => kept.includes(
                            new URL(path, "{server.at("/")}").href));
                }}""",
            )
        # The server is gone, and the browser is told it is offline (the
        # browser's own check for a new sw.js ignores that).
        context.set_offline(True)
        reload(tab)
        result = tab.run(path, "print('offline', 6 * 7)")
        assert result["output"] == "offline 42\n", result
        # A page never visited: precached at install.
        unvisited = "glossary.md"
        assert unvisited != example.page.as_posix()
        page.goto(server.page_url(unvisited))
        assert page.title().startswith("Glossary")
        # ... and the search, from the cached index.
        page.keyboard.press("/")
        page.keyboard.type("daemon")
        page.locator(".md-search-result__item").first.wait_for()
    finally:
        context.close()


def test_isolated_without_headers_once_the_worker_serves(
    browser, own_server, runnable_examples
) -> None:
    """The server sends no COOP/COEP (as GitHub Pages): the worker's headers
    make the next load of a page cross-origin isolated, and Stop then
    interrupts Python in the same worker."""
    example = runnable_examples[0]
    path = rel(example.snippet)
    with fresh_tab(browser, own_server, own_server.page_url(example.page)) as tab:
        assert tab.page.evaluate("() => crossOriginIsolated") is False
        reload(tab)
        assert tab.page.evaluate(
            "() => [crossOriginIsolated, typeof SharedArrayBuffer]"
        ) == [True, "function"]
        assert tab.run(path, "print('warm')")["output"] == "warm\n"
        stopped = tab.run_then_stop(path, ENDLESS, "looping")
        assert stopped["verdict"] == "interrupted"
        assert tab.run(path, "print('next')")["output"] == "next\n"
        assert tab.stats()["workersCreated"] == 1


def test_installable(browser, own_server) -> None:
    with fresh_tab(browser, own_server, own_server.at("/")) as tab:
        session = tab.page.context.new_cdp_session(tab.page)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        # Playwright's contexts are private windows, where nothing installs.
        assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
        icon = tab.page.request.get(own_server.at("/assets/images/icon.svg"))
        assert icon.ok and b"<svg" in icon.body()


@pytest.fixture
def copied_site(built_site: Path, tmp_path: Path) -> Path:
    """A copy of the built site to deploy a new version of (Pyodide linked)."""
    copy = tmp_path / "site"
    shutil.copytree(
        built_site, copy, ignore=shutil.ignore_patterns("pyodide"), symlinks=True
    )
    (copy / "assets" / "pyodide").symlink_to(built_site / "assets" / "pyodide")
    return copy


def test_a_new_version_is_announced_and_never_mixed(browser, copied_site: Path) -> None:
    with serve(copied_site) as server:
        url = server.page_url("glossary.md")
        with fresh_tab(browser, server, url) as tab:
            old = service_worker.build_facts(copied_site)["version"]
            # Deploy a new version: one page changes, sw.js lists it.
            page_file = copied_site / "glossary" / "index.html"
            text = page_file.read_text(encoding="utf-8")
            page_file.write_text(
                text.replace("<h1", '<p id="new-version">New</p><h1', 1),
                encoding="utf-8",
            )
            assert service_worker.write_worker(copied_site)["version"] != old
            # The reload finds the new sw.js; the page still comes whole
            # from the old version until the reader accepts the new one.
            reload(tab)
            notice = tab.page.get_by_role("status").filter(
                has_text="A new version is available"
            )
            notice.wait_for(timeout=120_000)
            assert tab.page.locator("#new-version").count() == 0
            tab.page.goto(url)
            notice.wait_for()
            assert tab.page.locator("#new-version").count() == 0
            with tab.page.expect_navigation():
                notice.get_by_role("button", name="Reload").click()
            tab.page.locator("#new-version").wait_for()
            assert notice.count() == 0
            # The old version's cache is gone: no page uses it.
            until(
                tab.page,
                f"""async () => !(await caches.keys())
                    .includes("tip-offline-site-{old}")""",
            )


def test_the_reader_can_turn_it_off(browser, own_server) -> None:
    url = own_server.page_url("conventions.md")
    with fresh_tab(browser, own_server, url) as tab:
        page = tab.page
        switch = page.locator("#tip-offline-switch")
        switch.get_by_text("Offline use is on").wait_for()
        assert page.evaluate(OUR_CACHES)
        switch.get_by_role("button", name="Turn offline use off").click()
        switch.get_by_text("Offline use is off").wait_for()
        assert page.evaluate(OUR_CACHES) == []
        assert (
            page.evaluate(
                "async () => (await navigator.serviceWorker.getRegistrations()).length"
            )
            == 0
        )
        # Remembered: a new load registers nothing.
        page.reload()
        assert page.evaluate("() => window.__tipOffline") == "off"
        assert (
            page.evaluate(
                "async () => (await navigator.serviceWorker.getRegistrations()).length"
            )
            == 0
        )
        assert page.evaluate("() => navigator.serviceWorker.controller") is None
        switch.get_by_role("button", name="Turn offline use on").click()
        switch.get_by_text("Offline use is on: this site is kept").wait_for(
            timeout=120_000
        )
        page.wait_for_function(CONTROLLED)


def test_the_dev_server_retires_an_installed_worker(browser, copied_site: Path) -> None:
    """`mkdocs serve` at an address where the built site's worker was
    installed: its sw.js (web/offline/retire.js) removes the worker and its
    caches, so the next load (live reload's) comes from the server."""
    with serve(copied_site) as server:
        url = server.page_url("glossary.md")
        with fresh_tab(browser, server, url) as tab:
            shutil.copy(service_worker.SOURCE / "retire.js", copied_site / "sw.js")
            (copied_site / "assets" / "offline" / "config.js").write_text(
                "export default { enabled: false };\n", encoding="utf-8"
            )
            page_file = copied_site / "glossary" / "index.html"
            text = page_file.read_text(encoding="utf-8")
            page_file.write_text(
                text.replace("<h1", '<p id="edited">Edited</p><h1', 1),
                encoding="utf-8",
            )
            tab.page.reload()  # the browser finds the new sw.js
            until(
                tab.page,
                """async () => (await navigator.serviceWorker.getRegistrations())
                    .length === 0
                    && !(await caches.keys()).some(
                        name => name.startsWith("tip-offline-"))""",
            )
            tab.page.reload()
            tab.page.locator("#edited").wait_for()
            assert tab.page.evaluate("() => navigator.serviceWorker.controller") is None
