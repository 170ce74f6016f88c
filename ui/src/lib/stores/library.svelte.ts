// The library and the trash as lists, refreshed after every change.
import * as ipc from "../ipc";
import type { LibraryEntry, TrashedTranslation } from "../ipc";

class LibraryStore {
  articles = $state<LibraryEntry[]>([]);
  trash = $state<LibraryEntry[]>([]);
  trashedTranslations = $state<TrashedTranslation[]>([]);
  showTrash = $state(false);
  error = $state<string | null>(null);

  async refresh() {
    try {
      const [articles, trash, translations] = await Promise.all([
        ipc.listArticles(false),
        ipc.listArticles(true),
        ipc.listTrashedTranslations(),
      ]);
      this.articles = articles;
      this.trash = trash;
      this.trashedTranslations = translations;
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** Reflects a save in the list without a round trip. */
  touch(id: string, title: string | null, updatedAt: number) {
    const i = this.articles.findIndex((a) => a.id === id);
    if (i < 0) return;
    const entry = { ...this.articles[i], title: title ?? this.articles[i].title, updated_at: updatedAt };
    this.articles = [entry, ...this.articles.slice(0, i), ...this.articles.slice(i + 1)];
  }

  async moveToTrash(id: string) {
    await ipc.deleteArticle(id);
    await this.refresh();
  }

  async restore(id: string) {
    await ipc.restoreArticle(id);
    await this.refresh();
  }

  async restoreTranslation(versionId: string) {
    await ipc.restoreTranslation(versionId);
    await this.refresh();
  }

  async purgeTranslation(versionId: string) {
    await ipc.purgeTranslation(versionId);
    await this.refresh();
  }

  async purge(id: string) {
    await ipc.purgeArticle(id);
    await this.refresh();
  }
}

export const library = new LibraryStore();
