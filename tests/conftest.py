from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # `python3 dev.py check` leaves out what needs a build (-m "not site").
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def built_site(testrun_uid: str) -> Path:
    """The site built once per test run with `mkdocs build --strict`.

    `BUILT_SITE=path` reuses a site built beforehand (what the Pages workflow
    deploys). Under pytest-xdist the workers share one build: the first one
    builds while the others wait on a lock file.
    """
    if given := os.environ.get("BUILT_SITE"):
        return Path(given).resolve()
    cache = ROOT / ".cache"
    cache.mkdir(exist_ok=True)
    site = cache / "test-site"
    stamp = cache / "test-site.run"
    with (cache / "test-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.exists() or stamp.read_text() != testrun_uid:
            done = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                pytest.fail(f"mkdocs build --strict failed:\n{done.stderr}")
            stamp.write_text(testrun_uid)
    return site
