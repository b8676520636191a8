"""Make a drawn SVG fit a page: unique ids, an accessible name, a <figure>."""

from __future__ import annotations

import html
import re


def prefix_ids(svg: str, prefix: str) -> str:
    """Make every id unique on the page (several figures share one page)."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg


def accessible(svg: str, prefix: str, title: str, desc: str) -> str:
    """role=img, aria-labelledby, and <title>/<desc> as first children."""
    open_tag = re.search(r"<svg\b[^>]*>", svg)
    assert open_tag, "not an SVG"
    tag = open_tag.group(0)
    tag = re.sub(r'\s(width|height)="[^"]*"', "", tag)
    tag = tag[:-1] + (
        f' role="img" aria-labelledby="{prefix}-title {prefix}-desc"'
        f' class="tp-svg" data-figure="{prefix}">'
    )
    head = (
        f'<title id="{prefix}-title">{html.escape(title)}</title>'
        f'<desc id="{prefix}-desc">{html.escape(desc)}</desc>'
    )
    return svg[: open_tag.start()] + tag + head + svg[open_tag.end() :]


def figure(prefix: str, svg: str, caption: str) -> str:
    """The figure as raw HTML for Markdown: no blank line, no indentation.

    Its styles are in docs/assets/stylesheets/figures.css (`.tp-figure`).
    """
    text = (
        f'<figure class="tp-figure" id="{prefix}">{svg}'
        f"<figcaption>{caption}</figcaption></figure>"
    )
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
