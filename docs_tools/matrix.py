"""Which Pythons the site's outputs come from and are tested on: data/pythons.json.

    .venv/bin/python -m docs_tools.matrix        # after `python3 dev.py outputs`

The pages state the matrix once, in Conventions, from this file (`<!-- value:
matrix.recorded -->` and the other `matrix.*` keys, docs_tools/figures):

* recorded: the CPython that `python3 dev.py outputs` runs the snippets with
  to write their .out files (the one running this script);
* checked: every CPython 3.10+ found on this machine (docs_tools/pythons.py),
  each of which the test suite runs every snippet on and compares with those
  outputs, by the page's rules;
* ci: the Python versions of the CI workflow's matrix
  (.github/workflows/ci.yml), which run the whole suite on each push;
* browser: the Pyodide version package.json pins (the in-page runner).

tests/test_matrix.py fails when the CI or Pyodide entries no longer match
their files.
"""

from __future__ import annotations

import datetime
import json
import platform
import subprocess
import sys
from pathlib import Path

import yaml

from docs_tools.pythons import interpreters

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "pythons.json"
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
PACKAGE = ROOT / "package.json"


def ci_pythons() -> list[str]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return [str(v) for v in workflow["jobs"]["test"]["strategy"]["matrix"]["python"]]


def pyodide_version() -> str:
    return json.loads(PACKAGE.read_text(encoding="utf-8"))["devDependencies"]["pyodide"]


def _full_version(path: str) -> str:
    return subprocess.run(
        [path, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.strip()


def matrix() -> dict:
    return {
        "schema": 1,
        "generated_by": "python -m docs_tools.matrix",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        ),
        "recorded": platform.python_version(),
        "checked": [
            {"version": _full_version(p.path), "free_threaded": p.version.endswith("t")}
            for p in interpreters()
        ],
        "ci": ci_pythons(),
        "browser": {"pyodide": pyodide_version()},
    }


def main() -> None:
    data = matrix()
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    checked = ", ".join(entry["version"] for entry in data["checked"])
    print(
        f"[matrix] recorded with {data['recorded']}; checked on {checked}; "
        f"CI on {', '.join(data['ci'])} -> {OUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    sys.exit(main())
