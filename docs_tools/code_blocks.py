"""Bring a page's code blocks to the state a reader who scrolled through it
sees, in a Playwright page. Material sets each block up (toolbar, annotation
markers) only when it first scrolls into view (`content.lazy` in mkdocs.yml):
checks of that UI on a whole page (tests/browser, audit/site_quality.py)
first bring every block into view."""

from __future__ import annotations

MOUNTED = "nav.md-code__nav"
# The blocks Material sets up: highlighted `pre > code` (a notebook's output
# cells are a bare `pre`).
CODE_BLOCK = ".highlight:has(> pre > code)"


def mount_code_blocks(page, order: str = "top-down") -> int:
    """Scroll each shown code block into view until Material has set it up;
    return how many there are. Blocks in a content tab that is not selected
    wait for their tab. `order="bottom-up"` sets the last block up first."""
    shown = page.evaluate(
        "(blocks) => [...document.querySelectorAll(blocks)]"
        ".map((block, i) => block.checkVisibility() ? i : -1).filter(i => i >= 0)",
        CODE_BLOCK,
    )
    for index in shown if order == "top-down" else reversed(shown):
        page.evaluate(
            "([blocks, i]) => document.querySelectorAll(blocks)[i]"
            ".scrollIntoView({block: 'center'})",
            [CODE_BLOCK, index],
        )
        page.wait_for_function(
            "([blocks, i, mounted]) => document.querySelectorAll(blocks)[i]"
            ".querySelector(mounted) !== null",
            arg=[CODE_BLOCK, index, MOUNTED],
            timeout=30_000,
        )
    page.evaluate("() => window.scrollTo(0, 0)")
    return len(shown)


# The site's own panels (tests/browser/test_runner.py, test_simulator_ui.py)
# are added after load, beside the blocks they run; the simulator's show once
# their stylesheet has loaded.
PANELS_IN_PLACE = """() =>
  [...document.querySelectorAll('div.runnable')]
    .every(b => 'tipReady' in b.dataset)
  && [...document.querySelectorAll('div.threaded:not(.not-simulated)')]
    .every(b => 'tipSimMounted' in b.dataset)
  && [...document.querySelectorAll('.tip-sim')].every(p => p.dataset.tipSim)
  && (!document.querySelector('.tip-sim')
      || 'tipSimStyled' in document.documentElement.dataset)"""


def wait_for_panels(page) -> None:
    page.wait_for_function(PANELS_IN_PLACE, timeout=30_000)
