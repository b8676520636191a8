"""The numbers and phrases a page cites inside its sentences."""

from __future__ import annotations

from docs_tools.figures import start_methods, switch_interval
from docs_tools.figures.data import Data, FigureError
from docs_tools.figures.words import (
    JOBS,
    MODES,
    WAYS,
    joined,
    one_decimal,
    span,
)


def _medians(results: list[dict], job: str, way: str, measure: str) -> list[float]:
    return [r["jobs"][job][way][measure]["median"] for r in results]


def _free_threading(results: list[dict]) -> str:
    free = [r for r in results if r["python"].endswith("t")]
    if not free:
        return (
            "No free-threaded build was found where these numbers were "
            "measured, so none is shown; the script measures one when it "
            "finds it."
        )
    return (
        "The charts include "
        + joined([f"{r['version']} free-threaded" for r in free])
        + "."
    )


def _parameter(data: Data, key: str) -> str:
    """param.JOB.NAME, e.g. param.io-bound.tasks."""
    _, job, name = key.split(".", 2)
    try:
        raw = data.benchmarks()["parameters"][job][name]
    except KeyError:
        raise FigureError(f"no parameter {key!r}") from None
    return f"{raw:,}".replace(",", "\u202f") if isinstance(raw, int) else str(raw)


def _timeline(data: Data, name: str, what: str) -> str:
    run = data.timeline(name)
    if what == "duration":
        return f"{run['duration_s']:.2f} s"
    if what == "date":
        return run["date"][:10]
    return run["python"]["version"]


def _matrix(data: Data, what: str) -> str:
    """matrix.recorded, matrix.checked, matrix.ci, matrix.pyodide."""
    found = data.pythons()
    if what == "recorded":
        return f"CPython {found['recorded']}"
    if what == "checked":
        return joined(
            [
                entry["version"] + (" free-threaded" if entry["free_threaded"] else "")
                for entry in found["checked"]
            ]
        )
    if what == "ci":
        return joined(found["ci"])
    if what == "pyodide":
        # Pyodide numbers its releases after the Python inside: 314.x is 3.14.
        version = found["browser"]["pyodide"]
        major = version.split(".")[0]
        inside = f" (Python {major[0]}.{major[1:]})" if len(major) == 3 else ""
        return version + inside
    raise FigureError(f"unknown value matrix.{what!r}")


def _start_methods(data: Data, parts: list[str]) -> str:
    found = data.start_methods()
    if parts == ["date"]:
        return found["date"][:10]
    sizes, methods = found["method"]["sizes"], start_methods.methods(found)
    if len(parts) == 2 and parts[0] in sizes and parts[1] in methods:
        return span(start_methods.medians(found, *parts))
    raise FigureError(f"unknown value start-methods.{'.'.join(parts)!r}")


def value(key: str, data: Data) -> str:
    """The text for `<!-- value: KEY -->`.

    JOB.WAY (io-bound.threads: the range of speedups), JOB.MODE.cores, date,
    cpus, pythons, free-threading, repeats, param.JOB.NAME, and for a
    recorded timeline NAME.duration, NAME.date or NAME.python; the Pythons
    of the outputs and tests: matrix.recorded, matrix.checked, matrix.ci,
    matrix.pyodide (data/pythons.json, docs_tools/matrix.py); the switch
    interval chart's gil.WHAT (docs_tools.figures.switch_interval.value);
    the processes example's start-methods.SIZE.METHOD (the range of its
    median speedups, SIZE "example" or "other-tabs") and start-methods.date.
    """
    parts = key.split(".")
    if len(parts) == 2 and parts[0] in JOBS and parts[1] in WAYS:
        results = data.benchmarks()["results"]
        return span(_medians(results, *parts, "speedup"))
    of_a_mode = len(parts) == 3 and parts[0] in JOBS and parts[1] in MODES
    if of_a_mode and parts[2] == "cores":
        results = data.benchmarks()["results"]
        return span(_medians(results, *parts[:2], "cores_used"), one_decimal)
    if key == "date":
        return data.benchmarks()["date"][:10]
    if key == "cpus":
        return str(data.benchmarks()["machine"]["usable_cpus"])
    if key == "pythons":
        return joined([r["version"] for r in data.benchmarks()["results"]])
    if key == "free-threading":
        return _free_threading(data.benchmarks()["results"])
    if key == "repeats":
        return str(data.benchmarks()["method"]["repeats"])
    if parts[0] == "gil" and len(parts) == 2:
        return switch_interval.value(parts[1], data.gil_switch_interval())
    if parts[0] == "start-methods" and len(parts) in {2, 3}:
        return _start_methods(data, parts[1:])
    if parts[0] == "matrix" and len(parts) == 2:
        return _matrix(data, parts[1])
    if key.startswith("param."):
        return _parameter(data, key)
    if len(parts) == 2 and parts[1] in {"duration", "date", "python"}:
        return _timeline(data, parts[0], parts[1])
    raise FigureError(f"unknown value {key!r}")
