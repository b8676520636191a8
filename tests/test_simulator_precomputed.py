"""The simulated runs the build makes for browsers without JSPI.

hooks/simulator_precomputed.py writes, for every page with threaded blocks,
the runs of its examples (docs_tools/simulator_runs.py). Here: every page and
example is there with every seed, each run is exactly what the simulator's
CPython backend gives for that seed now (so a stale cache or a wrong file
fails), its output follows the page's rule for the recorded output, as a
live run in the page must (tests/browser/test_simulator_ui.py), and the
cache and the failures behave. tests/browser/test_precomputed_panel.py
compares the runs with Chromium's live simulator and shows the panel.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import threadsim
from docs_tools import simulator_runs
from docs_tools.outputs import rules_of, same_output
from docs_tools.pages import site_examples
from docs_tools.site import rel, site
from threadsim._browser import MAX_STEPS

PAGES = simulator_runs.threaded_pages()
EXAMPLES = {rel(e.snippet): e for e in site_examples() if e.simulated}


def page_file(built_site: Path, url: str) -> dict:
    path = built_site / simulator_runs.runs_uri(url)
    assert path.exists(), f"no precomputed runs for /{url}: {path}"
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_page_with_threaded_blocks_has_its_runs(built_site):
    assert PAGES, "no page has threaded blocks"
    assert sum(len(examples) for examples in PAGES.values()) == len(EXAMPLES)
    written = {
        path.relative_to(built_site).as_posix()
        for path in (built_site / simulator_runs.SITE_DIR).rglob("*.json")
    }
    assert written == {simulator_runs.runs_uri(url) for url in PAGES}
    for page in site():
        if page.url not in PAGES:
            assert not any(e.simulated for e in page.examples)


@pytest.mark.parametrize("url", list(PAGES), ids=[f"/{url}" for url in PAGES])
def test_runs_are_the_simulators_for_each_seed(built_site, url):
    data = page_file(built_site, url)
    assert {key: data[key] for key in simulator_runs.settings()} == (
        simulator_runs.settings()
    )
    assert data["quantum"] == threadsim.DEFAULT_QUANTUM["gil"]
    assert sorted(data["examples"]) == sorted(PAGES[url])
    for path, source in PAGES[url].items():
        runs = data["examples"][path]
        assert [run["seed"] for run in runs] == list(simulator_runs.SEEDS)
        example = EXAMPLES[path]
        recorded = example.output_file.read_text(encoding="utf-8")
        for run in runs:
            now = threadsim.run(
                source,
                path,
                seed=run["seed"],
                policy=simulator_runs.POLICY,
                granularity=simulator_runs.GRANULARITY,
                max_steps=MAX_STEPS,
            )
            where = f"{path} seed {run['seed']}"
            assert run["output"] == now.output, where
            assert "".join(text for _, text in run["chunks"]) == now.output, where
            assert run["svg"] == now.svg(), where
            assert run["threads"] == [t["name"] for t in now.threads], where
            assert (run["virtual_time"], run["steps"], run["switches"]) == (
                now.virtual_time,
                now.steps,
                now.switches,
            ), where
            assert run["stop_reason"] is None, where
            assert same_output(run["output"], recorded, rules_of(example)), (
                f"{where} precomputed:\n{run['output']}\n--- recorded:\n{recorded}"
            )


def test_stderr_is_kept_apart_as_the_worker_streams_it(built_site):
    """What an example logs is stderr: the panel shows it as a live run does."""
    path = "snippets/going-further-thread-pools-in-practice/03_broken_thread_pool.py"
    url = next(url for url, examples in PAGES.items() if path in examples)
    run = page_file(built_site, url)["examples"][path][0]
    assert {stream for stream, _ in run["chunks"]} == {"out", "err"}, run["chunks"]
    errors = "".join(text for stream, text in run["chunks"] if stream == "err")
    assert "Exception in initializer" in errors


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(simulator_runs, "CACHE", tmp_path / "runs")
    return tmp_path / "runs"


TWO_THREADS = """\
import threading

def hello(n):
    print("hello", n)

threads = [threading.Thread(target=hello, args=(n,)) for n in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
"""


def test_a_warm_cache_simulates_nothing_and_an_edit_simulates_again(cache):
    first = simulator_runs.Stats()
    runs = simulator_runs.runs_of({"x.py": TWO_THREADS}, first)
    assert (first.examples, first.simulated) == (1, 1)
    assert [run["seed"] for run in runs["x.py"]] == list(simulator_runs.SEEDS)
    assert "hello 1" in runs["x.py"][0]["output"]
    again = simulator_runs.Stats()
    assert simulator_runs.runs_of({"x.py": TWO_THREADS}, again) == runs
    assert again.simulated == 0
    edited = simulator_runs.Stats()
    simulator_runs.runs_of({"x.py": TWO_THREADS.replace("hello", "hi")}, edited)
    assert edited.simulated == 1
    # The entry of the first source is no longer used: pruned.
    assert simulator_runs.prune(edited.keys) == 1
    assert [p.stem for p in cache.glob("*.json")] == sorted(edited.keys)


def test_a_damaged_cache_entry_is_simulated_again(cache):
    stats = simulator_runs.Stats()
    runs = simulator_runs.runs_of({"x.py": TWO_THREADS}, stats)
    (entry,) = cache.glob("*.json")
    entry.write_text('[{"seed": 1, "out', encoding="utf-8")  # cut short
    again = simulator_runs.Stats()
    assert simulator_runs.runs_of({"x.py": TWO_THREADS}, again) == runs
    assert again.simulated == 1


DEADLOCK = """\
import threading

a, b = threading.Lock(), threading.Lock()

def one():
    with a:
        with b:
            pass

a.acquire()
t = threading.Thread(target=one)
t.start()
with b:
    t.join()
"""


def test_a_run_that_stops_fails_the_build_naming_example_and_seed(cache):
    with pytest.raises(simulator_runs.SimulationFailed) as failed:
        simulator_runs.runs_of({"snippets/x/01_stuck.py": DEADLOCK})
    message = str(failed.value)
    assert "snippets/x/01_stuck.py, seed 1" in message
    assert "deadlock" in message
    assert not list(cache.glob("*.json"))  # nothing half-made is kept


def test_the_page_file_names_its_settings():
    data = json.loads(simulator_runs.page_file({}))
    assert data["schema"] == simulator_runs.SCHEMA
    assert data["seeds"] == list(simulator_runs.SEEDS)
    assert data["python"] == simulator_runs.python_version()
    assert data["max_steps"] == MAX_STEPS
    assert simulator_runs.runs_uri("") == "assets/simulator-runs/runs.json"
    assert simulator_runs.runs_uri("locks/") == "assets/simulator-runs/locks/runs.json"
