// Sites and the publish jobs of the open article, kept current from the
// backend's outbox events. Publishing itself runs in the backend; this store
// only queues, listens and asks.
import * as pub from "../ipc/publish";
import type { OutboxJob, PublishEvent, PublishRequest, Site } from "../ipc/publish";
import { editor } from "./editor.svelte";
import { library } from "./library.svelte";
import { translation } from "./translation.svelte";

/** What one locale's running job has done so far (images as they upload). */
export interface JobProgress {
  images: { path: string; reused: boolean }[];
  post: { url: string; created: boolean } | null;
}

class PublishStore {
  sites = $state.raw<Site[]>([]);
  /** The open article's jobs, newest first. */
  jobs = $state.raw<OutboxJob[]>([]);
  progress = $state<Record<string, JobProgress>>({});
  error = $state<string | null>(null);
  #articleId: string | null = null;
  #seq = 0;
  #listening: Promise<unknown> | null = null;

  async loadSites() {
    try {
      this.sites = await pub.listSites();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** Follows the jobs of an article (the publish dialog is open on it). */
  async watch(articleId: string) {
    this.#articleId = articleId;
    this.#listening ??= Promise.all([
      pub.onPublishProgress((e) => this.#onEvent(e)),
      pub.onOutboxPass(() => void this.refresh()),
    ]);
    await this.#listening;
    await this.refresh();
  }

  /** Reloads the jobs; only the newest of overlapping reloads is kept (an
   * older answer arriving late must not show a state that has passed). */
  async refresh() {
    if (!this.#articleId) return;
    const n = ++this.#seq;
    try {
      const jobs = await pub.publishJobs(this.#articleId);
      if (n === this.#seq) this.jobs = jobs;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** The latest job of each locale (older attempts of a locale are history). */
  get latest(): OutboxJob[] {
    const seen = new Set<string>();
    const out: OutboxJob[] = [];
    for (const j of this.jobs) {
      const key = `${j.site_id}/${j.locale}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(j);
    }
    return out.sort((a, b) => a.locale.localeCompare(b.locale));
  }

  async publish(request: PublishRequest): Promise<boolean> {
    this.error = null;
    try {
      const queued = await pub.publishArticle(request);
      for (const j of queued) this.progress[j.id] = { images: [], post: null };
      await this.refresh();
      return true;
    } catch (e) {
      this.error = (e as Error).message;
      return false;
    }
  }

  /** A published version may have moved from ready to published: the
   * editor, the translation view and the library follow. */
  async #followPublished(jobId: string, locale: string) {
    const articleId = this.jobs.find((j) => j.id === jobId)?.article_id ?? this.#articleId;
    if (!articleId) return;
    await Promise.all([
      editor.followPublished(articleId, locale),
      translation.followStatus(articleId, locale),
      library.refresh(),
    ]);
  }

  async retry(id: string) {
    await this.#act(() => pub.retryPublishJob(id), id);
  }

  async cancel(id: string) {
    await this.#act(() => pub.cancelPublishJob(id), id);
  }

  async resolve(id: string, choice: pub.ConflictChoice) {
    await this.#act(() => pub.resolvePublishConflict(id, choice), id);
  }

  async #act(f: () => Promise<OutboxJob>, id: string) {
    this.error = null;
    try {
      await f();
      this.progress[id] = { images: [], post: null };
      await this.refresh();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  #onEvent(e: PublishEvent) {
    const p = this.progress[e.job_id] ?? { images: [], post: null };
    switch (e.event) {
      case "started":
        this.progress[e.job_id] = { images: [], post: null };
        void this.refresh();
        break;
      case "image":
        // The same file may be both inline and the featured image: list it once.
        if (p.images.some((i) => i.path === e.path)) break;
        this.progress[e.job_id] = { ...p, images: [...p.images, { path: e.path, reused: e.reused }] };
        break;
      case "post":
        this.progress[e.job_id] = { ...p, post: { url: e.url, created: e.created } };
        break;
      case "finished":
        void this.refresh();
        if (e.state === "done") void this.#followPublished(e.job_id, e.locale);
        break;
    }
  }
}

export const publishing = new PublishStore();
