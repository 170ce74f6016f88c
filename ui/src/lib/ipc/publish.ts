// Typed commands and events of publishing: sites, the outbox, conflicts.
// Types mirror copydesk-core's site.rs, outbox.rs, publish.rs, conflict.rs.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { openUrl } from "@tauri-apps/plugin-opener";
import { call, type DiffSpan } from "./index";

export interface Site {
  id: string;
  name: string;
  kind: string;
  url: string;
  user_name: string;
  created_at: number;
}

export interface NewSite {
  name: string;
  url: string;
  user_name: string;
}

export interface AddedSite {
  site: Site;
  password_in_keyring: boolean;
  password_env: string;
}

export interface SiteCheck {
  site_name: string;
  user_name: string;
  roles: string[];
  can_publish: boolean;
  can_upload: boolean;
  locale_links: boolean;
  media_hash: boolean;
  polylang: boolean;
}

export type RequestedStatus = "publish" | "draft" | "future";
export type JobState = "queued" | "running" | "failed" | "done" | "cancelled" | "conflict";

export interface OutboxJob {
  id: string;
  site_id: string;
  article_id: string;
  locale: string;
  requested_status: RequestedStatus;
  scheduled_at: number | null;
  state: JobState;
  attempts: number;
  next_attempt_at: number;
  last_error_code: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  remote_id: number | null;
  remote_url: string | null;
}

export interface PublishRequest {
  site: string;
  article: string;
  locales: string[];
  status: RequestedStatus;
  scheduled_at: number | null;
  dry_run: boolean;
}

export interface PlannedRequest {
  locale: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  file?: string;
  note?: string;
}

export interface PublishReport {
  site: string;
  article_id: string;
  dry_run: boolean;
  requests: PlannedRequest[];
}

export type PublishEvent =
  | { event: "started"; job_id: string; locale: string; attempt: number }
  | { event: "image"; job_id: string; locale: string; path: string; reused: boolean }
  | { event: "post"; job_id: string; locale: string; remote_id: number; url: string; created: boolean }
  | {
      event: "finished";
      job_id: string;
      locale: string;
      state: JobState;
      error_code: string | null;
      error: string | null;
      next_attempt_at: number | null;
    };

export interface ConflictSide {
  title: string;
  html: string;
  modified_gmt: string | null;
  link: string | null;
}

export interface PublishConflict {
  job: OutboxJob;
  site_name: string;
  site: ConflictSide;
  ours: ConflictSide;
  diff: DiffSpan[];
  title_changed: boolean;
}

export type ConflictChoice = "overwrite" | "keep_site";

export const listSites = () => call<Site[]>("list_sites");
export const addSite = (site: NewSite, password: string) => call<AddedSite>("add_site", { site, password });
export const removeSite = (id: string) => call<void>("remove_site", { id });
export const testSite = (id: string) => call<SiteCheck>("test_site", { id });
export const publishArticle = (request: PublishRequest) => call<OutboxJob[]>("publish_article", { request });
export const planPublish = (request: PublishRequest) => call<PublishReport>("plan_publish", { request });
export const publishJobs = (articleId: string) => call<OutboxJob[]>("publish_jobs", { articleId });
export const retryPublishJob = (id: string) => call<OutboxJob>("retry_publish_job", { id });
export const cancelPublishJob = (id: string) => call<OutboxJob>("cancel_publish_job", { id });
export const publishConflict = (id: string) => call<PublishConflict>("publish_conflict", { id });
export const resolvePublishConflict = (id: string, choice: ConflictChoice) =>
  call<OutboxJob>("resolve_publish_conflict", { id, choice });

/** Progress of running publish jobs. */
export const onPublishProgress = (handler: (e: PublishEvent) => void): Promise<UnlistenFn> =>
  listen<PublishEvent>("publish-progress", (e) => handler(e.payload));

/** The outbox finished a pass over its due jobs (states may have changed). */
export const onOutboxPass = (handler: () => void): Promise<UnlistenFn> => listen("outbox-pass", () => handler());

/** Opens a published post in the user's browser. */
export const openExternal = (url: string) => openUrl(url);

/** A job's error in the interface language (WordPress's own words inside). */
export function jobErrorId(code: string): string | null {
  // These carry their full, localised text as the detail already.
  if (code === "keyring_unavailable" || code === "site_password_missing") return null;
  return `error-publish-${code.replace(/_/g, "-")}`;
}
