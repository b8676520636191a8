"""Every exercise checks what it says, on every CPython found.

For each exercise (docs_tools/exercises.py finds them on the pages): its
files and markup are complete; `python check.py FILE` (what a student runs,
in a fresh process) passes the solution, fails the starter with the message
the statement quotes, and fails every wrong answer kept in tests/exercises/;
the first failing schedule is the same on every search and replaying it with
`threadsim.run` breaks the invariant again. The checker's answers to bad
input (code that does not parse, never ends, floods, starts processes, calls
input(), raises in a thread, defines nothing) are tested on small programs.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import textwrap

import pytest

import threadsim
from docs_tools.exercises import (
    Exercise,
    exercise_folders,
    load_check,
    page_includes,
    site_exercises,
)
from docs_tools.pages import raw_fences
from docs_tools.pythons import interpreters
from docs_tools.site import ROOT, Page, rel
from hooks import exercises as hooks_exercises
from threadsim import _browser
from threadsim._explore import schedules
from threadsim.exercise import (
    Check,
    RunView,
    each_once,
    ends_within,
    final,
    no_thread_left_running,
    prediction,
    threads_overlap,
)

EXERCISES = site_exercises()
PYTHONS = interpreters()
THREADED = [e for e in EXERCISES if e.kind == "threaded"]


def ids(exercise) -> str:
    return f"{exercise.page.name}/{exercise.folder.name}"


def local_check(python: str, exercise, program) -> subprocess.CompletedProcess:
    """`python check.py FILE` from the repository root, as a student runs it.

    One real run instead of the check's default (several with real sleeps):
    the suite's time goes to the schedules, which decide.
    """
    return subprocess.run(
        [python, "-I", rel(exercise.check_file), rel(program), "--real-runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_the_site_has_exercises() -> None:
    assert len(EXERCISES) >= 5, [ids(e) for e in EXERCISES]


def test_every_exercise_folder_is_on_a_page() -> None:
    shown = {e.folder for e in EXERCISES}
    assert [rel(f) for f in exercise_folders() if f not in shown] == []


def test_exercise_ids_are_unique_per_page() -> None:
    seen: dict[tuple[str, str], str] = {}
    for exercise in EXERCISES:
        key = (exercise.page.src_uri, exercise.anchor)
        assert key not in seen, f"{ids(exercise)} and {seen[key]} share #{key[1]}"
        seen[key] = ids(exercise)


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids)
def test_files_and_markup_are_complete(exercise) -> None:
    assert exercise.problems() == []
    assert exercise.title  # the heading carries its id


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids)
def test_statement_quotes_the_starter_message(exercise) -> None:
    check = exercise.check
    assert check.title == exercise.title, "check.py's title is the heading's"
    assert check.announces, f"{rel(exercise.check_file)}: no `announces=`"
    statement = (exercise.folder / "statement.md").read_text(encoding="utf-8")
    # Markdown runs a paragraph's lines together: so does the comparison.
    assert " ".join(check.announces.split()) in " ".join(statement.split()), (
        f"{rel(exercise.folder)}/statement.md does not quote {check.announces!r}"
    )
    assert check.practises, f"{rel(exercise.check_file)}: no `practises=`"


@pytest.mark.parametrize("exercise", THREADED, ids=ids)
def test_threaded_exercise_has_wrong_answers(exercise) -> None:
    assert exercise.wrong_answers, (
        f"no tests/exercises/{exercise.folder.parent.parent.name}/"
        f"{exercise.folder.name}/wrong_<what>.py"
    )


@pytest.mark.parametrize("python", PYTHONS, ids=lambda p: p.label)
@pytest.mark.parametrize("exercise", EXERCISES, ids=ids)
def test_solution_passes_and_starter_fails(exercise, python) -> None:
    solved = local_check(python.path, exercise, exercise.solution)
    # The schedules decide; a real run's threads sleep to a real clock, and on
    # a machine busy enough a thread waits longer than a sleep's margin for a
    # core (CI saw futures/01_first_answer_wins print its 0.1 s-apart answers
    # out of order). Another real run, up to three, then.
    for _ in range(2):
        if solved.returncode == 0 or "With real threads" not in solved.stdout:
            break
        solved = local_check(python.path, exercise, exercise.solution)
    assert solved.returncode == 0, (
        f"{rel(exercise.solution)} on Python {python.version}:\n"
        f"{solved.stdout}{solved.stderr}"
    )
    assert f"{exercise.title}: passed." in solved.stdout
    if exercise.kind == "threaded":
        assert f"{exercise.check.schedules} schedules explored" in solved.stdout
    started = local_check(python.path, exercise, exercise.starter)
    assert started.returncode == 1, started.stdout + started.stderr
    assert exercise.check.announces in started.stdout, started.stdout


@pytest.mark.parametrize("python", PYTHONS, ids=lambda p: p.label)
@pytest.mark.parametrize(
    ("exercise", "wrong"),
    [(e, w) for e in EXERCISES for w in e.wrong_answers],
    ids=lambda x: x.stem if hasattr(x, "stem") else ids(x),
)
def test_wrong_answer_fails(exercise, wrong, python) -> None:
    done = local_check(python.path, exercise, wrong)
    assert done.returncode == 1, (
        f"{rel(wrong)} passed on Python {python.version}:\n{done.stdout}"
    )
    assert f"{exercise.title}: not yet." in done.stdout


@pytest.mark.parametrize("exercise", THREADED, ids=ids)
def test_first_failing_schedule_is_deterministic_and_replays(exercise) -> None:
    check = exercise.check
    code = exercise.starter.read_text(encoding="utf-8")
    filename = rel(exercise.starter)
    first = check.run(code, filename)
    again = check.run(code, filename)
    assert not first.passed
    assert first.schedule is not None, first.message
    assert (first.schedule, first.index, first.message, first.output) == (
        again.schedule,
        again.index,
        again.message,
        again.output,
    )
    assert first.schedule == check.plan()[first.index - 1]
    # Replay as the page's panel does: the schedule's JSON as run options.
    given = first.schedule.as_json()
    replay = threadsim.run(
        code,
        filename,
        seed=given["seed"],
        policy=given["policy"],
        granularity=given["granularity"],
        quantum=given["quantum"],
        max_steps=given["maxSteps"],
        max_time=given["maxTime"],
    )
    assert replay.output == first.output
    view = RunView(
        output=replay.output,
        namespace=replay.namespace,
        simulated=True,
        filename=filename,
        error=replay.error,
        thread_errors=replay.thread_errors,
        alive_at_exit=replay.alive_at_exit,
        stuck=replay.stuck,
        stop_reason=replay.stop_reason,
        threads=replay.threads,
        events=replay.events,
    )
    assert check.breaks(view) is not None


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids)
def test_browser_entry_loads_the_check(exercise) -> None:
    source = exercise.check_file.read_text(encoding="utf-8")
    loaded = _browser.load_check(source, rel(exercise.starter))
    assert loaded.title == exercise.title
    assert loaded.kind == exercise.kind


# -- the search ---------------------------------------------------------------
def test_schedules_cover_every_policy_and_granularity() -> None:
    plan = schedules(100)
    assert len(plan) == len(set(plan)) == 100
    assert (
        {s.policy for s in plan}
        == set(threadsim.POLICIES)
        == {
            "every",
            "random",
            "reads",
        }
    )
    assert {s.granularity for s in plan} == set(threadsim.GRANULARITIES)
    assert plan == schedules(100)
    assert schedules(20) == plan[:20]


def test_reads_policy_splits_a_read_from_its_write() -> None:
    code = textwrap.dedent(
        """
        import threading
        n = 0
        def bump():
            global n
            for _ in range(10):
                n += 1
        ts = [threading.Thread(target=bump) for _ in range(2)]
        for t in ts: t.start()
        for t in ts: t.join()
        print(n)
        """
    )
    # CPython's own switch points never split `n += 1`; a switch after each
    # read of `n` does, in every seed.
    assert threadsim.run(code, seed=0, quantum=1).output == "20\n"
    for seed in range(3):
        assert threadsim.run(code, seed=seed, policy="reads").output != "20\n"


# -- bad input ----------------------------------------------------------------
SIMPLE = Check(
    title="Sum it",
    defines=["total"],
    invariants=[final("total", 10)],
)


def verdict(code: str, check: Check = SIMPLE):
    return check.run(textwrap.dedent(code), "answer.py", limit=5)


def test_code_that_does_not_parse() -> None:
    found = verdict("total = (1 +\n")
    assert (found.passed, found.problem, found.explored) == (False, "syntax", 0)
    assert "Your code does not parse (line 1" in found.message


def test_code_that_never_ends() -> None:
    found = verdict("total = 0\nwhile True:\n    total += 1\n")
    assert found.problem == "budget"
    assert "did not finish" in found.message
    assert "switch points" in found.message


def test_a_thread_that_waits_forever_with_a_timeout_loop() -> None:
    code = """
    import threading, time
    total = 10
    def worker():
        while True:
            time.sleep(1)
    threading.Thread(target=worker).start()
    """
    found = verdict(code)
    assert found.problem == "budget"
    assert "simulated time" in found.message


def test_output_flood() -> None:
    found = verdict("total = 10\nwhile True:\n    print('x' * 100)\n")
    assert found.problem == "output-flood"
    assert "more than 20,000 characters" in found.message
    assert len(found.output) < 5_000


def test_output_flood_from_a_thread() -> None:
    code = """
    import threading
    total = 10
    def chatter():
        while True:
            print("x" * 100)
    threading.Thread(target=chatter).start()
    """
    found = verdict(code)
    assert found.problem == "output-flood", found.message
    assert verdict("total = 10\n").passed  # and the next check is clean


def test_starting_processes_is_refused_before_running() -> None:
    for code in (
        "import multiprocessing\ntotal = 10\n",
        "import os\ntotal = 10\nos.system('true')\n",
        "from concurrent.futures import ProcessPoolExecutor\ntotal = 10\n",
        "import subprocess\ntotal = 10\n",
    ):
        found = verdict(code)
        assert found.problem == "processes", code
        assert found.explored == 0
        assert "starts processes (line" in found.message


def test_input_is_explained() -> None:
    found = verdict("total = int(input('how many? '))\n")
    assert found.problem == "input"
    assert "calls input() (line 1)" in found.message
    assert found.schedule is None


def test_an_exception_in_a_thread() -> None:
    code = """
    import threading
    total = 10
    def worker():
        1 / 0
    t = threading.Thread(target=worker, name="worker")
    t.start()
    t.join()
    """
    found = verdict(code)
    assert found.problem == "error"
    assert "Thread worker raised ZeroDivisionError at line 5" in found.message
    assert found.schedule is not None  # which run it was, for Replay


def test_defining_nothing_the_check_expects() -> None:
    found = verdict("print('hello')\n")
    assert found.problem == "missing"
    assert "defines no `total`" in found.message


def test_a_deadlock_names_each_thread_and_lock() -> None:
    code = """
    import threading
    total = 10
    first, second = threading.Lock(), threading.Lock()
    def one():
        with first:
            with second:
                pass
    def two():
        with second:
            with first:
                pass
    a = threading.Thread(target=one, name="one")
    b = threading.Thread(target=two, name="two")
    a.start(); b.start(); a.join(); b.join()
    """
    found = check_until_failure(code)
    assert found.problem == "deadlock", found.message
    waits = {(s["thread"], s["on"], s["held_by"]) for s in found.stuck}
    assert waits >= {("one", "second", "two"), ("two", "first", "one")}
    assert "one waits in Lock.acquire() on `second`, held by two" in found.message
    assert "MainThread waits in one.join()" in found.message


def check_until_failure(code: str):
    return SIMPLE.run(textwrap.dedent(code), "answer.py")


def test_the_next_check_works_after_bad_input() -> None:
    assert verdict("while True:\n    pass\n").problem == "budget"
    assert verdict("total = 10\n").passed


# -- invariants ---------------------------------------------------------------
def test_no_thread_left_running() -> None:
    check = Check(title="t", invariants=[no_thread_left_running()])
    code = """
    import threading, time
    def worker():
        time.sleep(10)
    threading.Thread(target=worker, name="worker", daemon=True).start()
    """
    found = check.run(textwrap.dedent(code), "answer.py", limit=3)
    assert "worker was still running" in found.message


def test_each_once_lists_missing_and_twice() -> None:
    check = Check(title="t", invariants=[each_once("done", range(5))])
    found = check.run("done = [0, 1, 1, 2, 7]\n", "answer.py", limit=2)
    assert "2 never processed (3, 4)" in found.message
    assert "1 processed more than once (1)" in found.message
    assert "1 unexpected (7)" in found.message


def test_threads_overlap_refuses_a_sleep_that_keeps_threads_apart() -> None:
    check = Check(title="t", invariants=[threads_overlap()])
    code = """
    import threading, time
    def work():
        for _ in range(100):
            pass
    for _ in range(2):
        threading.Thread(target=work).start()
        time.sleep(1)
    """
    found = check.run(textwrap.dedent(code), "answer.py", limit=3)
    assert "never ran at the same time" in found.message


def test_ends_within_uses_the_virtual_clock() -> None:
    check = Check(title="t", invariants=[ends_within(0.1, "worker", "stop")])
    code = """
    import threading, time
    stop = threading.Event()
    def work():
        while not stop.is_set():
            time.sleep({pause})
    t = threading.Thread(target=work, name="worker")
    t.start()
    time.sleep(0.5)
    print("stop")
    stop.set()
    t.join()
    """
    slow = check.run(textwrap.dedent(code).format(pause=1), "answer.py", limit=3)
    assert "ended 0.500 s after 'stop' was printed" in slow.message
    fast = check.run(textwrap.dedent(code).format(pause=0.05), "answer.py", limit=3)
    assert fast.passed, fast.message


def test_prediction() -> None:
    check = Check(title="t", threaded=False, invariants=[prediction("PREDICTION")])
    good = check.run("PREDICTION = 'a\\nb\\n'\nprint('a')\nprint('b')\n", "p.py")
    assert good.passed and good.explored == 1, good.message
    bad = check.run("PREDICTION = 'b\\na\\n'\nprint('a')\nprint('b')\n", "p.py")
    assert "line 1 is 'b', printed 'a'" in bad.message


def test_verdict_json_shape() -> None:
    found = verdict("total = 9\n").as_json()
    assert set(found) == {
        "schema",
        "passed",
        "kind",
        "explored",
        "total",
        "message",
        "problem",
        "schedule",
        "index",
        "stuck",
        "output",
        "wall_time",
    }
    assert json.loads(json.dumps(found)) == found
    assert set(found["schedule"]) == {
        "seed",
        "policy",
        "granularity",
        "quantum",
        "maxSteps",
        "maxTime",
    }


def test_local_check_usage_errors() -> None:
    exercise = EXERCISES[0]
    missing = subprocess.run(
        [sys.executable, rel(exercise.check_file), "no/such/file.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2
    assert "no such file: no/such/file.py" in missing.stdout
    usage = subprocess.run(
        [sys.executable, rel(exercise.check_file), "a.py", "b.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert usage.returncode == 2
    assert "usage: python" in usage.stderr


def test_local_check_counts_its_real_runs() -> None:
    exercise = next(e for e in EXERCISES if e.name == "check-then-act")
    done = subprocess.run(
        [sys.executable, rel(exercise.check_file), rel(exercise.solution), "-r", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    assert "And 2 real runs (CPython" in done.stdout


def test_page_includes_are_exercise_files() -> None:
    for exercise in EXERCISES:
        shown = {path for _, path in page_includes(exercise.page)}
        assert rel(exercise.check_file) in shown


def test_load_check_needs_a_check(tmp_path) -> None:
    path = tmp_path / "check.py"
    path.write_text("X = 1\n")
    with pytest.raises(ValueError, match="defines no CHECK"):
        load_check(path)


# -- the built page -----------------------------------------------------------
_SECTION = (
    r'<section class="exercise" data-exercise="{name}" data-kind="{kind}">'
    r"(?P<body>.*?)</section>"
)
_DATA = re.compile(
    r'<template class="exercise-data">(?P<json>.*?)</template>',
    re.S,
)


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids)
def test_built_page_carries_the_exercise(exercise, built_site) -> None:
    page = exercise.page.built_file(built_site).read_text(encoding="utf-8")
    section = re.search(
        _SECTION.format(name=re.escape(exercise.name), kind=exercise.kind), page, re.S
    )
    assert section, f"no <section class=exercise> for {ids(exercise)}"
    body = section["body"]
    assert body.startswith(f'<h3 id="{exercise.anchor}"')
    found = _DATA.findall(body)
    assert len(found) == 1
    assert json.loads(html.unescape(found[0])) == hooks_exercises.data(exercise)
    assert body.count('data-exercise-part="hint"') == len(exercise.hints)
    assert body.count('data-exercise-part="solution"') == 1
    assert body.count('data-exercise-part="check"') == 1
    assert f"<code>{exercise.command} [FILE]</code>" in body


# -- the model refuses incomplete markup ----------------------------------------
def _edited(exercise, tmp_path, old: str, new: str):
    """The exercise on a copy of its page with `old` replaced by `new`."""
    page = exercise.page
    assert old in page.text
    text = page.text.replace(old, new)
    copy = tmp_path / "page.md"
    copy.write_text(text, encoding="utf-8")
    fake = Page(page.src_uri, page.title, page.url, page.dest_uri)
    fake.__dict__.update(text=text, fences=raw_fences(copy))  # its cached facts
    return Exercise(fake, exercise.folder)


def test_a_missing_include_is_named(tmp_path) -> None:
    exercise = next(e for e in EXERCISES if e.name == "lost-update")
    hint = f'    --8<-- "{exercise.dir}/hint_2.md"\n'
    problems = _edited(exercise, tmp_path, hint, "").problems()
    assert problems == [f"docs/locks.md: does not include {exercise.dir}/hint_2.md"]


def test_a_solution_block_without_its_class_is_named(tmp_path) -> None:
    exercise = next(e for e in EXERCISES if e.name == "lost-update")
    old = f'{{ .python .solution title="{exercise.dir}/solution.py" }}'
    new = f'{{ .python .runnable title="{exercise.dir}/solution.py" }}'
    problems = _edited(exercise, tmp_path, old, new).problems()
    assert len(problems) == 1 and "solution.py goes in a" in problems[0]
    assert ".python .solution" in problems[0]


def test_a_heading_without_the_exercise_id_is_named(tmp_path) -> None:
    exercise = next(e for e in EXERCISES if e.name == "lost-update")
    old = "{ #exercise-lost-update }"
    problems = _edited(exercise, tmp_path, old, "{ #lost-update }").problems()
    assert problems == [
        f"docs/locks.md: no `### Title {{ #exercise-lost-update }}` for {exercise.dir}"
    ]
