"""What every matplotlib chart of the site shares: its style and its frame.

Text and lines are drawn in #010101, which docs_tools.figures.svg turns into
`currentColor` so that the chart follows the page's light or dark scheme;
fonts stay text in the SVG; backgrounds are transparent. The hash salt makes
the SVG's ids stable from build to build.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

INK = "#010101"


@contextmanager
def axes(salt: str, size: tuple[float, float]) -> Iterator[tuple[Any, Any]]:
    """(figure, axes) of a new chart in the site's style, transparent."""
    import matplotlib  # imported only by the build's charts

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": salt,
            "font.family": "sans-serif",
            "font.size": 11,
            "text.color": INK,
            "axes.edgecolor": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        figure = Figure(figsize=size)
        figure.patch.set_alpha(0)
        plot = figure.add_subplot()
        plot.patch.set_alpha(0)
        yield figure, plot


def svg_text(figure: Any, colours: dict[str, str]) -> str:
    """The chart as inline SVG: no XML prolog or metadata, the page's fonts,
    and each placeholder colour replaced by its CSS (`colours`)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"font-family: [^;\"]*", "font-family: sans-serif", svg)
    for placeholder, css in colours.items():
        svg = svg.replace(placeholder, css)
    return svg
