"""Keep old heading links working after a heading's id changes.

mkdocs.yml declares each move under `extra.moved_anchors`:

    extra:
      moved_anchors:
        locks.md:
          old-id: new-id

On that page an empty element with the old id is placed right before the
heading that now has the new id, so `…/locks/#old-id` scrolls to it (also with
instant navigation, with no script). A move that points at an id the page does
not have stops the build: a redirect to nowhere would break the link silently.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError


def on_page_content(html: str, page, config, files) -> str:
    moves = ((config.extra or {}).get("moved_anchors") or {}).get(page.file.src_uri)
    if not moves:
        return html
    for old, new in moves.items():
        heading = re.search(rf'<h[1-6][^>]*\bid="{re.escape(new)}"', html)
        if heading is None:
            raise PluginError(
                f"extra.moved_anchors: {page.file.src_uri} has no heading with "
                f"id {new!r} (declared as the new place of #{old})"
            )
        if re.search(rf'\bid="{re.escape(old)}"', html):
            raise PluginError(
                f"extra.moved_anchors: {page.file.src_uri} still has an element "
                f"with id {old!r}; a moved anchor must not exist twice"
            )
        marker = f'<span id="{old}" class="moved-anchor" aria-hidden="true"></span>'
        html = html[: heading.start()] + marker + html[heading.start() :]
    return html
