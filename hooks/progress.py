"""The progress page: every exercise of the site, listed by the build.

`docs/progress.md` holds the prose and one marker line,
`<!-- progress:exercises -->`, which this hook replaces with a table of every
exercise in reading order (docs_tools.exercises.site_exercises: its chapter,
its link, what kind of check it has) and, for the page's script
(web/runner/progress.js), the same list as JSON with the site's version (in
an attribute). The
script fills in each exercise's state from the reader's browser (not tried /
failing / passed) and does Export and Import. A marker on another page, or a
site without exercises, stops the build.
"""

from __future__ import annotations

import html
import json
import subprocess
import tomllib

from mkdocs.exceptions import PluginError

from docs_tools.exercises import site_exercises
from docs_tools.site import ROOT

MARKER = "<!-- progress:exercises -->"
PAGE = "progress.md"
KINDS = {"threaded": "threads, many schedules", "single": "one run"}


def site_version() -> str:
    """The project's version, and the commit it was built from when known:
    "0.1.0+3b69682" (an export says which site the student used)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = project["project"]["version"]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return version  # built from an archive, not a clone
    return f"{version}+{commit}" if commit else version


def listing() -> list[dict]:
    """Every exercise, as the page's script needs it."""
    return [
        {
            "url": exercise.url,
            "page": exercise.page.url,
            "chapter": exercise.page.title,
            "title": exercise.title,
            "kind": exercise.kind,
            "filename": exercise.starter.relative_to(ROOT).as_posix(),
        }
        for exercise in site_exercises()
    ]


def _table(items: list[dict], base: str) -> str:
    rows = []
    for item in items:
        link = html.escape(base + item["url"], quote=True)
        rows.append(
            f'<tr data-exercise-url="{html.escape(item["url"], quote=True)}">'
            f"<td>{html.escape(item['chapter'])}</td>"
            f'<td><a href="{link}">{html.escape(item["title"])}</a></td>'
            f"<td>{KINDS.get(item['kind'], item['kind'])}</td>"
            '<td class="tip-progress-state">needs JavaScript</td></tr>'
        )
    return (
        "<table>"
        "<caption>Every exercise of the site and its state in this browser</caption>"
        '<thead><tr><th scope="col">Chapter</th><th scope="col">Exercise</th>'
        '<th scope="col">Check</th><th scope="col">State</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def on_page_markdown(markdown: str, page, config, files) -> str:
    if MARKER not in markdown:
        return markdown
    if page.file.src_uri != PAGE:
        raise PluginError(f"{page.file.src_uri}: {MARKER} belongs on {PAGE}")
    items = listing()
    if not items:
        raise PluginError(f"{PAGE}: the site has no exercises to list")
    # Links relative to this page (progress/): up one level to the site root.
    base = "../"
    data = {
        "schema": 1,
        "site": config.site_name,
        "version": site_version(),
        "exercises": items,
    }
    # In an attribute, not a <script>: Material's instant navigation re-runs
    # the content's scripts without their type, so JSON would run as code.
    listed = html.escape(json.dumps(data, ensure_ascii=False), quote=True)
    block = (
        f'<div class="tip-progress-page" markdown="0" data-exercises="{listed}">'
        f"{_table(items, base)}</div>"
    )
    return markdown.replace(MARKER, block)
