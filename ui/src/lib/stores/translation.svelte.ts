// The side-by-side translation of one locale version: block edits are saved
// 300 ms after the last keystroke (one timer per block), and flushed before
// anything that reloads the view.
import * as ipc from "../ipc";
import type { TranslationBlock, TranslationView } from "../ipc";
import { library } from "./library.svelte";

const SAVE_DELAY_MS = 300;

class TranslationStore {
  view = $state.raw<TranslationView | null>(null);
  error = $state<string | null>(null);
  pending = $state(0);
  /** Index of the block the translator is on. */
  current = $state(0);
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #texts = new Map<string, string>();
  #saving: Promise<void> = Promise.resolve();

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

  async start(articleId: string, locale: string, copy: boolean) {
    const view = await ipc.startTranslation(articleId, locale, copy);
    this.view = view;
    this.current = 0;
    await library.refresh();
  }

  close() {
    void this.flush();
    this.view = null;
  }

  edit(unitId: string, text: string) {
    this.#texts.set(unitId, text);
    this.pending = this.#texts.size;
    const old = this.#timers.get(unitId);
    if (old) clearTimeout(old);
    this.#timers.set(
      unitId,
      setTimeout(() => void this.#saveBlock(unitId), SAVE_DELAY_MS),
    );
  }

  async flush() {
    await this.#saveMetadata();
    const ids = [...this.#texts.keys()];
    for (const id of ids) await this.#saveBlock(id);
    await this.#saving;
  }

  #saveBlock(unitId: string): Promise<void> {
    const timer = this.#timers.get(unitId);
    if (timer) clearTimeout(timer);
    this.#timers.delete(unitId);
    const text = this.#texts.get(unitId);
    const view = this.view;
    if (text === undefined || !view) return this.#saving;
    this.#texts.delete(unitId);
    // Saves run one after another so the body is rebuilt in order.
    this.#saving = this.#saving.then(async () => {
      try {
        await ipc.saveTranslationBlock(view.article_id, view.locale, unitId, text);
        this.error = null;
      } catch (e) {
        // Keep the text and retry with the next keystroke or flush.
        if (!this.#texts.has(unitId)) this.#texts.set(unitId, text);
        this.error = (e as Error).message;
      } finally {
        this.pending = this.#texts.size;
      }
    });
    return this.#saving;
  }

  #metaTimer: ReturnType<typeof setTimeout> | null = null;
  #meta: ipc.VersionMetadata | null = null;

  /** Title, slug, summary, tags, status of the translation: saved after a pause. */
  editMetadata(meta: ipc.VersionMetadata) {
    this.#meta = meta;
    this.pending = this.#texts.size + 1;
    if (this.#metaTimer) clearTimeout(this.#metaTimer);
    this.#metaTimer = setTimeout(() => void this.#saveMetadata(), SAVE_DELAY_MS);
  }

  async #saveMetadata() {
    if (this.#metaTimer) clearTimeout(this.#metaTimer);
    this.#metaTimer = null;
    const meta = this.#meta;
    this.#meta = null;
    if (!meta) return;
    try {
      await ipc.saveVersionMetadata(meta);
      this.error = null;
      void library.refresh();
    } catch (e) {
      this.#meta ??= meta;
      this.error = (e as Error).message;
    } finally {
      this.pending = this.#texts.size + (this.#meta ? 1 : 0);
    }
  }

  /** Marks blocks (all when `unitIds` is null) up to date with the source. */
  async markUpToDate(unitIds: string[] | null) {
    const view = this.view;
    if (!view) return;
    await this.flush();
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
