// assets/runner/simulator.js: the bundle of web/simulator/ui.js (web/build.mjs).
export { mount, replayPanel } from "../simulator/ui.js";
