"""The figures of the pages, drawn at build time from the files in data/.

Nothing is typed by hand: every number comes from data/benchmarks.json
(written by benchmarks/concurrency.py) or data/timelines/<name>.json (written
by benchmarks/record_timelines.py). hooks/charts.py finds the placeholders on
a page and asks this package for what replaces them:

* `bars.chart`: the speedup bars of a job per Python, and their table;
* `timelines.block`: a recorded run, one lane per thread (drawn by
  threadsim._timeline, the simulator's renderer), and its events;
* `prose`: where, when and how it was measured, and what the numbers show;
* `start_methods`: the processes example per start method and size, a table
  and its sentence (data/start-methods.json, benchmarks/start_methods.py);
* `values.value`: one number or phrase cited inside a sentence.

Figures are inline SVG, so they follow the page's theme: text and axes use
`currentColor`; series colours are CSS variables set for the light and the
dark (slate) scheme in docs/assets/stylesheets/figures.css. Each SVG has
role="img", a <title> and a <desc>, and a table with the same numbers
follows it. Whatever cannot be drawn raises `FigureError`, naming what is
missing: never an empty chart.
"""

from docs_tools.figures.data import Data, FigureError

__all__ = ["Data", "FigureError"]
