"""docs_tools/css_trim.py: the notebook pages' CSS keeps what can apply."""

from __future__ import annotations

import re
from pathlib import Path

from docs_tools.css_trim import classes_in, trim

CSS = """
:root { --gap: 4px; }
.wrap :root { --unused: 1px; }
.wrap .cell { margin: 0; }
.wrap .menu { display: flex; }
.wrap .cell, .wrap .dialog { padding: 1px; }
.wrap .cell:not(.jp-mod-active) { color: red; }
.wrap .md-typeset__scrollwrap { margin: 0; }
.wrap pre { line-height: 1.3; }
@media (max-width: 600px) { .wrap .menu { display: none; } }
@media print { .wrap .cell { break-inside: avoid; } }
@keyframes spin { to { transform: rotate(1turn); } }
['broken { color: blue; }']
"""


def test_only_rules_that_can_apply_are_kept() -> None:
    html = '<div class="wrap"><div class="cell other">x</div><pre>y</pre></div>'
    kept = trim(CSS, classes_in(html))
    assert ":root{ --gap: 4px; }" in kept
    assert "--unused" not in kept  # `.wrap :root` matches nothing
    assert ".wrap .cell{ margin: 0; }" in kept
    assert ".menu" not in kept  # also gone: the @media block left empty
    assert "(max-width: 600px)" not in kept
    assert ".wrap .cell{ padding: 1px; }" in kept  # one selector of two kept
    assert ".dialog" not in kept
    assert ".wrap .cell:not(.jp-mod-active){ color: red; }" in kept
    assert ".wrap .md-typeset__scrollwrap" in kept  # Material adds it in JS
    assert ".wrap pre{ line-height: 1.3; }" in kept
    assert "@media print{.wrap .cell{ break-inside: avoid; }}" in kept
    assert "@keyframes spin" in kept
    assert "broken" not in kept  # invalid: a browser drops it too


def test_nothing_left_is_an_empty_stylesheet() -> None:
    assert trim(".menu { display: flex; }", {"cell"}) == ""


def test_notebook_pages_load_a_fraction_of_jupyterlabs_css(built_site: Path) -> None:
    """nbconvert inlines about 575 KB of CSS; each page now links < 80 KB."""
    pages = sorted((built_site / "notebooks").glob("*/index.html"))
    assert len(pages) >= 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        inline = re.findall(r"<style[^>]*>(.*?)</style>", html, re.DOTALL)
        assert all(len(css) < 2000 for css in inline), page  # only small ones stay
        # The stylesheets it links (the <head> also preloads them: same files).
        links = set(
            re.findall(
                r'rel="stylesheet" href="([^"]*assets/notebooks/[^"]+\.css)"', html
            )
        )
        assert links, page
        size = sum((page.parent / link).resolve().stat().st_size for link in links)
        assert size < 80_000, f"{page}: {size:,} bytes of notebook CSS"
