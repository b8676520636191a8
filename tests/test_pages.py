"""The pages follow the site's conventions (docs/conventions.md)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from docs_tools.pages import (
    DOCS,
    ROOT,
    SNIPPETS,
    all_pages,
    examples,
    nav_pages,
    raw_fences,
    rel,
)

SOURCE = ROOT.parent / "shared" / "source" / "000_ceb6ffc5a3785b4e.txt"
#: The eight pages that mirror the source, in its order.
CHAPTERS = [
    "index.md",
    "threading-module.md",
    "daemon-threads.md",
    "locks.md",
    "thread-pools.md",
    "when-to-use-threads.md",
    "threads-vs-processes.md",
    "summary.md",
]
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{\s*#([\w-]+)\s*\}\s*$")
SOURCE_MAP_ROW = re.compile(
    r"^\|\s*(?P<heading>[^|]+?)\s*\|\s*\[[^\]]*\]\((?P<link>[^)]+)\)"
)


def headings(page: Path) -> list[tuple[int, str]]:
    """(line, text) of every heading outside fences."""
    inside = {
        number
        for fence in raw_fences(page)
        for number in range(fence.line, fence.line + len(fence.body) + 2)
    }
    found = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        match = HEADING.match(line)
        if match and number not in inside:
            found.append((number, match.group(2)))
    return found


def anchors(page: Path) -> set[str]:
    return {
        match.group(1)
        for _, text in headings(page)
        if (match := EXPLICIT_ID.search(text))
    }


@pytest.mark.parametrize("page", all_pages(), ids=rel)
def test_no_inline_code(page: Path) -> None:
    """Every fence on every page includes exactly one file from snippets/."""
    for fence in raw_fences(page):
        assert fence.include is not None, (
            f"{rel(page)}:{fence.line}: inline code; put it in a file under "
            'snippets/ and include it with --8<-- "snippets/…"'
        )
        assert fence.include.startswith("snippets/"), f"{rel(page)}:{fence.line}"


def test_every_snippet_is_included_somewhere() -> None:
    included = {fence.include for page in all_pages() for fence in raw_fences(page)}
    orphans = [
        rel(path)
        for path in sorted(SNIPPETS.rglob("*"))
        if path.is_file()
        and "__pycache__" not in path.parts
        and rel(path) not in included
    ]
    assert not orphans, f"files in snippets/ that no page shows: {orphans}"


@pytest.mark.parametrize("page", all_pages(), ids=rel)
def test_headings_have_stable_ids(page: Path) -> None:
    """Anchors are a public contract: every heading names its own id."""
    for number, text in headings(page):
        assert EXPLICIT_ID.search(text), (
            f"{rel(page)}:{number}: heading {text!r} needs an explicit id, "
            "e.g. `## Using a lock { #using-a-lock }`"
        )


def test_chapters_follow_the_source_order() -> None:
    nav = [rel(page).removeprefix("docs/") for page in nav_pages()]
    assert nav[: len(CHAPTERS)] == CHAPTERS


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_a_block_that_runs_in_the_browser(chapter: str) -> None:
    kinds = [example.kind for example in examples(DOCS / chapter)]
    assert "runnable" in kinds, f"docs/{chapter} has no single-threaded example"


def source_headings() -> list[str]:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    return [
        line.lstrip("#").strip().replace("`", "")
        for line in lines
        if re.match(r"^#{3,4} ", line)
    ]


def source_map() -> dict[str, str]:
    """The table on the home page: source heading -> page#anchor."""
    rows = {}
    in_section = False
    for line in (DOCS / "index.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_section = "{ #source-map }" in line
        elif in_section and (row := SOURCE_MAP_ROW.match(line)):
            rows[row.group("heading").replace("`", "")] = row.group("link")
    return rows


def test_every_source_heading_is_mirrored() -> None:
    if not SOURCE.exists() and not os.environ.get("CI"):
        pytest.skip("the source (../shared/source) is not beside this clone")
    mapping = source_map()
    missing = [heading for heading in source_headings() if heading not in mapping]
    assert not missing, f"source headings missing from the source map: {missing}"
    for heading, link in mapping.items():
        page, _, anchor = link.partition("#")
        target = DOCS / page
        assert target.exists(), f"source map: {heading!r} links to missing {page}"
        assert anchor in anchors(target), (
            f"source map: {heading!r} links to #{anchor}, which docs/{page} lacks"
        )
