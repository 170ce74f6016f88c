//! The outbox in the background: a thread that runs due publish jobs when it
//! starts (jobs left by an earlier run or a crash), whenever it is woken (a
//! publish was queued, a job retried) and when the next queued job falls due
//! (backoff, `Retry-After`). The desktop app runs one; it reports what
//! happens through a callback and never blocks its caller.

use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::outbox::{OutboxJob, PublishEvent, PublishOptions};
use crate::publish::PublishRequest;
use crate::site::Credentials;
use crate::{CoreError, Workspace, now_ms};

/// Longest sleep of an idle dispatcher: a job queued by another program
/// (`copydesk publish` leaving a job for later) is picked up within this.
const IDLE_POLL: Duration = Duration::from_secs(60);
/// Shortest sleep: a job that is due but held by another runner's lease is
/// not polled in a busy loop.
const MIN_SLEEP: Duration = Duration::from_millis(250);

/// What the dispatcher tells its host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DispatchNote {
    /// Progress of a job.
    Progress(PublishEvent),
    /// A pass over the due jobs ended (jobs may have changed state).
    PassOver {
        /// Why the pass stopped early (the database could not be read…).
        error: Option<String>,
    },
}

enum Signal {
    Wake,
    Stop,
}

/// A running background outbox. Dropping it stops the thread after its
/// current attempt (an attempt in flight ends normally; its job is recorded).
pub struct Dispatcher {
    signal: Sender<Signal>,
    thread: Option<JoinHandle<()>>,
}

impl Dispatcher {
    /// Starts the thread; it runs the due jobs at once.
    pub fn start(
        workspace: Arc<Workspace>,
        options: PublishOptions,
        mut notify: impl FnMut(DispatchNote) + Send + 'static,
    ) -> Dispatcher {
        let (signal, inbox) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("copydesk-outbox".into())
            .spawn(move || {
                loop {
                    let pass = workspace.run_outbox(&options, &mut |e| {
                        notify(DispatchNote::Progress(e.clone()));
                    });
                    notify(DispatchNote::PassOver {
                        error: pass.err().map(|e| e.to_string()),
                    });
                    let sleep = match workspace.next_outbox_due() {
                        Ok(Some(due)) => {
                            Duration::from_millis(due.saturating_sub(now_ms()).max(0) as u64)
                        }
                        _ => IDLE_POLL,
                    }
                    .clamp(MIN_SLEEP, IDLE_POLL);
                    match inbox.recv_timeout(sleep) {
                        Ok(Signal::Wake) | Err(RecvTimeoutError::Timeout) => {}
                        Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
            })
            .ok();
        Dispatcher { signal, thread }
    }

    /// Runs the due jobs now (or as soon as the current pass ends).
    pub fn wake(&self) {
        let _ = self.signal.send(Signal::Wake);
    }
}

impl Drop for Dispatcher {
    fn drop(&mut self) {
        let _ = self.signal.send(Signal::Stop);
        // Not joined: an attempt may be waiting on the network; its job is
        // leased and will be taken again if the process ends first.
        drop(self.thread.take());
    }
}

impl Workspace {
    /// When the next queued job falls due (Unix ms), if any.
    pub fn next_outbox_due(&self) -> Result<Option<i64>, CoreError> {
        Ok(self.store().next_job_due()?)
    }

    /// Queues a publish for a [`Dispatcher`] to carry out: checks first that
    /// the site's password can be read (so a missing keyring says so now,
    /// instead of queuing jobs that can only fail), then queues one job per
    /// chosen locale version. A dry-run request is refused: see
    /// [`Workspace::publish_dry_run`].
    pub fn queue_publish(
        &self,
        request: &PublishRequest,
        credentials: &Credentials,
    ) -> Result<Vec<OutboxJob>, CoreError> {
        if request.dry_run {
            return Err(CoreError::InvalidInput(
                "a dry run is not queued: ask for the planned requests instead".into(),
            ));
        }
        let site = self.get_site(&request.site)?;
        credentials.password(&site)?;
        self.enqueue_publish(
            &site.id,
            &request.article,
            &request.locales,
            request.status,
            request.scheduled_at,
        )
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::time::Instant;

    use super::*;
    use crate::outbox::{JobState, RequestedStatus};
    use crate::site::{NewSite, site_password_env_var};
    use crate::{ClientOptions, RetryPolicy};

    /// A site on a loopback port where nothing listens: every attempt is a
    /// network error, which must put the job back in the queue.
    fn workspace_with_unreachable_site() -> (tempfile::TempDir, Arc<Workspace>, String, Credentials)
    {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let creds = Credentials::with_env(
            HashMap::from([(site_password_env_var("down"), "pw".to_string())]),
            false,
        );
        ws.add_site(
            &NewSite {
                name: "down".into(),
                url: format!("http://127.0.0.1:{port}"),
                user_name: "ed".into(),
            },
            None,
            &creds,
        )
        .unwrap();
        let article = ws.create_article("fr").unwrap();
        // Through serde, as the UI sends it: fields added later default.
        let input: crate::LocaleVersionInput = serde_json::from_value(serde_json::json!({
            "article_id": article.id, "locale": "fr", "title": "Titre", "slug": "titre",
            "author": "", "date": null, "tags": [], "summary": "", "body": "Corps",
            "status": "ready",
        }))
        .unwrap();
        ws.save_locale_version(&input).unwrap();
        (dir, Arc::new(ws), article.id, creds)
    }

    fn publish_now(article: &str) -> PublishRequest {
        PublishRequest {
            site: "down".into(),
            article: article.to_string(),
            locales: Vec::new(),
            status: RequestedStatus::Publish,
            scheduled_at: None,
            dry_run: false,
        }
    }

    #[test]
    fn queued_jobs_run_in_the_background_and_wait_after_a_network_error() {
        let (_dir, ws, article, creds) = workspace_with_unreachable_site();
        let request = publish_now(&article);
        let jobs = ws.queue_publish(&request, &creds).unwrap();
        assert_eq!(jobs.len(), 1);
        assert_eq!(ws.next_outbox_due().unwrap(), Some(jobs[0].next_attempt_at));

        let notes = Arc::new(Mutex::new(Vec::new()));
        let seen = notes.clone();
        let options = PublishOptions {
            credentials: creds,
            client: ClientOptions {
                retry: RetryPolicy::none(),
                ..ClientOptions::default()
            },
            backoff_base: Duration::from_secs(120),
            ..PublishOptions::default()
        };
        let dispatcher =
            Dispatcher::start(ws.clone(), options, move |n| seen.lock().unwrap().push(n));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let finished = notes.lock().unwrap().iter().any(|n| {
                matches!(n, DispatchNote::Progress(PublishEvent::Finished { state: JobState::Queued, error_code: Some(c), .. }) if c == "network")
            });
            if finished {
                break;
            }
            assert!(Instant::now() < deadline, "no attempt within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(dispatcher);
        let job = ws.outbox_job(&jobs[0].id).unwrap();
        assert_eq!(job.state, JobState::Queued);
        assert_eq!(job.attempts, 1);
        assert!(
            job.next_attempt_at >= now_ms() + 30_000,
            "it waits for its backoff instead of hammering the site"
        );
        assert_eq!(ws.next_outbox_due().unwrap(), Some(job.next_attempt_at));
    }

    #[test]
    fn nothing_is_queued_when_the_password_is_unknown() {
        let (_dir, ws, article, _) = workspace_with_unreachable_site();
        let no_password = Credentials::with_env(HashMap::new(), false);
        let request = publish_now(&article);
        let err = ws.queue_publish(&request, &no_password).unwrap_err();
        assert_eq!(err.code(), "site_password_missing");
        assert!(ws.outbox_jobs(&article).unwrap().is_empty());
        assert_eq!(ws.next_outbox_due().unwrap(), None);
    }
}
