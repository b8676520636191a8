"""Every chapter as a Jupyter notebook, generated from the page and its snippets.

A notebook is never edited by hand: `build_notebook(page)` reads the page as
written (`docs/<page>.md`) and the files it includes, and returns the notebook.
The hook `hooks/notebooks.py` writes one per page on every build, so a changed
snippet changes its notebook on the next build.

* Prose becomes Markdown cells. MkDocs-only syntax is turned into plain
  Markdown: `{ #id }` attributes are dropped, admonitions become block quotes
  with their title in bold, content tabs become headings, HTML comments (the
  test markers) go, and links to other pages point at the published site.
* Each python block becomes one code cell holding the snippet file's text
  (without its final newline), in page order. The output recorded under it
  follows as a Markdown cell, with the rule that says how runs may differ.
* An example whose meaning depends on the process itself (daemon threads die
  when the program exits, multiprocessing needs an importable `__main__`, …)
  must not run inside the kernel, which never exits. Its cell starts with the
  `%%run_as_program <file>` cell magic, defined in a helper cell at the top: it
  saves the cell to a temporary file and runs it with a fresh `python`, so the
  kernel starts no thread and no process of its own. A Markdown line above the
  cell says why.

Code cells carry `metadata["threads_in_python"]`: `{"snippet": path, "kind":
…, "mode": "kernel" | "program"}` for an example, `{"helper": name}` for the
helper cell. Tests use it to check each cell against its file.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import posixpath
import re
import sys
import tempfile
import tokenize
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import v4
from traitlets.config import Config

from docs_tools.outputs import RULES, rules_of
from docs_tools.pages import Example, Fence
from docs_tools.site import DOCS, ROOT, Heading, rel, site

#: Where the build writes the notebooks (git-ignored); the site serves them
#: under notebooks/ and offers them for download under downloads/notebooks/.
OUT_DIR = ROOT / ".cache" / "notebooks"
#: Where the build keeps them once run (RUN_DIR/notebooks/<name>.ipynb, what
#: mkdocs-jupyter renders), and each run under the hash of what it ran.
RUN_DIR = ROOT / ".cache" / "notebooks-run"
CELL_TIMEOUT = 60  # seconds: a cell that hangs fails the build, not hangs it
SITE_DIR = "notebooks"
DOWNLOADS_DIR = "downloads/notebooks"
ZIP_NAME = "downloads/threads-in-python-notebooks.zip"
ZIP_ROOT = "threads-in-python-notebooks"
META = "threads_in_python"
MAGIC = "run_as_program"

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}

# Why an example runs as its own program: (pattern, needs a thread left
# running, why). A thread is left running when the code calls `.start()` more
# often than `.join(`. First match wins.
_STARTS = re.compile(r"\.start\(\)")
_JOINS = re.compile(r"\.join\(")
_PROGRAM_REASONS: list[tuple[re.Pattern[str], bool, str]] = [
    (
        re.compile(r"\bdaemon\s*=\s*True|\.daemon\s*=|\bsetDaemon\("),
        True,
        "It starts a daemon thread, and the point of a daemon thread is what "
        "happens when the program exits: the process ends and takes the thread "
        "down with it. A notebook kernel never exits, so the thread would keep "
        "running in the background.",
    ),
    (
        re.compile(
            r"\bmultiprocessing\b|\bProcessPoolExecutor\b|"
            r"\bInterpreterPoolExecutor\b|\bconcurrent\.interpreters\b"
        ),
        False,
        "It starts processes, and each new process imports the program's main "
        "module: that needs a real `__main__` file, which a notebook kernel "
        "does not have.",
    ),
    (
        re.compile(r"""__name__\s*==\s*['"]__main__['"]"""),
        False,
        'It is written as a program (`if __name__ == "__main__":`), and is run as one.',
    ),
    (
        re.compile(r"threading\.(?:active_count|enumerate)\("),
        False,
        "It counts the threads of the whole process, and a notebook kernel runs "
        "threads of its own.",
    ),
    (
        re.compile(
            r"\b(?:threading|sys)\.excepthook\s*=|"
            r"\b(?:threading|sys)\.(?:settrace|setprofile)(?:_all_threads)?\(|"
            r"\bsys\.(?:setswitchinterval|setrecursionlimit)\("
        ),
        False,
        "It changes a setting of the whole process, and a notebook kernel would "
        "keep that setting for every cell after it.",
    ),
    (
        re.compile(r"\basyncio\.run\("),
        False,
        "`asyncio.run()` cannot start inside the event loop the kernel already runs.",
    ),
    (
        re.compile(
            r"\bsys\.exit\(|\bos\._exit\(|\batexit\b|\bsignal\b|\bfaulthandler\b|"
            r"__file__|\bsys\.argv\b|\binput\("
        ),
        False,
        "It depends on being a program of its own (how it starts, reads its "
        "input or exits).",
    ),
    (
        re.compile(r""),
        True,
        "It starts a thread without waiting for it with `join()`, so the "
        "thread may still run after the last line; a program waits for it "
        "before it exits. A notebook kernel never exits, so the thread would "
        "outlive its cell.",
    ),
]
_KIND_REASON = {
    "processes": "It starts processes of its own, so it runs as the program the "
    "page shows, not inside the kernel's process.",
}

_ATTR_LIST = re.compile(r"\s*\{:?\s*[#.:][^{}\n]*\}")
_MARKDOWN_INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<path>[^"]+\.md)"\s*$')
_ADMONITION = re.compile(
    r"^(?:!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)"
    r'(?:\s+"(?P<title>(?:[^"\\]|\\.)*)")?\s*$'
)
_TAB = re.compile(r'^===\+?!?\s+"(?P<label>[^"]*)"\s*$')
_INLINE_LINK = re.compile(
    r"(?P<head>!?\[(?:[^\[\]]|\[[^\]]*\])*\]\()(?P<target>[^)\s]+)(?P<tail>(?:\s+\"[^\"]*\")?\))"
)
_REF_DEF = re.compile(r"^(?P<head>\s*\[[^\]]+\]:\s+)(?P<target>\S+)(?P<tail>.*)$")
_ABBR = re.compile(r"^\*\[[^\]]+\]:")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_EMOJI = re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:\s?")
_ANNOTATION_MARK = re.compile(r"#\s*\(\d+\)!?")


def site_url() -> str:
    return site().site_url


def page_url(page: Path) -> str:
    """The page's URL relative to the site root (docs_tools.site)."""
    return site().page(page).url


def notebook_name(page: Path) -> str:
    """`threading-module` for docs/threading-module.md (index → introduction)."""
    url = site().page(page).url
    return url.rstrip("/").replace("/", "-") or "introduction"


def notebook_pages() -> list[Path]:
    """The pages in the navigation that show python examples, in reading order."""
    # fences first: examples() of a page with no fence at all raises in
    # pages._check_mark_placement (zip(..., strict=True)).
    return [page.source for page in site() if page.fences and page.examples]


def _without_strings(code: str) -> str:
    """`code` with its comments and plain string literals blanked out (except
    the "__main__" of a main guard), so a word in a message matches nothing."""
    lines = code.splitlines(keepends=True)
    spans = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            kind = tokenize.tok_name[token.type]
            prefix = re.match(r"[A-Za-z]*", token.string).group(0).lower()
            plain_string = kind == "STRING" and "f" not in prefix  # f-strings hold code
            if (
                kind in ("COMMENT", "FSTRING_MIDDLE") or plain_string
            ) and token.string.strip("\"'") != "__main__":
                spans.append((token.start, token.end))
    except (tokenize.TokenError, SyntaxError):
        return code
    for (row, col), (end_row, end_col) in reversed(spans):
        for line in range(row, end_row + 1):
            text = lines[line - 1]
            start = col if line == row else 0
            stop = end_col if line == end_row else len(text.rstrip("\n"))
            lines[line - 1] = text[:start] + " " * (stop - start) + text[stop:]
    return "".join(lines)


def program_reason(example: Example) -> str | None:
    """Why the example must run as its own program, or None if the kernel can run it."""
    code = _without_strings(example.snippet.read_text(encoding="utf-8"))
    left_running = len(_STARTS.findall(code)) > len(_JOINS.findall(code))
    for pattern, needs_left_running, reason in _PROGRAM_REASONS:
        if (left_running or not needs_left_running) and pattern.search(code):
            return reason
    return _KIND_REASON.get(example.kind)


def snippet_source(path: Path) -> str:
    """A snippet's text as a cell holds it: the file without its final newline."""
    text = path.read_text(encoding="utf-8")
    return text[:-1] if text.endswith("\n") else text


def page_title(page: Path) -> str:
    return _strip_attrs(site().page(page).title_heading).replace("`", "")


# ---------------------------------------------------------------- conversion


@dataclass
class _Code:
    example: Example


def _strip_attrs(text: str) -> str:
    """Drop `{ #id .class key=value }` attribute lists and icon shortcodes
    (`:material-link:`) outside code spans."""
    out, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        out.append(_EMOJI.sub("", _ATTR_LIST.sub("", text[last : span.start()])))
        out.append(span.group(0))
        last = span.end()
    out.append(_EMOJI.sub("", _ATTR_LIST.sub("", text[last:])))
    return "".join(out)


def _absolute(target: str, page: Path) -> str:
    """A link target of `page` made absolute to the published site."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith(
        "//"
    ):
        return target
    if target.startswith("#"):
        return site_url() + page_url(page) + target
    path, _, anchor = target.partition("#")
    anchor = "#" + anchor if anchor else ""
    base = posixpath.dirname(rel(page).removeprefix("docs/"))
    resolved = posixpath.normpath(posixpath.join(base, path)) if path else ""
    url = page_url(DOCS / resolved) if resolved.endswith(".md") else resolved
    return site_url() + url + anchor


def _links(text: str, page: Path) -> str:
    spans = [match.span() for match in _CODE_SPAN.finditer(text)]

    def inline(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in spans):
            return match.group(0)  # `[x](y)` inside a code span is code
        return (
            match.group("head")
            + _absolute(match.group("target"), page)
            + match.group("tail")
        )

    text = _INLINE_LINK.sub(inline, text)
    if found := _REF_DEF.match(text):
        text = (
            found.group("head")
            + _absolute(found.group("target"), page)
            + found.group("tail")
        )
    return text


def _dedent(lines: list[tuple[int, str]], width: int = 4) -> list[tuple[int, str]]:
    return [
        (n, line[width:] if line[:width].strip() == "" else line.lstrip())
        for n, line in lines
    ]


def _block(
    lines: list[tuple[int, str]], start: int
) -> tuple[list[tuple[int, str]], int]:
    """The indented body that starts at `start`, and the index after it."""
    end = start
    while end < len(lines) and (
        not lines[end][1].strip() or lines[end][1].startswith("    ")
    ):
        end += 1
    while end > start and not lines[end - 1][1].strip():
        end -= 1
    return lines[start:end], end


def _fence_markdown(fence: Fence, indent: int) -> str:
    language = (
        fence.language if fence.language not in {"", "text", "output"} else "text"
    )
    if fence.include:
        body = (ROOT / fence.include).read_text(encoding="utf-8").rstrip("\n")
    else:
        body = "\n".join(line[indent:] for line in fence.body).rstrip("\n")
    title = f"`{fence.title}`\n\n" if fence.title else ""
    return f"{title}```{language}\n{body}\n```"


def _output_markdown(example: Example, fence: Fence) -> str:
    body = (
        (ROOT / fence.include).read_text(encoding="utf-8")
        if fence.include
        else (example.expected_output or "")
    ).rstrip("\n")
    rules = [rule for rule in rules_of(example) if rule != "exact"]
    note = "".join(f" — {RULES[rule]}" for rule in rules)
    return f"Output recorded from `{example.command}`{note}:\n\n```text\n{body}\n```"


@dataclass
class _Source:
    """What the conversion looks up by page line: fences, headings, examples."""

    page: Path
    fences: dict[int, Fence]
    headings: dict[int, Heading]
    examples: dict[int, Example]


def _convert(
    lines: list[tuple[int, str]], source: _Source, level: list[int]
) -> list[str | _Code]:
    """Markdown text pieces and code items for `lines` (line number, text)."""
    page, fences, by_line = source.page, source.fences, source.examples
    items: list[str | _Code] = []
    text: list[str] = []
    last_example: Example | None = None

    def flush() -> None:
        chunk = "\n".join(text).strip("\n")
        if chunk.strip():
            items.append(chunk)
        text.clear()

    index = 0
    in_comment = False
    while index < len(lines):
        number, line = lines[index]
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in line
            index += 1
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            index += 1
            continue
        if number in fences:
            fence = fences[number]
            indent = len(line) - len(line.lstrip())
            index += len(fence.body) + 2
            if number in by_line:
                flush()
                last_example = by_line[number]
                items.append(_Code(last_example))
                continue
            if (
                last_example is not None
                and fence.include
                and fence.include.endswith(".out")
            ):
                flush()
                items.append(_output_markdown(last_example, fence))
                continue
            text.append(_fence_markdown(fence, indent))
            continue
        if found := _ADMONITION.match(line):
            body, index = _block(lines, index + 1)
            flush()
            kind = found.group("type").capitalize()
            title = re.sub(r"\\(.)", r"\1", found.group("title") or "")
            head = f"**{kind}: {title}**" if title else f"**{kind}**"
            inner = _convert(_dedent(body), source, level)
            quoted_head = False
            first = len(items)
            for item in inner:
                if isinstance(item, _Code):
                    items.append(item)
                    continue
                if not quoted_head:
                    item = f"{head}\n\n{item}"
                    quoted_head = True
                items.append(
                    "\n".join("> " + row if row else ">" for row in item.splitlines())
                )
            if not quoted_head:
                items.insert(first, f"> {head}")
            continue
        if found := _TAB.match(line):
            body, index = _block(lines, index + 1)
            flush()
            depth = min(level[0] + 1, 6)
            items.append("#" * depth + " " + _strip_attrs(found.group("label")))
            items.extend(_convert(_dedent(body), source, level))
            continue
        if found := _MARKDOWN_INCLUDE.match(line):  # an exercise's statement, hints
            included = (ROOT / found.group("path")).read_text(encoding="utf-8")
            text.append(_links(_strip_attrs(included.rstrip("\n")), page))
            index += 1
            continue
        if heading := source.headings.get(number):
            level[0] = heading.level
            text.append(_links(_strip_attrs(line).rstrip(), page))
            index += 1
            continue
        if _ABBR.match(line):
            index += 1
            continue
        if (
            _ANNOTATION_MARK.search(_code_of(last_example))
            and re.match(r"^1\.\s", line)
            and not "".join(text).strip()
        ):
            text.append("*The numbered comments `# (1)!` … in the code above:*\n")
        text.append(_links(_strip_attrs(line), page))
        index += 1
    flush()
    return items


def _code_of(example: Example | None) -> str:
    return example.snippet.read_text(encoding="utf-8") if example else ""


HELPER_SOURCE = f"""\
# Helper for the examples that must run as a program of their own:
# `%%{MAGIC} <file>` saves the cell to a temporary <file> and runs
# `python <file>` in a new process, showing its output as it comes.
import subprocess
import sys
import tempfile
from pathlib import Path

from IPython.core.magic import register_cell_magic


@register_cell_magic
def {MAGIC}(line, cell):
    line = line.strip()
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, line).write_text(cell + "\\n", encoding="utf-8")
        with subprocess.Popen(
            [sys.executable, "-X", "utf8", "-u", line],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            encoding="utf-8",
        ) as program:
            for output in program.stdout:
                print(output, end="")
    if program.returncode:
        raise subprocess.CalledProcessError(program.returncode, ["python", line])"""


def build_notebook(page: Path) -> nbformat.NotebookNode:
    """The notebook of `page`: its prose and its snippets, in page order."""
    model = site().page(page)
    page_examples = model.examples
    source = _Source(
        page,
        fences={fence.line: fence for fence in model.fences},
        headings={heading.line: heading for heading in model.headings},
        examples={example.line: example for example in page_examples},
    )
    lines = list(enumerate(model.text.splitlines(), 1))[model.front_matter_lines :]
    items = _convert(lines, source, [1])

    reasons = {example.line: program_reason(example) for example in page_examples}
    url = site_url() + page_url(page)
    intro = (
        f"> This notebook is the page [{page_title(page)}]({url}) of *Threads in "
        "Python*, generated from the page and its example files: each example "
        "cell holds one file of `snippets/`, exactly as the page shows it. Run "
        "the cells from top to bottom."
    )
    cells: list[nbformat.NotebookNode] = []

    def markdown(text: str) -> None:
        if cells and cells[-1].cell_type == "markdown":
            cells[-1].source += "\n\n" + text
        else:
            cells.append(v4.new_markdown_cell(text))

    placed_intro = False
    for item in items:
        if isinstance(item, _Code):
            if not placed_intro:
                markdown(intro)
                placed_intro = True
                _add_helper(cells, reasons, markdown)
            example = item.example
            source = snippet_source(example.snippet)
            reason = reasons[example.line]
            mode = "kernel"
            if reason:
                mode = "program"
                markdown(
                    f"**This cell runs as its own program.** {reason} So "
                    f"`%%{MAGIC}` saves the code to a temporary "
                    f"`{example.snippet.name}` and runs it with a fresh `python`, "
                    "as a terminal would."
                )
                source = f"%%{MAGIC} {example.snippet.name}\n{source}"
            cells.append(
                v4.new_code_cell(
                    source,
                    metadata={
                        META: {
                            "snippet": rel(example.snippet),
                            "kind": example.kind,
                            "mode": mode,
                        }
                    },
                )
            )
            continue
        if not placed_intro and item.startswith("# "):
            title, _, rest = item.partition("\n")
            markdown(f"{title}\n\n{intro}")
            placed_intro = True
            _add_helper(cells, reasons, markdown)
            item = rest.strip("\n")
            if not item:
                continue
        markdown(item)
    if not placed_intro:
        markdown(intro)

    for number, cell in enumerate(cells, 1):
        cell["id"] = f"cell-{number:03d}"
    notebook = v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": dict(KERNELSPEC),
            "language_info": {"name": "python"},
            META: {"page": rel(page), "url": url},
        },
    )
    nbformat.validate(notebook)
    return notebook


def _add_helper(cells, reasons, markdown) -> None:
    if not any(reasons.values()):
        return
    markdown(
        "Some examples only mean what they say when they run as a program of "
        "their own. Run the next cell first: it defines the cell magic "
        f"`%%{MAGIC}` those examples use."
    )
    cells.append(v4.new_code_cell(HELPER_SOURCE, metadata={META: {"helper": MAGIC}}))


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


# ------------------------------------------------------------------ writing


def write_notebooks(out_dir: Path = OUT_DIR) -> dict[Path, Path]:
    """Write every page's notebook to `out_dir`; {page: notebook path}.

    A file is rewritten only when its text changes, so an unchanged notebook
    keeps its bytes (mkdocs-jupyter's cache is keyed on them).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[Path, Path] = {}
    for page in notebook_pages():
        target = out_dir / f"{notebook_name(page)}.ipynb"
        text = notebook_text(build_notebook(page))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            partial = target.with_suffix(f".ipynb.{id(text)}.tmp")
            partial.write_text(text, encoding="utf-8")
            partial.replace(target)
        written[page] = target
    for stale in out_dir.glob("*.ipynb"):
        if stale not in written.values():
            stale.unlink()
    return written


_README = """\
Threads in Python: notebooks and example files
===============================================

notebooks/   one Jupyter notebook per chapter of the site ({site})
snippets/    every example as a plain Python file, with its recorded output (.out)

Open a notebook in Jupyter or VS Code and run its cells from the top. Or run
any example as the site shows it, from this folder:

    python snippets/threading-module/01_create_thread.py
"""


def zip_bytes(notebooks: dict[Path, Path]) -> bytes:
    """One zip of every notebook and every snippet file, byte-for-byte stable."""
    entries: list[tuple[str, bytes]] = [
        (f"{ZIP_ROOT}/README.txt", _README.format(site=site_url()).encode())
    ]
    for notebook in sorted(notebooks.values()):
        entries.append((f"{ZIP_ROOT}/notebooks/{notebook.name}", notebook.read_bytes()))
    for path in sorted((ROOT / "snippets").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            entries.append((f"{ZIP_ROOT}/{rel(path)}", path.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


# ------------------------------------------------------------------ running

# Cells the run adds around a notebook, and takes out again: the threads
# alive at the end that were not there before the first cell.
_THREADS_BEFORE = (
    "import threading as _t\n_before = {th.ident for th in _t.enumerate()}"
)
_THREADS_AFTER = (
    "import json as _j, time as _time\n"
    "_time.sleep(0.2)\n"
    "print(_j.dumps(sorted(\n"
    "    f'{th.name} daemon={th.daemon}' for th in _t.enumerate()\n"
    "    if th.ident not in _before and th.is_alive())))"
)


class NotebookFailed(Exception):
    """A notebook that raised, hung, left a thread running or left files."""


@dataclass
class Run:
    notebook: nbformat.NotebookNode  # with its outputs, as readers see it
    threads_left: list[str]  # "name daemon=False" of each thread still alive
    files_left: list[str]  # what its cells left in their working folder


def run_notebook(notebook: nbformat.NotebookNode, timeout: int = CELL_TIMEOUT) -> Run:
    """Run every cell in a fresh kernel, in an empty folder of its own.

    Raises nbclient's CellExecutionError or CellTimeoutError for a cell that
    fails or hangs; what it leaves behind is in the Run for the caller to judge.
    """
    from nbclient import NotebookClient  # imported only by what runs notebooks

    checked = nbformat.from_dict(json.loads(json.dumps(notebook)))
    checked.cells.insert(0, v4.new_code_cell(_THREADS_BEFORE))
    checked.cells.append(v4.new_code_cell(_THREADS_AFTER))
    with (
        tempfile.TemporaryDirectory(prefix="notebook-") as folder,
        tempfile.TemporaryDirectory(prefix="kernel-") as sockets,
    ):
        NotebookClient(
            checked,
            timeout=timeout,
            kernel_name=KERNELSPEC["name"],
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": folder}},
            config=_ipc_transport(sockets),
        ).execute()
        files_left = sorted(os.listdir(folder))
    last = checked.cells.pop()
    checked.cells.pop(0)
    for cell in checked.cells:  # numbered as if the check had not run first
        if cell.get("execution_count"):
            cell.execution_count -= 1
        for output in cell.get("outputs", []):
            if output.get("execution_count"):
                output.execution_count -= 1
    text = "".join(o.get("text", "") for o in last.outputs if o.output_type == "stream")
    return Run(checked, json.loads(text.strip().splitlines()[-1]), files_left)


def _ipc_transport(folder: str) -> Config:
    """Kernel settings: talk over Unix sockets in `folder`, not TCP ports.

    Over TCP, jupyter_client picks five free ports, closes them, and the
    kernel binds them a moment later: anything on the machine (another kernel,
    a browser test's server) can take one in between, and the kernel dies
    ("Address already in use"), which stopped a CI build. A socket file in a
    folder of its own cannot be taken. The folder is not the notebook's
    working folder, whose leftovers the run reports.
    """
    return Config(KernelManager={"transport": "ipc", "ip": f"{folder}/k"})


def _run_checked(name: str, notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    try:
        done = run_notebook(notebook)
    except Exception as error:  # nbclient's errors carry the cell and traceback
        raise NotebookFailed(f"{name}: a cell failed:\n{error}") from error
    if done.threads_left:
        raise NotebookFailed(f"{name}: threads still running: {done.threads_left}")
    if done.files_left:
        raise NotebookFailed(f"{name}: its cells left files behind: {done.files_left}")
    return done.notebook


def run_notebooks(
    written: dict[Path, Path], out_dir: Path = RUN_DIR, workers: int = 6
) -> dict[Path, Path]:
    """Run every written notebook once, several at a time; {page: run notebook}.

    Each kernel mostly waits (the examples sleep to show threads at work), so
    the notebooks run side by side. A run is kept under the hash of the
    notebook's text and the Python that ran it: an unchanged notebook is not
    run again. Raises NotebookFailed for the first notebook that fails.
    """
    cache = out_dir / "runs"
    shown = out_dir / SITE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    shown.mkdir(parents=True, exist_ok=True)

    def key(path: Path) -> str:
        digest = hashlib.sha256(path.read_bytes())
        digest.update(sys.version.encode())
        return digest.hexdigest()

    keys = {page: key(path) for page, path in written.items()}
    missing = {
        page: path
        for page, path in written.items()
        if not (cache / f"{keys[page]}.ipynb").exists()
    }
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(missing)))) as pool:
        runs = {
            page: pool.submit(
                _run_checked, path.name, nbformat.read(path, as_version=4)
            )
            for page, path in missing.items()
        }
        for page, future in runs.items():
            nbformat.write(future.result(), cache / f"{keys[page]}.ipynb")
    result = {}
    for page, path in written.items():
        target = shown / path.name
        text = (cache / f"{keys[page]}.ipynb").read_text(encoding="utf-8")
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        result[page] = target
    used = {f"{k}.ipynb" for k in keys.values()}
    for stale in cache.glob("*.ipynb"):
        if stale.name not in used:
            stale.unlink()
    for stale in shown.glob("*.ipynb"):
        if stale not in result.values():
            stale.unlink()
    return result
