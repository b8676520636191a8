"""What the thread simulator costs, measured in headless Chromium (Pyodide + JSPI).

    python benchmarks/simulator.py [--site DIR] [--repeat 3] [substring ...]

One browser session, the site's own Pyodide worker on the built site
(docs_tools.site_worker; `--site DIR`, else one is built). Prints:

* switches per second: two simulated threads handing over with time.sleep(0)
  (every hand-over is a JSPI stack switch), and the cost of one switch;
* the hook that decides when to switch: a loop run by one simulated thread,
  counting CPython's switch points (loop back-edges and calls, the default)
  or every bytecode instruction, vs the same loop run by the page's Run
  button (plain Pyodide, no simulator);
* every threaded example of the site: time to run it simulated (median of
  --repeat runs, warm worker), the same with the hook off (switches only when
  a thread blocks), and the same code WITHOUT the simulator, run as the Run
  button runs code, where threads cannot start, so each thread's work runs inline when
  start() is called and sleeps return at once (n/a when the program never
  ends that way: it waits for another thread). Goal: every example under 2 s
  simulated.

A time is the page's, from sending a Run to its end (the worker's messages
included). Timings come from a shared, noisy machine: read ratios, not
absolutes.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from docs_tools.browser import browser, built_site, serve
from docs_tools.pages import site_examples
from docs_tools.site import rel
from docs_tools.site_worker import SiteWorker

ROOT = Path(__file__).resolve().parent.parent

GOAL_MS = 2000

PING_PONG = """\
import threading, time
N = {n}
def player():
    for _ in range(N):
        time.sleep(0)
threads = [threading.Thread(target=player) for _ in range(2)]
for t in threads: t.start()
for t in threads: t.join()
"""

LOOP = """\
def work(n):
    total = 0
    for i in range(n):
        total += i
    return total
{call}
"""

# Without the simulator: threads run inline, sleeps return at once.
INLINE = """\
import threading as _t, time as _time, concurrent.futures as _cf
_saved = (_t.Thread.start, _t.Thread.join, _time.sleep, _cf.ThreadPoolExecutor)
_t.Thread.start = lambda self: self.run()
_t.Thread.join = lambda self, timeout=None: None
_time.sleep = lambda seconds: None
class _Inline(_cf.Executor):
    def __init__(self, *args, **kwargs):
        pass
    def submit(self, fn, /, *args, **kwargs):
        future = _cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future
_cf.ThreadPoolExecutor = _Inline
try:
    exec(compile({source!r}, {path!r}, "exec"), {{"__name__": "__main__"}})
finally:
    _t.Thread.start, _t.Thread.join, _time.sleep, _cf.ThreadPoolExecutor = _saved
"""


def median_ms(runs: list[float]) -> float:
    return statistics.median(runs)


def timed(call, repeat: int) -> tuple[float, dict]:
    times, last = [], None
    for _ in range(repeat):
        last = call()
        times.append(last["ms"])
    return median_ms(times), last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("only", nargs="*", help="substrings of snippet paths")
    args = parser.parse_args()
    examples = [
        e
        for e in site_examples()
        if e.simulated
        and (not args.only or any(part in rel(e.snippet) for part in args.only))
    ]
    site = built_site(args.site)
    with (
        serve(site) as server,
        browser() as chromium,
        SiteWorker(chromium, server) as worker,
    ):
        print(f"Chromium JSPI: {worker.jspi}")
        first = worker.simulate("pass", "boot.py")
        print(
            f"Pyodide boot: {worker.boot_ms:.0f} ms; with threadsim's install "
            f"and a first simulation: {first['ms']:.0f} ms"
        )

        n = 2000
        ping = PING_PONG.format(n=n)
        ms, reply = timed(
            lambda: worker.simulate(ping, "ping.py", instrument=False), args.repeat
        )
        switches = reply["result"]["switches"]
        print(
            f"\nSwitches: {switches} in {ms:.0f} ms -> {switches / ms * 1000:,.0f} "
            f"switches/s, {ms / switches * 1000:.0f} us per switch"
        )

        loops = 200_000
        code = LOOP.format(call=f"work({loops})")
        plain_ms, _ = timed(lambda: worker.run(code, "loop.py"), args.repeat)
        for granularity in ("gil", "bytecode"):
            sim_ms, reply = timed(
                lambda g=granularity: worker.simulate(
                    code, "loop.py", quantum=10**9, granularity=g
                ),
                args.repeat,
            )
            steps = reply["result"]["steps"]
            unit = "instructions" if granularity == "bytecode" else "switch points"
            print(
                f"Hook at {granularity} switch points: a {loops:,}-iteration loop, "
                f"{steps:,} {unit}, {sim_ms:.0f} ms simulated vs {plain_ms:.0f} ms "
                f"plain Pyodide ({sim_ms / max(plain_ms, 0.1):.1f}x); "
                f"{steps / sim_ms * 1000:,.0f} {unit}/s"
            )

        print(
            f"\n{'example':58} {'sim ms':>8} {'hook off':>9} {'plain':>8} "
            f"{'sim/plain':>9} {'switches':>9} {'sw/s':>8} {'steps':>9}  goal"
        )
        worst = 0.0
        for example in examples:
            path = rel(example.snippet)
            source = example.snippet.read_text(encoding="utf-8")
            sim_ms, reply = timed(
                lambda s=source, p=path: worker.simulate(s, p),
                args.repeat,
            )
            result = reply["result"]
            off_ms, _ = timed(
                lambda s=source, p=path: worker.simulate(s, p, instrument=False),
                args.repeat,
            )
            inline = INLINE.format(source=source, path=path)
            try:
                plain_ms, _ = timed(
                    lambda i=inline, p=path: worker.run(i, p, timeout_ms=10_000),
                    args.repeat,
                )
            except RuntimeError:  # waits forever without real threads
                worker.run("pass", "boot.py")  # a new worker: boot it untimed
                plain = ratio = "n/a"
            else:
                plain = f"{plain_ms:.0f}"
                ratio = f"{sim_ms / max(plain_ms, 0.1):.1f}x"
            rate = result["switches"] / sim_ms * 1000 if sim_ms else 0
            stopped = f" ({result['stop_reason']})" if result["stop_reason"] else ""
            goal = "STOPPED" if stopped else "ok" if sim_ms < GOAL_MS else "OVER"
            worst = max(worst, sim_ms)
            print(
                f"{path:58} {sim_ms:8.0f} {off_ms:9.0f} {plain:>8} {ratio:>9} "
                f"{result['switches']:9d} {rate:8.0f} {result['steps']:9d}  "
                f"{goal}{stopped}"
            )
        print(f"\nSlowest example: {worst:.0f} ms (goal: under {GOAL_MS} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
