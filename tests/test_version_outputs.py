"""An example whose output depends on the CPython version declares how.

`output_on` markers (docs_tools/outputs.py) name the lines that the versions
a specifier matches print instead of the output shown, or do not print at
all; tests/test_examples.py applies them on every CPython found. Here, the
markers' meaning, and that a wrong one fails loudly.
"""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from docs_tools.outputs import (
    VersionChange,
    expected_outputs,
    matches,
    recording_python,
    version_changes,
)
from docs_tools.pages import site_examples

SHOWN = "Default: fork\nDeprecationWarning: pid=4242 forked\nDone\n"


def example_with(*marks: str, rules: str = ""):
    template = site_examples()[0]
    marks = (*marks, *([f'pytest.mark.output_rule("{rules}")'] if rules else []))
    return replace(template, marks=marks, expected_output=SHOWN)


def test_older_versions_may_leave_a_line_out() -> None:
    example = example_with(
        'pytest.mark.output_on("<3.12", lines={"DeprecationWarning: pid=1 forked":'
        " None})",
        rules="numbers-vary",
    )
    older = expected_outputs(example, version="3.11")
    assert matches(older, "Default: fork\nDone\n")
    assert not matches(older, SHOWN)
    newer = expected_outputs(example, version="3.12")
    assert matches(newer, SHOWN.replace("4242", "77"))
    assert not matches(newer, "Default: fork\nDone\n")


def test_newer_versions_may_print_another_line() -> None:
    example = example_with(
        'pytest.mark.output_on(">=3.14",'
        ' lines={"Default: fork": "Default: forkserver"})'
    )
    assert matches(
        expected_outputs(example, version="3.14"),
        SHOWN.replace("fork\n", "forkserver\n"),
    )
    assert matches(expected_outputs(example, version="3.13"), SHOWN)
    assert not matches(expected_outputs(example, version="3.15"), SHOWN)


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        ('pytest.mark.output_on("3.12", lines={"Done": None})', "specifier"),
        ('pytest.mark.output_on("<3.12", lines={"Not shown": None})', "not a line"),
        ('pytest.mark.output_on("<3.12")', "takes a specifier"),
    ],
)
def test_a_wrong_marker_fails_loudly(mark: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        version_changes(example_with(mark))


def test_specifiers_match_versions() -> None:
    older = VersionChange("<3.12", {})
    assert older.applies_to("3.11") and older.applies_to("3.10")
    assert not older.applies_to("3.12") and not older.applies_to("3.13t")
    assert VersionChange(">=3.14", {}).applies_to("3.14t")


def test_a_block_is_recorded_where_its_output_was_printed() -> None:
    mine = f"{sys.version_info[0]}.{sys.version_info[1]}"
    plain = example_with()
    assert recording_python(plain) == sys.executable
    not_here = example_with(
        f'pytest.mark.output_on(">={mine}", lines={{"Done": None}})',
    )
    try:
        chosen = recording_python(not_here)
    except SystemExit as error:  # no older CPython on this machine
        assert "no CPython found" in str(error)
    else:
        assert chosen != sys.executable


def test_every_version_marker_on_the_site_is_valid() -> None:
    for example in site_examples():
        for change in version_changes(example):
            for version in ("3.10", "3.11", "3.12", "3.13", "3.14"):
                expected_outputs(example, version=version)
            assert change.lines
