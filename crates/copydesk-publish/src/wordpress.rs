//! The WordPress REST API client.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, RequestBuilder, Response, StatusCode, Url};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::retry::{RetryPolicy, Sleeper, TokioSleeper, parse_retry_after};

/// Statuses a look-up searches: every state a post Copydesk published can be
/// in, except the trash (a trashed version is treated as gone).
const LOOKUP_STATUSES: &str = "publish,future,draft,pending,private";

/// Connection settings of a [`WordPress`] client.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Longest time for one whole request (upload included).
    pub timeout: Duration,
    /// Longest time to open a connection.
    pub connect_timeout: Duration,
    /// Retries of failed requests.
    pub retry: RetryPolicy,
    /// `User-Agent` sent with every request (security plugins block empty ones).
    pub user_agent: String,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            timeout: Duration::from_secs(120),
            connect_timeout: Duration::from_secs(15),
            retry: RetryPolicy::default(),
            user_agent: format!("Copydesk/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// A client of one WordPress site, logged in with an application password.
///
/// Every method is safe to call again after a failure: creates look the item
/// up before sending (so a lost answer never makes a duplicate), updates check
/// the remote `modified_gmt` first (so an edit made on the site is never
/// overwritten silently).
pub struct WordPress {
    http: reqwest::Client,
    /// Site address, always ending with `/` so that joins keep its path.
    base: Url,
    user: String,
    password: String,
    retry: RetryPolicy,
    sleeper: Arc<dyn Sleeper>,
    /// The site serves the REST API only at `/?rest_route=` (plain permalinks):
    /// found by [`WordPress::test_connection`].
    query_style: AtomicBool,
}

impl fmt::Debug for WordPress {
    // Hand-written so that the password can never end up in a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WordPress")
            .field("base", &self.base.as_str())
            .field("user", &self.user)
            .field("password", &"<hidden>")
            .finish_non_exhaustive()
    }
}

/// How a post is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostStatus {
    /// Public now.
    Publish,
    /// Saved, not public.
    Draft,
    /// Waiting for an editor's review.
    Pending,
    /// Visible to logged-in editors only.
    Private,
    /// Published automatically at `date_gmt` (`YYYY-MM-DDTHH:MM:SS`, UTC).
    Future {
        /// When WordPress publishes it.
        date_gmt: String,
    },
}

impl PostStatus {
    fn as_str(&self) -> &'static str {
        match self {
            PostStatus::Publish => "publish",
            PostStatus::Draft => "draft",
            PostStatus::Pending => "pending",
            PostStatus::Private => "private",
            PostStatus::Future { .. } => "future",
        }
    }
}

/// Everything Copydesk sends for one locale version of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct PostInput {
    /// Title (plain text).
    pub title: String,
    /// Body, as HTML.
    pub content: String,
    /// Summary shown in lists and feeds.
    pub excerpt: Option<String>,
    /// Wanted slug; WordPress makes it unique silently (`x` → `x-2`).
    pub slug: Option<String>,
    /// Publish, draft or scheduled.
    pub status: PostStatus,
    /// Tag ids (see [`WordPress::ensure_terms`]).
    pub tags: Vec<u64>,
    /// Category ids.
    pub categories: Vec<u64>,
    /// Featured image (attachment id).
    pub featured_media: Option<u64>,
    /// Publication date in the site's time zone (`YYYY-MM-DDTHH:MM:SS`),
    /// sent as `date`. Not sent for a scheduled post: its
    /// [`PostStatus::Future`] `date_gmt` wins (WordPress would prefer `date`).
    pub date: Option<String>,
    /// Language of this version (BCP 47), stored in the `locale` post meta.
    pub locale: String,
    /// Id shared by all versions of the article, stored in the
    /// `translation_group` post meta; with `locale` it identifies the post on
    /// the site, which is how creates stay idempotent.
    pub translation_group: String,
}

impl PostInput {
    /// The JSON body sent to `POST /wp/v2/posts[/ID]` for this input (also
    /// what a dry run shows).
    pub fn to_json(&self) -> Value {
        let mut body = json!({
            "title": self.title,
            "content": self.content,
            "status": self.status.as_str(),
            "tags": self.tags,
            "categories": self.categories,
            "meta": { "locale": self.locale, "translation_group": self.translation_group },
        });
        let fields = body.as_object_mut().expect("a JSON object");
        if let Some(excerpt) = &self.excerpt {
            fields.insert("excerpt".into(), json!(excerpt));
        }
        if let Some(slug) = &self.slug {
            fields.insert("slug".into(), json!(slug));
        }
        if let Some(id) = self.featured_media {
            fields.insert("featured_media".into(), json!(id));
        }
        match (&self.status, &self.date) {
            (PostStatus::Future { date_gmt }, _) => {
                fields.insert("date_gmt".into(), json!(date_gmt));
            }
            (_, Some(date)) => {
                fields.insert("date".into(), json!(date));
            }
            (_, None) => {}
        }
        body
    }

    /// Whether `post` holds what this input sent (after a lost answer: was the
    /// change on the site ours?).
    fn sent_as(&self, post: &RemotePost) -> bool {
        post.title == self.title
            && post.content.trim_end() == self.content.trim_end()
            && post.locale.as_deref() == Some(self.locale.as_str())
            && post.translation_group.as_deref() == Some(self.translation_group.as_str())
    }
}

/// A post as it is on the site (read with `context=edit`: raw title and body).
#[derive(Debug, Clone, PartialEq)]
pub struct RemotePost {
    /// Remote id.
    pub id: u64,
    /// Slug WordPress kept (may differ from the one sent; non-ASCII is percent-encoded).
    pub slug: String,
    /// `publish`, `draft`, `future`, …
    pub status: String,
    /// Public address.
    pub link: String,
    /// Last change on the site, UTC, second precision: the conflict check.
    pub modified_gmt: String,
    /// Publication date, UTC.
    pub date_gmt: Option<String>,
    /// Raw title.
    pub title: String,
    /// Raw body (HTML as stored).
    pub content: String,
    /// Raw excerpt.
    pub excerpt: String,
    /// Tag ids.
    pub tags: Vec<u64>,
    /// Category ids.
    pub categories: Vec<u64>,
    /// Featured image id.
    pub featured_media: Option<u64>,
    /// `locale` post meta (`None` when the locale-links plugin is missing).
    pub locale: Option<String>,
    /// `translation_group` post meta.
    pub translation_group: Option<String>,
}

impl RemotePost {
    /// A fingerprint of what an editor changes: the raw title, body and
    /// excerpt (FNV-1a, 64 bits, hex). Compared with the one remembered after
    /// our last write, it catches an edit made on the site in the same
    /// second as that write, which `modified_gmt` (one-second grain) cannot.
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [&self.title, &self.content, &self.excerpt] {
            for b in part.as_bytes().iter().chain(std::iter::once(&0u8)) {
                hash ^= u64::from(*b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("fnv1a64-{hash:016x}")
    }
}

/// What Copydesk last saw of a post it wrote: an update goes through only if
/// the post is still like that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen<'a> {
    pub modified_gmt: &'a str,
    /// [`RemotePost::fingerprint`] after our last write, when known.
    pub fingerprint: Option<&'a str>,
}

impl Seen<'_> {
    /// The post changed since: someone else edited it.
    fn changed(&self, now: &RemotePost) -> bool {
        now.modified_gmt != self.modified_gmt
            || self.fingerprint.is_some_and(|f| f != now.fingerprint())
    }
}

impl<'a> From<&'a str> for Seen<'a> {
    fn from(modified_gmt: &'a str) -> Self {
        Seen {
            modified_gmt,
            fingerprint: None,
        }
    }
}

impl<'a> From<&'a String> for Seen<'a> {
    fn from(modified_gmt: &'a String) -> Self {
        Seen::from(modified_gmt.as_str())
    }
}

impl<'a> From<&'a RemotePost> for Seen<'a> {
    fn from(post: &'a RemotePost) -> Self {
        Seen {
            modified_gmt: &post.modified_gmt,
            fingerprint: None,
        }
    }
}

/// What [`WordPress::create_post`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateOutcome {
    /// The post was created by this call (possibly found right after a lost
    /// answer: WordPress had processed the request).
    Created(RemotePost),
    /// A post of the same translation group and locale was already on the
    /// site (published before, e.g. by a run that crashed before it could
    /// record the remote id): it was left as it is.
    Existing(RemotePost),
}

impl CreateOutcome {
    /// The post, created or found.
    pub fn post(&self) -> &RemotePost {
        match self {
            CreateOutcome::Created(p) | CreateOutcome::Existing(p) => p,
        }
    }
}

/// A taxonomy whose terms are sent as ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taxonomy {
    /// `post_tag` (`/wp/v2/tags`).
    Tags,
    /// `category` (`/wp/v2/categories`).
    Categories,
}

impl Taxonomy {
    fn rest_base(self) -> &'static str {
        match self {
            Taxonomy::Tags => "tags",
            Taxonomy::Categories => "categories",
        }
    }
}

/// An uploaded file in the site's media library.
#[derive(Debug, Clone, PartialEq)]
pub struct Media {
    /// Attachment id (for `featured_media`).
    pub id: u64,
    /// Address of the file, for links in the body.
    pub source_url: String,
    /// The file was already there (same content hash): nothing was uploaded.
    pub reused: bool,
}

/// The logged-in user, as `users/me?context=edit` describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteUser {
    /// User id.
    pub id: u64,
    /// Login name.
    pub username: String,
    /// Display name.
    pub name: String,
    /// Roles (`administrator`, `editor`, …).
    pub roles: Vec<String>,
    /// May publish posts (`publish_posts`).
    pub can_publish: bool,
    /// May upload media (`upload_files`).
    pub can_upload: bool,
}

/// What "Test connection" found out.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionReport {
    /// Site title.
    pub site_name: String,
    /// Root of the REST API in use (`…/wp-json/` or `…/?rest_route=/`).
    pub rest_root: String,
    /// Who the application password belongs to.
    pub user: RemoteUser,
    /// Posts expose `locale` and `translation_group` meta (the locale-links
    /// plugin or an equivalent is active): language versions can be linked
    /// and found again.
    pub locale_links: bool,
    /// Media expose `copydesk_hash` meta: images are uploaded once.
    pub media_hash: bool,
    /// Polylang's REST API is present.
    pub polylang: bool,
}

#[derive(Deserialize, Default)]
struct Rendered {
    raw: Option<String>,
    rendered: Option<String>,
}

impl Rendered {
    fn text(self) -> String {
        self.raw.or(self.rendered).unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct RawPost {
    id: u64,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    link: String,
    modified_gmt: String,
    date_gmt: Option<String>,
    #[serde(default)]
    title: Rendered,
    #[serde(default)]
    content: Rendered,
    #[serde(default)]
    excerpt: Rendered,
    #[serde(default)]
    tags: Vec<u64>,
    #[serde(default)]
    categories: Vec<u64>,
    #[serde(default)]
    featured_media: u64,
    // `[]` when no meta is registered, an object otherwise.
    #[serde(default)]
    meta: Value,
}

fn meta_string(meta: &Value, key: &str) -> Option<String> {
    meta.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl From<RawPost> for RemotePost {
    fn from(p: RawPost) -> Self {
        RemotePost {
            id: p.id,
            locale: meta_string(&p.meta, "locale"),
            translation_group: meta_string(&p.meta, "translation_group"),
            slug: p.slug,
            status: p.status,
            link: p.link,
            modified_gmt: p.modified_gmt,
            date_gmt: p.date_gmt,
            title: p.title.text(),
            content: p.content.text(),
            excerpt: p.excerpt.text(),
            tags: p.tags,
            categories: p.categories,
            featured_media: (p.featured_media != 0).then_some(p.featured_media),
        }
    }
}

#[derive(Deserialize)]
struct RawMedia {
    id: u64,
    #[serde(default)]
    source_url: String,
    #[serde(default)]
    meta: Value,
}

/// Content hashes and translation groups go into meta values and query
/// strings: keep them to characters WordPress stores and matches unchanged.
fn check_token(what: &str, value: &str) -> Result<()> {
    let ok = !value.is_empty()
        && value.len() <= 191
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{what} must be 1-191 characters among A-Z a-z 0-9 . _ : - (got {value:?})"
        )))
    }
}

/// An ASCII file name for `Content-Disposition` (WordPress sanitises it
/// anyway; a non-ASCII header value would be refused by the HTTP stack).
fn ascii_filename(name: &str, mime: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    // "photo  été.png" → "photo-t.png", not "photo---t-.png".
    let mut collapsed = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        if c == '-' && (collapsed.ends_with('-') || collapsed.is_empty()) {
            continue;
        }
        if c == '.' && collapsed.ends_with('-') {
            collapsed.pop();
        }
        collapsed.push(c);
    }
    let cleaned = collapsed.trim_matches(|c| c == '-' || c == '.');
    if cleaned.contains('.') && !cleaned.starts_with('.') {
        return cleaned.to_owned();
    }
    let subtype = mime.rsplit('/').next().unwrap_or("bin");
    let ext = subtype.split('+').next().unwrap_or("bin");
    let ext = if ext == "jpeg" { "jpg" } else { ext };
    let stem = if cleaned.is_empty() { "file" } else { cleaned };
    format!("{stem}.{ext}")
}

/// Parses a JSON body, tolerating what badly configured sites print before it
/// (PHP notices with `display_errors` on are common on shared hosting).
fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T> {
    let first = match serde_json::from_slice(body) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    for (i, &b) in body.iter().enumerate().skip(1) {
        if (b == b'{' || b == b'[')
            && matches!(body[i - 1], b'\n' | b'>')
            && let Ok(v) = serde_json::from_slice(&body[i..])
        {
            return Ok(v);
        }
    }
    Err(Error::InvalidResponse(format!(
        "{first} in {:?}",
        String::from_utf8_lossy(&body[..body.len().min(200)])
    )))
}

impl WordPress {
    /// A client of the site at `site_url` (its home address, e.g.
    /// `https://example.org` or `https://example.org/blog`), logged in as
    /// `user` with an application password.
    pub fn new(site_url: &str, user: &str, application_password: &str) -> Result<Self> {
        Self::with_options(
            site_url,
            user,
            application_password,
            ClientOptions::default(),
        )
    }

    /// Same as [`WordPress::new`], with explicit time-outs and retries.
    pub fn with_options(
        site_url: &str,
        user: &str,
        application_password: &str,
        options: ClientOptions,
    ) -> Result<Self> {
        let mut base = Url::parse(site_url.trim())
            .map_err(|e| Error::InvalidInput(format!("site address {site_url:?}: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            return Err(Error::InvalidInput(format!(
                "site address {site_url:?} must start with https:// (or http://)"
            )));
        }
        base.set_query(None);
        base.set_fragment(None);
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        // reqwest is built without a crypto provider of its own (see the
        // workspace manifest): install ring unless the host app already
        // installed one. An `Err` only says one is already there.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .user_agent(options.user_agent)
            .build()
            .map_err(Error::from_transport)?;
        Ok(WordPress {
            http,
            base,
            user: user.to_owned(),
            password: application_password.to_owned(),
            retry: options.retry,
            sleeper: Arc::new(TokioSleeper),
            query_style: AtomicBool::new(false),
        })
    }

    /// Replaces how the client waits between retries (tests pass one that
    /// does not really wait).
    pub fn with_sleeper(mut self, sleeper: Arc<dyn Sleeper>) -> Self {
        self.sleeper = sleeper;
        self
    }

    /// The site address this client talks to.
    pub fn site_url(&self) -> &str {
        self.base.as_str()
    }

    // ---- URLs and requests ----------------------------------------------

    fn rest_root(&self, query_style: bool) -> Url {
        if query_style {
            let mut url = self.base.clone();
            url.query_pairs_mut().append_pair("rest_route", "/");
            url
        } else {
            self.base.join("wp-json/").expect("a relative path joins")
        }
    }

    /// The address of REST route `route` (e.g. `wp/v2/posts`) with query
    /// parameters, as the client would request it (a dry run shows it).
    pub fn endpoint(&self, route: &str, query: &[(&str, &str)]) -> String {
        self.url(route, query).into()
    }

    /// URL of REST route `route` (e.g. `wp/v2/posts`) with query parameters.
    fn url(&self, route: &str, query: &[(&str, &str)]) -> Url {
        let mut url = if self.query_style.load(Ordering::Relaxed) {
            let mut url = self.base.clone();
            url.query_pairs_mut()
                .append_pair("rest_route", &format!("/{route}"));
            url
        } else {
            self.base
                .join(&format!("wp-json/{route}"))
                .expect("a relative path joins")
        };
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    fn authed(&self, method: Method, url: Url) -> RequestBuilder {
        self.http
            .request(method, url)
            .basic_auth(&self.user, Some(&self.password))
    }

    /// Sends a request and turns every failure into an [`Error`].
    async fn send(&self, request: RequestBuilder) -> Result<Response> {
        let response = request.send().await.map_err(Error::from_transport)?;
        check_status(response).await
    }

    async fn send_json<T: serde::de::DeserializeOwned>(
        &self,
        request: RequestBuilder,
    ) -> Result<T> {
        let response = self.send(request).await?;
        let body = response.bytes().await.map_err(Error::from_transport)?;
        parse_json(&body)
    }

    /// Runs `op` until it succeeds, fails for good, or the retry policy says
    /// stop. Only for requests that are safe to repeat as they are.
    async fn retrying<T, F, Fut>(&self, mut op: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match op().await {
                Ok(v) => return Ok(v),
                Err(e) => match self.retry.delay_after(attempt, &e) {
                    Some(delay) => self.sleeper.sleep(delay).await,
                    None => return Err(e),
                },
            }
        }
    }

    // ---- connection ---------------------------------------------------------

    /// Checks the site address, the REST API, the credentials and whether the
    /// site can store locale links; each failure is its own [`Error`]
    /// (`NotWordPress`, `RestDisabled`, `Auth`, `Tls`, `Timeout`, `Network`).
    /// Makes one attempt per request: the user is waiting for an answer.
    pub async fn test_connection(&self) -> Result<ConnectionReport> {
        let index = self.discover().await?;
        let site_name = index
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let polylang = index
            .get("namespaces")
            .and_then(Value::as_array)
            .is_some_and(|ns| ns.iter().any(|n| n.as_str() == Some("pll/v1")));

        let me: Value = self
            .send_json(self.authed(
                Method::GET,
                self.url("wp/v2/users/me", &[("context", "edit")]),
            ))
            .await?;
        let strings = |key: &str| -> Vec<String> {
            me.get(key)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let cap = |name: &str| {
            me.get("capabilities")
                .and_then(|c| c.get(name))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let user = RemoteUser {
            id: me
                .get("id")
                .and_then(Value::as_u64)
                .ok_or_else(|| Error::InvalidResponse("users/me without an id".into()))?,
            username: me
                .get("username")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            name: me
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            roles: strings("roles"),
            can_publish: cap("publish_posts"),
            can_upload: cap("upload_files"),
        };

        let locale_links = self
            .schema_has_meta("wp/v2/posts", &["locale", "translation_group"])
            .await?;
        let media_hash = self
            .schema_has_meta("wp/v2/media", &["copydesk_hash"])
            .await?;
        Ok(ConnectionReport {
            site_name,
            rest_root: self
                .rest_root(self.query_style.load(Ordering::Relaxed))
                .to_string(),
            user,
            locale_links,
            media_hash,
            polylang,
        })
    }

    /// Finds the REST index (`/wp-json/`, else `/?rest_route=/` for sites with
    /// plain permalinks) and tells "not WordPress" from "REST API disabled".
    async fn discover(&self) -> Result<Value> {
        let mut seen = Vec::new();
        for query_style in [false, true] {
            // No credentials yet: the address may not be the user's site at all.
            let response = self
                .http
                .get(self.rest_root(query_style))
                .send()
                .await
                .map_err(Error::from_transport)?;
            let status = response.status();
            let body = response.bytes().await.map_err(Error::from_transport)?;
            let json: Option<Value> = parse_json(&body).ok();
            match json {
                Some(index) if status.is_success() && index.get("namespaces").is_some() => {
                    let has_wp_v2 = index["namespaces"]
                        .as_array()
                        .is_some_and(|ns| ns.iter().any(|n| n.as_str() == Some("wp/v2")));
                    if !has_wp_v2 {
                        return Err(Error::RestDisabled {
                            detail: "the REST API does not offer wp/v2 (posts, media)".into(),
                        });
                    }
                    self.query_style.store(query_style, Ordering::Relaxed);
                    return Ok(index);
                }
                Some(error) if error.get("code").and_then(Value::as_str).is_some() => {
                    // A WordPress error object: WordPress is there, its REST
                    // API refuses (e.g. `rest_disabled`, `rest_login_required`).
                    // Some sites only open it to logged-in users: try once so.
                    let code = error["code"].as_str().unwrap_or_default().to_owned();
                    if matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) {
                        let authed = self.authed(Method::GET, self.rest_root(query_style));
                        if let Ok(index) = self.send_json::<Value>(authed).await
                            && index.get("namespaces").is_some()
                        {
                            self.query_style.store(query_style, Ordering::Relaxed);
                            return Ok(index);
                        }
                    }
                    if status != StatusCode::NOT_FOUND {
                        return Err(Error::RestDisabled {
                            detail: format!("{} {code}", status.as_u16()),
                        });
                    }
                    seen.push(format!("{} {code}", status.as_u16()));
                }
                _ => seen.push(status.as_u16().to_string()),
            }
        }
        // No REST index at all: WordPress with its API removed, or not WordPress.
        let response = self
            .http
            .get(self.base.clone())
            .send()
            .await
            .map_err(Error::from_transport)?;
        let home = response.text().await.unwrap_or_default();
        if home.contains("/wp-content/")
            || home.contains("/wp-includes/")
            || home.contains("api.w.org")
        {
            return Err(Error::RestDisabled {
                detail: format!("no REST index (answers: {})", seen.join(", ")),
            });
        }
        Err(Error::NotWordPress {
            url: self.base.to_string(),
        })
    }

    /// Whether the collection's schema (an `OPTIONS` request) lists these meta keys.
    async fn schema_has_meta(&self, route: &str, keys: &[&str]) -> Result<bool> {
        let schema: Value = self
            .send_json(self.authed(Method::OPTIONS, self.url(route, &[])))
            .await?;
        let meta = &schema["schema"]["properties"]["meta"]["properties"];
        Ok(keys.iter().all(|k| meta.get(k).is_some()))
    }

    // ---- posts ------------------------------------------------------------------

    /// The post with this id (raw title and body, `modified_gmt`).
    pub async fn get_post(&self, id: u64) -> Result<RemotePost> {
        let url = self.url(&format!("wp/v2/posts/{id}"), &[("context", "edit")]);
        let raw: RawPost = self
            .retrying(|| self.send_json(self.authed(Method::GET, url.clone())))
            .await?;
        Ok(raw.into())
    }

    fn lookup_url(&self, query: &[(&str, &str)]) -> Url {
        let mut params = vec![
            ("context", "edit"),
            ("status", LOOKUP_STATUSES),
            ("per_page", "20"),
            ("orderby", "id"),
            ("order", "asc"),
        ];
        params.extend_from_slice(query);
        self.url("wp/v2/posts", &params)
    }

    /// The address [`WordPress::find_translation`] requests (a dry run shows it).
    pub fn find_translation_endpoint(&self, translation_group: &str, locale: &str) -> String {
        self.lookup_url(&[
            ("copydesk_group", translation_group),
            ("copydesk_locale", locale),
        ])
        .into()
    }

    /// Posts matching the query, keeping only those whose meta really matches
    /// (a site without the plugin ignores the `copydesk_*` parameters and
    /// would return unrelated posts).
    async fn lookup_posts(
        &self,
        query: &[(&str, &str)],
        keep: impl Fn(&RemotePost) -> bool,
    ) -> Result<Option<RemotePost>> {
        let url = self.lookup_url(query);
        let posts: Vec<RawPost> = self
            .retrying(|| self.send_json(self.authed(Method::GET, url.clone())))
            .await?;
        // Oldest first: if duplicates were ever made, always the same one is used.
        Ok(posts.into_iter().map(RemotePost::from).find(|p| keep(p)))
    }

    /// The post with this slug and locale, in any status but trash.
    pub async fn find_post(&self, slug: &str, locale: &str) -> Result<Option<RemotePost>> {
        self.lookup_posts(&[("slug", slug), ("copydesk_locale", locale)], |p| {
            p.locale.as_deref() == Some(locale)
        })
        .await
    }

    /// The version in `locale` of the article `translation_group`, if the site has one.
    pub async fn find_translation(
        &self,
        translation_group: &str,
        locale: &str,
    ) -> Result<Option<RemotePost>> {
        check_token("translation group", translation_group)?;
        self.lookup_posts(
            &[
                ("copydesk_group", translation_group),
                ("copydesk_locale", locale),
            ],
            |p| {
                p.translation_group.as_deref() == Some(translation_group)
                    && p.locale.as_deref() == Some(locale)
            },
        )
        .await
    }

    /// Creates the post, unless the site already has this translation group
    /// in this locale ([`CreateOutcome::Existing`], left untouched).
    ///
    /// Never trusts "it probably failed": after a lost answer, a time-out or a
    /// server error, the post is looked up again before the create is re-sent,
    /// so a retried create cannot leave two posts.
    pub async fn create_post(&self, post: &PostInput) -> Result<CreateOutcome> {
        check_token("translation group", &post.translation_group)?;
        if let Some(existing) = self
            .find_translation(&post.translation_group, &post.locale)
            .await?
        {
            return Ok(CreateOutcome::Existing(existing));
        }
        let url = self.url("wp/v2/posts", &[]);
        let body = post.to_json();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request = self.authed(Method::POST, url.clone()).json(&body);
            match self.send_json::<RawPost>(request).await {
                Ok(raw) => return Ok(CreateOutcome::Created(raw.into())),
                Err(e) => {
                    let Some(delay) = self.retry.delay_after(attempt, &e) else {
                        return Err(e);
                    };
                    self.sleeper.sleep(delay).await;
                    if e.may_have_been_processed()
                        && let Some(made) = self
                            .find_translation(&post.translation_group, &post.locale)
                            .await?
                    {
                        return Ok(CreateOutcome::Created(made));
                    }
                }
            }
        }
    }

    /// Updates post `id` with `post`, unless it was changed on the site since
    /// we `seen` it (the `modified_gmt` recorded at the last publish, and its
    /// fingerprint when known): then nothing is written and
    /// [`Error::Conflict`] is returned.
    ///
    /// `modified_gmt` has one-second precision: an edit on the site in the
    /// same second as the last publish is caught by the fingerprint only.
    pub async fn update_post<'a>(
        &self,
        id: u64,
        seen: impl Into<Seen<'a>>,
        post: &PostInput,
    ) -> Result<RemotePost> {
        let seen = seen.into();
        let current = self.get_post(id).await?;
        if seen.changed(&current) {
            return Err(Error::Conflict {
                id,
                remote_modified_gmt: current.modified_gmt,
            });
        }
        let url = self.url(&format!("wp/v2/posts/{id}"), &[]);
        let body = post.to_json();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request = self.authed(Method::POST, url.clone()).json(&body);
            match self.send_json::<RawPost>(request).await {
                Ok(raw) => return Ok(raw.into()),
                Err(e) => {
                    let Some(delay) = self.retry.delay_after(attempt, &e) else {
                        return Err(e);
                    };
                    self.sleeper.sleep(delay).await;
                    if e.may_have_been_processed() {
                        // Our update may have landed, or someone else's edit
                        // may have come in meanwhile: read before re-sending.
                        let now = self.get_post(id).await?;
                        if seen.changed(&now) {
                            if post.sent_as(&now) {
                                return Ok(now);
                            }
                            return Err(Error::Conflict {
                                id,
                                remote_modified_gmt: now.modified_gmt,
                            });
                        }
                    }
                }
            }
        }
    }

    // ---- terms ----------------------------------------------------------------

    /// Ids of the terms with these names, creating the missing ones. An
    /// existing term (WordPress's `400 term_exists`) is a success: its id is
    /// in the error's data. Returns one id per distinct name, in order.
    pub async fn ensure_terms(&self, taxonomy: Taxonomy, names: &[&str]) -> Result<Vec<u64>> {
        let url = self.url(&format!("wp/v2/{}", taxonomy.rest_base()), &[]);
        let mut seen = HashSet::new();
        let mut ids = Vec::new();
        for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            if !seen.insert(name.to_lowercase()) {
                continue;
            }
            let body = json!({ "name": name });
            let id = self
                .retrying(|| async {
                    let request = self.authed(Method::POST, url.clone()).json(&body);
                    let response = request.send().await.map_err(Error::from_transport)?;
                    let status = response.status();
                    let bytes = response.bytes().await.map_err(Error::from_transport)?;
                    if status == StatusCode::BAD_REQUEST
                        && let Ok(error) = parse_json::<Value>(&bytes)
                        && error["code"] == "term_exists"
                    {
                        // A term with this name (or slug) already exists: use it.
                        return error["data"]["term_id"].as_u64().ok_or_else(|| {
                            Error::InvalidResponse("term_exists without data.term_id".into())
                        });
                    }
                    if !status.is_success() {
                        return Err(error_from_parts(status, None, &bytes));
                    }
                    parse_json::<Value>(&bytes)?["id"]
                        .as_u64()
                        .ok_or_else(|| Error::InvalidResponse("created term without an id".into()))
                })
                .await?;
            ids.push(id);
        }
        Ok(ids)
    }

    // ---- media ----------------------------------------------------------------

    /// The attachment uploaded earlier with this content hash, if any.
    pub async fn find_media(&self, content_hash: &str) -> Result<Option<Media>> {
        check_token("content hash", content_hash)?;
        let url = self.url(
            "wp/v2/media",
            &[
                ("copydesk_hash", content_hash),
                ("context", "edit"),
                ("per_page", "20"),
                ("orderby", "id"),
                ("order", "asc"),
            ],
        );
        let found: Vec<RawMedia> = self
            .retrying(|| self.send_json(self.authed(Method::GET, url.clone())))
            .await?;
        Ok(found
            .into_iter()
            .find(|m| meta_string(&m.meta, "copydesk_hash").as_deref() == Some(content_hash))
            .map(|m| Media {
                id: m.id,
                source_url: m.source_url,
                reused: true,
            }))
    }

    /// Uploads a file once: if an attachment with this `content_hash` is
    /// already on the site it is reused ([`Media::reused`]), otherwise the
    /// file is uploaded with its hash (stored in the same request by the
    /// locale-links plugin). A retried upload looks the hash up first.
    pub async fn upload_media(
        &self,
        data: impl Into<Bytes>,
        filename: &str,
        mime: &str,
        content_hash: &str,
    ) -> Result<Media> {
        check_token("content hash", content_hash)?;
        if let Some(found) = self.find_media(content_hash).await? {
            return Ok(found);
        }
        let data: Bytes = data.into();
        let url = self.url("wp/v2/media", &[("copydesk_hash", content_hash)]);
        let disposition = format!(
            "attachment; filename=\"{}\"",
            ascii_filename(filename, mime)
        );
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request = self
                .authed(Method::POST, url.clone())
                .header(CONTENT_TYPE, mime)
                .header(CONTENT_DISPOSITION, &disposition)
                .body(data.clone());
            match self.send_json::<RawMedia>(request).await {
                Ok(m) => {
                    return Ok(Media {
                        id: m.id,
                        source_url: m.source_url,
                        reused: false,
                    });
                }
                Err(e) => {
                    let Some(delay) = self.retry.delay_after(attempt, &e) else {
                        return Err(e);
                    };
                    self.sleeper.sleep(delay).await;
                    if e.may_have_been_processed()
                        && let Some(found) = self.find_media(content_hash).await?
                    {
                        return Ok(Media {
                            reused: false,
                            ..found
                        });
                    }
                }
            }
        }
    }
}

/// Turns an unsuccessful answer into an [`Error`].
async fn check_status(response: Response) -> Result<Response> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()));
    let body = response.bytes().await.unwrap_or_default();
    Err(error_from_parts(status, retry_after, &body))
}

fn error_from_parts(status: StatusCode, retry_after: Option<Duration>, body: &[u8]) -> Error {
    if status == StatusCode::TOO_MANY_REQUESTS
        || (status == StatusCode::SERVICE_UNAVAILABLE && retry_after.is_some())
    {
        return Error::RateLimited { retry_after };
    }
    let wp_error = parse_json::<Value>(body).ok();
    let field = |key: &str| {
        wp_error
            .as_ref()
            .and_then(|e| e.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let code = field("code").unwrap_or_else(|| format!("http_{}", status.as_u16()));
    let message = field("message").unwrap_or_else(|| {
        let text = String::from_utf8_lossy(&body[..body.len().min(300)]);
        text.trim().to_owned()
    });
    if status == StatusCode::UNAUTHORIZED {
        return Error::Auth { message };
    }
    Error::Remote {
        status: status.as_u16(),
        code,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(title: &str, content: &str, modified: &str) -> RemotePost {
        RemotePost {
            id: 7,
            slug: "s".into(),
            status: "publish".into(),
            link: "https://example.org/s/".into(),
            modified_gmt: modified.into(),
            date_gmt: None,
            title: title.into(),
            content: content.into(),
            excerpt: String::new(),
            tags: Vec::new(),
            categories: Vec::new(),
            featured_media: None,
            locale: Some("fr".into()),
            translation_group: Some("a1".into()),
        }
    }

    #[test]
    fn an_edit_in_the_same_second_is_caught_by_the_fingerprint() {
        let ours = post("Titre", "<p>Corps</p>", "2026-03-01T10:00:00");
        let seen = Seen {
            modified_gmt: &ours.modified_gmt,
            fingerprint: Some(&ours.fingerprint()),
        };
        assert!(!seen.changed(&ours), "our own write is not a change");
        let edited_same_second = post("Titre", "<p>Corps corrigé</p>", "2026-03-01T10:00:00");
        assert!(seen.changed(&edited_same_second));
        let retitled = post("Titre corrigé", "<p>Corps</p>", "2026-03-01T10:00:00");
        assert!(seen.changed(&retitled));
        let later = post("Titre", "<p>Corps</p>", "2026-03-01T10:00:01");
        assert!(seen.changed(&later), "modified_gmt still counts");
        // Fields do not run into each other.
        assert_ne!(
            post("ab", "c", "m").fingerprint(),
            post("a", "bc", "m").fingerprint()
        );
        // Without a fingerprint (recorded before it existed), only the time counts.
        let old = Seen::from("2026-03-01T10:00:00");
        assert!(!old.changed(&edited_same_second));
    }

    #[test]
    fn urls_keep_the_site_path() {
        let wp = WordPress::new("https://example.org/blog", "u", "p").unwrap();
        assert_eq!(
            wp.url("wp/v2/posts", &[("slug", "a b")]).as_str(),
            "https://example.org/blog/wp-json/wp/v2/posts?slug=a+b"
        );
        wp.query_style.store(true, Ordering::Relaxed);
        assert_eq!(
            wp.url("wp/v2/posts/3", &[("context", "edit")]).as_str(),
            "https://example.org/blog/?rest_route=%2Fwp%2Fv2%2Fposts%2F3&context=edit"
        );
        assert!(
            !format!("{wp:?}").contains("\"p\""),
            "password hidden from Debug"
        );
    }

    #[test]
    fn bad_addresses_are_refused() {
        assert!(matches!(
            WordPress::new("example.org", "u", "p"),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            WordPress::new("ftp://example.org", "u", "p"),
            Err(Error::InvalidInput(_))
        ));
    }

    #[test]
    fn json_after_php_notices_is_read() {
        let body = b"<br />\n<b>Deprecated</b>: something in x.php<br />\n{\"id\":3}";
        let v: Value = parse_json(body).unwrap();
        assert_eq!(v["id"], 3);
        assert!(matches!(
            parse_json::<Value>(b"<html>nope</html>"),
            Err(Error::InvalidResponse(_))
        ));
    }

    #[test]
    fn wordpress_errors_are_typed() {
        let body = br#"{"code":"rest_invalid_param","message":"Invalid parameter(s): status","data":{"status":400}}"#;
        match error_from_parts(StatusCode::BAD_REQUEST, None, body) {
            Error::Remote {
                status,
                code,
                message,
            } => {
                assert_eq!((status, code.as_str()), (400, "rest_invalid_param"));
                assert_eq!(message, "Invalid parameter(s): status");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            error_from_parts(
                StatusCode::UNAUTHORIZED,
                None,
                b"{\"code\":\"incorrect_password\",\"message\":\"no\"}"
            ),
            Error::Auth { .. }
        ));
        assert!(matches!(
            error_from_parts(
                StatusCode::SERVICE_UNAVAILABLE,
                Some(Duration::from_secs(600)),
                b""
            ),
            Error::RateLimited {
                retry_after: Some(_)
            }
        ));
        assert!(matches!(
            error_from_parts(StatusCode::BAD_GATEWAY, None, b"<html>bad gateway</html>"),
            Error::Remote { status: 502, .. }
        ));
    }

    #[test]
    fn upload_names_are_ascii() {
        assert_eq!(ascii_filename("photo été.png", "image/png"), "photo-t.png");
        assert_eq!(ascii_filename("été", "image/jpeg"), "t.jpg");
        assert_eq!(ascii_filename("日本", "image/jpeg"), "file.jpg");
        assert_eq!(ascii_filename("chart", "image/svg+xml"), "chart.svg");
    }

    #[test]
    fn post_body_carries_the_locale_link() {
        let input = PostInput {
            title: "T".into(),
            content: "<p>b</p>".into(),
            excerpt: None,
            slug: Some("t".into()),
            status: PostStatus::Future {
                date_gmt: "2030-01-01T10:00:00".into(),
            },
            tags: vec![3],
            categories: vec![],
            featured_media: Some(9),
            date: Some("2026-02-14T00:00:00".into()),
            locale: "fr".into(),
            translation_group: "g1".into(),
        };
        let body = input.to_json();
        assert_eq!(body["meta"]["locale"], "fr");
        assert_eq!(body["meta"]["translation_group"], "g1");
        assert_eq!(body["status"], "future");
        assert_eq!(body["date_gmt"], "2030-01-01T10:00:00");
        assert!(
            body.get("date").is_none(),
            "a scheduled post's date_gmt wins over the version date"
        );
        assert_eq!(body["featured_media"], 9);
        assert!(body.get("excerpt").is_none());
    }

    #[test]
    fn post_body_carries_the_date_and_categories() {
        let input = PostInput {
            title: "T".into(),
            content: "<p>b</p>".into(),
            excerpt: None,
            slug: None,
            status: PostStatus::Draft,
            tags: vec![],
            categories: vec![4, 7],
            featured_media: None,
            date: Some("2026-02-14T00:00:00".into()),
            locale: "fr".into(),
            translation_group: "g1".into(),
        };
        let body = input.to_json();
        assert_eq!(body["date"], "2026-02-14T00:00:00");
        assert!(body.get("date_gmt").is_none());
        assert_eq!(body["categories"], serde_json::json!([4, 7]));
        assert!(body.get("featured_media").is_none());
    }

    #[test]
    fn tokens_are_checked() {
        assert!(check_token("hash", "sha256:abc-DEF_1.2").is_ok());
        assert!(check_token("hash", "").is_err());
        assert!(check_token("hash", "a b").is_err());
        assert!(check_token("hash", &"a".repeat(192)).is_err());
    }
}
