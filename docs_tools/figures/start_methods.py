"""What each start method costs the processes example, from data/start-methods.json.

`<!-- measured: start-methods -->` becomes a table: one row per start
method, one column per size (the example's, the other tabs'), each cell the
median over the rounds of sequential time / processes time, from the lowest
to the highest Python; then how and where it was measured.
`<!-- measured: start-methods-verdict -->` becomes the sentence the page
states, worded from those medians: which start methods finished sooner than
the sequential run at each size on every Python measured, and which did not.
"""

from __future__ import annotations

from docs_tools.figures.words import TIMES, joined, span

MEASURED = ("start-methods", "start-methods-verdict")
#: The two sizes, as the page names them.
SIZE_NAMES = {"example": "this example", "other-tabs": "the other two tabs"}
SIZE_PHRASES = {
    "example": "At this example's size",
    "other-tabs": "at the other two tabs' size",
}


def _sizes(data: dict) -> list[str]:
    return [size for size in SIZE_NAMES if size in data["method"]["sizes"]]


def methods(data: dict) -> list[str]:
    """The start methods measured, in the order the first Python lists them."""
    seen: list[str] = []
    for result in data["results"]:
        seen += [m for m in result["start_methods"] if m not in seen]
    return seen


def medians(data: dict, size: str, method: str) -> list[float]:
    """The median speedup of each Python that has `method`."""
    return [
        r["sizes"][size][method]["speedup"]["median"]
        for r in data["results"]
        if method in r["sizes"][size]
    ]


def _n(data: dict, size: str) -> str:
    return f"{data['method']['sizes'][size]:,}".replace(",", "\u202f")


def _load(data: dict) -> str:
    loads = [
        f"{r['load_average_before'][0]:.1f} before and "
        f"{r['load_average_after'][0]:.1f} after {r['version']}"
        for r in data["results"]
        if r.get("load_average_before") and r.get("load_average_after")
    ]
    return joined(loads) if loads else "not recorded"


def table(data: dict) -> str:
    sizes = _sizes(data)
    head = "| Start method | " + " | ".join(
        f"n = {_n(data, size)} ({SIZE_NAMES[size]})" for size in sizes
    )
    lines = [head + " |", "|---" * (len(sizes) + 1) + "|"]
    for method in methods(data):
        cells = [span(medians(data, size, method)) for size in sizes]
        lines.append(f"| *{method}* | " + " | ".join(cells) + " |")
    machine = data["machine"]
    pythons = joined([r["version"] for r in data["results"]])
    lines += [
        "",
        f"Sequential time / processes time (above 1{TIMES}: the processes "
        "finish sooner), the median of "
        f"{data['method']['rounds']} runs of the example's two timings per "
        f"Python, from the lowest to the highest of CPython {pythons}; "
        f"{data['method']['tasks']} tasks, {data['method']['workers']} worker "
        f"processes, on {machine['usable_cpus']} CPUs ({machine['cpu_model']}), "
        f"{data['date'][:10]}, measured by `benchmarks/start_methods.py`. "
        f"One-minute load average: {_load(data)} (above {machine['usable_cpus']}, "
        "other programs were competing for the CPUs, which costs the processes "
        "most).",
        "",
    ]
    return "\n".join(lines)


def groups(data: dict, size: str) -> dict[str, list[str]]:
    """The start methods whose processes finished sooner than the sequential
    run on every Python measured (median above 1), later on every one (below
    1), and the rest, at one size."""
    found: dict[str, list[str]] = {"sooner": [], "later": [], "mixed": []}
    for method in methods(data):
        values = medians(data, size, method)
        key = "sooner" if min(values) > 1 else "later" if max(values) < 1 else "mixed"
        found[key].append(method)
    return found


def _names(items: list[str]) -> str:
    return joined([f"*{item}*" for item in items])


def _clause(data: dict, size: str) -> str:
    found = groups(data, size)
    every = len(methods(data))
    parts = []
    for key, words in (
        ("sooner", "sooner than the sequential run on every CPython measured"),
        ("later", "later than the sequential run on every CPython measured"),
        ("mixed", "sooner on some CPythons measured and later on others"),
    ):
        if found[key]:
            which = _names(found[key])
            if len(found[key]) == every:
                which = f"every start method ({which})"
            parts.append(f"with {which}, {words}")
    return (
        f"{SIZE_PHRASES[size]} (n = {_n(data, size)}), the processes finished: "
        + joined(parts)
    )


def verdict(data: dict) -> str:
    """The page's sentence about the start methods, worded from the medians."""
    clauses = [_clause(data, size) for size in _sizes(data)]
    text = "; ".join(clauses)
    sentence = "Measured (medians in the table below): " + text[0].lower() + text[1:]
    cpus = data["machine"]["usable_cpus"]
    loads = [
        r["load_average_before"][0]
        for r in data["results"]
        if r.get("load_average_before")
    ]
    if loads and max(loads) >= cpus:
        sentence += (
            f". The machine was busy while measuring (a one-minute load "
            f"average up to {max(loads):.1f} on {cpus} CPUs before a Python's "
            "runs), so the processes had no idle CPU to gain from: these "
            "ratios do not show what they gain on an idle machine"
        )
    return sentence + ".\n"


def measured(name: str, data: dict) -> str:
    if name == "start-methods":
        return table(data)
    return verdict(data)
