"""Serve the simulator harness on 127.0.0.1 and drive it in headless Chromium.

Used by tests/browser/test_simulator_browser.py and benchmarks/simulator.py:

    with Harness() as harness:
        reply = harness.simulate(code, "snippets/x.py", seed=1)

URLs served: / → web/simulator/harness/, /threadsim/ → the package,
/files.mjs → the loader, /pyodide/ → the npm package `pyodide` (from
node_modules/pyodide, or $THREADSIM_PYODIDE).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from typing import ClassVar

from docs_tools.chromium import CHROMIUM_ARGS, chromium_path

HERE = Path(__file__).resolve().parent
SIMULATOR = HERE.parent
ROOT = SIMULATOR.parent.parent


def pyodide_dir() -> Path | None:
    for candidate in (
        os.environ.get("THREADSIM_PYODIDE"),
        ROOT / "node_modules" / "pyodide",
    ):
        if candidate and (Path(candidate) / "pyodide.mjs").exists():
            return Path(candidate)
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    mounts: ClassVar[dict[str, Path]] = {}
    requests: ClassVar[list[str]] = []

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        self.requests.append(clean)
        for prefix, base in sorted(self.mounts.items(), key=lambda kv: -len(kv[0])):
            if clean.startswith(prefix):
                rest = clean[len(prefix) :].lstrip("/")
                return str(base / rest)
        return str(HERE / clean.lstrip("/"))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args) -> None:  # quiet
        pass


_Handler.extensions_map = {
    **http.server.SimpleHTTPRequestHandler.extensions_map,
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
}


class Harness:
    """A served harness page and one Chromium page on it (one Pyodide worker)."""

    def __init__(self, pyodide: Path | None = None, browser=None) -> None:
        """`browser`: an already launched Playwright browser to open the page in
        (one process may run only one sync Playwright); else one is launched."""
        self.given_browser = browser
        self.pyodide = pyodide or pyodide_dir()
        if self.pyodide is None:
            raise FileNotFoundError(
                "no Pyodide: run `npm ci` (node_modules/pyodide) "
                "or set THREADSIM_PYODIDE"
            )
        self.server = None
        self.playwright = None
        self.browser = None
        self.page = None

    def __enter__(self) -> Harness:
        from playwright.sync_api import sync_playwright

        handler = type("Handler", (_Handler,), {"requests": []})
        handler.mounts = {
            "/pyodide/": self.pyodide,
            "/threadsim/": SIMULATOR / "threadsim",
            "/files.mjs": SIMULATOR / "files.mjs",
        }
        self.handler = handler
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(HERE))
        )
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/index.html"
        if self.given_browser is not None:
            self.page = self.given_browser.new_context().new_page()
        else:
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            self.page = self.browser.new_page()
        self.page.goto(self.url)
        return self

    def __exit__(self, *exc) -> None:
        if self.given_browser is not None and self.page is not None:
            self.page.context.close()
        if self.browser is not None:
            self.browser.close()
        if self.playwright is not None:
            self.playwright.stop()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    @property
    def jspi(self) -> bool:
        return bool(self.page.evaluate("window.jspi"))

    def send(self, message: dict, timeout_ms: int = 120_000) -> dict:
        reply = self.page.evaluate(
            """([m, ms]) => Promise.race([
                window.sim(m),
                new Promise((done) => setTimeout(
                    () => done({error: `no answer from the worker in ${ms} ms`}), ms)),
            ])""",
            [message, timeout_ms],
        )
        if reply.get("error"):
            raise RuntimeError(reply["error"])
        return reply

    def simulate(self, code: str, filename: str, **options) -> dict:
        import json

        reply = self.send(
            {"type": "run", "code": code, "filename": filename, **options}
        )
        reply["result"] = json.loads(reply["payload"])
        return reply

    def plain(self, code: str, filename: str = "<plain>", timeout_ms=120_000) -> dict:
        return self.send(
            {"type": "plain", "code": code, "filename": filename}, timeout_ms
        )

    def restart(self) -> None:
        """A fresh page and worker (after a program that never ended)."""
        self.page.goto(self.url)

    def python(self, code: str) -> dict:
        return self.send({"type": "python", "code": code})
