"""axe-core finds no accessibility violation on any page, light or dark, with
every code block set up (toolbars, annotation markers: Material adds them as
blocks scroll into view)."""

from __future__ import annotations

from pathlib import Path

import pytest
from runner_tab import new_page

from docs_tools.code_blocks import mount_code_blocks
from docs_tools.contract import contract

# Needs no Pyodide: runs in its own xdist worker, beside the runner tests.
pytestmark = pytest.mark.xdist_group("site-a11y")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [url for url in contract() if "#" not in url]


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_tab(request, browser):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (python3 dev.py does)")
    with new_page(browser, color_scheme=request.param) as page:
        yield request.param, page


@pytest.mark.parametrize("path", PAGES, ids=str)
def test_no_axe_violations(scheme_tab, site_server, path) -> None:
    scheme, tab = scheme_tab
    tab.goto(site_server.at(path))
    tab.wait_for_load_state("load")
    mount_code_blocks(tab)
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("() => axe.run()")
    problems = [
        f"{violation['id']}: {violation['help']} — "
        + "; ".join(node["html"][:120] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]
    assert not problems, f"{path} ({scheme}):\n" + "\n".join(problems)


def test_the_pages_are_audited(site_server) -> None:
    assert len(PAGES) >= 10
