"""The built site: strict build, every page present, nothing from the network."""

from __future__ import annotations

import re
from pathlib import Path

from docs_tools.pages import nav_pages, rel

# Any absolute http(s) URL in a place where a browser would fetch it.
FETCHED_URL = re.compile(
    r"""(?:src|href)\s*=\s*["'](https?:)?//(?P<host>[^/"']+)"""
    r"""|@import\s+(?:url\()?["']?(https?:)?//(?P<css_host>[^/"')]+)"""
    r"""|url\(\s*["']?(https?:)?//(?P<url_host>[^/"')]+)""",
    re.IGNORECASE,
)


def page_html(site: Path, page: Path) -> Path:
    name = rel(page).removeprefix("docs/").removesuffix(".md")
    if name == "index":
        return site / "index.html"
    return site / name.removesuffix("/index") / "index.html"


def test_every_nav_page_is_built(built_site: Path) -> None:
    for page in nav_pages():
        html = page_html(built_site, page)
        assert html.exists(), f"{rel(page)} was not built to {html}"


def test_nothing_is_fetched_from_another_host(built_site: Path) -> None:
    """No CDN, no Google Fonts, no analytics: the site works offline."""
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js", ".mjs"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in FETCHED_URL.finditer(text):
            if match.group(0).lower().startswith("href"):
                # A link the reader clicks (the repository, the Python docs)
                # is fine; a stylesheet or icon fetched from elsewhere is not.
                line_start = text.rfind("<", 0, match.start())
                tag = text[line_start : match.start()]
                if not re.match(r"<link\b", tag, re.IGNORECASE):
                    continue
            offenders.append(f"{path.relative_to(built_site)}: {match.group(0)}")
    assert not offenders, "assets fetched from another host:\n" + "\n".join(offenders)
