"""Threaded blocks where the browser has no WebAssembly JSPI (Safari today).

The simulator cannot run live there, so its panel shows the runs the build
made with the simulator's CPython backend (hooks/simulator_precomputed.py,
docs_tools/simulator_runs.py), fetched only when the reader asks. Here, in
Chromium:

* every precomputed run is compared with the run Chromium's live simulator
  makes for the same example, seed and settings (one tab, one warm worker);
* with JSPI hidden (an init script deletes `WebAssembly.Suspending`, so the
  page's feature test fails), the panel shows the label, the seed picker,
  the output and the timeline, by keyboard, at 390 px and in dark mode,
  with no axe violation, and says so when its file cannot be loaded.

Exactly equal runs need the same Python on both sides: where CPython's
switch points fall depends on its version (Python 3.14's `with` makes one
call more than 3.13's, for one). So the runs and Chromium's are compared in
full when the build's CPython is Pyodide's Python version, and otherwise in
what the version does not decide: the threads, what each one printed, in
its order, and the page's rule for the output (tests/test_simulator_precomputed.py
checks the runs exactly against the CPython backend).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from runner_tab import REVEAL

from docs_tools import simulator_runs
from docs_tools.axe import described, load_axe, violations
from docs_tools.outputs import rules_of, same_output
from docs_tools.pages import site_examples
from docs_tools.site import ROOT, rel
from docs_tools.site_worker import SiteWorker

# Boots Pyodide: on the second Pyodide worker (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("browser-2")

PAGES = simulator_runs.threaded_pages()
EXAMPLES = {rel(e.snippet): e for e in site_examples() if e.simulated}
NO_JSPI = "delete WebAssembly.Suspending;"
PAGE = "threading-module/"
PATH = "snippets/threading-module/03_two_tasks.py"


def pyodide_python() -> str:
    """The Python version Pyodide carries (its lock file says), "3.14"."""
    lock = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
    version = json.loads(lock.read_text(encoding="utf-8"))["info"]["python"]
    return ".".join(version.split(".")[:2])


def files(built_site: Path) -> dict[str, dict]:
    return {
        url: json.loads(
            (built_site / simulator_runs.runs_uri(url)).read_text(encoding="utf-8")
        )
        for url in PAGES
    }


def prints(timeline: dict) -> dict[str, list[str]]:
    """Each thread's printed lines, in its order."""
    lines: dict[str, list[str]] = {}
    for event in timeline["events"]:
        if event["kind"] == "print":
            lines.setdefault(event["thread"], []).append(event["text"])
    return lines


def merged(chunks) -> list[list[str]]:
    """Stream chunks with consecutive ones of a stream joined."""
    out: list[list[str]] = []
    for stream, text in chunks:
        if out and out[-1][0] == stream:
            out[-1][1] += text
        else:
            out.append([stream, text])
    return out


@pytest.fixture(scope="module")
def worker(browser, site_server):
    with SiteWorker(browser, site_server) as driven:
        yield driven


def test_precomputed_runs_are_what_chromium_simulates(worker, built_site):
    same_python = next(iter(files(built_site).values()))["python"] == pyodide_python()
    problems = []
    compared = 0
    for url, data in files(built_site).items():
        for path, source in PAGES[url].items():
            example = EXAMPLES[path]
            for run in data["examples"][path]:
                reply = worker.simulate(
                    source,
                    path,
                    seed=run["seed"],
                    policy=data["policy"],
                    quantum=data["quantum"],
                    granularity=data["granularity"],
                    full=True,
                )
                live = reply["result"]
                where = f"{path} seed {run['seed']}"
                compared += 1
                if same_python:
                    if (
                        live["timeline_sha256"] != run["timeline_sha256"]
                        or live["svg"] != run["svg"]
                        or live["output"] != run["output"]
                        or merged(reply["streamed"]) != run["chunks"]
                    ):
                        problems.append(f"{where}: not the same run")
                    continue
                if live["threads"] != run["threads"]:
                    problems.append(f"{where}: threads {live['threads']}")
                ours = prints(_timeline_of(source, path, run))
                if prints(live["timeline"]) != ours:
                    problems.append(f"{where}: each thread printed something else")
                if not same_output(live["output"], run["output"], rules_of(example)):
                    problems.append(
                        f"{where}: outputs differ beyond the page's rule:\n"
                        f"{run['output']}\n--- Chromium:\n{live['output']}"
                    )
    assert compared == len(EXAMPLES) * len(simulator_runs.SEEDS)
    assert not problems, "\n".join(problems)


def _timeline_of(source: str, path: str, run: dict) -> dict:
    """The timeline data of a precomputed run (the file keeps only its SVG):
    made again by the CPython backend, which tests/test_simulator_precomputed.py
    checks gives exactly the run in the file."""
    import threadsim
    from threadsim._browser import MAX_STEPS

    result = threadsim.run(
        source,
        path,
        seed=run["seed"],
        policy=run["policy"],
        quantum=run["quantum"],
        granularity=run["granularity"],
        max_steps=MAX_STEPS,
    )
    assert result.output == run["output"], f"{path}: the file is stale"
    return result.timeline()


# ------------------------------------------------------------ the panel --


def open_without_jspi(browser, site_server, **context_options):
    context = browser.new_context(**context_options)
    context.add_init_script(NO_JSPI)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_server.at(PAGE))
    page.wait_for_selector(".tip-sim[data-tip-sim]")
    return context, page, requests


def panel_of(page, path: str):
    block = page.locator(
        "div.threaded", has=page.locator(f':scope > .filename:text-is("{path}")')
    ).first
    page.evaluate(REVEAL, block.element_handle())
    return page.locator(".tip-sim").filter(
        has=page.locator(f'code:text-is("python {path}")')
    )


def shown_seed(page, panel, seed: int) -> dict:
    page.wait_for_function(
        "([el, seed]) => el.dataset.tipVerdict === 'precomputed'"
        " && el.tipSimResult && el.tipSimResult.seed === seed",
        arg=[panel.element_handle(), seed],
    )
    return page.evaluate("el => el.tipSimResult", panel.element_handle())


def test_without_jspi_the_panel_shows_precomputed_runs(
    browser, site_server, built_site
):
    data = files(built_site)[PAGE]
    context, page, requests = open_without_jspi(browser, site_server)
    try:
        assert page.evaluate("typeof WebAssembly.Suspending") == "undefined"
        panels = page.locator(".tip-sim")
        assert panels.count() == len(PAGES[PAGE])
        for index in range(panels.count()):
            assert panels.nth(index).get_attribute("data-tip-sim") == "precomputed"
        panel = panel_of(page, PATH).first
        panel.scroll_into_view_if_needed()
        label = panel.locator(".tip-sim-precomputed").inner_text()
        assert label.startswith(
            "Precomputed at build: this browser cannot run the simulator live "
            "(no WebAssembly JSPI"
        )
        assert "Chrome, Edge and Firefox" in label and "Safari not yet" in label
        assert panel.locator(".tip-stop").count() == 0  # nothing runs here
        picker = panel.get_by_role("combobox", name="Seed")
        assert picker.evaluate("el => [...el.options].map(o => Number(o.value))") == (
            list(simulator_runs.SEEDS)
        )
        # Nothing is fetched for it before the reader asks.
        assert not [u for u in requests if "/simulator-runs/" in u]

        # By keyboard: the button, then another seed.
        button = panel.locator(".tip-sim-run")
        button.focus()
        page.keyboard.press("Enter")
        first = shown_seed(page, panel, simulator_runs.SEEDS[0])
        expected = data["examples"][PATH][0]
        assert first["output"] == expected["output"]
        output = panel.locator(".tip-output").inner_text()
        assert output.rstrip("\n") == expected["output"].rstrip("\n")
        assert panel.locator(".tip-sim-timeline svg .tl-lane").count() == 3
        assert panel.locator(".tip-sim-timeline").is_visible()
        message = panel.locator(".tip-message").inner_text()
        assert message.startswith(f"Precomputed at build on CPython {data['python']}")
        picker.focus()
        last = simulator_runs.SEEDS[-1]
        picker.select_option(str(last))
        third = shown_seed(page, panel, last)
        assert third["output"] == data["examples"][PATH][-1]["output"]
        assert f"(seed {last}," in panel.locator(".tip-message").inner_text()
        assert panel.locator(".tip-status").inner_text() == (
            f"Seed {last}: precomputed at build."
        )
        fetched = [u for u in requests if "/simulator-runs/" in u]
        assert fetched == [site_server.at(simulator_runs.runs_uri(PAGE))]
        assert not [u for u in requests if "/assets/threadsim/" in u]  # no simulator
    finally:
        context.close()


def test_a_missing_file_of_runs_is_said_and_the_next_click_loads_it(
    browser, site_server
):
    context, page, _ = open_without_jspi(browser, site_server)
    try:
        runs = site_server.at(simulator_runs.runs_uri(PAGE))
        page.route(runs, lambda route: route.fulfill(status=404, body="no"))
        panel = panel_of(page, PATH).first
        panel.locator(".tip-sim-run").click()
        page.wait_for_function(
            "el => el.dataset.tipVerdict === 'failed'", arg=panel.element_handle()
        )
        assert panel.locator(".tip-message").inner_text() == (
            "Could not load the precomputed runs: HTTP 404."
        )
        page.unroute(runs)
        panel.locator(".tip-sim-run").click()
        shown_seed(page, panel, simulator_runs.SEEDS[0])
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_precomputed_panel_fits_a_phone_and_passes_axe(
    browser, site_server, scheme
):
    context, page, _ = open_without_jspi(
        browser,
        site_server,
        viewport={"width": 390, "height": 844},
        color_scheme=scheme,
        is_mobile=True,
        has_touch=True,
    )
    try:
        panel = panel_of(page, PATH).first
        panel.locator(".tip-sim-run").tap()
        shown_seed(page, panel, simulator_runs.SEEDS[0])
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = panel.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        load_axe(page)
        assert described(violations(page, panel.element_handle())) == []
    finally:
        context.close()
