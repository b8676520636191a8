"""The "For instructors" page: every section of the site, generated.

`docs/instructors.md` holds the prose and one marker line,
`<!-- instructors:sections -->`, which this hook replaces with, for each page
in reading order: its permanent absolute link (from `site_url`) with a
copy-link button, what it teaches (its `description:`), a suggested time, its
sections with their own links, which examples run in the browser and
which need a local Python, and its exercises (docs_tools/exercises.py): what
each practises, what its check verifies, its expected time and its link.
Nothing here is typed by hand, so the page cannot drift from the site. A
marker on another page, or a page missing from the navigation, stops the
build.
"""

from __future__ import annotations

import html
import math
import re

from mkdocs.exceptions import PluginError

from docs_tools.exercises import Exercise, exercises_of
from docs_tools.site import Page, rel, site

MARKER = "<!-- instructors:sections -->"
WORDS_PER_MINUTE = 200  # a careful first reading of technical prose
MINUTES_PER_EXAMPLE = 2  # read it, run it, look at the output
_NOT_PROSE = re.compile(r"<!--.*?-->|\{[^}]*\}|\[([^\]]*)\]\([^)]*\)", re.S)


def _absolute(site_url: str, page_url: str, anchor: str = "") -> str:
    return site_url.rstrip("/") + "/" + page_url + (f"#{anchor}" if anchor else "")


def _copy_button(url: str, what: str) -> str:
    return (
        f'<button type="button" class="copy-link md-button" data-copy-url="{url}" '
        f'aria-label="Copy link to {html.escape(what, quote=True)}">'
        "Copy link</button>"
    )


def _description(model: Page) -> str:
    """The page's `description:` front matter."""
    if not model.meta.get("description"):
        raise PluginError(
            f"{rel(model.source)}: no `description:` front matter to teach from"
        )
    return " ".join(str(model.meta["description"]).split())


def _prose_words(model: Page) -> int:
    """Words of prose: front matter, includes, fences and markup left out."""
    body = "\n".join(
        line
        for line in model.text.splitlines()[model.front_matter_lines :]
        if "--8<--" not in line and "```" not in line
    )
    return len(_NOT_PROSE.sub(r"\1", body).split())


#: Pages the instructors page does not teach from: itself, the conventions,
#: the glossary (reference pages, not lessons) and the reader's progress.
NOT_TAUGHT = {"instructors.md", "conventions.md", "glossary.md", "progress.md"}


def section_id(model: Page, number: int) -> str:
    """The id of a page's section here: `teach-` and the id of its title."""
    title_id = next((h.id for h in model.headings if h.level == 1), None)
    return f"teach-{title_id or number}"


def section_ids() -> set[str]:
    """Every section id this hook writes, from the pages as written."""
    taught = [page for page in site() if page.src_uri not in NOT_TAUGHT]
    return {section_id(page, number) for number, page in enumerate(taught, 1)}


def _exercise(exercise: Exercise, site_url: str, page_url: str) -> str:
    """One exercise: its link, what it practises and checks, its time."""
    check = exercise.check
    link = _absolute(site_url, page_url, exercise.anchor)
    where = (
        "checked under 100+ thread schedules in the simulator"
        if check.threaded
        else "checked in the page's Python"
    )
    return (
        f"- [{exercise.title}]({link}) {_copy_button(link, exercise.title)}"
        f" — practises {check.practises}; about {check.minutes} min; {where}."
        f" The check verifies: {'; '.join(check.verifies())}."
        f" Locally: `{exercise.command} [FILE]`."
    )


def _section(number: int, page, site_url: str) -> str:
    model = site().page(page.file.src_uri)
    description = _description(model)
    found = model.examples
    in_browser = [e for e in found if e.kind == "runnable"]
    local = [e for e in found if e.kind != "runnable"]
    exercises = exercises_of(model)
    minutes = math.ceil(
        _prose_words(model) / WORDS_PER_MINUTE + MINUTES_PER_EXAMPLE * len(found)
    )
    practice = sum(exercise.check.minutes for exercise in exercises)
    url = _absolute(site_url, page.url)
    lines = [
        f"### {number}. {page.title} {{ #{section_id(model, number)} }}",
        "",
        f"[{url}]({url}) {_copy_button(url, page.title)}",
        "",
        f"**What it teaches:** {description}",
        "",
        f"**Suggested time:** about {minutes} min "
        f"({len(found)} example{'s' if len(found) != 1 else ''})"
        + (
            f", and about {practice} min for its {len(exercises)} exercise"
            f"{'s' if len(exercises) != 1 else ''}."
            if exercises
            else "."
        ),
        "",
    ]
    sections = [(h.text, h.id) for h in model.headings if h.level == 2 and h.id]
    if sections:
        lines += ["**Sections:**", ""]
        for name, ident in sections:
            link = _absolute(site_url, page.url, ident)
            lines.append(f"- [{name}]({link}) {_copy_button(link, name)}")
        lines.append("")
    if found:
        lines += ["**Examples:**", ""]
        for example in in_browser:
            where = rel(example.snippet)
            lines.append(f"- :material-play-circle: in the browser — `{where}`")
        for example in local:
            lines.append(f"- :material-laptop: local Python — `{example.command}`")
        lines.append("")
    if exercises:
        lines += ["**Exercises:**", ""]
        lines += [_exercise(e, site_url, page.url) for e in exercises]
        lines.append("")
    return "\n".join(lines)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if MARKER not in markdown:
        return markdown
    if page.file.src_uri != "instructors.md":
        raise PluginError(f"{page.file.src_uri}: {MARKER} belongs on instructors.md")
    site_url = config.site_url or ""
    if not site_url:
        raise PluginError("instructors.md needs site_url for permanent links")
    order = {page.src_uri: index for index, page in enumerate(site())}
    teaching = [
        file.page
        for file in files.documentation_pages()
        if file.src_uri in order and file.page is not None
    ]
    teaching.sort(key=lambda p: order[p.file.src_uri])
    chosen = [p for p in teaching if p.file.src_uri not in NOT_TAUGHT]
    missing = [p for p in chosen if not p.url and not p.is_homepage]
    if missing:
        raise PluginError(f"pages without a URL: {missing}")
    body = "\n".join(
        _section(number, page_, site_url) for number, page_ in enumerate(chosen, 1)
    )
    return markdown.replace(MARKER, body)
