"""The names and number formats every figure and sentence shares."""

from __future__ import annotations

from collections.abc import Callable

JOBS = {
    "io-bound": "I/O-bound job",
    "cpu-bound": "CPU-bound job",
}
WAYS = ("threads", "processes")
MODES = ("sequential", *WAYS)
TIMES, DASH = "\u00d7", "\u2013"  # multiplication sign, en dash


def times(value: float) -> str:
    """A speedup: 2.3 and the multiplication sign."""
    return f"{value:.1f}{TIMES}"


def one_decimal(value: float) -> str:
    return f"{value:.1f}"


def span(values: list[float], fmt: Callable[[float], str] = times) -> str:
    """The lowest to the highest value, or one value if they read the same."""
    low, high = fmt(min(values)), fmt(max(values))
    return low if low == high else f"{low} to {high}"


def joined(items: list[str]) -> str:
    """a, b and c."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def python_label(result: dict) -> str:
    """3.12.1, or 3.13.0t for a free-threaded build."""
    return result["version"] + ("t" if result["python"].endswith("t") else "")
