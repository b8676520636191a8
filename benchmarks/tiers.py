"""How long each tier of the test suite takes, from a fresh clone.

    python3 benchmarks/tiers.py [--repeat-check N] [--repeat-test N] [--here]

Clones the repository's HEAD into a temporary folder (`--here`: uses this
checkout as it is), installs it once (`python3 dev.py setup`: .venv/,
node_modules/, the bundle; timed on its own, it is not part of a tier), then
runs the quick tier (`python3 dev.py check`) and the whole suite (`python3
dev.py test`, which builds the site) the given number of times each, in a
row. Prints the wall time of every run, whether it passed, pytest's closing
line, and the ten slowest tests of the last run of each tier (pytest's
`--durations`). A run that fails is reported, not retried: the flaky-test
goal is N green runs in a row.

Wall times depend on what else the machine does: read them on a quiet
machine, and as ratios between runs of the same session.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"^=+ (.*\d+ (?:passed|failed).*) =+$", re.MULTILINE)
DURATION = re.compile(r"^(\d+\.\d+)s (call|setup|teardown)\s+(\S+)$", re.MULTILINE)


@dataclass
class Timed:
    tier: str
    seconds: float
    ok: bool
    summary: str
    slowest: list[tuple[float, str, str]]


def timed(tier: str, command: list[str], cwd: Path, log: Path) -> Timed:
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, check=False
        )
    seconds = time.monotonic() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    found = SUMMARY.findall(text)
    slowest = [
        (float(secs), phase, test) for secs, phase, test in DURATION.findall(text)
    ]
    return Timed(
        tier,
        seconds,
        done.returncode == 0,
        found[-1] if found else f"exit {done.returncode} (see {log})",
        sorted(slowest, reverse=True)[:10],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat-check", type=int, default=1, metavar="N")
    parser.add_argument("--repeat-test", type=int, default=1, metavar="N")
    parser.add_argument("--here", action="store_true", help="this checkout, as is")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tiers-") as scratch:
        logs = Path(scratch) / "logs"
        logs.mkdir()
        if args.here:
            checkout = ROOT
        else:
            checkout = Path(scratch) / "clone"
            subprocess.run(
                ["git", "clone", "--quiet", str(ROOT), str(checkout)], check=True
            )
        python = sys.executable
        os.environ.pop("BUILT_SITE", None)  # the whole suite builds its own site
        setup = timed("setup", [python, "dev.py", "setup"], checkout, logs / "setup")
        print(f"setup (install, not a tier): {setup.seconds:.0f} s, ok={setup.ok}")
        if not setup.ok:
            print((logs / "setup").read_text(encoding="utf-8"))
            return 1
        runs: list[Timed] = []
        plan = [("check", args.repeat_check), ("test", args.repeat_test)]
        for tier, times in plan:
            for number in range(1, times + 1):
                run = timed(
                    tier,
                    [python, "dev.py", tier, "--durations=10"],
                    checkout,
                    logs / f"{tier}-{number}",
                )
                runs.append(run)
                state = "passed" if run.ok else "FAILED"
                print(
                    f"{tier} run {number}/{times}: {run.seconds:6.1f} s  {state}  "
                    f"{run.summary}",
                    flush=True,
                )
                if not run.ok:
                    print(
                        (logs / f"{tier}-{number}").read_text(encoding="utf-8")[-6000:]
                    )
        print()
        print("| tier | runs | passed | fastest | slowest |")
        print("|---|---|---|---|---|")
        for tier, _ in plan:
            mine = [run for run in runs if run.tier == tier]
            if not mine:
                continue
            seconds = [run.seconds for run in mine]
            print(
                f"| {tier} | {len(mine)} | {sum(run.ok for run in mine)} "
                f"| {min(seconds):.0f} s | {max(seconds):.0f} s |"
            )
        for tier, _ in plan:
            mine = [run for run in runs if run.tier == tier]
            if mine:
                print(f"\nten slowest tests, last `dev.py {tier}` run:")
                for secs, phase, test in mine[-1].slowest:
                    print(f"  {secs:6.2f} s {phase:8} {test}")
        return 0 if all(run.ok for run in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
