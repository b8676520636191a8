"""The "Going further" part: where it sits, and what each of its pages holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from docs_tools.pages import examples
from docs_tools.site import DOCS, rel, site

PART = DOCS / "going-further"
PAGES = sorted(PART.glob("*.md"))
#: Pages that teach a topic; the part's index and the Measured page (charts
#: drawn from data, no example to run) are not topics.
TOPICS = [page for page in PAGES if page.name not in {"index.md", "measured.md"}]
CHAPTERS = 8  # the pages that mirror the source come first


def test_every_page_of_the_part_is_in_the_nav_after_the_chapters() -> None:
    nav = [rel(page.source) for page in site()]
    part = [index for index, page in enumerate(nav) if page.startswith(rel(PART))]
    assert sorted(rel(page) for page in PAGES) == sorted(nav[i] for i in part)
    assert part == list(range(part[0], part[0] + len(part))), "one block"
    assert part[0] == CHAPTERS, "right after the eight mirrored chapters"
    assert nav[part[0]] == rel(PART / "index.md"), "the part opens with its index"


def test_the_part_comes_before_about_this_site() -> None:
    titles = [next(iter(item)) for item in site().config["nav"]]
    assert titles.index("Going further") + 1 == titles.index("About this site")


@pytest.mark.parametrize("page", TOPICS, ids=lambda p: p.name)
def test_each_topic_has_a_block_that_runs_in_the_browser(page: Path) -> None:
    kinds = [example.kind for example in examples(page)]
    assert "runnable" in kinds, f"{rel(page)} has no single-threaded example"


@pytest.mark.parametrize("page", TOPICS, ids=lambda p: p.name)
def test_each_topic_keeps_its_snippets_in_its_own_folder(page: Path) -> None:
    folder = f"snippets/going-further-{page.stem}/"
    for example in examples(page):
        assert rel(example.snippet).startswith(folder), example.where


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_each_page_has_a_description(page: Path) -> None:
    description = site().page(page).meta.get("description")
    assert isinstance(description, str) and description.strip(), rel(page)
