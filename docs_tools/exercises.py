"""The site's exercises: where their files are, how a page shows them, their check.

An exercise is a folder `snippets/<page>/exercises/<NN_name>/` holding
`statement.md`, `starter.py`, `solution.py`, `why.md`, `check.py` and one to
three `hint_<n>.md`. Its page includes each file (CONTRIBUTING.md, "Adding an
exercise", shows the markup); its heading's id is `exercise-<name>` (`name`:
the folder's name without its number, `_` written `-`). Plausible wrong
answers are kept out of the site, in `tests/exercises/<page>/<NN_name>/`.

Hooks (hooks/exercises.py, hooks/instructors.py), tests and benchmarks ask
this module, so each fact is computed once:

    >>> from docs_tools.exercises import site_exercises
    >>> [e.anchor for e in site_exercises()][:1]
    ['exercise-...']
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from docs_tools.site import ROOT, Page, rel, site

#: Classes of the python blocks that belong to an exercise: they are not
#: examples (no output file; tests/test_examples.py and notebooks skip them).
PARTS = {"exercise": "starter.py", "solution": "solution.py", "check": "check.py"}
WRONG = ROOT / "tests" / "exercises"
_FOLDER = re.compile(r"^(?P<number>\d{2})_(?P<slug>[a-z0-9]+(?:_[a-z0-9]+)*)$")
_INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<path>[^"]+)"\s*$')
_HINT = re.compile(r"^hint_(?P<n>[1-9])\.md$")


def page_includes(page: Page) -> list[tuple[int, str]]:
    """(line, path) of every `--8<--` include on a page, in fences or not."""
    return [
        (number, found.group("path"))
        for number, line in enumerate(page.text.splitlines(), 1)
        if (found := _INCLUDE.match(line))
    ]


@dataclass(frozen=True, eq=False)
class Exercise:
    """One exercise of one page."""

    page: Page
    folder: Path  # snippets/<page>/exercises/<NN_name>

    @property
    def dir(self) -> str:
        return rel(self.folder)

    @property
    def name(self) -> str:
        """ "lost-update" for `01_lost_update`."""
        match = _FOLDER.match(self.folder.name)
        slug = match.group("slug") if match else self.folder.name
        return slug.replace("_", "-")

    @property
    def anchor(self) -> str:
        return f"exercise-{self.name}"

    @property
    def url(self) -> str:
        """Relative to the site root: "locks/#exercise-lost-update"."""
        return f"{self.page.url}#{self.anchor}"

    def file(self, name: str) -> Path:
        return self.folder / name

    @property
    def starter(self) -> Path:
        return self.file("starter.py")

    @property
    def solution(self) -> Path:
        return self.file("solution.py")

    @property
    def check_file(self) -> Path:
        return self.file("check.py")

    @property
    def hints(self) -> list[Path]:
        found = [p for p in self.folder.glob("hint_*.md") if _HINT.match(p.name)]
        return sorted(found, key=lambda p: int(_HINT.match(p.name).group("n")))

    @property
    def command(self) -> str:
        return f"python {rel(self.check_file)}"

    @property
    def wrong_answers(self) -> list[Path]:
        where = WRONG / self.folder.parent.parent.name / self.folder.name
        return sorted(where.glob("wrong_*.py"))

    @cached_property
    def title(self) -> str:
        for heading in self.page.headings:
            if heading.id == self.anchor:
                return heading.text
        raise ValueError(
            f"{rel(self.page.source)}: no heading {{ #{self.anchor} }} for {self.dir}"
        )

    @cached_property
    def check(self):
        """The `CHECK` that check.py defines (a threadsim.exercise.Check)."""
        return load_check(self.check_file)

    @property
    def kind(self) -> str:
        return self.check.kind

    def sha256(self, path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    def problems(self) -> list[str]:
        """What is wrong with the files or the page's markup (empty: nothing)."""
        found = []
        where = rel(self.page.source)
        if not _FOLDER.match(self.folder.name):
            found.append(f"{self.dir}: the folder is named NN_snake_case")
        for name in ("statement.md", "starter.py", "solution.py", "why.md", "check.py"):
            if not self.file(name).is_file():
                found.append(f"{self.dir}: {name} is missing")
        hints = self.hints
        numbered = [f"hint_{n}.md" for n in range(1, len(hints) + 1)]
        if not 1 <= len(hints) <= 3:
            found.append(f"{self.dir}: 1 to 3 hint_<n>.md files (found {len(hints)})")
        elif [p.name for p in hints] != numbered:
            found.append(f"{self.dir}: hints are numbered hint_1.md, hint_2.md, ...")
        if not any(h.id == self.anchor and h.level == 3 for h in self.page.headings):
            found.append(f"{where}: no `### Title {{ #{self.anchor} }}` for {self.dir}")
        included = dict((path, line) for line, path in page_includes(self.page))
        wanted = ["statement.md", "starter.py", *[p.name for p in hints], "solution.py"]
        wanted += ["why.md", "check.py"]
        lines = []
        for name in wanted:
            path = f"{self.dir}/{name}"
            if path not in included:
                found.append(f"{where}: does not include {path}")
            else:
                lines.append(included[path])
        if len(lines) == len(wanted) and lines != sorted(lines):
            found.append(
                f"{where}: {self.dir}: include its files in the order "
                + ", ".join(wanted)
            )
        for fence in self.page.fences:
            for part, name in PARTS.items():
                if fence.include == f"{self.dir}/{name}" and (
                    part not in fence.classes or fence.title != fence.include
                ):
                    found.append(
                        f"{where}:{fence.line}: {name} goes in a "
                        f'``` {{ .python .{part} title="{fence.include}" }} block'
                    )
        return found


def load_check(path: Path):
    """Import a check.py (not as `__main__`) and return its `CHECK`."""
    spec = importlib.util.spec_from_file_location(
        f"exercise_check_{abs(hash(str(path)))}", path
    )
    shown = rel(path) if path.resolve().is_relative_to(ROOT) else str(path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {shown}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    check = getattr(module, "CHECK", None)
    if check is None:
        raise ValueError(f"{shown} defines no CHECK")
    return check


def exercises_of(page: Page) -> list[Exercise]:
    """The exercises a page shows, in its order (by the starter's block)."""
    found = []
    for fence in page.fences:
        if "exercise" in fence.classes and fence.include:
            found.append(Exercise(page, (ROOT / fence.include).parent))
    return found


@cache
def site_exercises() -> list[Exercise]:
    """Every exercise of the site, in reading order."""
    return [exercise for page in site() for exercise in exercises_of(page)]


def exercise_folders() -> list[Path]:
    """Every exercise folder on disk (shown on a page or not)."""
    return sorted(
        path
        for path in (ROOT / "snippets").glob("*/exercises/*")
        if path.is_dir() and path.name != "__pycache__"
    )


def is_exercise_part(classes: list[str]) -> bool:
    """True for the python blocks of an exercise (not examples)."""
    return bool(set(classes) & PARTS.keys())
