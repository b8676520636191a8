"""The entry point the page's Web Worker calls (Pyodide with JSPI).

    payload = await threadsim._browser.simulate(code, filename, options)

`options` is the run message's `simulate` object (its fields are written down
in web/runner/protocol.js, `SimulateOptions`); a field left out takes the
simulator's default.

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


async def simulate(code, filename, options=None):
    given = _options(options)
    out, err = sys.stdout, sys.stderr

    def echo(stream, text):
        (out if stream == "out" else err).write(text)

    quantum = given.get("quantum")
    max_steps = given.get("maxSteps")
    max_time = given.get("maxTime")
    result = await run_async(
        code,
        filename,
        seed=int(given.get("seed", 0)),
        policy=str(given.get("policy", "every")),
        quantum=int(quantum) if _is_number(quantum) else None,
        granularity=str(given.get("granularity", "gil")),
        echo=echo,
        instrument=bool(given.get("instrument", True)),
        max_steps=int(max_steps) if _is_number(max_steps) else MAX_STEPS,
        max_time=float(max_time) if _is_number(max_time) else 3600.0,
    )
    out.flush()
    err.flush()
    return _payload(result, full=bool(given.get("full", False)))


async def check(code, check_source, filename, options=None, progress=None):
    """Check an exercise: `check_source` is its check.py, `filename` its starter's path.

    Returns the verdict as JSON (threadsim.exercise.Verdict.as_json). The
    program's output is not streamed: a check runs it a hundred times.
    `options.maxSchedules` explores fewer schedules (tests, benchmarks);
    `progress(explored, total)`, when given, is called after each schedule.
    """
    given = _options(options)
    limit = given.get("maxSchedules")
    try:
        found = load_check(check_source, filename)
    except Exception as error:  # a broken check.py is the site's bug: say so
        return json.dumps(
            {
                "schema": 1,
                "passed": False,
                "problem": "check",
                "message": f"The check itself failed to load: {type(error).__name__}: "
                f"{error}",
            }
        )
    verdict = await found.run_async(
        str(code),
        str(filename),
        int(limit) if _is_number(limit) else None,
        progress=progress,
    )
    return json.dumps(verdict.as_json())


def load_check(check_source, filename):
    """The `CHECK` of a check.py's text, run as a module (not as `__main__`).

    Its `__file__` is the check's path beside the starter, so the line that
    finds the package relative to it (for local runs) resolves harmlessly.
    """
    path = str(filename).rsplit("/", 1)[0] + "/check.py"
    namespace = {"__name__": "threadsim_check", "__file__": path}
    exec(compile(str(check_source), path, "exec"), namespace)
    return namespace["CHECK"]


def _options(options) -> dict:
    """The options as a dict: a JavaScript object arrives as a JsProxy."""
    if options is None:
        return {}
    if hasattr(options, "to_py"):
        options = options.to_py()
    # JavaScript's null arrives as a JsNull, not None: a field that is not
    # a number, string or boolean counts as left out.
    return {
        key: value
        for key, value in dict(options).items()
        if isinstance(value, (bool, int, float, str))
    }


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


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


__all__ = ["check", "run", "simulate", "supported"]
