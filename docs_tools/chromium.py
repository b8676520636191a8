"""Where Chromium is, and how to launch it on a machine with a closed network.

Shared by the browser tests, the audit and the benchmarks. Playwright cannot
download its own browser here, so Debian's Chromium is used; the switches
below stop Chromium's background calls to outside hosts, which this
network refuses (and which would otherwise be noise in every test).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """$CHROMIUM when set (and only it), else Debian's, else one on PATH.

    None means "let Playwright use its own browser", where it has one.
    """
    if given := os.environ.get("CHROMIUM"):
        return given
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")
