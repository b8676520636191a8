"""The site's own Pyodide worker, driven from Python in a browser.

The simulator's browser tests and benchmarks/simulator.py run examples where
readers run them: a page of the served site imports the worker client
(assets/runner/client.js, web/runner/client.js) and starts Runs through it,
so the worker (assets/runner/worker.js), its messages (web/runner/protocol.js)
and the threadsim package as the site serves them are what is measured and
tested; nothing here is a copy of them. The page is a blank one of the site's
origin, answered by Playwright, so no chapter's scripts run beside it.

    with serve(site) as server, browser() as chromium:
        with SiteWorker(chromium, server) as worker:
            reply = worker.simulate(code, "snippets/x.py", seed=1)
"""

from __future__ import annotations

import json

from docs_tools.browser import Server

PAGE = "__site_worker__.html"
TIMEOUT_MS = 120_000

# Installs window.tipDrive(run, ms): one Run through the client, resolved with
# the client's result, the output chunks as they streamed and the time taken.
# When the worker does not answer in `ms`, the Run is stopped (a fresh worker
# starts) and the reply says so.
SETUP = """async (clientURL) => {
    const client = await import(clientURL);
    window.tipClient = client;
    window.tipDrive = (run, ms) => new Promise((resolve) => {
        const streamed = [];
        const started = performance.now();
        const timer = setTimeout(() => {
            resolve({ error: `no answer from the worker in ${ms} ms` });
            client.stopRun(true);
        }, ms);
        client.startRun({
            ...run,
            stdin: null,
            element: document.body,
            onProgress() {},
            onReady() {},
            onOutput(chunks) { streamed.push(...chunks); },
            onDone(result) {
                clearTimeout(timer);
                resolve({ ...result, streamed, ms: performance.now() - started });
            },
        });
    });
}"""


class SiteWorker:
    """A blank page of the served site, with the site's worker client."""

    def __init__(self, browser, server: Server) -> None:
        self.browser = browser
        self.server = server
        self.context = None
        self.page = None

    def __enter__(self) -> SiteWorker:
        self.context = self.browser.new_context()
        self.context.route(
            self.server.at(PAGE),
            lambda route: route.fulfill(
                body="<!doctype html><title>site worker</title>",
                content_type="text/html",
            ),
        )
        self.page = self.context.new_page()
        self.page.goto(self.server.at(PAGE))
        self.page.evaluate(SETUP, self.server.at("assets/runner/client.js"))
        return self

    def __exit__(self, *exc) -> None:
        if self.context is not None:
            self.context.close()

    @property
    def jspi(self) -> bool:
        return bool(
            self.page.evaluate("() => typeof WebAssembly.Suspending === 'function'")
        )

    @property
    def boot_ms(self) -> float | None:
        """How long the worker's Pyodide took to start (None before it has)."""
        return self.page.evaluate("() => window.tipClient.stats.bootMs")

    def send(self, run: dict, timeout_ms: int = TIMEOUT_MS) -> dict:
        reply = self.page.evaluate(
            "([run, ms]) => window.tipDrive(run, ms)", [run, timeout_ms]
        )
        if reply.get("error"):
            raise RuntimeError(reply["error"])
        return reply

    def simulate(
        self, code: str, filename: str, timeout_ms: int = TIMEOUT_MS, **options
    ) -> dict:
        """Simulate `code`: the reply's `result` is the simulation's JSON.

        `options` are protocol.js's SimulateOptions (seed, policy, quantum,
        granularity, instrument, maxSteps, full).
        """
        simulate = {"baseURL": self.server.at("assets/threadsim/"), **options}
        reply = self.send(
            {"code": code, "filename": filename, "simulate": simulate}, timeout_ms
        )
        if not reply.get("sim"):
            raise RuntimeError(f"no simulation: {reply}")
        reply["result"] = json.loads(reply["sim"])
        return reply

    def run(self, code: str, filename: str, timeout_ms: int = TIMEOUT_MS) -> dict:
        """Run `code` as the page's Run button does (no simulator)."""
        return self.send({"code": code, "filename": filename}, timeout_ms)
