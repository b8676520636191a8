"""The built site in a browser: one static server and one browser launcher.

Shared by the browser tests (tests/browser/), the benchmarks and the audit, so
that all of them see the site as a reader does:

* `serve(site)` serves a built site on 127.0.0.1 under the path of
  `site_url` (`/threads-in-python/`, as GitHub Pages publishes it; `/`
  redirects there), with one table of content types, `sitemap.xml` rewritten
  to the served address (Material's instant navigation only takes over the
  links it lists), optionally the COOP/COEP headers that make a page
  cross-origin isolated (`isolated=True`) and gzip with a static host's
  cache header (`gzip=True`: Lighthouse measures transfer sizes). Every path
  requested is recorded (`Server.seen()`, and `Server.outside` for those not
  under the site's path: a URL that forgot it).
* `launch(playwright)` starts a headless browser for a closed network:
  Chromium from `$CHROMIUM` (only it, when set), else Debian's, else one on
  PATH, else Playwright's own, with the switches that stop its background
  calls to outside hosts. Engines are a table (`ENGINES`), so another one is
  one entry more.
"""

from __future__ import annotations

import contextlib
import gzip as gzip_module
import http.server
import io
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from docs_tools.site import site

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

# ------------------------------------------------------------------ server --

#: Content types the site needs beyond Python's guesses (ES modules must be
#: JavaScript, WebAssembly must be application/wasm to be compiled streaming).
CONTENT_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".xml": "application/xml",
    ".webmanifest": "application/manifest+json",
}
#: Compressed with gzip=True, as GitHub Pages does.
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")


@dataclass
class Server:
    """A built site served over HTTP, remembering every path requested."""

    root: Path
    isolated: bool = False
    gzip: bool = False
    prefix: str = "/"
    url: str = ""  # the site's root: "http://127.0.0.1:PORT/threads-in-python/"
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # paths not under prefix
    lock: threading.Lock = field(default_factory=threading.Lock)

    def seen(self) -> list[str]:
        """The paths requested so far, below the site's root: "/locks/"."""
        with self.lock:
            return list(self.requests)

    def at(self, path: str) -> str:
        """The served URL of a site path such as `/locks/#using-a-lock`."""
        return self.url + path.lstrip("/")

    def page_url(self, page: str | Path) -> str:
        """The served URL of a page of the navigation ("locks.md" or a Path)."""
        return self.at(site().page(page).path)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012  (class attribute of the stdlib handler)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **CONTENT_TYPES,
    }

    def __init__(self, *args, record: Server, site_url: str, **kwargs) -> None:
        self.record = record
        self.site_url = site_url
        super().__init__(*args, directory=str(record.root), **kwargs)

    def site_path(self) -> str | None:
        """The request's path below the site's root, None outside it."""
        path = unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        if not path.startswith(self.record.prefix):
            return None
        return "/" + path[len(self.record.prefix) :]

    def translate_path(self, path: str) -> str:
        inside = self.site_path()
        return str(self.record.root / (inside or "/").lstrip("/"))

    def send_head(self):
        path = self.site_path()
        if path is None:
            if self.path.split("?")[0] in ("/", self.record.prefix.rstrip("/")):
                self.send_response(301)
                self.send_header("Location", self.record.prefix)
                self.end_headers()
            else:
                self.send_error(404)
            return None
        if path == "/sitemap.xml":
            # Its URLs start with site_url, the published address: served as
            # if this server were that address, as it is once deployed.
            text = (self.record.root / "sitemap.xml").read_text(encoding="utf-8")
            return self.reply(
                text.replace(self.site_url, self.record.url).encode(), path
            )
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # it redirects to the slashed URL
            file = file / "index.html"
        compress = self.record.gzip and file.suffix in COMPRESSED
        if compress and file.is_file():
            return self.reply(file.read_bytes(), str(file))
        return super().send_head()

    def reply(self, body: bytes, name: str):
        if self.record.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip_module.compress(body, compresslevel=6)
            encoding = "gzip"
        else:
            encoding = None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(name))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        if self.record.isolated:
            # What a host that can set headers may send: the page becomes
            # cross-origin isolated, so Stop can interrupt Python in place.
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        if self.record.gzip:
            self.send_header("Cache-Control", "max-age=600")  # GitHub Pages'
        super().end_headers()

    def log_request(self, code="-", size="-") -> None:
        path = self.site_path()
        with self.record.lock:
            if path is None:
                self.record.outside.append(self.path)
            else:
                self.record.requests.append(path)

    def log_message(self, format, *args) -> None:
        pass  # quiet


@contextlib.contextmanager
def serve(
    root: Path, *, isolated: bool = False, gzip: bool = False
) -> Iterator[Server]:
    """Serve the site built in `root` until the block ends."""
    model = site()
    record = Server(
        root=Path(root), isolated=isolated, gzip=gzip, prefix=model.base_path
    )
    handler = partial(_Handler, record=record, site_url=model.site_url)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    record.url = f"http://127.0.0.1:{httpd.server_address[1]}{record.prefix}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


# ----------------------------------------------------------------- browser --

#: Chromium's switches for a closed network: no background calls to outside
#: hosts (refused here, and noise in every test), no GPU, no sandbox (root
#: in containers).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """$CHROMIUM when set (and only it), else Debian's, else one on PATH.

    None means "let Playwright use its own browser", where it has one.
    """
    if given := os.environ.get("CHROMIUM"):
        return given
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass(frozen=True)
class Engine:
    """How to start one browser engine with Playwright."""

    playwright_name: str  # the attribute of `Playwright`: chromium, firefox...
    executable: Callable[[], str | None]  # None: Playwright's own build
    args: list[str]


ENGINES = {"chromium": Engine("chromium", chromium_path, CHROMIUM_ARGS)}


class NoBrowser(RuntimeError):
    """No browser could be started; the message says which and why."""


def launch(playwright: Playwright, engine: str = "chromium", **options) -> Browser:
    """A headless browser of `engine`, or NoBrowser with the reason."""
    spec = ENGINES[engine]
    path = spec.executable()
    try:
        return getattr(playwright, spec.playwright_name).launch(
            executable_path=path, args=spec.args, headless=True, **options
        )
    except Exception as error:
        which = path or "Playwright's own"
        raise NoBrowser(
            f"no {engine} could be started ({which}; set "
            f"{engine.upper()}=/path/to/{engine}): {str(error).splitlines()[0]}"
        ) from error


@contextlib.contextmanager
def browser(engine: str = "chromium") -> Iterator[Browser]:
    """Playwright and a launched browser, for a script (benchmarks, audit)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright, engine)
        try:
            yield launched
        finally:
            launched.close()
