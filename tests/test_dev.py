"""dev.py, the one entry point: what it does before any command."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from docs_tools.site import ROOT

#: Raises SIGINT in itself and says whether Python turned it into
#: KeyboardInterrupt, as it does for Ctrl+C in a terminal.
CTRL_C = """\
import signal, time
try:
    signal.raise_signal(signal.SIGINT)
    time.sleep(0.05)
    print("ignored")
except KeyboardInterrupt:
    print("KeyboardInterrupt")
"""

STARTS_A_PROGRAM = """\
import subprocess, sys
{setup}
print(subprocess.run([sys.executable, "-c", {program!r}],
                     capture_output=True, text=True).stdout, end="")
"""


def started_with_sigint_ignored(setup: str) -> str:
    """What CTRL_C prints when started by a Python that was itself started
    with SIGINT ignored (a background job of a shell without job control)
    and ran `setup` first."""
    return subprocess.run(
        [sys.executable, "-c", STARTS_A_PROGRAM.format(setup=setup, program=CTRL_C)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    ).stdout


@pytest.mark.skipif(sys.platform == "win32", reason="no preexec_fn on Windows")
def test_programs_started_by_dev_py_get_ctrl_c_back() -> None:
    assert started_with_sigint_ignored("") == "ignored\n", (
        "the check itself: an ignored SIGINT is inherited"
    )
    assert (
        started_with_sigint_ignored("import dev; dev.restore_ctrl_c()")
        == "KeyboardInterrupt\n"
    )
