"""Under each threaded or processes block, say why it does not run in the page.

Such a block (`.threaded` / `.processes` on the fence) shows its code and the
output recorded from a real CPython run. This hook adds, right after that
output block, a short note: the command that runs it locally and why the
browser cannot (Pyodide has no threads and no processes in a browser). It is
plain HTML written at build time, so it is there without JavaScript.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_BLOCK = re.compile(
    r'<div class="language-python (?P<kind>threaded|processes)'
    r'(?P<more>(?: [\w-]+)*) highlight">'
    r'<span class="filename">(?P<path>[^<]+)</span>'
)
_OUTPUT = (
    '<div class="language-text output highlight">'
    '<span class="filename">$ python {path}</span>'
)

WHY = {
    "threaded": "it starts threads, and a browser gives Pyodide (the Python that"
    " runs single-threaded examples inside these pages) no threads",
    "processes": "it starts processes, and a browser gives Pyodide (the Python"
    " that runs single-threaded examples inside these pages) no processes",
}


#: Said of a `.not-simulated` threaded block (docs_tools/pages.py).
NOT_SIMULATED = (
    " The thread simulator that runs other threaded examples here cannot run"
    " this one: its asyncio event loop waits for the other thread inside the"
    " operating system, where the simulator cannot switch threads."
)


def note(kind: str, path: str, simulated: bool = True) -> str:
    return (
        f'<div class="tip-local" data-kind="{kind}"><p>'
        "<strong>Runs on your computer, not in this page:</strong> "
        f"{WHY[kind]}.{'' if simulated else NOT_SIMULATED} "
        "The output shown is recorded from a real CPython run. "
        "Run it yourself from the repository root: "
        f"<code>python {path}</code></p></div>"
    )


def on_page_content(
    content: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    for block in reversed(list(_BLOCK.finditer(content))):
        kind, path = block["kind"], html.unescape(block["path"]).strip()
        output = content.find(_OUTPUT.format(path=html.escape(path)), block.end())
        # After the recorded output block, or right under the code without one.
        end = content.find("</pre></div>", block.end() if output == -1 else output)
        if end == -1:
            continue
        at = end + len("</pre></div>")
        simulated = "not-simulated" not in block["more"].split()
        content = content[:at] + note(kind, html.escape(path), simulated) + content[at:]
    return content
