"""How fast the in-page Python runner is, in every browser engine found.

    .venv/bin/python benchmarks/browser_runner.py [--site DIR] [--repeat N]
        [--engines chromium,firefox,webkit] [--out FILE.json]

The built site served on 127.0.0.1; per engine (Chromium through Playwright,
Firefox and WebKit through docs_tools.browser.driven), each round in fresh
browser profiles (empty HTTP cache):

* bare:   `loadPyodide()` alone in a module Web Worker on a blank page of the
          site: Pyodide as its npm package ships it (the site's self-hosted
          files, but for the standard library's zip, served as distributed:
          sources only, docs_tools.browser.DISTRIBUTED_STDLIB); what any
          page that loads Pyodide pays, and the unit of every ratio;
* bare+counter: the same with the runner's download counter (a fetch that
          streams every response through a TransformStream, worker.js
          countDownloads): what that costs;
* bare-site: the same with the site's standard library, which holds the
          bytecode of the modules a Run imports (web/pyodide/): what that
          saves, and the floor for this site;
* bare on the page: that boot (the site's files) in a worker of the chapter
          page, started when its block is ready, as "cold" is: the floor on
          that page, which the browser is still showing (in WebKit under
          Xvfb, painting a page costs CPU a blank one does not); cold / this
          is what the runner itself adds;
* cold:   a chapter page's first Run: click -> first line of output (starts
          the worker, downloads and boots Pyodide, runs the example), with
          the site's service worker blocked;
* first:  a first visit as a reader makes it, the service worker allowed:
          open the page, click Run as soon as the block is ready, -> first
          line of output (the worker's precache must not slow it, issue 17);
          with the requests the server saw before that output (with the
          worker blocked, only the page's own and Pyodide's);
* first, blocked: the same with the service worker blocked, in
          the same round: first / first-blocked is what the worker costs;
* warm:   the next Run on the same page: click -> first line of output;
* stop:   Stop on `while True: pass` -> the next Run's first line of output;
* sleep:  a Run of `time.sleep(2)`: the CPU-seconds the whole machine is
          busy meanwhile, per second asleep (Linux's /proc/stat; about 1 where
          the wait spins a core, as Emscripten's sleep does);
* later:  a second visit in the same profile (new page, HTTP cache and
          storage kept): its first Run, click -> first line of output (where a
          memory snapshot stored by the first visit would pay off);
* weight (Chromium): bytes fetched by a page with runnable blocks before the
          first Run, split into Material's own and the runner's.

Goals (issues 3, 16 and 17): cold <= 1.2 x bare in every engine, first
visit <= 1.0 x bare, warm <= 50 ms, runner weight before the first Run
<= 300 KB beyond Material's own. A script, not a test: it prints a table of
seconds and ratios to bare (and, with --out, writes them with the machine's
facts, benchmarks/measuring.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
from collections import defaultdict
from pathlib import Path

from measuring import busy_cpu_seconds, load_average, machine, utc_stamp, write_data

from docs_tools.browser import (
    BLANK,
    DISTRIBUTED_STDLIB,
    NoBrowser,
    browser,
    built_site,
    driven,
    serve,
)
from docs_tools.pages import site_examples
from docs_tools.site import rel

ROOT = Path(__file__).resolve().parent.parent

#: loadPyodide alone in a module worker (with the runner's download counter
#: when asked): resolves with the ms from creating the worker to Python's
#: first result.
BARE_BOOT = """async ({ counter, indexURL, stdLibURL }) => {
    const source = `
        if (${counter}) {
            const realFetch = self.fetch;
            let loaded = 0;
            self.fetch = async (...args) => {
                const response = await realFetch(...args);
                if (!response.body) return response;
                const count = new TransformStream({ transform(chunk, controller) {
                    loaded += chunk.byteLength;
                    postMessage({ loaded });
                    controller.enqueue(chunk);
                } });
                return new Response(response.body.pipeThrough(count), {
                    status: response.status, statusText: response.statusText,
                    headers: response.headers });
            };
        }
        const { loadPyodide } = await import("${indexURL}pyodide.mjs");
        const pyodide = await loadPyodide({ indexURL: "${indexURL}",
            fullStdLib: false, ${stdLibURL ? `stdLibURL: "${stdLibURL}"` : ""} });
        postMessage({ done: pyodide.runPython("6 * 7") });`;
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const started = performance.now();
    const worker = new Worker(url, { type: "module" });
    return new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => {
            if (data.done !== 42) return;
            resolve(performance.now() - started);
            worker.terminate();
        };
        worker.onerror = (event) => reject(new Error(event.message || "worker error"));
    });
}"""

#: The block of the snippet `path` and its runner panel, as JavaScript
#: statements that begin the functions below.
BLOCK_AND_PANEL = """
    const span = [...document.querySelectorAll("div.runnable > span.filename")]
        .find(s => s.textContent.trim() === path);
    const block = span.parentElement;
    const panel = block.nextElementSibling.classList.contains("tip-runner")
        ? block.nextElementSibling : block.parentElement.querySelector(".tip-runner");
"""

# Click Run on a block and resolve with the ms until its first output.
CLICK_TO_FIRST_OUTPUT = (
    "path => new Promise(resolve => {"
    + BLOCK_AND_PANEL
    + """\
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
)


# Start an endless loop in a block, wait until it runs, click Stop, and wait
# until the Run has ended.
LOOP_THEN_STOP = (
    "async path => {"
    + BLOCK_AND_PANEL
    + """\
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
)
#: Run `time.sleep(SLEEP_S)` in a block and resolve once the Run has ended.
SLEEP_S = 2
SLEEP_RUN = (
    "async path => {"
    + BLOCK_AND_PANEL
    + f"""\
    await block.tipBlock.setCode("import time\\ntime.sleep({SLEEP_S})");
    panel.querySelector(".tip-run").click();
    await new Promise(done => {{
        const check = () => block.dataset.tipVerdict ? done() : setTimeout(check, 50);
        check();
    }});
    block.tipBlock.reset();
}}"""
)
STORED = "() => window.__tipRunner.snapshotsStored > 0"
#: The stored memory snapshot (web/runner/snapshot.js): [raw, stored] bytes.
SNAPSHOT_SIZE = """async () => {
    const cache = await caches.open("tip-python-snapshot");
    const [request] = await cache.keys();
    if (!request) return null;
    const response = await cache.match(request);
    return [Number(response.headers.get("x-tip-bytes")), (await response.blob()).size];
}"""


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


class PlaywrightPage:
    """A Chromium page (Playwright) with the calls of a Driven page used here."""

    engine = "chromium"

    def __init__(self, context) -> None:
        self.context = context
        self.page = context.new_page()

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def evaluate(self, source: str, arg: object = None):
        return self.page.evaluate(source, arg)

    def wait(self, predicate: str, arg: object = None, timeout: float = 120.0):
        return self.page.wait_for_function(predicate, arg=arg, timeout=timeout * 1000)

    def new_page(self) -> None:
        self.page.close()
        self.page = self.context.new_page()


FIRST_READY = "() => !!document.querySelector('div.runnable[data-tip-ready]')"
VERDICT = "() => !!document.querySelector('div.runnable[data-tip-verdict]')"
STATS = "() => ({ ...window.__tipRunner })"


def runs(page, page_url: str, snippet: str, found: dict, *, first: bool) -> None:
    """cold (first=True) or later first Run, then warm Runs, then Stop."""
    page.goto(page_url)
    page.wait(FIRST_READY)
    found["cold" if first else "later"].append(
        page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet)
    )
    page.wait(VERDICT)
    stats = page.evaluate(STATS)
    if first:
        found["boot"].append(stats["bootMs"])
        for _ in range(3):
            page.wait(VERDICT)
            found["warm"].append(page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet))
            page.wait(VERDICT)
        wait_stored(page)  # the spare worker's boot is not the sleep's
        before = busy_cpu_seconds()
        page.evaluate(SLEEP_RUN, snippet)
        if before is not None:
            found["sleep"].append((busy_cpu_seconds() - before) / SLEEP_S)
    else:
        found["from"].append(str(stats.get("bootFrom")))
        page.evaluate(LOOP_THEN_STOP, snippet)
        found["stop"].append(page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet))
        found["isolated"].append(str(page.evaluate("() => crossOriginIsolated")))
        page.wait(VERDICT)
        after = page.evaluate(STATS)
        found["after stop"].append(f"{after['bootFrom']}, {after['bootModule']}")


def bare_on_the_page(page, server, page_url: str, found: dict) -> None:
    """A bare boot in a worker of the chapter page, when its block is ready."""
    page.goto(page_url)
    page.wait(FIRST_READY)
    found["bare-page"].append(
        page.evaluate(BARE_BOOT, bare_arg(server, False, distributed=False))
    )


def bare_arg(server, counter: bool, distributed: bool = True) -> dict:
    """BARE_BOOT's argument: Pyodide's standard library as distributed, or
    (distributed=False) the site's, with bytecode (web/pyodide/)."""
    stdlib = server.at(DISTRIBUTED_STDLIB) if distributed else None
    return {
        "counter": counter,
        "indexURL": server.at("/assets/pyodide/"),
        "stdLibURL": stdlib,
    }


def bare_rows(server) -> list[tuple[str, dict]]:
    """The bare boots on a blank page, each in a fresh profile."""
    return [
        ("bare", bare_arg(server, False)),
        ("bare+counter", bare_arg(server, True)),
        ("bare-site", bare_arg(server, False, distributed=False)),
    ]


def first_visit(
    page, server, page_url: str, snippet: str, found: dict, row: str = "first"
) -> None:
    """The first Run of a first visit (the service worker allowed, or
    blocked for the row "first-blocked")."""
    before = len(server.seen())
    page.goto(page_url)
    page.wait(FIRST_READY)
    found[row].append(page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet))
    found[f"{row} requests"].append(len(server.seen()) - before)
    page.wait(VERDICT)


def wait_stored(page) -> None:
    """A first visit's snapshot stored, where the runner makes one (issue 17)."""
    if page.evaluate("() => 'snapshotsStored' in window.__tipRunner"):
        try:
            page.wait(STORED + " || window.__tipRunner.snapshotsRefused > 0", None, 120)
        except Exception as error:
            print(f"  no snapshot stored: {str(error).splitlines()[0]}")


def chromium_round(chromium, server, page_url, snippet, site, found) -> None:
    for row, arg in bare_rows(server):
        context = chromium.new_context()
        page = PlaywrightPage(context)
        page.goto(server.at(BLANK))
        found[row].append(page.evaluate(BARE_BOOT, arg))
        context.close()
    context = chromium.new_context(service_workers="block")
    bare_on_the_page(PlaywrightPage(context), server, page_url, found)
    context.close()
    for allowed in (True, False):
        context = chromium.new_context(service_workers="allow" if allowed else "block")
        row = "first" if allowed else "first-blocked"
        first_visit(PlaywrightPage(context), server, page_url, snippet, found, row)
        context.close()
    context = chromium.new_context(service_workers="block")
    page = PlaywrightPage(context)
    before = len(server.seen())
    page.page.goto(page_url, wait_until="networkidle")
    page.wait(FIRST_READY)
    page.page.wait_for_load_state("networkidle")
    seen = server.seen()[before:]
    found["weight"].append(weight(site, seen))
    found["pyodide early"].append(len([p for p in seen if "/assets/pyodide/" in p]))
    runs(page, page_url, snippet, found, first=True)
    context.close()
    # A profile of its own, without the service worker (not isolated): a
    # first visit stores its snapshot, then a later one.
    context = chromium.new_context(service_workers="block")
    page = PlaywrightPage(context)
    page.goto(page_url)
    page.wait(FIRST_READY)
    page.evaluate(CLICK_TO_FIRST_OUTPUT, snippet)
    wait_stored(page)
    found["snapshot"].append(page.evaluate(SNAPSHOT_SIZE))
    page.new_page()
    runs(page, page_url, snippet, found, first=False)
    context.close()


def turn_offline_use_off(page, server) -> None:
    """The site's service worker kept off where the engine cannot block it
    (WebKit): the site's own switch, which a reader turns on the Conventions
    page, set as it stores it (web/offline/offline.js KEY). Unblocked, the
    worker registers two seconds after load (no requestIdleCallback in
    WebKit) and precaches the site beside the boot measured: a bare boot on
    the chapter page 1.38 x a blank page's with it, 1.22 x without
    (WebKitGTK 2.50, 3 rounds)."""
    if not page.blocks_service_workers:
        page.goto(server.at(BLANK))
        page.evaluate("() => localStorage.setItem('tip-offline', 'off')")


def driven_round(engine, server, page_url, snippet, found) -> None:
    for row, arg in bare_rows(server):
        with driven(engine) as page:
            page.goto(server.at(BLANK))
            found[row].append(page.evaluate(BARE_BOOT, arg))
    with driven(engine) as page:
        turn_offline_use_off(page, server)
        bare_on_the_page(page, server, page_url, found)
    for allowed in (True, False):
        with driven(engine, service_workers=allowed) as page:
            if not allowed:
                turn_offline_use_off(page, server)
            row = "first" if allowed else "first-blocked"
            first_visit(page, server, page_url, snippet, found, row)
    with driven(engine) as page:
        turn_offline_use_off(page, server)
        runs(page, page_url, snippet, found, first=True)
        wait_stored(page)
        page.new_page()
        runs(page, page_url, snippet, found, first=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", default="chromium,firefox,webkit")
    parser.add_argument("--out", type=Path, help="also write the results as JSON")
    args = parser.parse_args()
    load_before = load_average()
    site = built_site(args.site)
    example = next(e for e in site_examples() if e.kind == "runnable")
    snippet = rel(example.snippet)
    med = statistics.median
    results: dict[str, dict] = {}
    with serve(site) as server:
        page_url = server.page_url(example.page)
        for engine in args.engines.split(","):
            found: dict[str, list] = defaultdict(list)
            try:
                for _ in range(args.repeat):
                    if engine == "chromium":
                        with browser() as chromium:
                            chromium_round(
                                chromium, server, page_url, snippet, site, found
                            )
                    else:
                        driven_round(engine, server, page_url, snippet, found)
            except NoBrowser as error:
                print(f"{engine}: skipped ({error})")
                continue
            results[engine] = found

    print(f"\npage {page_url}, block {snippet}, {args.repeat} rounds (median)")
    rows = ["bare", "bare+counter", "bare-site", "bare-page", "cold", "boot", "first"]
    rows += ["first-blocked", "warm", "stop", "later"]
    labels = {
        "bare": "bare loadPyodide() in a worker",
        "bare+counter": "  the same + the download counter",
        "bare-site": "  the same, the site's stdlib (bytecode)",
        "bare-page": "  the site's stdlib, on the chapter page",
        "cold": "cold first Run -> first output",
        "boot": "  of which the worker's boot",
        "first": "first visit, service worker allowed",
        "first-blocked": "  the same, service worker blocked",
        "warm": "warm Run -> first output",
        "stop": "Stop -> next Run -> first output",
        "later": "later visit: first Run -> output",
    }
    engines = list(results)
    print(f"{'':<36}" + "".join(f"{e:>22}" for e in engines))
    for row in rows:
        cells = []
        for engine in engines:
            values = [v for v in results[engine].get(row, []) if v is not None]
            if not values:
                cells.append(f"{'-':>22}")
                continue
            value = med(values) / 1000
            bare = med(results[engine]["bare"]) / 1000
            ratio = "" if row in ("bare", "warm") else f" ({value / bare:4.2f}x)"
            text = f"{value * 1000:.1f} ms" if row == "warm" else f"{value:.2f} s"
            cells.append(f"{text + ratio:>22}")
        print(f"{labels[row]:<36}" + "".join(cells))
    print(
        "goals: cold <= 1.2x bare in every engine; first visit <= 1.0x bare; "
        "warm <= 50 ms"
    )
    for engine in engines:
        found = results[engine]
        if found.get("bare-page") and found.get("cold"):
            added = med(found["cold"]) / med(found["bare-page"])
            print(f"{engine}: cold / bare on the chapter page = {added:4.2f}x")
    for engine in engines:
        if sleeps := results[engine].get("sleep"):
            print(
                f"{engine}: CPU-seconds busy per second of time.sleep in a Run "
                f"= {med(sleeps):4.2f} (about 1: the wait spins a core)"
            )
    print(f"load average (1, 5, 15 min): before {load_before}, after {load_average()}")
    for engine in engines:
        found = results[engine]
        print(
            f"{engine}: later visit booted from {sorted(set(found['from']))}; "
            f"isolated at the Stop: {sorted(set(found['isolated']))}; "
            f"the worker after it booted from (boot, module): "
            f"{sorted(set(found['after stop']))}; "
            f"requests before a first visit's first output: "
            f"{found['first requests']} (worker blocked: "
            f"{found['first-blocked requests']})"
        )
    if "chromium" in results:
        found = results["chromium"]
        sizes = [size for size in found["snapshot"] if size]
        if sizes:
            raw, stored = sizes[0]
            print(
                f"memory snapshot stored (Chromium): {raw / 2**20:.1f} MiB raw, "
                f"{stored / 2**20:.1f} MiB gzip in Cache Storage"
            )
        runner_raw, runner_gz = found["weight"][0]["runner"]
        material_raw, material_gz = found["weight"][0]["material"]
        print(
            f"fetched before the first Run (Chromium): Material and page "
            f"{material_raw / 1024:.0f} KB ({material_gz / 1024:.0f} KB gzip); "
            f"runner {runner_raw / 1024:.1f} KB ({runner_gz / 1024:.1f} KB gzip) "
            f"(goal: runner <= 300 KB); Pyodide files: {found['pyodide early'][0]}"
        )
    editor = (site / "assets" / "runner" / "editor.js").read_bytes()
    packed = gzip.compress(editor, 6)
    print(
        f"editor, fetched when the reader edits: {len(editor) / 1024:.0f} KB "
        f"({len(packed) / 1024:.0f} KB gzip)"
    )
    # What the built sw.js is told to keep (its second line, written by
    # hooks/service_worker.py).
    told = (site / "sw.js").read_text(encoding="utf-8").split("\n")[1]
    facts = json.loads(told.removeprefix("self.TIP_BUILD = ").removesuffix(";"))
    precached = facts["files"]
    sizes = [(site / name).read_bytes() for name in precached]
    pyodide_files = facts.get("pyodideFiles", {})
    pyodide = sum((site / name).stat().st_size for name in pyodide_files)
    print(
        f"service worker's precache: {len(precached)} files, "
        f"{sum(map(len, sizes)) / 2**20:.1f} MiB "
        f"({sum(len(gzip.compress(d, 6)) for d in sizes) / 2**20:.1f} MiB gzip on "
        f"the wire); Pyodide, kept on first use: {pyodide / 2**20:.1f} MiB"
    )
    if args.out:
        data = {
            "measured": utc_stamp(),
            "machine": machine(),
            "load_average": {"before": load_before, "after": load_average()},
            "page": page_url,
            "block": snippet,
            "repeat": args.repeat,
            "results": {
                engine: {key: value for key, value in found.items() if key != "weight"}
                for engine, found in results.items()
            },
        }
        write_data(args.out, data, tag="browser_runner")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
