"""The Pythons the pages name (Conventions, 'Which Pythons') are the real ones.

data/pythons.json is written by `python -m docs_tools.matrix`; the pages
cite it through `<!-- value: matrix.* -->`. What can be checked anywhere is
checked here: the CI entry is the workflow's matrix, the browser entry is
the Pyodide that package.json pins, and the recording CPython is among those
the outputs were checked on.
"""

from __future__ import annotations

import json

from docs_tools.matrix import OUT, ci_pythons, pyodide_version


def recorded() -> dict:
    return json.loads(OUT.read_text(encoding="utf-8"))


def test_the_ci_entry_is_the_workflows_matrix() -> None:
    assert recorded()["ci"] == ci_pythons(), (
        "the CI matrix changed: run `.venv/bin/python -m docs_tools.matrix`"
    )


def test_the_browser_entry_is_the_pinned_pyodide() -> None:
    assert recorded()["browser"]["pyodide"] == pyodide_version(), (
        "package.json pins another Pyodide: run `.venv/bin/python -m docs_tools.matrix`"
    )


def test_the_recording_python_is_one_of_those_checked() -> None:
    data = recorded()
    assert data["recorded"] in [entry["version"] for entry in data["checked"]]
