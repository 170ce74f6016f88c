// CodeMirror 6 for Fluent: small editors for one pattern (a value, an
// attribute, a variant) with placeables and HTML tags highlighted, and a raw
// FTL editor for the whole message with syntax colours and the check's
// findings marked on their lines as the user types.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from "@codemirror/language";
import { Annotation, EditorState, StateEffect, StateField, type Extension, type Range } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  type ViewUpdate,
  drawSelection,
  keymap,
  placeholder,
} from "@codemirror/view";
import { tags } from "@lezer/highlight";

/** Placeables (`{ $count }`, `{ -brand }`) and HTML tags inside a pattern. */
const placeableMarks = new MatchDecorator({
  regexp: /\{[^{}]*\}|<\/?[a-zA-Z][^<>]*>/g,
  decoration: (m) => Decoration.mark({ class: m[0].startsWith("{") ? "strings-placeable" : "strings-tag" }),
});

const highlightPlaceables = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = placeableMarks.createDeco(view);
    }
    update(u: ViewUpdate) {
      this.decorations = placeableMarks.updateDeco(u, this.decorations);
    }
  },
  { decorations: (v) => v.decorations },
);

/** Marks a change made by the program (a reload), not by the user. */
const fromOutside = Annotation.define<boolean>();

const fieldTheme = EditorView.theme({
  "&": { fontSize: "14px", backgroundColor: "#fff", border: "1px solid var(--line)", borderRadius: "7px" },
  "&.cm-focused": { outline: "2px solid #b9cbf5", borderColor: "var(--accent)" },
  ".cm-scroller": { fontFamily: "var(--sans)", lineHeight: "1.55" },
  ".cm-content": { padding: "6px 9px", caretColor: "#1d3fa0" },
  ".cm-placeholder": { color: "#a0a8b8" },
});

export interface FieldOptions {
  parent: HTMLElement;
  text: string;
  label: string;
  placeholderText: string;
  testid: string;
  onChange: (text: string) => void;
  /** Runs on Mod-S / Mod-Enter (save). */
  onSubmit: () => void;
}

/** An editor for one pattern's text. */
export function createPatternField(opts: FieldOptions): EditorView {
  return new EditorView({
    parent: opts.parent,
    state: EditorState.create({
      doc: opts.text,
      extensions: [
        history(),
        drawSelection(),
        keymap.of([
          { key: "Mod-s", run: () => (opts.onSubmit(), true), preventDefault: true },
          { key: "Mod-Enter", run: () => (opts.onSubmit(), true) },
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.lineWrapping,
        fieldTheme,
        highlightPlaceables,
        placeholder(opts.placeholderText),
        EditorView.contentAttributes.of({ "aria-label": opts.label, "data-testid": opts.testid, spellcheck: "true" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromOutside))) {
            opts.onChange(u.state.doc.toString());
          }
        }),
      ],
    }),
  });
}

/** Replaces the text unless it is already the same; never reports a change. */
export function setText(view: EditorView, text: string) {
  if (view.state.doc.toString() === text) return;
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    annotations: fromOutside.of(true),
  });
}

// --- Raw FTL -------------------------------------------------------------

interface FtlState {
  inPlaceable: number;
  lineStart: boolean;
}

/** A small Fluent tokenizer: enough to colour what a translator reads. */
const ftlLanguage = StreamLanguage.define<FtlState>({
  startState: () => ({ inPlaceable: 0, lineStart: true }),
  token(stream: StringStream, state: FtlState) {
    if (stream.sol()) state.lineStart = true;
    if (state.inPlaceable > 0) {
      if (stream.eatSpace()) return null;
      if (stream.match(/^\$[a-zA-Z][\w-]*/)) return "variableName";
      if (stream.match(/^-[a-zA-Z][\w-]*/)) return "typeName";
      if (stream.match(/^"(?:[^"\\]|\\.)*"/)) return "string";
      if (stream.match(/^-?\d+(\.\d+)?/)) return "number";
      if (stream.match(/^[A-Z][A-Z0-9_-]*(?=\()/)) return "variableName.function";
      if (stream.match("->")) return "operator";
      if (stream.match(/^\*?\[[^\]]*\]/)) return "atom";
      if (stream.match(/^[a-zA-Z][\w-]*(\.[a-zA-Z][\w-]*)?/)) return "propertyName";
      if (stream.eat("{")) {
        state.inPlaceable++;
        return "brace";
      }
      if (stream.eat("}")) {
        state.inPlaceable--;
        return "brace";
      }
      stream.next();
      return null;
    }
    if (state.lineStart) {
      state.lineStart = false;
      if (stream.match(/^#.*/)) return "comment";
      if (stream.match(/^-?[a-zA-Z][\w-]*(?=\s*=)/)) return "variableName.definition";
      if (stream.match(/^\s+\.[a-zA-Z][\w-]*(?=\s*=)/)) return "propertyName";
      if (stream.match(/^\s*\*?\[[^\]]*\]/)) return "atom";
    }
    if (stream.eat("{")) {
      state.inPlaceable++;
      return "brace";
    }
    if (stream.match(/^<\/?[a-zA-Z][^<>{}]*>/)) return "tagName";
    if (stream.match(/^=/)) return "operator";
    stream.eatWhile(/[^{<=]/);
    if (stream.current().length === 0) stream.next();
    return "string.special";
  },
});

const ftlHighlight = HighlightStyle.define([
  { tag: tags.comment, color: "#7a8296", fontStyle: "italic" },
  { tag: tags.definition(tags.variableName), color: "#13254f", fontWeight: "700" },
  { tag: tags.propertyName, color: "#7a3e9d" },
  { tag: tags.variableName, color: "#b4541a", fontWeight: "600" },
  { tag: tags.typeName, color: "#1f7a3e", fontWeight: "600" },
  { tag: tags.atom, color: "#1b3f99", fontWeight: "600" },
  { tag: [tags.brace, tags.operator], color: "#8a93a6" },
  { tag: tags.string, color: "#2f6f3e" },
  { tag: tags.number, color: "#1b3f99" },
  { tag: tags.tagName, color: "#9a5b00" },
  { tag: tags.function(tags.variableName), color: "#1b3f99" },
]);

const ftlTheme = EditorView.theme({
  "&": { height: "100%", fontSize: "13.5px", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.6" },
  ".cm-content": { padding: "10px 12px", caretColor: "#1d3fa0" },
  ".strings-ftl-error-line": { backgroundColor: "#fdecea" },
  ".strings-ftl-warning-line": { backgroundColor: "#fff7e6" },
  ".strings-ftl-mark-error": { textDecoration: "underline wavy #c2362b", textUnderlineOffset: "3px" },
  ".strings-ftl-mark-warning": { textDecoration: "underline wavy #b7791f", textUnderlineOffset: "3px" },
});

/** Where a finding is: 1-based line and column, and how bad. */
export interface Mark {
  line: number;
  column: number;
  severity: "error" | "warning";
  message: string;
}

const setMarks = StateEffect.define<Mark[]>();

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setMarks)) deco = buildMarks(tr.state, e.value);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function buildMarks(state: EditorState, marks: Mark[]): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  for (const m of marks) {
    if (m.line < 1 || m.line > state.doc.lines) continue;
    const line = state.doc.line(m.line);
    ranges.push(Decoration.line({ class: `strings-ftl-${m.severity}-line`, attributes: { title: m.message } }).range(line.from));
    const from = Math.min(line.from + Math.max(0, m.column - 1), line.to);
    const word = /^[^\s{}]+/.exec(state.doc.sliceString(from, line.to));
    const to = Math.min(line.to, from + (word ? word[0].length : 1));
    if (to > from) ranges.push(Decoration.mark({ class: `strings-ftl-mark-${m.severity}` }).range(from, to));
  }
  return Decoration.set(ranges, true);
}

export interface FtlOptions {
  parent: HTMLElement;
  text: string;
  label: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
}

/** The raw FTL editor of one message. */
export function createFtlEditor(opts: FtlOptions): EditorView {
  const extensions: Extension[] = [
    history(),
    drawSelection(),
    keymap.of([
      { key: "Mod-s", run: () => (opts.onSubmit(), true), preventDefault: true },
      ...defaultKeymap,
      ...historyKeymap,
    ]),
    ftlLanguage,
    syntaxHighlighting(ftlHighlight),
    ftlTheme,
    marksField,
    EditorView.contentAttributes.of({ "aria-label": opts.label, "data-testid": "strings-ftl-editor", spellcheck: "false" }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromOutside))) {
        opts.onChange(u.state.doc.toString());
      }
    }),
  ];
  return new EditorView({ parent: opts.parent, state: EditorState.create({ doc: opts.text, extensions }) });
}

/** Shows the findings of the latest check on their lines. */
export function showMarks(view: EditorView, marks: Mark[]) {
  view.dispatch({ effects: setMarks.of(marks) });
}
