"""The CPython interpreters every snippet is checked on.

`SNIPPET_PYTHONS` (paths separated by `os.pathsep`) overrides the search.
Otherwise: the interpreter running the tests, plus every CPython 3.10+ that
pyenv has installed (one per minor version; free-threaded `t` builds count
as their own version).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

OLDEST = (3, 10)


@dataclass(frozen=True)
class Interpreter:
    path: str
    version: str  # e.g. "3.12" or "3.13t"

    @property
    def label(self) -> str:
        return f"py{self.version}"


def _describe(path: str) -> Interpreter | None:
    probe = (
        "import sys, sysconfig;"
        "t = 't' if sysconfig.get_config_var('Py_GIL_DISABLED') else '';"
        "print(f'{sys.version_info[0]}.{sys.version_info[1]}{t}')"
    )
    try:
        version = subprocess.run(
            [path, "-c", probe], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.fullmatch(r"(\d+)\.(\d+)t?", version)
    if not match or (int(match[1]), int(match[2])) < OLDEST:
        return None
    return Interpreter(path, version)


def _pyenv_candidates() -> list[str]:
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    versions = Path(root) / "versions"
    if not versions.is_dir():
        return []
    found = []
    for entry in sorted(versions.iterdir()):
        if re.fullmatch(r"3\.\d+\.\d+t?", entry.name):
            for name in ("python3t", "python3"):
                exe = entry / "bin" / name
                if exe.exists():
                    found.append(str(exe))
                    break
    return found


@cache
def interpreters() -> list[Interpreter]:
    override = os.environ.get("SNIPPET_PYTHONS")
    if override:
        paths = [p for p in override.split(os.pathsep) if p]
    else:
        paths = [sys.executable, *_pyenv_candidates()]
    chosen: dict[str, Interpreter] = {}
    for path in paths:
        found = _describe(path)
        if found and found.version not in chosen:
            chosen[found.version] = found
    if not chosen:
        raise RuntimeError(f"no CPython >= 3.10 among {paths}")

    def order(item: Interpreter) -> tuple[int, int, str]:
        major, minor = item.version.rstrip("t").split(".")
        return int(major), int(minor), item.version

    return sorted(chosen.values(), key=order)


def given_or_found(paths: list[str]) -> list[tuple[str, str]]:
    """(path, version) of the CPythons a benchmark was asked to use, each
    checked, or of every one found (`interpreters()`) when none was given."""
    if paths:
        found = [_describe(path) for path in paths]
        missing = [path for path, f in zip(paths, found, strict=True) if f is None]
        if missing:
            raise SystemExit(f"not a CPython >= 3.10: {missing}")
        return [(f.path, f.version) for f in found if f]
    return [(f.path, f.version) for f in interpreters()]
