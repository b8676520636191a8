"""`python3 dev.py serve` navigates like the published site: a click on a link
of the served site is Material's instant navigation (the page is not
reloaded), so the Pyodide worker of the visit is kept.

Material takes over only the links its sitemap lists. `mkdocs serve` (1.6)
builds with site_url set to the address it serves (under the published
path, /threads-in-python/), so the served sitemap names 127.0.0.1:PORT and
the links match; this test guards that on the site as dev.py serve's own
command (`mkdocs serve -a 127.0.0.1:PORT`, on a free port) serves it, not on
the test server (docs_tools.browser), which rewrites the sitemap itself.
Checked to fail when the served sitemap names the published host instead.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from docs_tools.pages import site_examples
from docs_tools.site import rel, site

# Its own server and build: an xdist worker of its own.
pytestmark = pytest.mark.xdist_group("site-links")

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 600  # s: mkdocs serve builds the whole site before it serves


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """The root URL of the site as `mkdocs serve` serves it."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}{site().base_path}"
    try:
        end = time.monotonic() + BUILD_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(f"mkdocs serve ended: {server.stderr.read()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "sitemap.xml", timeout=5) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > end:
                pytest.fail(f"mkdocs serve did not serve {url} in {BUILD_TIMEOUT} s")
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stderr.close()


def test_the_served_sitemap_names_the_served_address(served: str) -> None:
    with urllib.request.urlopen(served + "sitemap.xml", timeout=10) as reply:
        sitemap = reply.read().decode()
    assert f"<loc>{served}locks/</loc>" in sitemap, sitemap[:500]
    assert site().site_url not in sitemap


def test_a_click_on_a_link_keeps_the_worker(browser, served: str) -> None:
    example = next(e for e in site_examples() if e.kind == "runnable")
    path = rel(example.snippet)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served + site().page(example.page).path.lstrip("/"))
        block = page.locator(
            "div.runnable", has=page.locator(f'span.filename:text-is("{path}")')
        )
        block.scroll_into_view_if_needed()
        block.and_(page.locator("[data-tip-ready]")).wait_for(timeout=60_000)
        panel = block.locator(
            "xpath=following-sibling::div[contains(@class,'tip-runner')][1]"
        )
        panel.get_by_role("button", name="Run").click()
        block.and_(page.locator("[data-tip-verdict]")).wait_for(timeout=120_000)
        assert page.evaluate("() => window.__tipRunner.workersCreated") == 1
        page.evaluate("() => { window.__tipSameVisit = true; }")
        # A link of the navigation, clicked as a reader clicks it.
        other = site().page("locks.md").path.strip("/")
        page.click(f'.md-nav--primary a[href$="{other}/"]')
        page.wait_for_url(f"**/{other}/")
        page.wait_for_selector("article h1")
        assert page.evaluate("() => window.__tipSameVisit") is True, (
            "the click reloaded the page: instant navigation did not take it"
        )
        assert page.evaluate("() => window.__tipRunner.workersCreated") == 1
    finally:
        context.close()
