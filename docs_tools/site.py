"""One model of the site: its pages, their URLs, built files and headings.

Everything that needs a fact about the site (hooks, tests, benchmarks, the
audit, dev.py) asks this module, so the fact is computed in one place and in
the way MkDocs computes it:

* the configuration is `mkdocs.yml` read by MkDocs' own loader
  (`mkdocs.config.load_config`), once per process;
* the pages are the navigation's, in reading order; a page's URL and built
  file come from MkDocs' own `File` (directory URLs: `locks.md` → `locks/`,
  `going-further/index.md` → `going-further/`, `index.md` → the root);
* front matter is read by MkDocs' own meta parser; headings are the page's
  Markdown headings outside code fences, each with its explicit `{ #id }`
  (docs/conventions.md requires one on every heading; `id` is None where it
  is missing, which tests/test_pages.py reports).

    >>> from docs_tools.site import site
    >>> page = site().page("locks.md")
    >>> page.url, page.path
    ('locks/', '/locks/')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.utils import meta

from docs_tools.figures import placeholders
from docs_tools.figures.placeholders import Placeholder

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from docs_tools.pages import Example, Fence

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
_EXPLICIT_ID = re.compile(r"\s*\{\s*#(?P<id>[\w-]+)\s*\}\s*$")


def rel(path: Path) -> str:
    """`path` relative to the repository, with forward slashes."""
    return path.resolve().relative_to(ROOT).as_posix()


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # as written, without its `{ #id }`
    id: str | None  # the explicit id, None where the page gives none
    line: int  # 1-based line on the page


@dataclass(frozen=True, eq=False)
class Page:
    """One page of the navigation."""

    src_uri: str  # "locks.md", "going-further/index.md"
    title: str  # its title in the navigation
    url: str  # relative to the site root: "locks/", "going-further/", "" (home)
    dest_uri: str  # the built file, relative to the site: "locks/index.html"

    @property
    def source(self) -> Path:
        return DOCS / self.src_uri

    @property
    def path(self) -> str:
        """The URL path below site_url, with its slashes: "/locks/", "/"."""
        return f"/{self.url}"

    @property
    def name(self) -> str:
        """ "locks", "going-further/index": the source path without ".md"."""
        return self.src_uri.removesuffix(".md")

    def built_file(self, site_dir: Path) -> Path:
        return site_dir / self.dest_uri

    @cached_property
    def text(self) -> str:
        return self.source.read_text(encoding="utf-8")

    @cached_property
    def meta(self) -> dict:
        """The front matter, as MkDocs reads it."""
        return meta.get_data(self.text)[1]

    @cached_property
    def fences(self) -> list[Fence]:
        # pages.py parses fences and examples (with pytest-codeblocks); it
        # imports this module for the configuration, hence the late import.
        from docs_tools.pages import raw_fences

        return raw_fences(self.source)

    @cached_property
    def examples(self) -> list[Example]:
        from docs_tools.pages import examples

        return examples(self.source)

    @cached_property
    def front_matter_lines(self) -> int:
        """How many lines the front matter takes (0 without one)."""
        lines = self.text.splitlines()
        if lines and lines[0].strip() == "---":
            for number, line in enumerate(lines[1:], 2):
                if line.strip() in {"---", "..."}:
                    return number
        return 0

    @cached_property
    def headings(self) -> list[Heading]:
        inside = {
            number
            for fence in self.fences
            for number in range(fence.line, fence.line + len(fence.body) + 2)
        }
        found = []
        for number, line in enumerate(self.text.splitlines(), 1):
            if number <= self.front_matter_lines or number in inside:
                continue
            if match := _HEADING.match(line):
                text = match.group("text")
                explicit = _EXPLICIT_ID.search(text)
                found.append(
                    Heading(
                        level=len(match.group("hashes")),
                        text=text[: explicit.start()] if explicit else text,
                        id=explicit.group("id") if explicit else None,
                        line=number,
                    )
                )
        return found

    @property
    def title_heading(self) -> str:
        """The text of the page's first `#` heading (its title on the page)."""
        return next((h.text for h in self.headings if h.level == 1), self.title)

    @cached_property
    def figures(self) -> list[Placeholder]:
        """The figures the page asks for (`<!-- chart: … -->`, …), in order."""
        return placeholders.blocks(self.text)

    @property
    def anchors(self) -> set[str]:
        return {heading.id for heading in self.headings if heading.id}


class Site:
    """The configuration and the pages of the navigation, in reading order."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.pages: list[Page] = []
        seen: set[str] = set()
        for title, src_uri in _walk(config["nav"]):
            if src_uri in seen:
                continue
            seen.add(src_uri)
            file = File(
                src_uri, config["docs_dir"], config["site_dir"], use_directory_urls=True
            )
            url = "" if file.url in {".", "./"} else file.url
            self.pages.append(Page(src_uri, title, url, file.dest_uri))
        self._by_uri = {page.src_uri: page for page in self.pages}

    @property
    def site_url(self) -> str:
        """The published address, ending with "/"."""
        url = self.config["site_url"] or "/"
        return url if url.endswith("/") else url + "/"

    @property
    def base_path(self) -> str:
        """The path the published site lives under: "/threads-in-python/"."""
        path = "/" + self.site_url.split("://", 1)[-1].partition("/")[2]
        return path if path.endswith("/") else path + "/"

    def page(self, which: str | Path) -> Page:
        """The page of a source path: "locks.md", "docs/locks.md" or a Path."""
        key = rel(which).removeprefix("docs/") if isinstance(which, Path) else which
        key = key.removeprefix("docs/")
        try:
            return self._by_uri[key]
        except KeyError:
            raise KeyError(f"{key} is not a page of the navigation") from None

    def __iter__(self) -> Iterator[Page]:
        return iter(self.pages)

    def snippets_settings(self) -> dict:
        settings = self.config["mdx_configs"].get("pymdownx.snippets")
        if settings is None:
            raise RuntimeError("mkdocs.yml does not configure pymdownx.snippets")
        return dict(settings)

    def extra(self, key: str, default=None):
        return (self.config["extra"] or {}).get(key, default)


def _walk(items: list) -> Iterator[tuple[str, str]]:
    """(title, src_uri) of every page in a nav, depth first."""
    for item in items:
        if isinstance(item, str):
            yield item, item
            continue
        for title, value in item.items():
            if isinstance(value, list):
                yield from _walk(value)
            elif value.endswith(".md"):
                yield title, value


@cache
def site() -> Site:
    """The site as mkdocs.yml describes it, loaded once per process."""
    return Site(load_config(str(ROOT / "mkdocs.yml")))
