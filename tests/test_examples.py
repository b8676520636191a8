"""Every python block on every page is a snippet file that runs as shown.

pytest-codeblocks collects the blocks (after the includes are expanded, see
docs_tools/pages.py); each one is run as `python -W error snippets/…py` in a
fresh process, on every CPython 3.10+ found, and its output is compared with
the output shown under it, by the rule the page declares for it (on a
free-threaded build, or a version whose output differs, with the changes the
page declares for it). A threaded example, whose order rests on its threads'
sleeps, gets up to three real runs to show it on a busy machine.
"""

from __future__ import annotations

import pytest

from docs_tools.outputs import (
    expected_outputs,
    matches,
    rules_of,
    run_snippet,
    version_changes,
)
from docs_tools.pages import site_examples
from docs_tools.pythons import interpreters
from docs_tools.site import rel

EXAMPLES = site_examples()
PYTHONS = interpreters()
THREADED_RUNS = 3


def test_the_site_has_examples() -> None:
    assert len(EXAMPLES) >= 16, [example.where for example in EXAMPLES]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.where)
def test_block_shows_the_file_and_its_output(example) -> None:
    shown = example.code.rstrip("\n")
    on_disk = example.snippet.read_text(encoding="utf-8").rstrip("\n")
    assert shown == on_disk, f"{example.where}: the block differs from its file"
    assert example.expected_output is not None, (
        f"{example.where}: no <!--pytest-codeblocks:expected-output--> block "
        f"shows the output of {rel(example.snippet)}"
    )
    assert example.output_file == example.snippet.with_suffix(".out"), (
        f"{example.where}: the output shown must be {rel(example.snippet)[:-3]}.out"
    )
    rules_of(example)  # an unknown rule name fails here
    expected_outputs(example, free_threaded=True)  # and a wrong build marker
    version_changes(example)  # and a wrong version marker


@pytest.mark.parametrize("python", PYTHONS, ids=lambda p: p.label)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.where)
def test_output_shown_is_the_real_output(example, python) -> None:
    expected = expected_outputs(
        example, free_threaded=python.version.endswith("t"), version=python.version
    )
    run = run_snippet(example.snippet, python.path)
    # Threads sleep to show an order (0.2 s apart, say): on a machine busy
    # enough, a thread can wait longer than that for a core. Each run is a
    # real one; a threaded example passes if one of three shows the output.
    for _ in range(THREADED_RUNS - 1 if example.kind == "threaded" else 0):
        if run.returncode == 0 and matches(expected, run.output):
            break
        run = run_snippet(example.snippet, python.path)
    if run.returncode != 0:
        pytest.fail(
            f"{example.where}: `{example.command}` exited with {run.returncode} "
            f"on Python {python.version}:\n{run.output}",
            pytrace=False,
        )
    if not matches(expected, run.output):
        pytest.fail(
            f"{example.where}: the output shown for `{example.command}` is not "
            f"what Python {python.version} prints "
            f"(rule: {', '.join(expected.rules)}).\n"
            f"--- shown ({rel(example.output_file)})\n{example.expected_output}"
            f"--- real run\n{run.output}"
            "Regenerate with `python3 dev.py outputs` if the change is intended.",
            pytrace=False,
        )
