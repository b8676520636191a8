// Knowing that the Pyodide worker is gone, with no message and no event:
// the program closed it (`import js; js.close()`), or the browser ended it
// (out of memory, a crash). The worker holds a Web Lock named after it for
// as long as it lives; the page asks for the same lock, which it is granted
// only once the worker has ended. No timer, no message while Python runs.
// Bundled into both the worker (hold) and the page's client (watch).

/** True where Web Locks exist (secure contexts: https, localhost). */
export function canWatch() {
  return typeof navigator !== "undefined" && typeof navigator.locks?.request === "function";
}

/**
 * Worker side: hold the lock `name` until this worker ends; `held()` is
 * called once it is held (the page may then watch it).
 * @param {string} name
 * @param {() => void} held
 */
export function hold(name, held) {
  if (!name || !canWatch()) return;
  navigator.locks
    .request(name, () => {
      held();
      return new Promise(() => {}); // released only when the worker ends
    })
    .catch(() => {});
}

/**
 * Page side: `gone()` once the worker holding `name` has ended (whoever
 * ended it: the caller tells a worker it ended itself from one it lost).
 * @param {string} name
 * @param {() => void} gone
 */
export function watch(name, gone) {
  if (!canWatch()) return;
  navigator.locks.request(name, () => gone()).catch(() => {});
}

/** A lock name no other worker of this origin uses (tabs share locks). */
export function uniqueName() {
  const random = typeof crypto?.randomUUID === "function" ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  return `tip-python-${random}`;
}
