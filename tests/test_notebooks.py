"""Every chapter is also a notebook: generated from the page, run in a real kernel.

The notebooks come from docs_tools/notebooks.py (called by hooks/notebooks.py
on every build). These tests check that each notebook's code cells are the
chapter's snippet files in page order, that each notebook runs top to bottom in
a fresh kernel (nbclient) with no error and no cell over 30 s, that no thread a
notebook starts is still alive afterwards, and that what the built site offers
for download (each .ipynb and the zip) is complete and valid.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import v4

from docs_tools import notebooks as nbgen
from docs_tools.pages import Example
from docs_tools.site import ROOT, SNIPPETS, rel, site

PAGES = nbgen.notebook_pages()
CELL_TIMEOUT = 30
META = nbgen.META


def example_cells(notebook) -> list:
    return [cell for cell in notebook.cells if "snippet" in cell.metadata.get(META, {})]


def cell_code(cell) -> str:
    """The snippet text of a cell, without the `%%run_as_program` line."""
    if cell.metadata[META]["mode"] == "program":
        first, _, rest = cell.source.partition("\n")
        assert first == f"%%{nbgen.MAGIC} {Path(cell.metadata[META]['snippet']).name}"
        return rest
    return cell.source


def test_every_page_with_examples_has_a_notebook() -> None:
    with_examples = [page.source for page in site() if page.fences and page.examples]
    assert with_examples == PAGES
    assert PAGES, "no page shows a python example yet"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: rel(page))
def test_code_cells_are_the_snippets_in_page_order(page: Path) -> None:
    notebook = nbgen.build_notebook(page)
    nbformat.validate(notebook)
    cells = example_cells(notebook)
    assert [cell.metadata[META]["snippet"] for cell in cells] == [
        rel(example.snippet) for example in site().page(page).examples
    ]
    for cell in cells:
        snippet = ROOT / cell.metadata[META]["snippet"]
        assert cell_code(cell) + "\n" == snippet.read_text(encoding="utf-8"), (
            f"{rel(page)}: the cell for {rel(snippet)} differs from the file"
        )
    others = [
        cell
        for cell in notebook.cells
        if cell.cell_type == "code" and cell not in cells
    ]
    assert all(cell.metadata[META].get("helper") == nbgen.MAGIC for cell in others)
    assert len(others) == (
        1 if any(c.metadata[META]["mode"] == "program" for c in cells) else 0
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda page: rel(page))
def test_markdown_cells_hold_no_mkdocs_syntax(page: Path) -> None:
    notebook = nbgen.build_notebook(page)
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    outside_code = re.sub(r"```.*?```|`[^`\n]*`", "", prose, flags=re.DOTALL)
    assert "--8<--" not in prose
    assert "<!--" not in outside_code
    assert not re.search(r"\{\s*[#.][\w-]", outside_code), "attribute list left"
    assert not re.search(r"^\s*(!!!|\?\?\?|===)", outside_code, re.MULTILINE)
    assert not re.search(r"\]\((?!https?://|#)[^)]*\)", outside_code), (
        "relative link left"
    )
    assert notebook.cells[0].source.startswith("# "), (
        "the notebook starts with its title"
    )


def test_notebook_is_the_same_on_every_build() -> None:
    """mkdocs-jupyter caches a rendered notebook by its bytes."""
    for page in PAGES:
        first = nbgen.notebook_text(nbgen.build_notebook(page))
        assert first == nbgen.notebook_text(nbgen.build_notebook(page))


def run_with_thread_check(notebook, workdir: Path) -> tuple[object, list[str]]:
    """Run `notebook` in a fresh kernel; the threads alive at the end that
    were not there before its first cell."""
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))
    notebook.cells.insert(
        0,
        v4.new_code_cell(
            "import threading as _t\n_before = {th.ident for th in _t.enumerate()}"
        ),
    )
    notebook.cells.append(
        v4.new_code_cell(
            "import json as _j, time as _time\n"
            "_time.sleep(0.2)\n"
            "print(_j.dumps(sorted(\n"
            "    f'{th.name} daemon={th.daemon}' for th in _t.enumerate()\n"
            "    if th.ident not in _before and th.is_alive())))"
        )
    )
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    last = notebook.cells[-1].outputs
    text = "".join(out.get("text", "") for out in last if out.output_type == "stream")
    return notebook, json.loads(text.strip().splitlines()[-1])


@pytest.mark.kernel
@pytest.mark.parametrize("page", PAGES, ids=lambda page: rel(page))
def test_notebook_runs_top_to_bottom_and_leaves_no_thread(
    page: Path, tmp_path: Path
) -> None:
    notebook = nbgen.build_notebook(page)
    done, extra_threads = run_with_thread_check(notebook, tmp_path)
    assert extra_threads == [], f"threads still alive after {rel(page)}'s notebook"
    for cell in example_cells(done):
        assert cell.outputs, f"{cell.metadata[META]['snippet']} printed nothing"
        assert not [o for o in cell.outputs if o.output_type == "error"]
    assert list(tmp_path.iterdir()) == [], "a cell left files in the notebook's folder"


DAEMON_EXAMPLE = """\
import threading
import time


def forever():
    while True:
        time.sleep(0.1)


threading.Thread(target=forever, daemon=True).start()
print("main: done, the daemon thread goes down with the process")"""


@pytest.mark.kernel
def test_run_as_program_keeps_daemon_threads_out_of_the_kernel(tmp_path: Path) -> None:
    """The helper cell's magic runs a cell as its own process: a daemon thread
    it starts dies with that process, the kernel starts none."""
    notebook = v4.new_notebook(
        cells=[
            v4.new_code_cell(nbgen.HELPER_SOURCE),
            v4.new_code_cell(f"%%{nbgen.MAGIC} daemon_demo.py\n{DAEMON_EXAMPLE}"),
            v4.new_code_cell(f"%%{nbgen.MAGIC} fails.py\nraise SystemExit(3)"),
        ],
        metadata={"kernelspec": nbgen.KERNELSPEC},
    )
    failing = notebook.cells.pop()
    done, extra_threads = run_with_thread_check(notebook, tmp_path)
    assert extra_threads == []
    printed = "".join(o.get("text", "") for o in done.cells[2].outputs)
    assert printed == "main: done, the daemon thread goes down with the process\n"

    notebook.cells.append(failing)
    with pytest.raises(Exception, match="CalledProcessError"):
        NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3").execute()


# ------------------------------------------------------------- the built site


def href_targets(html: str, page_html: Path, site: Path, pattern: str) -> list[Path]:
    """Files in `site` that the page's links matching `pattern` lead to."""
    base = "file://" + page_html.as_posix()
    found = []
    for href in re.findall(r'href="([^"]*)"', html):
        if re.search(pattern, href):
            found.append(Path(urljoin(base, href).removeprefix("file://")))
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda page: rel(page))
def test_site_offers_the_notebook_for_download(page: Path, built_site: Path) -> None:
    name = nbgen.notebook_name(page)
    download = built_site / nbgen.DOWNLOADS_DIR / f"{name}.ipynb"
    notebook = nbformat.read(download, as_version=4)
    nbformat.validate(notebook)
    assert download.read_text(encoding="utf-8") == nbgen.notebook_text(
        nbgen.build_notebook(page)
    ), "the site offers an out-of-date notebook"

    notebook_page = built_site / nbgen.SITE_DIR / name / "index.html"
    chapter_page = site().page(page).built_file(built_site)
    for html_file in (notebook_page, chapter_page):
        html = html_file.read_text(encoding="utf-8")
        buttons = re.findall(
            r'<a href="([^"]+)" download class="[^"]*nb-download', html
        )
        assert buttons, (
            f"{html_file.relative_to(built_site)} has no Download .ipynb button"
        )
        target = Path(
            urljoin("file://" + html_file.as_posix(), buttons[0]).removeprefix(
                "file://"
            )
        )
        assert target.resolve() == download.resolve()

    html = notebook_page.read_text(encoding="utf-8")
    assert "jp-OutputArea-output" in html, "the notebook page shows no executed output"
    assert "Traceback" not in html
    assert "<style" not in html or len(html) < 300_000, "JupyterLab CSS inlined"
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for anchor in re.findall(r'<a href="#([^"]+)" class="md-(?:nav__link|skip)"', html):
        assert anchor in ids, f"the TOC or skip link #{anchor} leads nowhere"
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
        target = urljoin("file://" + notebook_page.as_posix(), href)
        assert Path(target.removeprefix("file://")).is_file(), href


def test_zip_holds_every_notebook_and_snippet(built_site: Path) -> None:
    zipped = built_site / nbgen.ZIP_NAME
    with zipfile.ZipFile(io.BytesIO(zipped.read_bytes())) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        for page in PAGES:
            name = f"{nbgen.ZIP_ROOT}/notebooks/{nbgen.notebook_name(page)}.ipynb"
            assert name in names
            nbformat.validate(nbformat.reads(archive.read(name).decode(), as_version=4))
        for path in SNIPPETS.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert f"{nbgen.ZIP_ROOT}/{rel(path)}" in names, rel(path)
                assert (
                    archive.read(f"{nbgen.ZIP_ROOT}/{rel(path)}") == path.read_bytes()
                )
    index = (built_site / nbgen.SITE_DIR / "index.html").read_text(encoding="utf-8")
    links = href_targets(
        index, built_site / nbgen.SITE_DIR / "index.html", built_site, r"\.zip$"
    )
    assert [link.resolve() for link in links] == [zipped.resolve()]


@pytest.mark.kernel
def test_the_thread_check_sees_a_thread_left_running(tmp_path: Path) -> None:
    """The check above is not vacuous: a thread still running is reported."""
    notebook = v4.new_notebook(
        cells=[
            v4.new_code_cell(
                "import threading, time\n"
                "threading.Thread(target=time.sleep, args=(5,), name='left').start()"
            )
        ],
        metadata={"kernelspec": nbgen.KERNELSPEC},
    )
    _, extra_threads = run_with_thread_check(notebook, tmp_path)
    assert extra_threads == ["left daemon=False"]


def test_notebooks_download_over_http(built_site: Path) -> None:
    """As a reader does: follow each chapter page's button, get valid JSON."""
    import urllib.request

    from docs_tools.browser import serve

    with serve(built_site) as server:
        for page in PAGES:
            page_address = server.at(nbgen.page_url(page))
            with urllib.request.urlopen(page_address) as response:
                html = response.read().decode()
            href = re.search(
                r'<a href="([^"]+)" download class="[^"]*nb-download', html
            )
            assert href, f"{page_address} has no Download .ipynb button"
            with urllib.request.urlopen(urljoin(page_address, href.group(1))) as got:
                notebook = nbformat.reads(got.read().decode(), as_version=4)
            nbformat.validate(notebook)
            assert notebook.metadata[META]["page"] == rel(page)


@pytest.mark.parametrize(
    ("code", "runs_as_program"),
    [
        (
            "import threading\nt = threading.Thread(target=print)\nt.start()\nt.join()",
            False,
        ),
        ("import threading\nthreading.Thread(target=print, daemon=True).start()", True),
        ("import threading\nt = threading.Thread(target=print)\nt.start()", True),
        ("print('use a ProcessPoolExecutor')  # multiprocessing", False),
        ("import multiprocessing", True),
        ("import threading\nprint(f'{threading.active_count()}')", True),
        ("import threading\nthreading.excepthook = print", True),
        ('if __name__ == "__main__":\n    pass', True),
    ],
)
def test_which_examples_run_as_their_own_program(
    code: str, runs_as_program: bool, tmp_path: Path
) -> None:
    snippet = tmp_path / "example.py"
    snippet.write_text(code + "\n", encoding="utf-8")
    example = Example(
        page=tmp_path / "page.md",
        line=1,
        snippet=snippet,
        kind="runnable",
        code=code,
        expected_output=None,
        output_file=None,
    )
    assert (nbgen.program_reason(example) is not None) is runs_as_program
