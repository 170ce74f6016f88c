// CodeMirror 6 for one translation block: the same Markdown language and
// highlighting as the article editor, sized to its content.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { syntaxHighlighting } from "@codemirror/language";
import { Annotation, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { highlight } from "./markdown-editor";

const theme = EditorView.theme({
  "&": { fontSize: "14px", backgroundColor: "#fff", border: "1px solid #dfe3ea", borderRadius: "7px" },
  "&.cm-focused": { outline: "2px solid #b9cbf5", borderColor: "#2454c5" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.6" },
  ".cm-content": { padding: "8px 10px", minHeight: "2.6em" },
  ".cm-placeholder": { color: "#98a1b3" },
});

/** Marks changes that come from the stored text, not from the translator. */
const fromStore = Annotation.define<boolean>();

export interface BlockEditorOptions {
  parent: HTMLElement;
  text: string;
  label: string;
  placeholderText: string;
  testid: string;
  onChange: (text: string) => void;
  onFocus: () => void;
  /** Extra keys (confirm, next block…), checked before the defaults. */
  keys: { key: string; run: () => boolean }[];
}

export function createBlockEditor(opts: BlockEditorOptions): EditorView {
  const extensions: Extension[] = [
    history(),
    keymap.of([...opts.keys, ...defaultKeymap, ...historyKeymap]),
    markdown({ base: markdownLanguage }),
    syntaxHighlighting(highlight),
    EditorView.lineWrapping,
    theme,
    placeholder(opts.placeholderText),
    EditorView.contentAttributes.of({ "aria-label": opts.label, "data-testid": opts.testid }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromStore))) {
        opts.onChange(u.state.doc.toString());
      }
      if (u.focusChanged && u.view.hasFocus) opts.onFocus();
    }),
  ];
  return new EditorView({ parent: opts.parent, state: EditorState.create({ doc: opts.text, extensions }) });
}

/** Replaces the text unless the user already has exactly it (keeps caret and undo). */
export function setBlockText(view: EditorView, text: string) {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: fromStore.of(true) });
}
