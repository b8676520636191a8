"""The entry point the page's Web Worker calls (Pyodide with JSPI).

    payload = await threadsim._browser.simulate(code, filename, seed, policy, n)

The example's output streams to the worker's stdout/stderr as it is printed;
the returned JSON carries the whole output, the statistics and the timeline
(data and SVG).
"""

from __future__ import annotations

import hashlib
import json
import sys

from . import NOTE, run, run_async, supported

#: The browser's budget of switch points: a few seconds of simulation at most
#: (about 3 million a second are counted in Chromium; see benchmarks/simulator.py).
MAX_STEPS = 10_000_000


async def simulate(
    code,
    filename,
    seed=0,
    policy="every",
    quantum=None,
    instrument=True,
    max_steps=None,
    full=False,
    granularity="gil",
):
    out, err = sys.stdout, sys.stderr

    def echo(stream, text):
        (out if stream == "out" else err).write(text)

    result = await run_async(
        code,
        filename,
        seed=int(seed),
        policy=str(policy),
        quantum=int(quantum) if isinstance(quantum, (int, float)) else None,
        granularity=str(granularity),
        echo=echo,
        instrument=bool(instrument),
        # JavaScript's null arrives as a JsNull, not None: anything but a
        # number means "the browser's budget".
        max_steps=int(max_steps) if isinstance(max_steps, (int, float)) else MAX_STEPS,
    )
    out.flush()
    err.flush()
    return _payload(result, full=bool(full))


def simulate_sync(code, filename, seed=0, policy="every", quantum=None):
    """No JSPI: only programs that never switch threads could run; refuse."""
    raise RuntimeError("the thread simulator needs WebAssembly JSPI")


def _payload(result, full=False):
    timeline = result.timeline()
    digest = hashlib.sha256(
        json.dumps(timeline, sort_keys=True).encode("utf-8")
    ).hexdigest()
    return json.dumps(
        {
            "timeline_sha256": digest,
            "threads": [t["name"] for t in result.threads],
            "output": result.output,
            "seed": result.seed,
            "policy": result.policy,
            "quantum": result.quantum,
            "granularity": result.granularity,
            "virtual_time": result.virtual_time,
            "steps": result.steps,
            "switches": result.switches,
            "wall_time": result.wall_time,
            "stop_reason": result.stop_reason,
            "svg": result.svg(),
            "timeline": timeline if full else None,
            "note": NOTE,
        }
    )


__all__ = ["run", "simulate", "supported"]
