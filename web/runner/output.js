// Appending streamed output to an output panel, shared by the runner and the
// thread simulator (each bundle gets its own copy; it holds no state).
// Consecutive chunks of one stream extend the same <span>, so a program that
// prints a line at a time does not leave thousands of elements behind.
/** @type {Record<string, string>} */
const STREAM_CLASS = { err: "tip-stderr", in: "tip-stdin-echo" };

/**
 * @param {HTMLElement} output
 * @param {[import("./protocol.js").Stream, string][]} chunks
 */
export function appendStreams(output, chunks) {
  for (const [stream, text] of chunks) {
    const last = output.lastElementChild;
    if (last instanceof HTMLElement && last.dataset.stream === stream) {
      last.append(text);
    } else {
      const span = document.createElement("span");
      span.dataset.stream = stream;
      span.className = STREAM_CLASS[stream] ?? "tip-stdout";
      span.textContent = text;
      output.append(span);
    }
  }
}
