"""Keep the header's repository link from calling the GitHub API.

Material turns the `repo_url` link (`data-md-component="source"`) into a live
widget: on every first visit its JavaScript asks api.github.com for the stars,
forks and latest release. The site must not fetch anything from another host,
so this hook drops that attribute from every page: the link stays (a plain
link the reader may click), the request goes.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_LIVE = 'class="md-source" data-md-component="source"'


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return output.replace(_LIVE, 'class="md-source"')
