from __future__ import annotations

import fcntl
import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


#: `pytestmark = pytest.mark.xdist_group("name")` at the top of a module.
_GROUP = re.compile(r"""^pytestmark = pytest\.mark\.xdist_group\("([^"]+)"\)""", re.M)


@functools.cache
def _group_of(module: str) -> str:
    """A browser test module's xdist group: the one it names, else "browser"."""
    found = _GROUP.search((ROOT / module).read_text(encoding="utf-8"))
    return found[1] if found else "browser"


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Tests of one xdist group run on one worker, every other test anywhere.

    pytest-xdist's own `--dist loadgroup` reads the group from a suffix it
    adds to each test's node id, which pytest 9 no longer lets it change: the
    groups were ignored, and every worker booted Pyodide for every browser
    module. This scheduler finds the group from the module's source instead.
    """
    from xdist.scheduler import LoadScopeScheduling

    class BrowserGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            if module.startswith("tests/browser/"):
                return _group_of(module)
            return nodeid

    return BrowserGroups(config, log)


#: Modules whose tests take seconds each (processes started, programs that
#: sleep, simulations), handed out early: xdist gives tests to workers in
#: collection order, and a long test collected last is a worker still busy
#: while the others are done (the quick tier: 56 s -> 51 s). In the whole
#: suite the tests of the built site come before them: their workers wait
#: for the build, which then has the cores to itself (handing these out
#: before them made the tests that wait for the build wait 15-25 s longer).
LONG_FIRST = (
    "tests/test_start_methods.py",
    "tests/test_simulator.py",
    "tests/test_examples.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # `python3 dev.py check` leaves out what needs a build (-m "not site").
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)

    def rank(item: pytest.Item) -> int:
        module = item.nodeid.split("::", 1)[0]
        if module.startswith("tests/browser/"):
            return -2  # one long chain per xdist group: started first
        if item.get_closest_marker("site"):
            return -1
        return LONG_FIRST.index(module) if module in LONG_FIRST else len(LONG_FIRST)

    items.sort(key=rank)  # stable: each module keeps its own order


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
