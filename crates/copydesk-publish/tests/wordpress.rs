//! The publishing client against a REAL WordPress on 127.0.0.1 (Debian's
//! `wordpress` package, MariaDB, `php -S`, with the locale-links plugin as a
//! must-use plugin), started once by `tests/wordpress/start.sh` and stopped at
//! the end. No mock of WordPress: faults come from a loopback proxy written
//! below, in front of the real site.
//!
//! One `#[test]` runs every scenario in turn, so that one WordPress serves
//! them all (~2 s to start) and is stopped by a guard even when a scenario
//! fails. When WordPress cannot be started (packages missing) the test fails
//! and says how to install them; it never skips.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use copydesk_publish::{
    ClientOptions, CreateOutcome, Error, PostInput, PostStatus, RetryPolicy, Sleeper, Taxonomy,
    WordPress,
};
use copydesk_test_wordpress::{Harness, WordPressSite as Site};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[test]
fn publishing_against_a_real_wordpress() {
    let harness = Harness::start(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")),
        "wordpress-publish-",
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let site = &harness.site;
        let raw = Raw::new(site);
        connection(site).await;
        posts_and_conflicts(site, &raw).await;
        terms(site, &raw).await;
        media(site, &raw).await;
        faults(site, &raw).await;
    });
}

// ---- helpers ----------------------------------------------------------------

/// Records the waits asked for and returns at once: retries are checked
/// without spending their time.
#[derive(Default)]
struct RecordingSleeper(Mutex<Vec<Duration>>);

impl RecordingSleeper {
    fn take(&self) -> Vec<Duration> {
        std::mem::take(&mut self.0.lock().unwrap())
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

fn client(url: &str, user: &str, password: &str) -> WordPress {
    WordPress::new(url, user, password).unwrap()
}

fn client_with(
    url: &str,
    site: &Site,
    options: ClientOptions,
    sleeper: Arc<RecordingSleeper>,
) -> WordPress {
    WordPress::with_options(url, &site.user, &site.password, options)
        .unwrap()
        .with_sleeper(sleeper)
}

fn post(title: &str, slug: &str, locale: &str, group: &str) -> PostInput {
    PostInput {
        title: title.into(),
        content: format!("<p>{title} — body</p>"),
        excerpt: Some(format!("{title} summary")),
        slug: Some(slug.into()),
        status: PostStatus::Publish,
        tags: vec![],
        categories: vec![],
        featured_media: None,
        date: None,
        locale: locale.into(),
        translation_group: group.into(),
    }
}

/// Direct REST calls, as "someone else" or to count what is on the site,
/// bypassing the client under test.
struct Raw {
    http: reqwest::Client,
    url: String,
    admin: (String, String),
    editor: (String, String),
}

impl Raw {
    fn new(site: &Site) -> Raw {
        let _ = rustls::crypto::ring::default_provider().install_default();
        Raw {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
            url: site.url.clone(),
            admin: (site.user.clone(), site.password.clone()),
            editor: (site.editor_user.clone(), site.editor_password.clone()),
        }
    }

    async fn call(
        &self,
        method: reqwest::Method,
        route: &str,
        as_editor: bool,
        body: Option<Value>,
    ) -> (u16, Option<u64>, Value) {
        let (user, password) = if as_editor { &self.editor } else { &self.admin };
        let mut request = self
            .http
            .request(method, format!("{}/wp-json/{route}", self.url))
            .basic_auth(user, Some(password));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let total = response
            .headers()
            .get("x-wp-total")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        let value = response.json().await.unwrap_or(Value::Null);
        (status, total, value)
    }

    /// Posts on the site in any status but trash.
    async fn count_posts(&self, query: &str) -> u64 {
        let (status, total, body) = self
            .call(
                reqwest::Method::GET,
                &format!("wp/v2/posts?status=publish,future,draft,pending,private&context=edit&per_page=1&{query}"),
                false,
                None,
            )
            .await;
        assert_eq!(status, 200, "{body}");
        total.expect("X-WP-Total")
    }

    async fn count_media(&self) -> u64 {
        let (status, total, body) = self
            .call(reqwest::Method::GET, "wp/v2/media?per_page=1", false, None)
            .await;
        assert_eq!(status, 200, "{body}");
        total.expect("X-WP-Total")
    }
}

/// A small valid PNG (1×1), made distinct by bytes after its end marker
/// (image readers ignore them, WordPress accepts the file).
fn png(tag: &str) -> Vec<u8> {
    let mut bytes = vec![
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R', 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, b'I', b'D',
        b'A', b'T', 0x78, 0x9c, 0x63, 0xf8, 0x0f, 0, 0, 0x01, 0x01, 0, 0x05, 0x18, 0xd8, 0x4e, 0,
        0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82,
    ];
    bytes.extend_from_slice(tag.as_bytes());
    bytes
}

/// A loopback web server that is not WordPress: `home` at `/`, 404 elsewhere.
async fn plain_site(home: &'static str) -> (String, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Some(request) = read_request(&mut stream).await else {
                    return;
                };
                let (status, body) = if request.path == "/" {
                    ("200 OK", home)
                } else {
                    ("404 Not Found", "<!doctype html><p>Not found</p>")
                };
                let answer = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(answer.as_bytes()).await;
            });
        }
    });
    (url, server)
}

// ---- scenarios ----------------------------------------------------------------

async fn connection(site: &Site) {
    let report = client(&site.url, &site.user, &site.password)
        .test_connection()
        .await
        .expect("connection report");
    assert_eq!(report.site_name, "Copydesk test site");
    assert_eq!(report.user.username, "admin");
    assert!(
        report.user.roles.contains(&"administrator".to_owned()),
        "{report:?}"
    );
    assert!(report.user.can_publish && report.user.can_upload);
    assert!(
        report.locale_links,
        "the mu-plugin exposes locale/translation_group: {report:?}"
    );
    assert!(
        report.media_hash,
        "the mu-plugin exposes copydesk_hash: {report:?}"
    );
    assert!(!report.polylang);
    assert!(
        report.rest_root.ends_with("/wp-json/"),
        "{}",
        report.rest_root
    );

    let wrong = client(&site.url, &site.user, "abcd efgh ijkl mnop qrst uvwx")
        .test_connection()
        .await;
    assert!(matches!(wrong, Err(Error::Auth { .. })), "{wrong:?}");

    // Something that answers HTTP but is not WordPress.
    let (other, server) = plain_site("<!doctype html><title>My shop</title><p>Hello</p>").await;
    let not_wp = client(&other, "admin", "x").test_connection().await;
    assert!(
        matches!(not_wp, Err(Error::NotWordPress { .. })),
        "{not_wp:?}"
    );
    server.abort();
    // A WordPress home page, but no REST API (removed by a security plugin).
    let (hidden, server) = plain_site(
        "<!doctype html><link rel='stylesheet' href='/wp-content/themes/x/style.css'><p>Blog</p>",
    )
    .await;
    let disabled = client(&hidden, "admin", "x").test_connection().await;
    assert!(
        matches!(disabled, Err(Error::RestDisabled { .. })),
        "{disabled:?}"
    );
    server.abort();

    // Nothing listening at all.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let closed_url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let refused = client(&closed_url, "admin", "x").test_connection().await;
    assert!(matches!(refused, Err(Error::Network(_))), "{refused:?}");

    // Accepts, never answers.
    let silent = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_url = format!("http://{}", silent.local_addr().unwrap());
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = silent.accept().await {
            held.push(stream);
        }
    });
    let options = ClientOptions {
        timeout: Duration::from_millis(300),
        ..ClientOptions::default()
    };
    let slow = WordPress::with_options(&silent_url, "admin", "x", options)
        .unwrap()
        .test_connection()
        .await;
    assert!(matches!(slow, Err(Error::Timeout)), "{slow:?}");
    hold.abort();
}

async fn posts_and_conflicts(site: &Site, raw: &Raw) {
    let wp = client(&site.url, &site.user, &site.password);
    let group = "article-0001";

    let fr = match wp
        .create_post(&post("Bonjour", "bonjour", "fr", group))
        .await
        .unwrap()
    {
        CreateOutcome::Created(p) => p,
        other => panic!("expected a new post: {other:?}"),
    };
    assert_eq!(fr.locale.as_deref(), Some("fr"));
    assert_eq!(fr.translation_group.as_deref(), Some(group));
    assert_eq!(fr.status, "publish");
    assert_eq!(fr.slug, "bonjour");
    // Same slug in the other locale: WordPress makes it unique, the link stays.
    let en = wp
        .create_post(&post("Hello", "bonjour", "en", group))
        .await
        .unwrap();
    let en = en.post();
    assert_ne!(en.id, fr.id);

    let found = wp
        .find_post("bonjour", "fr")
        .await
        .unwrap()
        .expect("found by slug+locale");
    assert_eq!(found.id, fr.id);
    assert_eq!(wp.find_post("bonjour", "de").await.unwrap(), None);
    assert_eq!(
        wp.find_translation(group, "en")
            .await
            .unwrap()
            .map(|p| p.id),
        Some(en.id)
    );
    assert_eq!(
        wp.find_translation("article-none", "en").await.unwrap(),
        None
    );

    // Publishing again (e.g. after a crash before the id was recorded) finds it.
    let again = wp
        .create_post(&post("Bonjour", "bonjour", "fr", group))
        .await
        .unwrap();
    assert_eq!(again, CreateOutcome::Existing(found.clone()));
    assert_eq!(raw.count_posts(&format!("copydesk_group={group}")).await, 2);

    // Republish after an edit: same id, content updated.
    let mut edited = post("Bonjour", "bonjour", "fr", group);
    edited.content = "<p>Texte revu, العربية, 🎉</p>".into();
    let updated = wp
        .update_post(fr.id, &fr.modified_gmt, &edited)
        .await
        .unwrap();
    assert_eq!(updated.id, fr.id);
    assert_eq!(wp.get_post(fr.id).await.unwrap().content, edited.content);

    // Someone else edits the post on the site: updating from the old
    // modified_gmt must be refused and leave their text in place.
    // modified_gmt has one-second precision: make sure their edit is in a later second.
    let theirs = "<p>Edited on the site by the editor</p>";
    let mut their_modified;
    loop {
        let (status, _, body) = raw
            .call(
                reqwest::Method::POST,
                &format!("wp/v2/posts/{}", fr.id),
                true,
                Some(json!({ "content": theirs })),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        their_modified = body["modified_gmt"].as_str().unwrap().to_owned();
        if their_modified != updated.modified_gmt {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1100)).await;
    }
    let mut mine = edited.clone();
    mine.content = "<p>My newer local text</p>".into();
    match wp.update_post(fr.id, &updated.modified_gmt, &mine).await {
        Err(Error::Conflict {
            id,
            remote_modified_gmt,
        }) => {
            assert_eq!(id, fr.id);
            assert_eq!(remote_modified_gmt, their_modified);
        }
        other => panic!("expected a conflict: {other:?}"),
    }
    assert_eq!(
        wp.get_post(fr.id).await.unwrap().content,
        theirs,
        "nothing overwritten"
    );
    // The user chose "overwrite": update from the remote version just read.
    let overwritten = wp.update_post(fr.id, &their_modified, &mine).await.unwrap();
    assert_eq!(overwritten.content, mine.content);

    // A validation error is WordPress's own message, not retried.
    let mut bad = post("Bad", "bad", "fr", "article-0002");
    bad.status = PostStatus::Future {
        date_gmt: "not a date".into(),
    };
    match wp.create_post(&bad).await {
        Err(Error::Remote {
            status: 400, code, ..
        }) => assert_eq!(code, "rest_invalid_param"),
        other => panic!("expected rest_invalid_param: {other:?}"),
    }
}

async fn terms(site: &Site, raw: &Raw) {
    let wp = client(&site.url, &site.user, &site.password);
    let (status, _, existing) = raw
        .call(
            reqwest::Method::POST,
            "wp/v2/tags",
            true,
            Some(json!({ "name": "Existing tag" })),
        )
        .await;
    assert_eq!(status, 201, "{existing}");
    let existing_id = existing["id"].as_u64().unwrap();

    let ids = wp
        .ensure_terms(
            Taxonomy::Tags,
            &["Existing tag", "Nouveauté", "nouveauté", " "],
        )
        .await
        .unwrap();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_eq!(ids[0], existing_id);
    assert_ne!(ids[1], existing_id);
    // Again: the same ids, nothing new on the site.
    assert_eq!(
        wp.ensure_terms(Taxonomy::Tags, &["Existing tag", "Nouveauté"])
            .await
            .unwrap(),
        ids
    );
    let (_, total, _) = raw
        .call(reqwest::Method::GET, "wp/v2/tags?per_page=1", false, None)
        .await;
    assert_eq!(total, Some(2), "no duplicate tag");

    let categories = wp
        .ensure_terms(Taxonomy::Categories, &["Uncategorized", "Actualités"])
        .await
        .unwrap();
    assert_eq!(categories.len(), 2);
    assert_eq!(categories[0], 1, "WordPress's default category");
}

async fn media(site: &Site, raw: &Raw) {
    let wp = client(&site.url, &site.user, &site.password);
    let before = raw.count_media().await;
    let first = wp
        .upload_media(png("one"), "Photo été.png", "image/png", "sha256-one")
        .await
        .unwrap();
    assert!(!first.reused);
    assert!(
        first.source_url.starts_with(&site.url),
        "{}",
        first.source_url
    );
    let second = wp
        .upload_media(png("one"), "Photo été.png", "image/png", "sha256-one")
        .await
        .unwrap();
    assert_eq!(second.id, first.id);
    assert!(second.reused);
    assert_eq!(raw.count_media().await, before + 1, "uploaded once");
    let other = wp
        .upload_media(png("two"), "other.png", "image/png", "sha256-two")
        .await
        .unwrap();
    assert_ne!(other.id, first.id);
    assert_eq!(raw.count_media().await, before + 2);
    assert!(matches!(
        wp.upload_media(png("x"), "x.png", "image/png", "not a hash")
            .await,
        Err(Error::InvalidInput(_))
    ));
}

async fn faults(site: &Site, raw: &Raw) {
    let proxy = FaultProxy::start(&site.url).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let options = ClientOptions {
        retry: RetryPolicy {
            max_attempts: 4,
            ..RetryPolicy::default()
        },
        ..ClientOptions::default()
    };
    let wp = client_with(&proxy.url, site, options, sleeper.clone());
    let create = ("POST", "/wp-json/wp/v2/posts");
    let group = "article-faults";
    let in_group = |locale: &str| format!("copydesk_group={group}&copydesk_locale={locale}");

    // 500 once, then WordPress: one backoff, one post.
    proxy.push(create, Fault::Status(500, None));
    let de = wp
        .create_post(&post("Hallo", "hallo", "de", group))
        .await
        .unwrap();
    assert!(matches!(de, CreateOutcome::Created(_)), "{de:?}");
    let waits = sleeper.take();
    assert_eq!(waits.len(), 1, "{waits:?}");
    assert!(
        waits[0] >= Duration::from_millis(250) && waits[0] <= Duration::from_millis(500),
        "{waits:?}"
    );
    assert_eq!(raw.count_posts(&in_group("de")).await, 1);

    // 429 with Retry-After: 1, then WordPress: waits exactly what it was told.
    proxy.push(create, Fault::Status(429, Some(1)));
    let es = wp
        .create_post(&post("Hola", "hola", "es", group))
        .await
        .unwrap();
    assert!(matches!(es, CreateOutcome::Created(_)), "{es:?}");
    assert_eq!(sleeper.take(), vec![Duration::from_secs(1)]);
    assert_eq!(raw.count_posts(&in_group("es")).await, 1);

    // WordPress creates the post, the answer is lost: the retry looks it up
    // instead of creating a second one.
    proxy.push(create, Fault::DropAfterForward);
    let it = wp
        .create_post(&post("Ciao", "ciao", "it", group))
        .await
        .unwrap();
    let it = match it {
        CreateOutcome::Created(p) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(it.locale.as_deref(), Some("it"));
    assert_eq!(sleeper.take().len(), 1);
    assert_eq!(
        raw.count_posts(&in_group("it")).await,
        1,
        "exactly one post after a lost answer"
    );
    assert_eq!(raw.count_posts(&format!("copydesk_group={group}")).await, 3);

    // Same for an update: the lost answer is recognised as our own change, not a conflict.
    let update = ("POST", format!("/wp-json/wp/v2/posts/{}", it.id));
    proxy.push((update.0, update.1.as_str()), Fault::DropAfterForward);
    let mut changed = post("Ciao", "ciao", "it", group);
    changed.content = "<p>Ciao di nuovo</p>".into();
    let after = wp
        .update_post(it.id, &it.modified_gmt, &changed)
        .await
        .unwrap();
    assert_eq!(after.content, changed.content);
    assert_eq!(raw.count_posts(&in_group("it")).await, 1);
    sleeper.take();

    // A lost upload answer: one attachment.
    let media_before = raw.count_media().await;
    proxy.push(("POST", "/wp-json/wp/v2/media"), Fault::DropAfterForward);
    let image = wp
        .upload_media(png("three"), "three.png", "image/png", "sha256-three")
        .await
        .unwrap();
    assert!(!image.reused);
    assert_eq!(sleeper.take().len(), 1);
    assert_eq!(raw.count_media().await, media_before + 1);

    // Server errors that never stop: bounded attempts, then the error.
    for _ in 0..4 {
        proxy.push(create, Fault::Status(503, None));
    }
    let failed = wp.create_post(&post("Olá", "ola", "pt", group)).await;
    assert!(
        matches!(failed, Err(Error::Remote { status: 503, .. })),
        "{failed:?}"
    );
    assert_eq!(sleeper.take().len(), 3, "4 attempts, 3 waits");
    assert_eq!(raw.count_posts(&in_group("pt")).await, 0);
    assert_eq!(proxy.pending(), 0, "every fault was used");
}

// ---- a fault-injecting proxy (test-only) ------------------------------------

enum Fault {
    /// Answer this status (with `Retry-After` seconds) without asking WordPress.
    Status(u16, Option<u64>),
    /// Let WordPress process the request, then close the connection without an answer.
    DropAfterForward,
}

struct Request {
    method: String,
    path: String,
    bytes: Vec<u8>,
}

/// Reads one HTTP/1.1 request (headers and a `Content-Length` body).
async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut bytes = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let header_end = loop {
        if let Some(pos) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        bytes.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&bytes[..header_end]).into_owned();
    let mut first = head.lines().next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let length: usize = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    while bytes.len() < header_end + length {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        bytes.extend_from_slice(&buf[..n]);
    }
    let path = target.split('?').next().unwrap_or_default().to_owned();
    Some(Request {
        method,
        path,
        bytes,
    })
}

/// The request with `Connection: close`, so that WordPress's answer ends at EOF.
fn close_after(request: &[u8]) -> Vec<u8> {
    let end = request
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head")
        + 2;
    let head = String::from_utf8_lossy(&request[..end]);
    let mut out: Vec<u8> = head
        .split_inclusive("\r\n")
        .filter(|line| !line.to_ascii_lowercase().starts_with("connection:"))
        .collect::<String>()
        .into_bytes();
    out.extend_from_slice(b"Connection: close\r\n");
    out.extend_from_slice(&request[end..]);
    out
}

type FaultQueue = Arc<Mutex<VecDeque<(String, String, Fault)>>>;

/// Forwards each connection's one request to WordPress, unless a queued fault
/// matches it (same method and path, query ignored): then that fault happens,
/// once.
struct FaultProxy {
    url: String,
    faults: FaultQueue,
    task: tokio::task::JoinHandle<()>,
}

impl FaultProxy {
    async fn start(upstream: &str) -> FaultProxy {
        let upstream_addr = upstream.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let faults: FaultQueue = Arc::default();
        let queue = faults.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let queue = queue.clone();
                let upstream_addr = upstream_addr.clone();
                tokio::spawn(async move { proxy_one(client, &upstream_addr, &queue).await });
            }
        });
        FaultProxy { url, faults, task }
    }

    fn push(&self, (method, path): (&str, &str), fault: Fault) {
        self.faults
            .lock()
            .unwrap()
            .push_back((method.to_owned(), path.to_owned(), fault));
    }

    fn pending(&self) -> usize {
        self.faults.lock().unwrap().len()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn proxy_one(mut client: TcpStream, upstream: &str, queue: &FaultQueue) {
    let Some(request) = read_request(&mut client).await else {
        return;
    };
    let fault = {
        let mut queue = queue.lock().unwrap();
        let at = queue
            .iter()
            .position(|(m, p, _)| *m == request.method && *p == request.path);
        at.and_then(|i| queue.remove(i)).map(|(_, _, f)| f)
    };
    if let Some(Fault::Status(status, retry_after)) = fault {
        let body = format!(
            "{{\"code\":\"proxy_fault\",\"message\":\"injected {status}\",\"data\":{{\"status\":{status}}}}}"
        );
        let retry = retry_after
            .map(|s| format!("Retry-After: {s}\r\n"))
            .unwrap_or_default();
        let answer = format!(
            "HTTP/1.1 {status} Injected\r\nContent-Type: application/json\r\n{retry}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = client.write_all(answer.as_bytes()).await;
        return;
    }
    let Ok(mut server) = TcpStream::connect(upstream).await else {
        return;
    };
    if server
        .write_all(&close_after(&request.bytes))
        .await
        .is_err()
    {
        return;
    }
    let mut answer = Vec::new();
    if server.read_to_end(&mut answer).await.is_err() {
        return;
    }
    if matches!(fault, Some(Fault::DropAfterForward)) {
        // WordPress did the work; the client never hears of it.
        return;
    }
    let _ = client.write_all(&answer).await;
}
