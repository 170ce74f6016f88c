//! A publish that stopped because the post changed on the site since our
//! last publish: what the user is shown (both versions and their word diff)
//! and their choice — overwrite the site's version, or keep it.
//!
//! Nothing is decided for the user: the job waits in `conflict` until they
//! choose. "Overwrite" adopts the site's latest `modified_gmt` and
//! fingerprint as what we saw and queues the job again, so the update goes through unless the post
//! changes *again* meanwhile (then it is a new conflict). "Keep the site's"
//! cancels the job and remembers nothing: the next publish asks again.

use copydesk_publish::{RemotePost, WordPress};
use serde::{Deserialize, Serialize};

use crate::outbox::{JobState, OutboxJob, PublishOptions, publish_error};
use crate::site::Site;
use crate::translation::{DiffSpan, word_diff};
use crate::{CoreError, Workspace, publish_html_in};

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictSide {
    pub title: String,
    /// The body, sanitised for display.
    pub html: String,
    /// The site's last change (UTC), for the site's side.
    pub modified_gmt: Option<String>,
    /// Where the post is, for the site's side.
    pub link: Option<String>,
}

/// What the conflict view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishConflict {
    pub job: OutboxJob,
    pub site_name: String,
    /// The post as it is on the site now.
    pub site: ConflictSide,
    /// What Copydesk would publish.
    pub ours: ConflictSide,
    /// Word diff of the texts, from the site's version (`delete`) to ours (`insert`).
    pub diff: Vec<DiffSpan>,
    /// The title differs.
    pub title_changed: bool,
}

/// The user's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictChoice {
    /// Replace the site's version with ours.
    Overwrite,
    /// Leave the site's version; this publish is cancelled.
    KeepSite,
}

/// The visible text of an HTML fragment, one line per block, entities decoded:
/// what a reader compares.
pub(crate) fn html_text(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "/p",
        "br",
        "br/",
        "li",
        "/li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "/h1",
        "/h2",
        "/h3",
        "/h4",
        "/h5",
        "/h6",
        "tr",
        "/tr",
        "blockquote",
        "/blockquote",
        "pre",
        "/pre",
        "div",
        "/div",
        "figure",
        "/figure",
        "hr",
        "hr/",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name: String = tag
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if BLOCKS.contains(&name.as_str()) && !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&amp;", "&");
    let lines: Vec<&str> = decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn sanitize(html: &str) -> String {
    copydesk_markdown::sanitize_html(html, &copydesk_markdown::RenderOptions::default())
}

impl Workspace {
    fn conflict_job(&self, job_id: &str) -> Result<(OutboxJob, Site), CoreError> {
        let job = self.outbox_job(job_id)?;
        if job.state != JobState::Conflict {
            return Err(CoreError::InvalidInput(format!(
                "publish job {job_id} is not waiting on a conflict"
            )));
        }
        let site = self.get_site(&job.site_id)?;
        Ok((job, site))
    }

    /// Reads the post as it is on the site now. Blocks (network).
    fn remote_post(
        &self,
        job: &OutboxJob,
        site: &Site,
        options: &PublishOptions,
    ) -> Result<RemotePost, CoreError> {
        let remote_id = job.remote_id.ok_or_else(|| {
            CoreError::NotFound(format!("the post of {} on {}", job.locale, site.name))
        })?;
        let password = options.credentials.password(site)?;
        let wp = WordPress::with_options(
            &site.url,
            &site.user_name,
            &password,
            options.client.clone(),
        )
        .map_err(publish_error)?;
        crate::network_runtime()?
            .block_on(wp.get_post(remote_id))
            .map_err(publish_error)
    }

    /// Both versions of a post in conflict and their diff. Blocks (network).
    pub fn publish_conflict(
        &self,
        job_id: &str,
        options: &PublishOptions,
    ) -> Result<PublishConflict, CoreError> {
        let (job, site) = self.conflict_job(job_id)?;
        let remote = self.remote_post(&job, &site, options)?;
        let version = self.version_in(&job.article_id, &job.locale)?;
        let ours_html = publish_html_in(&version.body, Some(&version.locale));
        let diff = word_diff(&html_text(&remote.content), &html_text(&ours_html));
        Ok(PublishConflict {
            site_name: site.name,
            title_changed: remote.title.trim() != version.title.trim(),
            site: ConflictSide {
                title: remote.title,
                html: sanitize(&remote.content),
                modified_gmt: Some(remote.modified_gmt),
                link: Some(remote.link),
            },
            ours: ConflictSide {
                title: version.title,
                html: ours_html,
                modified_gmt: None,
                link: None,
            },
            diff,
            job,
        })
    }

    /// Carries out the user's choice on a job in conflict. Overwrite reads
    /// the post's current `modified_gmt` (network; blocks) and queues the
    /// job again, due now; keep-the-site's cancels it.
    pub fn resolve_publish_conflict(
        &self,
        job_id: &str,
        choice: ConflictChoice,
        options: &PublishOptions,
    ) -> Result<OutboxJob, CoreError> {
        let (job, site) = self.conflict_job(job_id)?;
        match choice {
            ConflictChoice::KeepSite => self.cancel_publish_job(job_id),
            ConflictChoice::Overwrite => {
                let remote = self.remote_post(&job, &site, options)?;
                self.store().set_publication_seen(
                    &job.article_id,
                    &job.locale,
                    &site.id,
                    &remote.modified_gmt,
                    &remote.fingerprint(),
                )?;
                self.retry_publish_job(job_id)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_html_keeps_blocks_apart_and_decodes_entities() {
        let html = "<h2 id=\"a\">Titre</h2>\n<p>Un <em>mot</em> &amp; <a href=\"x\">lien</a>&nbsp;!</p><ul><li>un</li><li>deux</li></ul><p>x &lt; y</p>";
        assert_eq!(
            html_text(html),
            "Titre\nUn mot & lien\u{a0}!\nun\ndeux\nx < y"
        );
        assert_eq!(html_text("plain"), "plain");
        assert_eq!(html_text("broken <p"), "broken");
    }

    #[test]
    fn the_diff_shows_what_the_site_changed() {
        let site = html_text("<p>Le sommet a réuni 58 pays.</p><p>Ajout du site.</p>");
        let ours = html_text(&publish_html_in("Le sommet a réuni 61 pays.", None));
        let diff = word_diff(&site, &ours);
        let deleted: String = diff
            .iter()
            .filter(|d| d.op == "delete")
            .map(|d| d.text.as_str())
            .collect();
        let inserted: String = diff
            .iter()
            .filter(|d| d.op == "insert")
            .map(|d| d.text.as_str())
            .collect();
        assert!(deleted.contains("58") && deleted.contains("Ajout du site."));
        assert!(inserted.contains("61"));
    }
}
