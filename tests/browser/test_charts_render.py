"""The charts and timelines render in Chromium, readable in both schemes."""

from __future__ import annotations

import pytest

from tests.test_charts import FIGURES

# Needs no Pyodide: shares a worker (and a Chromium) with the deep-link tests.
pytestmark = pytest.mark.xdist_group("site-links")


def test_figures_render_in_chromium(site_server, browser) -> None:
    """Every figure has a size, and its text follows the light/dark scheme."""
    pages = list(dict.fromkeys(page for page, _, _ in FIGURES))
    text_colour: dict[tuple[str, str], str] = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        for page_file in pages:
            url = site_server.at(page_file.path)
            page = context.new_page()
            page.goto(url)
            for figure_id in [f"{k}-{n}" for p, k, n in FIGURES if p == page_file]:
                svg = page.locator(f"figure#{figure_id} svg")
                assert svg.count() == 1, f"{url}: no SVG in #{figure_id}"
                box = svg.bounding_box()
                assert box and box["width"] > 100 and box["height"] > 50, (
                    f"{url}#{figure_id}: drawn at {box} ({scheme})"
                )
                fill, colour, background = svg.evaluate(
                    """svg => {
                        const text = svg.querySelector('text');
                        let el = svg, bg = 'rgba(0, 0, 0, 0)';
                        while (el && bg === 'rgba(0, 0, 0, 0)') {
                            bg = getComputedStyle(el).backgroundColor;
                            el = el.parentElement;
                        }
                        return [getComputedStyle(text).fill,
                                getComputedStyle(svg).color, bg];
                    }"""
                )
                assert fill == colour, f"{figure_id}: text is {fill}, not {colour}"
                assert fill != background, f"{figure_id}: text invisible ({scheme})"
                text_colour[figure_id, scheme] = fill
            page.close()
        context.close()
    for figure_id, _ in list(text_colour):
        assert text_colour[figure_id, "light"] != text_colour[figure_id, "dark"], (
            f"{figure_id}: the same text colour in light and dark schemes"
        )
