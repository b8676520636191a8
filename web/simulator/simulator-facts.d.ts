// assets/runner/simulator-facts.js, written by hooks/simulator_assets.py
// from the threadsim package at build: the facts the page and the worker
// share with it.

/** The package's files (threadsim/*.py), fetched into Pyodide. */
export const FILES: string[];
/** threadsim.DEFAULT_QUANTUM: the default N per granularity. */
export const DEFAULT_QUANTUM: { gil: number; bytecode: number };
/** threadsim.NOTE: what the panel says is simulated. */
export const NOTE: string;
/** Runs made at build for browsers without JSPI (docs_tools/simulator_runs.py):
 * a page's file is `${dir}${page URL}runs.json`, one run per seed. */
export const PRECOMPUTED: { dir: string; seeds: number[] };
