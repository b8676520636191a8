"""MkDocs hook: every page with python examples also becomes a Jupyter notebook.

* on_config: a "Notebooks" section is added to the nav, one entry per page that
  shows python examples (driven by the nav, so new chapters join by
  themselves).
* on_files (before mkdocs-jupyter's): the notebooks are generated from the
  pages and snippets (docs_tools/notebooks.py) into .cache/notebooks/, run
  (several at a time, each in a fresh kernel, checked to leave no thread
  running: a failing cell, a hang or a thread left stops the build) into
  .cache/notebooks-run/notebooks/, and added to the build: mkdocs-jupyter
  renders the run notebooks (its `include` matches only that folder). Each
  notebook, as generated, is also offered as a plain file under
  downloads/notebooks/, and one zip holds every notebook and snippet.
* on_page_context: `page.nb_url` points at the notebook to download, on the
  notebook's page and on its chapter page (overrides/main.html shows the
  button).
* on_page_content: notebook pages lose the scripts nbconvert takes from CDNs
  (the site works offline), and links to the published site become relative.
* on_post_page: the <head> of a notebook page preloads its stylesheets.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from docs_tools import notebooks as nbgen
from docs_tools.css_trim import classes_in, trim
from docs_tools.site import rel, site

_state: dict = {}

# <script src="https://…"></script>, and the module script that imports mermaid.
_EXTERNAL_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=[\"'](?:https?:)?//[^\"']*[\"'][^>]*>\s*</script>"
    r"|<script\b[^>]*\bsrc=[\"'][\"'][^>]*>\s*</script>"
    r"|<script type=\"module\">(?:(?!</script>).)*?https?://(?:(?!</script>).)*?</script>",
    re.DOTALL,
)
# Two stdout outputs in a row (one per print from a thread): one block.
_STREAM_SEAM = re.compile(
    r"</pre>\s*</div>\s*</div>\s*<div class=\"jp-OutputArea-child\">\s*"
    r"<div class=\"jp-OutputPrompt jp-OutputArea-prompt\"></div>\s*"
    r"<div class=\"jp-RenderedText jp-OutputArea-output\" "
    r"data-mime-type=\"text/plain\" tabindex=\"0\">\s*<pre>"
)
# nbconvert inlines ~600 KB of JupyterLab CSS in every notebook page: each big
# <style> block is trimmed to the rules that can apply to the page
# (docs_tools/css_trim.py) and served as assets/notebooks/<hash>.css.
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
SHARED_CSS_DIR = "assets/notebooks"
# The links on_page_content writes in place of those blocks.
_SHARED_CSS_LINK = re.compile(
    rf'<link rel="stylesheet" href="([^"]*{SHARED_CSS_DIR}/[0-9a-f]+\.css)">'
)
# Code colours under 4.5:1 on the cell background (#f5f5f5 light, #212121
# slate), changed just enough for WCAG AA; scrollable code and output get
# keyboard focus (tabindex).
_AA_COLOURS = """<style>
[data-md-color-scheme="default"] .jupyter-wrapper {
  --jp-mirror-editor-comment-color: #3c7878;
  --jp-mirror-editor-operator-color: #a420f7;
  --jp-mirror-editor-meta-color: #a420f7;
  --jp-mirror-editor-number-color: #008100;
  --jp-mirror-editor-quote-color: #008000;
  --jp-mirror-editor-bracket-color: #6f6f56;
  --jp-mirror-editor-hr-color: #6f6f6f;
  --jp-mirror-editor-atom-color: #6565bf;
  --jp-mirror-editor-error-color: #e00000;
}
[data-md-color-scheme="slate"] .jupyter-wrapper {
  --jp-mirror-editor-comment-color: #5c9393;
  --jp-mirror-editor-operator-color: #bf59ff;
  --jp-mirror-editor-meta-color: #bf59ff;
  --jp-mirror-editor-qualifier-color: #898989;
  --jp-mirror-editor-error-color: #ff3f3f;
}
</style>"""
_SCROLLABLE = re.compile(r'<div class="(highlight-ipynb[^"]*)">')
_HEADING_TAG = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_MATHJAX_CONFIG = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL
)


def _chapters() -> list[tuple[Path, str, str]]:
    """(page, notebook name, title in the nav) for every page with examples."""
    return [
        (page, nbgen.notebook_name(page), site().page(page).title)
        for page in nbgen.notebook_pages()
    ]


def on_config(config):
    _state["css"] = {}
    chapters = _chapters()
    _state["chapters"] = chapters
    if config.nav is not None and chapters:
        section = ["notebooks/index.md"] + [
            {title: f"{nbgen.SITE_DIR}/{name}.ipynb"} for _, name, title in chapters
        ]
        config.nav = [item for item in config.nav if not _is_notebooks(item)]
        config.nav.append({"Notebooks": section})
    return config


def _is_notebooks(item) -> bool:
    return isinstance(item, dict) and "Notebooks" in item


def _index_markdown(chapters: list[tuple[Path, str, str]]) -> str:
    zip_link = f"../{nbgen.ZIP_NAME}"
    button = ".md-button .md-button--primary download"
    rows = "\n".join(
        f"| [{title}](../{rel(page).removeprefix('docs/')}) "
        f"| [{name}.ipynb]({name}.ipynb) "
        f"| [Download .ipynb](../{nbgen.DOWNLOADS_DIR}/{name}.ipynb){{ download }} |"
        for page, name, title in chapters
    )
    return f"""\
---
description: >-
  Every chapter of Threads in Python as a Jupyter notebook, generated from
  the page and its example files, executed at build time.
---

# Notebooks {{ #notebooks }}

Every chapter with examples is also a Jupyter notebook, for Jupyter, JupyterLab
or VS Code. A notebook is generated from its page on every build: the prose
becomes Markdown cells, and each example file of `snippets/` becomes one code
cell, unchanged. The pages below show each notebook run at build time, with
its real output.

[Download every notebook and example file (.zip)]({zip_link}){{ {button} }}

| Chapter | Notebook, run at build | File |
|---|---|---|
{rows}

## Running a notebook {{ #running-a-notebook }}

Open the notebook and run the cells from the top (in Jupyter: *Run → Run All
Cells*). Only the standard library is used; any CPython from 3.10 on works.

Some examples only mean what they say when they run as a program of their
own: a daemon thread dies *because the program exits*, and a new process
imports the program's main file. A notebook's kernel never exits and has no
main file, so those cells start with `%%{nbgen.MAGIC} <file>`: a cell magic,
defined in a helper cell near the top of the notebook, that saves the cell to a
temporary file and runs it with a fresh `python`, exactly as a terminal would.

The zip holds `notebooks/` and `snippets/`: from its folder, any example also
runs as the pages show it, for example
`python snippets/threading-module/01_create_thread.py`.
"""


@event_priority(100)  # before mkdocs-jupyter wraps the notebooks as pages
def on_files(files: Files, config) -> Files:
    chapters = _state.get("chapters") or _chapters()
    written = nbgen.write_notebooks(nbgen.OUT_DIR)
    _state["written"] = written
    try:
        # Run here, once per build and several side by side, with a check
        # that no thread is left running; mkdocs-jupyter shows the outputs.
        run = nbgen.run_notebooks(written)
    except nbgen.NotebookFailed as error:
        raise PluginError(f"notebook {error}") from error
    for page, name, _title in chapters:
        path = written[page]
        # A plain File (not File.generated): mkdocs-jupyter's NotebookFile
        # wrapper reads abs_src_path through the class, which needs src_dir.
        files.append(
            File(
                f"{nbgen.SITE_DIR}/{name}.ipynb",
                src_dir=str(run[page].parent.parent),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )
        files.append(
            File.generated(
                config, f"{nbgen.DOWNLOADS_DIR}/{name}.ipynb", content=path.read_bytes()
            )
        )
    if chapters:
        files.append(
            File.generated(
                config, f"{nbgen.SITE_DIR}/index.md", content=_index_markdown(chapters)
            )
        )
        files.append(
            File.generated(config, nbgen.ZIP_NAME, content=nbgen.zip_bytes(written))
        )
    return files


def _chapter_of(page) -> tuple[Path, str, bool] | None:
    """(chapter page, notebook name, is the notebook page) for a page that has
    a notebook, None for any other page."""
    src = page.file.src_uri
    for chapter, name, _title in _state.get("chapters", []):
        if src == rel(chapter).removeprefix("docs/"):
            return chapter, name, False
        if src == f"{nbgen.SITE_DIR}/{name}.ipynb":
            return chapter, name, True
    return None


def on_page_context(context, page, config, nav):
    found = _chapter_of(page)
    page.nb_url = page.nb_page_url = None
    if found is None:
        if page.file.src_uri.startswith(f"{nbgen.SITE_DIR}/"):
            page.edit_url = None  # the generated index page
        return context
    chapter, name, is_notebook = found
    page.nb_url = get_relative_url(f"{nbgen.DOWNLOADS_DIR}/{name}.ipynb", page.url)
    if not is_notebook:
        page.nb_page_url = get_relative_url(f"{nbgen.SITE_DIR}/{name}/", page.url)
    elif config.repo_url and config.edit_uri:
        # A notebook is generated: "edit" leads to the page it comes from.
        page.edit_url = "/".join(
            [
                config.repo_url.rstrip("/"),
                config.edit_uri.strip("/"),
                rel(chapter).removeprefix("docs/"),
            ]
        )
    return context


def on_page_content(html: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    html = _MATHJAX_CONFIG.sub("", html)
    html = _EXTERNAL_SCRIPT.sub("", html)
    html = _STREAM_SEAM.sub("", html)
    site = nbgen.site_url()
    root = get_relative_url(".", page.url)
    root = "" if root == "." else root.rstrip("/") + "/"

    classes = classes_in(html)

    def shared(match: re.Match[str]) -> str:
        css = match.group(1)
        if len(css) < 2000:
            return match.group(0)
        css = trim(css, classes)
        if not css:
            return ""
        name = hashlib.sha256(css.encode()).hexdigest()[:16] + ".css"
        _state.setdefault("css", {})[name] = css
        return f'<link rel="stylesheet" href="{root}{SHARED_CSS_DIR}/{name}">'

    html = _STYLE.sub(shared, html)
    page.toc = _toc_from_html(html)
    html = _SCROLLABLE.sub(r'<div class="\1" tabindex="0">', html)
    html = html.replace("<pre>", '<pre tabindex="0">') + _AA_COLOURS
    return html.replace(f'href="{site}', f'href="{root}')


def _toc_from_html(html: str):
    """The table of contents of the headings as rendered.

    mkdocs-jupyter builds the TOC from a Markdown copy whose ids differ for a
    heading with code in it ("The `threading` module": #the-module there,
    #the-threading-module on the page), which breaks the TOC link and the
    skip link; the rendered headings are the truth.
    """
    tokens: list[dict] = []
    stack: list[dict] = []
    for level, ident, inner in _HEADING_TAG.findall(html):
        inner = re.sub(r'<a class="anchor-link".*?</a>', "", inner, flags=re.DOTALL)
        name = html_lib.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        token = {"level": int(level), "id": ident, "name": name, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return get_toc(tokens)


def on_post_page(output: str, page, config) -> str:
    """The notebook's stylesheets stay in the article, where Material's
    instant navigation brings them along (it keeps the old page's <head>);
    the <head> asks for them early, so the text after them (the page's
    largest paint) does not wait for the parser to reach them."""
    hrefs = _SHARED_CSS_LINK.findall(output)
    if not hrefs:
        return output
    if output.count("</head>") != 1:
        raise ValueError(f"{page.file.src_uri}: no single </head> to preload styles in")
    preload = "".join(f'<link rel="preload" href="{h}" as="style">' for h in hrefs)
    return output.replace("</head>", preload + "</head>")


def on_post_build(config) -> None:
    folder = Path(config.site_dir) / SHARED_CSS_DIR
    for name, css in _state.get("css", {}).items():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(css, encoding="utf-8")
