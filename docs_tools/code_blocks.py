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


#: Scrolls each shown block to the middle of the window, in turn, and waits
#: (a frame at a time, as a reader's scroll gives Material frames) until it
#: is set up; in the page, so a page of 20 blocks costs no 40 round trips.
_MOUNT = """async ([blocks, mounted, bottomUp, timeoutMs]) => {
    const all = [...document.querySelectorAll(blocks)];
    const shown = all.filter((block) => block.checkVisibility());
    for (const block of bottomUp ? [...shown].reverse() : shown) {
        block.scrollIntoView({ block: "center" });
        const started = performance.now();
        while (block.querySelector(mounted) === null) {
            if (performance.now() - started > timeoutMs) {
                throw new Error(`code block ${all.indexOf(block) + 1} of ${all.length}`
                    + ` was not set up by Material within ${timeoutMs} ms`);
            }
            // A frame, or 100 ms where none comes (a renderer that draws no
            // frames): the limit above must still be reached.
            await new Promise((next) => {
                requestAnimationFrame(next);
                setTimeout(next, 100);
            });
        }
    }
    window.scrollTo(0, 0);
    return shown.length;
}"""


def mount_code_blocks(page, order: str = "top-down", timeout_ms: int = 30_000) -> int:
    """Scroll each shown code block into view until Material has set it up;
    return how many there are. Blocks in a content tab that is not selected
    wait for their tab. `order="bottom-up"` sets the last block up first.
    A block not set up within `timeout_ms` fails, naming it."""
    return page.evaluate(
        _MOUNT, [CODE_BLOCK, MOUNTED, order == "bottom-up", timeout_ms]
    )


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
