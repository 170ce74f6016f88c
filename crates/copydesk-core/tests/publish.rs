//! Publishing use-cases against a REAL WordPress on 127.0.0.1 (started once
//! for this test binary by `tests/wordpress/start.sh`, with the locale-links
//! plugin; stopped by a guard). No mock: the site is read back and counted
//! through its REST API after every scenario.
//!
//! One `#[test]` runs the scenarios in turn so one WordPress serves them all.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use copydesk_core::{
    ClientOptions, ConflictChoice, CoreError, Credentials, JobState, NewSite, PublishEvent,
    PublishOptions, PublishReport, PublishRequest, RequestedStatus, RetryPolicy, Status, Workspace,
    publish_html_in,
};
use copydesk_test_wordpress::{Harness, WordPressSite, png};
use serde_json::{Value, json};

const SITE: &str = "local wp";
const BAD_SITE: &str = "wrong password";

fn options(site: &WordPressSite) -> PublishOptions {
    PublishOptions {
        client: ClientOptions {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(5),
            // Quick in-call retries: the outbox's own backoff is what is tested.
            retry: RetryPolicy {
                max_attempts: 2,
                base_delay: Duration::from_millis(50),
                max_delay: Duration::from_millis(100),
                max_retry_after: Duration::from_secs(2),
            },
            ..ClientOptions::default()
        },
        credentials: Credentials::with_env(
            HashMap::from([
                (
                    copydesk_core::site_password_env_var(SITE),
                    site.password.clone(),
                ),
                (
                    copydesk_core::site_password_env_var(BAD_SITE),
                    "abcd efgh ijkl mnop qrst uvwx".to_string(),
                ),
            ]),
            false,
        ),
        backoff_base: Duration::from_millis(600),
        backoff_max: Duration::from_secs(2),
        ..PublishOptions::default()
    }
}

fn request(article: &str, locales: &[&str]) -> PublishRequest {
    PublishRequest {
        site: SITE.into(),
        article: article.into(),
        locales: locales.iter().map(|l| l.to_string()).collect(),
        status: RequestedStatus::Publish,
        scheduled_at: None,
        dry_run: false,
    }
}

fn publish(
    ws: &Workspace,
    site: &WordPressSite,
    req: &PublishRequest,
) -> (PublishReport, Vec<PublishEvent>) {
    let mut events = Vec::new();
    let report = ws
        .publish(req, &options(site), &mut |e| events.push(e.clone()))
        .expect("publish runs");
    (report, events)
}

fn markdown(locale: &str, title: &str, slug: &str, tags: &[&str], body: &str) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    format!(
        "---\ntitle: \"{title}\"\nslug: {slug}\nlocale: {locale}\nsummary: \"{title} — summary\"\ntags: [{}]\nstatus: ready\n---\n\n{body}\n",
        tags.join(", ")
    )
}

const FR_BODY: &str = "Un essai en **trois** images.\n\n![Première](assets/one.png)\n\n![Deuxième](assets/two%20photo.png)\n\nTexte entre les images, avec de l'arabe : مرحبا 🎉.\n\n![Troisième](assets/three.png)\n";
const EN_BODY: &str = "An essay in **three** pictures.\n\n![First](assets/one.png)\n\n![Second](assets/two%20photo.png)\n\nText between the pictures.\n\n![Third](assets/three.png)\n";

/// Makes `locale` of `article` ready, whatever the import left it as.
fn make_ready(ws: &Workspace, article: &str, locale: &str, source: bool) {
    let id = ws.find_article(article).unwrap().unwrap();
    if !source {
        ws.mark_blocks_up_to_date(&id, locale, None).unwrap();
    }
    let a = ws.get_article(&id).unwrap();
    let v = a.versions.iter().find(|v| v.locale == locale).unwrap();
    if v.status != Status::Ready {
        let text = ws.export_markdown(&id, locale).unwrap();
        let text = text.replacen(
            &format!("status: {}", v.status.as_str()),
            "status: ready",
            1,
        );
        ws.import_markdown(&id, locale, &text, true).unwrap();
    }
    let a = ws.get_article(&id).unwrap();
    let v = a.versions.iter().find(|v| v.locale == locale).unwrap();
    assert_eq!(v.status, Status::Ready, "{locale} should be ready");
}

fn create_article(
    ws: &Workspace,
    slug: &str,
    fr_body: &str,
    en_body: &str,
    tags: &[&str],
) -> String {
    ws.import_markdown(
        slug,
        "fr",
        &markdown("fr", "Essai photo", slug, tags, fr_body),
        false,
    )
    .unwrap();
    let id = ws.find_article(slug).unwrap().unwrap();
    ws.import_markdown(
        &id,
        "en",
        &markdown("en", "Photo essay", slug, tags, en_body),
        false,
    )
    .unwrap();
    make_ready(ws, &id, "fr", true);
    make_ready(ws, &id, "en", false);
    id
}

/// The `src` of every `<img>` in a post's raw content.
fn image_sources(html: &str) -> Vec<String> {
    html.split("<img src=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

fn done(report: &PublishReport, locale: &str) -> (u64, String) {
    let l = report
        .locales
        .iter()
        .find(|l| l.locale == locale)
        .unwrap_or_else(|| panic!("no {locale} in {report:?}"));
    assert_eq!(l.state, Some(JobState::Done), "{locale}: {l:?}");
    (l.remote_id.unwrap(), l.url.clone().unwrap())
}

#[test]
fn publishing_against_a_real_wordpress() {
    let harness = Harness::start(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")),
        "wordpress-core-publish-",
    );
    let site = &harness.site;
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let assets = dir.path().join("assets");
    std::fs::write(assets.join("one.png"), png("one")).unwrap();
    std::fs::write(assets.join("two photo.png"), png("two")).unwrap();
    std::fs::write(assets.join("three.png"), png("three")).unwrap();
    std::fs::write(assets.join("four.png"), png("four")).unwrap();
    std::fs::write(assets.join("cover.png"), png("cover")).unwrap();
    let creds = options(site).credentials;
    for name in [SITE, BAD_SITE] {
        let added = ws
            .add_site(
                &NewSite {
                    name: name.into(),
                    url: site.url.clone(),
                    user_name: site.user.clone(),
                },
                None,
                &creds,
            )
            .unwrap();
        assert!(!added.password_in_keyring);
    }
    // "Test connection".
    let check = ws
        .test_site(SITE, &creds, options(site).client)
        .expect("the connection test passes");
    assert!(
        check.locale_links && check.media_hash && check.can_publish,
        "{check:?}"
    );
    assert_eq!(check.user_name, site.user);
    match ws.test_site(BAD_SITE, &creds, options(site).client) {
        Err(CoreError::Publish { code, .. }) => assert_eq!(code, "auth"),
        other => panic!("expected an auth error, got {other:?}"),
    }
    // A tag the site already has.
    let existing_tag = create_term(site, "tags", "Photographie");

    let article = create_article(
        &ws,
        "essai-photo",
        FR_BODY,
        EN_BODY,
        &["Photographie", "Nouveau 🎉"],
    );

    dry_run_sends_nothing(&ws, site, &article);
    let ids = first_publish(&ws, site, &article, existing_tag);
    republish_after_an_edit(&ws, site, &article, ids);
    conflict_is_detected_and_nothing_overwritten(&ws, site, &article, ids.0);
    site_down_mid_publish(&ws, site);
    wrong_password_fails_without_retrying(&ws, site, &article);
    categories_featured_image_and_date(&ws, site);
    the_sample_workspace_publishes(site);
}

fn dry_run_sends_nothing(ws: &Workspace, site: &WordPressSite, article: &str) {
    let posts = site.count_posts("");
    let media = site.count_media();
    let tags = site.rest("GET", "wp/v2/tags?per_page=1", false, None).total;
    let mut req = request(article, &[]);
    req.dry_run = true;
    let (report, events) = publish(ws, site, &req);
    assert!(events.is_empty(), "a dry run runs nothing: {events:?}");
    assert!(report.dry_run && report.succeeded());
    assert_eq!(report.locales.len(), 2, "both ready locales are planned");
    let text = serde_json::to_string(&report).unwrap();
    assert!(!text.contains(&site.password), "no password in a dry run");
    assert!(!text.to_ascii_lowercase().contains("authorization"));
    let uploads: Vec<_> = report
        .requests
        .iter()
        .filter(|r| r.method == "POST" && r.url.contains("/wp/v2/media"))
        .collect();
    assert_eq!(
        uploads.len(),
        3,
        "three images, each uploaded once: {uploads:?}"
    );
    let creates: Vec<_> = report
        .requests
        .iter()
        .filter(|r| r.method == "POST" && r.url.ends_with("/wp-json/wp/v2/posts"))
        .collect();
    assert_eq!(creates.len(), 2);
    let fr = creates.iter().find(|r| r.locale == "fr").unwrap();
    let body = fr.body.as_ref().unwrap();
    assert_eq!(body["meta"]["translation_group"], article);
    assert_eq!(body["meta"]["locale"], "fr");
    assert_eq!(body["status"], "publish");
    assert!(
        body["content"]
            .as_str()
            .unwrap()
            .contains("{media:assets/one.png}")
    );
    assert_eq!(site.count_posts(""), posts, "a dry run creates no post");
    assert_eq!(site.count_media(), media, "a dry run uploads nothing");
    assert_eq!(
        site.rest("GET", "wp/v2/tags?per_page=1", false, None).total,
        tags
    );
    assert!(
        ws.outbox_jobs(article).unwrap().is_empty(),
        "nor queues anything"
    );
}

fn first_publish(
    ws: &Workspace,
    site: &WordPressSite,
    article: &str,
    existing_tag: u64,
) -> (u64, u64) {
    let media_before = site.count_media();
    let (report, events) = publish(ws, site, &request(article, &[]));
    assert!(report.succeeded(), "{report:#?}");
    let (fr_id, fr_url) = done(&report, "fr");
    let (en_id, _) = done(&report, "en");
    assert_ne!(fr_id, en_id);
    assert!(fr_url.starts_with(&site.url), "{fr_url}");
    assert_eq!(
        site.count_posts(&format!("copydesk_group={article}")),
        2,
        "one post per locale"
    );
    assert_eq!(
        site.count_media(),
        media_before + 3,
        "three images uploaded"
    );
    let uploaded = events
        .iter()
        .filter(|e| matches!(e, PublishEvent::Image { reused: false, .. }))
        .count();
    let reused = events
        .iter()
        .filter(|e| matches!(e, PublishEvent::Image { reused: true, .. }))
        .count();
    assert_eq!(
        (uploaded, reused),
        (3, 3),
        "the second locale reuses the images"
    );

    let a = ws.get_article(article).unwrap();
    for (locale, id) in [("fr", fr_id), ("en", en_id)] {
        let post = site.post(id);
        assert_eq!(post["meta"]["translation_group"], article);
        assert_eq!(post["meta"]["locale"], locale);
        let raw = post["content"]["raw"].as_str().unwrap();
        let sources = image_sources(raw);
        assert_eq!(sources.len(), 3, "{raw}");
        for s in &sources {
            assert!(
                s.starts_with(&format!("{}/wp-content/uploads/", site.url)),
                "{s}"
            );
        }
        // The same HTML as the preview, with the images' URLs rewritten.
        let mut back = raw.to_string();
        for (s, path) in sources.iter().zip([
            "assets/one.png",
            "assets/two%20photo.png",
            "assets/three.png",
        ]) {
            back = back.replace(s.as_str(), path);
        }
        let v = a.versions.iter().find(|v| v.locale == locale).unwrap();
        assert_eq!(
            back.trim_end(),
            publish_html_in(&v.body, Some(locale)).trim_end(),
            "{locale} body"
        );
        assert_eq!(
            publish_html_in(&v.body, Some(locale)),
            copydesk_core::render_preview_in(&v.body, None, Some(locale)).html,
            "the published body is the preview body, typography included"
        );
        let tags: Vec<u64> = post["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_u64)
            .collect();
        assert_eq!(tags.len(), 2, "{tags:?}");
        assert!(tags.contains(&existing_tag), "the existing tag is reused");
        assert_eq!(v.status, Status::Published, "{locale} is now published");
    }
    let all_tags = site.rest("GET", "wp/v2/tags?per_page=100", false, None);
    assert_eq!(
        all_tags.total,
        Some(2),
        "no duplicate tag: {}",
        all_tags.body
    );
    (fr_id, en_id)
}

fn republish_after_an_edit(ws: &Workspace, site: &WordPressSite, article: &str, ids: (u64, u64)) {
    let media = site.count_media();
    let text = ws.export_markdown(article, "fr").unwrap();
    let edited = text.replace("Texte entre les images", "Texte révisé entre les images");
    ws.import_markdown(article, "fr", &edited, true).unwrap();
    let (report, events) = publish(ws, site, &request(article, &[]));
    assert!(report.succeeded(), "{report:#?}");
    assert_eq!(done(&report, "fr").0, ids.0, "same post");
    assert_eq!(done(&report, "en").0, ids.1, "same post");
    assert!(
        events
            .iter()
            .all(|e| !matches!(e, PublishEvent::Image { reused: false, .. })),
        "no image uploaded again: {events:?}"
    );
    assert!(
        events
            .iter()
            .all(|e| !matches!(e, PublishEvent::Post { created: true, .. }))
    );
    assert_eq!(site.count_media(), media, "no new media");
    assert_eq!(site.count_posts(&format!("copydesk_group={article}")), 2);
    let raw = site.post(ids.0)["content"]["raw"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(raw.contains("Texte révisé entre les images"), "{raw}");
}

fn conflict_is_detected_and_nothing_overwritten(
    ws: &Workspace,
    site: &WordPressSite,
    article: &str,
    fr_id: u64,
) {
    // modified_gmt has one-second precision.
    std::thread::sleep(Duration::from_millis(1100));
    let edit = site.rest(
        "POST",
        &format!("wp/v2/posts/{fr_id}"),
        true,
        Some(&json!({"content": "<p>Corrigé sur le site par l’éditrice</p>"})),
    );
    assert_eq!(edit.status, 200, "the editor edits the post: {}", edit.body);
    let text = ws.export_markdown(article, "fr").unwrap();
    ws.import_markdown(article, "fr", &text.replace("trois", "3"), true)
        .unwrap();
    let (report, _) = publish(ws, site, &request(article, &["fr"]));
    assert!(!report.succeeded());
    let fr = &report.locales[0];
    assert_eq!(fr.state, Some(JobState::Conflict), "{fr:?}");
    assert_eq!(fr.error_code.as_deref(), Some("conflict"));
    let message = CoreError::Publish {
        code: "conflict".into(),
        detail: fr.error.clone().unwrap(),
    }
    .message(&copydesk_core::l10n::Localizer::new("en"));
    assert!(message.contains("Nothing was overwritten"), "{message}");
    let raw = site.post(fr_id)["content"]["raw"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        raw, "<p>Corrigé sur le site par l’éditrice</p>",
        "the editor's text stays"
    );
    assert_eq!(site.count_posts(&format!("copydesk_group={article}")), 2);
    // A conflict is not retried on its own.
    let ran = ws.run_outbox(&options(site), &mut |_| {}).unwrap();
    assert!(ran.is_empty(), "{ran:?}");
    let job_id = fr.job_id.clone().unwrap();

    // The conflict view: the site's version, ours, and what differs.
    let view = ws.publish_conflict(&job_id, &options(site)).unwrap();
    assert!(view.site.html.contains("Corrigé sur le site"), "{view:?}");
    assert!(view.ours.html.contains("3"), "{}", view.ours.html);
    let deleted: String = view
        .diff
        .iter()
        .filter(|d| d.op == "delete")
        .map(|d| d.text.as_str())
        .collect();
    assert!(deleted.contains("éditrice"), "{deleted}");
    assert!(!view.title_changed);

    // "Keep the site's": the job is cancelled, the site untouched, and the
    // next publish asks again.
    let kept = ws
        .resolve_publish_conflict(&job_id, ConflictChoice::KeepSite, &options(site))
        .unwrap();
    assert_eq!(kept.state, JobState::Cancelled);
    assert!(
        ws.resolve_publish_conflict(&job_id, ConflictChoice::Overwrite, &options(site))
            .is_err(),
        "a cancelled job is no longer in conflict"
    );
    let (again, _) = publish(ws, site, &request(article, &["fr"]));
    let again = &again.locales[0];
    assert_eq!(again.state, Some(JobState::Conflict), "{again:?}");
    assert!(
        site.post(fr_id)["content"]["raw"]
            .as_str()
            .unwrap()
            .contains("éditrice"),
        "still nothing overwritten"
    );

    // "Overwrite": our version goes out, to the same post.
    let job_id = again.job_id.clone().unwrap();
    let queued = ws
        .resolve_publish_conflict(&job_id, ConflictChoice::Overwrite, &options(site))
        .unwrap();
    assert_eq!(queued.state, JobState::Queued);
    let ran = ws.run_outbox(&options(site), &mut |_| {}).unwrap();
    assert_eq!(ran.len(), 1);
    assert_eq!(ran[0].state, JobState::Done, "{ran:?}");
    assert_eq!(ran[0].remote_id, Some(fr_id));
    let raw = site.post(fr_id)["content"]["raw"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        !raw.contains("éditrice") && raw.contains("3"),
        "ours replaced the site's: {raw}"
    );
    assert_eq!(site.count_posts(&format!("copydesk_group={article}")), 2);

    // An edit right after our publish, most likely in the same second (the
    // grain of modified_gmt): the fingerprint still tells it apart.
    let quick = site.rest(
        "POST",
        &format!("wp/v2/posts/{fr_id}"),
        true,
        Some(&json!({"title": "Retitré aussitôt par l’éditrice"})),
    );
    assert_eq!(quick.status, 200, "{}", quick.body);
    let (report, _) = publish(ws, site, &request(article, &["fr"]));
    assert_eq!(
        report.locales[0].state,
        Some(JobState::Conflict),
        "{:?}",
        report.locales[0]
    );
    assert_eq!(
        site.post(fr_id)["title"]["raw"],
        "Retitré aussitôt par l’éditrice",
        "the quick edit stays"
    );
    let view = ws
        .publish_conflict(report.locales[0].job_id.as_deref().unwrap(), &options(site))
        .unwrap();
    assert!(view.title_changed, "the view says the title differs");
    ws.resolve_publish_conflict(
        report.locales[0].job_id.as_deref().unwrap(),
        ConflictChoice::KeepSite,
        &options(site),
    )
    .unwrap();
}

fn wait_until(at: i64) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    if at > now {
        std::thread::sleep(Duration::from_millis((at - now) as u64 + 20));
    }
}

fn site_down_mid_publish(ws: &Workspace, site: &WordPressSite) {
    let article = create_article(
        ws,
        "hors-ligne",
        "Hors ligne.\n\n![](assets/four.png)\n",
        "Offline.\n\n![](assets/four.png)\n",
        &[],
    );
    let media = site.count_media();
    let mut stopped: Option<Vec<String>> = None;
    let mut report_events = Vec::new();
    let report = ws
        .publish(&request(&article, &[]), &options(site), &mut |e| {
            report_events.push(e.clone());
            // WordPress goes down right after the first locale is on the site.
            if matches!(e, PublishEvent::Post { .. }) && stopped.is_none() {
                stopped = Some(site.stop_web());
            }
        })
        .unwrap();
    let cmdline = stopped.expect("WordPress was stopped mid-publish");
    let first = &report.locales[0];
    let second = &report.locales[1];
    assert_eq!(first.state, Some(JobState::Done), "{report:#?}");
    assert_eq!(
        second.state,
        Some(JobState::Queued),
        "the job waits: {report:#?}"
    );
    assert_eq!(second.error_code.as_deref(), Some("network"), "{second:?}");
    let next = second.next_attempt_at.unwrap();
    let job_id = second.job_id.clone().unwrap();
    // Nothing to do before it is due.
    let early = ws.run_outbox(&options(site), &mut |_| {}).unwrap();
    assert!(early.is_empty() || early.iter().all(|j| j.state == JobState::Queued));
    // Still down when due: tried again, still waiting, later.
    wait_until(next);
    let again = ws.run_outbox(&options(site), &mut |_| {}).unwrap();
    assert_eq!(again.len(), 1, "{again:?}");
    assert_eq!(again[0].state, JobState::Queued);
    assert_eq!(again[0].attempts, 2);
    assert!(again[0].next_attempt_at > next);
    // WordPress is back: the outbox finishes the job.
    site.start_web(&cmdline);
    wait_until(again[0].next_attempt_at);
    let finished = ws.run_outbox(&options(site), &mut |_| {}).unwrap();
    assert_eq!(finished.len(), 1, "{finished:?}");
    assert_eq!(finished[0].id, job_id);
    assert_eq!(finished[0].state, JobState::Done, "{finished:?}");
    assert!(finished[0].remote_id.is_some());
    assert_eq!(
        site.count_posts(&format!("copydesk_group={article}")),
        2,
        "still one post per locale"
    );
    assert_eq!(site.count_media(), media + 1, "the image was uploaded once");
    let start = Instant::now();
    assert!(
        ws.run_outbox(&options(site), &mut |_| {})
            .unwrap()
            .is_empty()
    );
    assert!(start.elapsed() < Duration::from_secs(2));
}

fn wrong_password_fails_without_retrying(ws: &Workspace, site: &WordPressSite, article: &str) {
    let posts = site.count_posts("");
    let mut req = request(article, &["en"]);
    req.site = BAD_SITE.into();
    let (report, _) = publish(ws, site, &req);
    let en = &report.locales[0];
    assert_eq!(en.state, Some(JobState::Failed), "{en:?}");
    assert_eq!(en.error_code.as_deref(), Some("auth"));
    assert_eq!(en.attempts, 1, "refused credentials are not retried");
    let message = CoreError::Publish {
        code: "auth".into(),
        detail: en.error.clone().unwrap(),
    }
    .message(&copydesk_core::l10n::Localizer::new("fr"));
    assert!(message.contains("mot de passe d’application"), "{message}");
    assert!(
        !message.contains("abcd efgh"),
        "the password is never shown"
    );
    assert!(
        ws.run_outbox(&options(site), &mut |_| {})
            .unwrap()
            .is_empty(),
        "nothing left queued"
    );
    assert_eq!(site.count_posts(""), posts);
    // No password at all: a clear error before anything is queued.
    let mut none = options(site);
    none.credentials = Credentials::with_env(HashMap::new(), false);
    match ws.publish(&request(article, &["en"]), &none, &mut |_| {}) {
        Err(e @ CoreError::SitePasswordMissing { .. }) => {
            let m = e.message(&copydesk_core::l10n::Localizer::new("en"));
            assert!(m.contains("COPYDESK_SITE_PASSWORD_LOCAL_WP"), "{m}");
        }
        other => panic!("expected SitePasswordMissing, got {other:?}"),
    }
}

fn ids(value: &Value) -> Vec<u64> {
    let mut ids: Vec<u64> = value
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {value}"))
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    ids.sort_unstable();
    ids
}

fn count_categories(site: &WordPressSite) -> u64 {
    let a = site.rest("GET", "wp/v2/categories?per_page=1", false, None);
    assert_eq!(a.status, 200, "{}", a.body);
    a.total.expect("X-WP-Total")
}

/// A term made on the site by someone else (bypassing Copydesk): its id.
fn create_term(site: &WordPressSite, taxonomy: &str, name: &str) -> u64 {
    let made = site.rest(
        "POST",
        &format!("wp/v2/{taxonomy}"),
        false,
        Some(&json!({ "name": name })),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    made.body["id"].as_u64().unwrap()
}

/// Two categories (one already on the site, one new), a featured image and
/// a date, in both locales: read back through the REST API; the featured
/// image is uploaded once (reused by the second locale and by a republish),
/// no category is duplicated; a scheduled publish's date wins over the
/// version's.
fn categories_featured_image_and_date(ws: &Workspace, site: &WordPressSite) {
    let existing_category = create_term(site, "categories", "Reportages");
    let fr = "---\ntitle: \"À la une\"\nslug: a-la-une\nsummary: Couverture\ndate: 2025-06-15\ncategories: [Reportages, \"Nouvelle rubrique 🎉\"]\nfeatured_image: assets/cover.png\nstatus: ready\n---\n\nUne image déjà sur le site.\n\n![Une](assets/one.png)\n";
    ws.import_markdown("a-la-une", "fr", fr, false).unwrap();
    let article = ws.find_article("a-la-une").unwrap().unwrap();
    // The translation starts with the source's categories and featured image.
    let en = "---\ntitle: Front page\nslug: front-page\nstatus: ready\n---\n\nAn image already on the site.\n\n![One](assets/one.png)\n";
    ws.import_markdown(&article, "en", en, false).unwrap();
    make_ready(ws, &article, "fr", true);
    make_ready(ws, &article, "en", false);
    let versions = ws.get_article(&article).unwrap().versions;
    for v in &versions {
        assert_eq!(v.featured_image.as_deref(), Some("assets/cover.png"));
        assert_eq!(v.categories, ["Reportages", "Nouvelle rubrique 🎉"]);
        assert_eq!(v.date.as_deref(), Some("2025-06-15"));
    }

    // The dry run shows them.
    let mut req = request(&article, &[]);
    req.dry_run = true;
    let (plan, _) = publish(ws, site, &req);
    let uploads: Vec<_> = plan
        .requests
        .iter()
        .filter(|r| r.method == "POST" && r.url.contains("/wp/v2/media"))
        .collect();
    assert_eq!(
        uploads.len(),
        1,
        "only the featured image is new, planned once for both locales: {uploads:?}"
    );
    assert_eq!(uploads[0].file.as_deref(), Some("assets/cover.png"));
    let category_requests = plan
        .requests
        .iter()
        .filter(|r| r.method == "POST" && r.url.ends_with("/wp/v2/categories"))
        .count();
    assert_eq!(category_requests, 4, "two categories per locale");
    let create = plan
        .requests
        .iter()
        .find(|r| r.locale == "fr" && r.method == "POST" && r.url.ends_with("/wp/v2/posts"))
        .unwrap();
    let body = create.body.as_ref().unwrap();
    assert_eq!(
        body["categories"],
        json!(["{category:Reportages}", "{category:Nouvelle rubrique 🎉}"])
    );
    assert_eq!(body["featured_media"], "{media:assets/cover.png}");
    assert_eq!(body["date"], "2025-06-15T00:00:00");

    // Published: read back.
    let media = site.count_media();
    let categories = count_categories(site);
    let (report, events) = publish(ws, site, &request(&article, &[]));
    assert!(report.succeeded(), "{report:#?}");
    assert_eq!(site.count_media(), media + 1, "the featured image, once");
    assert_eq!(
        count_categories(site),
        categories + 1,
        "one new category, the existing one reused"
    );
    let uploaded: Vec<&PublishEvent> = events
        .iter()
        .filter(|e| matches!(e, PublishEvent::Image { reused: false, .. }))
        .collect();
    assert_eq!(uploaded.len(), 1, "{events:?}");
    let mut featured = None;
    let mut category_ids = None;
    for locale in ["fr", "en"] {
        let (id, _) = done(&report, locale);
        let post = site.post(id);
        let cats = ids(&post["categories"]);
        assert_eq!(cats.len(), 2, "{locale}: {}", post["categories"]);
        assert!(cats.contains(&existing_category), "{locale}: {cats:?}");
        assert_eq!(
            *category_ids.get_or_insert(cats.clone()),
            cats,
            "both locales in the same categories"
        );
        let media_id = post["featured_media"].as_u64().unwrap();
        assert_ne!(media_id, 0, "{locale}: a featured image");
        assert_eq!(
            *featured.get_or_insert(media_id),
            media_id,
            "both locales share one attachment"
        );
        assert_eq!(post["date"], "2025-06-15T00:00:00", "{locale}");
        assert_eq!(post["status"], "publish", "{locale}");
    }
    let attachment = site.rest(
        "GET",
        &format!("wp/v2/media/{}?context=edit", featured.unwrap()),
        false,
        None,
    );
    assert_eq!(attachment.status, 200, "{}", attachment.body);
    assert!(
        attachment.body["source_url"]
            .as_str()
            .unwrap()
            .contains("cover"),
        "{}",
        attachment.body
    );
    let new_category = category_ids
        .unwrap()
        .into_iter()
        .find(|c| *c != existing_category)
        .unwrap();
    let named = site.rest(
        "GET",
        &format!("wp/v2/categories/{new_category}"),
        false,
        None,
    );
    assert_eq!(named.body["name"], "Nouvelle rubrique 🎉", "{}", named.body);

    // Republished: nothing new on the site.
    let (again, events) = publish(ws, site, &request(&article, &[]));
    assert!(again.succeeded(), "{again:#?}");
    assert!(
        events
            .iter()
            .all(|e| !matches!(e, PublishEvent::Image { reused: false, .. })),
        "{events:?}"
    );
    assert_eq!(site.count_media(), media + 1, "no new media");
    assert_eq!(count_categories(site), categories + 1, "no new category");
    let fr_post = site.post(done(&again, "fr").0);
    assert_eq!(fr_post["featured_media"].as_u64(), featured);
    assert_eq!(fr_post["date"], "2025-06-15T00:00:00");

    // Scheduled: the job's date wins over the version's.
    let scheduled = ws
        .import_markdown(
            "programme",
            "fr",
            "---\ntitle: Programme\nslug: programme\ndate: 2025-06-15\nstatus: ready\n---\n\nBientôt.\n",
            false,
        )
        .unwrap()
        .article_id;
    let mut req = request(&scheduled, &["fr"]);
    req.status = RequestedStatus::Future;
    // 2030-01-01T10:00:00Z
    req.scheduled_at = Some(1_893_492_000_000);
    let (report, _) = publish(ws, site, &req);
    let post = site.post(done(&report, "fr").0);
    assert_eq!(post["status"], "future", "{post}");
    assert_eq!(post["date_gmt"], "2030-01-01T10:00:00", "{post}");
}

/// A new workspace's sample articles publish as they are: their images are
/// PNG (WordPress refuses SVG), and the summit article's featured image and
/// category reach the site in both languages.
fn the_sample_workspace_publishes(site: &WordPressSite) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    ws.add_site(
        &NewSite {
            name: SITE.into(),
            url: site.url.clone(),
            user_name: site.user.clone(),
        },
        None,
        &options(site).credentials,
    )
    .unwrap();
    let media = site.count_media();
    for entry in ws.list_articles(false).unwrap() {
        // Every version, whatever its status (drafts and reviews too).
        let article = ws.get_article(&entry.id).unwrap();
        let locales: Vec<&str> = article.versions.iter().map(|v| v.locale.as_str()).collect();
        let (report, _) = publish(&ws, site, &request(&entry.id, &locales));
        assert!(report.succeeded(), "{}: {report:#?}", entry.title);
        let summit = entry.title.starts_with("Sommet");
        for l in &report.locales {
            let post = site.post(l.remote_id.unwrap());
            let featured = post["featured_media"].as_u64().unwrap_or(0);
            assert_eq!(
                featured != 0,
                summit,
                "{} {}: {post}",
                entry.title,
                l.locale
            );
            if summit {
                let cats = ids(&post["categories"]);
                assert_eq!(cats.len(), 1, "{}: {cats:?}", l.locale);
                assert_eq!(post["date"], "2026-02-14T00:00:00", "{}", l.locale);
            }
        }
    }
    assert_eq!(
        site.count_media(),
        media + 3,
        "the three sample PNGs, each uploaded once (the featured image is the summit's own)"
    );
}
