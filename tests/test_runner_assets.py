"""The runner's files in the built site (hooks/runner_assets.py,
hooks/local_only_blocks.py): self-hosted Pyodide, the bundle, the snippets,
and the "runs on your computer" note under every threaded block."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from docs_tools.pages import site_examples
from docs_tools.site import ROOT, rel, site
from hooks import runner_assets

PINNED = runner_assets.pinned_version()


def page_html(site_dir: Path, page: Path) -> str:
    return site().page(page).built_file(site_dir).read_text(encoding="utf-8")


def test_pyodide_is_pinned_in_package_json_only() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/pyodide"]["version"] == PINNED
    assert re.fullmatch(r"\d+\.\d+\.\d+", PINNED), "pin an exact version"
    for folder in ("hooks", "web", "docs_tools", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".js", ".md", ".css", ".yml"}:
                assert PINNED not in path.read_text(encoding="utf-8"), rel(path)
    assert PINNED not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_site_hosts_pyodide_and_the_runner(built_site: Path) -> None:
    for name in runner_assets.RUNTIME:
        served = built_site / "assets" / "pyodide" / name
        source = runner_assets.runtime_file(name)
        assert served.read_bytes() == source.read_bytes(), name
        if name != "python_stdlib.zip":
            assert source.parent == runner_assets.PYODIDE, name
    for name in runner_assets.bundle_files():
        assert (built_site / "assets" / "runner" / name).stat().st_size > 0, name
    config = (built_site / "assets" / "runner" / "config.js").read_text(
        encoding="utf-8"
    )
    assert 'new URL("../pyodide/", import.meta.url)' in config
    assert "http" not in config


def test_every_snippet_is_served_as_written(built_site: Path) -> None:
    for example in site_examples():
        served = built_site / rel(example.snippet)
        assert served.read_bytes() == example.snippet.read_bytes(), rel(example.snippet)


def test_every_page_loads_the_runner_as_a_module(built_site: Path) -> None:
    for page in site():
        text = page.built_file(built_site).read_text(encoding="utf-8")
        found = re.search(
            r'<script src="[./]*assets/runner/runner\.js" type="module">', text
        )
        assert found, f"{rel(page.source)} does not load the runner"


def test_threaded_blocks_say_how_to_run_them(built_site: Path) -> None:
    examples = site_examples()
    for page in {example.page for example in examples}:
        text = page_html(built_site, page)
        for example in (e for e in examples if e.page == page):
            command = html.escape(f"python {rel(example.snippet)}")
            note = f"<code>{command}</code></p></div>"
            if example.kind == "runnable":
                assert 'data-kind="runnable"' not in text
                continue
            start = text.index(f'<span class="filename">{rel(example.snippet)}</span>')
            after = text[start:]
            assert 'class="tip-local"' in after and note in after, example.where
            # The note comes after the recorded output of the same block.
            output = after.index(f'<span class="filename">$ {command}</span>')
            assert after.index(note) > output, example.where


def test_a_missing_npm_install_stops_the_build(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(runner_assets, "PYODIDE", tmp_path / "node_modules" / "pyodide")
    with pytest.raises(
        PluginError, match=r"node_modules/pyodide is missing.*dev\.py build"
    ):
        runner_assets.check()


def served_stdlib(built_site: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(built_site / "assets" / "pyodide" / "python_stdlib.zip")


def test_the_served_stdlib_is_pyodides_with_bytecode_beside(built_site) -> None:
    """Every member of the npm package's zip, byte for byte (the sources stay,
    for tracebacks and inspect), plus a .pyc beside the .py of the modules a
    Run imports; the browser test test_the_stdlib_a_run_imports_is_bytecode
    checks that Pyodide loads them."""
    shipped = zipfile.ZipFile(runner_assets.PYODIDE / "python_stdlib.zip")
    served = served_stdlib(built_site)
    names = set(served.namelist())
    for info in shipped.infolist():
        assert served.read(info.filename) == shipped.read(info), info.filename
    added = names - set(shipped.namelist())
    assert added, "no bytecode in the served zip"
    for name in added:
        assert name.endswith(".pyc") and name[:-1] in names, name
    for module in ("threading.py", "asyncio/__init__.py", "traceback.py"):
        assert module + "c" in added, module
    # What the build says it compiled is what the zip holds.
    stamp = json.loads(runner_assets.STDLIB.with_name("stamp.json").read_text())
    assert {name + "c" for name in stamp["compiled"]} == added


def test_the_bytecode_is_unchecked_hash_based(built_site: Path) -> None:
    """PEP 552: flags 0b01 (hash-based, not checked against the source), so
    zipimport loads it without reading the .py again; one interpreter's magic."""
    served = served_stdlib(built_site)
    magics = set()
    for name in (n for n in served.namelist() if n.endswith(".pyc")):
        header = served.read(name)[:16]
        assert int.from_bytes(header[4:8], "little") == 0b01, name
        magics.add(header[:4])
    assert len(magics) == 1, magics


def test_a_missing_stdlib_stops_the_build(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(runner_assets, "STDLIB", tmp_path / "python_stdlib.zip")
    with pytest.raises(PluginError, match=r"python_stdlib\.zip.*npm run build"):
        runner_assets.check()


def test_another_stdlib_means_another_snapshot_key(tmp_path) -> None:
    """A snapshot holds zipimport's table of where each member lies in the zip:
    one taken with another zip is never loaded."""
    one, other = tmp_path / "one.zip", tmp_path / "other.zip"
    one.write_bytes(b"one")
    other.write_bytes(b"other")
    key = runner_assets.snapshot_key(PINNED, one)
    assert key.startswith(f"{PINNED}-")
    assert key != runner_assets.snapshot_key(PINNED, other)
    assert key == runner_assets.snapshot_key(PINNED, one)


def test_a_missing_bundle_stops_the_build(tmp_path, monkeypatch) -> None:
    bundle = tmp_path / "build" / "runner"
    monkeypatch.setattr(runner_assets, "BUNDLE", bundle)
    with pytest.raises(PluginError, match=r"build/runner/bundle\.json.*npm run build"):
        runner_assets.check()
    # A file its bundle.json lists but that is not there (a build cut short).
    bundle.mkdir(parents=True)
    (bundle / "bundle.json").write_text('{"files": ["runner.js"]}', encoding="utf-8")
    with pytest.raises(PluginError, match=r"build/runner/runner\.js.*npm run build"):
        runner_assets.check()


def test_the_site_serves_the_simulator_and_its_facts(built_site: Path) -> None:
    """Every file of the threadsim package, and the module the hook writes
    from it (the panel shows its note and N: tests/browser/test_simulator_ui)."""
    from hooks import simulator_assets

    served = built_site / simulator_assets.FACTS
    assert served.read_text(encoding="utf-8") == simulator_assets.facts_module()
    for name in simulator_assets.package_files():
        served = built_site / "assets" / "threadsim" / name
        assert served.read_bytes() == (simulator_assets.PACKAGE / name).read_bytes()


def test_the_cdn_setting_loads_the_same_pinned_version() -> None:
    # A configuration of its own: this test changes it.
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.extra["pyodide"] = "cdn"
    config.plugins._current_plugin = "runner_assets"  # as during a build
    files = runner_assets.on_files(Files([]), config)
    uris = [file.src_uri for file in files]
    assert not [uri for uri in uris if uri.startswith("assets/pyodide/")]
    generated = next(
        file for file in files if file.src_uri == "assets/runner/config.js"
    )
    expected = f'"https://cdn.jsdelivr.net/pyodide/v{PINNED}/full/"'
    assert expected in generated.content_string
