"""How fast the in-page Python runner is, measured in headless Chromium.

    .venv/bin/python benchmarks/browser_runner.py [--site DIR] [--repeat N]

In one browser session, each measurement in a fresh browser context (empty
HTTP cache), the built site served on 127.0.0.1:

* bare:  `loadPyodide()` on the page's main thread of a blank page, from the
         same self-hosted files: the floor for any Pyodide page;
* cold:  a chapter page's first Run: click → first line of output (starts
         the worker, downloads and boots Pyodide, runs the example);
* warm:  the next Run on the same page: click → first line of output;
* later: a later visit's first Run (a new page of the same profile, once the
         first visit's memory snapshot is stored, web/runner/snapshot.js):
         click → first line of output, the worker booting from the snapshot;
* stop:  Stop → next Run on a page that is not cross-origin isolated (the
         service worker blocked: it would isolate the page), where Stop ends
         the worker: Stop clicked during an endless loop, then Run clicked →
         first line of output (the new worker boots from the snapshot);
* weight: bytes fetched by a page with runnable blocks before the first Run,
         split into Material's own and the runner's (raw, and gzip as GitHub
         Pages serves them); the editor (CodeMirror) is fetched only when the
         reader starts editing, its size is printed apart.

Goals (issue 3): cold <= 1.5 x bare, warm <= 50 ms, runner weight before the
first Run <= 300 KB beyond Material's own; (issue 17) cold <= 1.0 x bare,
later <= 0.35 x bare, stop <= 0.35 x bare. A script, not a test: it prints.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from docs_tools.browser import browser, serve
from docs_tools.pages import site_examples
from docs_tools.site import rel

ROOT = Path(__file__).resolve().parent.parent

BLANK = "__blank__.html"  # a page of the site's origin, answered by Playwright

BARE_BOOT = """async () => {
    const started = performance.now();
    const indexURL = new URL("assets/pyodide/", location.href).href;
    const { loadPyodide } = await import(indexURL + "pyodide.mjs");
    const pyodide = await loadPyodide({ indexURL });
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


# Start an endless loop in a block, wait until it runs, click Stop, and wait
# until the Run has ended.
LOOP_THEN_STOP = """async path => {
    const span = [...document.querySelectorAll("div.runnable > span.filename")]
        .find(s => s.textContent.trim() === path);
    const block = span.parentElement;
    const panel = block.nextElementSibling.classList.contains("tip-runner")
        ? block.nextElementSibling : block.parentElement.querySelector(".tip-runner");
    await block.tipBlock.setCode("print('looping')\\nwhile True:\\n    pass");
    const until = (test) => new Promise(done => {
        const check = () => test() ? done() : requestAnimationFrame(check);
        check();
    });
    panel.querySelector(".tip-run").click();
    const output = panel.querySelector(".tip-output");
    await until(() => output.textContent.includes("looping"));
    panel.querySelector(".tip-stop").click();
    await until(() => block.dataset.tipRunning === "false");
    block.tipBlock.reset();
}"""
STORED = "() => window.__tipRunner.snapshotsStored > 0"


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
    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="bench-site-"))
        build(site)
    example = next(e for e in site_examples() if e.kind == "runnable")
    snippet = rel(example.snippet)

    bare, cold, warm, boot, weights = [], [], [], [], []
    later, later_boot, stop = [], [], []
    with serve(site) as server, browser() as chromium:
        page_url = server.page_url(example.page)
        for _ in range(args.repeat):
            context = chromium.new_context()
            context.route(
                server.at(BLANK),
                lambda route: route.fulfill(
                    body="<!doctype html><title>blank</title>",
                    content_type="text/html",
                ),
            )
            page = context.new_page()
            page.goto(server.at(BLANK))
            bare.append(page.evaluate(BARE_BOOT))
            context.close()

            context = chromium.new_context()
            page = context.new_page()
            before = len(server.seen())
            page.goto(page_url, wait_until="networkidle")
            page.wait_for_selector("div.runnable[data-tip-ready] >> nth=0")
            page.wait_for_load_state("networkidle")
            seen = server.seen()[before:]
            weights.append(weight(site, seen))
            pyodide_early = [p for p in seen if "/assets/pyodide/" in p]
            cold.append(page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet))
            page.wait_for_selector("div.runnable[data-tip-verdict]")
            boot.append(page.evaluate("() => window.__tipRunner.bootMs"))
            for _ in range(3):
                page.wait_for_selector("div.runnable[data-tip-verdict]")
                warm.append(page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet))
                page.wait_for_selector("div.runnable[data-tip-verdict]")
            context.close()

            # A profile of its own, without the service worker (not
            # isolated): a first visit stores its snapshot, then a later one.
            context = chromium.new_context(service_workers="block")
            page = context.new_page()
            page.goto(page_url)
            page.wait_for_selector("div.runnable[data-tip-ready] >> nth=0")
            page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet)
            page.wait_for_function(STORED, timeout=120_000)
            page.close()
            page = context.new_page()
            page.goto(page_url, wait_until="networkidle")
            page.wait_for_selector("div.runnable[data-tip-ready] >> nth=0")
            later.append(page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet))
            page.wait_for_selector("div.runnable[data-tip-verdict]")
            later_boot.append(page.evaluate("() => window.__tipRunner.bootFrom"))
            page.evaluate(LOOP_THEN_STOP, snippet)
            stop.append(page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet))
            later_boot.append(page.evaluate("() => window.__tipRunner.bootFrom"))
            context.close()

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
    line("ratio cold / bare", f"{c / b:7.2f}     (goal <= 1.5; issue 17: <= 1.0)")
    lv, st = med(later), med(stop)
    booted = ", ".join(sorted(set(later_boot)))
    line(
        "later visit: first Run -> output", f"{lv:7.0f} ms  {sorted(map(round, later))}"
    )
    line("  ratio later / bare", f"{lv / b:7.2f}     (goal <= 0.35; from: {booted})")
    line("Stop -> next Run, not isolated", f"{st:7.0f} ms  {sorted(map(round, stop))}")
    line("  ratio stop / bare", f"{st / b:7.2f}     (goal <= 0.35)")
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
