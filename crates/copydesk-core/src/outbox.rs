//! The publish outbox: one durable job per (site, article, locale) in SQLite,
//! and the runner that carries them out against WordPress.
//!
//! A job survives crashes and restarts: it is `queued` until due, `running`
//! under a lease while a runner has it (a runner that dies leaves it to be
//! taken again when the lease ends), then `done`, `failed` (credentials
//! refused, WordPress rejected the post, too many attempts), `conflict` (the
//! post changed on the site since our last publish: nothing overwritten) or
//! `cancelled`. Network trouble, time-outs, 429/5xx put it back in the queue
//! with exponential backoff and jitter (at least the site's `Retry-After`).
//!
//! One attempt: the body is rendered by [`crate::publish_html_in`] (the preview's
//! pipeline), each `assets/…` image — and the featured image — is uploaded
//! once per content hash (known uploads are remembered in `remote_media`, and
//! the client looks the hash up on the site before uploading), its URLs
//! rewritten, tags and categories ensured, then the
//! post is updated from the remembered `modified_gmt` (conflict check) or
//! created after looking it up by translation group + locale (so a lost
//! answer or a crash between create and record never makes a duplicate).
//! Every version of an article shares one `translation_group`: the article id.

use std::collections::HashMap;
use std::time::Duration;

use copydesk_l10n::Localizer;
use copydesk_publish::{
    ClientOptions, CreateOutcome, Error as WpError, PostInput, PostStatus, RemotePost, Seen,
    Taxonomy, WordPress,
};
use copydesk_store::{JobFinish, OutboxJobRow, PublicationRow, RemoteMediaRow, SiteRow};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::site::{Credentials, Site, site_from_row};
use crate::{CoreError, LocaleVersion, Status, Workspace, new_id, now_ms, publish_html_in};

/// Every `code` a failed or waiting publish job (and [`CoreError::Publish`])
/// can carry; each has its own localised message (`error-publish-<code>`).
pub const PUBLISH_ERROR_CODES: &[&str] = &[
    "auth",
    "network",
    "timeout",
    "rate_limited",
    "server",
    "tls",
    "not_wordpress",
    "rest_disabled",
    "rejected",
    "conflict",
    "asset_missing",
    "gave_up",
    "invalid",
    "keyring_unavailable",
    "site_password_missing",
];

/// The localised message of a publish error code with its detail.
pub(crate) fn publish_error_message(code: &str, detail: &str, l10n: &Localizer) -> String {
    let id = match code {
        "auth" => "error-publish-auth",
        "network" => "error-publish-network",
        "timeout" => "error-publish-timeout",
        "rate_limited" => "error-publish-rate-limited",
        "server" => "error-publish-server",
        "tls" => "error-publish-tls",
        "not_wordpress" => "error-publish-not-wordpress",
        "rest_disabled" => "error-publish-rest-disabled",
        "rejected" => "error-publish-rejected",
        "conflict" => "error-publish-conflict",
        "asset_missing" => "error-publish-asset-missing",
        "gave_up" => "error-publish-gave-up",
        // The credential errors carry their own wording (with the variable name).
        "keyring_unavailable" | "site_password_missing" => return detail.to_string(),
        _ => "error-publish-invalid",
    };
    l10n.format(id, &[("detail", detail)])
}

/// How a locale version is to be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestedStatus {
    /// Public now.
    Publish,
    /// Saved on the site, not public.
    Draft,
    /// Published by WordPress at the job's `scheduled_at`.
    Future,
}

impl RequestedStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestedStatus::Publish => "publish",
            RequestedStatus::Draft => "draft",
            RequestedStatus::Future => "future",
        }
    }

    fn parse(s: &str) -> RequestedStatus {
        match s {
            "draft" => RequestedStatus::Draft,
            "future" => RequestedStatus::Future,
            _ => RequestedStatus::Publish,
        }
    }
}

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    Failed,
    Done,
    Cancelled,
    Conflict,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Failed => "failed",
            JobState::Done => "done",
            JobState::Cancelled => "cancelled",
            JobState::Conflict => "conflict",
        }
    }

    fn parse(s: &str) -> JobState {
        match s {
            "running" => JobState::Running,
            "failed" => JobState::Failed,
            "done" => JobState::Done,
            "cancelled" => JobState::Cancelled,
            "conflict" => JobState::Conflict,
            _ => JobState::Queued,
        }
    }
}

/// A publish job as the UI shows it, with where it landed once done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxJob {
    pub id: String,
    pub site_id: String,
    pub article_id: String,
    pub locale: String,
    pub requested_status: RequestedStatus,
    pub scheduled_at: Option<i64>,
    pub state: JobState,
    pub attempts: u32,
    /// When a queued job is tried next (Unix ms).
    pub next_attempt_at: i64,
    /// One of [`PUBLISH_ERROR_CODES`].
    pub last_error_code: Option<String>,
    /// The error's own text (WordPress's message when it sent one).
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The post on the site, once this locale was published there.
    pub remote_id: Option<u64>,
    pub remote_url: Option<String>,
}

/// Settings of a publish run.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    /// Time-outs and in-call retries of the WordPress client.
    pub client: ClientOptions,
    /// Where site passwords come from.
    pub credentials: Credentials,
    /// Attempts of a job before it fails for good (retryable errors only).
    pub max_attempts: u32,
    /// Wait before the second attempt of a job; doubled each time.
    pub backoff_base: Duration,
    /// Longest wait between two attempts.
    pub backoff_max: Duration,
    /// How long a runner holds a job before another may take it.
    pub lease: Duration,
}

impl Default for PublishOptions {
    fn default() -> Self {
        PublishOptions {
            client: ClientOptions::default(),
            credentials: Credentials::system(),
            max_attempts: 8,
            backoff_base: Duration::from_secs(30),
            backoff_max: Duration::from_secs(3600),
            lease: Duration::from_secs(600),
        }
    }
}

/// What a running publish reports, as it happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum PublishEvent {
    /// An attempt of a job starts.
    Started {
        job_id: String,
        locale: String,
        attempt: u32,
    },
    /// An image of the body is on the site (`reused`: nothing was uploaded).
    Image {
        job_id: String,
        locale: String,
        path: String,
        reused: bool,
    },
    /// The post was created or updated.
    Post {
        job_id: String,
        locale: String,
        remote_id: u64,
        url: String,
        created: bool,
    },
    /// The attempt ended (`state` queued: it will be tried again at `next_attempt_at`).
    Finished {
        job_id: String,
        locale: String,
        state: JobState,
        error_code: Option<String>,
        error: Option<String>,
        next_attempt_at: Option<i64>,
    },
}

/// How one attempt ended.
enum Attempt {
    Done {
        publication: PublicationRow,
        version_status: Option<(String, String)>,
    },
    Retry(WpError),
    Failed {
        code: String,
        detail: String,
    },
    Conflict(String),
}

/// An `assets/…` file the body points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AssetRef {
    /// The attribute value as it is in the HTML.
    pub raw: String,
    /// The workspace path (`assets/a b.png`).
    pub path: String,
}

/// The `src` attributes of `html` that point into the workspace's assets
/// folder, in order, each once.
pub(crate) fn asset_refs(html: &str) -> Vec<AssetRef> {
    let mut out: Vec<AssetRef> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" src=\"") {
        let after = &rest[i + 6..];
        let Some(end) = after.find('"') else { break };
        let raw = &after[..end];
        if let Some(path) = asset_path(raw)
            && !out.iter().any(|r| r.raw == raw)
        {
            out.push(AssetRef {
                raw: raw.to_string(),
                path,
            });
        }
        rest = &after[end..];
    }
    out
}

fn asset_path(raw: &str) -> Option<String> {
    let value = raw.replace("&amp;", "&");
    let value = value.split(['?', '#']).next().unwrap_or("");
    if value.starts_with("//") {
        return None;
    }
    // An absolute URL (a scheme before any slash) is not ours.
    if let Some(colon) = value.find(':')
        && !value[..colon].contains('/')
    {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(value)
        .decode_utf8()
        .ok()?;
    let mut path: &str = &decoded;
    while let Some(p) = path.strip_prefix("./") {
        path = p;
    }
    let path = path.trim_start_matches('/');
    path.starts_with(&format!("{}/", crate::asset::ASSETS_DIR))
        .then(|| path.to_string())
}

/// `html` with the `src`/`href` attributes equal to each `raw` pointing to its URL.
pub(crate) fn rewrite_urls(html: &str, replacements: &[(String, String)]) -> String {
    let mut out = html.to_string();
    for (raw, url) in replacements {
        let escaped = url.replace('&', "&amp;").replace('"', "&quot;");
        for attr in ["src", "href"] {
            out = out.replace(
                &format!(" {attr}=\"{raw}\""),
                &format!(" {attr}=\"{escaped}\""),
            );
        }
    }
    out
}

/// `sha256-<hex>` of the bytes: how uploads are recognised.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(7 + 64);
    s.push_str("sha256-");
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Unix milliseconds → `YYYY-MM-DDTHH:MM:SS` (UTC), WordPress's `date_gmt`.
pub(crate) fn gmt_string(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The site's ids of what a version names: its terms and featured image.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RemoteRefs {
    pub tags: Vec<u64>,
    pub categories: Vec<u64>,
    pub featured_media: Option<u64>,
}

/// A version's `YYYY-MM-DD` date as WordPress's site-local `date`: that day
/// at midnight where the site is, so the site shows the day the writer chose.
pub(crate) fn local_date(date: &str) -> String {
    format!("{date}T00:00:00")
}

/// The post Copydesk sends for a version (terms and featured image as ids).
/// The version's date is the post's date, except for a scheduled publish:
/// the job's `scheduled_at` wins.
pub(crate) fn post_input(
    version: &LocaleVersion,
    content: String,
    refs: RemoteRefs,
    status: RequestedStatus,
    scheduled_at: Option<i64>,
) -> PostInput {
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
    let status = match (status, scheduled_at) {
        (RequestedStatus::Draft, _) => PostStatus::Draft,
        (RequestedStatus::Future, Some(at)) => PostStatus::Future {
            date_gmt: gmt_string(at),
        },
        _ => PostStatus::Publish,
    };
    let date = match status {
        PostStatus::Future { .. } => None,
        _ => version.date.as_deref().map(local_date),
    };
    PostInput {
        title: version.title.clone(),
        content,
        excerpt: non_empty(&version.summary),
        slug: non_empty(&version.slug),
        status,
        tags: refs.tags,
        categories: refs.categories,
        featured_media: refs.featured_media,
        date,
        locale: version.locale.clone(),
        translation_group: version.article_id.clone(),
    }
}

/// Sorts a WordPress error into a job outcome.
fn classify(e: WpError) -> Attempt {
    match e {
        WpError::Conflict {
            id,
            remote_modified_gmt,
        } => Attempt::Conflict(format!("post {id}, modified {remote_modified_gmt} UTC")),
        e if e.is_retryable() => Attempt::Retry(e),
        WpError::Auth { message } => Attempt::Failed {
            code: "auth".into(),
            detail: message,
        },
        WpError::Remote {
            status,
            code,
            message,
        } => Attempt::Failed {
            code: "rejected".into(),
            detail: format!("{message} ({status} {code})"),
        },
        WpError::Tls(detail) => Attempt::Failed {
            code: "tls".into(),
            detail,
        },
        WpError::NotWordPress { url } => Attempt::Failed {
            code: "not_wordpress".into(),
            detail: url,
        },
        WpError::RestDisabled { detail } => Attempt::Failed {
            code: "rest_disabled".into(),
            detail,
        },
        other => Attempt::Failed {
            code: "invalid".into(),
            detail: other.to_string(),
        },
    }
}

/// A WordPress error as a [`CoreError::Publish`] (code + detail).
pub(crate) fn publish_error(e: WpError) -> CoreError {
    let (code, detail) = match classify(e) {
        Attempt::Retry(e) => (retry_code(&e).to_string(), e.to_string()),
        Attempt::Failed { code, detail } => (code, detail),
        Attempt::Conflict(detail) => ("conflict".to_string(), detail),
        Attempt::Done { .. } => ("invalid".to_string(), String::new()),
    };
    CoreError::Publish { code, detail }
}

fn retry_code(e: &WpError) -> &'static str {
    match e {
        WpError::Timeout => "timeout",
        WpError::RateLimited { .. } => "rate_limited",
        WpError::Remote { .. } => "server",
        _ => "network",
    }
}

/// Exponential backoff with equal jitter after `attempts` attempts, never
/// shorter than what the site asked for.
fn backoff(options: &PublishOptions, attempts: u32, error: &WpError) -> Duration {
    let factor = 1u32
        .checked_shl(attempts.saturating_sub(1).min(30))
        .unwrap_or(u32::MAX);
    let exp = options
        .backoff_base
        .saturating_mul(factor)
        .min(options.backoff_max);
    let half = exp / 2;
    let jitter = fastrand::u64(0..=half.as_millis().min(u64::MAX as u128) as u64);
    let wait = half + Duration::from_millis(jitter);
    match error {
        WpError::RateLimited {
            retry_after: Some(asked),
        } => wait.max(*asked),
        _ => wait,
    }
}

fn job_from_row(r: OutboxJobRow, publication: Option<&PublicationRow>) -> OutboxJob {
    OutboxJob {
        requested_status: RequestedStatus::parse(&r.requested_status),
        state: JobState::parse(&r.state),
        attempts: r.attempts.max(0) as u32,
        remote_id: publication.map(|p| p.remote_id.max(0) as u64),
        remote_url: publication.map(|p| p.remote_url.clone()),
        id: r.id,
        site_id: r.site_id,
        article_id: r.article_id,
        locale: r.locale,
        scheduled_at: r.scheduled_at,
        next_attempt_at: r.next_attempt_at,
        last_error_code: r.last_error_code,
        last_error: r.last_error,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

fn core_to_failure(e: CoreError) -> (String, String) {
    match e {
        CoreError::Publish { code, detail } => (code, detail),
        // The text names the environment variable that can give the password.
        CoreError::KeyringUnavailable { .. } | CoreError::SitePasswordMissing { .. } => {
            (e.code().to_string(), e.to_string())
        }
        other => ("invalid".into(), other.to_string()),
    }
}

impl Workspace {
    /// The locale versions a publish request covers: the ones named, else
    /// every version that is *ready* (or already *published*, to update it).
    pub(crate) fn versions_to_publish(
        &self,
        article: &str,
        locales: &[String],
    ) -> Result<(String, Vec<LocaleVersion>), CoreError> {
        let article_id = self
            .find_article(article)?
            .ok_or_else(|| CoreError::NotFound(format!("article {article}")))?;
        let versions = self.get_article(&article_id)?.versions;
        let chosen: Vec<LocaleVersion> = if locales.is_empty() {
            versions
                .into_iter()
                .filter(|v| matches!(v.status, Status::Ready | Status::Published))
                .collect()
        } else {
            let mut out = Vec::new();
            for l in locales {
                let l = crate::locale::validate(l)?;
                let v = versions
                    .iter()
                    .find(|v| v.locale == l)
                    .ok_or_else(|| CoreError::NotFound(format!("{article} in {l}")))?;
                if !out.iter().any(|o: &LocaleVersion| o.locale == l) {
                    out.push(v.clone());
                }
            }
            out
        };
        if chosen.is_empty() {
            return Err(CoreError::InvalidInput(format!(
                "no version of {article} is ready to publish: set a version's status to ready, or name its locale"
            )));
        }
        Ok((article_id, chosen))
    }

    /// Queues a publish job for each chosen locale version (every *ready* or
    /// *published* one when `locales` is empty) of `article` on `site`. A
    /// job already queued for the same locale takes the new request.
    pub fn enqueue_publish(
        &self,
        site: &str,
        article: &str,
        locales: &[String],
        status: RequestedStatus,
        scheduled_at: Option<i64>,
    ) -> Result<Vec<OutboxJob>, CoreError> {
        let site = self.get_site(site)?;
        if status == RequestedStatus::Future && scheduled_at.is_none() {
            return Err(CoreError::InvalidInput(
                "a scheduled publish needs a date".into(),
            ));
        }
        let (article_id, versions) = self.versions_to_publish(article, locales)?;
        let now = now_ms();
        let mut jobs = Vec::new();
        for v in versions {
            let row = OutboxJobRow {
                id: new_id(),
                site_id: site.id.clone(),
                article_id: article_id.clone(),
                locale: v.locale.clone(),
                requested_status: status.as_str().into(),
                scheduled_at: if status == RequestedStatus::Future {
                    scheduled_at
                } else {
                    None
                },
                state: "queued".into(),
                attempts: 0,
                next_attempt_at: now,
                last_error_code: None,
                last_error: None,
                created_at: now,
                updated_at: now,
            };
            let job = self.store().enqueue_job(&row)?;
            jobs.push(self.outbox_job_view(job)?);
        }
        Ok(jobs)
    }

    fn outbox_job_view(&self, row: OutboxJobRow) -> Result<OutboxJob, CoreError> {
        let publication = self
            .store()
            .publication(&row.article_id, &row.locale, &row.site_id)?;
        Ok(job_from_row(row, publication.as_ref()))
    }

    /// One job.
    pub fn outbox_job(&self, id: &str) -> Result<OutboxJob, CoreError> {
        let row = self
            .store()
            .job(id)?
            .ok_or_else(|| CoreError::NotFound(format!("publish job {id}")))?;
        self.outbox_job_view(row)
    }

    /// The publish jobs of an article, newest first.
    pub fn outbox_jobs(&self, article_id: &str) -> Result<Vec<OutboxJob>, CoreError> {
        let rows = self.store().jobs_of_article(article_id)?;
        rows.into_iter().map(|r| self.outbox_job_view(r)).collect()
    }

    /// Puts a failed, conflicting or cancelled job back in the queue, due
    /// now; a queued job waiting for its backoff is tried now.
    pub fn retry_publish_job(&self, id: &str) -> Result<OutboxJob, CoreError> {
        if !self.store().requeue_job(id, now_ms())? {
            return Err(CoreError::InvalidInput(format!(
                "publish job {id} cannot be retried now (it is running or done)"
            )));
        }
        self.outbox_job(id)
    }

    /// Cancels a job that is not running.
    pub fn cancel_publish_job(&self, id: &str) -> Result<OutboxJob, CoreError> {
        if !self.store().cancel_job(id, now_ms())? {
            return Err(CoreError::InvalidInput(format!(
                "publish job {id} cannot be cancelled (it is running or over)"
            )));
        }
        self.outbox_job(id)
    }

    /// Runs every due job of the outbox once (all sites), reporting progress.
    /// Returns the jobs as they are afterwards. Blocks: it runs the network
    /// calls on a small runtime of its own (call it from a worker thread,
    /// never from inside an async task).
    pub fn run_outbox(
        &self,
        options: &PublishOptions,
        progress: &mut dyn FnMut(&PublishEvent),
    ) -> Result<Vec<OutboxJob>, CoreError> {
        self.run_jobs(None, options, progress)
    }

    pub(crate) fn run_jobs(
        &self,
        only: Option<&[String]>,
        options: &PublishOptions,
        progress: &mut dyn FnMut(&PublishEvent),
    ) -> Result<Vec<OutboxJob>, CoreError> {
        let due: Vec<String> = self
            .store()
            .due_jobs(now_ms())?
            .into_iter()
            .filter(|id| only.is_none_or(|o| o.contains(id)))
            .collect();
        if due.is_empty() {
            return Ok(Vec::new());
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| CoreError::Publish {
                code: "invalid".into(),
                detail: format!("cannot start the network runtime: {e}"),
            })?;
        // One client per site; passwords are read here, outside the runtime
        // (the keyring must not be called from an async task).
        let mut clients: HashMap<String, Result<WordPress, (String, String)>> = HashMap::new();
        let mut ran = Vec::new();
        for id in due {
            let now = now_ms();
            let lease = now.saturating_add(options.lease.as_millis() as i64);
            let Some(job) = self.store().claim_job(&id, now, lease)? else {
                continue;
            };
            ran.push(id.clone());
            let site_row: Option<SiteRow> = self.store().site(&job.site_id)?;
            let Some(site) = site_row.map(site_from_row) else {
                continue;
            };
            progress(&PublishEvent::Started {
                job_id: job.id.clone(),
                locale: job.locale.clone(),
                attempt: job.attempts.max(0) as u32,
            });
            let client = clients
                .entry(site.id.clone())
                .or_insert_with(|| make_client(&site, options));
            let attempt = match client {
                Ok(wp) => match runtime.block_on(self.attempt(&job, &site, wp, progress)) {
                    Ok(a) => a,
                    Err(e) => {
                        let (code, detail) = core_to_failure(e);
                        Attempt::Failed { code, detail }
                    }
                },
                Err((code, detail)) => Attempt::Failed {
                    code: code.clone(),
                    detail: detail.clone(),
                },
            };
            self.finish(&job, attempt, options, progress)?;
        }
        ran.iter().map(|id| self.outbox_job(id)).collect()
    }

    fn finish(
        &self,
        job: &OutboxJobRow,
        attempt: Attempt,
        options: &PublishOptions,
        progress: &mut dyn FnMut(&PublishEvent),
    ) -> Result<(), CoreError> {
        let now = now_ms();
        let attempts = job.attempts.max(0) as u32;
        let (state, next, code, detail, publication, version_status) = match attempt {
            Attempt::Done {
                publication,
                version_status,
            } => ("done", now, None, None, Some(publication), version_status),
            Attempt::Conflict(detail) => (
                "conflict",
                now,
                Some("conflict".to_string()),
                Some(detail),
                None,
                None,
            ),
            Attempt::Failed { code, detail } => {
                ("failed", now, Some(code), Some(detail), None, None)
            }
            Attempt::Retry(e) if attempts >= options.max_attempts => (
                "failed",
                now,
                Some("gave_up".to_string()),
                Some(format!("{e} (after {attempts} attempts)")),
                None,
                None,
            ),
            Attempt::Retry(e) => {
                let wait = backoff(options, attempts, &e);
                (
                    "queued",
                    now.saturating_add(wait.as_millis() as i64),
                    Some(retry_code(&e).to_string()),
                    Some(e.to_string()),
                    None,
                    None,
                )
            }
        };
        self.store().finish_job(&JobFinish {
            job_id: &job.id,
            state,
            next_attempt_at: next,
            error_code: code.as_deref(),
            error: detail.as_deref(),
            publication: publication.as_ref(),
            version_status: version_status
                .as_ref()
                .map(|(v, s)| (v.as_str(), s.as_str())),
            now,
        })?;
        progress(&PublishEvent::Finished {
            job_id: job.id.clone(),
            locale: job.locale.clone(),
            state: JobState::parse(state),
            error_code: code,
            error: detail,
            next_attempt_at: (state == "queued").then_some(next),
        });
        Ok(())
    }

    /// One attempt of one job. WordPress errors become the outcome; the
    /// `Err` of the result is for local trouble (version gone, image missing).
    async fn attempt(
        &self,
        job: &OutboxJobRow,
        site: &Site,
        wp: &WordPress,
        progress: &mut dyn FnMut(&PublishEvent),
    ) -> Result<Attempt, CoreError> {
        let version = self.version_in(&job.article_id, &job.locale)?;
        let html = publish_html_in(&version.body, Some(&version.locale));

        let mut replacements = Vec::new();
        for r in asset_refs(&html) {
            match self.site_media(job, site, wp, &r.path, progress).await? {
                Ok(media) => replacements.push((r.raw, media.url)),
                Err(e) => return Ok(classify(e)),
            }
        }
        let content = rewrite_urls(&html, &replacements);
        // After the body's images: one of them may be the featured image too.
        let featured_media = match &version.featured_image {
            Some(path) => match self.site_media(job, site, wp, path, progress).await? {
                Ok(media) => Some(media.id),
                Err(e) => return Ok(classify(e)),
            },
            None => None,
        };

        let mut refs = RemoteRefs {
            featured_media,
            ..RemoteRefs::default()
        };
        for (taxonomy, names, ids) in [
            (Taxonomy::Tags, &version.tags, &mut refs.tags),
            (
                Taxonomy::Categories,
                &version.categories,
                &mut refs.categories,
            ),
        ] {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            if names.is_empty() {
                continue;
            }
            // An existing term (`term_exists`) is reused, never duplicated.
            match wp.ensure_terms(taxonomy, &names).await {
                Ok(found) => *ids = found,
                Err(e) => return Ok(classify(e)),
            }
        }
        let status = RequestedStatus::parse(&job.requested_status);
        let input = post_input(&version, content, refs, status, job.scheduled_at);

        let known = self
            .store()
            .publication(&job.article_id, &job.locale, &site.id)?;
        let saved = save_post(wp, known.as_ref(), &input).await;
        let (post, created) = match saved {
            Ok(p) => p,
            Err(e) => return Ok(classify(e)),
        };
        progress(&PublishEvent::Post {
            job_id: job.id.clone(),
            locale: job.locale.clone(),
            remote_id: post.id,
            url: post.link.clone(),
            created,
        });
        let version_status = (version.status == Status::Ready && status != RequestedStatus::Draft)
            .then(|| (version.id.clone(), Status::Published.as_str().to_string()));
        let remote_fingerprint = post.fingerprint();
        Ok(Attempt::Done {
            publication: PublicationRow {
                remote_fingerprint,
                article_id: job.article_id.clone(),
                locale: job.locale.clone(),
                site_id: site.id.clone(),
                remote_id: post.id as i64,
                remote_url: post.link,
                remote_modified_gmt: post.modified_gmt,
                translation_group: input.translation_group,
                published_at: now_ms(),
            },
            version_status,
        })
    }
}

/// A workspace file in a site's media library.
struct SiteMedia {
    /// Attachment id (for `featured_media`).
    id: u64,
    /// Address of the file (for the body's links).
    url: String,
}

impl Workspace {
    /// The site's copy of the workspace file `path` (`assets/…`), uploaded
    /// once per content hash: a known upload (`remote_media`) is reused
    /// without asking the site, otherwise the client looks the hash up on
    /// the site before uploading. Used for the body's images and the
    /// featured image alike, so one file is one attachment whatever the
    /// article, locale or role. Reports [`PublishEvent::Image`].
    /// `Ok(Err(_))` is WordPress's answer (the attempt's outcome), `Err(_)`
    /// local trouble (no such file: `asset_missing`).
    async fn site_media(
        &self,
        job: &OutboxJobRow,
        site: &Site,
        wp: &WordPress,
        path: &str,
        progress: &mut dyn FnMut(&PublishEvent),
    ) -> Result<Result<SiteMedia, WpError>, CoreError> {
        let asset = self.read_asset(path).map_err(|_| CoreError::Publish {
            code: "asset_missing".into(),
            detail: path.to_string(),
        })?;
        let hash = content_hash(&asset.bytes);
        let known = self.store().remote_media(&site.id, &hash)?;
        let (media, reused) = match known {
            Some(m) => (
                SiteMedia {
                    id: m.remote_id.max(0) as u64,
                    url: m.url,
                },
                true,
            ),
            None => {
                let filename = path.rsplit('/').next().unwrap_or("image").to_string();
                let media = match wp
                    .upload_media(asset.bytes, &filename, asset.mime, &hash)
                    .await
                {
                    Ok(m) => m,
                    Err(e) => return Ok(Err(e)),
                };
                self.store().upsert_remote_media(&RemoteMediaRow {
                    site_id: site.id.clone(),
                    content_hash: hash,
                    remote_id: media.id as i64,
                    url: media.source_url.clone(),
                })?;
                (
                    SiteMedia {
                        id: media.id,
                        url: media.source_url,
                    },
                    media.reused,
                )
            }
        };
        progress(&PublishEvent::Image {
            job_id: job.id.clone(),
            locale: job.locale.clone(),
            path: path.to_string(),
            reused,
        });
        Ok(Ok(media))
    }
}

/// Updates the post we published before (if it is still as we left it:
/// same `modified_gmt` and fingerprint), or creates it — after looking it up by translation group
/// and locale, so a post made by an attempt whose answer was lost is updated,
/// never duplicated. Returns the post and whether it was created.
async fn save_post(
    wp: &WordPress,
    known: Option<&PublicationRow>,
    input: &PostInput,
) -> Result<(RemotePost, bool), WpError> {
    if let Some(p) = known {
        let seen = Seen {
            modified_gmt: &p.remote_modified_gmt,
            fingerprint: Some(p.remote_fingerprint.as_str()).filter(|f| !f.is_empty()),
        };
        match wp.update_post(p.remote_id as u64, seen, input).await {
            // Deleted on the site for good: publish it again.
            Err(WpError::Remote {
                status: 404 | 410, ..
            }) => {}
            other => return other.map(|post| (post, false)),
        }
    }
    match wp.create_post(input).await? {
        CreateOutcome::Created(post) => Ok((post, true)),
        // Ours (same article, same locale) but not recorded: a crash or a
        // lost answer after the create. Bring it up to date.
        CreateOutcome::Existing(post) => wp
            .update_post(post.id, &post.modified_gmt, input)
            .await
            .map(|post| (post, false)),
    }
}

fn make_client(site: &Site, options: &PublishOptions) -> Result<WordPress, (String, String)> {
    let password = options
        .credentials
        .password(site)
        .map_err(core_to_failure)?;
    WordPress::with_options(
        &site.url,
        &site.user_name,
        &password,
        options.client.clone(),
    )
    .map_err(|e| ("invalid".to_string(), e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_images_are_found_once_and_rewritten() {
        let html = crate::publish_html(
            "![a](assets/a%20b.png) ![b](./assets/été.svg) ![c](https://x.org/assets/c.png) \
             ![a again](assets/a%20b.png) [link](assets/a%20b.png) ![d](/assets/d.png?v=1)",
        );
        let refs = asset_refs(&html);
        let paths: Vec<&str> = refs.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["assets/a b.png", "assets/été.svg", "assets/d.png"]);
        let replaced = rewrite_urls(
            &html,
            &[(refs[0].raw.clone(), "https://s.org/a.png?x=1&y=2".into())],
        );
        assert_eq!(
            replaced
                .matches("\"https://s.org/a.png?x=1&amp;y=2\"")
                .count(),
            3,
            "both images and the link point to the upload: {replaced}"
        );
        assert!(replaced.contains("https://x.org/assets/c.png"));
    }

    #[test]
    fn hashes_and_dates() {
        assert_eq!(
            content_hash(b"abc"),
            "sha256-ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(gmt_string(0), "1970-01-01T00:00:00");
        assert_eq!(
            gmt_string(1_772_323_200_000 + 3_723_000),
            "2026-03-01T01:02:03"
        );
    }

    fn version(date: Option<&str>) -> LocaleVersion {
        LocaleVersion {
            id: "v".into(),
            article_id: "a".into(),
            locale: "fr".into(),
            title: "Titre".into(),
            slug: "titre".into(),
            author: String::new(),
            date: date.map(str::to_string),
            tags: vec!["ia".into()],
            summary: String::new(),
            body: String::new(),
            status: Status::Ready,
            created_at: 0,
            updated_at: 0,
            categories: vec!["Actualités".into()],
            featured_image: Some("assets/cover.png".into()),
        }
    }

    #[test]
    fn the_post_carries_terms_featured_image_and_date() {
        let refs = RemoteRefs {
            tags: vec![3],
            categories: vec![5, 8],
            featured_media: Some(13),
        };
        let v = version(Some("2026-02-14"));
        for status in [RequestedStatus::Publish, RequestedStatus::Draft] {
            let input = post_input(&v, "<p>x</p>".into(), refs.clone(), status, None);
            let body = input.to_json();
            assert_eq!(body["categories"], serde_json::json!([5, 8]));
            assert_eq!(body["tags"], serde_json::json!([3]));
            assert_eq!(body["featured_media"], 13);
            assert_eq!(body["date"], "2026-02-14T00:00:00", "{status:?}");
            assert!(body.get("date_gmt").is_none());
        }
        let undated = post_input(
            &version(None),
            String::new(),
            RemoteRefs::default(),
            RequestedStatus::Publish,
            None,
        )
        .to_json();
        assert!(undated.get("date").is_none(), "no date: WordPress's own");
        assert!(undated.get("featured_media").is_none());
        assert_eq!(undated["categories"], serde_json::json!([]));
    }

    #[test]
    fn a_scheduled_publish_date_wins_over_the_version_date() {
        let at = 1_772_323_200_000 + 3_723_000; // 2026-03-01T01:02:03 UTC
        let input = post_input(
            &version(Some("2026-02-14")),
            String::new(),
            RemoteRefs::default(),
            RequestedStatus::Future,
            Some(at),
        );
        assert_eq!(input.date, None, "{input:?}");
        let body = input.to_json();
        assert_eq!(body["status"], "future");
        assert_eq!(body["date_gmt"], "2026-03-01T01:02:03");
        assert!(body.get("date").is_none(), "{body}");
    }

    #[test]
    fn backoff_grows_with_jitter_and_honours_retry_after() {
        let options = PublishOptions {
            backoff_base: Duration::from_secs(10),
            backoff_max: Duration::from_secs(60),
            ..PublishOptions::default()
        };
        for _ in 0..50 {
            let first = backoff(&options, 1, &WpError::Timeout);
            assert!(first >= Duration::from_secs(5) && first <= Duration::from_secs(10));
            let late = backoff(&options, 30, &WpError::Timeout);
            assert!(late >= Duration::from_secs(30) && late <= Duration::from_secs(60));
            let asked = backoff(
                &options,
                1,
                &WpError::RateLimited {
                    retry_after: Some(Duration::from_secs(45)),
                },
            );
            assert!(asked >= Duration::from_secs(45));
        }
    }

    #[test]
    fn errors_are_sorted() {
        assert!(matches!(classify(WpError::Timeout), Attempt::Retry(_)));
        assert!(matches!(
            classify(WpError::Auth {
                message: "no".into()
            }),
            Attempt::Failed { ref code, .. } if code == "auth"
        ));
        assert!(matches!(
            classify(WpError::Remote {
                status: 400,
                code: "rest_invalid_param".into(),
                message: "Invalid parameter(s): slug".into()
            }),
            Attempt::Failed { ref code, ref detail } if code == "rejected" && detail.contains("Invalid parameter(s): slug")
        ));
        assert!(matches!(
            classify(WpError::Conflict {
                id: 3,
                remote_modified_gmt: "x".into()
            }),
            Attempt::Conflict(_)
        ));
    }

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for lang in ["en", "fr"] {
            let l10n = Localizer::new(lang);
            for code in PUBLISH_ERROR_CODES {
                let m = publish_error_message(code, "DETAIL", &l10n);
                assert!(
                    !m.contains("error-publish"),
                    "{lang}: no message for {code}: {m}"
                );
            }
        }
    }
}
