"""Take code blocks out of the paragraphs Python-Markdown puts them in.

Inside a content tab, the pytest-codeblocks marker comment right above a
fence makes Python-Markdown read both as one paragraph, and it writes
`<p><!--marker--> <div class="highlight">…</div></p>`. A `<div>` cannot sit
in a `<p>`: the browser closes the paragraph before the block and makes an
empty `<p>` of the closing tag, so the block is no longer next to what
follows it (its annotation list: see before-scripts.css), and the HTML is
invalid. This hook writes the comment and the block without the paragraph.
Runs before the hooks that add notes after blocks (mkdocs.yml lists it first).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# A paragraph that holds only (an optional comment and) one highlighted
# block; the block's text may not run past its own </pre>.
_WRAPPED_BLOCK = re.compile(
    r"<p>(?P<comment><!--(?:(?!-->).)*-->\s*)?"
    r'(?P<block><div class="[^"]*\bhighlight">(?:(?!</pre>).)*</pre></div>)</p>',
    re.DOTALL,
)


def unwrap(content: str) -> str:
    return _WRAPPED_BLOCK.sub(
        lambda match: (match["comment"] or "") + match["block"], content
    )


def on_page_content(
    content: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    return unwrap(content)
