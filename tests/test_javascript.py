"""The site's JavaScript passes its type check: the types are JSDoc comments
in web/ (the worker's messages are web/runner/protocol.js's), checked by
TypeScript's compiler (`tsc`, pinned in package.json) with web/tsconfig.json."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TSC = ROOT / "node_modules" / ".bin" / "tsc"


def test_the_javascript_type_checks() -> None:
    if not TSC.exists():
        pytest.fail("node_modules/.bin/tsc is missing: run `npm ci`")
    done = subprocess.run(
        [str(TSC), "--noEmit", "-p", str(ROOT / "web" / "tsconfig.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"tsc found errors:\n{done.stdout}{done.stderr}"


def node_module(source: str) -> str:
    """What `source`, an ES module run by Node from the repository's root,
    prints."""
    done = subprocess.run(
        ["node", "--input-type=module", "-e", source],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_stop_between_the_checks_read_and_its_clear_is_kept() -> None:
    """CPython's interrupt check reads the buffer, then writes 0
    (Python/emscripten_signal.c). With a plain Int32Array a Stop written in
    between is lost; the worker hands Python a view whose read takes it."""
    printed = node_module(
        """
        import { takenWhenRead } from "./web/runner/waiting.js";
        const interleave = (shared, view) => {
          const read = view[0];         // the check reads: no signal yet
          Atomics.store(shared, 0, 2);  // the page's Stop lands here
          view[0] = 0;                  // the check clears what it read
          return [read, view[0]];       // the next check
        };
        const plain = new Int32Array(new SharedArrayBuffer(4));
        const shared = new Int32Array(new SharedArrayBuffer(4));
        const taken = takenWhenRead(shared);
        Atomics.store(shared, 0, 2);
        const once = [taken[0], taken[0]];  // a signal is taken once
        console.log(JSON.stringify({
          plain: interleave(plain, plain),
          taken: interleave(shared, taken),
          once,
        }));
        """
    )
    assert json.loads(printed) == {"plain": [0, 0], "taken": [0, 2], "once": [2, 0]}


def test_a_page_that_is_not_isolated_has_python_read_through_a_trap() -> None:
    """Its interrupt buffer is never written; each of Python's reads is a
    call from the engine into a Proxy's trap, where WebKit ends a terminated
    worker (waiting.js endedWhenRead); CPython's clear after its read keeps
    it at 0."""
    printed = node_module(
        """
        import { types } from "node:util";
        import { endedWhenRead } from "./web/runner/waiting.js";
        const buffer = endedWhenRead();
        const read = buffer[0];
        buffer[0] = 0;
        console.log(JSON.stringify([types.isProxy(buffer), read, buffer[0]]));
        """
    )
    assert json.loads(printed) == [True, 0, 0]
