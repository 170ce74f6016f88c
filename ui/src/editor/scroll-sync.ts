// The editor's half of scroll sync: where each top-level Markdown block
// starts (from CodeMirror's own syntax tree, the same GFM blocks comrak
// renders), which source line is at the top of the editor, and scrolling the
// editor so a given line is at its top. The preview's half is in
// lib/scroll-sync.ts.
import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";
import type { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { SourceAnchor } from "../lib/scroll-sync";

/** The element each top-level block renders to; `*` = raw HTML (any number of elements). */
const BLOCK_TAGS: Record<string, string> = {
  ATXHeading1: "H1",
  ATXHeading2: "H2",
  ATXHeading3: "H3",
  ATXHeading4: "H4",
  ATXHeading5: "H5",
  ATXHeading6: "H6",
  SetextHeading1: "H1",
  SetextHeading2: "H2",
  Paragraph: "P",
  FencedCode: "PRE",
  CodeBlock: "PRE",
  BulletList: "UL",
  OrderedList: "OL",
  Blockquote: "BLOCKQUOTE",
  Table: "TABLE",
  HorizontalRule: "HR",
  HTMLBlock: "*",
};

/** A footnote definition: comrak moves it to the end of the page. */
const FOOTNOTE_DEFINITION = /^\s{0,3}\[\^[^\]]+\]:/;

const cache = new WeakMap<EditorState["doc"], SourceAnchor[]>();

/** The top-level blocks of the document, in order, with their first line. */
export function sourceAnchors(view: EditorView): SourceAnchor[] {
  const state = view.state;
  const known = cache.get(state.doc);
  if (known) return known;
  // A complete tree (50 ms at most; the partial one otherwise).
  const tree = ensureSyntaxTree(state, state.doc.length, 50) ?? syntaxTree(state);
  const anchors: SourceAnchor[] = [];
  const cursor = tree.topNode.cursor();
  if (cursor.firstChild()) {
    do {
      const tag = BLOCK_TAGS[cursor.name];
      if (!tag) continue; // link reference definitions, comments: nothing rendered
      const line = state.doc.lineAt(cursor.from);
      if (tag === "P" && FOOTNOTE_DEFINITION.test(line.text)) continue;
      anchors.push({ line: line.number, tag });
    } while (cursor.nextSibling());
  }
  cache.set(state.doc, anchors);
  return anchors;
}

/**
 * The source line at the top of the editor: 1-based, the fraction is how far
 * into that line. The top is that of the text area (below the scroller's
 * padding), where CodeMirror puts a line it scrolls to the start.
 */
export function topLine(view: EditorView): number {
  const scroller = view.scrollDOM;
  const padding = parseFloat(getComputedStyle(scroller).paddingTop) || 0;
  const height = scroller.getBoundingClientRect().top + padding - view.documentTop;
  if (height <= 0) return 1;
  const block = view.lineBlockAtHeight(height);
  const line = view.state.doc.lineAt(block.from).number;
  const into = block.height > 0 ? (height - block.top) / block.height : 0;
  return line + Math.min(1, Math.max(0, into));
}

/**
 * Scrolls so that `line` (fractional, as from {@link topLine}) is at the top.
 * CodeMirror scrolls once it has measured the lines around the target, so
 * the place is exact even where heights were only estimated; within a long
 * wrapped line the fraction picks the row.
 */
export function scrollToLine(view: EditorView, line: number) {
  const doc = view.state.doc;
  const n = Math.min(doc.lines, Math.max(1, Math.floor(line)));
  const fraction = Math.min(1, Math.max(0, line - n));
  const target = doc.line(n);
  const pos = target.from + Math.floor(fraction * target.length);
  view.dispatch({ effects: EditorView.scrollIntoView(pos, { y: "start", yMargin: 0 }) });
}
