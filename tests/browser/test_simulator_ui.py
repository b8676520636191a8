"""`Run (simulated threads)` on the built site, in real headless Chromium.

Every threaded block of every page gets the simulator's panel; clicking its
button runs the example in the page's Pyodide worker with simulated threads,
and the output must follow the same rule as the recorded CPython output. The
panel must be impossible to mistake for real threads. Browsers without
WebAssembly JSPI get runs precomputed at build instead
(tests/browser/test_precomputed_panel.py).
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from runner_tab import REVEAL, Tab, open_tab

import threadsim
from docs_tools.outputs import rules_of, same_output
from docs_tools.pages import site_examples
from docs_tools.site import rel

THREADED = [e for e in site_examples() if e.simulated]
BY_PAGE: dict = defaultdict(list)
for _example in THREADED:
    BY_PAGE[_example.page].append(_example)
RUN_TIMEOUT_MS = 120_000


def panel_of(page, path: str):
    block = page.locator(
        "div.threaded", has=page.locator(f':scope > .filename:text-is("{path}")')
    ).first
    handle = block.element_handle()
    page.evaluate(REVEAL, handle)
    return page.locator(".tip-sim").filter(
        has=page.locator(f'code:text-is("python {path}")')
    )


def simulate(page, path: str, seed: int | None = None) -> dict:
    panel = panel_of(page, path).first
    panel.scroll_into_view_if_needed()
    if seed is not None:
        panel.locator(".tip-sim-seed").fill(str(seed))
    panel.locator(".tip-sim-run").click()
    handle = panel.element_handle()
    page.wait_for_function(
        "el => el.dataset.tipVerdict && el.dataset.tipRunning === 'false'",
        arg=handle,
        timeout=RUN_TIMEOUT_MS,
    )
    result = page.evaluate("el => el.tipSimResult || null", handle)
    shown = panel.locator(".tip-output").inner_text()
    return {"panel": panel, "result": result, "shown": shown}


@pytest.fixture(scope="module")
def tab(browser, site_server):
    """One page for the module, moved between chapters by Material's instant
    navigation, as a reader clicks through: its Pyodide worker boots once."""
    tab = open_tab(browser, site_server, site_server.page_url(next(iter(BY_PAGE))))
    yield tab
    tab.page.context.close()


def show(tab: Tab, page) -> None:
    """Go to a chapter (a Path or "locks.md") unless it is the page shown."""
    url = tab.server.page_url(page)
    if tab.page.url.split("#")[0] != url:
        tab.go(url)
    tab.page.wait_for_selector(".tip-sim-run", timeout=30_000)


@pytest.mark.parametrize("page_path", list(BY_PAGE), ids=[rel(p) for p in BY_PAGE])
def test_every_threaded_block_runs_simulated(tab, page_path):
    """Each threaded example, run as a reader runs it, follows its page's rule
    (this is the site's one run of each example simulated in a browser)."""
    show(tab, page_path)
    page = tab.page
    assert page.locator(".tip-sim").count() == len(BY_PAGE[page_path])
    for example in BY_PAGE[page_path]:
        path = rel(example.snippet)
        run = simulate(page, path)
        result = run["result"]
        assert result is not None, f"{path}: no simulation result"
        assert result["stop_reason"] is None, result["output"]
        real = example.output_file.read_text(encoding="utf-8")
        assert same_output(result["output"], real, rules_of(example)), (
            f"{path} simulated in the page:\n{result['output']}\n--- recorded:\n{real}"
        )
        # What the worker streamed to the panel is the simulation's output.
        assert run["shown"].rstrip("\n") == result["output"].rstrip("\n")
        assert result["svg"].startswith("<svg")
        assert run["panel"].locator(".tip-sim-timeline svg").count() == 1


def test_panel_cannot_pass_for_real_threads(tab):
    show(tab, "locks.md")
    page = tab.page
    path = "snippets/locks/03_race_without_lock.py"
    panel = panel_of(page, path).first
    button = panel.locator("button.tip-sim-run")
    assert button.inner_text().strip().endswith("Run (simulated threads)")
    text = panel.inner_text()
    assert "Simulated threads, not real ones" in text
    assert "no parallelism, no GIL" in text
    assert "the simulator chooses when to switch" in text
    link = panel.locator("a.tip-sim-recorded")
    target = link.get_attribute("href")
    recorded = page.locator(target)
    assert recorded.count() == 1
    assert recorded.locator(".filename").inner_text().strip() == f"$ python {path}"
    assert panel.locator(f'code:text-is("python {path}")').count() == 1
    for control in (".tip-sim-seed", ".tip-sim-policy", ".tip-sim-quantum"):
        assert panel.locator(control).count() == 1
    # The note and the default N are the package's (simulator-facts.js).
    assert panel.locator(".tip-sim-note").inner_text() == threadsim.NOTE
    quantum = panel.locator(".tip-sim-quantum")
    assert quantum.input_value() == str(threadsim.DEFAULT_QUANTUM["gil"])
    panel.locator(".tip-sim-granularity").select_option("bytecode")
    assert quantum.input_value() == str(threadsim.DEFAULT_QUANTUM["bytecode"])
    panel.locator(".tip-sim-granularity").select_option("gil")  # as it was


def test_same_seed_same_run_in_the_page(tab):
    show(tab, "threading-module.md")
    page = tab.page
    path = "snippets/threading-module/03_two_tasks.py"
    first = simulate(page, path, seed=11)
    again = simulate(page, path, seed=11)
    assert first["result"]["output"] == again["result"]["output"]
    assert first["result"]["svg"] == again["result"]["svg"]
    assert first["result"]["timeline_sha256"] == again["result"]["timeline_sha256"]
    lanes = first["panel"].locator(".tip-sim-timeline svg .tl-lane")
    assert lanes.count() == 3
    assert first["result"]["virtual_time"] == pytest.approx(7.5, abs=1e-4)


def test_race_loses_updates_in_the_page_and_the_lock_fixes_it(tab):
    show(tab, "locks.md")
    page = tab.page
    race = simulate(page, "snippets/locks/03_race_without_lock.py", seed=3)
    assert "Lost updates: True" in race["result"]["output"]
    locked = simulate(page, "snippets/locks/04_race_fixed_with_lock.py", seed=3)
    assert "Lost updates: False" in locked["result"]["output"]


def test_nothing_is_fetched_before_the_first_simulated_run(browser, site_server):
    context = browser.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    try:
        page.goto(site_server.url + "daemon-threads/")
        page.wait_for_selector(".tip-sim-run")
        assert not [u for u in urls if "/assets/pyodide/" in u or "/threadsim/" in u]
        run = simulate(page, "snippets/daemon-threads/01_daemon_background_task.py")
        assert run["result"]["virtual_time"] == pytest.approx(5.0, abs=1e-4)
        assert run["result"]["output"].endswith("Main thread exiting\n")
        assert [u for u in urls if "/assets/threadsim/_sched.py" in u]
        assert all(u.startswith(site_server.url) for u in urls), [
            u for u in urls if not u.startswith(site_server.url)
        ]
    finally:
        context.close()


@pytest.mark.parametrize("isolated", [False, True], ids=["plain", "isolated"])
def test_stop_ends_a_simulation_and_the_next_run_works(
    browser, site_server, isolated_server, isolated
):
    server = isolated_server if isolated else site_server
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server.url + "locks/")
        page.wait_for_selector(".tip-sim-run")
        path = "snippets/locks/04_race_fixed_with_lock.py"
        panel = panel_of(page, path).first
        panel.scroll_into_view_if_needed()
        panel.locator(".tip-sim-quantum").fill("1")  # many switches: a long run
        panel.locator(".tip-sim-run").click()
        page.wait_for_function(
            "el => el.querySelector('.tip-output').textContent.length > 0 || "
            "el.dataset.tipRunning === 'true'",
            arg=panel.element_handle(),
        )
        panel.locator(".tip-stop").click()
        page.wait_for_function(
            "el => el.dataset.tipRunning === 'false'",
            arg=panel.element_handle(),
            timeout=10_000,
        )
        panel.locator(".tip-sim-quantum").fill("1000")
        run = simulate(page, path, seed=2)
        assert "Lost updates: False" in run["result"]["output"]
    finally:
        context.close()
