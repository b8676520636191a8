"""The browser harness (docs_tools/browser.py) without a browser: how it
starts one."""

from __future__ import annotations

import pytest

from docs_tools import browser


class FlakyStart:
    """Stands in for WebKitPage: its first `failures` starts fail as a start
    whose port was taken does."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.starts = 0

    def __call__(self, driver: str, browser_path: str) -> str:
        self.starts += 1
        if self.starts <= self.failures:
            raise browser.NoBrowser(f"start {self.starts}: Address already in use")
        return f"page after {self.starts} starts"


def test_a_webkit_start_that_fails_is_tried_again(monkeypatch) -> None:
    start = FlakyStart(failures=browser.WEBKIT_STARTS - 1)
    monkeypatch.setattr(browser, "WebKitPage", start)
    page = browser._start_webkit("WebKitWebDriver", "MiniBrowser")
    assert page == f"page after {browser.WEBKIT_STARTS} starts"


def test_webkit_that_never_starts_says_why(monkeypatch) -> None:
    start = FlakyStart(failures=browser.WEBKIT_STARTS)
    monkeypatch.setattr(browser, "WebKitPage", start)
    with pytest.raises(browser.NoBrowser, match=f"start {browser.WEBKIT_STARTS}: "):
        browser._start_webkit("WebKitWebDriver", "MiniBrowser")
    assert start.starts == browser.WEBKIT_STARTS
