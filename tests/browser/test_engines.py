"""The site in the two other engines readers have: Firefox (Debian's
firefox-esr, through WebDriver BiDi) and WebKit (WebKitGTK's MiniBrowser,
Safari's engine, through WebDriver), opened by docs_tools.browser.driven.

One browser session per engine, moved through the site in one sequence as a
reader clicks through it (the tests of a module run in order): a full load of
a chapter, its blocks run, an edit run with Ctrl+Enter, an endless loop
stopped, search, the light/dark toggle, the simulator (live where the engine
has JSPI, the runs precomputed at build where it has none), then every page by
instant navigation with the same worker. Nothing any page reports (console
error, uncaught error, failed load, HTTP error) is allowed. The Chromium suite
checks each of these things in depth; this one checks that they hold here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from runner_tab import ALL_READY, ARRIVED, FOLLOW_LINK, REVEAL

from docs_tools.browser import DRIVEN_ENGINES, Driven, NoBrowser, Server, driven
from docs_tools.outputs import rules_of, same_output
from docs_tools.pages import Example, site_examples
from docs_tools.site import rel, site

# Its own browsers: runs in an xdist worker of its own, beside Chromium's.
pytestmark = pytest.mark.xdist_group("engines")

RUNNABLE = [e for e in site_examples() if e.kind == "runnable"]
THREADED = [e for e in site_examples() if e.kind == "threaded"]
#: s: WebKit boots Pyodide in 6-12 s here, far longer on a busy machine.
RUN_TIMEOUT = 180.0

#: The runner block of `path` and its panel (the element after it).
FIND = """(path) => {
    const span = [...document.querySelectorAll("div.runnable > span.filename")]
        .find((s) => s.textContent.trim() === path);
    if (!span) throw new Error(`no runnable block ${path}`);
    const block = span.parentElement;
    let panel = block.nextElementSibling;
    while (panel && !panel.classList.contains("tip-runner")) {
        panel = panel.nextElementSibling;
    }
    return { block, panel };
}"""

#: Marks one element to be clicked by the driver, as a reader clicks it.
TARGET = "[data-tip-test-target]"
MARK = """(element) => {
    document.querySelectorAll("[data-tip-test-target]")
        .forEach((e) => e.removeAttribute("data-tip-test-target"));
    element.scrollIntoView({ block: "center" });
    element.setAttribute("data-tip-test-target", "");
}"""


def in_block(body: str) -> str:
    """A page function of `path` with `block` and `panel` found (and `mark`)."""
    return (
        f"async (path) => {{ const {{ block, panel }} = ({FIND})(path);"
        f" const mark = {MARK}; {body} }}"
    )


@dataclass
class Visit:
    """One engine's page moving through the site, and what it saw."""

    page: Driven
    server: Server
    problems: list[str] = field(default_factory=list)
    #: Reports a step is known to cause, left out until the next check.
    expected: set[str] = field(default_factory=set)

    def check(self, where: str = "") -> None:
        """Nothing reported by the page or the server since the last check."""
        self.problems += [p for p in self.page.problems() if p not in self.expected]
        self.expected.clear()
        self.problems += [f"HTTP {line}" for line in self.server.failed]
        self.problems += [f"outside the site: {path}" for path in self.server.outside]
        self.server.failed.clear()
        found, self.problems = self.problems, []
        assert found == [], f"{self.page.engine} {where}: {found}"

    def go(self, url: str) -> None:
        """Follow a link with Material's instant navigation (unless the page
        shown is that one: a link to itself is no navigation)."""
        if self.page.evaluate("() => location.href.split('#')[0]") == url:
            return
        self.page.evaluate(FOLLOW_LINK, url)
        self.page.wait(ARRIVED, url)
        self.page.wait(ALL_READY)

    def ready(self, path: str) -> None:
        """The block shown (its content tab opened) and set up."""
        self.page.evaluate(in_block(f"({REVEAL})(block); mark(block);"), path)
        self.page.wait(
            in_block("return block.hasAttribute('data-tip-ready');"), path, 30
        )

    def click_in_panel(self, path: str, selector: str) -> None:
        self.page.evaluate(in_block(f"mark(panel.querySelector({selector!r}));"), path)
        self.page.click(TARGET)

    def wait_done(self, path: str) -> dict:
        return self.page.wait(
            in_block(
                """if (!block.dataset.tipVerdict) return null;
                return {
                    verdict: block.dataset.tipVerdict,
                    output: panel.querySelector(".tip-output").textContent,
                    message: panel.querySelector(".tip-message").textContent,
                };"""
            ),
            path,
            RUN_TIMEOUT,
        )

    def run(self, path: str, code: str | None = None) -> dict:
        self.ready(path)
        if code is not None:
            self.page.evaluate(
                "([path, code]) => (" + FIND + ")(path).block.tipBlock.setCode(code)",
                [path, code],
            )
        self.click_in_panel(path, ".tip-run")
        return self.wait_done(path)

    def reset(self, path: str) -> None:
        self.click_in_panel(path, ".tip-reset")
        self.page.wait(
            in_block(
                """return block.tipBlock.code() === block.tipBlock.original
                    && panel.querySelector(".tip-output").textContent === "";"""
            ),
            path,
        )

    def stats(self) -> dict:
        return self.page.evaluate("() => ({ ...window.__tipRunner })")


@pytest.fixture(scope="module", params=DRIVEN_ENGINES)
def visit(request, site_server: Server) -> Iterator[Visit]:
    try:
        with driven(request.param) as page:
            yield Visit(page=page, server=site_server)
    except NoBrowser as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {request.param} cannot run: {error}")
        pytest.skip(str(error))


@pytest.fixture(autouse=True)
def screenshot(request, visit: Visit) -> Iterator[None]:
    """With ENGINE_SCREENSHOTS=dir, what the reader sees after each test."""
    yield
    if folder := os.environ.get("ENGINE_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        name = request.node.name.replace("/", "-").replace("[", "-").rstrip("]")
        visit.page.screenshot(Path(folder) / f"{name}.png")


FIRST = RUNNABLE[0]
ON_FIRST_PAGE = [e for e in RUNNABLE if e.page == FIRST.page]
FIREFOX_TERMINATED_WORKER = (
    "pageerror Error: uncaught exception: undefined"
    " at Error: uncaught exception: undefined"
)


def open_first_chapter(visit: Visit) -> None:
    """Load the first chapter with a runnable block, marked as one visit."""
    visit.page.goto(visit.server.page_url(FIRST.page))
    visit.page.wait(ALL_READY)
    # Gone after any full page load: instant navigation must keep it.
    visit.page.evaluate("() => { window.__tipSameVisit = true; }")


def test_a_chapter_loads(visit: Visit) -> None:
    visit.server.failed.clear()
    visit.server.outside.clear()
    open_first_chapter(visit)
    assert visit.stats()["workersCreated"] == 0  # Python loads on the first Run
    visit.check()


@pytest.mark.parametrize("example", ON_FIRST_PAGE, ids=lambda e: rel(e.snippet))
def test_run_gives_the_recorded_output(visit: Visit, example: Example) -> None:
    path = rel(example.snippet)
    result = visit.run(path)
    expected = example.output_file.read_text(encoding="utf-8")
    assert result["verdict"] == "ok", result
    assert same_output(expected, result["output"], rules_of(example)), (
        f"{path} in {visit.page.engine}:\n{result['output']}\n--- CPython:\n{expected}"
    )
    visit.check()


def test_typing_in_the_editor_and_ctrl_enter(visit: Visit) -> None:
    path = rel(FIRST.snippet)
    visit.ready(path)
    # Into the first token of the code, as a reader clicks: the editor takes
    # the highlighted block's place and has the focus.
    visit.page.evaluate(
        in_block("mark(block.querySelector('pre.tip-editable > code > span'));"), path
    )
    visit.page.click(TARGET)
    focused = in_block("return !!block.querySelector('.cm-content:focus');")
    visit.page.wait(focused, path)
    visit.page.press("Control+End")
    visit.page.press("Enter")
    visit.page.type('print("edited", 6 * 7)')
    code = visit.page.evaluate(in_block("return block.tipBlock.code();"), path)
    assert code.endswith('\nprint("edited", 6 * 7)'), code
    visit.page.press("Control+Enter")
    result = visit.wait_done(path)
    assert result["verdict"] == "ok", result
    assert result["output"].rstrip("\n").endswith("edited 42"), result
    visit.reset(path)
    visit.check()


def test_stop_ends_an_endless_loop_and_the_next_run_works(visit: Visit) -> None:
    path = rel(FIRST.snippet)
    visit.ready(path)
    visit.page.evaluate(
        "([path, code]) => (" + FIND + ")(path).block.tipBlock.setCode(code)",
        [path, 'print("looping")\nwhile True:\n    pass'],
    )
    visit.click_in_panel(path, ".tip-run")
    visit.page.wait(
        in_block("return panel.querySelector('.tip-output').textContent;"),
        path,
        RUN_TIMEOUT,
    )
    assert visit.page.evaluate("() => 6 * 7") == 42  # the page is not frozen
    visit.click_in_panel(path, ".tip-stop")
    result = visit.wait_done(path)
    assert result["verdict"] in {"stopped", "interrupted"}, result
    assert "Stopped" in result["message"], result
    if visit.page.engine == "firefox" and not visit.server.isolated:
        # Not isolated, Stop ends the worker (worker.terminate()), and Firefox
        # logs that end, inside WebAssembly, as an error of the worker's own:
        # this line, with no stack and no error event in the page. Checked: an
        # isolated server, where Stop interrupts Python, logs nothing.
        visit.expected.add(FIREFOX_TERMINATED_WORKER)
    after = visit.run(path, 'print("after the stop")')
    assert (after["verdict"], after["output"]) == ("ok", "after the stop\n"), after
    visit.reset(path)
    visit.check()


def test_search_finds_a_page(visit: Visit) -> None:
    page = visit.page
    page.evaluate("() => document.activeElement?.blur()")
    page.press("/")
    page.wait("() => document.activeElement?.matches('input.md-search__input')")
    page.type("daemon")
    # The results for the whole word (each link carries what was searched).
    links = page.wait(
        """() => {
            const links = [...document.querySelectorAll(".md-search-result__item a")]
                .map((a) => a.href);
            return links.some((link) => link.includes("?h=daemon")) && links;
        }""",
        timeout=30,
    )
    assert any("/daemon-threads/" in link for link in links), links
    assert all(link.startswith(visit.server.url) for link in links), links
    page.press("Escape")
    page.wait("() => !document.querySelector('[data-md-toggle=search]').checked")
    visit.check()


SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
TOGGLE = "form[data-palette-toggle] label:not([hidden])"


#: The toggle is what a click on its centre reaches (not the search overlay
#: still closing on a narrow window, drawn over it for a moment).
CLICKABLE = f"""() => {{
    const toggle = document.querySelector("{TOGGLE}");
    const box = toggle.getBoundingClientRect();
    const hit = document.elementFromPoint(
        box.x + box.width / 2, box.y + box.height / 2);
    return toggle.contains(hit);
}}"""


def test_the_light_dark_toggle(visit: Visit) -> None:
    page = visit.page
    before = page.evaluate(SCHEME)
    other = {"default": "slate", "slate": "default"}[before]
    page.wait(CLICKABLE)
    page.click(TOGGLE)
    page.wait(f"() => ({SCHEME})() === {other!r}")
    page.wait(CLICKABLE)
    page.click(TOGGLE)
    page.wait(f"() => ({SCHEME})() === {before!r}")
    visit.check()


def test_the_simulator_on_a_threaded_block(visit: Visit) -> None:
    example = THREADED[0]
    path = rel(example.snippet)
    visit.go(visit.server.page_url(example.page))
    find_panel = f"""(path) => {{
        const block = [...document.querySelectorAll("div.threaded")].find(
            (b) => b.querySelector(":scope > .filename")?.textContent.trim() === path);
        ({REVEAL})(block);
        const panel = [...document.querySelectorAll(".tip-sim")].find((p) =>
            [...p.querySelectorAll("code")].some((c) =>
                c.textContent === `python ${{path}}`));
        return panel && panel.dataset.tipSim ? panel : null;
    }}"""
    state = visit.page.wait(f"(path) => ({find_panel})(path)?.dataset.tipSim", path)
    jspi = visit.page.evaluate("() => typeof WebAssembly.Suspending === 'function'")
    real = example.output_file.read_text(encoding="utf-8")
    if jspi:
        assert state == "ready", state
    elif state == "unsupported":  # before the runs precomputed at build
        text = visit.page.evaluate(f"(path) => ({find_panel})(path).innerText", path)
        assert "needs WebAssembly JSPI" in text, text
        visit.check()
        return
    else:
        assert state == "precomputed", state
        label = visit.page.evaluate(f"(path) => ({find_panel})(path).innerText", path)
        assert "Precomputed at build" in label, label
    visit.page.evaluate(
        f"""(path) => {{
            const panel = ({find_panel})(path);
            ({MARK})(panel.querySelector(".tip-sim-run"));
        }}""",
        path,
    )
    visit.page.click(TARGET)
    result = visit.page.wait(
        f"""(path) => {{
            const panel = ({find_panel})(path);
            if (!panel.dataset.tipVerdict || panel.dataset.tipRunning === "true") {{
                return null;
            }}
            return {{
                verdict: panel.dataset.tipVerdict,
                output: panel.querySelector(".tip-output").textContent,
                timeline: !!panel.querySelector(".tip-sim-timeline svg"),
            }};
        }}""",
        path,
        RUN_TIMEOUT,
    )
    assert result["verdict"] in {"ok", "precomputed"}, result
    assert result["timeline"], result
    assert same_output(result["output"], real, rules_of(example)), (
        f"{path} simulated in {visit.page.engine}:\n{result['output']}\n"
        f"--- recorded:\n{real}"
    )
    visit.check()


def test_every_page_by_instant_navigation_keeps_the_worker(visit: Visit) -> None:
    if not visit.stats().get("workersCreated"):
        # Run on its own: first where the module's earlier tests leave the
        # page, a chapter loaded once and Python booted by a Run.
        open_first_chapter(visit)
        assert visit.run(rel(FIRST.snippet))["verdict"] == "ok"
    workers = visit.stats()["workersCreated"]
    assert workers >= 1
    for page in site():
        visit.go(visit.server.at(page.path))
        assert visit.page.evaluate("() => window.__tipSameVisit") is True, (
            f"{page.path}: a full page load"
        )
        visit.check(page.path)
    assert visit.stats()["workersCreated"] == workers
    # Python is still there: a Run on the last runnable page needs no boot.
    last = RUNNABLE[-1]
    visit.go(visit.server.page_url(last.page))
    result = visit.run(rel(last.snippet), 'print("still here")')
    assert result["output"] == "still here\n", result
    assert visit.stats()["workersCreated"] == workers
    visit.check()
