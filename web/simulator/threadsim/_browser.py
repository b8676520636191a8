"""The entry point the page's Web Worker calls (Pyodide with JSPI).

    payload = await threadsim._browser.simulate(code, filename, seed, policy, n)

The example's output streams to the worker's stdout/stderr as it is printed;
the returned JSON carries the whole output, the statistics and the timeline
(data and SVG).
"""

from __future__ import annotations

import json
import sys

from . import NOTE, run, run_async, supported


async def simulate(
    code, filename, seed=0, policy="every", quantum=100, instrument=True
):
    out, err = sys.stdout, sys.stderr

    def echo(stream, text):
        (out if stream == "out" else err).write(text)

    result = await run_async(
        code,
        filename,
        seed=int(seed),
        policy=str(policy),
        quantum=int(quantum),
        echo=echo,
        instrument=bool(instrument),
    )
    out.flush()
    err.flush()
    return _payload(result)


def simulate_sync(code, filename, seed=0, policy="every", quantum=100, instrument=True):
    """No JSPI: only programs that never switch threads could run; refuse."""
    raise RuntimeError("the thread simulator needs WebAssembly JSPI")


def _payload(result):
    return json.dumps(
        {
            "output": result.output,
            "seed": result.seed,
            "policy": result.policy,
            "quantum": result.quantum,
            "virtual_time": result.virtual_time,
            "steps": result.steps,
            "switches": result.switches,
            "wall_time": result.wall_time,
            "stop_reason": result.stop_reason,
            "svg": result.svg(),
            "timeline": result.timeline(),
            "note": NOTE,
        }
    )


__all__ = ["run", "simulate", "supported"]
