// The line the reader types on when a program waits in input(): an input
// field at the end of the output, right after the prompt, as in a terminal.
// Enter sends the line, Ctrl+D (or the button) end of file. Used by ui.js.

/**
 * @typedef {object} AskOptions
 * @property {HTMLElement} output the output panel (the line goes at its end)
 * @property {string} path the example's path, for the accessible names
 * @property {(text: string) => boolean} send hands the answer over; false:
 *   refused (too long here): the line stays, with a message
 */

export class AskLine {
  /** @param {AskOptions} options */
  constructor({ output, path, send }) {
    const root = document.createElement("span");
    root.className = "tip-ask";
    const input = document.createElement("input");
    input.type = "text";
    input.className = "tip-ask-input";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("autocapitalize", "off");
    input.setAttribute("autocorrect", "off");
    input.setAttribute("enterkeyhint", "send");
    input.setAttribute("aria-label", `Input for ${path}: the program waits for a line. Enter sends it, Ctrl+D ends the input`);
    input.setAttribute("aria-keyshortcuts", "Enter Control+D");
    const end = document.createElement("button");
    end.type = "button";
    end.className = "tip-ask-eof";
    // Its text is drawn by CSS, so the output's text stays what the program wrote.
    end.dataset.label = "End of input";
    end.setAttribute("aria-label", `End of input for ${path} (Ctrl+D)`);
    const note = document.createElement("span");
    note.className = "tip-ask-note";
    note.setAttribute("role", "status");
    root.append(input, end, note);
    this.root = root;
    this.input = input;

    /** @param {string} text */
    const answer = (text) => {
      if (send(text)) {
        this.remove();
      } else {
        note.textContent = ` This line is too long to hand to the program here (${input.value.length.toLocaleString("en")} characters).`;
      }
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && !event.isComposing) {
        event.preventDefault();
        answer(`${input.value}\n`);
      } else if ((event.key === "d" || event.key === "D") && event.ctrlKey && !event.altKey) {
        // As in a terminal: end of file on an empty line, else the text so far.
        event.preventDefault();
        answer(input.value);
      }
    });
    end.addEventListener("click", () => answer(input.value));
    output.append(root);
    input.focus({ preventScroll: true });
    input.scrollIntoView({ block: "nearest" });
  }

  remove() {
    const hadFocus = this.root.contains(document.activeElement);
    const output = this.root.parentElement;
    this.root.remove();
    if (hadFocus && output instanceof HTMLElement) output.focus({ preventScroll: true });
  }
}
