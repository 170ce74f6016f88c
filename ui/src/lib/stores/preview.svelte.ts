// Live preview: rendering happens in Rust on a worker thread. At most one
// request is in flight; while it runs only the newest text is kept, so the
// latest request always wins and a slow document never queues up work.
//
// Also the editor's side of scroll sync (see lib/scroll-sync.ts): where the
// editor is scrolled, and scrolling it to a source line for the preview.
import type { EditorView } from "@codemirror/view";
import { scrollToLine, sourceAnchors, topLine } from "../../editor/scroll-sync";
import * as ipc from "../ipc";
import type { PreviewOutput } from "../ipc";
import { ScrollLock, watchGestures, type SourceAnchor } from "../scroll-sync";

/** Where the editor is scrolled. */
export interface EditorPosition {
  /** Source line at the top (1-based, fractional). */
  line: number;
  atTop: boolean;
  atBottom: boolean;
  /** 0 (top) to 1 (bottom): the fallback when no block can be matched. */
  ratio: number;
}

class PreviewStore {
  output = $state.raw<PreviewOutput | null>(null);
  error = $state<string | null>(null);
  rendering = $state(false);
  /** Editor → preview: updated as the user scrolls the editor (not when the sync does). */
  editorPosition = $state.raw<EditorPosition>({ line: 1, atTop: true, atBottom: false, ratio: 0 });
  /** Tells the user's scrolling from the sync's, so neither pane echoes the other. */
  readonly lock = new ScrollLock();
  /** The language of the text, whose typography the preview applies. */
  locale: string | null = null;
  #pending: string | null = null;
  #running = false;
  #view: EditorView | null = null;
  #detach: (() => void) | null = null;

  request(markdown: string, locale: string | null = this.locale) {
    this.locale = locale;
    this.#pending = markdown;
    if (!this.#running) void this.#drain();
  }

  async #drain() {
    this.#running = true;
    this.rendering = true;
    while (this.#pending !== null) {
      const markdown = this.#pending;
      this.#pending = null;
      try {
        // Shown even if newer text is already waiting: the preview keeps
        // moving while the user types, and the newest text renders next.
        this.output = await ipc.renderPreview(markdown, this.locale);
        this.error = null;
      } catch (e) {
        this.error = (e as Error).message;
      }
    }
    this.#running = false;
    this.rendering = false;
  }

  /** The body editor, for scroll sync both ways (called when CodeMirror is created). */
  attachEditor(view: EditorView) {
    this.#detach?.();
    this.#view = view;
    const scroller = view.scrollDOM;
    const onScroll = () => {
      const position = this.#position(view);
      // Half a line: the editor settling where the sync put it is no move.
      if (this.lock.isUser("editor", position.line, 0.5)) this.editorPosition = position;
    };
    scroller.addEventListener("scroll", onScroll, { passive: true });
    const unwatch = watchGestures(view.dom, this.lock, "editor");
    this.#detach = () => {
      scroller.removeEventListener("scroll", onScroll);
      unwatch();
    };
  }

  #position(view: EditorView): EditorPosition {
    const s = view.scrollDOM;
    const max = s.scrollHeight - s.clientHeight;
    return {
      line: topLine(view),
      atTop: s.scrollTop <= 0,
      atBottom: max > 0 && s.scrollTop >= max - 1,
      ratio: max > 0 ? s.scrollTop / max : 0,
    };
  }

  #live(): EditorView | null {
    return this.#view?.dom.isConnected ? this.#view : null;
  }

  /** The editor's top-level blocks (none when no editor is shown). */
  sourceAnchors(): SourceAnchor[] {
    const view = this.#live();
    return view ? sourceAnchors(view) : [];
  }

  /** Lines in the editor's document. */
  lineCount(): number {
    return this.#live()?.state.doc.lines ?? 0;
  }

  /** Preview → editor: shows `line` at the editor's top (or its very top / bottom). */
  scrollEditor(to: number | "top" | "bottom") {
    const view = this.#live();
    if (!view) return;
    const s = view.scrollDOM;
    // CodeMirror scrolls in its next measure (a frame later): well inside
    // the quiet time of the lock.
    this.lock.moving("editor", typeof to === "number" ? to : to === "top" ? 1 : null);
    if (to === "top") s.scrollTop = 0;
    else if (to === "bottom") s.scrollTop = s.scrollHeight;
    else scrollToLine(view, to);
  }
}

export const preview = new PreviewStore();
