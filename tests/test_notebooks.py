"""Every chapter is also a notebook: generated from the page, run in a real kernel.

The notebooks come from docs_tools/notebooks.py (called by hooks/notebooks.py
on every build). The build runs each one once, top to bottom in a fresh kernel
(nbclient), and stops on a cell that raises or takes over 60 s, on a thread
still alive at the end, or on a file left behind; these tests check what that
run showed, that the check itself catches each case, that each notebook's
code cells are the chapter's snippet files in page order, and that what the
built site offers for download (each .ipynb and the zip) is complete and valid.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import nbformat
import pytest
from nbformat import v4

from docs_tools import notebooks as nbgen
from docs_tools.pages import Example
from docs_tools.site import ROOT, SNIPPETS, rel, site

PAGES = nbgen.notebook_pages()
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


@pytest.mark.parametrize("page", PAGES, ids=lambda page: rel(page))
def test_the_build_showed_every_example_cell_run(page: Path, built_site: Path) -> None:
    """The build ran each notebook once (hooks/notebooks.py: a failing cell,
    a hang, a thread left running or a file left behind stops it); its page
    shows an output under every example cell and no error."""
    html = (
        built_site / nbgen.SITE_DIR / nbgen.notebook_name(page) / "index.html"
    ).read_text(encoding="utf-8")
    # Each cell as mkdocs-jupyter shows it, by the id the generator gave it.
    parts = re.split(r'<div class="jp-Cell [^"]*" id="cell-id=(cell-\d+)">', html)
    shown = dict(zip(parts[1::2], parts[2::2], strict=True))
    for cell in nbgen.build_notebook(page).cells:
        assert cell.id in shown, f"{rel(page)}: cell {cell.id} is not shown"
        if "snippet" in cell.metadata.get(META, {}):
            assert "jp-OutputArea-output" in shown[cell.id], (
                f"{cell.metadata[META]['snippet']}: its cell shows no output"
            )


def notebook_of(*sources: str) -> nbformat.NotebookNode:
    """A notebook of these code cells, for the kernel the build uses."""
    return v4.new_notebook(
        cells=[v4.new_code_cell(source) for source in sources],
        metadata={"kernelspec": nbgen.KERNELSPEC},
    )


def printed(cell: nbformat.NotebookNode) -> str:
    """What a run cell printed."""
    return "".join(output.get("text", "") for output in cell.outputs)


@pytest.mark.kernel
def test_a_run_reports_what_a_notebook_leaves_behind() -> None:
    """What the build's run checks: threads still alive, files left."""
    notebook = notebook_of(
        "import threading, time\n"
        "threading.Thread(target=time.sleep, args=(5,), name='left').start()\n"
        "open('left.txt', 'w').close()"
    )
    done = nbgen.run_notebook(notebook)
    assert done.threads_left == ["left daemon=False"]
    assert done.files_left == ["left.txt"]
    assert len(done.notebook.cells) == 1, "the check's own cells are taken out"
    with pytest.raises(nbgen.NotebookFailed, match="threads still running"):
        nbgen._run_checked("left.ipynb", notebook)


@pytest.mark.kernel
def test_a_failing_cell_fails_the_run() -> None:
    notebook = notebook_of("raise ValueError('broken example')")
    with pytest.raises(nbgen.NotebookFailed, match="broken example"):
        nbgen._run_checked("broken.ipynb", notebook)


DAEMON_EXAMPLE = """\
import threading
import time


def forever():
    while True:
        time.sleep(0.1)


threading.Thread(target=forever, daemon=True).start()
print("main: done, the daemon thread goes down with the process")"""


@pytest.mark.kernel
def test_run_as_program_keeps_daemon_threads_out_of_the_kernel() -> None:
    """The helper cell's magic runs a cell as its own process: a daemon thread
    it starts dies with that process, the kernel starts none."""
    notebook = notebook_of(
        nbgen.HELPER_SOURCE,
        f"%%{nbgen.MAGIC} daemon_demo.py\n{DAEMON_EXAMPLE}",
        f"%%{nbgen.MAGIC} fails.py\nraise SystemExit(3)",
    )
    failing = notebook.cells.pop()
    done = nbgen.run_notebook(notebook)
    assert done.threads_left == []
    assert (
        printed(done.notebook.cells[1])
        == "main: done, the daemon thread goes down with the process\n"
    )

    notebook.cells.append(failing)
    with pytest.raises(Exception, match="CalledProcessError"):
        nbgen.run_notebook(notebook)


@pytest.mark.kernel
def test_the_kernel_binds_no_tcp_port() -> None:
    """The build's kernels talk over Unix sockets: a TCP port picked, freed,
    then bound by the kernel can be taken in between by anything else on the
    machine, which killed a kernel in CI ("Address already in use")."""
    done = nbgen.run_notebook(
        notebook_of(
            "from ipykernel.connect import get_connection_info\n"
            "info = get_connection_info(unpack=True)\n"
            "print(info['transport'], info['ip'].startswith('/'))"
        )
    )
    assert printed(done.notebook.cells[0]) == "ipc True\n"
    assert done.files_left == [], "the sockets are not in the notebook's folder"


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
