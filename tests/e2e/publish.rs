//! Publishing from the real app to a REAL WordPress on 127.0.0.1 (started by
//! `tests/wordpress/start.sh`), with the site password in a real Secret
//! Service (gnome-keyring in a private D-Bus session). What reached the site
//! is read back through its REST API, bypassing the app.

use std::time::Duration;

use copydesk_test_wordpress::{Harness, WordPressSite};
use serde_json::{Value, json};

use crate::SAMPLE_TITLE_FR;
use crate::harness::{App, Keyring, Start, data_dir};

/// Long enough for a publish of two locales and three images on 2 cores.
const PUBLISH_TIMEOUT: Duration = Duration::from_secs(120);

fn start_wordpress() -> Harness {
    Harness::start(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")), "e2e-wp-")
}

async fn start_app(name: &str, dir: &std::path::Path, keyring: &Keyring) -> App {
    App::start(
        name,
        dir,
        Start {
            dbus_address: Some(keyring.address.clone()),
            ..Start::default()
        },
    )
    .await
}

/// Settings → Sites → Add a site: fills the form and submits it.
async fn submit_site(app: &App, name: &str, url: &str, user: &str, password: &str) {
    app.click("open-settings").await;
    app.click("add-site").await;
    for (id, value) in [
        ("site-name", name),
        ("site-url", url),
        ("site-user", user),
        ("site-password", password),
    ] {
        app.testid(id)
            .await
            .send_keys(value)
            .await
            .expect("typing in the site form");
    }
    app.click("save-site").await;
}

/// Adds the test WordPress as a site, then tests the connection.
async fn add_site(app: &App, wp: &WordPressSite) {
    submit_site(app, "Local WordPress", &wp.url, &wp.user, &wp.password).await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=site]').length === 1",
        "the site in the list",
    )
    .await;
    app.click("test-site").await;
    app.wait_js_for(
        "const c = document.querySelector('[data-testid=site-check]'); return !!c && c.dataset.ok === 'true';",
        "a successful connection test",
        Duration::from_secs(30),
    )
    .await;
    let check = app.text("site-check").await;
    assert!(
        check.contains("Language versions linked on the site: yes"),
        "the site runs the Copydesk plugin: {check}"
    );
    app.screenshot("publish-01-site-added").await;
    app.click("close-settings").await;
}

/// Opens the Publish dialog of the open article with `locales` ticked.
async fn open_publish(app: &App, locales: &[&str]) {
    app.click("open-publish").await;
    app.testid("publish-dialog").await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=publish-locale]').length >= 2",
        "the language versions",
    )
    .await;
    app.js(&format!(
        "const want = {locales:?}; for (const box of document.querySelectorAll('[data-testid=publish-locale]')) {{ if (box.checked !== want.includes(box.dataset.locale)) box.click(); }} return true;"
    ))
    .await;
}

/// The ids of the jobs the dialog lists.
async fn job_ids(app: &App) -> Vec<String> {
    let ids = app
        .js("return [...document.querySelectorAll('[data-testid=publish-job]')].map(j => j.dataset.jobId)")
        .await;
    serde_json::from_value(ids).expect("a list of ids")
}

/// Waits until the dialog lists `count` jobs, none of them one of `earlier`
/// (a publish's new jobs, not the last publish's), all in `state`.
async fn wait_jobs(app: &App, count: usize, earlier: &[String], state: &str, what: &str) {
    app.wait_js_for(
        &format!(
            "const earlier = {earlier:?}; const jobs = [...document.querySelectorAll('[data-testid=publish-job]')]; return jobs.length === {count} && jobs.every(j => j.dataset.state === {state:?} && !earlier.includes(j.dataset.jobId));"
        ),
        what,
        PUBLISH_TIMEOUT,
    )
    .await;
}

/// The site's posts that Copydesk published, by locale.
fn posts_by_locale(wp: &WordPressSite) -> Vec<Value> {
    let a = wp.rest(
        "GET",
        "wp/v2/posts?status=publish,future,draft,pending,private&context=edit&per_page=50",
        false,
        None,
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let mut posts = a.body.as_array().cloned().unwrap_or_default();
    // Only Copydesk's posts (the fresh site has its "Hello world!").
    posts.retain(|p| p["meta"]["locale"].as_str().is_some_and(|l| !l.is_empty()));
    posts.sort_by_key(|p| p["meta"]["locale"].as_str().unwrap_or("").to_string());
    posts
}

#[tokio::test]
async fn publish_two_locales_republish_and_resolve_a_conflict() {
    let wordpress = start_wordpress();
    let wp = &wordpress.site;
    let keyring = Keyring::start();
    let dir = data_dir("publish");
    let app = start_app("publish", &dir, &keyring).await;
    add_site(&app, wp).await;

    // The sample article in French (published status) and its English translation.
    app.open_article("Sommet pour l'action").await;
    open_publish(&app, &["fr", "en"]).await;
    app.screenshot("publish-02-dialog").await;
    let media_before = wp.count_media();
    app.click("publish-start").await;
    wait_jobs(&app, 2, &[], "done", "both locales published").await;
    let images = app
        .js("return [...document.querySelectorAll('[data-testid=publish-image]')].map(e => e.dataset.reused)")
        .await;
    assert!(
        images.as_array().is_some_and(|a| !a.is_empty()),
        "per-image progress was shown: {images}"
    );
    let links = app
        .js("return [...document.querySelectorAll('[data-testid=publish-link]')].map(e => e.dataset.url)")
        .await;
    assert_eq!(
        links.as_array().map(Vec::len),
        Some(2),
        "a link per post: {links}"
    );
    app.screenshot("publish-03-done").await;

    // What the site has: two posts, linked as one translation group.
    let posts = posts_by_locale(wp);
    assert_eq!(posts.len(), 2, "exactly one post per locale");
    let (en, fr) = (&posts[0], &posts[1]);
    assert_eq!(en["meta"]["locale"], "en");
    assert_eq!(fr["meta"]["locale"], "fr");
    assert_eq!(
        en["meta"]["translation_group"], fr["meta"]["translation_group"],
        "the versions are linked"
    );
    assert_eq!(fr["title"]["raw"], SAMPLE_TITLE_FR);
    let fr_body = fr["content"]["raw"].as_str().unwrap_or_default();
    assert!(
        fr_body.contains("sobriété"),
        "the French body is on the site: {fr_body}"
    );
    assert!(
        !fr_body.contains("src=\"assets/"),
        "image links point to the uploads, not the workspace: {fr_body}"
    );
    assert!(
        fr_body.contains("/wp-content/uploads/"),
        "the images were uploaded: {fr_body}"
    );
    let media_after_first = wp.count_media();
    assert!(media_after_first > media_before, "images were uploaded");
    let ids: Vec<u64> = posts.iter().map(|p| p["id"].as_u64().unwrap()).collect();

    // Republish: same posts, nothing uploaded again.
    let first_jobs = job_ids(&app).await;
    app.click("publish-start").await;
    wait_jobs(&app, 2, &first_jobs, "done", "the republish").await;
    let reused = app
        .js("const images = [...document.querySelectorAll('[data-testid=publish-image]')]; return images.length > 0 && images.every(e => e.dataset.reused === 'true')")
        .await;
    assert_eq!(reused, json!(true), "images are reused on republish");
    let again: Vec<u64> = posts_by_locale(wp)
        .iter()
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    assert_eq!(again, ids, "the same posts are updated");
    assert_eq!(
        wp.count_media(),
        media_after_first,
        "no image uploaded twice"
    );

    // Someone edits the French post on the site: the next publish stops, the
    // user compares and chooses to overwrite.
    let edited = wp.rest(
        "POST",
        &format!("wp/v2/posts/{}", ids[1]),
        true,
        Some(&json!({"content": "<p>Paragraphe ajouté par la rédaction en ligne.</p>"})),
    );
    assert_eq!(edited.status, 200, "{}", edited.body);
    // No pause: an edit in the same second as our republish (the grain of
    // the site's modified time) is caught by the post's fingerprint.
    app.click("publish-start").await;
    app.wait_js_for(
        // Both jobs over: the list stops growing, so the button stays put.
        "const fr = document.querySelector('[data-testid=publish-job][data-locale=fr]'); const en = document.querySelector('[data-testid=publish-job][data-locale=en]'); return !!fr && fr.dataset.state === 'conflict' && !!en && en.dataset.state === 'done' && !!en.querySelector('[data-testid=publish-link]');",
        "the French job to stop on the conflict (and the English one to be done)",
        PUBLISH_TIMEOUT,
    )
    .await;
    assert!(
        wp.post(ids[1])["content"]["raw"]
            .as_str()
            .unwrap_or_default()
            .contains("ajouté par la rédaction"),
        "nothing was overwritten"
    );
    app.click("publish-show-conflict").await;
    app.wait_js_for(
        "return !!document.querySelector('[data-testid=conflict-diff]')",
        "the conflict view",
        Duration::from_secs(30),
    )
    .await;
    let site_side = app.text("conflict-site").await;
    assert!(
        site_side.contains("ajouté par la rédaction"),
        "the site's version is shown: {site_side}"
    );
    let diff = app
        .js("return [...document.querySelectorAll('[data-testid=conflict-diff] del')].map(e => e.textContent).join(' ')")
        .await;
    assert!(
        diff.as_str().unwrap_or_default().contains("rédaction"),
        "the diff marks the site's words: {diff}"
    );
    app.screenshot("publish-04-conflict").await;
    app.click("conflict-overwrite").await;
    app.wait_js_for(
        "const j = document.querySelector('[data-testid=publish-job][data-locale=fr]'); return !!j && j.dataset.state === 'done';",
        "the overwrite to be published",
        PUBLISH_TIMEOUT,
    )
    .await;
    let body = wp.post(ids[1])["content"]["raw"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        body.contains("sobriété") && !body.contains("ajouté par la rédaction"),
        "our version replaced the site's: {body}"
    );
    assert_eq!(posts_by_locale(wp).len(), 2, "still one post per locale");
    app.quit().await;
}

/// The site is down when the user publishes: the job waits in the outbox,
/// survives quitting the app, and completes after a restart once the site is
/// back — without a duplicate.
#[tokio::test]
async fn a_publish_waits_for_the_site_and_survives_a_restart() {
    let wordpress = start_wordpress();
    let wp = &wordpress.site;
    let keyring = Keyring::start();
    let dir = data_dir("publish-offline");
    let app = start_app("publish-offline", &dir, &keyring).await;
    add_site(&app, wp).await;
    let web = wp.stop_web();

    app.open_article("Sommet pour l'action").await;
    open_publish(&app, &["fr"]).await;
    app.click("publish-start").await;
    app.wait_js_for(
        "const j = document.querySelector('[data-testid=publish-job][data-locale=fr]'); const e = document.querySelector('[data-testid=publish-job-error]'); return !!j && j.dataset.state === 'queued' && !!e;",
        "the job to wait after a network error",
        PUBLISH_TIMEOUT,
    )
    .await;
    let error = app.text("publish-job-error").await;
    assert!(
        error.contains("could not be reached"),
        "a clear message: {error}"
    );
    app.screenshot("publish-05-offline").await;
    app.quit().await;

    wp.start_web(&web);
    let app = start_app("publish-offline-2", &dir, &keyring).await;
    app.open_article("Sommet pour l'action").await;
    app.click("open-publish").await;
    // Nobody clicks anything: the outbox runs by itself after the restart,
    // once the job's backoff (15–30 s after the first attempt) is over.
    app.wait_js_for(
        "const j = document.querySelector('[data-testid=publish-job][data-locale=fr]'); return !!j && j.dataset.state === 'done';",
        "the queued publish to complete after the restart",
        PUBLISH_TIMEOUT,
    )
    .await;
    assert_eq!(posts_by_locale(wp).len(), 1, "exactly one post");
    app.quit().await;
}

/// No Secret Service on this desktop: adding a site says so, names the
/// environment variable that can give the password instead, and keeps
/// nothing (no site half-added, no password anywhere).
#[tokio::test]
async fn without_a_keyring_the_app_says_so_and_names_the_fallback() {
    let dir = data_dir("publish-no-keyring");
    let app = App::start(
        "publish-no-keyring",
        &dir,
        Start {
            dbus_address: Some(format!("unix:path={}/no-bus", dir.display())),
            ..Start::default()
        },
    )
    .await;
    submit_site(
        &app,
        "Mon blog",
        "https://example.org",
        "editor",
        "abcd efgh ijkl mnop",
    )
    .await;
    app.wait_js_for(
        "return !!document.querySelector('[data-testid=site-error]')",
        "the keyring error",
        Duration::from_secs(30),
    )
    .await;
    let error = app.text("site-error").await;
    assert!(
        error.contains("system keyring") && error.contains("COPYDESK_SITE_PASSWORD_MON_BLOG"),
        "a clear message naming the fallback: {error}"
    );
    assert_eq!(
        app.js("return document.querySelectorAll('[data-testid=site]').length")
            .await,
        json!(0),
        "no site was added"
    );
    let shown = app
        .js("const e = document.querySelector('[data-testid=site-form] [data-testid=site-error]'); if (!e) return 'not in the form'; const r = e.getBoundingClientRect(); return r.height > 0 && r.bottom <= innerHeight ? 'visible' : `hidden ${r.top} ${r.bottom}`;")
        .await;
    assert_eq!(
        shown,
        json!("visible"),
        "the error is shown beside the form, scrolled into view"
    );
    app.screenshot("publish-06-no-keyring").await;
    app.quit().await;
}
