"""The thread simulator (web/simulator/threadsim) under CPython.

Here simulated threads are real threads passing a baton (one runs at a time,
chosen by the simulator's seeded scheduler), so the scheduling, the virtual
clock, the stand-ins and the output are checked fast, without a browser.
tests/browser/test_simulator_browser.py runs the same package in Chromium
(Pyodide + JSPI).
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from pathlib import Path

import pytest

import threadsim
from docs_tools.outputs import rules_of, same_output
from docs_tools.pages import site_examples
from docs_tools.site import rel

ROOT = Path(__file__).resolve().parent.parent

THREADED = [example for example in site_examples() if example.simulated]
RACE = ROOT / "snippets" / "locks" / "03_race_without_lock.py"
LOCKED = ROOT / "snippets" / "locks" / "04_race_fixed_with_lock.py"
#: Seeds the race and its fix are simulated with (`dev.py check` takes 4 of
#: the 20: every one of them loses updates without the lock).
SEEDS = range(int(os.environ.get("SIMULATOR_RACE_SEEDS", "20")))
#: Seeds each site example is simulated with; `dev.py check` takes one.
EXAMPLE_SEEDS = [
    int(seed) for seed in os.environ.get("SIMULATOR_SEEDS", "0,1,7").split(",")
]


def simulate(path: Path, **options) -> threadsim.Result:
    return threadsim.run(path.read_text(encoding="utf-8"), rel(path), **options)


def lost_updates(output: str) -> bool:
    expected = int(re.search(r"Expected balance: (\d+)", output)[1])
    final = int(re.search(r"Final balance: +(\d+)", output)[1])
    return final != expected


@pytest.mark.parametrize(
    "example", THREADED, ids=[rel(example.snippet) for example in THREADED]
)
@pytest.mark.parametrize("seed", EXAMPLE_SEEDS)
def test_site_example_output_follows_its_rule(example, seed):
    result = simulate(example.snippet, seed=seed)
    assert result.stop_reason is None, result.output
    real = example.output_file.read_text(encoding="utf-8")
    rules = rules_of(example)
    assert same_output(result.output, real, rules), (
        f"{example.where} simulated with seed {seed} does not follow {rules}:\n"
        f"{result.output}\n--- recorded from CPython:\n{real}"
    )


def test_threaded_examples_exist():
    assert len(THREADED) >= 10
    assert RACE.exists() and LOCKED.exists()


@pytest.mark.parametrize("seed", SEEDS)
def test_race_without_lock_loses_updates(seed):
    result = simulate(RACE, seed=seed)
    assert lost_updates(result.output), result.output
    assert "Lost updates: True" in result.output


@pytest.mark.parametrize("seed", SEEDS)
def test_race_with_lock_never_loses_updates(seed):
    result = simulate(LOCKED, seed=seed)
    assert not lost_updates(result.output), result.output
    assert "Lost updates: False" in result.output


BYTECODE_RACE = (ROOT / "tests" / "programs" / "bytecode_race.py").read_text(
    encoding="utf-8"
)

BYTECODE_LOCKED = BYTECODE_RACE.replace(
    "        counter += 1", "        with lock:\n            counter += 1"
).replace("counter = 0\n", "counter = 0\nlock = threading.Lock()\n")


@pytest.mark.parametrize("seed", range(5))
def test_switching_inside_a_statement_loses_updates(seed):
    """No sleep at all: a switch between the read and the store of `+=`."""
    result = threadsim.run(
        BYTECODE_RACE,
        "race.py",
        seed=seed,
        policy="random",
        quantum=5,
        granularity="bytecode",
    )
    count = int(result.output.split("=")[1])
    assert count < 2000
    locked = threadsim.run(
        BYTECODE_LOCKED,
        "locked.py",
        seed=seed,
        policy="random",
        quantum=5,
        granularity="bytecode",
    )
    assert locked.output == "counter = 2000\n"


@pytest.mark.parametrize("policy", ["every", "random"])
@pytest.mark.parametrize(
    "path", [RACE, ROOT / "snippets/threading-module/03_two_tasks.py"]
)
def test_same_seed_same_output_and_timeline(path, policy):
    first = simulate(path, seed=42, policy=policy, quantum=7)
    second = simulate(path, seed=42, policy=policy, quantum=7)
    assert first.output == second.output
    assert first.timeline() == second.timeline()
    assert first.svg() == second.svg()
    assert (first.steps, first.switches) == (second.steps, second.switches)


def test_different_seeds_interleave_differently():
    counts = {
        threadsim.run(
            BYTECODE_RACE,
            "race.py",
            seed=s,
            policy="random",
            quantum=5,
            granularity="bytecode",
        ).output
        for s in range(5)
    }
    assert len(counts) > 1


CPU_BOUND = ROOT / "snippets/going-further-free-threading/04_cpu_bound_threads.py"


def test_computing_costs_virtual_time_on_one_core():
    """Pure-Python loops in threads take as long as one after the other."""
    result = simulate(CPU_BOUND, seed=3)
    assert "2 tasks one after the other: 0.10 s" in result.output
    assert "2 tasks in 2 threads:       0.10 s" in result.output
    assert "Speed-up from threads: 1.0x" in result.output
    # 100,000 loop iterations (5 ms at 50 ns) between two switches, as
    # CPython's switch interval: a handful of switches, not thousands.
    assert 10 <= result.switches <= 100
    # The figure docs/threads-vs-processes.md quotes for its threads tab.
    five = simulate(ROOT / "snippets/threads-vs-processes/01_cpu_bound_threads.py")
    assert five.output == "5 tasks in 5 threads: 0.25 s\n"
    assert "take 0.25 s of virtual time" in " ".join(
        (ROOT / "docs/threads-vs-processes.md").read_text(encoding="utf-8").split()
    )


def test_budget_stops_a_cpu_heavy_program_with_the_local_command():
    result = simulate(CPU_BOUND, max_steps=200_000)
    assert result.stop_reason == "more than 200,000 switch points"
    assert "[simulator] Stopped: more than 200,000 switch points" in result.output
    assert f"python {rel(CPU_BOUND)}" in result.output


def test_a_sleeper_wakes_while_another_thread_computes():
    """Its timeout passes on the virtual clock while the other computes: it
    runs again at the next switch, not when the computing ends.

    start() runs the new thread at once, for a quantum (5 ms); main then
    sleeps 1 ms and is due at 6 ms, so it runs at the next switch: 10 ms.
    """
    code = (
        "import threading, time\n"
        "def work():\n"
        "    for i in range(1_000_000):\n"
        "        pass\n"
        "t = threading.Thread(target=work)\n"
        "start = time.perf_counter()\n"
        "t.start()\n"
        "time.sleep(0.001)\n"
        "print(f'woke at {(time.perf_counter() - start) * 1000:.0f} ms')\n"
        "t.join()\n"
        "print(f'joined at {(time.perf_counter() - start) * 1000:.0f} ms')\n"
    )
    output = threadsim.run(code, "sleeper.py").output
    assert output == "woke at 10 ms\njoined at 50 ms\n"


def test_virtual_time_daemon_example():
    """The 5-second daemon example ends at once, 5.0 simulated seconds in."""
    path = ROOT / "snippets/daemon-threads/01_daemon_background_task.py"
    result = simulate(path)
    assert result.virtual_time == pytest.approx(5.0, abs=1e-4)  # + computing
    daemon = [t for t in result.threads if t["name"] != "MainThread"]
    assert daemon and daemon[0]["daemon"] and daemon[0]["killed"]
    sleeps = [e for e in result.events if e["kind"] == "sleep"]
    assert {e["seconds"] for e in sleeps} >= {2.0, 5.0}


def test_virtual_clock_is_what_the_program_reads():
    code = (
        "import time, threading\n"
        "start = time.perf_counter()\n"
        "t = threading.Thread(target=time.sleep, args=(2.5,))\n"
        "t.start(); time.sleep(1); t.join()\n"
        "now = time.perf_counter(), time.monotonic()\n"
        "print(f't={now[0] - start:.1f} s', f'{now[1] - start:.1f}')\n"
    )
    assert threadsim.run(code, "clock.py").output == "t=2.5 s 2.5\n"


def test_timeline_lanes_and_events():
    path = ROOT / "snippets/threading-module/03_two_tasks.py"
    result = simulate(path)
    data = result.timeline()
    assert [t["name"] for t in data["threads"]] == [
        "MainThread",
        "Thread-1 (task)",
        "Thread-2 (task)",
    ]
    kinds = {e["kind"] for e in data["events"]}
    assert {"start", "end", "run", "sleep", "wait", "print"} <= kinds
    prints = [e["text"] for e in data["events"] if e["kind"] == "print"]
    assert sorted(prints) == sorted(result.output.splitlines())
    svg = result.svg()
    assert svg.startswith("<svg") and svg.count('class="tl-lane"') == 3
    assert 'data-thread="Thread-2 (task)"' in svg


def test_exception_in_thread_goes_through_excepthook():
    code = (
        "import threading\n"
        "def boom():\n"
        "    raise ValueError('bad')\n"
        "t = threading.Thread(target=boom, name='worker')\n"
        "t.start(); t.join()\n"
        "print('main goes on')\n"
    )
    out = threadsim.run(code, "boom.py").output
    assert out.startswith(
        "Exception in thread worker:\nTraceback (most recent call last):\n"
    )
    assert '  File "boom.py", line 3, in boom\n' in out
    assert "ValueError: bad\nmain goes on\n" in out
    assert "threadsim" not in out


def test_deadlock_is_reported_not_hung():
    code = (
        "import threading\n"
        "a, b = threading.Lock(), threading.Lock()\n"
        "def one():\n"
        "    with a:\n"
        "        import time; time.sleep(0.1)\n"
        "        with b: pass\n"
        "def two():\n"
        "    with b:\n"
        "        import time; time.sleep(0.1)\n"
        "        with a: pass\n"
        "t1 = threading.Thread(target=one); t2 = threading.Thread(target=two)\n"
        "t1.start(); t2.start(); t1.join(); t2.join()\n"
        "print('never')\n"
    )
    result = threadsim.run(code, "deadlock.py")
    assert "[simulator] Deadlock" in result.output
    assert "never" not in result.output
    assert result.stop_reason.startswith("deadlock")


PRIMITIVES = """\
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed, wait

q = queue.Queue(maxsize=2)
def producer():
    for i in range(5):
        q.put(i)
    q.put(None)
got = []
def consumer():
    while (item := q.get()) is not None:
        got.append(item)
        q.task_done()
    q.task_done()
threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads: t.start()
for t in threads: t.join()
print("queue", got, q.unfinished_tasks)

cond = threading.Condition()
ready = []
def waiter():
    with cond:
        cond.wait_for(lambda: ready)
        print("condition", ready[0])
w = threading.Thread(target=waiter); w.start()
time.sleep(1)
with cond:
    ready.append("go"); cond.notify_all()
w.join()

sem = threading.BoundedSemaphore(2)
inside = []
peak = [0]
def limited(n):
    with sem:
        inside.append(n); peak[0] = max(peak[0], len(inside))
        time.sleep(0.5)
        inside.remove(n)
ts = [threading.Thread(target=limited, args=(n,)) for n in range(5)]
for t in ts: t.start()
for t in ts: t.join()
print("semaphore peak", peak[0])

barrier = threading.Barrier(3)
b0 = time.monotonic()
order = []
def party(n):
    time.sleep(n)
    barrier.wait()
    order.append(n)
ts = [threading.Thread(target=party, args=(n,)) for n in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print("barrier", sorted(order), f"at {time.monotonic() - b0:.1f} s")

ev = threading.Event()
print("event timeout", ev.wait(0.25))
timer = threading.Timer(0.5, ev.set); timer.start(); timer.join()
print("timer set the event", ev.is_set())

lock = threading.RLock()
with lock:
    with lock:
        print("rlock re-entered")

with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(time.sleep, s) for s in (0.3, 0.1)]
    done, not_done = wait(futures)
    print("wait", len(done), len(not_done))
    print("names", sorted({t.name for t in threading.enumerate()} - {"MainThread"}))
local = threading.local()
local.x = "main"
def show():
    local.x = threading.current_thread().name
t = threading.Thread(target=show, name="other"); t.start(); t.join()
print("local", local.x)
"""


def test_primitives():
    result = threadsim.run(PRIMITIVES, "primitives.py", seed=3)
    assert result.output == (
        "queue [0, 1, 2, 3, 4] 0\n"
        "condition go\n"
        "semaphore peak 2\n"
        "barrier [0, 1, 2] at 2.0 s\n"
        "event timeout False\n"
        "timer set the event True\n"
        "rlock re-entered\n"
        "wait 2 0\n"
        "names ['ThreadPoolExecutor-0_0', 'ThreadPoolExecutor-0_1']\n"
        "local main\n"
    ), result.output


def test_everything_is_restored():
    real_sleep, real_threading = time.sleep, sys.modules["threading"]
    threadsim.run("import threading, time\ntime.sleep(1)\n", "x.py")
    assert time.sleep is real_sleep
    assert sys.modules["threading"] is real_threading is threading
    import concurrent.futures

    assert (
        concurrent.futures.ThreadPoolExecutor.__module__ == "concurrent.futures.thread"
    )
    assert not [t for t in threading.enumerate() if t.name.startswith("threadsim:")]


def test_syntax_error_and_main_exception():
    out = threadsim.run("print(1\n", "bad.py").output
    assert "SyntaxError" in out
    out = threadsim.run("print('a')\n1/0\n", "div.py").output
    assert out == (
        "a\nTraceback (most recent call last):\n"
        '  File "div.py", line 2, in <module>\n'
        "ZeroDivisionError: division by zero\n"
    ) or out.startswith("a\nTraceback (most recent call last):\n")
    assert "ZeroDivisionError: division by zero" in out


def test_a_traceback_shows_only_the_examples_frames():
    """Also in each exception of an ExceptionGroup: the simulator's own
    futures and threads are not the reader's code (the in-page runner trims
    the same way)."""
    out = threadsim.run(
        "from concurrent.futures import ThreadPoolExecutor\n"
        "def boom(n):\n"
        "    raise ValueError(n)\n"
        "with ThreadPoolExecutor(2) as pool:\n"
        "    futures = [pool.submit(boom, n) for n in range(2)]\n"
        "errors = []\n"
        "for future in futures:\n"
        "    try:\n"
        "        future.result()\n"
        "    except ValueError as error:\n"
        "        errors.append(error)\n"
        'raise ExceptionGroup("workers failed", errors)\n',
        "group.py",
    ).output
    files = set(re.findall(r'File "([^"]+)"', out))
    assert files == {"group.py"}, out
    assert "ExceptionGroup: workers failed (2 sub-exceptions)" in out
    assert "ValueError: 0" in out and "ValueError: 1" in out
    assert out.count('File "group.py", line 3, in boom') == 2, out


def test_runaway_program_is_stopped():
    result = threadsim.run(
        "import threading\n"
        "def spin():\n"
        "    while True:\n"
        "        pass\n"
        "threading.Thread(target=spin).start()\n",
        "spin.py",
        max_steps=50_000,
    )
    assert result.stop_reason == "more than 50,000 switch points"
    assert "[simulator] Stopped" in result.output


def test_keyboard_interrupt_in_a_thread_stops_everything():
    code = (
        "import threading, time\n"
        "def stop():\n"
        "    raise KeyboardInterrupt\n"
        "def loop():\n"
        "    while True:\n"
        "        time.sleep(1)\n"
        "threading.Thread(target=loop).start()\n"
        "threading.Thread(target=stop).start()\n"
        "time.sleep(5)\n"
        "print('not reached')\n"
    )
    result = threadsim.run(code, "interrupt.py")
    assert "not reached" not in result.output
    assert result.stop_reason == "interrupted (KeyboardInterrupt)"


def test_the_pages_quote_the_simulators_constants():
    """docs/conventions.md describes the cost and the quantum (the panel
    gets them from the package at build: hooks/simulator_assets.py)."""
    from threadsim import DEFAULT_QUANTUM
    from threadsim._sched import CPU_COST

    page = " ".join((ROOT / "docs/conventions.md").read_text(encoding="utf-8").split())
    assert f"{DEFAULT_QUANTUM['gil']:,} of those points" in page
    nanoseconds = round(CPU_COST["gil"] * 1e9)
    assert f"{nanoseconds} ns per loop iteration" in page
    # 100,000 switch points at 50 ns: CPython's default switch interval.
    assert DEFAULT_QUANTUM["gil"] * CPU_COST["gil"] == pytest.approx(0.005)
    assert f"{nanoseconds} ns a loop iteration" in threadsim.NOTE


def test_a_failing_initializer_breaks_the_pool_as_in_cpython(caplog):
    """The queued calls fail with BrokenThreadPool instead of waiting forever,
    later submits raise it, and the failure goes to the concurrent.futures
    logger (CPython's concurrent/futures/thread.py, 3.10-3.13)."""
    code = (
        "import concurrent.futures as cf\n"
        "def boom():\n"
        "    raise OSError('no')\n"
        "pool = cf.ThreadPoolExecutor(2, initializer=boom)\n"
        "f = pool.submit(abs, -1)\n"
        "error = f.exception()\n"
        "print(type(error).__name__, isinstance(error, cf.BrokenExecutor))\n"
        "try:\n"
        "    pool.submit(abs, -2)\n"
        "except cf.BrokenExecutor as e:\n"
        "    print('submit:', e)\n"
    )
    result = threadsim.run(code, "broken.py")
    assert result.stop_reason is None, result.output
    [record] = [r for r in caplog.records if r.name == "concurrent.futures"]
    assert (record.levelname, record.getMessage()) == (
        "CRITICAL",
        "Exception in initializer:",
    )
    assert isinstance(record.exc_info[1], OSError)
    assert "BrokenThreadPool True\n" in result.output
    assert (
        "submit: A thread initializer failed, the thread pool is not usable anymore\n"
        in result.output
    )
