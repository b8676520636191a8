"""The pages follow the site's conventions (docs/conventions.md)."""

from __future__ import annotations

import re

import pytest

from docs_tools.exercises import page_includes
from docs_tools.pages import examples
from docs_tools.site import DOCS, ROOT, SNIPPETS, Page, rel, site

#: The source tutorial's headings, in its order, as facts: the source itself
#: is not part of the repository, so nothing at test time may read it.
SOURCE_HEADINGS = ROOT / "tests" / "contract" / "source-headings.txt"
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
SOURCE_MAP_ROW = re.compile(
    r"^\|\s*(?P<heading>[^|]+?)\s*\|\s*\[[^\]]*\]\((?P<link>[^)]+)\)"
)
PAGES = site().pages


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.src_uri)
def test_no_inline_code(page: Page) -> None:
    """Every fence on every page includes exactly one file from snippets/."""
    for fence in page.fences:
        assert fence.include is not None, (
            f"{rel(page.source)}:{fence.line}: inline code; put it in a file under "
            'snippets/ and include it with --8<-- "snippets/…"'
        )
        assert fence.include.startswith("snippets/"), f"{rel(page.source)}:{fence.line}"


def test_every_snippet_is_included_somewhere() -> None:
    # Fences, and an exercise's statement and hints included as Markdown.
    included = {path for page in PAGES for _, path in page_includes(page)}
    orphans = [
        rel(path)
        for path in sorted(SNIPPETS.rglob("*"))
        if path.is_file()
        and "__pycache__" not in path.parts
        and rel(path) not in included
    ]
    assert not orphans, f"files in snippets/ that no page shows: {orphans}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.src_uri)
def test_headings_have_stable_ids(page: Page) -> None:
    """Anchors are a public contract: every heading names its own id."""
    for heading in page.headings:
        assert heading.id, (
            f"{rel(page.source)}:{heading.line}: heading {heading.text!r} needs an "
            "explicit id, e.g. `## Using a lock { #using-a-lock }`"
        )


def test_chapters_follow_the_source_order() -> None:
    nav = [page.src_uri for page in PAGES]
    assert nav[: len(CHAPTERS)] == CHAPTERS


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_a_block_that_runs_in_the_browser(chapter: str) -> None:
    kinds = [example.kind for example in examples(DOCS / chapter)]
    assert "runnable" in kinds, f"docs/{chapter} has no single-threaded example"


def source_headings() -> list[tuple[int, str]]:
    """(level, text) of each heading of the source, in its order."""
    found = []
    for line in SOURCE_HEADINGS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            level, _, text = line.partition("\t")
            found.append((int(level), text))
    return found


def source_map() -> dict[str, str]:
    """The table on the home page, in its order: source heading -> page#anchor."""
    rows = {}
    in_section = False
    for line in (DOCS / "index.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_section = "{ #source-map }" in line
        elif in_section and (row := SOURCE_MAP_ROW.match(line)):
            rows[row.group("heading").replace("`", "")] = row.group("link")
    return rows


def test_the_source_headings_are_recorded() -> None:
    headings = source_headings()
    assert headings[0] == (3, "Multithreading in Python")
    chapters = [level for level, _ in headings].count(3)
    assert chapters == len(CHAPTERS), (
        f"{rel(SOURCE_HEADINGS)} has {chapters} chapters, the site mirrors "
        f"{len(CHAPTERS)}"
    )


def test_every_source_heading_is_mirrored_in_order() -> None:
    mapping = source_map()
    texts = [text for _, text in source_headings()]
    missing = [text for text in texts if text not in mapping]
    assert not missing, f"source headings missing from the source map: {missing}"
    assert [text for text in mapping if text in texts] == texts, (
        "the source map lists the source's headings in another order"
    )
    chapter_of = iter(CHAPTERS)
    chapter = None
    for level, text in source_headings():
        page, _, anchor = mapping[text].partition("#")
        if level == 3:
            chapter = next(chapter_of)
        assert page == chapter, (
            f"source map: {text!r} links to {page}; the source's chapter "
            f"{'is' if level == 3 else 'holding it is'} mirrored by {chapter}"
        )
        assert anchor in site().page(page).anchors, (
            f"source map: {text!r} links to #{anchor}, which docs/{page} lacks"
        )
