"""Shared fixtures for the browser tests: the built site on 127.0.0.1, one
headless Chromium per test session, and a page ("visit") that keeps its
Pyodide worker across tests.

Chromium is Debian's /usr/bin/chromium (Playwright cannot download browsers
here); `CHROMIUM=/path` picks another one. Without a browser the tests skip
with the reason, except when `CI` is set: then they fail.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from runner_tab import Server, Tab, open_tab

from docs_tools.chromium import CHROMIUM_ARGS, chromium_path
from docs_tools.pages import Example, mkdocs_config


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            # One xdist worker runs them all (with `--dist loadgroup`): one
            # Chromium, one Pyodide boot per module. A module that needs no
            # Pyodide may name its own group to run beside them.
            if item.get_closest_marker("xdist_group") is None:
                item.add_marker(pytest.mark.xdist_group("browser"))


# ------------------------------------------------------------------ server --


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012  (class attribute of the stdlib handler)
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def __init__(self, *args, server_record: Server, **kwargs) -> None:
        self.record = server_record
        super().__init__(*args, directory=str(server_record.root), **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/sitemap.xml":
            return super().do_GET()
        # Material's instant navigation only takes over links listed in
        # sitemap.xml, whose URLs start with site_url (the published address).
        # Serve it as if this server were that address, as it is once deployed.
        text = (self.record.root / "sitemap.xml").read_text(encoding="utf-8")
        body = text.replace(mkdocs_config()["site_url"], self.record.url).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        if self.record.isolated:
            # What a host that can set headers may send: the page becomes
            # cross-origin isolated, so Stop can interrupt Python in place.
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_request(self, code="-", size="-") -> None:
        with self.record.lock:
            self.record.requests.append(self.path)

    def log_message(self, format, *args) -> None:
        pass  # quiet


def serve(root: Path, isolated: bool = False) -> Iterator[Server]:
    record = Server(root=root, isolated=isolated)
    handler = functools.partial(_Handler, server_record=record)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    record.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield record
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[Server]:
    """The site as GitHub Pages serves it: no special headers."""
    yield from serve(built_site)


@pytest.fixture(scope="session")
def isolated_server(built_site: Path) -> Iterator[Server]:
    """The site with COOP/COEP headers (cross-origin isolated)."""
    yield from serve(built_site, isolated=True)


# ----------------------------------------------------------------- browser --


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
    path = chromium_path()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=path, args=CHROMIUM_ARGS, headless=True
            )
        except Exception as error:
            which = path or "Playwright's own"
            no_browser(
                f"no Chromium could be started ({which}; "
                f"set CHROMIUM=/path/to/chromium): {str(error).splitlines()[0]}"
            )
        yield browser
        browser.close()


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
