// The open locale version and its autosave.
//
// Every edit marks the version dirty and schedules a save SAVE_DELAY_MS after
// the last keystroke; blur and window close flush at once. One save runs at a
// time; edits made meanwhile are saved right after. A failed save keeps the
// text in memory, shows why, and retries — nothing typed is dropped.
import * as ipc from "../ipc";
import type { Article, LocaleVersion, Status } from "../ipc";
import { library } from "./library.svelte";
import { translation } from "./translation.svelte";

/** Short enough that a killed process loses well under a second of typing. */
export const SAVE_DELAY_MS = 300;
/** Longest time an edit waits while the user keeps typing. */
export const MAX_WAIT_MS = 600;
const RETRY_MS = 3000;

export type SaveState = "saved" | "pending" | "saving" | "failed";

export interface Draft {
  title: string;
  slug: string;
  author: string;
  date: string;
  tags: string;
  /** Comma-separated, like tags. */
  categories: string;
  /** Workspace path (`assets/cover.png`), "" for none. */
  featured_image: string;
  summary: string;
  body: string;
  status: Status;
}

function draftOf(v: LocaleVersion): Draft {
  return {
    title: v.title,
    slug: v.slug,
    author: v.author,
    date: v.date ?? "",
    tags: v.tags.join(", "),
    categories: (v.categories ?? []).join(", "),
    featured_image: v.featured_image ?? "",
    summary: v.summary,
    body: v.body,
    status: v.status,
  };
}

class EditorStore {
  article = $state.raw<Article | null>(null);
  locale = $state("");
  draft = $state<Draft | null>(null);
  saveState = $state<SaveState>("saved");
  saveError = $state<string | null>(null);
  /** The target locale shown side by side with the source, or null when writing. */
  translating = $state<string | null>(null);
  /** The writer's "minor edit — keep translations current" switch. */
  minor = $state(false);
  /** Where the caret should go when the article opens (restored session). */
  initialCursor = $state(0);
  cursor = 0;

  #dirty = false;
  #dirtySince = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inFlight: Promise<void> | null = null;

  #openSeq = 0;

  /**
   * Opens an article. Refuses (returns false) while the open one has changes
   * that cannot be saved: switching would drop them.
   */
  async open(id: string, locale?: string, cursor = 0): Promise<boolean> {
    if (!(await this.flush()) || !(await translation.flush())) return false;
    const seq = ++this.#openSeq;
    const article = await ipc.getArticle(id);
    // Two quick clicks: only the last one wins.
    if (seq !== this.#openSeq) return false;
    const version = article.versions.find((v) => v.locale === locale) ?? article.versions[0];
    this.article = article;
    this.locale = version.locale;
    this.initialCursor = Math.min(cursor, version.body.length);
    this.cursor = this.initialCursor;
    this.draft = draftOf(version);
    this.translating = null;
    this.minor = false;
    this.saveState = "saved";
    this.saveError = null;
    this.#dirty = false;
    await this.rememberOpen();
    return true;
  }

  /** Closes the editor; refuses (false) while changes cannot be saved. */
  async close(): Promise<boolean> {
    if (!(await this.flush()) || !(await translation.close())) return false;
    this.article = null;
    this.draft = null;
    await ipc.setLastOpen(null).catch(() => {});
    return true;
  }

  /** Call after any change to `draft`. */
  changed() {
    const now = Date.now();
    if (!this.#dirty) this.#dirtySince = now;
    this.#dirty = true;
    if (this.saveState !== "failed") this.saveState = "pending";
    // Debounced, but never longer than MAX_WAIT_MS after the first unsaved
    // keystroke: someone typing without a pause still has everything older
    // than a second on disk.
    const wait = Math.max(0, Math.min(SAVE_DELAY_MS, this.#dirtySince + MAX_WAIT_MS - now));
    if (this.saveState !== "failed") this.#schedule(wait);
  }

  /** Saves now whatever is pending and waits for it; false if it could not be saved. */
  async flush(): Promise<boolean> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    while (this.#inFlight || this.#dirty) {
      if (this.#inFlight) {
        await this.#inFlight;
      } else {
        await this.#save();
        if (this.saveState === "failed") return false;
      }
    }
    return true;
  }

  #schedule(ms: number) {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, ms);
  }

  #save(): Promise<void> {
    const article = this.article;
    const draft = this.draft;
    if (!article || !draft) {
      this.#dirty = false;
      return Promise.resolve();
    }
    const input: ipc.LocaleVersionInput = {
      article_id: article.id,
      locale: this.locale,
      title: draft.title,
      slug: draft.slug,
      author: draft.author,
      date: draft.date || null,
      tags: draft.tags.split(",").map((t) => t.trim()).filter(Boolean),
      categories: draft.categories.split(",").map((c) => c.trim()).filter(Boolean),
      featured_image: draft.featured_image.trim() || null,
      summary: draft.summary,
      body: draft.body,
      status: draft.status,
      minor: this.minor,
    };
    this.#dirty = false;
    this.saveState = "saving";
    const run = (async () => {
      try {
        const saved = await ipc.saveLocaleVersion(input);
        this.saveError = null;
        this.saveState = this.#dirty ? "pending" : "saved";
        // "Minor" covers the changes it was on for, not every later edit.
        if (input.minor) this.minor = false;
        if (this.article?.id === article.id && this.locale === input.locale) {
          library.touch(article.id, article.source_locale === input.locale ? input.title : null, saved.updated_at);
          // A source edit may have made translation blocks stale: refresh
          // the progress bars.
          if (article.versions.length > 1) void library.refresh();
          void this.rememberOpen();
        }
      } catch (e) {
        // Keep the text: mark dirty again so the next attempt sends it.
        this.#dirty = true;
        this.saveState = "failed";
        this.saveError = (e as Error).message;
        this.#schedule(RETRY_MS);
      } finally {
        this.#inFlight = null;
      }
    })();
    this.#inFlight = run;
    return run;
  }

  /** A version of the open article was published in the background: its
   * stored status moved (ready → published). Follow it, so that the next
   * autosave does not put the old status back. */
  async followPublished(articleId: string, locale: string) {
    if (this.article?.id !== articleId) return;
    await this.refreshArticle();
    const stored = this.article?.versions.find((v) => v.locale === locale)?.status;
    if (locale === this.locale && this.draft && stored && this.draft.status === "ready") {
      this.draft.status = stored;
    }
  }

  /** Reloads the open article (its versions changed elsewhere), keeping the draft. */
  async refreshArticle() {
    if (!this.article) return;
    try {
      this.article = await ipc.getArticle(this.article.id);
    } catch {
      // Keep what is shown; the next open reports the problem.
    }
  }

  async rememberOpen() {
    if (!this.article) return;
    await ipc
      .setLastOpen({ article_id: this.article.id, locale: this.locale, cursor: this.cursor })
      .catch(() => {});
  }
}

export const editor = new EditorStore();
