"""The site's JavaScript passes its type check: the types are JSDoc comments
in web/ (the worker's messages are web/runner/protocol.js's), checked by
TypeScript's compiler (`tsc`, pinned in package.json) with web/tsconfig.json."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TSC = ROOT / "node_modules" / ".bin" / "tsc"


def test_the_javascript_type_checks() -> None:
    if not TSC.exists():
        pytest.fail("node_modules/.bin/tsc is missing: run `npm ci`")
    done = subprocess.run(
        [str(TSC), "--noEmit", "-p", str(ROOT / "web" / "tsconfig.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"tsc found errors:\n{done.stdout}{done.stderr}"
