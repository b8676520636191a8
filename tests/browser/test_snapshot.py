"""Later visits boot from a memory snapshot (web/runner/snapshot.js), and
Python boots on the reader's intent, never before.

A browser context is one browser profile: its pages share Cache Storage, so
a second page in the same context is a later visit. The snapshot is taken
before any reader's code runs and written after the first Run; a snapshot of
another version is never used; a corrupt one, full storage or none at all
mean a normal boot the reader does not notice.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from runner_tab import ALL_READY, ENDLESS, Tab, open_tab

from docs_tools.browser import Server
from docs_tools.pages import Example
from docs_tools.site import rel

# Boots Pyodide: on the second Pyodide worker (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("browser-2")

CACHE = "tip-python-snapshot"  # web/runner/snapshot.js
PYODIDE = "/assets/pyodide/"
STATS = "() => ({...window.__tipRunner})"
# No service worker: it would make the page cross-origin isolated (COOP/COEP),
# and these pages are the plain ones, where Stop ends the worker.
PLAIN = {"service_workers": "block"}
# A module of the runner, as the page imports it (one instance per page).
RUNNER_MODULE = """name => import(new URL(name,
    document.querySelector('script[src$="assets/runner/runner.js"]').src).href)"""

# The stored entries: [url, stored bytes, the size its header declares].
ENTRIES = """async name => {
    const cache = await caches.open(name);
    return Promise.all((await cache.keys()).map(async request => {
        const response = await cache.match(request);
        const body = await response.arrayBuffer();
        const size = Number(response.headers.get("x-tip-bytes"));
        return [request.url, body.byteLength, size];
    }));
}"""

# The stored snapshot as it is kept: its request URL, headers and body
# (base64), to plant in another profile as if a visit there had stored it.
TAKE = """async name => {
    const cache = await caches.open(name);
    const [request] = await cache.keys();
    const response = await cache.match(request);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return { url: request.url, headers: [...response.headers], body: btoa(binary) };
}"""

# Put a snapshot taken with TAKE into this page's Cache Storage (under this
# origin: the isolated server has another port), spoilt first when `how`
# says how: its stored (gzip) body, or the snapshot inside it.
PLANT = """async ([name, taken, how]) => {
    const stored = Uint8Array.from(atob(taken.body), c => c.charCodeAt(0));
    const through = async (bytes, stream) => new Uint8Array(await new Response(
        new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
    const gzip = bytes => through(bytes, new CompressionStream("gzip"));
    const raw = () => through(stored, new DecompressionStream("gzip"));
    let body = stored;
    if (how === "garbage") {
        body = stored.map((byte, i) => (byte * 31 + i) & 255);
    } else if (how === "truncated") {
        body = stored.slice(0, stored.length >> 1);
    } else if (how === "not-a-snapshot") {
        body = await gzip(new Uint8Array((await raw()).length).fill(7));
    } else if (how === "another-build") {
        const bytes = await raw();
        for (let i = 16; i < 48; i++) bytes[i] ^= 0x5a;  // Pyodide's build id
        body = await gzip(bytes);
    }
    const url = new URL(new URL(taken.url).pathname, location.href);
    const cache = await caches.open(name);
    await cache.put(url, new Response(body, { headers: taken.headers }));
}"""


def stats(tab: Tab) -> dict:
    return tab.page.evaluate(STATS)


def entries(tab: Tab) -> list[list]:
    return tab.page.evaluate(ENTRIES, CACHE)


def visit_again(tab: Tab) -> Tab:
    """A later visit: a new page of the same browser profile (its storage)."""
    page = tab.page.context.new_page()
    again = Tab(page, tab.server, requests=tab.requests, outside=tab.outside)
    page.goto(tab.page.url)
    page.wait_for_function(ALL_READY)
    return again


def run_and_keep(tab: Tab, path: str, code: str) -> dict:
    """Run `code`; then wait until the worker has tried to store its snapshot."""
    result = tab.run(path, code)
    tab.page.wait_for_function(
        "() => window.__tipRunner.snapshotsStored + window.__tipRunner.snapshotsRefused"
        " > 0 || window.__tipRunner.bootFrom === 'snapshot'"
    )
    return result


@pytest.fixture
def first(runnable_examples: list[Example]) -> Example:
    return runnable_examples[0]


@pytest.fixture
def tab(browser, site_server: Server, first: Example) -> Iterator[Tab]:
    opened = open_tab(browser, site_server, site_server.page_url(first.page), **PLAIN)
    yield opened
    opened.page.context.close()


@pytest.fixture(scope="module")
def stored(browser, site_server: Server, runnable_examples: list[Example]) -> dict:
    """The snapshot a first visit stores (a profile of its own), taken once
    for the tests of what later visits do with one: planting it saves each
    of them a first visit and the spare worker's boot."""
    first = runnable_examples[0]
    opened = open_tab(browser, site_server, site_server.page_url(first.page), **PLAIN)
    try:
        run_and_keep(opened, rel(first.snippet), "print('stored')")
        assert stats(opened)["snapshotsStored"] == 1
        return opened.page.evaluate(TAKE, CACHE)
    finally:
        opened.page.context.close()


def plant(tab: Tab, stored: dict, how: str | None = None) -> None:
    """As if an earlier visit in this profile had stored `stored` (spoilt
    `how`, if given)."""
    tab.page.evaluate(PLANT, [CACHE, stored, how])
    assert len(entries(tab)) == 1


def test_a_later_visit_boots_from_a_clean_snapshot(tab: Tab, first: Example) -> None:
    path = rel(first.snippet)
    before = len(tab.server.seen())
    # The reader's first Run leaves traces in the interpreter.
    result = run_and_keep(
        tab, path, "import sys\nsys.reader_was_here = True\nprint('first visit')"
    )
    assert result["output"] == "first visit\n", result
    assert stats(tab)["bootFrom"] == "boot"
    assert stats(tab)["snapshotsStored"] == 1
    [(url, stored, size)] = entries(tab)
    config = tab.page.evaluate(
        f"async () => (await ({RUNNER_MODULE})('config.js')).default.snapshotKey"
    )
    assert url.endswith(config), (url, config)
    assert 1_000_000 < stored < size  # compressed
    # No extra download: the snapshot is made in the browser, never fetched.
    assert not [p for p in tab.server.seen()[before:] if "/snapshot/" in p]

    later = visit_again(tab)
    code = (
        "import random, sys\n"
        "print(hasattr(sys, 'reader_was_here'), 'leftover' in globals())\n"
        "print(random.random())"
    )
    result = later.run(path, code)
    assert stats(later)["bootFrom"] == "snapshot"
    assert result["verdict"] == "ok", result
    lines = result["output"].splitlines()
    assert lines[0] == "False False", result  # none of the first visit's state
    # The random module is seeded again: two boots from one snapshot differ.
    another = visit_again(tab).run(path, code)
    assert another["output"].splitlines()[1] != lines[1], (another, result)


def test_the_worker_after_stop_boots_from_the_snapshot(
    tab: Tab, first, stored: dict
) -> None:
    path = rel(first.snippet)
    plant(tab, stored)
    later = visit_again(tab)
    assert later.run(path, "print('later')")["output"] == "later\n"
    assert later.run_then_stop(path, ENDLESS, "looping")["verdict"] == "stopped"
    result = later.run(path, "print('after the stop')")
    assert result["output"] == "after the stop\n", result
    assert stats(later)["workersCreated"] == 2
    assert stats(later)["bootFrom"] == "snapshot"


def test_a_stop_on_the_first_visit_boots_from_its_snapshot(tab: Tab, first) -> None:
    """Stop right after the first Run, maybe while its snapshot is still
    being stored: the new worker boots from that snapshot all the same."""
    path = rel(first.snippet)
    assert tab.run(path, "print('first')")["output"] == "first\n"
    assert tab.run_then_stop(path, ENDLESS, "looping")["verdict"] == "stopped"
    assert tab.run(path, "print('next')")["output"] == "next\n"
    assert stats(tab)["workersCreated"] == 2
    assert stats(tab)["bootFrom"] == "snapshot"


def test_an_isolated_page_interrupts_a_python_booted_from_a_snapshot(
    browser, isolated_server: Server, first: Example, stored: dict
) -> None:
    """The interrupt buffer is set up again after a snapshot is loaded."""
    path = rel(first.snippet)
    tab = open_tab(browser, isolated_server, isolated_server.page_url(first.page))
    try:
        plant(tab, stored)
        later = visit_again(tab)
        assert later.page.evaluate("() => crossOriginIsolated") is True
        later.set_code(path, ENDLESS)
        panel = later.panel(path)
        later.wait_ready(path)
        panel.get_by_role("button", name="Run").click()
        panel.locator(".tip-output", has_text="looping").wait_for()
        assert stats(later)["bootFrom"] == "snapshot"
        panel.get_by_role("button", name="Stop").click()
        assert later.wait_done(path)["verdict"] == "interrupted"
        assert later.run(path, "print('next')")["output"] == "next\n"
        assert stats(later)["workersCreated"] == 1
    finally:
        tab.page.context.close()


def test_a_snapshot_of_another_version_is_never_used(
    tab: Tab, first, stored: dict
) -> None:
    path = rel(first.snippet)
    plant(tab, stored)  # stored by this version
    [(old, _, _)] = entries(tab)

    # A new deployment: the same site with another runner (another key).
    def new_version(route) -> None:
        response = route.fetch()
        body = response.text().replace('snapshotKey: "', 'snapshotKey: "next-')
        route.fulfill(response=response, body=body)

    tab.page.context.route("**/assets/runner/config.js", new_version)
    later = visit_again(tab)
    result = run_and_keep(later, path, "print('version two')")
    assert result["output"] == "version two\n", result
    assert stats(later)["bootFrom"] == "boot"
    [(new, _, _)] = entries(later)  # the old version's snapshot is gone
    assert new != old and "/snapshot/next-" in new, (old, new)


@pytest.mark.parametrize(
    "how", ["garbage", "truncated", "not-a-snapshot", "another-build"]
)
def test_a_corrupt_snapshot_means_a_silent_normal_boot(
    tab: Tab, first, stored: dict, how
) -> None:
    path = rel(first.snippet)
    plant(tab, stored, how)
    later = visit_again(tab)
    errors: list[str] = []
    later.page.on("pageerror", lambda error: errors.append(str(error)))
    result = later.run(path, "print('still runs')")
    assert result == {**result, "verdict": "ok", "output": "still runs\n"}, result
    assert result["message"] == "" and result["stderr"] == "", result
    status = later.panel(path).locator(".tip-status").text_content()
    assert status == "Finished.", status
    assert errors == []
    assert stats(later)["bootFrom"] == "boot"
    # The bad snapshot was deleted and a good one written in its place.
    later.page.wait_for_function("() => window.__tipRunner.snapshotsStored === 1")
    [(_, stored, size)] = entries(later)
    assert 1_000_000 < stored < size
    assert visit_again(tab).run(path, "print('fast again')")["output"] == "fast again\n"


def test_full_storage_means_normal_boots(browser, site_server, first) -> None:
    path = rel(first.snippet)
    tab = open_tab(browser, site_server, site_server.page_url(first.page), **PLAIN)
    try:
        cdp = tab.page.context.new_cdp_session(tab.page)
        origin = site_server.url.split("/threads-in-python/")[0]
        cdp.send("Storage.overrideQuotaForOrigin", {"origin": origin, "quotaSize": 1e6})
        result = run_and_keep(tab, path, "print('no room')")
        assert result["output"] == "no room\n", result
        assert stats(tab)["snapshotsRefused"] == 1
        assert entries(tab) == []
        later = visit_again(tab)
        assert later.run(path, "print('normal boot')")["output"] == "normal boot\n"
        assert stats(later)["bootFrom"] == "boot"
    finally:
        tab.page.context.close()


def test_no_storage_means_normal_boots(browser, site_server, first) -> None:
    """An origin that is not secure (a classroom server on plain http) has
    no Cache Storage: Python boots normally, every time."""
    path = rel(first.snippet)
    insecure = "http://classroom.test/threads-in-python/"
    context = browser.new_context(**PLAIN)

    def from_the_site(route) -> None:
        url = route.request.url.replace(insecure, site_server.url)
        route.fulfill(response=route.fetch(url=url))

    context.route("http://classroom.test/**", from_the_site)
    page = context.new_page()
    tab = Tab(page=page, server=site_server)
    try:
        page.goto(site_server.page_url(first.page).replace(site_server.url, insecure))
        page.wait_for_function(ALL_READY)
        assert page.evaluate("() => [isSecureContext, typeof caches]") == [
            False,
            "undefined",
        ]
        for visit in (tab, visit_again(tab)):
            assert visit.run(path, "print('no storage')")["output"] == "no storage\n"
            assert stats(visit)["bootFrom"] == "boot"
            assert stats(visit)["snapshotsStored"] == 0
            assert stats(visit)["snapshotsRefused"] == 0
    finally:
        context.close()


# ----------------------------------------------------------- boot on intent --


def pyodide_fetched(tab: Tab) -> list[str]:
    return [url for url in tab.requests if PYODIDE in url]


def settle_intent(tab: Tab) -> None:
    """Until the page has acted on the pointer and focus events so far (the
    worker starts after client.js's module is imported)."""
    tab.page.evaluate(
        f"""async () => {{
            await ({RUNNER_MODULE})("client.js");
            await new Promise(done => setTimeout(done));
            await new Promise(done => requestAnimationFrame(() => setTimeout(done)));
        }}"""
    )


def test_a_page_that_is_only_read_fetches_no_python(tab: Tab, first) -> None:
    tab.page.keyboard.press("End")  # read down the page, the pointer aside
    tab.page.mouse.wheel(0, -400)
    tab.page.wait_for_load_state("networkidle")
    settle_intent(tab)
    assert pyodide_fetched(tab) == []
    assert stats(tab)["workersCreated"] == 0


@pytest.mark.parametrize("how", ["point", "focus"])
def test_pointing_at_or_focusing_a_block_boots_python(tab: Tab, first, how) -> None:
    path = rel(first.snippet)
    tab.wait_ready(path)
    assert stats(tab)["workersCreated"] == 0
    if how == "point":
        tab.block(path).hover()
    else:
        tab.panel(path).get_by_role("button", name="Run").focus()
    tab.page.wait_for_function("() => window.__tipRunner.bootMs !== null")
    assert stats(tab)["runs"] == 0
    assert any(url.endswith("pyodide.asm.wasm") for url in pyodide_fetched(tab))
    # Idle after booting, the worker stores its snapshot without a Run.
    tab.page.wait_for_function("() => window.__tipRunner.snapshotsStored === 1")
    result = tab.run(path, "print('booted before the click')")
    assert result["output"] == "booted before the click\n"
    assert stats(tab)["workersCreated"] == 1


def test_save_data_waits_for_the_run(browser, site_server, first) -> None:
    path = rel(first.snippet)
    context = browser.new_context(**PLAIN)
    context.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'connection',"
        " {get: () => ({saveData: true})});"
    )
    page = context.new_page()
    tab = Tab(page=page, server=site_server)
    page.on("request", lambda request: tab.requests.append(request.url))
    try:
        page.goto(site_server.page_url(first.page))
        page.wait_for_function(ALL_READY)
        tab.wait_ready(path)
        tab.block(path).hover()
        tab.panel(path).get_by_role("button", name="Run").focus()
        settle_intent(tab)
        assert stats(tab)["workersCreated"] == 0
        assert pyodide_fetched(tab) == []
        assert tab.run(path, "print('on Run')")["output"] == "on Run\n"
    finally:
        context.close()
