"""Collect the code blocks of every page, exactly as MkDocs renders them.

Pages never hold code inline: each fence includes a file from `snippets/` with
`--8<--`. pytest-codeblocks knows nothing of includes, so a page is first
expanded with the same `pymdownx.snippets` settings MkDocs uses (read from
mkdocs.yml), then handed to `pytest_codeblocks.extract_from_buffer`, which
parses the fences and the `<!--pytest-codeblocks:…-->` / `<!--pytest.mark.…-->`
markers. Every line of the expanded page remembers the line of the page it
came from, so a failure names `docs/<page>.md:<line>`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from pytest_codeblocks import extract_from_buffer

from docs_tools.exercises import is_exercise_part
from docs_tools.site import ROOT, rel, site

#: What a python block may declare about where it can run.
KINDS = {
    "runnable": "single-threaded: runs in the browser (Pyodide)",
    "threaded": "starts threads: needs a local CPython",
    "processes": "starts processes: needs a local CPython",
}
#: The class that keeps a threaded block out of the thread simulator.
NOT_SIMULATED = "not-simulated"

_INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<path>[^"]+)"\s*$')
_FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<ticks>`{3,}|~{3,})(?P<info>.*)$")
_CLASS = re.compile(r"(?<![\w-])\.([A-Za-z][\w-]*)")
_TITLE = re.compile(r'title="([^"]*)"')


@dataclass(frozen=True)
class Fence:
    """A fenced block as written on the page (before includes are expanded)."""

    page: Path
    line: int
    info: str
    body: list[str]

    @property
    def language(self) -> str:
        info = self.info.strip()
        if info.startswith("{"):
            classes = _CLASS.findall(info)
            return classes[0] if classes else ""
        return info.split()[0] if info else ""

    @property
    def classes(self) -> list[str]:
        info = self.info.strip()
        return _CLASS.findall(info)[1:] if info.startswith("{") else []

    @property
    def title(self) -> str | None:
        found = _TITLE.search(self.info)
        return found.group(1) if found else None

    @property
    def include(self) -> str | None:
        """The included path, when the body is exactly one include line."""
        lines = [line for line in self.body if line.strip()]
        if len(lines) == 1 and (found := _INCLUDE.match(lines[0])):
            return found.group("path")
        return None


def raw_fences(page: Path) -> list[Fence]:
    """The fences of a page as written, with the 1-based line of their opening."""
    lines = page.read_text(encoding="utf-8").splitlines()
    fences: list[Fence] = []
    index = 0
    while index < len(lines):
        opening = _FENCE_OPEN.match(lines[index])
        if not opening:
            index += 1
            continue
        ticks = opening.group("ticks")
        body: list[str] = []
        end = index + 1
        while end < len(lines) and not lines[end].strip().startswith(ticks):
            body.append(lines[end])
            end += 1
        if end == len(lines):
            raise ValueError(f"{rel(page)}:{index + 1}: fence is never closed")
        fences.append(Fence(page, index + 1, opening.group("info"), body))
        index = end + 1
    return fences


@dataclass
class Example:
    """One python block of a page, with the output shown under it."""

    page: Path
    line: int
    snippet: Path
    kind: str
    code: str
    expected_output: str | None
    output_file: Path | None
    marks: list[str] = field(default_factory=list)
    #: A threaded block runs in the thread simulator unless it says
    #: `.not-simulated` (an asyncio event loop waits in the operating system,
    #: where the simulator cannot switch threads).
    simulated: bool = False

    @property
    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"

    @property
    def command(self) -> str:
        return f"python {rel(self.snippet)}"


def expand(page: Path) -> tuple[str, list[int]]:
    """The page with every include expanded, and for each line its page line."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": site().snippets_settings()},
    )
    preprocessor = md.preprocessors["snippet"]
    out: list[str] = []
    origin: list[int] = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        expanded = preprocessor.run([line]) if "--8<--" in line else [line]
        out.extend(expanded)
        origin.extend([number] * len(expanded))
    return "\n".join(out) + "\n", origin


def _check_mark_placement(page: Path, fences: list[Fence]) -> None:
    """pytest-codeblocks gives a `<!--pytest.mark…-->` to the NEXT code block.

    A mark written between a python block and its output would silently apply
    to the following example instead, so it is refused with a clear message.
    """
    lines = page.read_text(encoding="utf-8").splitlines()
    following_fences: list[Fence | None] = [*fences[1:], None] if fences else []
    for fence, following in zip(fences, following_fences, strict=True):
        if fence.language != "python":
            continue
        stop = following.line - 1 if following else len(lines)
        for number in range(fence.line + len(fence.body) + 1, stop):
            if lines[number].strip().startswith("<!--pytest.mark."):
                raise ValueError(
                    f"{rel(page)}:{number + 1}: a pytest.mark marker belongs above "
                    f"the python block it is for (line {fence.line}), not under it"
                )


def examples(page: Path) -> list[Example]:
    """Every python block of `page`, as pytest-codeblocks sees it once expanded."""
    text, origin = expand(page)
    fences = raw_fences(page)
    _check_mark_placement(page, fences)
    by_line = {fence.line: fence for fence in fences}
    found: list[Example] = []
    for block in extract_from_buffer(io.StringIO(text)):
        page_line = origin[block.lineno - 1]
        fence = by_line.get(page_line)
        if fence is None or fence.language != "python":
            continue
        if is_exercise_part(fence.classes):  # docs_tools/exercises.py has them
            continue
        if fence.include is None or fence.title != fence.include:
            raise ValueError(
                f"{rel(page)}:{page_line}: a python block must include one file "
                f'and carry it as its title (title="{fence.include}")'
            )
        kinds = [name for name in fence.classes if name in KINDS]
        if len(kinds) != 1:
            raise ValueError(
                f"{rel(page)}:{page_line}: a python block declares exactly one of "
                f"{', '.join('.' + k for k in KINDS)} (found {kinds or 'none'})"
            )
        not_simulated = NOT_SIMULATED in fence.classes
        if not_simulated and kinds[0] != "threaded":
            raise ValueError(
                f"{rel(page)}:{page_line}: .{NOT_SIMULATED} is for .threaded blocks"
            )
        output_file = _output_include(page, page_line, by_line)
        found.append(
            Example(
                page=page,
                line=page_line,
                snippet=ROOT / fence.include,
                kind=kinds[0],
                code=block.code,
                expected_output=block.expected_output,
                output_file=output_file,
                marks=list(block.marks),
                simulated=kinds[0] == "threaded" and not not_simulated,
            )
        )
    return found


def _output_include(page: Path, line: int, by_line: dict[int, Fence]) -> Path | None:
    """The output file included by the first fence after the block at `line`."""
    later = sorted(number for number in by_line if number > line)
    if not later:
        return None
    include = by_line[later[0]].include
    return ROOT / include if include and include.endswith(".out") else None


def site_examples() -> list[Example]:
    return [example for page in site() for example in page.examples]
