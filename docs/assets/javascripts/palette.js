// Switching between the light and dark palettes (overrides/partials/
// palette.html). The header's inline script has already applied the saved or
// the system's palette and defined window.threadsPalette; this adds what
// waits for the reader: a choice (click, arrow keys, Enter), which is saved,
// and following the system setting while no choice is saved. The header is
// not replaced by Material's instant navigation: set up once.
(() => {
  "use strict";

  const palette = window.threadsPalette;
  if (!palette) return;
  const inputs = [...palette.inputs];

  function choose(index) {
    // Material's CSS turns transitions off under this attribute: the page
    // changes colour at once instead of fading element by element.
    document.body.setAttribute("data-md-color-switching", "");
    palette.apply(index, true);
    requestAnimationFrame(() => {
      document.body.removeAttribute("data-md-color-switching");
    });
  }

  for (const input of inputs) {
    input.addEventListener("change", () => {
      if (input.checked) choose(inputs.indexOf(input));
    });
    // Enter on the focused option moves to the next palette (a radio button
    // does nothing on Enter by itself); the arrow keys already do.
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      const next = inputs[(inputs.indexOf(input) + 1) % inputs.length];
      next.click();
      next.focus();
    });
  }

  // The header's script chose by the same rule (palette.preferred).
  for (const input of inputs) {
    const media = input.getAttribute("data-md-color-media");
    if (!media) continue;
    matchMedia(media).addEventListener("change", () => {
      if (!palette.saved()) palette.apply(palette.preferred(), false);
    });
  }
})();
