"""The measured charts and thread timelines (hooks/charts.py, docs_tools/figures).

Every placeholder on a page becomes an inline SVG in the built page whose
bars and lanes match the data file; a missing data file stops the build with
a message naming it; and in real Chromium every figure is drawn with a size,
in the light and the dark scheme.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

from docs_tools.site import ROOT, Page, site

DATA = ROOT / "data"
SVG_NS = "{http://www.w3.org/2000/svg}"


def placeholders() -> list[tuple[Page, str, str]]:
    """(page, kind, name) for every chart and timeline a page asks for."""
    return [
        (page, figure.kind, figure.name)
        for page in site()
        for figure in page.figures
        if figure.kind in {"chart", "timeline"}
    ]


def figure_svg(html: str, figure_id: str) -> ET.Element:
    """The inline <svg> of <figure id=figure_id>, parsed as XML."""
    start = html.find(f'<figure class="tp-figure" id="{figure_id}">')
    assert start >= 0, f"no figure #{figure_id} in the built page"
    open_svg = html.index("<svg", start)
    close_svg = html.index("</svg>", open_svg) + len("</svg>")
    return ET.fromstring(html[open_svg:close_svg])


def benchmark_data() -> dict:
    return json.loads((DATA / "benchmarks.json").read_text(encoding="utf-8"))


def timeline_data(name: str) -> dict:
    path = DATA / "timelines" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


FIGURES = placeholders()


def test_the_pages_show_every_figure_the_data_has() -> None:
    """Each chart is on a page, and every recorded timeline is shown."""
    shown = {(kind, name) for _, kind, name in FIGURES}
    assert ("chart", "io-bound") in shown
    assert ("chart", "cpu-bound") in shown
    assert ("chart", "gil-switch-interval") in shown
    recorded = {("timeline", p.stem) for p in (DATA / "timelines").glob("*.json")}
    assert recorded, "no timeline recorded in data/timelines/"
    assert recorded <= shown, f"recorded but on no page: {sorted(recorded - shown)}"
    pages = {name: page.src_uri for page, kind, name in FIGURES if kind == "timeline"}
    assert pages.get("two-tasks") == "threading-module.md"
    assert pages.get("thread-pool") == "thread-pools.md"


@pytest.mark.parametrize(
    ("page", "kind", "name"), FIGURES, ids=[f"{k}:{n}" for _, k, n in FIGURES]
)
def test_figure_is_an_accessible_svg_that_matches_its_data(
    built_site: Path, page: Page, kind: str, name: str
) -> None:
    html = page.built_file(built_site).read_text(encoding="utf-8")
    figure_id = f"{kind}-{name}"
    svg = figure_svg(html, figure_id)
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG_NS}title")
    desc = svg.find(f"{SVG_NS}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and (desc.text or "").strip()
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert re.fullmatch(r"[\d. ]+", svg.get("viewBox", "")), "needs a viewBox"
    # No typed colours for text: it follows the theme.
    assert "currentColor" in ET.tostring(svg, encoding="unicode")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert "assets/stylesheets/figures.css" in html, "its colours are in figures.css"
    assert len(ids) == len(set(ids)), "ids repeated on the page (several figures?)"

    if kind == "chart" and name == "gil-switch-interval":
        from docs_tools.figures.switch_interval import ratio_text, ratios

        data = json.loads((DATA / "gil-switch-interval.json").read_text("utf-8"))
        groups = {g.get("id", "") for g in svg.iter(f"{SVG_NS}g")}
        for result in data["results"]:  # one line per Python
            assert f"{figure_id}-line-{result['python']}" in groups
            points = ratios(result)
            assert len(points) == len(data["parameters"]["intervals_s"])
            # the table under the chart cites the ratio at the default interval
            default = points[result["default_switch_interval_s"]]
            assert f"<strong>{ratio_text(default)}</strong>" in html
    elif kind == "chart":
        results = benchmark_data()["results"]
        groups = [g.get("id", "") for g in svg.iter(f"{SVG_NS}g")]
        for way in ("threads", "processes"):
            bars = [g for g in groups if g.startswith(f"{figure_id}-bar-{way}-")]
            assert len(bars) == len(results), (way, bars)
            for result in results:
                assert f"{figure_id}-bar-{way}-{result['python']}" in bars
        for result in results:  # the table under the chart cites every median
            for way in ("threads", "processes"):
                median = result["jobs"][name][way]["speedup"]["median"]
                assert f"<strong>{median:.1f}\u00d7</strong>" in html
    else:
        data = timeline_data(name)
        lanes = [g for g in svg.iter(f"{SVG_NS}g") if g.get("class") == "tl-lane"]
        assert [g.get("data-thread") for g in lanes] == [
            t["name"] for t in data["threads"]
        ]
        for lane in lanes:
            mine = [e for e in data["events"] if e["thread"] == lane.get("data-thread")]
            for kind_of_mark, event_kind in (
                ("tl-sleep", "sleep"),
                ("tl-print", "print"),
                ("tl-wait", "wait"),
            ):
                marks = [el for el in lane if el.get("class") == kind_of_mark]
                events = [e for e in mine if e["kind"] == event_kind]
                assert len(marks) == len(events), (lane.get("data-thread"), event_kind)
        sleeps = [e for e in data["events"] if e["kind"] == "sleep"]
        assert sleeps, f"{name}: the recorded run has no sleep"
        assert data["python"]["implementation"] == "CPython"


def test_the_pool_timeline_shows_two_waves() -> None:
    """10 tasks on 5 workers: each worker sleeps twice, one wave after another."""
    data = timeline_data("thread-pool")
    workers = [t["name"] for t in data["threads"] if t["name"] != "MainThread"]
    assert len(workers) == 5
    for worker in workers:
        sleeps = sorted(
            (e["start"], e["end"])
            for e in data["events"]
            if e["thread"] == worker and e["kind"] == "sleep"
        )
        assert len(sleeps) == 2, worker
        assert sleeps[0][1] <= sleeps[1][0], f"{worker}: its two tasks overlap"


def test_a_recorded_and_a_simulated_run_are_drawn_alike() -> None:
    """One renderer (threadsim._timeline) draws both: same lanes, same marks."""
    import threadsim
    from threadsim._timeline import recorded_svg

    real = timeline_data("two-tasks")
    code = (ROOT / real["snippet"]).read_text(encoding="utf-8")
    drawn = {
        "recorded": ET.fromstring(recorded_svg(real)),
        "simulated": ET.fromstring(threadsim.run(code, real["snippet"]).svg()),
    }
    for how, svg in drawn.items():
        lanes = [g for g in svg.iter(f"{SVG_NS}g") if g.get("class") == "tl-lane"]
        assert [g.get("data-thread") for g in lanes] == [
            t["name"] for t in real["threads"]
        ], how
        marks = {el.get("class") for lane in lanes for el in lane}
        assert {"tl-alive", "tl-sleep", "tl-wait", "tl-print"} <= marks, how
        assert svg.get("viewBox", "").startswith("0 0 770 "), how


def _fake_results(speedups: dict[str, float]) -> dict:
    def result(version: str, speedup: float) -> dict:
        way = {"speedup": {"median": speedup}, "cores_used": {"median": speedup}}
        return {
            "python": version[:4],
            "version": version,
            "load_average_before": [3.0],
            "load_average_after": [3.0],
            "jobs": {"cpu-bound": {"processes": way}},
        }

    return {
        "machine": {"usable_cpus": 2},
        "results": [result(v, s) for v, s in speedups.items()],
    }


@pytest.mark.parametrize(
    ("speedups", "wording"),
    [
        ({"3.12.1": 1.9, "3.13.0": 1.8}, "came close to the ceiling of 2\u00d7: on"),
        ({"3.12.1": 1.1, "3.13.0": 0.9}, "stayed well below the ceiling"),
        ({"3.12.1": 1.9, "3.13.0": 0.9}, "only when the other programs left"),
    ],
)
def test_the_cpu_verdict_follows_the_numbers(speedups, wording) -> None:
    """The sentence about processes is worded from the data, never fixed."""
    from docs_tools.figures import prose

    verdict = prose.cpu_verdict(_fake_results(speedups))
    assert wording in verdict
    for version in speedups:
        assert version in verdict


# --------------------------------------------------------------------------
# The processes example per start method (data/start-methods.json)
# --------------------------------------------------------------------------


def start_methods_data() -> dict:
    return json.loads((DATA / "start-methods.json").read_text(encoding="utf-8"))


def test_the_start_method_data_covers_every_start_method_and_both_sizes() -> None:
    """A check of the recorded data, not a timing: every Python measured has
    every start method this platform offers, at both sizes, with its rounds
    and the load average around them; and the page asks for its table and
    its sentence."""
    import multiprocessing

    data = start_methods_data()
    platform = {"fork", "forkserver", "spawn"} & set(
        multiprocessing.get_all_start_methods()
    )
    assert data["results"], "data/start-methods.json holds no results"
    rounds = data["method"]["rounds"]
    assert rounds >= 3, "a median of fewer than 3 rounds"
    for result in data["results"]:
        assert platform <= set(result["start_methods"]), result["version"]
        assert result["load_average_before"] and result["load_average_after"]
        assert set(result["sizes"]) == {"example", "other-tabs"}
        for size in result["sizes"].values():
            assert platform <= set(size), result["version"]
            for entry in size.values():
                assert len(entry["sequential_s"]) == len(entry["processes_s"]) == rounds
    shown = {(f.kind, f.name) for f in site().page("threads-vs-processes.md").figures}
    assert {
        ("measured", "start-methods"),
        ("measured", "start-methods-verdict"),
    } <= shown


def test_the_start_method_table_shows_the_medians_of_the_data(tmp_path) -> None:
    from docs_tools.figures import Data, FigureError, start_methods
    from docs_tools.figures.words import span

    with pytest.raises(FigureError, match=re.escape("benchmarks/start_methods.py")):
        Data(tmp_path).start_methods()

    data = start_methods_data()
    table = start_methods.table(data)
    for method in start_methods.methods(data):
        row = next(line for line in table.splitlines() if f"| *{method}* |" in line)
        cells = [cell.strip() for cell in row.strip("|").split("|")[1:]]
        expected = [
            span(start_methods.medians(data, size, method))
            for size in ("example", "other-tabs")
        ]
        assert cells == expected, method
    verdict = start_methods.verdict(data)
    for size in ("example", "other-tabs"):
        clause = next(
            part
            for part in verdict.split("; ")
            if ("example" in part) == (size == "example")
        )
        for key, methods in start_methods.groups(data, size).items():
            for method in methods:
                values = start_methods.medians(data, size, method)
                if key == "sooner":
                    assert min(values) > 1, (size, method)
                if key == "later":
                    assert max(values) < 1, (size, method)
                assert f"*{method}*" in clause, (size, method)


def _fake_start_methods(medians: dict[str, dict[str, float]], load: float) -> dict:
    """One Python; medians[size][method]."""
    return {
        "date": "2026-12-01T00:00:00Z",
        "machine": {"usable_cpus": 2, "cpu_model": "a CPU"},
        "method": {
            "rounds": 3,
            "tasks": 5,
            "workers": 5,
            "sizes": {"example": 10_000_000, "other-tabs": 1_000_000},
        },
        "results": [
            {
                "version": "3.13.0",
                "start_methods": list(medians["example"]),
                "load_average_before": [load],
                "load_average_after": [load],
                "sizes": {
                    size: {m: {"speedup": {"median": v}} for m, v in per.items()}
                    for size, per in medians.items()
                },
            }
        ],
    }


@pytest.mark.parametrize(
    ("medians", "load", "words"),
    [
        (
            {
                "example": {"fork": 1.8, "forkserver": 1.5, "spawn": 1.3},
                "other-tabs": {"fork": 1.4, "forkserver": 0.8, "spawn": 0.6},
            },
            0.5,
            [
                "with every start method (*fork*, *forkserver* and *spawn*), "
                "sooner than the sequential run on every CPython measured;",
                "with *fork*, sooner than the sequential run on every CPython "
                "measured and with *forkserver* and *spawn*, later than",
            ],
        ),
        (
            {
                "example": {"fork": 1.1, "forkserver": 0.9, "spawn": 0.7},
                "other-tabs": {"fork": 0.7, "forkserver": 0.5, "spawn": 0.3},
            },
            9.0,
            [
                "with *fork*, sooner than the sequential run on every CPython "
                "measured and with *forkserver* and *spawn*, later than",
                "(n = 1\u202f000\u202f000), the processes finished: with every "
                "start method (*fork*, *forkserver* and *spawn*), later than",
                "The machine was busy while measuring",
            ],
        ),
    ],
)
def test_the_start_method_sentence_follows_the_numbers(medians, load, words) -> None:
    from docs_tools.figures import start_methods

    verdict = start_methods.verdict(_fake_start_methods(medians, load))
    for phrase in words:
        assert phrase in verdict
    if load < 2:
        assert "busy" not in verdict


# --------------------------------------------------------------------------
# A missing data file, or a placeholder the hook does not know, stops the build
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("<!-- chart: gpu-bound -->\n", "unknown chart 'gpu-bound'"),
        ("<!-- measured: weather -->\n", "unknown placeholder"),
        ("Threads: <!-- value: io-bound.fibers --> faster.\n", "unknown value"),
        ("    <!-- chart: io-bound -->\n", "must start at the left margin"),
        ("<!-- timeline: no-such-run -->\n", "data/timelines/no-such-run.json"),
        ("Took <!-- value: gil.speed -->.\n", "unknown value gil.'speed'"),
        (
            "<!-- value: start-methods.example.vfork -->\n",
            "unknown value start-methods.'example.vfork'",
        ),
    ],
)
def test_the_hook_refuses_what_it_cannot_draw(markdown: str, message: str) -> None:
    from mkdocs.exceptions import PluginError

    from hooks import charts

    page = SimpleNamespace(file=SimpleNamespace(src_uri="x.md"))
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    with pytest.raises(PluginError, match=re.escape(message)):
        charts.on_page_markdown(markdown, page, config, None)


def site_copy(tmp_path: Path, missing: str) -> Path:
    """The repository, linked into tmp_path, with data/ copied minus one file."""
    copy = tmp_path / "repo"
    copy.mkdir()
    for entry in ROOT.iterdir():
        if entry.name in {"data", "mkdocs.yml", ".cache", "site", ".git"}:
            continue
        (copy / entry.name).symlink_to(entry)
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    shutil.copytree(DATA, copy / "data")
    (copy / missing).unlink()
    return copy


@pytest.mark.parametrize(
    "missing", ["data/benchmarks.json", "data/timelines/two-tasks.json"]
)
def test_a_missing_data_file_stops_the_build(tmp_path: Path, missing: str) -> None:
    copy = site_copy(tmp_path, missing)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
        cwd=copy,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode != 0, "the build passed without its data file"
    assert f"the data file {missing} is missing" in done.stderr, done.stderr
    assert not (tmp_path / "site" / "going-further" / "measured").exists()


# --------------------------------------------------------------------------
# In Chromium
# --------------------------------------------------------------------------


def test_the_switch_interval_figures_read_their_own_data_file(tmp_path: Path) -> None:
    """Ratios of the fastest rounds, the values the page cites, and a missing
    file that names the script writing it."""
    from docs_tools.figures import Data, FigureError, switch_interval

    script = re.escape("benchmarks/gil_switch_interval.py")
    with pytest.raises(FigureError, match=script):
        Data(tmp_path).gil_switch_interval()
    result = {
        "python": "3.12",
        "version": "3.12.1",
        "default_switch_interval_s": 0.005,
        "times_s": {
            "0.005": {"sequential": [2.0, 1.0], "threads": [1.5, 1.2]},
            "5e-05": {"sequential": [1.0, 3.0], "threads": [1.5, 9.0]},
        },
        "load_average_before": [3.5, 1, 1],
        "load_average_after": [1.25, 1, 1],
    }
    assert switch_interval.ratios(result) == {5e-05: 1.5, 0.005: 1.2}
    data = {
        "date": "2026-12-01T10:00:00Z",
        "machine": {"usable_cpus": 2, "cpu_model": "X", "platform": "Linux"},
        "method": {"repeats": 2},
        "parameters": {"tasks": 2, "threads": 2, "n": 3_000_000},
        "results": [result],
    }
    assert switch_interval.value("at-default", data) == "1.20\u00d7"
    assert switch_interval.value("at-smallest", data) == "1.50\u00d7"
    assert switch_interval.value("load", data) == "3.5"
    assert switch_interval.value("n", data) == "3\u202f000\u202f000"
    assert switch_interval.value("default", data) == "5 ms"
    markdown = switch_interval.chart("gil-switch-interval", data)
    assert "| 3.12.1 | 1.00 s | 1.50\u00d7 | **1.20\u00d7** |" in markdown
    assert 'id="chart-gil-switch-interval-line-3.12"' in markdown
    setup = switch_interval.measured("gil-setup", data)
    for cited in ("3\u202f000\u202f000", "2 CPUs", "3.12.1", "3.5", "1.20\u00d7"):
        assert cited in setup
