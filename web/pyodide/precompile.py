"""Pyodide's standard library with bytecode beside the source: run inside
Pyodide itself (web/pyodide/precompile.mjs starts it in Node).

Pyodide ships its standard library as a zip of .py sources only, so every
boot compiles each module it imports (about 140: asyncio, typing, inspect...)
from source, in WebAssembly: more than half of a boot (measured here:
a bare boot in a blank page took 4.5 s in WebKitGTK and 2.4 s in Chromium
with Pyodide's zip, 1.9 s and 1.1 s with bytecode for every module).

This writes the same zip with a `.pyc` beside the `.py` of every module the
boot imports, the runner's own imports and those of the site's examples. The
sources stay, so a traceback through threading.py still shows its lines
(zipimport's get_source reads the .py). Each .pyc is what zipimport would
have compiled at import, by the same interpreter: same source path, same
flags, stored as an unchecked hash-based pyc (PEP 552), which zipimport loads
without reading the source again.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import sys
import zipfile
import zipimport
from importlib._bootstrap_external import _code_to_hash_pyc

#: Where Pyodide mounts its standard library, in Node as in a browser.
ARCHIVE = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"


def referenced(sources: list[str]) -> set[str]:
    """The dotted names `sources` import or use: "concurrent.futures",
    "concurrent.futures.ThreadPoolExecutor" (from its `from` import),
    "threading.Thread" (an attribute of an imported module)."""
    names = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue  # an example that shows a syntax error on purpose
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Attribute):
                dotted = [node.attr]
                while isinstance(node := node.value, ast.Attribute):
                    dotted.append(node.attr)
                if isinstance(node, ast.Name):
                    names.add(".".join([node.id, *reversed(dotted)]))
    return names


def load(dotted: str) -> None:
    """Import what `dotted` names in the standard library, as a program using
    it would: each module of the path, then its attributes, some of which
    import a module when first read (concurrent.futures.ThreadPoolExecutor)."""
    parts = dotted.split(".")
    if parts[0] not in sys.stdlib_module_names:
        return
    # What is not in Pyodide (tkinter, …) or not a name there has nothing
    # to compile.
    with contextlib.suppress(Exception):
        found = importlib.import_module(parts[0])
        for index, part in enumerate(parts[1:], start=2):
            try:
                found = importlib.import_module(".".join(parts[:index]))
            except ImportError:
                found = getattr(found, part)


def members_in_use(names: set[str]) -> list[str]:
    """The archive's .py members behind every module imported so far (the
    boot's and the runner's), once the standard library's `names` are
    loaded."""
    for dotted in sorted(names):
        load(dotted)
    # Frozen modules (os, io, site…) name a file in the zip but never read it.
    files = {
        module.__file__
        for module in list(sys.modules.values())
        if isinstance(getattr(module, "__loader__", None), zipimport.zipimporter)
    }
    prefix = ARCHIVE + "/"
    return sorted(path.removeprefix(prefix) for path in files if path.endswith(".py"))


def bytecode(source: bytes, member: str) -> bytes:
    """The .pyc of `member`, as zipimport compiles it (its _compile_source)."""
    text = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    code = compile(text, f"{ARCHIVE}/{member}", "exec", dont_inherit=True)
    # The hash is of the member's bytes, as a checked pyc would compare them.
    return bytes(
        _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
    )


def precompile(out: str, members: list[str]) -> int:
    """Write the archive to `out` with a .pyc after each of `members`; return
    how many .pyc it holds."""
    wanted = set(members)
    written = 0
    with zipfile.ZipFile(ARCHIVE) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(
                info, data, compress_type=info.compress_type, compresslevel=9
            )
            if info.filename in wanted:
                pyc = zipfile.ZipInfo(info.filename + "c", info.date_time)
                target.writestr(
                    pyc,
                    bytecode(data, info.filename),
                    compress_type=zipfile.ZIP_DEFLATED,
                    compresslevel=9,
                )
                written += 1
    return written
