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
* `driven("firefox" | "webkit")` opens the two engines Playwright cannot
  drive here, Debian's firefox-esr (WebDriver BiDi, docs_tools/firefox.mjs)
  and WebKitGTK's MiniBrowser (WebDriver, on Xvfb), as one small `Driven`
  page (goto, evaluate, click, type, press, screenshot, problems).
"""

from __future__ import annotations

import contextlib
import gzip as gzip_module
import http.server
import io
import os
import shutil
import subprocess
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from docs_tools.site import ROOT, site

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
#: A page of the site's origin with nothing on it: what a bare Pyodide costs.
BLANK = "/__blank__.html"
#: Pyodide's standard library as its npm package ships it (sources only; the
#: site serves one with bytecode, web/pyodide/): a bare boot of Pyodide as
#: distributed, for the benchmarks.
DISTRIBUTED_STDLIB = "/__pyodide__/python_stdlib.zip"
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
    failed: list[str] = field(default_factory=list)  # "404 /path" (status >= 400)
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
        if path == BLANK:
            # A page of the site's origin with nothing on it (benchmarks).
            return self.reply(b"<!doctype html><title>blank</title>", "blank.html")
        if path == DISTRIBUTED_STDLIB:
            zipped = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
            return self.reply(zipped.read_bytes(), zipped.name)
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
            if isinstance(code, int) and code >= 400:  # HTTPStatus is an int
                self.record.failed.append(f"{int(code)} {self.path}")

    def log_message(self, format, *args) -> None:
        pass  # quiet


def built_site(given: Path | None = None) -> Path:
    """`given`, or a site built now (`mkdocs build --strict`) in a new
    temporary folder: for scripts that take `--site` (the benchmarks)."""
    if given is not None:
        return given
    import sys
    import tempfile

    target = Path(tempfile.mkdtemp(prefix="built-site-"))
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)],
        cwd=ROOT,
        check=True,
    )
    return target


class _SiteServer(http.server.ThreadingHTTPServer):
    # A page opens many connections at once (HTTP/1.0, one per file); on a
    # busy machine the default backlog (5) drops some of them.
    request_queue_size = 128


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
    httpd = _SiteServer(("127.0.0.1", 0), handler)
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


# ------------------------------------------------- Firefox and WebKit --
#
# Playwright drives only Chromium here (its Firefox and WebKit are patched
# builds it downloads), so the two other engines are Debian's own, driven as
# their vendors expect: Firefox (firefox-esr) through WebDriver BiDi with
# npm's puppeteer-core (docs_tools/firefox.mjs), WebKit (WebKitGTK's
# MiniBrowser, Safari's engine) through WebDriver with Selenium, on an Xvfb
# display (MiniBrowser has no headless mode). Both are a `Driven` page: the
# few things the engine tests and the benchmark do, written once.

#: Records what the page reports by itself, for an engine whose driver does
#: not (WebKit's WebDriver has no console log): installed after each load.
WATCH_PROBLEMS = """() => {
    if (window.__tipProblems) return;
    const seen = window.__tipProblems = [];
    addEventListener("error", (event) => {
        // The ResizeObserver spec reports a layout that needed another round
        // as an error event, though nothing failed; Chromium's page errors
        // leave it out too.
        if (/^ResizeObserver loop/.test(event.message || "")) return;
        const target = event.target;
        seen.push(target && target !== window
            ? `failed to load ${target.src || target.href || target.tagName}`
            : `uncaught ${event.message}`);
    }, true);
    addEventListener("unhandledrejection", (event) =>
        seen.push(`unhandled rejection ${event.reason}`));
    const error = console.error.bind(console);
    console.error = (...args) => {
        seen.push(`console ${args.join(" ")}`);
        error(...args);
    };
}"""


def firefox_path() -> str | None:
    """$FIREFOX when set (and only it), else Debian's firefox-esr, else PATH's."""
    if given := os.environ.get("FIREFOX"):
        return given
    if Path("/usr/bin/firefox-esr").exists():
        return "/usr/bin/firefox-esr"
    return shutil.which("firefox-esr") or shutil.which("firefox")


def webkit_paths() -> tuple[str | None, str | None]:
    """WebKitWebDriver and MiniBrowser ($WEBKIT_DRIVER, $WEBKIT_BROWSER)."""
    driver = os.environ.get("WEBKIT_DRIVER") or shutil.which("WebKitWebDriver")
    browser = os.environ.get("WEBKIT_BROWSER")
    if browser is None:
        found = sorted(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"))
        browser = str(found[-1]) if found else None
    return driver, browser


class Driven:
    """A page in Firefox or WebKit. `evaluate` takes a JavaScript function's
    source and one JSON argument, and awaits what it returns."""

    engine = ""
    version = ""
    #: Whether `driven(service_workers=False)` really blocks them: WebKitGTK's
    #: MiniBrowser has no such switch (benchmarks/browser_runner.py
    #: turn_offline_use_off keeps the site's own worker off instead).
    blocks_service_workers = True

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def evaluate(self, source: str, arg: object = None):
        raise NotImplementedError

    def click(self, selector: str) -> None:
        raise NotImplementedError

    def type(self, text: str) -> None:
        raise NotImplementedError

    def press(self, keys: str) -> None:
        """Keys as Playwright writes them: "Control+Enter"."""
        raise NotImplementedError

    def viewport(self, width: int, height: int) -> None:
        raise NotImplementedError

    def screenshot(self, path: Path) -> None:
        raise NotImplementedError

    def new_page(self) -> None:
        """A new page in the same profile (its HTTP cache and storage kept)."""
        raise NotImplementedError

    def problems(self) -> list[str]:
        """Console errors, uncaught errors and failed loads since last asked."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def wait(self, predicate: str, arg: object = None, timeout: float = 30.0):
        """Poll a function (source) in the page until it returns a truthy value,
        and return that value; TimeoutError with the predicate if it never does."""
        end = time.monotonic() + timeout
        while True:
            value = self.evaluate(predicate, arg)
            if value:
                return value
            if time.monotonic() > end:
                raise TimeoutError(
                    f"{self.engine}: not true in {timeout} s: {predicate}"
                )
            time.sleep(0.05)


class FirefoxPage(Driven):
    engine = "firefox"

    def __init__(self, executable: str, service_workers: bool = False) -> None:
        import json
        import queue

        node = shutil.which("node")
        if node is None:
            raise NoBrowser("no firefox: Node.js (node) is not on PATH")
        script = Path(__file__).with_name("firefox.mjs")
        self._json = json
        self._replies: queue.Queue = queue.Queue()
        self._problems: list[str] = []
        self._next = 0
        self._process = subprocess.Popen(
            [node, str(script), executable]
            + (["--service-workers"] if service_workers else []),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent.parent,  # node_modules/ beside docs_tools/
        )
        threading.Thread(target=self._read, daemon=True).start()
        first = self._replies.get(timeout=60)
        if "ready" not in first:
            self._process.kill()
            raise NoBrowser(
                f"no firefox could be started ({executable}): "
                f"{first.get('error') or self._process.stderr.read()[-500:]}"
            )
        self.version = first["ready"]

    def _read(self) -> None:
        for line in self._process.stdout:
            message = self._json.loads(line)
            if message.get("event") == "ready":
                self._replies.put({"ready": message["text"]})
            elif "event" in message:
                self._problems.append(f"{message['event']} {message['text']}")
            else:
                self._replies.put(message)
        self._replies.put({"error": "Firefox's driver ended"})

    def _call(self, op: str, *args: object, timeout: float = 180.0):
        self._next += 1
        command = {"id": self._next, "op": op, "args": list(args)}
        self._process.stdin.write(self._json.dumps(command) + "\n")
        self._process.stdin.flush()
        reply = self._replies.get(timeout=timeout)
        if "error" in reply:
            raise RuntimeError(f"firefox {op}: {reply['error']}")
        return reply["result"]

    def goto(self, url: str) -> None:
        self._call("goto", url)

    def evaluate(self, source: str, arg: object = None):
        return self._call("evaluate", source, arg)

    def click(self, selector: str) -> None:
        self._call("click", selector)

    def type(self, text: str) -> None:
        self._call("type", text)

    def press(self, keys: str) -> None:
        self._call("press", keys)

    def viewport(self, width: int, height: int) -> None:
        self._call("viewport", width, height)

    def screenshot(self, path: Path) -> None:
        self._call("screenshot", str(path))

    def new_page(self) -> None:
        self._call("newPage")

    def problems(self) -> list[str]:
        found, self._problems[:] = list(self._problems), []
        return found

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._call("close", timeout=20)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=20)
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout, self._process.stderr):
            with contextlib.suppress(OSError):
                pipe.close()


class WebKitPage(Driven):
    engine = "webkit"
    blocks_service_workers = False

    #: Playwright's key names to WebDriver's.
    KEYS = {  # noqa: RUF012
        "Control": "\ue009",
        "Meta": "\ue03d",
        "Shift": "\ue008",
        "Alt": "\ue00a",
        "Enter": "\ue007",
        "End": "\ue010",
        "Home": "\ue011",
        "Tab": "\ue004",
        "Escape": "\ue00c",
        "Backspace": "\ue003",
    }

    def __init__(self, driver: str, browser: str) -> None:
        try:
            from selenium import webdriver
            from selenium.webdriver.webkitgtk.options import Options
            from selenium.webdriver.webkitgtk.service import Service
        except ImportError as error:
            raise NoBrowser(
                "no webkit: Selenium for Python is not installed"
            ) from error
        self._xvfb = None
        env = dict(os.environ)
        # Xvfb has no GPU, so WebKit's accelerated compositing runs OpenGL in
        # software (Mesa's llvmpipe) on the cores Python boots on: 2.4 s of
        # CPU in the 8 s after a plain text page loads, 0.2 s without it
        # (Safari composites on the GPU). WEBKIT_DISABLE_COMPOSITING_MODE=0
        # in the environment keeps it.
        env.setdefault("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        if xvfb := shutil.which("Xvfb"):
            # -displayfd: Xvfb picks a free display and writes its number.
            self._xvfb = subprocess.Popen(
                [
                    xvfb,
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    "1280x1000x24",
                    "-nolisten",
                    "tcp",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            env["DISPLAY"] = ":" + self._xvfb.stdout.readline().strip()
        elif not env.get("DISPLAY"):
            raise NoBrowser(
                "no webkit: MiniBrowser needs a display and Xvfb is missing"
            )
        options = Options()
        options.binary_location = browser
        options.add_argument("--automation")
        try:
            with warnings.catch_warnings():
                # Selenium's own WebKitGTK driver uses its deprecated API.
                warnings.simplefilter("ignore", DeprecationWarning)
                self._driver = webdriver.WebKitGTK(
                    service=Service(driver, env=env), options=options
                )
        except Exception as error:
            self._stop_xvfb()
            raise NoBrowser(
                f"no webkit could be started ({driver}, {browser}): "
                f"{str(error).splitlines()[0]}"
            ) from error
        self._driver.set_script_timeout(180)
        self.version = self._driver.capabilities.get("browserVersion", "")

    def _stop_xvfb(self) -> None:
        if self._xvfb is not None:
            self._xvfb.terminate()
            self._xvfb.wait(timeout=10)
            self._xvfb.stdout.close()

    def goto(self, url: str) -> None:
        self._driver.get(url)
        self.evaluate(WATCH_PROBLEMS)

    def evaluate(self, source: str, arg: object = None):
        reply = self._driver.execute_async_script(
            """const [source, arg, done] = arguments;
            Promise.resolve().then(() => (0, eval)(`(${source})`)(arg)).then(
                (value) => done({value: value === undefined ? null : value}),
                (error) => done({error: String(error && error.stack || error)}));""",
            source,
            arg,
        )
        if "error" in reply:
            raise RuntimeError(f"webkit evaluate: {reply['error']}")
        return reply["value"]

    def click(self, selector: str) -> None:
        self._driver.find_element("css selector", selector).click()

    def type(self, text: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self._driver).send_keys(text).perform()

    def press(self, keys: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        *modifiers, key = [self.KEYS.get(part, part) for part in keys.split("+")]
        chain = ActionChains(self._driver)
        for modifier in modifiers:
            chain.key_down(modifier)
        chain.send_keys(key)
        for modifier in reversed(modifiers):
            chain.key_up(modifier)
        chain.perform()

    def viewport(self, width: int, height: int) -> None:
        self._driver.set_window_size(width, height)

    def screenshot(self, path: Path) -> None:
        self._driver.save_screenshot(str(path))

    def new_page(self) -> None:
        self._driver.get("about:blank")

    def problems(self) -> list[str]:
        return self.evaluate("() => (window.__tipProblems || []).splice(0, Infinity)")

    def close(self) -> None:
        try:
            self._driver.quit()
        finally:
            self._stop_xvfb()


#: The engines a `Driven` page can be opened in.
DRIVEN_ENGINES = ("firefox", "webkit")


#: Tries at starting WebKit: Selenium picks WebKitWebDriver's port by
#: binding a free one and closing it, and the driver binds it a moment later;
#: on a busy machine something else can take it in between (the same race
#: killed a notebook kernel in CI), and the start fails. A setup that cannot
#: start WebKit at all still fails, after the last try, with its reason.
WEBKIT_STARTS = 3


def _start_webkit(driver: str, browser: str) -> WebKitPage:
    for _ in range(WEBKIT_STARTS - 1):
        with contextlib.suppress(NoBrowser):
            return WebKitPage(driver, browser)
    return WebKitPage(driver, browser)


@contextlib.contextmanager
def driven(engine: str, service_workers: bool = False) -> Iterator[Driven]:
    """A Firefox or WebKit page until the block ends, or NoBrowser (why).
    Firefox's service workers are off unless asked for, as Chromium's are in
    the tests (WebKitGTK's MiniBrowser has no such switch)."""
    if engine == "firefox":
        path = firefox_path()
        if path is None or not Path(path).exists():
            raise NoBrowser("no firefox: install firefox-esr or set FIREFOX=/path")
        page: Driven = FirefoxPage(path, service_workers=service_workers)
    elif engine == "webkit":
        driver, browser = webkit_paths()
        if driver is None or browser is None or not Path(browser).exists():
            raise NoBrowser(
                "no webkit: install webkit2gtk-driver (WebKitWebDriver and "
                "MiniBrowser) or set WEBKIT_DRIVER and WEBKIT_BROWSER"
            )
        page = _start_webkit(driver, browser)
    else:
        raise ValueError(f"unknown engine {engine!r}: one of {DRIVEN_ENGINES}")
    try:
        yield page
    finally:
        page.close()
