"""axe-core in a Playwright page, one way for every audit (tests/browser,
audit/site_quality.py): load it, show a colour scheme, read the violations.

axe is asked for violations only (`resultTypes`): it then keeps one node of
each passing, inapplicable or incomplete rule instead of every node, which
on this site's longest pages (3,400 elements) makes a run 2.5 times faster
(measured in Chromium: 2.4 s → 0.9 s a run). Every rule still runs on every
node, and every violating node is still reported
(tests/browser/test_accessibility.py checks that a planted violation is).
"""

from __future__ import annotations

from docs_tools.site import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: The reader's system setting → the Material scheme the site then shows.
SCHEMES = {"light": "default", "dark": "slate"}

# The scheme is applied and drawn: colours that fade between schemes
# (Material's CSS transitions) have finished, so axe sees what a reader sees.
_SCHEME_SHOWN = """scheme => document.body.dataset.mdColorScheme === scheme
    && !document.getAnimations().some(
      (a) => a instanceof CSSTransition && a.playState === "running")"""

_RUN = """([within, options]) => axe.run(within || document, options)
    .then((result) => result.violations)"""
_OPTIONS = {"resultTypes": ["violations"]}


class AxeMissing(RuntimeError):
    pass


def load_axe(page) -> None:
    """Add axe-core to the page (the npm package, installed by `npm ci`)."""
    if not AXE.exists():
        raise AxeMissing(f"{AXE} is missing: run `npm ci` (python3 dev.py does)")
    page.add_script_tag(path=str(AXE))


def show_scheme(page, system: str) -> None:
    """Set the system colour setting and wait until the page has drawn the
    scheme it maps to."""
    page.emulate_media(color_scheme=system)
    page.wait_for_function(_SCHEME_SHOWN, arg=SCHEMES[system])


def violations(page, within=None) -> list[dict]:
    """axe's violations on the page, or within an element handle or an axe
    context (`{"include": [["section.exercise"]]}`)."""
    return page.evaluate(_RUN, [within, _OPTIONS])


def described(found: list[dict], nodes: int = 3) -> list[str]:
    """One line per violation: rule, help and the first nodes' HTML."""
    return [
        f"{v['id']}: {v['help']} — "
        + "; ".join(node["html"][:120] for node in v["nodes"][:nodes])
        for v in found
    ]
