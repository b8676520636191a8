#!/usr/bin/env python3
"""One entry point for working on the site. Needs only Python 3.11+ and Node.

    python3 dev.py serve      build and serve the site at http://127.0.0.1:8000
    python3 dev.py check      the quick tier: lint, page rules, anchor contract,
                              every example on this CPython, the simulator with
                              one seed, unit tests (no build, no browser)
    python3 dev.py test       run every test (lint, snippets, build, browser)
    python3 dev.py build      mkdocs build --strict into site/
    python3 dev.py setup      only install .venv/ and node_modules/ (and bundle)
    python3 dev.py outputs    rewrite every snippet's .out file from a real run
    python3 dev.py anchors    add the URLs of new pages/headings to the contract
    python3 dev.py lock       re-pin requirements/lock.txt from pyproject ranges

Each command first makes sure `.venv/` holds exactly the pinned Python
packages (requirements/lock.txt) and `node_modules/` the pinned npm packages
(package-lock.json); both steps are skipped when nothing changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements" / "lock.txt"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"\033[1m[dev] {message}\033[0m", flush=True)


def run(*command: str | Path, **kwargs) -> None:
    say(" ".join(str(part) for part in command))
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True, **kwargs)


def digest(*paths: Path) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.read_bytes() if path.exists() else b"-")
    return sha.hexdigest()


def ensure_python_env() -> None:
    if sys.version_info < (3, 11):
        sys.exit("dev.py needs Python 3.11 or newer (mkdocs-material needs it).")
    stamp = VENV / ".installed"
    wanted = digest(LOCK, ROOT / "pyproject.toml")
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        say(f"creating {VENV.name}/ with Python {sys.version.split()[0]}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-r", LOCK)
    # The project itself (docs_tools, threadsim), editable, built by the
    # setuptools the lock pins: nothing imported by path, nothing fetched.
    run(
        PYTHON,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--editable",
        ROOT,
    )
    stamp.write_text(wanted)


def ensure_node_env() -> None:
    if not (ROOT / "package.json").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("dev.py needs Node.js with npm on PATH (https://nodejs.org).")
    stamp = ROOT / "node_modules" / ".installed"
    wanted = digest(ROOT / "package-lock.json")
    if not (stamp.exists() and stamp.read_text() == wanted):
        run(npm, "ci", "--no-audit", "--no-fund")
        stamp.write_text(wanted)
    run(npm, "run", "--silent", "build")


def ensure_all() -> None:
    ensure_python_env()
    ensure_node_env()


def venv_env() -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(VENV),
    }


def cmd_setup(args: list[str]) -> None:
    ensure_all()


def cmd_serve(args: list[str]) -> None:
    ensure_all()
    run(PYTHON, "-m", "mkdocs", "serve", "-a", "127.0.0.1:8000", *args, env=venv_env())


def cmd_build(args: list[str]) -> None:
    ensure_all()
    run(PYTHON, "-m", "mkdocs", "build", "--strict", *args, env=venv_env())


def cmd_test(args: list[str]) -> None:
    ensure_all()
    workers = os.environ.get("TEST_WORKERS", "6")
    run(PYTHON, "-m", "pytest", "-n", workers, *args, env=venv_env())


#: What the quick tier leaves to `dev.py test`: tests of the built site
#: (marked "site" by tests/conftest.py), of the browser, and the notebook
#: kernels.
QUICK_SKIPS = "not site and not browser and not kernel"


def cmd_check(args: list[str]) -> None:
    # node_modules and the runner's bundle too: the quick tier type-checks
    # the JavaScript (tsc) and tests the hook that copies the bundle; a fresh
    # clone without them failed those 3 tests.
    ensure_all()
    env = {
        **venv_env(),
        # The examples on this one CPython (the whole suite takes every
        # CPython 3.10+ it finds), the simulator with one seed per example
        # and 4 seeds of the race with and without its lock (20 in all).
        "SNIPPET_PYTHONS": str(PYTHON),
        "SIMULATOR_SEEDS": "0",
        "SIMULATOR_RACE_SEEDS": "4",
    }
    # More workers than cores: many examples spend their time asleep (their
    # threads wait), which leaves cores idle. On 2 cores, with the long
    # modules first (tests/conftest.py): 56 s with 4 workers, 51 s with 5,
    # 49 s with 6.
    workers = os.environ.get("TEST_WORKERS", "5")
    run(PYTHON, "-m", "pytest", "-n", workers, "-m", QUICK_SKIPS, *args, env=env)


def cmd_outputs(args: list[str]) -> None:
    ensure_python_env()
    run(PYTHON, "-m", "docs_tools.outputs", *args, env=venv_env())


def cmd_anchors(args: list[str]) -> None:
    """Build the site, then add its new public URLs to the anchor contract."""
    ensure_all()
    site = ROOT / ".cache" / "anchors-site"
    run(PYTHON, "-m", "mkdocs", "build", "--strict", "-d", site, env=venv_env())
    run(PYTHON, "-m", "docs_tools.contract", site, *args, env=venv_env())


def cmd_lock(args: list[str]) -> None:
    """Install the newest versions the ranges allow into a scratch env, freeze."""
    scratch = ROOT / ".cache" / "lock-venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(scratch)
    scratch_python = scratch / BIN.name / PYTHON.name
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]
    ranges = (
        project["dependencies"]
        + project["optional-dependencies"]["test"]
        + build["requires"]
    )
    run(scratch_python, "-m", "pip", "install", "--quiet", *ranges)
    frozen = subprocess.run(
        # --all keeps setuptools (it builds the project); pip is dropped below.
        [str(scratch_python), "-m", "pip", "freeze", "--all"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pins = [line for line in frozen.splitlines() if not line.startswith("pip==")]
    LOCK.write_text(
        "# Exact versions, generated by `python3 dev.py lock` from pyproject.toml.\n"
        + "\n".join(pins)
        + "\n"
    )
    say(f"wrote {LOCK.relative_to(ROOT)}")


COMMANDS = {
    "setup": cmd_setup,
    "serve": cmd_serve,
    "check": cmd_check,
    "test": cmd_test,
    "build": cmd_build,
    "outputs": cmd_outputs,
    "anchors": cmd_anchors,
    "lock": cmd_lock,
}


def restore_ctrl_c() -> None:
    """Give Ctrl+C back to every program started from here.

    A shell without job control (`sh -c 'python3 dev.py test &'`, `nohup ...
    &` in a script) starts a background command with SIGINT ignored, and an
    ignored signal stays ignored across exec: no Python started under it ever
    raises KeyboardInterrupt, so the examples about Ctrl+C hang until their
    timeout and the build fails on their notebook (seen here: 18 failed, 528
    errors). A handler, unlike an ignored signal, is reset to the default on
    exec, so the programs started from here get SIGINT as a terminal gives it.
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main() -> None:
    restore_ctrl_c()
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    try:
        COMMANDS[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
