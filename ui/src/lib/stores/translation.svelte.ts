// The side-by-side translation of one locale version. Each edit is saved
// 300 ms after the last keystroke with the article, locale and text it was
// typed for; saves run one after another; a failed save is retried; and
// everything pending is flushed before the view closes, switches or the
// window goes away.
import * as ipc from "../ipc";
import type { TranslationBlock, TranslationView } from "../ipc";
import { library } from "./library.svelte";

const SAVE_DELAY_MS = 300;
const MAX_WAIT_MS = 600;
const RETRY_MS = 3000;

interface PendingBlock {
  articleId: string;
  locale: string;
  unitId: string;
  text: string;
  /** When the oldest unsaved change of this block was typed. */
  since: number;
}

class TranslationStore {
  view = $state.raw<TranslationView | null>(null);
  error = $state<string | null>(null);
  pending = $state(0);
  /** Index of the block the translator is on. */
  current = $state(0);
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #blocks = new Map<string, PendingBlock>();
  #meta: ipc.VersionMetadata | null = null;
  #metaTimer: ReturnType<typeof setTimeout> | null = null;
  #queue: Promise<void> = Promise.resolve();

  async open(articleId: string, locale: string) {
    await this.flush();
    this.view = null;
    try {
      const view = await ipc.getTranslation(articleId, locale);
      this.view = view;
      this.current = Math.max(0, view.blocks.findIndex((b) => b.state !== "up_to_date"));
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** The shown version's status moved on the backend (published in the
   * background): take the new status, keep everything else as it is. */
  async followStatus(articleId: string, locale: string) {
    const view = this.view;
    if (!view || view.article_id !== articleId || view.locale !== locale) return;
    try {
      const fresh = await ipc.getTranslation(articleId, locale);
      if (this.view === view) this.view = { ...view, status: fresh.status };
    } catch {
      // The next open shows it.
    }
  }

  async start(articleId: string, locale: string, copy: boolean) {
    await this.flush();
    const view = await ipc.startTranslation(articleId, locale, copy);
    this.view = view;
    this.current = 0;
    await library.refresh();
  }

  /** Closes the view once everything is saved; false (and stays open) otherwise. */
  async close(): Promise<boolean> {
    if (!(await this.flush())) return false;
    this.view = null;
    return true;
  }

  edit(unitId: string, text: string) {
    const view = this.view;
    if (!view) return;
    const key = `${view.article_id}/${view.locale}/${unitId}`;
    const now = Date.now();
    const since = this.#blocks.get(key)?.since ?? now;
    this.#blocks.set(key, { articleId: view.article_id, locale: view.locale, unitId, text, since });
    this.#count();
    // Debounced, but never held longer than MAX_WAIT_MS while typing goes on.
    this.#schedule(key, Math.max(0, Math.min(SAVE_DELAY_MS, since + MAX_WAIT_MS - now)));
  }

  /** Title, slug, summary, tags, status of the translation: saved after a pause. */
  editMetadata(meta: ipc.VersionMetadata) {
    this.#meta = meta;
    this.#count();
    if (this.#metaTimer) clearTimeout(this.#metaTimer);
    this.#metaTimer = setTimeout(() => void this.#enqueueMetadata(), SAVE_DELAY_MS);
  }

  /** Saves everything pending now, and waits; false if something could not be saved. */
  async flush(): Promise<boolean> {
    for (const key of [...this.#blocks.keys()]) void this.#enqueueBlock(key);
    void this.#enqueueMetadata();
    await this.#queue;
    return this.#blocks.size === 0 && this.#meta === null;
  }

  #count() {
    this.pending = this.#blocks.size + (this.#meta ? 1 : 0);
  }

  #schedule(key: string, ms: number) {
    const old = this.#timers.get(key);
    if (old) clearTimeout(old);
    this.#timers.set(
      key,
      setTimeout(() => void this.#enqueueBlock(key), ms),
    );
  }

  #enqueueBlock(key: string): Promise<void> {
    const timer = this.#timers.get(key);
    if (timer) clearTimeout(timer);
    this.#timers.delete(key);
    this.#queue = this.#queue.then(async () => {
      const block = this.#blocks.get(key);
      if (!block) return;
      this.#blocks.delete(key);
      try {
        await ipc.saveTranslationBlock(block.articleId, block.locale, block.unitId, block.text);
        this.error = null;
      } catch (e) {
        this.error = (e as Error).message;
        // Keep the text (unless newer text arrived meanwhile) and try again,
        // except when the block no longer exists: then retrying cannot help.
        if ((e as ipc.IpcError).code !== "not_found" && !this.#blocks.has(key)) {
          this.#blocks.set(key, block);
          this.#schedule(key, RETRY_MS);
        }
      } finally {
        this.#count();
      }
    });
    return this.#queue;
  }

  #enqueueMetadata(): Promise<void> {
    if (this.#metaTimer) clearTimeout(this.#metaTimer);
    this.#metaTimer = null;
    this.#queue = this.#queue.then(async () => {
      const meta = this.#meta;
      if (!meta) return;
      this.#meta = null;
      try {
        await ipc.saveVersionMetadata(meta);
        this.error = null;
        void library.refresh();
      } catch (e) {
        this.error = (e as Error).message;
        this.#meta ??= meta;
        this.#metaTimer = setTimeout(() => void this.#enqueueMetadata(), RETRY_MS);
      } finally {
        this.#count();
      }
    });
    return this.#queue;
  }

  /** Marks blocks (all when `unitIds` is null) up to date with the source. */
  async markUpToDate(unitIds: string[] | null) {
    const view = this.view;
    if (!view) return;
    if (!(await this.flush())) return;
    try {
      this.view = await ipc.markBlocksUpToDate(view.article_id, view.locale, unitIds);
      this.error = null;
      void library.refresh();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** The next (dir 1) or previous (dir -1) block that needs work, from the current one. */
  step(dir: 1 | -1): number | null {
    const blocks = this.view?.blocks ?? [];
    for (let i = this.current + dir; i >= 0 && i < blocks.length; i += dir) {
      if (blocks[i].state !== "up_to_date") {
        this.current = i;
        return i;
      }
    }
    return null;
  }

  needsWork(b: TranslationBlock) {
    return b.state !== "up_to_date";
  }
}

export const translation = new TranslationStore();
