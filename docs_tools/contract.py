"""The anchor contract: every public URL of the site, kept for years.

Teachers paste links such as `…/locks/#using-a-lock` into syllabi. The
committed list `tests/contract/public-urls.txt` holds every page URL and every
heading anchor the site has ever published. A URL may move, never vanish:

* a page that moves gets a redirect (`mkdocs-redirects`, `redirect_maps` in
  mkdocs.yml), which leaves an HTML file at the old address;
* a heading whose id changes gets an entry in `extra.moved_anchors` of
  mkdocs.yml (`page.md: {old-id: new-id}`); hooks/moved_anchors.py then puts
  the old id right at the new heading, so old links still scroll there.

`python3 dev.py anchors` adds the URLs of a new build to the list; nothing
ever removes one.
"""

from __future__ import annotations

import argparse
import html.parser
from dataclasses import dataclass
from pathlib import Path

from docs_tools.site import ROOT, site

CONTRACT = ROOT / "tests" / "contract" / "public-urls.txt"
HEADER = (
    "# Every public URL of the site, relative to site_url: pages and heading\n"
    "# anchors. Teachers link to these; the tests fail when one disappears.\n"
    "# Add new ones with `python3 dev.py anchors`; never delete a line —\n"
    "# declare a redirect or a moved anchor instead (docs_tools/contract.py).\n"
)


class _Ids(html.parser.HTMLParser):
    """Collects heading ids and every other id of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.all: set[str] = set()
        self.refresh_to: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if ident := attributes.get("id"):
            self.all.add(ident)
            if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                self.headings.append(ident)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            content = attributes.get("content") or ""
            self.refresh_to = content.partition("url=")[2] or None


@dataclass
class BuiltPage:
    url: str  # relative to site_url, with a leading slash: "/", "/locks/"
    headings: list[str]
    ids: set[str]
    redirects_to: str | None


def built_pages(site: Path) -> dict[str, BuiltPage]:
    pages: dict[str, BuiltPage] = {}
    for html_file in sorted(site.rglob("index.html")):
        folder = html_file.parent.relative_to(site).as_posix()
        url = "/" if folder == "." else f"/{folder}/"
        parser = _Ids()
        parser.feed(html_file.read_text(encoding="utf-8"))
        pages[url] = BuiltPage(url, parser.headings, parser.all, parser.refresh_to)
    return pages


def published_urls(site: Path) -> list[str]:
    """Every page and heading anchor a reader can link to in a built site."""
    urls: list[str] = []
    for page in built_pages(site).values():
        if page.redirects_to or page.url.startswith(("/assets/", "/search/")):
            continue
        urls.append(page.url)
        if page.url.startswith("/notebooks/") and page.url != "/notebooks/":
            # A generated notebook page: its heading ids follow the heading
            # text (mkdocs-jupyter); the chapter page holds the stable anchors.
            continue
        urls.extend(f"{page.url}#{ident}" for ident in page.headings)
    return urls


def contract() -> list[str]:
    if not CONTRACT.exists():
        return []
    return [
        line.strip()
        for line in CONTRACT.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def moved_anchors() -> dict[str, dict[str, str]]:
    """`extra.moved_anchors` of mkdocs.yml: {"locks.md": {"old": "new"}}."""
    return site().extra("moved_anchors") or {}


def broken_urls(site: Path) -> list[str]:
    """Contracted URLs the built site no longer serves, each with the reason."""
    pages = built_pages(site)
    problems = []
    for url in contract():
        path, _, anchor = url.partition("#")
        page = pages.get(path)
        if page is None:
            problems.append(
                f"{url}: page {path} is gone; declare a redirect for it "
                "(mkdocs.yml, plugins: redirects: redirect_maps)"
            )
        elif anchor and page.redirects_to is None and anchor not in page.ids:
            problems.append(
                f"{url}: no element with id {anchor!r} on {path}; if the heading "
                "was renamed, declare it in mkdocs.yml extra.moved_anchors"
            )
    return problems


def broken_in_sources(generated: dict[str, set[str]] | None = None) -> list[str]:
    """Contracted URLs the pages as written no longer provide, without a build.

    The quick check for the inner loop (`python3 dev.py check`): a contracted
    page must still be in the navigation or have a redirect, and a contracted
    anchor must still be a heading id of its page or a declared moved anchor.
    `generated` adds the ids a hook writes into a page ({"instructors.md":
    {...}}). Generated pages (the notebooks) exist only in a build; the
    build's check, `broken_urls`, covers them and everything the HTML holds.
    """
    generated = generated or {}
    by_path = {page.path: page for page in site()}
    redirects = set(_redirect_maps())
    moved = moved_anchors()
    problems = []
    for url in contract():
        path, _, anchor = url.partition("#")
        if path.startswith("/notebooks/"):
            continue
        page = by_path.get(path)
        if page is None:
            if not any(path == _redirect_path(old) for old in redirects):
                problems.append(
                    f"{url}: no page of the navigation is at {path}; declare a "
                    "redirect for it (mkdocs.yml, plugins: redirects: redirect_maps)"
                )
        elif anchor and anchor not in (
            page.anchors
            | set(moved.get(page.src_uri, {}))
            | generated.get(page.src_uri, set())
        ):
            problems.append(
                f"{url}: docs/{page.src_uri} has no heading {{ #{anchor} }}; if it "
                "was renamed, declare it in mkdocs.yml extra.moved_anchors"
            )
    return problems


def _redirect_maps() -> dict[str, str]:
    plugin = site().config["plugins"].get("redirects")
    return dict(plugin.config["redirect_maps"]) if plugin else {}


def _redirect_path(src_uri: str) -> str:
    """The URL path a redirect's old page had: "old.md" -> "/old/"."""
    name = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"/{name}/" if name else "/"


def add_new(site: Path) -> list[str]:
    known = contract()
    new = [url for url in published_urls(site) if url not in set(known)]
    if new or not CONTRACT.exists():
        CONTRACT.parent.mkdir(parents=True, exist_ok=True)
        CONTRACT.write_text(HEADER + "\n".join(known + new) + "\n", encoding="utf-8")
    return new


def main() -> int:
    parser = argparse.ArgumentParser(description="Add new public URLs to the list.")
    parser.add_argument("site", type=Path, help="a site built with mkdocs build")
    site = parser.parse_args().site
    for url in add_new(site):
        print(f"added {url}")
    problems = broken_urls(site)
    for problem in problems:
        print(f"BROKEN {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
