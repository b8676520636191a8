"""Exercises on the page: each one wrapped, tagged and given its data.

A page shows an exercise with plain includes (CONTRIBUTING.md, "Adding an
exercise"): its heading `{ #exercise-<name> }`, statement, starter block
(`.exercise`), hints, solution and check. docs_tools/exercises.py finds
them; this hook stops the build on any problem it reports, then, in the
built page, wraps each exercise from its heading to the next `<h2>`/`<h3>`
in `<section class="exercise" data-exercise=… data-kind=…>`, tags its hint,
solution and check `<details>` with `data-exercise-part`, and puts after the
starter block the local command (there without JavaScript) and a
`<template class="exercise-data">` (its JSON, HTML-escaped) with what the
page's script needs to check it (web/runner reads it): the starter, the
solution, the check's source, the starter's hash.
"""

from __future__ import annotations

import html
import json
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from docs_tools.exercises import Exercise, exercise_folders, exercises_of
from docs_tools.site import rel, site

_NEXT_SECTION = re.compile(r"<h[23][\s>]")
_DETAILS = re.compile(r'<details class="(?P<kind>tip|success|info)"')
PARTS = {"tip": "hint", "success": "solution", "info": "check"}


def data(exercise: Exercise) -> dict:
    """The exercise-data JSON of one exercise (the page's script reads it)."""
    return {
        "schema": 1,
        "id": exercise.anchor,
        "name": exercise.name,
        "page": exercise.page.src_uri,
        "dir": exercise.dir,
        "title": exercise.title,
        "kind": exercise.kind,
        "filename": rel(exercise.starter),
        "starter": exercise.starter.read_text(encoding="utf-8"),
        "solution": exercise.solution.read_text(encoding="utf-8"),
        "check": exercise.check_file.read_text(encoding="utf-8"),
        "starterSha256": exercise.sha256(exercise.starter),
        "hints": len(exercise.hints),
        "command": exercise.command,
    }


def _script(exercise: Exercise) -> str:
    # A template, not a <script type="application/json">: Material's instant
    # navigation re-creates the content's scripts without their type, so the
    # JSON would run as JavaScript (a SyntaxError that stops the page swap).
    text = html.escape(json.dumps(data(exercise), ensure_ascii=False), quote=False)
    return f'<template class="exercise-data">{text}</template>'


def _local(exercise: Exercise) -> str:
    return (
        '<p class="exercise-local"><strong>Check it on your computer</strong> '
        "(Python 3.11+, from the repository root): "
        f"<code>{html.escape(exercise.command)} [FILE]</code> checks FILE, by "
        f"default <code>{html.escape(rel(exercise.starter))}</code>.</p>"
    )


def _wrap(content: str, exercise: Exercise) -> str:
    where = f"{rel(exercise.page.source)}: {exercise.dir}"
    start = content.find(f'<h3 id="{exercise.anchor}"')
    if start == -1:
        raise PluginError(f"{where}: no <h3 id={exercise.anchor!r}> in the page")
    found = _NEXT_SECTION.search(content, start + 3)
    end = found.start() if found else len(content)
    body = content[start:end]
    starter = html.escape(rel(exercise.starter))
    block = body.find(
        '<div class="language-python exercise highlight">'
        f'<span class="filename">{starter}</span>'
    )
    close = body.find("</pre></div>", block)
    if block == -1 or close == -1:
        raise PluginError(f"{where}: its starter block is not under its heading")
    close += len("</pre></div>")
    body = body[:close] + _local(exercise) + _script(exercise) + body[close:]
    hints = 0

    def tag(match: re.Match) -> str:
        nonlocal hints
        part = PARTS[match["kind"]]
        extra = ""
        if part == "hint":
            hints += 1
            extra = f' data-hint="{hints}"'
        return f'{match.group(0)} data-exercise-part="{part}"{extra}'

    body = _DETAILS.sub(tag, body)
    if hints != len(exercise.hints):
        raise PluginError(
            f"{where}: {hints} hint boxes (??? tip), {len(exercise.hints)} hint files"
        )
    opening = (
        f'<section class="exercise" data-exercise="{exercise.name}" '
        f'data-kind="{exercise.kind}">'
    )
    return content[:start] + opening + body + "</section>" + content[end:]


def on_pre_build(config: MkDocsConfig) -> None:
    problems = []
    shown = set()
    for page in site():
        for exercise in exercises_of(page):
            problems += exercise.problems()
            shown.add(exercise.folder)
    problems += [
        f"{rel(folder)}: no page shows this exercise"
        for folder in exercise_folders()
        if folder not in shown
    ]
    if problems:
        raise PluginError("exercises:\n  " + "\n  ".join(problems))


def on_page_content(
    content: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    try:
        model = site().page(page.file.src_uri)
    except KeyError:
        return content
    for exercise in exercises_of(model):
        content = _wrap(content, exercise)
    return content
