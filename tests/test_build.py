"""The built site: strict build, every page present, nothing from the network."""

from __future__ import annotations

import re
from pathlib import Path

from docs_tools.site import rel, site

# Any absolute http(s) URL in a place where a browser would fetch it.
FETCHED_URL = re.compile(
    r"""(?:src|href)\s*=\s*["'](https?:)?//(?P<host>[^/"']+)"""
    r"""|@import\s+(?:url\()?["']?(https?:)?//(?P<css_host>[^/"')]+)"""
    r"""|url\(\s*["']?(https?:)?//(?P<url_host>[^/"')]+)""",
    re.IGNORECASE,
)


def test_every_nav_page_is_built(built_site: Path) -> None:
    for page in site():
        html = page.built_file(built_site)
        assert html.exists(), f"{rel(page.source)} was not built to {html}"


# <link rel=…> values that make the browser fetch the target.
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "manifest",
}


def test_nothing_is_fetched_from_another_host(built_site: Path) -> None:
    """No CDN, no Google Fonts, no analytics, no API call: the site works offline."""
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js", ".mjs"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in FETCHED_URL.finditer(text):
            if match.group(0).lower().startswith("href"):
                # A link the reader follows (the repository, the Python docs,
                # the canonical URL) is fine; a stylesheet or icon from
                # another host is not.
                tag = text[text.rfind("<", 0, match.start()) : match.start()]
                rel_value = re.search(r"""rel=["']?([^"'>]+)""", tag, re.IGNORECASE)
                rels = set(rel_value.group(1).lower().split()) if rel_value else set()
                if not tag.lower().startswith("<link") or not rels & FETCHING_RELS:
                    continue
            offenders.append(f"{path.relative_to(built_site)}: {match.group(0)}")
    assert not offenders, "assets fetched from another host:\n" + "\n".join(offenders)


def test_the_header_does_not_call_the_github_api(built_site: Path) -> None:
    """Material's repository widget would ask api.github.com for star counts."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-source"' in html
    assert 'data-md-component="source"' not in html


def test_no_code_block_sits_in_a_paragraph(built_site: Path) -> None:
    """hooks/unwrap_code_blocks.py: a <div> in a <p> is invalid, and the
    browser's repair separates a block from its annotation list."""
    wrapped = [
        str(page.relative_to(built_site))
        for page in built_site.rglob("*.html")
        if re.search(
            r'<p>(?:<!--(?:(?!-->).)*-->\s*)?<div class="[^"]*\bhighlight">',
            page.read_text(encoding="utf-8"),
            re.DOTALL,
        )
    ]
    assert not wrapped, f"code blocks inside a <p> in {wrapped}"


def test_a_list_right_after_a_code_block_is_its_annotations(built_site: Path) -> None:
    """Material turns such a list into the block's annotations, and
    before-scripts.css hides it until then: a list meant to be read as a
    list must not follow a code block directly. Each item needs its (N)
    marker in the code."""
    block_then_list = re.compile(
        r'<div class="[^"]*\bhighlight">(?P<code>(?:(?!</pre>).)*)</pre></div>\s*'
        r"<ol>(?P<items>(?:(?!</ol>).)*)</ol>",
        re.DOTALL,
    )
    unmatched = []
    for page in built_site.rglob("*.html"):
        for found in block_then_list.finditer(page.read_text(encoding="utf-8")):
            items = found["items"].count("<li")
            markers = set(re.findall(r"\((\d+)\)!?</span>", found["code"]))
            if markers != {str(n) for n in range(1, items + 1)}:
                where = page.relative_to(built_site)
                unmatched.append(f"{where}: {items} items, markers {sorted(markers)}")
    assert not unmatched, "\n".join(unmatched)


def test_material_bundle_is_deferred_and_runs_before_the_site_scripts(
    built_site: Path,
) -> None:
    """hooks/defer_material_bundle.py: deferred scripts run in page order, so
    the site's scripts, which use Material's `document$`, must come after."""
    for page in built_site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"([^>]*)>", text)
        names = [src.rsplit("/", 1)[-1] for src, _ in scripts]
        bundle = [i for i, name in enumerate(names) if name.startswith("bundle.")]
        assert len(bundle) == 1, f"{page}: {names}"
        src, attributes = scripts[bundle[0]]
        assert "defer" in attributes, f"{page}: {src} is not deferred"
        for name in ("copy-link.js", "accessibility.js", "runner.js"):
            assert names.index(name) > bundle[0], f"{page}: {name} before {src}"


def test_notebook_pages_preload_the_stylesheets_in_their_article(
    built_site: Path,
) -> None:
    pages = list((built_site / "notebooks").glob("*/index.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        head, body = text.split("</head>", 1)
        linked = re.findall(
            r'<link rel="stylesheet" href="([^"]*assets/notebooks/[^"]+)"', body
        )
        preloaded = re.findall(r'<link rel="preload" href="([^"]+)" as="style">', head)
        assert linked, f"{page}: no notebook stylesheet in the article"
        assert preloaded == linked, f"{page}: preloads {preloaded}, links {linked}"


def test_the_palette_toggle_replaces_materials_component(built_site: Path) -> None:
    """overrides/partials/palette.html: Material's palette component is not
    set up (its start-up forced three whole-page style recalculations); the
    site's script applies the palette in the header, before the content."""
    palettes = site().config["theme"]["palette"]
    options = len(palettes)
    automatic = [p for p in palettes if p.get("media") == "(prefers-color-scheme)"]
    assert not automatic, (
        "mkdocs.yml: the site's toggle follows the system setting until the "
        "reader chooses; Material's automatic palette entry is not supported"
    )
    pages = [
        page
        for page in built_site.rglob("*.html")
        if 'class="md-header' in page.read_text(encoding="utf-8")
    ]
    assert len(pages) >= len(site().pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'data-md-component="palette"' not in text, page
        toggle = text.find('<form class="md-header__option" data-palette-toggle>')
        early = text.find("window.threadsPalette = {")
        content = text.find('<main class="md-main"')
        assert 0 < toggle < early < content, f"{page}: {toggle}, {early}, {content}"
        assert text.count('name="__palette"') == options, page
        script = r'<script src="[^"]*assets/javascripts/palette\.js"'
        assert re.search(script, text), page
