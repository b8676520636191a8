"""Load Material's script without holding up the page's first paint.

Material puts its bundle at the end of <body> as a plain <script>: the
parser stops there until it is fetched and run, and on a slow phone the
article's text then waits for it (Lighthouse saw the largest paint 0.8 s
later in about half the runs). With `defer` it still runs before
DOMContentLoaded and before the site's own deferred scripts and modules,
which come after it in the page (they use its `document$`); only the first
paint stops waiting. Fails the build if the bundle's tag is not found.
"""

from __future__ import annotations

import re

_BUNDLE = re.compile(
    r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)">'
    r"</script>"
)


def on_post_page(output: str, page, config) -> str:
    found = _BUNDLE.findall(output)
    if len(found) != 1:
        raise ValueError(
            f"{page.file.src_uri}: expected Material's bundle <script> once, found "
            f"{len(found)} (did Material change how it includes it?)"
        )
    return _BUNDLE.sub(lambda m: f'<script src="{m["src"]}" defer></script>', output)
