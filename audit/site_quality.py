#!/usr/bin/env python3
"""Audit every page of the built site: Lighthouse scores and axe-core.

    .venv/bin/python audit/site_quality.py [--site site] [--pages N] [--runs N]

Serves the built site on 127.0.0.1, then for each page runs Lighthouse (the
npm package, with Debian's Chromium: CHROME_PATH) for the performance,
accessibility, best-practices and SEO categories, and axe-core (injected with
Playwright, once every code block has been scrolled into view and set up by
Material) for accessibility violations, in both the light and dark palettes.
Prints one table row per page (with the performance metrics that weigh
most: total blocking time and largest contentful paint) and exits 1 when a
score is under 95 or axe finds a violation. Lighthouse's performance score
varies from run to run on a busy machine: `--runs N` takes, per page, the
run with the median performance score of N. No request leaves 127.0.0.1:
Chromium runs with the background-networking switches off and Lighthouse's
throttling is simulated.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from docs_tools.axe import load_axe, violations
from docs_tools.browser import CHROMIUM_ARGS, browser, chromium_path, serve
from docs_tools.code_blocks import mount_code_blocks
from docs_tools.contract import published_urls

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = chromium_path() or "/usr/bin/chromium"
LIGHTHOUSE_CHROMIUM_ARGS = ["--headless=new", *CHROMIUM_ARGS]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
THRESHOLD = 95


METRICS = {"TBT": "total-blocking-time", "LCP": "largest-contentful-paint"}


def lighthouse(url: str, preset: str) -> dict[str, int]:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [
                str(binary),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(LIGHTHOUSE_CHROMIUM_ARGS)}",
                *(["--preset=desktop"] if preset == "desktop" else []),
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            timeout=180,
        )
        data = json.loads(report.read_text())
    scores = {
        name: round(100 * (data["categories"][name]["score"] or 0))
        for name in CATEGORIES
    }
    for label, audit in METRICS.items():
        scores[label] = round(data["audits"][audit]["numericValue"])
    return scores


def median_run(url: str, preset: str, runs: int) -> dict[str, int]:
    """Of `runs` Lighthouse runs, the one with the median performance score."""
    results = sorted(
        (lighthouse(url, preset) for _ in range(runs)),
        key=lambda scores: scores["performance"],
    )
    return results[len(results) // 2]


def axe_violations(server, paths: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    with browser() as chromium:
        for scheme in ("light", "dark"):
            page = chromium.new_page(color_scheme=scheme)
            for path in paths:
                page.goto(server.at(path))
                mount_code_blocks(page)
                load_axe(page)
                found.setdefault(path, []).extend(
                    f"{scheme}: {v['id']} ({len(v['nodes'])})" for v in violations(page)
                )
            page.close()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--pages", type=int, default=0, help="audit only N pages")
    parser.add_argument(
        "--runs", type=int, default=1, help="Lighthouse runs per page (median kept)"
    )
    parser.add_argument(
        "--preset",
        choices=["mobile", "desktop"],
        default="mobile",
        help="Lighthouse's form factor and throttling (default: mobile, slow 4G)",
    )
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        sys.exit(f"no built site at {args.site}: run `python3 dev.py build` first")
    paths = [url for url in published_urls(args.site) if "#" not in url]
    if args.pages:
        paths = paths[: args.pages]
    # gzip: Lighthouse measures transfer sizes, and an uncompressed server
    # would understate the published site's by a factor of four.
    with serve(args.site, gzip=True) as server:
        axe = axe_violations(server, paths)
        print(
            f"Lighthouse {args.preset} preset, median of {args.runs} run(s) a page; "
            "axe-core in light and dark schemes"
        )
        header = (
            "| Page | Perf | A11y | Best pr. | SEO | TBT ms | LCP ms | axe violations |"
        )
        print(header)
        print("|---|---|---|---|---|---|---|---|")
        failed = False
        for path in paths:
            scores = median_run(server.at(path), args.preset, max(1, args.runs))
            low = any(scores[name] < THRESHOLD for name in CATEGORIES)
            failed |= low or bool(axe[path])
            cells = " | ".join(str(scores[name]) for name in [*CATEGORIES, *METRICS])
            issues = ", ".join(axe[path]) or "none"
            print(f"| {path} | {cells} | {issues} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
