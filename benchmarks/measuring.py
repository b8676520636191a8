"""What every measuring script in benchmarks/ shares: the machine's facts,
one measuring child run on the interpreter measured, and the data file.

Standard library only, and imported by its plain name (``from measuring
import ...``): a script's folder is on ``sys.path`` when Python runs it, so
the children the scripts start under other CPythons (3.10+, without the
project installed) import it too.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> list[float] | None:
    """The 1-, 5- and 15-minute load averages, or None where there are none."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def busy_cpu_seconds() -> float | None:
    """CPU-seconds every core of this machine has spent busy since boot
    (Linux's /proc/stat: all but idle and iowait), or None elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    ticks = [int(field) for field in fields[:8]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def machine(note: str | None = None) -> dict:
    """The facts a data file records about the machine that measured it."""
    facts = {
        "platform": platform.platform(),
        "system": platform.system(),
        "cpu_model": cpu_model(),
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
    }
    if note:
        facts["note"] = note
    return facts


def utc_stamp() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def child_json(
    python: str, script: str, *args: object, tag: str, timeout: float, warnings=False
) -> dict:
    """Run ``python script --child args...`` from the repository root and
    return the JSON it prints; a failing child stops the measurement with
    its error output. ``warnings`` runs it with ``-W error``."""
    flags = ["-W", "error"] if warnings else []
    command = [python, *flags, str(Path(script).resolve()), "--child"]
    done = subprocess.run(
        [*command, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise SystemExit(f"[{tag}] {python} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def write_data(out: Path, data: dict, *, tag: str, indent: int = 1) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=indent) + "\n", encoding="utf-8")
    try:
        shown = out.resolve().relative_to(ROOT)
    except ValueError:
        shown = out
    print(f"[{tag}] wrote {shown}", flush=True)
