"""Anchors are a public contract: a URL in the list never silently breaks."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from docs_tools import contract
from hooks import instructors, moved_anchors


def test_the_pages_as_written_keep_every_contracted_url() -> None:
    """The quick form of the next test: no build needed (`dev.py check`)."""
    problems = contract.broken_in_sources({"instructors.md": instructors.section_ids()})
    assert not problems, "contracted URLs the pages lost:\n" + "\n".join(problems)


def test_the_quick_check_sees_a_renamed_heading(monkeypatch) -> None:
    monkeypatch.setattr(
        contract, "contract", lambda: ["/locks/", "/locks/#using-a-padlock"]
    )
    problems = contract.broken_in_sources()
    assert len(problems) == 1 and problems[0].startswith("/locks/#using-a-padlock:")


def test_every_contracted_url_still_exists(built_site: Path) -> None:
    problems = contract.broken_urls(built_site)
    assert not problems, "published URLs that broke:\n" + "\n".join(problems)


def test_every_published_url_is_in_the_contract(built_site: Path) -> None:
    listed = set(contract.contract())
    missing = [url for url in contract.published_urls(built_site) if url not in listed]
    assert not missing, (
        "new pages or headings are not in tests/contract/public-urls.txt; run "
        "`python3 dev.py anchors` to add them:\n" + "\n".join(missing)
    )


LOCK_URLS = ["/locks/", "/locks/#using-a-lock"]
REFRESH = '<meta http-equiv="refresh" content="0; url=../synchronisation/">'


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for url, body in pages.items():
        folder = tmp_path / url.strip("/")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(body, encoding="utf-8")
    return tmp_path


def test_a_renamed_heading_is_reported_with_its_old_url(tmp_path, monkeypatch) -> None:
    site = _site(tmp_path, {"/locks/": '<h2 id="using-locks">Using locks</h2>'})
    monkeypatch.setattr(
        contract, "contract", lambda: ["/locks/", "/locks/#using-a-lock"]
    )
    problems = contract.broken_urls(site)
    assert len(problems) == 1
    assert problems[0].startswith("/locks/#using-a-lock: no element with id")


def test_a_moved_page_needs_a_redirect(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(
        contract, "contract", lambda: ["/locks/", "/locks/#using-a-lock"]
    )
    gone = _site(tmp_path / "a", {"/synchronisation/": '<h2 id="using-a-lock">x</h2>'})
    assert [p.split(":")[0] for p in contract.broken_urls(gone)] == [
        "/locks/",
        "/locks/#using-a-lock",
    ]
    redirected = _site(
        tmp_path / "b",
        {
            "/synchronisation/": '<h2 id="using-a-lock">x</h2>',
            "/locks/": REFRESH,
        },
    )
    assert contract.broken_urls(redirected) == []


def _page(src_uri: str, moves: dict[str, dict[str, str]]):
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))
    return page, SimpleNamespace(extra={"moved_anchors": moves})


def test_a_moved_anchor_lands_on_its_new_heading() -> None:
    page, config = _page("locks.md", {"locks.md": {"using-a-lock": "locking"}})
    html = '<p>x</p><h2 id="locking">Locking</h2>'
    out = moved_anchors.on_page_content(html, page, config, None)
    assert out.index('id="using-a-lock"') < out.index('id="locking"')
    assert out.startswith("<p>x</p>")


def test_a_moved_anchor_to_a_missing_heading_stops_the_build() -> None:
    page, config = _page("locks.md", {"locks.md": {"using-a-lock": "nowhere"}})
    with pytest.raises(PluginError, match="no heading with id 'nowhere'"):
        moved_anchors.on_page_content('<h2 id="locking">L</h2>', page, config, None)
