"""The repository stands alone: nothing it builds or tests with reads outside it.

A clone on GitHub or on a student's laptop has nothing beside it, so a path
that leaves the checkout (a sibling folder, a parent of the repository root,
an absolute path of the machine it was written on) works here and breaks
there. Every file under tests/, hooks/, docs_tools/, benchmarks/, audit/,
.github/ and .ci/, and dev.py, is read for such paths:

* in Python, a `Path(__file__)` climbed past the repository root (`.parent`
  or `.parents[n]`), `ROOT.parent`, or a `..` joined onto a path;
* anywhere, the name of the design folder that lies beside the checkout on
  the developers' machines, or this checkout's own absolute path;
* in workflows and shell scripts, a `cd ..` or a `../` path.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from docs_tools.site import ROOT, rel

SCOPE = ["tests", "hooks", "docs_tools", "benchmarks", "audit", ".github", ".ci"]
SKIP = {"__pycache__"}
THIS = Path(__file__).resolve()
# This file names what it looks for; it is checked by the Python rules only.
TEXT_RULES = [
    (
        re.compile(r"(?<![\w.])\.\./shared\b|\bshared/(?:source|design|hooks)\b"),
        "names the folder beside the checkout",
    ),
    (
        re.compile(re.escape(str(ROOT)) + r"(?:/|\b)"),
        "names this checkout's absolute path (a clone lives elsewhere)",
    ),
]
SHELL_RULES = [
    (re.compile(r"\bcd\s+\.\.(?:/|\s|$)"), "leaves the checkout (cd ..)"),
    (re.compile(r"(?<![\w.])\.\./"), "reads a path beside the checkout (../)"),
]


def files() -> list[Path]:
    found = [ROOT / "dev.py"]
    for folder in SCOPE:
        found.extend(
            path
            for path in sorted((ROOT / folder).rglob("*"))
            if path.is_file() and not SKIP & set(path.parts)
        )
    return found


def _parents_climbed(node: ast.AST) -> tuple[ast.AST, int]:
    """For `X.parent.parent` or `X.parents[1]`: (X, how many levels up)."""
    climbed = 0
    while True:
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            climbed += 1
            node = node.value
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "parents"
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, int)
        ):
            climbed += node.slice.value + 1
            node = node.value.value
        elif isinstance(node, ast.Call) and (
            isinstance(node.func, ast.Attribute) and node.func.attr == "resolve"
        ):
            node = node.func.value
        else:
            return node, climbed


def _is_this_file(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "Path"
        and len(node.args) == 1
        and getattr(node.args[0], "id", None) == "__file__"
    )


def python_escapes(path: Path, source: str) -> list[str]:
    """Lines of a Python file whose paths leave the repository."""
    depth = len(path.relative_to(ROOT).parts)  # .parent this often is ROOT
    problems = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Attribute | ast.Subscript):
            base, climbed = _parents_climbed(node)
            if climbed and _is_this_file(base) and climbed > depth:
                problems.append(f"{node.lineno}: Path(__file__) climbs past the root")
            if climbed and getattr(base, "id", None) == "ROOT":
                problems.append(f"{node.lineno}: ROOT.parent is outside the repository")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            for side in (node.left, node.right):
                if isinstance(side, ast.Constant) and str(side.value).startswith(".."):
                    problems.append(f"{node.lineno}: joins {side.value!r} onto a path")
    return problems


def text_escapes(path: Path, text: str) -> list[str]:
    rules = [] if path == THIS else list(TEXT_RULES)
    if path.suffix in {".yml", ".yaml", ".sh"} or path.parent.name == ".ci":
        rules += SHELL_RULES
    return [
        f"{number}: {why}: {line.strip()}"
        for number, line in enumerate(text.splitlines(), 1)
        for pattern, why in rules
        if pattern.search(line)
    ]


@pytest.mark.parametrize("path", files(), ids=rel)
def test_refers_to_no_path_outside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    problems = text_escapes(path, text)
    if path.suffix == ".py":
        problems += python_escapes(path, text)
    assert not problems, f"{rel(path)}:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "source",
    [
        "ROOT = Path(__file__).resolve().parent.parent.parent",
        "SOURCE = ROOT.parent / 'x'",
        "here = Path(__file__).parents[2]",
        "up = ROOT / '..' / 'elsewhere'",
    ],
)
def test_the_python_rules_catch_an_escape(source: str) -> None:
    assert python_escapes(ROOT / "tests" / "example.py", source)


def test_the_text_rules_catch_an_escape() -> None:
    sibling = "." + "./sha" + "red/source/tutorial.txt"
    assert text_escapes(ROOT / "tests" / "example.py", f"open('{sibling}')")
    assert text_escapes(ROOT / ".ci" / "run", "cd .. && ls")
    assert not text_escapes(ROOT / "tests" / "example.py", "url = '../pyodide/'")
