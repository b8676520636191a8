"""The sentences about the measurements, worded from data/benchmarks.json."""

from __future__ import annotations

from docs_tools.figures.words import TIMES, joined, one_decimal, python_label, span


def _load_average(bench: dict) -> float:
    """Mean one-minute load just before each interpreter's run.

    Only "before": while it measures, the benchmark itself keeps both cores
    busy, so the load after a run says nothing about competing programs.
    """
    loads = [
        r["load_average_before"][0]
        for r in bench["results"]
        if r.get("load_average_before")
    ]
    return sum(loads) / len(loads) if loads else float("nan")


def load_note(bench: dict) -> str:
    """A warning when the machine was busy while measuring, a note if not."""
    cpus = bench["machine"]["usable_cpus"]
    load = _load_average(bench)
    if load >= cpus / 2:
        return (
            '!!! warning "Measured on a busy machine"\n'
            "    Other programs were running on the same machine during these "
            f"measurements: the load average before each run was {load:.1f} for "
            f"{cpus} CPUs (above {cpus} means some work was always waiting for "
            "a core). Waiting does not mind that, so the I/O-bound ratios hold "
            "up; the CPU-bound ratios do mind, processes most of all. Run the "
            "script on your own machine to see your numbers "
            "([below](#measure-it-yourself)).\n"
        )
    return (
        '!!! note "A quiet machine"\n'
        f"    The load average before each run was about {load:.1f} for {cpus} "
        "CPUs (a one-minute average, so it still counts the previous run): "
        "little else was "
        "running. Your machine will give other "
        "seconds, and much the same ratios "
        "([measure it yourself](#measure-it-yourself)).\n"
    )


def cpu_verdict(bench: dict) -> str:
    """What the CPU-bound numbers say about processes, worded from the numbers.

    Per Python: did the processes come close to the ceiling (the CPU count),
    and how many cores did they keep busy?
    """
    cpus = bench["machine"]["usable_cpus"]
    close, short = [], []
    for r in bench["results"]:
        job = r["jobs"]["cpu-bound"]["processes"]
        entry = (python_label(r), job["speedup"]["median"], job["cores_used"]["median"])
        (close if entry[1] >= 0.75 * cpus else short).append(entry)

    def cores(entries: list) -> str:
        return span([e[2] for e in entries], one_decimal)

    def names(entries: list) -> str:
        return "Python " + joined([e[0] for e in entries])

    reached = close and (
        f"on {names(close)} they reached "
        f"{span([e[1] for e in close])}, keeping {cores(close)} cores busy"
    )
    if not short:
        return f"The processes came close to the ceiling of {cpus}{TIMES}: {reached}.\n"
    load = _load_average(bench)
    cause = (
        f"because other programs were using the same {cpus} CPUs (mean load "
        f"average {load:.1f}): processes can only use the cores the machine "
        "gives them"
        if load >= cpus / 2
        else f"although the machine was otherwise quiet (mean load {load:.1f})"
    )
    why = short and (
        f"on {names(short)} they kept only {cores(short)} cores busy on "
        f"average, {cause}"
    )
    if not close:
        return (
            f"The processes stayed well below the ceiling of {cpus}{TIMES}, and "
            f"the CPU time the script recorded says why: {why}.\n"
        )
    return (
        f"The processes came close to the ceiling of {cpus}{TIMES} only when "
        f"the other programs left them the cores: {reached}; {why}.\n"
    )


def _size(count: int) -> str:
    if count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MiB"
    return f"{count // 1024} KiB" if count % 1024 == 0 else f"{count} bytes"


def setup(bench: dict) -> str:
    """Where, when and how it was measured: a Markdown list."""
    m, method = bench["machine"], bench["method"]
    loads = [
        f"{r['version']}: {r['load_average_before'][0]:.1f} → "
        f"{r['load_average_after'][0]:.1f}"
        for r in bench["results"]
        if r.get("load_average_before") and r.get("load_average_after")
    ]
    io_p, cpu_p = bench["parameters"]["io-bound"], bench["parameters"]["cpu-bound"]
    pythons = [
        f"CPython {r['version']} ({'GIL' if r['gil_enabled'] else 'no GIL'}, "
        f"processes started with *{r['start_method']}*)"
        for r in bench["results"]
    ]
    lines = [
        f"- **When:** {bench['date'].replace('T', ' ').replace('Z', ' UTC')}, "
        f"by `{bench['generated_by']}`.",
        f"- **Where:** {m['cpu_model']}, {m['usable_cpus']} CPUs usable "
        f"({m['cpu_count']} reported), {m['platform']}.",
        f"- **Pythons:** {joined(pythons)}.",
        f"- **I/O-bound job:** {io_p['tasks']} tasks; each downloads "
        f"{_size(io_p['response_bytes'])} from a local HTTP server that "
        f"waits {io_p['server_delay_s'] * 1000:.0f} ms before answering, then "
        f"reads a {_size(io_p['file_bytes'])} file; "
        f"{io_p['workers']} threads or processes.",
        f"- **CPU-bound job:** {cpu_p['tasks']} tasks of "
        f"`sum(range({cpu_p['n']:_}))`; {cpu_p['workers']} threads or processes.",
        f"- **How:** {method['timer']}; {method['order']}; "
        f"{method['warmup_rounds']} warm-up round, then {method['repeats']} "
        f"rounds. Speedup: {method['speedup']}.",
        f"- **Cores busy:** {method['cores_used']}.",
        f"- **Load:** {m['note']} One-minute load average before → after, per "
        f"Python: {'; '.join(loads)}.",
    ]
    return "\n".join(lines) + "\n"
