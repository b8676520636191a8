"""Exercises in Chromium, used the way a student does: Check on the page.

One tab for the module (its Pyodide worker boots once and stays warm), moved
between pages by instant navigation. For every exercise of the site the
starter fails with the message its statement announces and the reference
solution passes; Replay runs the failing schedule again in the simulator's
panel with the output Check saw fail, and the same timeline each time (not
compared with CPython's backend: Pyodide's Python 3.14 has other bytecode,
so a schedule that switches after reads switches elsewhere there);
bad input gets a clear message and the next Check works; hints come one at a
time; the progress page shows each state, and Export then Import restores the
work in a fresh browser; a bad file changes nothing. The new controls pass
axe in both colour schemes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from runner_tab import Tab, open_tab

from docs_tools.axe import SCHEMES, described, load_axe, show_scheme, violations
from docs_tools.code_blocks import mount_code_blocks
from docs_tools.exercises import Exercise, site_exercises

# Boots Pyodide: on the second Pyodide worker (tests/conftest.py).
pytestmark = pytest.mark.xdist_group("browser-2")

EXERCISES = site_exercises()
CHECK_TIMEOUT_MS = 120_000


def ids(exercise: Exercise) -> str:
    return f"{exercise.page.name}/{exercise.folder.name}"


def flat(text: str) -> str:
    return " ".join(text.split())


def section(tab: Tab, exercise: Exercise):
    return tab.page.locator(f'section.exercise[data-exercise="{exercise.name}"]')


def go_to(tab: Tab, exercise: Exercise) -> None:
    url = tab.server.page_url(exercise.page.src_uri)
    if tab.page.url.split("#")[0] != url:
        tab.go(url)
    section(tab, exercise).locator("div.exercise[data-tip-ready]").wait_for(
        timeout=30_000
    )


def check(tab: Tab, exercise: Exercise, code: str) -> dict:
    """Put `code` in the exercise's editor, press Check, wait for the verdict."""
    go_to(tab, exercise)
    where = section(tab, exercise)
    where.locator("div.exercise").evaluate("(e, c) => e.tipBlock.setCode(c)", code)
    where.evaluate("s => delete s.dataset.tipCheck")
    where.get_by_role("button", name="Check your code").click()
    tab.page.wait_for_function(
        "s => s.dataset.tipCheck", arg=where.element_handle(), timeout=CHECK_TIMEOUT_MS
    )
    return {
        "state": where.get_attribute("data-tip-check"),
        "text": flat(where.locator(".tip-verdict").inner_text()),
        "verdict": where.evaluate("s => s.tipExercise.verdict"),
    }


@pytest.fixture(scope="module")
def tab(browser, site_server) -> Iterator[Tab]:
    opened = open_tab(
        browser, site_server, site_server.page_url(EXERCISES[0].page.src_uri)
    )
    yield opened
    opened.page.context.close()


def test_the_site_has_exercises() -> None:
    assert len(EXERCISES) >= 25, [ids(e) for e in EXERCISES]


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids)
def test_starter_fails_as_announced_and_solution_passes(
    tab: Tab, exercise: Exercise
) -> None:
    starter = exercise.starter.read_text(encoding="utf-8")
    failed = check(tab, exercise, starter)
    assert failed["state"] == "failing", failed
    assert flat(exercise.check.announces) in failed["text"], failed
    passed = check(tab, exercise, exercise.solution.read_text(encoding="utf-8"))
    assert passed["state"] == "passed", passed
    assert passed["verdict"]["explored"] == passed["verdict"]["total"]
    if exercise.kind == "threaded":
        assert passed["verdict"]["explored"] >= 100
        assert f"{passed['verdict']['total']} schedules explored" in passed["text"]


THREADED = [e for e in EXERCISES if e.kind == "threaded"]
LOST_UPDATE = next(e for e in EXERCISES if e.name == "lost-update")


def test_replay_runs_the_failing_schedule_again(tab: Tab) -> None:
    exercise = LOST_UPDATE
    starter = exercise.starter.read_text(encoding="utf-8")
    failed = check(tab, exercise, starter)
    verdict = failed["verdict"]
    assert failed["state"] == "failing" and verdict["schedule"], failed
    where = section(tab, exercise)
    sims = []
    for _ in range(2):  # the same schedule, the same run, each time
        where.evaluate(
            "s => s.querySelector('.tip-sim')?.removeAttribute('data-tip-verdict')"
        )
        where.get_by_role("button", name="Replay").click()
        panel = where.locator(".tip-sim")
        panel.and_(tab.page.locator("[data-tip-verdict]")).wait_for(
            state="attached", timeout=CHECK_TIMEOUT_MS
        )
        sims.append(panel.evaluate("p => p.tipSimResult"))
        assert panel.locator(".tip-sim-timeline svg").count() == 1
    first, second = sims
    assert first["output"] == verdict["output"]  # what Check saw fail
    assert (first["output"], first["timeline_sha256"]) == (
        second["output"],
        second["timeline_sha256"],
    )
    # The panel shows the schedule it ran.
    assert where.locator(".tip-sim-seed").input_value() == str(
        verdict["schedule"]["seed"]
    )
    assert (
        where.locator(".tip-sim-policy").input_value() == verdict["schedule"]["policy"]
    )


BAD = {
    "syntax": ("def deposit(:\n    pass\n", "does not parse"),
    "endless": ("while True:\n    pass\n", "did not finish"),
    "flood": ("while True:\n    print('x' * 100)\n", "printed more than"),
    "input": ("balance = int(input('start? '))\n", "calls input()"),
    "thread-error": (
        "import threading\nbalance = 0\n\n\n"
        "def work():\n    raise ValueError('boom')\n\n\n"
        "t = threading.Thread(target=work)\nt.start()\nt.join()\n",
        "raised ValueError",
    ),
    "nothing": ("pass\n", "defines no `balance`"),
    "processes": (
        "import multiprocessing\nbalance = 0\n",
        "starts processes",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=str)
def test_bad_input_gets_a_clear_message_and_the_next_check_works(
    tab: Tab, case: str
) -> None:
    code, expected = BAD[case]
    exercise = LOST_UPDATE
    failed = check(tab, exercise, code)
    assert failed["state"] == "failing", failed
    assert expected in failed["text"], failed
    assert tab.page.evaluate("() => 1 + 1") == 2  # the page still answers
    passed = check(tab, exercise, exercise.solution.read_text(encoding="utf-8"))
    assert passed["state"] == "passed", passed


def test_hints_one_at_a_time_then_the_solution(tab: Tab) -> None:
    exercise = next(e for e in EXERCISES if len(e.hints) >= 2)
    go_to(tab, exercise)
    where = section(tab, exercise)
    tab.page.evaluate("() => localStorage.removeItem('tip:v1:progress')")
    tab.page.reload()
    go_to(tab, exercise)
    hints = where.locator('details[data-exercise-part="hint"]')
    solution = where.locator('details[data-exercise-part="solution"]')
    assert hints.count() == len(exercise.hints)
    assert all(hints.nth(i).is_hidden() for i in range(hints.count()))
    assert solution.is_hidden()
    for shown in range(1, len(exercise.hints) + 1):
        button = where.get_by_role(
            "button", name=f"Show hint {shown} of {len(exercise.hints)}"
        )
        button.focus()
        tab.page.keyboard.press("Enter")  # reachable and usable by keyboard
        assert hints.nth(shown - 1).is_visible()
        if shown < len(exercise.hints):
            assert hints.nth(shown).is_hidden()
    assert where.get_by_role("button", name="Show hint").count() == 0
    assert solution.is_hidden()
    where.get_by_role("button", name="Show the solution").click()
    assert solution.is_visible()
    assert exercise.solution.read_text(encoding="utf-8").splitlines()[0] in (
        solution.inner_text()
    )
    # Kept: a reload shows what was revealed.
    tab.page.reload()
    go_to(tab, exercise)
    assert hints.nth(len(exercise.hints) - 1).is_visible()
    assert solution.is_visible()


def test_new_controls_pass_axe_in_both_schemes(tab: Tab) -> None:
    exercise = LOST_UPDATE
    failed = check(tab, exercise, exercise.starter.read_text(encoding="utf-8"))
    assert failed["state"] == "failing"
    where = section(tab, exercise)
    where.get_by_role("button", name="Replay").click()
    where.locator(".tip-sim[data-tip-verdict]").wait_for(
        state="attached", timeout=CHECK_TIMEOUT_MS
    )
    mount_code_blocks(tab.page)  # Material's set-up of the blocks, as a reader scrolls
    load_axe(tab.page)
    problems = {}
    for scheme in SCHEMES:
        show_scheme(tab.page, scheme)
        found = violations(tab.page, {"include": [["section.exercise"]]})
        problems[scheme] = described(found, nodes=1)
    tab.page.emulate_media(color_scheme="light")
    assert problems == {"light": [], "dark": []}


# ------------------------------------------------------------- progress --


def progress_rows(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll("
        "'tr[data-exercise-url]')]"
        ".map(r => [r.dataset.exerciseUrl, r.dataset.tipState]))"
    )


def test_progress_states_export_and_import(
    tab: Tab, browser, site_server, tmp_path: Path
) -> None:
    failing, passing = THREADED[0], THREADED[1]
    tab.page.evaluate("() => localStorage.clear()")
    edited = "# my attempt\n" + failing.starter.read_text(encoding="utf-8")
    assert check(tab, failing, edited)["state"] == "failing"
    passing_code = passing.solution.read_text(encoding="utf-8")
    assert check(tab, passing, passing_code)["state"] == "passed"
    tab.page.wait_for_function(
        "() => Object.keys(localStorage)"
        ".filter(k => k.startsWith('tip:v1:code:')).length === 2"
    )

    tab.go(site_server.page_url("progress.md"))
    page = tab.page
    page.locator(".tip-progress-page[data-tip-mounted]").wait_for()
    rows = progress_rows(page)
    assert len(rows) == len(EXERCISES)
    assert rows.pop(failing.url) == "failing"
    assert rows.pop(passing.url) == "passed"
    assert set(rows.values()) == {"not tried"}
    assert (
        page.locator(".tip-progress-summary")
        .text_content()
        .startswith(f"1 of {len(EXERCISES)} exercises passed, 1 failing")
    )

    page.get_by_label("Your name").fill("Ada Lovelace")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my work").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "threads-in-python-progress"
    assert data["student"] == "Ada Lovelace"
    assert data["site"]["version"].startswith("0.")
    entries = {entry["url"]: entry for entry in data["exercises"]}
    assert len(entries) == len(EXERCISES)
    assert entries[failing.url]["state"] == "failing"
    assert entries[failing.url]["code"] == edited
    assert entries[passing.url]["state"] == "passed"
    assert entries[passing.url]["code"] == passing_code
    assert "passed" in entries[passing.url]["message"]

    # Another computer: a fresh browser, nothing kept; no Python needed.
    other = open_tab(browser, site_server, site_server.page_url("progress.md"))
    try:
        page = other.page
        page.locator(".tip-progress-page[data-tip-mounted]").wait_for()
        assert set(progress_rows(page).values()) == {"not tried"}
        bad = {
            "not-json.json": "{ not json",
            "other.json": json.dumps({"format": "something else"}),
            "bad-state.json": json.dumps(
                {**data, "exercises": [{**data["exercises"][0], "state": "done"}]}
            ),
        }
        for name, text in bad.items():
            page.locator(".tip-progress-import input").set_input_files(
                files=[
                    {
                        "name": name,
                        "mimeType": "application/json",
                        "buffer": text.encode(),
                    }
                ]
            )
            result = page.locator(".tip-progress-result")
            result.filter(has_text=name).wait_for()
            assert "nothing was changed" in result.text_content(), name
            assert set(progress_rows(page).values()) == {"not tried"}
        assert "unknown state" in page.locator(".tip-progress-result").text_content()

        page.locator(".tip-progress-import input").set_input_files(str(exported))
        page.locator(".tip-progress-result").filter(has_text="Imported").wait_for()
        rows = progress_rows(page)
        assert rows[failing.url] == "failing"
        assert rows[passing.url] == "passed"
        assert page.get_by_label("Your name").input_value() == "Ada Lovelace"
        # The code is back in its exercise's editor, marked as the student's.
        other.go(site_server.page_url(failing.page.src_uri))
        starter = section(other, failing).locator("div.exercise")
        starter.and_(page.locator("[data-tip-ready]")).wait_for()
        page.wait_for_function(
            "e => e.tipBlock.code().startsWith('# my attempt')",
            arg=starter.element_handle(),
        )
        assert starter.get_attribute("data-tip-restored") == "yours"
    finally:
        other.page.context.close()
