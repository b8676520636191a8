"""How fast the in-page Python runner is, measured in headless Chromium.

    .venv/bin/python benchmarks/browser_runner.py [--site DIR] [--repeat N]

In one browser session, each measurement in a fresh browser context (empty
HTTP cache), the built site served on 127.0.0.1:

* bare:  `loadPyodide()` on the page's main thread of a blank page, from the
         same self-hosted files: the floor for any Pyodide page;
* cold:  a chapter page's first Run: click → first line of output (starts
         the worker, downloads and boots Pyodide, runs the example);
* warm:  the next Run on the same page: click → first line of output;
* weight: bytes fetched by a page with runnable blocks before the first Run,
         split into Material's own and the runner's (raw, and gzip as GitHub
         Pages serves them); the editor (CodeMirror) is fetched only when the
         reader starts editing, its size is printed apart.

Goals (issue 3): cold <= 1.5 x bare, warm <= 50 ms, runner weight before the
first Run <= 300 KB beyond Material's own. A script, not a test: it prints.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from docs_tools.chromium import CHROMIUM_ARGS as ARGS
from docs_tools.pages import mkdocs_config, rel, site_examples

ROOT = Path(__file__).resolve().parent.parent

BLANK = "__blank__.html"

BARE_BOOT = """async () => {
    const started = performance.now();
    const { loadPyodide } = await import("/assets/pyodide/pyodide.mjs");
    const pyodide = await loadPyodide({ indexURL: "/assets/pyodide/" });
    pyodide.runPython("print('ready')");
    return performance.now() - started;
}"""

# Click Run on a block and resolve with the ms until its first output.
CLICK_TO_FIRST_OUTPUT = """path => new Promise(resolve => {
    const span = [...document.querySelectorAll("div.runnable > span.filename")]
        .find(s => s.textContent.trim() === path);
    const block = span.parentElement;
    const panel = block.nextElementSibling.classList.contains("tip-runner")
        ? block.nextElementSibling : block.parentElement.querySelector(".tip-runner");
    const output = panel.querySelector(".tip-output");
    const button = panel.querySelector(".tip-run");
    let started;
    const seen = new MutationObserver(() => {
        if (!output.textContent) return;
        seen.disconnect();
        resolve(performance.now() - started);
    });
    seen.observe(output, { childList: true, subtree: true, characterData: true });
    started = performance.now();
    button.click();
})"""


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def __init__(self, *args, site: Path, seen: list[str], base: str, **kwargs):
        self.seen = seen
        self.base = base
        super().__init__(*args, directory=str(site), **kwargs)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == f"/{BLANK}":
            return self.reply(b"<!doctype html><title>blank</title>", "text/html")
        if path == "/sitemap.xml":  # as once deployed at site_url (see tests)
            text = (Path(self.directory) / "sitemap.xml").read_text(encoding="utf-8")
            body = text.replace(mkdocs_config()["site_url"], self.base["url"])
            return self.reply(body.encode(), "application/xml")
        return super().do_GET()

    def reply(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_request(self, code="-", size="-") -> None:
        self.seen.append(self.path.split("?")[0])

    def log_message(self, format, *args) -> None:
        pass


def build(site: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        check=True,
    )


def weight(site: Path, paths: list[str]) -> dict[str, tuple[int, int]]:
    """Raw and gzip bytes of the files requested, split runner / Material."""
    totals = {"runner": [0, 0], "material": [0, 0]}
    for path in dict.fromkeys(paths):
        file = site / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            continue
        data = file.read_bytes()
        part = (
            "runner"
            if path.startswith(("/assets/runner/", "/snippets/"))
            else "material"
        )
        totals[part][0] += len(data)
        totals[part][1] += len(gzip.compress(data, 6))
    return {key: (raw, packed) for key, (raw, packed) in totals.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="bench-site-"))
        build(site)
    example = next(e for e in site_examples() if e.kind == "runnable")
    snippet = rel(example.snippet)
    seen: list[str] = []
    base = {"url": ""}
    handler = functools.partial(Handler, site=site, seen=seen, base=base)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base["url"] = f"http://127.0.0.1:{httpd.server_address[1]}/"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    page_name = rel(example.page).removeprefix("docs/").removesuffix(".md")
    page_url = base["url"] + page_name.removesuffix("index") + "/"
    page_url = page_url.replace("//", "/").replace(":/", "://")

    bare, cold, warm, boot, weights = [], [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=ARGS
        )
        for _ in range(args.repeat):
            context = browser.new_context()
            page = context.new_page()
            page.goto(base["url"] + BLANK)
            bare.append(page.evaluate(BARE_BOOT))
            context.close()

            context = browser.new_context()
            page = context.new_page()
            seen.clear()
            page.goto(page_url, wait_until="networkidle")
            page.wait_for_selector("div.runnable[data-tip-ready] >> nth=0")
            page.wait_for_load_state("networkidle")
            weights.append(weight(site, list(seen)))
            pyodide_early = [p for p in seen if "/assets/pyodide/" in p]
            cold.append(page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet))
            page.wait_for_selector("div.runnable[data-tip-verdict]")
            boot.append(page.evaluate("() => window.__tipRunner.bootMs"))
            for _ in range(3):
                page.wait_for_selector("div.runnable[data-tip-verdict]")
                warm.append(page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet))
                page.wait_for_selector("div.runnable[data-tip-verdict]")
            context.close()
        browser.close()
    httpd.shutdown()

    med = statistics.median
    b, c, w = med(bare), med(cold), med(warm)

    def line(label: str, value: str) -> None:
        print(f"{label:<38}: {value}")

    print(f"page {page_url}, block {snippet}, {args.repeat} runs (median)")
    line("bare loadPyodide(), blank page", f"{b:7.0f} ms  {sorted(map(round, bare))}")
    line("cold first Run -> first output", f"{c:7.0f} ms  {sorted(map(round, cold))}")
    line("  of which the worker's boot", f"{med(boot):7.0f} ms")
    line(
        "warm Run -> first output", f"{w:7.1f} ms  {sorted(round(x, 1) for x in warm)}"
    )
    line("ratio cold / bare", f"{c / b:7.2f}     (goal <= 1.5)")
    line("warm", f"{w:7.1f} ms  (goal <= 50 ms)")
    runner_raw, runner_gz = weights[0]["runner"]
    material_raw, material_gz = weights[0]["material"]
    line(
        "fetched before the first Run",
        f"Material and page {material_raw / 1024:.0f} KB "
        f"({material_gz / 1024:.0f} KB gzip); runner {runner_raw / 1024:.1f} KB "
        f"({runner_gz / 1024:.1f} KB gzip)  (goal: runner <= 300 KB)",
    )
    line("Pyodide files before the first Run", str(len(pyodide_early)))
    editor = (site / "assets" / "runner" / "editor.js").read_bytes()
    packed = gzip.compress(editor, 6)
    line(
        "editor, fetched when the reader edits",
        f"{len(editor) / 1024:.0f} KB ({len(packed) / 1024:.0f} KB gzip)",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
