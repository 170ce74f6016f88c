//! Rows and queries for publishing: sites, publications, remote media and the
//! outbox of publish jobs (migration 0003). Passwords are never stored here.

use rusqlite::{OptionalExtension, Row, params};

use crate::{Store, StoreError};

/// One `site` row. No password: that lives in the OS keyring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRow {
    pub id: String,
    pub name: String,
    /// Always `wordpress` for now.
    pub kind: String,
    pub url: String,
    pub user_name: String,
    pub created_at: i64,
}

/// One `publication` row: a locale version as it was last published on a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationRow {
    pub article_id: String,
    pub locale: String,
    pub site_id: String,
    pub remote_id: i64,
    pub remote_url: String,
    /// `modified_gmt` of the remote post right after our last write.
    pub remote_modified_gmt: String,
    /// Fingerprint of the remote post right after our last write (empty:
    /// unknown, recorded before migration 0005).
    pub remote_fingerprint: String,
    pub translation_group: String,
    pub published_at: i64,
}

/// One `remote_media` row: a file already in a site's media library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteMediaRow {
    pub site_id: String,
    pub content_hash: String,
    pub remote_id: i64,
    pub url: String,
}

/// One `outbox_job` row. `state` is one of queued, running, failed, done,
/// cancelled, conflict; `requested_status` one of publish, draft, future.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxJobRow {
    pub id: String,
    pub site_id: String,
    pub article_id: String,
    pub locale: String,
    pub requested_status: String,
    pub scheduled_at: Option<i64>,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error_code: Option<String>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const SITE_COLUMNS: &str = "id, name, kind, url, user_name, created_at";
const PUBLICATION_COLUMNS: &str = "article_id, locale, site_id, remote_id, remote_url, remote_modified_gmt, translation_group, published_at, remote_fingerprint";
const JOB_COLUMNS: &str = "id, site_id, article_id, locale, requested_status, scheduled_at, state, attempts, next_attempt_at, last_error_code, last_error, created_at, updated_at";

fn site_from_row(r: &Row<'_>) -> rusqlite::Result<SiteRow> {
    Ok(SiteRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        url: r.get(3)?,
        user_name: r.get(4)?,
        created_at: r.get(5)?,
    })
}

fn publication_from_row(r: &Row<'_>) -> rusqlite::Result<PublicationRow> {
    Ok(PublicationRow {
        article_id: r.get(0)?,
        locale: r.get(1)?,
        site_id: r.get(2)?,
        remote_id: r.get(3)?,
        remote_url: r.get(4)?,
        remote_modified_gmt: r.get(5)?,
        translation_group: r.get(6)?,
        published_at: r.get(7)?,
        remote_fingerprint: r.get(8)?,
    })
}

fn job_from_row(r: &Row<'_>) -> rusqlite::Result<OutboxJobRow> {
    Ok(OutboxJobRow {
        id: r.get(0)?,
        site_id: r.get(1)?,
        article_id: r.get(2)?,
        locale: r.get(3)?,
        requested_status: r.get(4)?,
        scheduled_at: r.get(5)?,
        state: r.get(6)?,
        attempts: r.get(7)?,
        next_attempt_at: r.get(8)?,
        last_error_code: r.get(9)?,
        last_error: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// What a finished attempt of a job changes, in one transaction (see
/// [`Store::finish_job`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFinish<'a> {
    pub job_id: &'a str,
    /// New state of the job.
    pub state: &'a str,
    /// When to try again (for `queued`); ignored otherwise.
    pub next_attempt_at: i64,
    pub error_code: Option<&'a str>,
    pub error: Option<&'a str>,
    /// The publication to record (a successful attempt).
    pub publication: Option<&'a PublicationRow>,
    /// A locale version whose status changes with it (`ready` → `published`).
    pub version_status: Option<(&'a str, &'a str)>,
    pub now: i64,
}

impl Store {
    // ---- sites ----------------------------------------------------------------

    /// Adds a site; fails with a constraint error when the name is taken.
    pub fn insert_site(&mut self, site: &SiteRow) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO site (id, name, kind, url, user_name, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![site.id, site.name, site.kind, site.url, site.user_name, site.created_at],
        )?;
        Ok(())
    }

    /// Every site, by name.
    pub fn sites(&self) -> Result<Vec<SiteRow>, StoreError> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {SITE_COLUMNS} FROM site ORDER BY name, id"
        ))?;
        let rows = stmt.query_map([], site_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The site with this id or, failing that, this name.
    pub fn site(&self, id_or_name: &str) -> Result<Option<SiteRow>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {SITE_COLUMNS} FROM site WHERE id = ?1 OR name = ?1 ORDER BY id <> ?1 LIMIT 1"
                ),
                [id_or_name],
                site_from_row,
            )
            .optional()?)
    }

    /// Removes a site with its publications, media and jobs. False when absent.
    pub fn delete_site(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .execute("DELETE FROM site WHERE id = ?1", [id])?
            == 1)
    }

    // ---- publications -----------------------------------------------------------

    /// What was published of `(article, locale)` on the site, if anything.
    pub fn publication(
        &self,
        article_id: &str,
        locale: &str,
        site_id: &str,
    ) -> Result<Option<PublicationRow>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {PUBLICATION_COLUMNS} FROM publication WHERE article_id = ?1 AND locale = ?2 AND site_id = ?3"
                ),
                params![article_id, locale, site_id],
                publication_from_row,
            )
            .optional()?)
    }

    /// Every publication of an article on a site, by locale.
    pub fn publications(
        &self,
        article_id: &str,
        site_id: &str,
    ) -> Result<Vec<PublicationRow>, StoreError> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {PUBLICATION_COLUMNS} FROM publication WHERE article_id = ?1 AND site_id = ?2 ORDER BY locale"
        ))?;
        let rows = stmt.query_map(params![article_id, site_id], publication_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records (or replaces) a publication.
    pub fn upsert_publication(&mut self, p: &PublicationRow) -> Result<(), StoreError> {
        upsert_publication(self.conn(), p)
    }

    /// Forgets a publication (the remote post was deleted). False when absent.
    pub fn delete_publication(
        &mut self,
        article_id: &str,
        locale: &str,
        site_id: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.conn().execute(
            "DELETE FROM publication WHERE article_id = ?1 AND locale = ?2 AND site_id = ?3",
            params![article_id, locale, site_id],
        )? == 1)
    }

    // ---- remote media -------------------------------------------------------------

    /// The file with this content hash in the site's media library, if uploaded.
    pub fn remote_media(
        &self,
        site_id: &str,
        content_hash: &str,
    ) -> Result<Option<RemoteMediaRow>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT site_id, content_hash, remote_id, url FROM remote_media WHERE site_id = ?1 AND content_hash = ?2",
                params![site_id, content_hash],
                |r| {
                    Ok(RemoteMediaRow {
                        site_id: r.get(0)?,
                        content_hash: r.get(1)?,
                        remote_id: r.get(2)?,
                        url: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records (or replaces) an uploaded file.
    pub fn upsert_remote_media(&mut self, m: &RemoteMediaRow) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO remote_media (site_id, content_hash, remote_id, url) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (site_id, content_hash) DO UPDATE SET remote_id = excluded.remote_id, url = excluded.url",
            params![m.site_id, m.content_hash, m.remote_id, m.url],
        )?;
        Ok(())
    }

    // ---- outbox -------------------------------------------------------------------

    /// Queues a job, unless a live one (queued or running) exists for the same
    /// site, article and locale: a queued one takes the new request (status,
    /// schedule, due now, attempts reset); a running one is left alone.
    /// Returns the job that will do the work.
    pub fn enqueue_job(&mut self, job: &OutboxJobRow) -> Result<OutboxJobRow, StoreError> {
        self.transaction(|tx| {
            let live: Option<OutboxJobRow> = tx
                .query_row(
                    &format!(
                        "SELECT {JOB_COLUMNS} FROM outbox_job
                         WHERE site_id = ?1 AND article_id = ?2 AND locale = ?3 AND state IN ('queued', 'running')"
                    ),
                    params![job.site_id, job.article_id, job.locale],
                    job_from_row,
                )
                .optional()?;
            let id = match live {
                Some(l) if l.state == "running" => return Ok(l),
                Some(l) => {
                    tx.execute(
                        "UPDATE outbox_job SET requested_status = ?2, scheduled_at = ?3, attempts = 0,
                                next_attempt_at = ?4, last_error_code = NULL, last_error = NULL, updated_at = ?5
                         WHERE id = ?1",
                        params![l.id, job.requested_status, job.scheduled_at, job.next_attempt_at, job.updated_at],
                    )?;
                    l.id
                }
                None => {
                    tx.execute(
                        &format!(
                            "INSERT INTO outbox_job ({JOB_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
                        ),
                        params![
                            job.id, job.site_id, job.article_id, job.locale, job.requested_status,
                            job.scheduled_at, job.state, job.attempts, job.next_attempt_at,
                            job.last_error_code, job.last_error, job.created_at, job.updated_at
                        ],
                    )?;
                    job.id.clone()
                }
            };
            get_job(tx, &id)?.ok_or(StoreError::NotFound)
        })
    }

    /// The job with this id.
    pub fn job(&self, id: &str) -> Result<Option<OutboxJobRow>, StoreError> {
        get_job(self.conn(), id)
    }

    /// Jobs of an article (every site), newest first.
    pub fn jobs_of_article(&self, article_id: &str) -> Result<Vec<OutboxJobRow>, StoreError> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {JOB_COLUMNS} FROM outbox_job WHERE article_id = ?1 ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([article_id], job_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Ids of the jobs a runner may take at `now`: queued and due, or running
    /// with an expired lease (their runner died). Oldest first.
    pub fn due_jobs(&self, now: i64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id FROM outbox_job WHERE state IN ('queued', 'running') AND next_attempt_at <= ?1
             ORDER BY next_attempt_at, created_at, id",
        )?;
        let rows = stmt.query_map([now], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Takes a job for a runner: `running`, one more attempt, leased until
    /// `lease_until`. Returns `None` when the job is not takeable any more
    /// (another runner has it, it was cancelled, it is not due).
    pub fn claim_job(
        &mut self,
        id: &str,
        now: i64,
        lease_until: i64,
    ) -> Result<Option<OutboxJobRow>, StoreError> {
        self.transaction(|tx| {
            let n = tx.execute(
                "UPDATE outbox_job SET state = 'running', attempts = attempts + 1,
                        next_attempt_at = ?3, updated_at = ?2
                 WHERE id = ?1 AND state IN ('queued', 'running') AND next_attempt_at <= ?2",
                params![id, now, lease_until],
            )?;
            if n == 0 {
                return Ok(None);
            }
            get_job(tx, id)
        })
    }

    /// Ends an attempt: the job's new state, and on success the publication
    /// and the version's status, all in one transaction.
    pub fn finish_job(&mut self, f: &JobFinish<'_>) -> Result<(), StoreError> {
        self.transaction(|tx| {
            let n = tx.execute(
                "UPDATE outbox_job SET state = ?2, next_attempt_at = ?3, last_error_code = ?4,
                        last_error = ?5, updated_at = ?6
                 WHERE id = ?1",
                params![
                    f.job_id,
                    f.state,
                    f.next_attempt_at,
                    f.error_code,
                    f.error,
                    f.now
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            if let Some(p) = f.publication {
                upsert_publication(tx, p)?;
            }
            if let Some((version_id, status)) = f.version_status {
                tx.execute(
                    "UPDATE locale_version SET status = ?2 WHERE id = ?1",
                    params![version_id, status],
                )?;
            }
            Ok(())
        })
    }

    /// Puts a failed, conflicting or cancelled job back in the queue, or makes
    /// a queued one (waiting for its backoff) due: at `now`, attempts reset.
    /// False when the job is running or done (or absent), or when another
    /// job of the same locale is live.
    pub fn requeue_job(&mut self, id: &str, now: i64) -> Result<bool, StoreError> {
        Ok(self.conn().execute(
            "UPDATE outbox_job SET state = 'queued', attempts = 0, next_attempt_at = ?2, updated_at = ?2
             WHERE id = ?1 AND state IN ('queued', 'failed', 'conflict', 'cancelled')
               AND NOT EXISTS (SELECT 1 FROM outbox_job o
                               WHERE o.site_id = outbox_job.site_id AND o.article_id = outbox_job.article_id
                                 AND o.locale = outbox_job.locale AND o.state IN ('queued', 'running')
                                 AND o.id != outbox_job.id)",
            params![id, now],
        )? == 1)
    }

    /// When the next queued (or leased) job falls due, if any: how long an
    /// idle runner may sleep.
    pub fn next_job_due(&self) -> Result<Option<i64>, StoreError> {
        Ok(self.conn().query_row(
            "SELECT MIN(next_attempt_at) FROM outbox_job WHERE state IN ('queued', 'running')",
            [],
            |r| r.get(0),
        )?)
    }

    /// Adopts the site's latest state of a post (`modified_gmt` and
    /// fingerprint) as the one we last saw, so the next update overwrites it
    /// (the user chose to). False when no such publication is recorded.
    pub fn set_publication_seen(
        &mut self,
        article_id: &str,
        locale: &str,
        site_id: &str,
        remote_modified_gmt: &str,
        remote_fingerprint: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.conn().execute(
            "UPDATE publication SET remote_modified_gmt = ?4, remote_fingerprint = ?5
             WHERE article_id = ?1 AND locale = ?2 AND site_id = ?3",
            params![
                article_id,
                locale,
                site_id,
                remote_modified_gmt,
                remote_fingerprint
            ],
        )? == 1)
    }

    /// Cancels a queued job (a running one finishes its attempt). False otherwise.
    pub fn cancel_job(&mut self, id: &str, now: i64) -> Result<bool, StoreError> {
        Ok(self.conn().execute(
            "UPDATE outbox_job SET state = 'cancelled', updated_at = ?2 WHERE id = ?1 AND state IN ('queued', 'failed', 'conflict')",
            params![id, now],
        )? == 1)
    }
}

fn get_job(conn: &rusqlite::Connection, id: &str) -> Result<Option<OutboxJobRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {JOB_COLUMNS} FROM outbox_job WHERE id = ?1"),
            [id],
            job_from_row,
        )
        .optional()?)
}

fn upsert_publication(conn: &rusqlite::Connection, p: &PublicationRow) -> Result<(), StoreError> {
    conn.execute(
        &format!(
            "INSERT INTO publication ({PUBLICATION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (article_id, locale, site_id) DO UPDATE SET remote_id = excluded.remote_id,
                remote_url = excluded.remote_url, remote_modified_gmt = excluded.remote_modified_gmt,
                translation_group = excluded.translation_group, published_at = excluded.published_at,
                remote_fingerprint = excluded.remote_fingerprint"
        ),
        params![
            p.article_id,
            p.locale,
            p.site_id,
            p.remote_id,
            p.remote_url,
            p.remote_modified_gmt,
            p.translation_group,
            p.published_at,
            p.remote_fingerprint
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ArticleRow, LocaleVersionRow};

    fn store_with_article() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let article = ArticleRow {
            id: "a1".into(),
            source_locale: "fr".into(),
            created_at: 1,
            updated_at: 1,
            deleted_at: None,
        };
        let version = LocaleVersionRow {
            id: "v1".into(),
            article_id: "a1".into(),
            locale: "fr".into(),
            title: "Titre".into(),
            slug: "titre".into(),
            author: String::new(),
            date: None,
            tags: "[]".into(),
            summary: String::new(),
            body: "Corps".into(),
            status: "ready".into(),
            created_at: 1,
            updated_at: 1,
            categories: "[]".into(),
            featured_image: None,
        };
        s.insert_article(&article, &version).unwrap();
        s.insert_site(&site("s1", "blog")).unwrap();
        s
    }

    fn site(id: &str, name: &str) -> SiteRow {
        SiteRow {
            id: id.into(),
            name: name.into(),
            kind: "wordpress".into(),
            url: "https://example.org".into(),
            user_name: "ed".into(),
            created_at: 5,
        }
    }

    fn job(id: &str, locale: &str, now: i64) -> OutboxJobRow {
        OutboxJobRow {
            id: id.into(),
            site_id: "s1".into(),
            article_id: "a1".into(),
            locale: locale.into(),
            requested_status: "publish".into(),
            scheduled_at: None,
            state: "queued".into(),
            attempts: 0,
            next_attempt_at: now,
            last_error_code: None,
            last_error: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn sites_are_found_by_id_or_name_and_names_are_unique() {
        let mut s = store_with_article();
        assert_eq!(s.site("blog").unwrap().unwrap().id, "s1");
        assert_eq!(s.site("s1").unwrap().unwrap().name, "blog");
        assert!(s.site("nope").unwrap().is_none());
        assert!(
            s.insert_site(&site("s2", "blog")).is_err(),
            "a second site named blog is refused"
        );
        s.insert_site(&site("s2", "another")).unwrap();
        let names: Vec<_> = s.sites().unwrap().into_iter().map(|x| x.name).collect();
        assert_eq!(names, ["another", "blog"]);
        assert!(s.delete_site("s2").unwrap());
        assert!(!s.delete_site("s2").unwrap());
    }

    #[test]
    fn the_schema_has_no_password_column() {
        let s = store_with_article();
        let columns: Vec<String> = s
            .conn()
            .prepare("SELECT name FROM pragma_table_info('site')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            !columns.iter().any(|c| c.contains("pass")),
            "no password in the database: {columns:?}"
        );
    }

    #[test]
    fn publications_and_media_round_trip_and_cascade() {
        let mut s = store_with_article();
        let mut p = PublicationRow {
            article_id: "a1".into(),
            locale: "fr".into(),
            site_id: "s1".into(),
            remote_id: 12,
            remote_url: "https://example.org/titre/".into(),
            remote_modified_gmt: "2026-01-01T10:00:00".into(),
            translation_group: "a1".into(),
            published_at: 9,
            remote_fingerprint: "fp".into(),
        };
        s.upsert_publication(&p).unwrap();
        p.remote_modified_gmt = "2026-01-02T10:00:00".into();
        s.upsert_publication(&p).unwrap();
        assert_eq!(s.publication("a1", "fr", "s1").unwrap(), Some(p.clone()));
        assert_eq!(s.publications("a1", "s1").unwrap().len(), 1);
        let m = RemoteMediaRow {
            site_id: "s1".into(),
            content_hash: "sha256-ab".into(),
            remote_id: 3,
            url: "https://example.org/a.png".into(),
        };
        s.upsert_remote_media(&m).unwrap();
        assert_eq!(s.remote_media("s1", "sha256-ab").unwrap(), Some(m));
        assert!(s.remote_media("s1", "sha256-cd").unwrap().is_none());
        assert!(s.delete_site("s1").unwrap());
        assert!(s.publication("a1", "fr", "s1").unwrap().is_none());
        assert!(s.remote_media("s1", "sha256-ab").unwrap().is_none());
    }

    #[test]
    fn one_live_job_per_locale_and_site() {
        let mut s = store_with_article();
        let first = s.enqueue_job(&job("j1", "fr", 100)).unwrap();
        assert_eq!(first.id, "j1");
        let mut again = job("j2", "fr", 200);
        again.requested_status = "draft".into();
        let merged = s.enqueue_job(&again).unwrap();
        assert_eq!(merged.id, "j1", "the queued job takes the new request");
        assert_eq!(merged.requested_status, "draft");
        assert_eq!(merged.next_attempt_at, 200);
        let other = s.enqueue_job(&job("j3", "en", 100)).unwrap();
        assert_eq!(other.id, "j3", "another locale is another job");
        assert_eq!(s.jobs_of_article("a1").unwrap().len(), 2);
    }

    #[test]
    fn jobs_are_claimed_once_and_leases_expire() {
        let mut s = store_with_article();
        s.enqueue_job(&job("j1", "fr", 100)).unwrap();
        assert!(s.due_jobs(99).unwrap().is_empty(), "not due yet");
        assert_eq!(s.due_jobs(100).unwrap(), ["j1"]);
        let claimed = s.claim_job("j1", 100, 1000).unwrap().unwrap();
        assert_eq!((claimed.state.as_str(), claimed.attempts), ("running", 1));
        assert!(
            s.claim_job("j1", 101, 1000).unwrap().is_none(),
            "a leased job is not taken twice"
        );
        // A running job is never duplicated by a new request.
        assert_eq!(s.enqueue_job(&job("j9", "fr", 150)).unwrap().id, "j1");
        assert_eq!(s.due_jobs(1000).unwrap(), ["j1"], "the lease expired");
        let again = s.claim_job("j1", 1000, 2000).unwrap().unwrap();
        assert_eq!(again.attempts, 2);
    }

    #[test]
    fn finishing_records_the_publication_and_status_together() {
        let mut s = store_with_article();
        s.enqueue_job(&job("j1", "fr", 100)).unwrap();
        s.claim_job("j1", 100, 1000).unwrap().unwrap();
        let p = PublicationRow {
            article_id: "a1".into(),
            locale: "fr".into(),
            site_id: "s1".into(),
            remote_id: 12,
            remote_url: "u".into(),
            remote_modified_gmt: "m".into(),
            translation_group: "a1".into(),
            published_at: 101,
            remote_fingerprint: "fp".into(),
        };
        s.finish_job(&JobFinish {
            job_id: "j1",
            state: "done",
            next_attempt_at: 101,
            error_code: None,
            error: None,
            publication: Some(&p),
            version_status: Some(("v1", "published")),
            now: 101,
        })
        .unwrap();
        assert_eq!(s.job("j1").unwrap().unwrap().state, "done");
        assert_eq!(s.publication("a1", "fr", "s1").unwrap(), Some(p));
        assert_eq!(s.locale_versions("a1").unwrap()[0].status, "published");
        assert!(s.due_jobs(i64::MAX).unwrap().is_empty());
        assert!(!s.requeue_job("j1", 200).unwrap(), "done jobs stay done");
    }

    #[test]
    fn failed_jobs_can_be_retried_or_cancelled() {
        let mut s = store_with_article();
        s.enqueue_job(&job("j1", "fr", 100)).unwrap();
        s.claim_job("j1", 100, 1000).unwrap().unwrap();
        s.finish_job(&JobFinish {
            job_id: "j1",
            state: "failed",
            next_attempt_at: 100,
            error_code: Some("auth"),
            error: Some("wrong password"),
            publication: None,
            version_status: None,
            now: 100,
        })
        .unwrap();
        let failed = s.job("j1").unwrap().unwrap();
        assert_eq!(failed.last_error_code.as_deref(), Some("auth"));
        assert!(s.due_jobs(i64::MAX).unwrap().is_empty(), "failed jobs wait");
        assert!(s.requeue_job("j1", 300).unwrap());
        let queued = s.job("j1").unwrap().unwrap();
        assert_eq!((queued.state.as_str(), queued.attempts), ("queued", 0));
        assert!(
            s.requeue_job("j1", 250).unwrap(),
            "a queued job waiting for its backoff can be made due now"
        );
        assert_eq!(s.job("j1").unwrap().unwrap().next_attempt_at, 250);
        assert!(s.cancel_job("j1", 301).unwrap());
        assert_eq!(s.job("j1").unwrap().unwrap().state, "cancelled");
        // A new request may be queued next to the cancelled one.
        assert_eq!(s.enqueue_job(&job("j2", "fr", 400)).unwrap().id, "j2");
        assert!(
            !s.requeue_job("j1", 500).unwrap(),
            "not while another job of the same locale is live"
        );
    }

    #[test]
    fn the_next_due_job_and_an_adopted_remote_change() {
        let mut s = store_with_article();
        assert_eq!(s.next_job_due().unwrap(), None, "an empty outbox sleeps");
        s.enqueue_job(&job("j1", "fr", 500)).unwrap();
        s.enqueue_job(&job("j2", "en", 300)).unwrap();
        assert_eq!(s.next_job_due().unwrap(), Some(300));
        assert!(s.cancel_job("j2", 301).unwrap());
        assert_eq!(
            s.next_job_due().unwrap(),
            Some(500),
            "cancelled jobs never wake it"
        );

        assert!(
            !s.set_publication_seen("a1", "fr", "s1", "x", "f").unwrap(),
            "nothing published yet"
        );
        s.upsert_publication(&PublicationRow {
            article_id: "a1".into(),
            locale: "fr".into(),
            site_id: "s1".into(),
            remote_id: 12,
            remote_url: "u".into(),
            remote_modified_gmt: "2026-01-01T10:00:00".into(),
            translation_group: "a1".into(),
            published_at: 9,
            remote_fingerprint: "fp".into(),
        })
        .unwrap();
        assert!(
            s.set_publication_seen("a1", "fr", "s1", "2026-02-02T08:00:00", "fp2")
                .unwrap()
        );
        let seen = s.publication("a1", "fr", "s1").unwrap().unwrap();
        assert_eq!(
            (
                seen.remote_modified_gmt.as_str(),
                seen.remote_fingerprint.as_str()
            ),
            ("2026-02-02T08:00:00", "fp2")
        );
    }
}
