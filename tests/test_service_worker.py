"""The service worker's files in the built site (hooks/service_worker.py,
hooks/web_app_manifest.py): what sw.js precaches, its version, the page's
side, the dev server's retiring worker, the web app manifest.

The worker's behaviour in a browser is tests/browser/test_offline.py.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from docs_tools.matrix import pyodide_version
from docs_tools.site import site
from hooks import service_worker, web_app_manifest


def worker_facts(site_dir: Path) -> dict:
    first, second = (site_dir / "sw.js").read_text(encoding="utf-8").split("\n")[:2]
    assert first.startswith("// Written by hooks/service_worker.py"), first
    assert second.startswith("self.TIP_BUILD = ") and second.endswith(";"), second
    return json.loads(second[len("self.TIP_BUILD = ") : -1])


def test_sw_js_precaches_every_page_and_asset_with_its_hash(built_site: Path) -> None:
    facts = worker_facts(built_site)
    assert facts == service_worker.build_facts(built_site)
    assert facts["pyodide"] == pyodide_version()
    files = facts["files"]
    for page in site():
        assert page.built_file(built_site).relative_to(built_site).as_posix() in files
    for needed in (
        "404.html",
        "search/search_index.json",
        "assets/offline/offline.js",
        "assets/runner/runner.js",
        "assets/runner/worker.js",
        "manifest.webmanifest",
    ):
        assert needed in files, needed
    for name, digest in files.items():
        if digest is not None:
            data = (built_site / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, name
    assert [name for name, digest in files.items() if digest is None] == ["sitemap.xml"]


def test_pyodide_downloads_and_maps_are_not_precached(built_site: Path) -> None:
    files = worker_facts(built_site)["files"]
    assert not [name for name in files if name.startswith("assets/pyodide/")]
    assert not [name for name in files if name.startswith("downloads/")]
    assert not [name for name in files if name.endswith((".map", ".ipynb"))]
    assert "sw.js" not in files
    # The size a first visit adds, in the background: pages and assets only.
    size = sum((built_site / name).stat().st_size for name in files)
    assert size < 12_000_000, f"{size:,} bytes precached"


def test_pyodide_is_listed_to_be_taken_from_the_http_cache(built_site: Path) -> None:
    """A first Run before the worker is registered fetches Pyodide itself:
    the worker copies those files from the HTTP cache, checked by hash."""
    pyodide = worker_facts(built_site)["pyodideFiles"]
    on_disk = sorted(
        path.relative_to(built_site).as_posix()
        for path in (built_site / "assets" / "pyodide").rglob("*")
        if path.is_file()
    )
    assert sorted(pyodide) == on_disk
    assert "assets/pyodide/pyodide.asm.wasm" in pyodide
    for name, digest in pyodide.items():
        data = (built_site / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name


def test_a_changed_file_is_a_new_version(built_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy, ignore=shutil.ignore_patterns("pyodide"))
    old = worker_facts(copy)["version"]
    assert service_worker.write_worker(copy)["version"] == old  # same files
    (copy / "glossary" / "index.html").write_text("changed", encoding="utf-8")
    new = service_worker.write_worker(copy)["version"]
    assert new != old and worker_facts(copy)["version"] == new


def test_the_page_side_is_enabled_in_a_build(built_site: Path) -> None:
    config = (built_site / "assets" / "offline" / "config.js").read_text("utf-8")
    assert "enabled: true" in config
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/offline/offline.js"' in html
    assert 'type="module"' in html


def test_the_dev_server_retires_the_worker(tmp_path: Path) -> None:
    """`mkdocs serve` registers nothing and serves the retiring worker."""
    service_worker.on_startup(command="serve", dirty=False)
    try:
        service_worker.on_post_build(type("Config", (), {"site_dir": str(tmp_path)}))
        retire = (tmp_path / "sw.js").read_text(encoding="utf-8")
        assert "unregister()" in retire and "TIP_BUILD" not in retire
        assert service_worker.serving()
    finally:
        service_worker.on_startup(command="build", dirty=False)
    assert not service_worker.serving()


def test_the_web_app_manifest(built_site: Path) -> None:
    manifest = json.loads((built_site / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == site().config.site_name
    assert manifest["start_url"] == manifest["scope"] == "./"
    assert manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert (built_site / icon["src"]).is_file(), icon
    for page in site():
        html = page.built_file(built_site).read_text(encoding="utf-8")
        depth = page.url.count("/")
        href = "../" * depth + web_app_manifest.MANIFEST
        assert f'<link rel="manifest" href="{href}">' in html, page.url
