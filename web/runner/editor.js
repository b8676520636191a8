// The code editor of a runnable block: CodeMirror 6 with Python highlighting,
// coloured with Material's own code variables (so light and dark themes both
// work). Loaded by ui.js only when the reader starts editing a block.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { pythonLanguage } from "@codemirror/lang-python";
import {
  HighlightStyle,
  LanguageSupport,
  bracketMatching,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, drawSelection, highlightSpecialChars, keymap } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword], color: "var(--md-code-hl-keyword-color)" },
  { tag: [t.string, t.special(t.string)], color: "var(--md-code-hl-string-color)" },
  { tag: [t.number, t.integer, t.float], color: "var(--md-code-hl-number-color)" },
  { tag: [t.bool, t.null, t.atom], color: "var(--md-code-hl-constant-color)" },
  { tag: [t.comment, t.lineComment], color: "var(--md-code-hl-comment-color)", fontStyle: "italic" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))], color: "var(--md-code-hl-function-color)" },
  { tag: [t.definition(t.className), t.className], color: "var(--md-code-hl-name-color)" },
  { tag: [t.operator, t.compareOperator, t.arithmeticOperator], color: "var(--md-code-hl-operator-color)" },
  { tag: [t.punctuation, t.paren, t.bracket, t.brace, t.separator], color: "var(--md-code-hl-punctuation-color)" },
  { tag: [t.self, t.special(t.variableName)], color: "var(--md-code-hl-special-color)" },
]);

const theme = EditorView.theme({
  "&": {
    color: "var(--md-code-fg-color)",
    backgroundColor: "var(--md-code-bg-color)",
    fontSize: ".85em",
  },
  "&.cm-focused": { outline: "2px solid var(--md-accent-fg-color)", outlineOffset: "-2px" },
  ".cm-scroller": { fontFamily: "var(--md-code-font-family)", lineHeight: "1.4" },
  ".cm-content": { padding: ".7720588235em 0", caretColor: "var(--md-code-fg-color)" },
  ".cm-line": { padding: "0 1.1764705882em" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-code-fg-color)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection":
    { backgroundColor: "var(--md-code-hl-color--light, rgba(255, 255, 0, .5))" },
  ".cm-matchingBracket": { outline: "1px solid var(--md-default-fg-color--light)" },
});

/**
 * @param {HTMLElement} parent
 * @param {string} doc the code
 * @param {string} label the editor's accessible name
 * @param {() => void} onRun Ctrl/Cmd+Enter
 * @param {() => void} [onChange] after each change of the code
 * @param {boolean} [wrap] wrap long lines: no sideways scrolling (an
 *   exercise's editor, whose scroller would otherwise be a region the
 *   keyboard cannot scroll, and on a phone)
 */
export function makeEditor(parent, doc, label, onRun, onChange, wrap = false) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (onRun(), true) }])),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        new LanguageSupport(pythonLanguage),
        syntaxHighlighting(highlight),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        theme,
        // Code, not prose: no autocorrect, capitals or spellcheck on phones and
        // tablets (CodeMirror's defaults today, stated so they stay).
        EditorView.contentAttributes.of({
          "aria-label": label,
          autocorrect: "off",
          autocapitalize: "off",
          spellcheck: "false",
        }),
        wrap ? EditorView.lineWrapping : [],
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange?.();
        }),
      ],
    }),
  });
}

