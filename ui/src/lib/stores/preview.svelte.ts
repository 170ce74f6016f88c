// Live preview: rendering happens in Rust on a worker thread. At most one
// request is in flight; while it runs only the newest text is kept, so the
// latest request always wins and a slow document never queues up work.
import * as ipc from "../ipc";
import type { PreviewOutput } from "../ipc";

class PreviewStore {
  output = $state.raw<PreviewOutput | null>(null);
  error = $state<string | null>(null);
  rendering = $state(false);
  /** The scroll position of the editor, 0 (top) to 1 (bottom), for scroll sync. */
  scrollRatio = $state(0);
  /** The language of the text, whose typography the preview applies. */
  locale: string | null = null;
  #pending: string | null = null;
  #running = false;

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
}

export const preview = new PreviewStore();
