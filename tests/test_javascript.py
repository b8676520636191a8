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


def test_a_worker_instantiates_the_module_it_is_given_or_compiles_its_own() -> None:
    """compiled.js: Pyodide's request for pyodide.asm.wasm is answered with the
    module from the page (nothing reported); without one, or with one that
    cannot be instantiated (here it lacks an import), the response is
    compiled and the new module reported; other WebAssembly goes through."""
    printed = node_module(
        """
        import { createServer } from "node:http";
        globalThis.self = globalThis;
        const hex = (text) =>
          Uint8Array.from(text.match(/../g), (b) => parseInt(b, 16));
        // (module (func (export "f") (result i32) i32.const 42))
        const answer = hex(
          "0061736d01000000010501600001" + "7f03020100070501016600000a06010400412a0b"
        );
        // (module (import "env" "g" (func)))
        const needsAnImport = hex(
          "0061736d010000000104016000000209010365" + "6e7601670000"
        );
        const server = createServer((request, response) => {
          response.setHeader("content-type", "application/wasm");
          response.end(answer);
        });
        await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
        const base = `http://127.0.0.1:${server.address().port}`;
        globalThis.location = { href: `${base}/assets/runner/worker.js` };
        const { shareModule } = await import("./web/runner/compiled.js");
        const given = await WebAssembly.compile(answer);
        const broken = await WebAssembly.compile(needsAnImport);
        const cases = { given, none: null, broken };
        const seen = {};
        for (const [name, module] of Object.entries(cases)) {
          const reported = [];
          const sharing = shareModule(module, (m) => reported.push(m));
          const { instance, module: used } = await WebAssembly.instantiateStreaming(
            fetch(`${base}/assets/pyodide/pyodide.asm.wasm`), {});
          sharing.restore();
          seen[name] = {
            answer: instance.exports.f(),
            reused: sharing.reused(),
            sameAsGiven: used === given,
            reported: reported.length === 1 && reported[0] === used,
          };
        }
        const sharing = shareModule(given, () => {});
        const other = await WebAssembly.instantiateStreaming(
          fetch(`${base}/other.wasm`), {});
        sharing.restore();
        seen.other = { answer: other.instance.exports.f(), reused: sharing.reused(),
                       sameAsGiven: other.module === given };
        server.close();
        console.log(JSON.stringify(seen));
        """
    )
    assert json.loads(printed) == {
        "given": {"answer": 42, "reused": True, "sameAsGiven": True, "reported": False},
        "none": {"answer": 42, "reused": False, "sameAsGiven": False, "reported": True},
        "broken": {
            "answer": 42,
            "reused": False,
            "sameAsGiven": False,
            "reported": True,
        },
        "other": {"answer": 42, "reused": False, "sameAsGiven": False},
    }
