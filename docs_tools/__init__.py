"""Tools shared by the tests, the MkDocs hooks, the benchmarks, the audit and
dev.py (installed with the project: `python3 dev.py` does it).

* `site`: the one model of the site: configuration, pages, URLs, built
  files, front matter, headings, figures (MkDocs' own loader and rules);
* `pages`: every code block of a page, expanded as MkDocs expands it and
  parsed by pytest-codeblocks; `outputs` runs a snippet the way a student
  does and compares its output; `pythons` finds the CPythons to run it on;
* `notebooks`: each page as a Jupyter notebook, and its run at build time;
* `figures`: the charts and timelines drawn from data/;
* `contract`: the anchor contract (public URLs that never break);
* `browser`: the built site served on 127.0.0.1 and a browser to open it;
  `site_worker` drives the site's own Pyodide worker; `code_blocks` brings a
  page's code blocks to what a reader who scrolled sees;
* `css_trim`: JupyterLab's CSS cut to what a notebook page uses.
"""
