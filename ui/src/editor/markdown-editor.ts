// CodeMirror 6 set-up for article bodies: one extensions list; options that
// change at run time (the localised accessible label) live in Compartments.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { HighlightStyle, syntaxHighlighting, indentOnInput, bracketMatching } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, keymap, placeholder } from "@codemirror/view";
import { tags } from "@lezer/highlight";

export const highlight = HighlightStyle.define([
  { tag: tags.heading1, fontSize: "1.35em", fontWeight: "700", color: "#13254f" },
  { tag: tags.heading2, fontSize: "1.2em", fontWeight: "700", color: "#13254f" },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], fontWeight: "700", color: "#13254f" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.strong, fontWeight: "700" },
  { tag: tags.strikethrough, textDecoration: "line-through" },
  { tag: [tags.link, tags.url], color: "#2454c5" },
  { tag: tags.monospace, fontFamily: "var(--mono)", color: "#7a3e9d" },
  { tag: tags.quote, color: "#55607a", fontStyle: "italic" },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: "#8a93a6" },
  { tag: tags.list, color: "#b4541a" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "15px", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.65", padding: "18px 0" },
  ".cm-content": { padding: "0 28px", caretColor: "#1d3fa0" },
  ".cm-activeLine": { backgroundColor: "#f3f6fd" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection": {
    backgroundColor: "#cfdcfb !important",
  },
  ".cm-placeholder": { color: "#98a1b3" },
});

/** CodeMirror's own interface words (search panel), keyed by its English phrase. */
export type Phrases = Record<string, string>;

export interface MarkdownEditorOptions {
  parent: HTMLElement;
  label: string;
  placeholderText: string;
  phrases: Phrases;
  onChange: (text: string) => void;
  onCursor: (offset: number) => void;
  onBlur: () => void;
}

/** The body editor. `load` swaps documents (with a fresh undo history). */
export class MarkdownEditor {
  readonly view: EditorView;
  #label = new Compartment();
  #placeholder = new Compartment();
  #phrases = new Compartment();
  #opts: MarkdownEditorOptions;

  constructor(opts: MarkdownEditorOptions) {
    this.#opts = opts;
    this.view = new EditorView({ parent: opts.parent, state: this.#state("", 0) });
  }

  #extensions(): Extension[] {
    return [
      history(),
      drawSelection(),
      highlightActiveLine(),
      indentOnInput(),
      bracketMatching(),
      search({ top: true }),
      highlightSelectionMatches(),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
      markdown({ base: markdownLanguage }),
      syntaxHighlighting(highlight),
      EditorView.lineWrapping,
      theme,
      this.#label.of(this.#labelExt(this.#opts.label)),
      this.#placeholder.of(placeholder(this.#opts.placeholderText)),
      this.#phrases.of(EditorState.phrases.of(this.#opts.phrases)),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) this.#opts.onChange(u.state.doc.toString());
        if (u.selectionSet || u.docChanged) this.#opts.onCursor(u.state.selection.main.head);
        if (u.focusChanged && !u.view.hasFocus) this.#opts.onBlur();
      }),
    ];
  }

  #labelExt(label: string): Extension {
    // data-testid sits on the contenteditable itself so WebDriver can type into it.
    return EditorView.contentAttributes.of({ "aria-label": label, "data-testid": "editor", spellcheck: "true" });
  }

  #state(doc: string, cursor: number): EditorState {
    const at = Math.max(0, Math.min(cursor, doc.length));
    return EditorState.create({ doc, selection: EditorSelection.cursor(at), extensions: this.#extensions() });
  }

  load(doc: string, cursor: number) {
    this.view.setState(this.#state(doc, cursor));
    this.view.dispatch({ effects: EditorView.scrollIntoView(this.view.state.selection.main.head, { y: "center" }) });
  }

  /** Applies a new interface language to the editor's own words. */
  relabel(label: string, placeholderText: string, phrases: Phrases) {
    this.#opts.label = label;
    this.#opts.placeholderText = placeholderText;
    this.#opts.phrases = phrases;
    this.view.dispatch({
      effects: [
        this.#label.reconfigure(this.#labelExt(label)),
        this.#placeholder.reconfigure(placeholder(placeholderText)),
        this.#phrases.reconfigure(EditorState.phrases.of(phrases)),
      ],
    });
  }

  focus() {
    this.view.focus();
  }

  destroy() {
    this.view.destroy();
  }
}
