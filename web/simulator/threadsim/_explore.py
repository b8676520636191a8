"""The schedule search behind an exercise's Check (threadsim.exercise).

A fixed, deterministic list of schedules (`schedules`) is run one by one
until one breaks the exercise: the same code always meets the same first
failing schedule, and running that schedule again with `threadsim.run` (or
the page's simulator panel) replays the same run. The search itself is a
generator (`search`) that yields the schedule to run and receives its
`Result`, so the CPython loop (`run`) and the Pyodide loop (`run_async`)
share every decision.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

#: Schedule families, visited round-robin (seed 0 of each, then seed 1 ...), so
#: that the first schedules already mix every policy and granularity. Quanta
#: are small so that a switch lands inside short critical sections; the
#: `reads` families switch right after every read of shared state.
#: (policy, granularity, quantum)
FAMILIES: tuple[tuple[str, str, int], ...] = (
    ("reads", "gil", 100_000),  # only after reads (and blocking calls)
    ("reads", "bytecode", 50),
    ("every", "bytecode", 3),
    ("random", "gil", 2),
    ("every", "gil", 1),
    ("random", "bytecode", 10),
    ("every", "bytecode", 10),
    ("random", "gil", 5),
    ("every", "gil", 2),
    ("random", "bytecode", 3),
    ("every", "bytecode", 25),
    ("random", "bytecode", 25),
    ("every", "gil", 5),
)

MIN_SCHEDULES = 100


@dataclass(frozen=True)
class Schedule:
    """One way to interleave the threads: what `threadsim.run` needs to replay it."""

    seed: int
    policy: str
    granularity: str
    quantum: int
    max_steps: int
    max_time: float = 60.0  # virtual seconds

    def run_options(self) -> dict:
        """Keyword arguments of `threadsim.run` / `run_async`."""
        return {
            "seed": self.seed,
            "policy": self.policy,
            "granularity": self.granularity,
            "quantum": self.quantum,
            "max_steps": self.max_steps,
            "max_time": self.max_time,
        }

    def as_json(self) -> dict:
        """The simulator panel's options (web/runner/protocol.js SimulateOptions)."""
        return {
            "seed": self.seed,
            "policy": self.policy,
            "granularity": self.granularity,
            "quantum": self.quantum,
            "maxSteps": self.max_steps,
            "maxTime": self.max_time,
        }

    def describe(self) -> str:
        return (
            f"policy {self.policy}, seed {self.seed}, granularity "
            f"{self.granularity}, quantum {self.quantum:,}"
        )


def schedules(
    count: int = MIN_SCHEDULES, max_steps: int = 200_000, max_time: float = 60.0
) -> list[Schedule]:
    """The first `count` schedules of the search, always in the same order."""
    found: list[Schedule] = []
    seed = 0
    while len(found) < count:
        for policy, granularity, quantum in FAMILIES:
            if len(found) == count:
                break
            found.append(
                Schedule(seed, policy, granularity, quantum, max_steps, max_time)
            )
        seed += 1
    return found


# -- what is refused before anything runs -------------------------------------
_PROCESS_MODULES = {"multiprocessing", "subprocess", "concurrent.futures.process"}
_PROCESS_CALLS = {
    "fork",
    "forkpty",
    "system",
    "popen",
    "posix_spawn",
    "posix_spawnp",
    "spawnl",
    "spawnle",
    "spawnlp",
    "spawnlpe",
    "spawnv",
    "spawnve",
    "spawnvp",
    "spawnvpe",
    "execv",
    "execve",
    "execl",
    "execle",
    "execlp",
    "execlpe",
    "execvp",
    "execvpe",
}


def starts_processes(tree: ast.AST) -> tuple[int, str] | None:
    """(line, what) of the first thing in the code that would start a process."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.partition(".")[0] in _PROCESS_MODULES or (
                    alias.name in _PROCESS_MODULES
                ):
                    return node.lineno, f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.partition(".")[0]
            if top in _PROCESS_MODULES or node.module in _PROCESS_MODULES:
                return node.lineno, f"from {node.module} import ..."
            if any(alias.name == "ProcessPoolExecutor" for alias in node.names):
                return node.lineno, "ProcessPoolExecutor"
            if node.module == "os" and any(
                alias.name in _PROCESS_CALLS for alias in node.names
            ):
                return node.lineno, f"from os import {node.names[0].name}"
        elif isinstance(node, ast.Attribute):
            if node.attr == "ProcessPoolExecutor":
                return node.lineno, "ProcessPoolExecutor"
            if (
                node.attr in _PROCESS_CALLS
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            ):
                return node.lineno, f"os.{node.attr}()"
        elif isinstance(node, ast.Name) and node.id == "ProcessPoolExecutor":
            return node.lineno, "ProcessPoolExecutor"
    return None
