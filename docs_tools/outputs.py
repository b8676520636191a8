"""Run a snippet as a student does, and compare its output with the one shown.

A snippet runs as `python -W error snippets/<page>/<example>.py` in a fresh
process, from the repository root, on a pseudo-terminal: what is compared is
what a student sees on screen, stdout and stderr together. Threads make some
outputs vary between runs; a page declares how such a block is compared, in a
marker just above the python block:

    <!--pytest.mark.output_rule("any-order")-->

Rules (combine several):

* exact (default): the same lines, trailing spaces ignored.
* any-order: the same lines, in any order (threads interleave).
* numbers-vary: every number may differ (timings); the words may not.

A free-threaded build (`python3.13t`, `python3.14t`) answers some examples
differently: it has no GIL, so a build check prints other values and an
unlocked counter may lose updates. No such build recorded the outputs shown,
so a page does not show (or invent) its output; it declares, above the python
block, what that build prints instead of some lines of the output shown, and
which rules it adds:

    <!--pytest.mark.free_threaded_output(lines={"GIL: True": "GIL: False"})-->
    <!--pytest.mark.free_threaded_output(lines={"Lost: False": ["Lost: False",
    "Lost: True"]}, rules=["numbers-vary"])-->    (on one line on the page)

A line maps to one line, or to a list of lines any of which may appear. On a
free-threaded interpreter the output is compared with the output shown, so
changed, by the rules of both markers (see `expected_outputs`).

Some outputs depend on the CPython version (a warning added in 3.12, a default
changed in 3.14). The page declares which lines of the output shown the
versions a specifier matches print instead, `None` for a line they do not
print, one marker per specifier (`<X.Y` or `>=X.Y`):

    <!--pytest.mark.output_on("<3.12", lines={"DeprecationWarning: ...": None})-->
    <!--pytest.mark.output_on(">=3.14", lines={"Default: fork": "Default: spawn"})-->

A line is found in the output shown by the block's rules (with
`numbers-vary`, its numbers may differ). `dev.py outputs` records such a
block with a CPython that no specifier matches (this one if it can), so the
output shown is one that a real run printed.

Run `python3 dev.py outputs` to rewrite every output file from a real run.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import os
import pty
import re
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from docs_tools.pages import Example, site_examples
from docs_tools.pythons import interpreters
from docs_tools.site import ROOT, rel

RULES = {
    "exact": "the same lines, trailing spaces ignored",
    "any-order": "the same lines, in any order (threads interleave)",
    "numbers-vary": "every number may differ (timings); the words may not",
}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
RUN_TIMEOUT = 120


def rules_of(example: Example) -> tuple[str, ...]:
    """The output rules a page declares for a block (`exact` when none)."""
    rules: list[str] = []
    for mark in example.marks:
        if not mark.startswith("pytest.mark.output_rule("):
            continue
        call = ast.parse(mark, mode="eval").body
        assert isinstance(call, ast.Call)
        for arg in call.args:
            value = ast.literal_eval(arg)
            if value not in RULES:
                raise ValueError(
                    f"{example.where}: unknown output rule {value!r}; "
                    f"known: {', '.join(RULES)}"
                )
            rules.append(value)
    return tuple(rules) or ("exact",)


@dataclass(frozen=True)
class BuildOutput:
    """What one kind of build prints for an example: the outputs it may print
    (any of them) and the rules they are compared by."""

    outputs: tuple[str, ...]
    rules: tuple[str, ...]


FREE_THREADED_MARK = "pytest.mark.free_threaded_output("


def free_threaded_changes(example: Example) -> tuple[dict, tuple[str, ...]] | None:
    """The page's `free_threaded_output` marker: ({line: [lines]}, rules)."""
    marks = [m for m in example.marks if m.startswith(FREE_THREADED_MARK)]
    if not marks:
        return None
    if len(marks) > 1:
        raise ValueError(f"{example.where}: more than one free_threaded_output marker")
    call = ast.parse(marks[0], mode="eval").body
    assert isinstance(call, ast.Call)
    if call.args:
        raise ValueError(f"{example.where}: free_threaded_output takes keywords only")
    given = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
    unknown = set(given) - {"lines", "rules"}
    if unknown:
        raise ValueError(f"{example.where}: free_threaded_output: unknown {unknown}")
    rules = tuple(given.get("rules", ()))
    for rule in rules:
        if rule not in RULES:
            raise ValueError(f"{example.where}: unknown output rule {rule!r}")
    shown = (example.expected_output or "").splitlines()
    lines: dict[str, list[str]] = {}
    for line, instead in given.get("lines", {}).items():
        if line not in shown:
            raise ValueError(
                f"{example.where}: free_threaded_output changes {line!r}, "
                "which is not a line of the output shown"
            )
        lines[line] = [instead] if isinstance(instead, str) else list(instead)
    return lines, rules


VERSION_MARK = "pytest.mark.output_on("
_SPECIFIER = re.compile(r"(<|>=)(\d+)\.(\d+)")


@dataclass(frozen=True)
class VersionChange:
    """One `output_on` marker: the versions it is for, and their lines."""

    specifier: str  # "<3.12" or ">=3.14"
    lines: dict[str, list[str | None]]  # a line shown -> what they print

    def applies_to(self, version: str) -> bool:
        """Whether CPython `version` ("3.12", "3.13t") is one of them."""
        match = _SPECIFIER.fullmatch(self.specifier)
        assert match, self.specifier
        wanted = (int(match[2]), int(match[3]))
        major, minor = version.rstrip("t").split(".")[:2]
        given = (int(major), int(minor))
        return given < wanted if match[1] == "<" else given >= wanted


def version_changes(example: Example, check_lines: bool = True) -> list[VersionChange]:
    """The page's `output_on` markers for a block, checked (their lines
    against the output shown too, unless `check_lines` is false: before the
    output is recorded)."""
    changes = []
    shown = (example.expected_output or "").splitlines()
    rules = rules_of(example)
    for mark in example.marks:
        if not mark.startswith(VERSION_MARK):
            continue
        call = ast.parse(mark, mode="eval").body
        assert isinstance(call, ast.Call)
        if len(call.args) != 1 or [kw.arg for kw in call.keywords] != ["lines"]:
            raise ValueError(
                f"{example.where}: output_on takes a specifier and lines={{...}}"
            )
        specifier = ast.literal_eval(call.args[0])
        if not isinstance(specifier, str) or not _SPECIFIER.fullmatch(specifier):
            raise ValueError(
                f"{example.where}: output_on({specifier!r}): the specifier is "
                "'<X.Y' or '>=X.Y'"
            )
        lines: dict[str, list[str | None]] = {}
        for line, instead in ast.literal_eval(call.keywords[0].value).items():
            found = [
                s for s in shown if comparable(s, rules) == comparable(line, rules)
            ]
            if not found and not check_lines:
                found = [line]
            if not found:
                raise ValueError(
                    f"{example.where}: output_on({specifier!r}) changes {line!r}, "
                    "which is not a line of the output shown"
                )
            choices = instead if isinstance(instead, list) else [instead]
            lines[found[0]] = choices
        changes.append(VersionChange(specifier, lines))
    return changes


def expected_outputs(
    example: Example, free_threaded: bool = False, version: str | None = None
) -> BuildOutput:
    """What a default build (or a free-threaded one) may print for `example`;
    on CPython `version` ("3.12"), with the lines its `output_on` markers
    change."""
    rules = rules_of(example)
    shown = example.expected_output or ""
    lines: dict[str, list[str | None]] = {}
    if version is not None:
        for change in version_changes(example):
            if change.applies_to(version):
                for line, instead in change.lines.items():
                    if line in lines:
                        raise ValueError(
                            f"{example.where}: two output_on markers change {line!r}"
                            f" on {version}"
                        )
                    lines[line] = instead
    changes = free_threaded_changes(example) if free_threaded else None
    extra: tuple[str, ...] = ()
    if changes is not None:
        built, extra = changes
        lines.update(built)
    if not lines:
        return BuildOutput((shown,), rules)
    choices = [lines.get(line, [line]) for line in shown.splitlines()]
    outputs = tuple(
        "".join(f"{line}\n" for line in chosen if line is not None)
        for chosen in itertools.product(*choices)
    )
    rules = tuple(dict.fromkeys(r for r in (*rules, *extra) if r != "exact")) or (
        "exact",
    )
    return BuildOutput(outputs, rules)


def recording_python(example: Example) -> str:
    """The CPython that records `example`'s output: this one, unless one of
    its `output_on` markers is for this version; then the first found that
    none is for."""
    changes = version_changes(example, check_lines=False)
    mine = f"{sys.version_info[0]}.{sys.version_info[1]}"
    if not any(change.applies_to(mine) for change in changes):
        return sys.executable
    for python in interpreters():
        if python.version.endswith("t"):
            continue
        if not any(change.applies_to(python.version) for change in changes):
            return python.path
    wanted = ", ".join(change.specifier for change in changes)
    raise SystemExit(
        f"{example.where}: no CPython found outside {wanted} to record its output"
    )


def matches(expected: BuildOutput, real: str) -> bool:
    return any(same_output(shown, real, expected.rules) for shown in expected.outputs)


def comparable(text: str, rules: tuple[str, ...]) -> list[str]:
    lines = [line.rstrip() for line in text.rstrip("\n").splitlines()]
    if "numbers-vary" in rules:
        lines = [_NUMBER.sub("<number>", line) for line in lines]
    if "any-order" in rules:
        lines = sorted(lines)
    return lines


def same_output(shown: str, real: str, rules: tuple[str, ...]) -> bool:
    return comparable(shown, rules) == comparable(real, rules)


@dataclass
class Run:
    command: list[str]
    returncode: int
    output: str


def run_snippet(snippet: Path, python: str = sys.executable) -> Run:
    """Run one snippet in a fresh interpreter, warnings as errors.

    The snippet writes to a pseudo-terminal, as it does on a student's screen:
    stdout is line-buffered and stderr lands where it happens. (With a pipe,
    stdout would be block-buffered and tracebacks would move; unbuffered, a
    `print` from two threads can split a line, which a terminal does not show.)
    """
    env = {
        **os.environ,
        "PYTHONIOENCODING": "utf-8",
        "PYTHON_COLORS": "0",  # 3.13+ colours tracebacks on a terminal
        "NO_COLOR": "1",
        "TERM": "dumb",
    }
    for name in ("PYTHONWARNINGS", "PYTHONUNBUFFERED", "PYTHONSTARTUP"):
        env.pop(name, None)
    command = [python, "-W", "error", rel(snippet)]
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=follower,
            close_fds=True,
        )
    finally:
        os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + RUN_TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                process.kill()
                raise subprocess.TimeoutExpired(command, RUN_TIMEOUT)
            ready, _, _ = select.select([leader], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        returncode = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
    output = b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")
    return Run(command, returncode, output)


def regenerate(only: list[str]) -> int:
    """Rewrite the output file of every example (or those matching `only`)."""
    written = 0
    for example in site_examples():
        if example.output_file is None:
            continue
        if only and not any(part in rel(example.snippet) for part in only):
            continue
        python = recording_python(example)
        result = run_snippet(example.snippet, python)
        if result.returncode != 0:
            print(f"FAILED {example.command} (exit {result.returncode})")
            print(result.output)
            return 1
        example.output_file.write_text(result.output, encoding="utf-8")
        written += 1
        by = "" if python == sys.executable else f" (recorded with {python})"
        print(f"wrote {rel(example.output_file)}{by}")
    print(f"{written} output file(s) regenerated from real runs with {sys.version}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=regenerate.__doc__)
    parser.add_argument("only", nargs="*", help="substrings of snippet paths")
    return regenerate(parser.parse_args().only)


if __name__ == "__main__":
    raise SystemExit(main())
