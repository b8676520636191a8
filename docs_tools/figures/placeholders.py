"""How a page asks for a figure: the placeholders, read in one place.

A figure sits on a line of its own, `<!-- chart: io-bound -->` (kinds:
chart, measured, timeline); a value sits inside a sentence, `<!-- value:
io-bound.threads -->`. hooks/charts.py replaces them at build time; the
tests and docs_tools.site find them with the same patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)<!--\s*(?P<kind>chart|measured|timeline):\s*"
    r"(?P<name>[\w.-]+)\s*-->[ \t]*$",
    re.MULTILINE,
)
INLINE = re.compile(r"<!--\s*value:\s*(?P<key>[\w.-]+)\s*-->")


@dataclass(frozen=True)
class Placeholder:
    kind: str  # "chart", "measured" or "timeline"
    name: str  # "io-bound", "setup", "two-tasks"

    @property
    def figure_id(self) -> str:
        """The id of the <figure> it becomes (charts and timelines)."""
        return f"{self.kind}-{self.name}"


def blocks(text: str) -> list[Placeholder]:
    """The figure placeholders of a page's Markdown, in page order."""
    return [Placeholder(match["kind"], match["name"]) for match in BLOCK.finditer(text)]
