"""The runner on a phone: a 390 px touch screen (Chromium with has_touch and
is_mobile, so `(pointer: coarse)` holds). Run, Stop and Reset are thumb-sized
(44 px at least) and work with a tap; the editor turns off autocorrect,
autocapitalisation and spellcheck; a long output scrolls inside its panel, not
the page (web/runner/runner.css, web/runner/editor.js).
"""

from __future__ import annotations

import pytest
from runner_tab import PHONE, PHONE_SCREEN, Tab, open_tab

from docs_tools.site import rel

THUMB = 44  # px, WCAG 2.5.5 (target size, enhanced)
SCREEN = PHONE_SCREEN["width"]  # CSS px


@pytest.fixture(scope="module")
def phone(browser, site_server, runnable_examples) -> Tab:
    tab = open_tab(
        browser, site_server, site_server.page_url(runnable_examples[0].page), **PHONE
    )
    yield tab
    tab.page.context.close()


def test_the_phone_has_a_coarse_pointer(phone: Tab) -> None:
    assert phone.page.evaluate("() => matchMedia('(pointer: coarse)').matches")
    assert phone.page.evaluate("() => innerWidth") == SCREEN


def test_run_stop_and_reset_are_thumb_sized_and_tapped(
    phone: Tab, runnable_examples
) -> None:
    path = rel(runnable_examples[0].snippet)
    phone.wait_ready(path)
    panel = phone.panel(path)
    for name in ("Run", "Stop", "Reset"):
        button = panel.get_by_role("button", name=name)
        box = button.bounding_box()
        assert box is not None, name
        assert box["width"] >= THUMB and box["height"] >= THUMB, (name, box)
        # Inside the screen: reachable without scrolling sideways.
        assert box["x"] >= 0 and box["x"] + box["width"] <= SCREEN, (name, box)
    phone.set_code(path, 'print("looping")\nwhile True:\n    pass')
    panel.get_by_role("button", name="Run").tap()
    panel.locator(".tip-output", has_text="looping").wait_for(timeout=120_000)
    panel.get_by_role("button", name="Stop").tap()
    result = phone.wait_done(path)
    assert result["verdict"] in {"stopped", "interrupted"}, result
    panel.get_by_role("button", name="Reset").tap()
    phone.page.wait_for_function(
        "block => block.tipBlock.code() === block.tipBlock.original",
        arg=phone.block(path).element_handle(),
    )


def test_the_editor_does_not_correct_code(phone: Tab, runnable_examples) -> None:
    path = rel(runnable_examples[0].snippet)
    phone.wait_ready(path)
    phone.settle()
    # The highlighted code, or the editor when an earlier test swapped it in.
    code = phone.block(path).locator("pre.tip-editable > code, .cm-content")
    code.first.tap(position={"x": 2, "y": 4})
    content = phone.block(path).locator(".cm-content")
    content.wait_for()
    attributes = content.evaluate(
        """element => Object.fromEntries(["autocorrect", "autocapitalize",
            "spellcheck"].map((name) => [name, element.getAttribute(name)]))"""
    )
    assert attributes == {
        "autocorrect": "off",
        "autocapitalize": "off",
        "spellcheck": "false",
    }, attributes
    phone.reset(path)


def test_a_long_output_scrolls_inside_its_panel(phone: Tab, runnable_examples) -> None:
    path = rel(runnable_examples[0].snippet)
    result = phone.run(path, "for i in range(200):\n    print('line', i)")
    assert result["output"].count("\n") == 200, result
    output = phone.panel(path).locator(".tip-output")
    output.evaluate("e => e.scrollIntoView({ block: 'center' })")
    phone.settle()
    sizes = output.evaluate("e => [e.scrollHeight, e.clientHeight, e.scrollWidth]")
    assert sizes[0] > sizes[1], f"the output is not a scrolling box: {sizes}"
    assert phone.page.evaluate("() => document.documentElement.scrollWidth") <= SCREEN
    # A finger's swipe up on the output: it scrolls, the page does not.
    box = output.bounding_box()
    page_y = phone.page.evaluate("() => scrollY")
    cdp = phone.page.context.new_cdp_session(phone.page)
    x = box["x"] + box["width"] / 2
    top, bottom = box["y"] + box["height"] * 0.25, box["y"] + box["height"] * 0.75
    touch = "Input.dispatchTouchEvent"
    cdp.send(touch, {"type": "touchStart", "touchPoints": [{"x": x, "y": bottom}]})
    for step in range(1, 11):
        y = bottom - (bottom - top) * step / 10
        cdp.send(touch, {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send(touch, {"type": "touchEnd", "touchPoints": []})
    cdp.detach()
    phone.settle()
    assert output.evaluate("e => e.scrollTop") > 0
    assert phone.page.evaluate("() => scrollY") == page_y
    phone.reset(path)
