"""The data files the figures are drawn from."""

from __future__ import annotations

import json
from pathlib import Path


class FigureError(Exception):
    """A figure cannot be drawn; the message names what is missing."""


class Data:
    """The data/ folder of the repository at `root`, each file read once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._read: dict[Path, dict] = {}

    def _load(self, path: Path, how: str) -> dict:
        if path not in self._read:
            try:
                self._read[path] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise FigureError(
                    f"the data file {self._name(path)} is missing or unreadable. "
                    f"The pages draw their charts from it; {how} ({error})"
                ) from error
        return self._read[path]

    def _name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def benchmarks(self) -> dict:
        path = self.root / "data" / "benchmarks.json"
        data = self._load(
            path, "run `python benchmarks/concurrency.py` to measure and write it"
        )
        if not data.get("results"):
            raise FigureError(f"{self._name(path)} holds no results")
        return data

    def gil_switch_interval(self) -> dict:
        path = self.root / "data" / "gil-switch-interval.json"
        data = self._load(
            path,
            "run `python benchmarks/gil_switch_interval.py` to measure and write it",
        )
        if not data.get("results"):
            raise FigureError(f"{self._name(path)} holds no results")
        return data

    def start_methods(self) -> dict:
        path = self.root / "data" / "start-methods.json"
        data = self._load(
            path, "run `python benchmarks/start_methods.py` to measure and write it"
        )
        if not data.get("results"):
            raise FigureError(f"{self._name(path)} holds no results")
        return data

    def timeline(self, name: str) -> dict:
        return self._load(
            self.root / "data" / "timelines" / f"{name}.json",
            f"run `python benchmarks/record_timelines.py {name}` to record it",
        )

    def pythons(self) -> dict:
        return self._load(
            self.root / "data" / "pythons.json",
            "run `.venv/bin/python -m docs_tools.matrix` to write it",
        )
