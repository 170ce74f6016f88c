// The Strings view's state: the linked folder's overview, the message list
// of one locale (filtered, searched), and the message being edited with its
// latest check and preview. The files on disk are the truth: the overview is
// read again whenever the view opens or the user refreshes, and a save is
// refused by the backend when the file changed meanwhile.
import {
  type DraftResult,
  type MessageList,
  type MessageModel,
  type MessageRow,
  type StringsFilter,
  type StringsOverview,
  stringsDraft,
  stringsLink,
  stringsMessages,
  stringsOverview,
  stringsSave,
} from "../ipc/strings";

/** Checks run this long after the last keystroke. */
const DRAFT_DELAY_MS = 150;
const SEARCH_DELAY_MS = 200;

export type EditorMode = "fields" | "ftl";
export type SaveState = "clean" | "dirty" | "saving" | "saved" | "failed";

class StringsStore {
  overview = $state.raw<StringsOverview | null>(null);
  /** Whether the overview was asked for at least once. */
  loaded = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  linkError = $state<string | null>(null);
  linking = $state(false);

  locale = $state("");
  path = $state<string | null>(null);
  filter = $state<StringsFilter>("all");
  search = $state("");
  list = $state.raw<MessageList | null>(null);
  listLoading = $state(false);

  selected = $state.raw<{ path: string; id: string } | null>(null);
  draft = $state.raw<DraftResult | null>(null);
  mode = $state<EditorMode>("fields");
  args = $state<Record<string, string>>({});
  saveState = $state<SaveState>("clean");
  saveError = $state<string | null>(null);
  /** Bumped whenever the editor must reload its fields from `draft`. */
  epoch = $state(0);

  #listSeq = 0;
  #draftSeq = 0;
  #draftTimer: ReturnType<typeof setTimeout> | null = null;
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  #pending: { source: string | null; model: MessageModel | null } | null = null;

  get reference(): string {
    return this.overview?.link.reference ?? "";
  }

  /** Re-reads the folder from disk (view opened, refresh button). */
  async refresh() {
    this.loading = true;
    try {
      const o = await stringsOverview();
      this.overview = o;
      this.error = null;
      if (o) {
        this.#pickLocale(o);
        await this.loadMessages();
        if (this.selected && this.saveState !== "dirty") await this.reopen();
      }
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loading = false;
      this.loaded = true;
    }
  }

  /** Makes another locale the reference (the folder stays linked). */
  async setReference(reference: string) {
    const o = this.overview;
    if (!o || reference === o.link.reference) return;
    try {
      this.overview = await stringsLink(o.link.path, reference);
      this.error = null;
      this.selected = null;
      this.draft = null;
      if (this.locale === reference) this.locale = "";
      this.#pickLocale(this.overview);
      await this.loadMessages();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  async link(path: string) {
    this.linking = true;
    try {
      const o = await stringsLink(path, null);
      this.overview = o;
      this.linkError = null;
      this.selected = null;
      this.draft = null;
      this.path = null;
      this.locale = "";
      this.#pickLocale(o);
      await this.loadMessages();
      return true;
    } catch (e) {
      this.linkError = (e as Error).message;
      return false;
    } finally {
      this.linking = false;
    }
  }

  #pickLocale(o: StringsOverview) {
    const targets = o.locales.filter((l) => !l.is_reference);
    if (!o.locales.some((l) => l.locale === this.locale)) {
      this.locale = targets[0]?.locale ?? o.link.reference;
    }
    const files = o.locales.find((l) => l.locale === this.locale)?.files ?? [];
    if (this.path !== null && !files.some((f) => f.path === this.path)) this.path = null;
  }

  async setLocale(locale: string) {
    if (locale === this.locale) return;
    this.locale = locale;
    this.selected = null;
    this.draft = null;
    if (this.overview) this.#pickLocale(this.overview);
    await this.loadMessages();
  }

  async setPath(path: string | null) {
    this.path = path;
    await this.loadMessages();
  }

  async setFilter(filter: StringsFilter) {
    this.filter = filter;
    await this.loadMessages();
  }

  setSearch(search: string) {
    this.search = search;
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.loadMessages(), SEARCH_DELAY_MS);
  }

  async loadMessages() {
    if (!this.overview || !this.locale) return;
    const seq = ++this.#listSeq;
    this.listLoading = true;
    try {
      const list = await stringsMessages({
        locale: this.locale,
        path: this.path,
        filter: this.filter,
        search: this.search,
      });
      if (seq !== this.#listSeq) return;
      this.list = list;
      this.error = null;
    } catch (e) {
      if (seq === this.#listSeq) this.error = (e as Error).message;
    } finally {
      if (seq === this.#listSeq) this.listLoading = false;
    }
  }

  /** Opens a message in the editor, as it is on disk (or a template). */
  async open(row: MessageRow) {
    this.selected = { path: row.path, id: row.id };
    this.args = {};
    this.saveState = "clean";
    this.saveError = null;
    await this.reopen();
  }

  async reopen() {
    const sel = this.selected;
    if (!sel) return;
    const seq = ++this.#draftSeq;
    try {
      const d = await stringsDraft({ locale: this.locale, path: sel.path, id: sel.id, source: null, model: null, args: this.args });
      if (seq !== this.#draftSeq) return;
      this.draft = d;
      this.args = { ...d.args };
      this.saveState = "clean";
      this.#pending = null;
      if (!d.model) this.mode = "ftl";
      this.epoch++;
    } catch (e) {
      this.saveError = (e as Error).message;
    }
  }

  closeEditor() {
    this.selected = null;
    this.draft = null;
  }

  /** The fields changed: check and preview again shortly. */
  editModel(model: MessageModel) {
    this.#schedule({ source: null, model });
  }

  /** The raw FTL changed. */
  editSource(source: string) {
    this.#schedule({ source, model: null });
  }

  setArg(name: string, value: string) {
    this.args = { ...this.args, [name]: value };
    this.#schedule(this.#pending ?? { source: this.draft?.source ?? null, model: null });
  }

  #schedule(change: { source: string | null; model: MessageModel | null }) {
    this.#pending = change;
    if (this.saveState !== "saving") this.saveState = "dirty";
    if (this.#draftTimer) clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => void this.#runDraft(), DRAFT_DELAY_MS);
  }

  async #runDraft() {
    const sel = this.selected;
    const change = this.#pending;
    this.#draftTimer = null;
    if (!sel || !change) return;
    const seq = ++this.#draftSeq;
    try {
      const d = await stringsDraft({ locale: this.locale, path: sel.path, id: sel.id, ...change, args: this.args });
      if (seq !== this.#draftSeq) return;
      // Keep the version the edit started from: a save must notice a change on disk.
      this.draft = { ...d, version: this.draft?.version ?? d.version };
      if (this.#pending === change) this.#pending = null;
    } catch (e) {
      this.saveError = (e as Error).message;
    }
  }

  /** Waits for the latest check, then writes the message to its file. */
  async save() {
    const sel = this.selected;
    if (!sel || this.saveState === "saving") return;
    if (this.#draftTimer) {
      clearTimeout(this.#draftTimer);
      await this.#runDraft();
    }
    const d = this.draft;
    if (!d || !d.saveable) return;
    this.saveState = "saving";
    try {
      const result = await stringsSave({ locale: this.locale, path: sel.path, id: sel.id, source: d.source, version: d.version });
      this.draft = { ...d, version: result.version, exists: true };
      this.saveState = "saved";
      this.saveError = null;
      if (this.list) {
        const rows = this.list.rows.map((r) => (r.path === sel.path && r.id === sel.id ? result.row : r));
        const files = this.list.files.map((f) => (f.path === sel.path ? { ...f, version: result.version } : f));
        this.list = { ...this.list, rows, files };
      }
      // Progress and file counts follow the save.
      void stringsOverview().then((o) => o && (this.overview = o));
    } catch (e) {
      this.saveState = "failed";
      this.saveError = (e as Error).message;
    }
  }
}

export const strings = new StringsStore();
