"""A browser tab on the built site, driven the way a reader uses the runner."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docs_tools.browser import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

RUN_TIMEOUT_MS = 120_000
ALL_READY = """() => [...document.querySelectorAll("div.runnable")]
    .every(block => block.hasAttribute("data-tip-ready"))"""
REVEAL = """block => {
    const blocks = [];
    for (let at = block; at; at = at.parentElement?.closest(".tabbed-block")) {
        if (at.classList.contains("tabbed-block")) blocks.unshift(at);
    }
    for (const tab of blocks) {
        const index = [...tab.parentElement.children].indexOf(tab);
        const set = tab.closest(".tabbed-set");
        set.querySelector(":scope > .tabbed-labels").children[index].click();
    }
}"""


#: A program that runs until Stop, once it has printed "looping".
ENDLESS = "print('looping')\nwhile True:\n    pass"


#: A phone's screen in CSS px, and the context options of a phone: a touch
#: screen (`(pointer: coarse)`) and the mobile layout viewport, which zooms
#: the page out when something on it is wider than the screen.
PHONE_SCREEN = {"width": 390, "height": 844}
PHONE = {
    "viewport": PHONE_SCREEN,
    "device_scale_factor": 2,
    "has_touch": True,
    "is_mobile": True,
}


#: Follow a link to the URL given, as a reader clicks one: Material's instant
#: navigation takes it. The content is marked first, so that ARRIVED can
#: tell the new page's content from the old one's.
FOLLOW_LINK = """(url) => {
    document.querySelector(".md-content").dataset.tipLeaving = "";
    const link = document.createElement("a");
    link.href = url;
    document.body.append(link);
    link.click();
}"""
#: At the URL given, with the new page's content in place.
ARRIVED = """(url) => location.href.split("#")[0] === url
    && !document.querySelector(".md-content[data-tip-leaving]")"""


@dataclass
class Tab:
    """A browser page on the site, with every request it made recorded."""

    page: object
    server: Server
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def go(self, url: str) -> None:
        """Open `url` with Material's instant navigation (the page is not reloaded)."""
        page = self.page
        page.evaluate(FOLLOW_LINK, url)
        page.wait_for_function(ARRIVED, arg=url)
        page.wait_for_function(ALL_READY)

    def block(self, path: str):
        return self.page.locator(
            "div.runnable", has=self.page.locator(f'span.filename:text-is("{path}")')
        )

    def panel(self, path: str):
        return self.block(path).locator(
            "xpath=following-sibling::div[contains(@class,'tip-runner')][1]"
        )

    def wait_ready(self, path: str) -> None:
        ready = self.block(path).and_(self.page.locator("[data-tip-ready]"))
        ready.wait_for(state="attached", timeout=30_000)
        self.reveal(path)
        ready.wait_for(timeout=30_000)

    def reveal(self, path: str) -> None:
        """Open the content tab(s) holding a block, as a reader clicks them."""
        self.block(path).evaluate(REVEAL)

    def run(self, path: str, code: str | None = None) -> dict:
        """Run a block (after replacing its code with `code`); wait for the end."""
        self.wait_ready(path)
        if code is not None:
            self.set_code(path, code)
        self.panel(path).get_by_role("button", name="Run").click()
        return self.wait_done(path)

    def run_then_stop(self, path: str, code: str, shown: str) -> dict:
        """Run `code`, press Stop once `shown` is in its output; wait for the end."""
        self.wait_ready(path)
        self.set_code(path, code)
        panel = self.panel(path)
        panel.get_by_role("button", name="Run").click()
        panel.locator(".tip-output", has_text=shown).wait_for()
        panel.get_by_role("button", name="Stop").click()
        return self.wait_done(path)

    def wait_done(self, path: str) -> dict:
        self.block(path).and_(self.page.locator("[data-tip-verdict]")).wait_for(
            state="attached", timeout=RUN_TIMEOUT_MS
        )
        return self.result(path)

    def result(self, path: str) -> dict:
        panel = self.panel(path)
        return {
            "verdict": self.block(path).get_attribute("data-tip-verdict"),
            "output": panel.locator(".tip-output").text_content(),
            "stderr": "".join(panel.locator(".tip-stderr").all_text_contents()),
            "message": panel.locator(".tip-message").text_content(),
        }

    def code(self, path: str) -> str:
        return self.block(path).evaluate("element => element.tipBlock.code()")

    def set_code(self, path: str, code: str) -> None:
        """Replace the editor's text (typing is tested in test_edit_run_and_reset)."""
        self.block(path).evaluate("(e, code) => e.tipBlock.setCode(code)", code)

    def start_editing(self, path: str) -> None:
        """Click into the code, as a reader does: the editor takes its place."""
        self.wait_ready(path)
        self.settle()
        # Into the first line of code, at its start: the block's centre can be
        # one of Material's annotation markers, whose click opens its note.
        code = self.block(path).locator("pre.tip-editable > code, .cm-content")
        code.first.click(position={"x": 2, "y": 4})
        self.block(path).locator(".cm-content:focus").wait_for()

    def reset(self, path: str) -> None:
        """Click Reset, and wait until the block shows its original code again
        and an empty output, drawn: the next test's click lands where it aims."""
        self.panel(path).get_by_role("button", name="Reset").click()
        self.page.wait_for_function(
            """([block, panel]) => block.tipBlock.code() === block.tipBlock.original
                && panel.querySelector(".tip-output").textContent === ''""",
            arg=[
                self.block(path).element_handle(),
                self.panel(path).element_handle(),
            ],
        )
        self.settle()

    def settle(self) -> None:
        """Wait until a frame has been drawn after every change made so far
        (the runner draws output and panel changes on animation frames)."""
        self.page.evaluate(
            "() => new Promise(done =>"
            " requestAnimationFrame(() => requestAnimationFrame(done)))"
        )

    def stats(self) -> dict:
        return self.page.evaluate("() => ({...window.__tipRunner})")


@contextlib.contextmanager
def new_page(browser, **context_options) -> Iterator[Page]:
    """A page in a browser context of its own (viewport, colour scheme, ...),
    closed with its context afterwards."""
    context = browser.new_context(**context_options)
    try:
        yield context.new_page()
    finally:
        context.close()


#: What a browser without WebAssembly JSPI lacks (Pyodide detects it so).
NO_JSPI = "delete WebAssembly.Suspending;"


def hide_jspi(context) -> None:
    """Make the page and its Pyodide worker those of a browser without JSPI:
    an init script for the page, the same line atop the worker's script
    (init scripts do not reach workers)."""
    context.add_init_script(NO_JSPI)

    def worker(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=f"{NO_JSPI}\n{response.text()}")

    context.route("**/assets/runner/worker.js", worker)


def open_tab(
    browser, server: Server, url: str, *, jspi: bool = True, **context_options
) -> Tab:
    """A new tab on `url`; `jspi=False`: as in a browser without JSPI."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    tab = Tab(page=page, server=server)

    def on_request(request) -> None:
        tab.requests.append(request.url)

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(server.url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            tab.outside.append(url)
            route.abort()

    context.on("request", on_request)
    context.route("**/*", guard)
    if not jspi:
        hide_jspi(context)
    page.goto(url)
    page.wait_for_function(ALL_READY)
    return tab
