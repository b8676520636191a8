"""Lint, format and workflow checks, run as part of the suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINTED = [
    "snippets",
    "hooks",
    "tests",
    "docs_tools",
    "audit",
    "benchmarks",
    "web",
    "dev.py",
]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_ruff_check() -> None:
    done = run(sys.executable, "-m", "ruff", "check", *LINTED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format() -> None:
    done = run(sys.executable, "-m", "ruff", "format", "--check", *LINTED)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "workflow", sorted((ROOT / ".github" / "workflows").glob("*.yml")), ids=str
)
def test_workflow_matches_the_github_schema(workflow: Path) -> None:
    done = run(
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        str(workflow),
    )
    assert done.returncode == 0, done.stdout + done.stderr
