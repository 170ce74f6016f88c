//! The publish use-case: "publish this article to this site", for the app's
//! button and `copydesk publish`. Queues one outbox job per locale version
//! and runs them now (what cannot finish now stays queued for the outbox
//! runner), or, as a dry run, lists the exact requests it would send.

use std::collections::{BTreeMap, HashSet};

use copydesk_publish::WordPress;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::outbox::{RemoteRefs, asset_refs, content_hash, post_input, rewrite_urls};
use crate::{
    CoreError, JobState, OutboxJob, PublishEvent, PublishOptions, RequestedStatus, Workspace,
    publish_html,
};

/// What to publish, where and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishRequest {
    /// The site's name or id.
    pub site: String,
    /// The article's id, or the slug of one of its versions.
    pub article: String,
    /// Locales to publish; empty = every version that is *ready* (or already
    /// *published*, which updates it).
    #[serde(default)]
    pub locales: Vec<String>,
    pub status: RequestedStatus,
    /// For [`RequestedStatus::Future`]: when (Unix ms, UTC).
    #[serde(default)]
    pub scheduled_at: Option<i64>,
    /// List the requests instead of sending them (nothing is sent or written).
    #[serde(default)]
    pub dry_run: bool,
}

/// One request a publish would send. Never holds credentials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedRequest {
    pub locale: String,
    pub method: String,
    pub url: String,
    /// Headers other than authentication and the client's defaults.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// JSON body, when there is one. Ids only known once earlier requests
    /// ran appear as `"{tag:NAME}"`, `"{category:NAME}"` and
    /// `"{media:PATH}"` (the featured image), image URLs as `{media:PATH}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// For uploads: the workspace file sent as the raw body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// When the request is conditional (e.g. "only if the look-up finds nothing").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How one locale version fared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocaleOutcome {
    pub locale: String,
    /// `None` for a dry run.
    pub job_id: Option<String>,
    pub state: Option<JobState>,
    pub remote_id: Option<u64>,
    pub url: Option<String>,
    pub attempts: u32,
    /// For a job still queued: when it is tried again (Unix ms).
    pub next_attempt_at: Option<i64>,
    pub error_code: Option<String>,
    pub error: Option<String>,
}

/// The answer to [`Workspace::publish`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishReport {
    pub site: String,
    pub article_id: String,
    pub dry_run: bool,
    pub locales: Vec<LocaleOutcome>,
    /// The requests of a dry run (empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<PlannedRequest>,
}

impl PublishReport {
    /// Every locale is on the site (always true for a dry run).
    pub fn succeeded(&self) -> bool {
        self.dry_run || self.locales.iter().all(|l| l.state == Some(JobState::Done))
    }
}

fn outcome(job: &OutboxJob) -> LocaleOutcome {
    LocaleOutcome {
        locale: job.locale.clone(),
        job_id: Some(job.id.clone()),
        state: Some(job.state),
        remote_id: job.remote_id.filter(|_| job.state == JobState::Done),
        url: job
            .remote_url
            .clone()
            .filter(|_| job.state == JobState::Done),
        attempts: job.attempts,
        next_attempt_at: (job.state == JobState::Queued).then_some(job.next_attempt_at),
        error_code: job.last_error_code.clone(),
        error: job.last_error.clone(),
    }
}

impl Workspace {
    /// Publishes the chosen locale versions of an article to a site, now:
    /// queues their jobs and runs them, reporting progress. A locale that
    /// cannot be published now (site down) stays queued for
    /// [`Workspace::run_outbox`]; one that failed says why. Blocks (see
    /// [`Workspace::run_outbox`]).
    pub fn publish(
        &self,
        request: &PublishRequest,
        options: &PublishOptions,
        progress: &mut dyn FnMut(&PublishEvent),
    ) -> Result<PublishReport, CoreError> {
        let site = self.get_site(&request.site)?;
        if request.dry_run {
            return self.publish_dry_run(request);
        }
        // Fail fast, before anything is queued, when no password is known:
        // the message says how to give one.
        options.credentials.password(&site)?;
        let jobs = self.enqueue_publish(
            &site.id,
            &request.article,
            &request.locales,
            request.status,
            request.scheduled_at,
        )?;
        let ids: Vec<String> = jobs.iter().map(|j| j.id.clone()).collect();
        self.run_jobs(Some(&ids), options, progress)?;
        let locales = ids
            .iter()
            .map(|id| self.outbox_job(id).map(|j| outcome(&j)))
            .collect::<Result<_, _>>()?;
        Ok(PublishReport {
            site: site.name,
            article_id: jobs
                .first()
                .map(|j| j.article_id.clone())
                .unwrap_or_default(),
            dry_run: false,
            locales,
            requests: Vec::new(),
        })
    }

    /// The requests a publish would send, in order, without sending any or
    /// writing anything (no password is needed or shown).
    pub fn publish_dry_run(&self, request: &PublishRequest) -> Result<PublishReport, CoreError> {
        let site = self.get_site(&request.site)?;
        if request.status == RequestedStatus::Future && request.scheduled_at.is_none() {
            return Err(CoreError::InvalidInput(
                "a scheduled publish needs a date".into(),
            ));
        }
        let (article_id, versions) =
            self.versions_to_publish(&request.article, &request.locales)?;
        // Addresses are built by the client itself; no password, nothing sent.
        let wp = WordPress::new(&site.url, &site.user_name, "")
            .map_err(|e| CoreError::InvalidInput(e.to_string()))?;
        let mut requests = Vec::new();
        let mut uploads: HashSet<String> = HashSet::new();
        let mut locales = Vec::new();
        for version in &versions {
            let locale = &version.locale;
            let plan = |method: &str, url: String| PlannedRequest {
                locale: locale.clone(),
                method: method.into(),
                url,
                headers: BTreeMap::new(),
                body: None,
                file: None,
                note: None,
            };
            // The site's copy of a workspace file: known (its id and URL), or
            // an upload planned once per content hash.
            let mut media = |path: &str| -> Result<Option<(u64, String)>, CoreError> {
                let asset = self.read_asset(path).map_err(|_| CoreError::Publish {
                    code: "asset_missing".into(),
                    detail: path.to_string(),
                })?;
                let hash = content_hash(&asset.bytes);
                if let Some(m) = self.store().remote_media(&site.id, &hash)? {
                    return Ok(Some((m.remote_id.max(0) as u64, m.url)));
                }
                if uploads.insert(hash.clone()) {
                    requests.push(PlannedRequest {
                        headers: BTreeMap::from([(
                            "Content-Type".to_string(),
                            asset.mime.to_string(),
                        )]),
                        file: Some(path.to_string()),
                        note: Some(format!(
                            "{} bytes; only if the site has no file with this hash yet",
                            asset.bytes.len()
                        )),
                        ..plan(
                            "POST",
                            wp.endpoint("wp/v2/media", &[("copydesk_hash", &hash)]),
                        )
                    });
                }
                Ok(None)
            };
            let html = publish_html(&version.body);
            let mut replacements = Vec::new();
            for r in asset_refs(&html) {
                let url = match media(&r.path)? {
                    Some((_, url)) => url,
                    None => format!("{{media:{}}}", r.path),
                };
                replacements.push((r.raw, url));
            }
            let content = rewrite_urls(&html, &replacements);
            let featured = match &version.featured_image {
                Some(path) => Some(match media(path)? {
                    Some((id, _)) => json!(id),
                    None => json!(format!("{{media:{path}}}")),
                }),
                None => None,
            };
            for (route, kind, names) in [
                ("wp/v2/tags", "tag", &version.tags),
                ("wp/v2/categories", "category", &version.categories),
            ] {
                for name in names {
                    requests.push(PlannedRequest {
                        body: Some(json!({ "name": name })),
                        note: Some(format!(
                            "an existing {kind} answers 400 term_exists with its id"
                        )),
                        ..plan("POST", wp.endpoint(route, &[]))
                    });
                }
            }
            let input = post_input(
                version,
                content,
                RemoteRefs::default(),
                request.status,
                request.scheduled_at,
            );
            let mut body = input.to_json();
            let placeholders = |kind: &str, names: &[String]| {
                json!(
                    names
                        .iter()
                        .map(|n| format!("{{{kind}:{n}}}"))
                        .collect::<Vec<_>>()
                )
            };
            body["tags"] = placeholders("tag", &version.tags);
            body["categories"] = placeholders("category", &version.categories);
            if let Some(f) = featured {
                body["featured_media"] = f;
            }
            match self.store().publication(&article_id, locale, &site.id)? {
                Some(p) => {
                    let route = format!("wp/v2/posts/{}", p.remote_id);
                    requests.push(PlannedRequest {
                        note: Some(format!(
                            "conflict check: the update is sent only if modified_gmt is still {}",
                            p.remote_modified_gmt
                        )),
                        ..plan("GET", wp.endpoint(&route, &[("context", "edit")]))
                    });
                    requests.push(PlannedRequest {
                        body: Some(body),
                        ..plan("POST", wp.endpoint(&route, &[]))
                    });
                }
                None => {
                    requests.push(plan(
                        "GET",
                        wp.find_translation_endpoint(&input.translation_group, locale),
                    ));
                    requests.push(PlannedRequest {
                        body: Some(body),
                        note: Some(
                            "only if the look-up finds no post of this article in this locale"
                                .into(),
                        ),
                        ..plan("POST", wp.endpoint("wp/v2/posts", &[]))
                    });
                }
            }
            locales.push(LocaleOutcome {
                locale: locale.clone(),
                job_id: None,
                state: None,
                remote_id: None,
                url: None,
                attempts: 0,
                next_attempt_at: None,
                error_code: None,
                error: None,
            });
        }
        Ok(PublishReport {
            site: site.name,
            article_id,
            dry_run: true,
            locales,
            requests,
        })
    }
}
