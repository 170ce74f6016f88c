// The ONLY module that talks to the Tauri backend. Everything else in the UI
// imports these typed functions; errors arrive as IpcError {code, message}
// with a message already localised by the backend.
import { invoke } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";

export type Status = "draft" | "in_review" | "ready" | "published" | "outdated";
export const STATUSES: Status[] = ["draft", "in_review", "ready", "published", "outdated"];

export interface LocaleVersion {
  id: string;
  article_id: string;
  locale: string;
  title: string;
  slug: string;
  author: string;
  date: string | null;
  tags: string[];
  summary: string;
  body: string;
  status: Status;
  created_at: number;
  updated_at: number;
  /** Category names, looked up or created on the site when published. */
  categories: string[];
  /** Workspace path of the featured image (`assets/cover.png`), null when none. */
  featured_image: string | null;
}

export interface Article {
  id: string;
  source_locale: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  versions: LocaleVersion[];
}

export interface LocaleStatus {
  locale: string;
  status: Status;
  /** Translation blocks of a target version (0 for the source). */
  blocks: number;
  up_to_date: number;
}

export interface LibraryEntry {
  id: string;
  title: string;
  source_locale: string;
  status: Status;
  updated_at: number;
  deleted_at: number | null;
  versions: LocaleStatus[];
}

export interface LocaleVersionInput {
  article_id: string;
  locale: string;
  title: string;
  slug: string;
  author: string;
  date: string | null;
  tags: string[];
  summary: string;
  body: string;
  status: Status;
  /** A typo fix: translations that were up to date stay so. */
  minor?: boolean;
  /** Absent: none (older payloads). */
  categories?: string[];
  /** `assets/…`; blank or absent: none. */
  featured_image?: string | null;
}

export interface SavedLocaleVersion {
  updated_at: number;
  slug: string;
}

export interface PreviewOutput {
  html: string;
  oversized_blocks: number;
  words: number;
  reading_minutes: number;
}

export interface LastOpen {
  article_id: string;
  locale: string;
  cursor: number;
}

export interface WorkspaceLocales {
  source: string;
  targets: string[];
}

export interface UiStrings {
  locale: string;
  ftl: string;
}

export interface Session {
  ui: UiStrings;
  ui_locale_override: string | null;
  os_ui_locale: string;
  available_ui_locales: string[];
  data_dir: string;
  workspace_error: { code: string; message: string } | null;
  last_open: LastOpen | null;
  locales: WorkspaceLocales | null;
}

/** An error from the backend: `code` to branch on, `message` to show. */
export class IpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e && "message" in e) {
      throw new IpcError(String(e.code), String(e.message));
    }
    throw new IpcError("internal", String(e));
  }
}

export const loadSession = () => call<Session>("load_session");
export const setUiLocale = (locale: string | null) => call<UiStrings>("set_ui_locale", { locale });
export const setLastOpen = (last: LastOpen | null) => call<void>("set_last_open", { last });
export const listArticles = (trashed: boolean) => call<LibraryEntry[]>("list_articles", { trashed });
export const createArticle = (locale: string) => call<Article>("create_article", { locale });
export const getArticle = (id: string) => call<Article>("get_article", { id });
export const saveLocaleVersion = (input: LocaleVersionInput) =>
  call<SavedLocaleVersion>("save_locale_version", { input });
export const deleteArticle = (id: string) => call<void>("delete_article", { id });
export const restoreArticle = (id: string) => call<void>("restore_article", { id });
export const purgeArticle = (id: string) => call<void>("purge_article", { id });
export const renderPreview = (markdown: string, locale: string | null = null) =>
  call<PreviewOutput>("render_preview", { markdown, locale });

/** A theme problem, located in its file. */
export interface PageError {
  file: string;
  line: number | null;
  message: string;
}

/** The page preview: a whole HTML document in the site's theme. */
export interface PageOutput {
  html: string;
  errors: PageError[];
  /** The template failed: `html` is the last good page (or the built-in theme's). */
  stale: boolean;
  locale: string;
}

/** The editor's unsaved state of the version shown. */
export interface PageDraft {
  title: string;
  author: string;
  date: string | null;
  summary: string;
  tags: string[];
  body: string;
}

export const renderPage = (articleId: string, locale: string, draft: PageDraft | null) =>
  call<PageOutput>("render_page", { articleId, locale, draft });
export const slugify = (text: string) => call<string>("slugify", { text });

/** A page written as one standalone HTML file. */
export interface ExportedPage {
  /** The file written (absolute). */
  path: string;
  bytes: number;
  errors: PageError[];
}

/** "Export HTML": the page (the editor's draft when given) into the export folder. */
export const exportPageHtml = (articleId: string, locale: string, draft: PageDraft | null) =>
  call<ExportedPage>("export_page_html", { articleId, locale, draft });

/** The workspace's theme files: as typed in the settings (null = built-in), and those in use. */
export interface SiteThemeState {
  template: string | null;
  stylesheet: string | null;
  template_in_use: string | null;
  stylesheet_in_use: string | null;
}

export const getSiteTheme = () => call<SiteThemeState>("get_site_theme");
/** Refused with code `theme_template` / `theme_stylesheet` when that file cannot be used. */
export const setSiteTheme = (template: string | null, stylesheet: string | null) =>
  call<SiteThemeState>("set_site_theme", { theme: { template, stylesheet } });

/**
 * Runs `beforeClose` (e.g. flushing a pending save) before the window closes;
 * the window stays open when it answers false.
 */
export function onWindowClose(beforeClose: () => Promise<boolean>): Promise<() => void> {
  return getCurrentWindow().onCloseRequested(async (event) => {
    if (!(await beforeClose())) event.preventDefault();
  });
}

// ---- Translation ----------------------------------------------------------

export type BlockState = "up_to_date" | "untranslated" | "source_changed";

export interface DiffSpan {
  op: "equal" | "insert" | "delete";
  text: string;
}

export interface TranslationBlock {
  unit_id: string;
  state: BlockState;
  kind: string;
  source: string;
  target: string;
  previous_source: string | null;
  diff: DiffSpan[] | null;
}

export interface TranslationView {
  article_id: string;
  source_locale: string;
  locale: string;
  title: string;
  slug: string;
  summary: string;
  tags: string[];
  categories: string[];
  source_title: string;
  source_summary: string;
  status: Status;
  blocks: TranslationBlock[];
  total: number;
  up_to_date: number;
}

export interface LocaleInfo {
  code: string;
  native_name: string;
}

export const getTranslation = (articleId: string, locale: string) =>
  call<TranslationView>("get_translation", { articleId, locale });
export const startTranslation = (articleId: string, locale: string, copy: boolean) =>
  call<TranslationView>("start_translation", { articleId, locale, copy });
export const saveTranslationBlock = (articleId: string, locale: string, unitId: string, target: string) =>
  call<SavedLocaleVersion>("save_translation_block", { articleId, locale, unitId, target });
export const markBlocksUpToDate = (articleId: string, locale: string, unitIds: string[] | null) =>
  call<TranslationView>("mark_blocks_up_to_date", { articleId, locale, unitIds });
export const getWorkspaceLocales = () => call<LocaleInfo[]>("get_workspace_locales");
export const setWorkspaceLocales = (locales: WorkspaceLocales) =>
  call<LocaleInfo[]>("set_workspace_locales", { locales });

export interface VersionMetadata {
  article_id: string;
  locale: string;
  title: string;
  slug: string;
  summary: string;
  tags: string[];
  categories: string[];
  status: Status;
}

export const saveVersionMetadata = (metadata: VersionMetadata) =>
  call<SavedLocaleVersion>("save_version_metadata", { metadata });

export interface TrashedTranslation {
  version_id: string;
  article_id: string;
  locale: string;
  title: string;
  article_title: string;
  deleted_at: number;
}

export const deleteTranslation = (articleId: string, locale: string) =>
  call<void>("delete_translation", { articleId, locale });
export const restoreTranslation = (versionId: string) => call<void>("restore_translation", { versionId });
export const purgeTranslation = (versionId: string) => call<void>("purge_translation", { versionId });
export const listTrashedTranslations = () => call<TrashedTranslation[]>("list_trashed_translations");
