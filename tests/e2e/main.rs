//! End-to-end tests: the real app (WebKitGTK, real SQLite file) driven
//! through tauri-driver. Each test reads like a user's story. Run one at a
//! time (`--test-threads=1`): one driver, one window.

mod harness;
mod page;
mod publish;
mod strings;
mod translation;

use std::time::Duration;

use harness::{App, Start, data_dir, stored_body};

const SAMPLE_TITLE_FR: &str = "Sommet pour l'action sur l'IA : ce que nous en retenons";

/// Creates an article from the "New article" button and gives it a title.
async fn new_article(app: &App, title: &str) {
    app.click("new-article").await;
    app.wait_js(
        "const t = document.querySelector('[data-testid=article-title]'); return !!t && t.value === '';",
        "an empty new article to open",
    )
    .await;
    let input = app.testid("article-title").await;
    input
        .send_keys(title)
        .await
        .expect("typing a title should work");
}

#[tokio::test]
async fn first_start_shows_the_sample_workspace() {
    let dir = data_dir("sample");
    let app = App::start("sample", &dir, Start::default()).await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=library-item]').length === 3",
        "three sample articles",
    )
    .await;
    let titles = app.js("return [...document.querySelectorAll('[data-testid=library-item-title]')].map(e => e.textContent)").await;
    assert!(
        titles.to_string().contains("Sommet pour"),
        "the French sample article should be listed: {titles}"
    );
    let locales = app.js("return [...document.querySelectorAll('[data-testid=library-item-locale]')].map(e => e.textContent)").await;
    assert!(
        locales.to_string().contains("EN") && locales.to_string().contains("FR"),
        "both languages listed: {locales}"
    );

    // Open the French article: the preview renders its table, footnote and image from the workspace.
    app.open_article("Sommet pour").await;
    app.wait_js(
        "const p = document.querySelector('[data-testid=preview-body]'); return !!p && !!p.querySelector('table') && !!p.querySelector('.footnotes') && !!p.querySelector('img');",
        "the preview to show a table, footnotes and an image",
    )
    .await;
    app.wait_js(
        "const i = document.querySelector('[data-testid=preview-body] img'); return i.complete && i.naturalWidth > 0;",
        "the article's image to load from the workspace",
    )
    .await;
    let words = app.text("word-count").await;
    assert!(
        words.contains("words"),
        "the word count should be shown: {words:?}"
    );
    assert_eq!(
        app.testid("article-slug")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap(),
        "sommet-pour-l-action-sur-l-ia-ce-que-nous-en-retenons"
    );
    app.screenshot("sample-workspace").await;
    app.quit().await;
}

#[tokio::test]
async fn typing_updates_the_preview_and_the_slug() {
    let dir = data_dir("typing");
    let app = App::start("typing", &dir, Start::default()).await;
    new_article(&app, "Sommet pour l'action sur l'IA").await;
    app.wait_js(
        "return document.querySelector('[data-testid=article-slug]').value === 'sommet-pour-l-action-sur-l-ia'",
        "the slug to be derived from the title",
    )
    .await;
    app.type_in_editor("## Hello preview\n\nSome *emphasis*, ~~old~~ and a [link](https://example.org).\n\n- [x] done\n")
        .await;
    app.wait_js(
        "const p = document.querySelector('[data-testid=preview-body]').innerHTML; return p.includes('id=\"hello-preview\"') && p.includes('<em>emphasis</em>') && p.includes('<del>old</del>') && p.includes('type=\"checkbox\"');",
        "the preview HTML to show the heading, emphasis, strikethrough and task list",
    )
    .await;
    app.wait_saved().await;
    let body = stored_body(&dir, "Sommet pour l'action sur l'IA")
        .expect("the article should be in the database");
    assert!(
        body.contains("## Hello preview"),
        "the typed text should be saved in SQLite: {body:?}"
    );
    app.screenshot("typing-preview").await;
    app.quit().await;
}

#[tokio::test]
async fn text_and_open_article_survive_a_restart() {
    let dir = data_dir("restart");
    let app = App::start("restart", &dir, Start::default()).await;
    new_article(&app, "Carnet de bord").await;
    app.type_in_editor("Première ligne du carnet.").await;
    app.wait_saved().await;
    app.quit().await;

    let app = App::start("restart-2", &dir, Start::default()).await;
    app.wait_js(
        "const t = document.querySelector('[data-testid=article-title]'); return !!t && t.value === 'Carnet de bord';",
        "the article that was open to reopen",
    )
    .await;
    let text = app.text("editor").await;
    assert!(
        text.contains("Première ligne du carnet."),
        "the body should be as left: {text:?}"
    );
    app.screenshot("restart-reopened").await;
    app.quit().await;
}

#[tokio::test]
async fn killing_the_app_loses_at_most_the_last_second() {
    let dir = data_dir("kill");
    let app = App::start("kill", &dir, Start::default()).await;
    new_article(&app, "Kill test").await;
    app.type_in_editor("Everything typed more than a second ago survives.")
        .await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    app.type_in_editor(" Tail").await;
    app.kill_app().await;

    let body = stored_body(&dir, "Kill test").expect("the article should be in the database");
    assert!(
        body.starts_with("Everything typed more than a second ago survives."),
        "text typed a second before SIGKILL must be on disk: {body:?}"
    );
    let app = App::start("kill-2", &dir, Start::default()).await;
    app.wait_js(
        "const t = document.querySelector('[data-testid=article-title]'); return !!t && t.value === 'Kill test';",
        "the killed session's article to reopen",
    )
    .await;
    let text = app.text("editor").await;
    assert!(
        text.contains("Everything typed more than a second ago survives."),
        "reopened text: {text:?}"
    );
    app.quit().await;
}

#[tokio::test]
async fn killing_the_app_during_continuous_typing_loses_at_most_the_last_second() {
    let dir = data_dir("kill-typing");
    let app = App::start("kill-typing", &dir, Start::default()).await;
    new_article(&app, "Continuous").await;
    // One long burst with no pause: a plain debounce would never save it.
    let text: String = (0..60).map(|i| format!("mot{i:02} ")).collect();
    let started = std::time::Instant::now();
    app.type_in_editor(&text).await;
    let typing = started.elapsed().as_secs_f64();
    app.kill_app().await;
    let body = stored_body(&dir, "Continuous").unwrap_or_default();
    assert!(
        text.starts_with(&body),
        "what is saved is what was typed, in order: {body:?}"
    );
    // Typing speed is even, so everything but the last second must be there.
    let expected = (text.len() as f64 * ((typing - 1.0) / typing))
        .floor()
        .max(0.0) as usize;
    assert!(
        typing < 1.2 || body.len() >= expected,
        "typed {} chars in {typing:.1} s; at least {expected} must survive SIGKILL, got {}",
        text.len(),
        body.len()
    );
    eprintln!(
        "typed {} chars in {typing:.2} s, {} survived the kill",
        text.len(),
        body.len()
    );
}

#[tokio::test]
async fn interface_switches_to_french_at_once_and_stays() {
    let dir = data_dir("french");
    let app = App::start("french", &dir, Start::default()).await;
    assert_eq!(
        app.text("new-article").await,
        "+ New article",
        "English by default with LANG=en_US"
    );
    app.click("open-settings").await;
    let select = app.testid("ui-language").await;
    select.select_by_value("fr").await.expect("choose French");
    app.wait_js(
        "return document.querySelector('[data-testid=new-article]').textContent.includes('Nouvel article')",
        "the interface to switch to French without a restart",
    )
    .await;
    app.screenshot("french-settings").await;
    app.click("close-settings").await;
    app.quit().await;

    let app = App::start("french-2", &dir, Start::default()).await;
    assert_eq!(
        app.text("new-article").await,
        "+ Nouvel article",
        "the choice should persist"
    );
    app.screenshot("french-library").await;
    app.quit().await;
}

#[tokio::test]
async fn interface_language_follows_lang() {
    let dir = data_dir("lang");
    let app = App::start(
        "lang",
        &dir,
        Start {
            lang: Some("fr_CA.UTF-8"),
            ..Start::default()
        },
    )
    .await;
    assert_eq!(
        app.text("new-article").await,
        "+ Nouvel article",
        "LANG=fr_CA should give French"
    );
    app.quit().await;
}

#[tokio::test]
async fn delete_goes_to_the_trash_and_restores() {
    let dir = data_dir("trash");
    let app = App::start("trash", &dir, Start::default()).await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=library-item]').length === 3",
        "the sample library",
    )
    .await;
    app.click("library-item").await;
    app.testid("editor").await;
    let title = app
        .testid("article-title")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();

    // Cancel keeps it.
    app.click("delete-article").await;
    app.click("confirm-cancel").await;
    assert_eq!(
        app.js("return document.querySelectorAll('[data-testid=library-item]').length")
            .await,
        3
    );

    app.click("delete-article").await;
    app.testid("confirm-dialog").await;
    app.screenshot("trash-confirm").await;
    app.click("confirm-accept").await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=library-item]').length === 2",
        "the article to leave the library",
    )
    .await;
    app.click("toggle-trash").await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=trash-item]').length === 1",
        "the article in the trash",
    )
    .await;
    let listed = app
        .js("return document.querySelector('[data-testid=trash-list]').textContent")
        .await;
    assert!(
        listed.as_str().unwrap_or("").contains(&title),
        "the trash should show {title:?}: {listed}"
    );
    app.screenshot("trash-list").await;
    app.click("restore-article").await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=trash-item]').length === 0",
        "the trash to empty",
    )
    .await;
    app.click("toggle-trash").await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=library-item]').length === 3",
        "the article back in the library",
    )
    .await;
    // The editor works again after its pane was closed by the delete.
    app.click("library-item").await;
    app.type_in_editor("Relu après restauration. ").await;
    app.wait_saved().await;
    let body = stored_body(&dir, &title).expect("the restored article is stored");
    assert!(
        body.starts_with("Relu après restauration. "),
        "typing after a restore is saved: {body:?}"
    );
    app.quit().await;
}

#[tokio::test]
async fn html_in_markdown_never_executes_in_the_preview() {
    let dir = data_dir("xss");
    let app = App::start("xss", &dir, Start::default()).await;
    new_article(&app, "Hostile").await;
    app.type_in_editor(
        "<script>document.title='pwned-script'</script>\n\n<img src=x onerror=\"document.title='pwned-img'\">\n\n[click](javascript:document.title='pwned-link')\n\n<iframe src=\"javascript:parent.document.title='pwned-frame'\"></iframe>\n\n<a href=\"#\" onclick=\"document.title='pwned-click'\">x</a> end\n",
    )
    .await;
    app.wait_js(
        "return document.querySelector('[data-testid=preview-body]').textContent.includes('end')",
        "the preview to render the hostile text",
    )
    .await;
    let report = app
        .js("const p = document.querySelector('[data-testid=preview-body]');
             return { scripts: p.querySelectorAll('script, iframe, object, embed').length,
                      handlers: [...p.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                      js: [...p.querySelectorAll('a')].filter(a => (a.getAttribute('href') || '').toLowerCase().includes('javascript')).length };")
        .await;
    assert_eq!(
        report["scripts"], 0,
        "no script/iframe element may reach the preview"
    );
    assert_eq!(
        report["handlers"], 0,
        "no event-handler attribute may reach the preview"
    );
    assert_eq!(report["js"], 0, "no javascript: link may reach the preview");
    // Click what is left; nothing may run or navigate.
    app.js("document.querySelectorAll('[data-testid=preview-body] a').forEach(a => a.click())")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let title = app.js("return document.title").await;
    assert_eq!(title, "Copydesk", "no payload may have run");
    app.quit().await;
}

#[tokio::test]
async fn a_pathological_table_does_not_freeze_the_editor() {
    let dir = data_dir("table");
    let app = App::start("table", &dir, Start::default()).await;
    new_article(&app, "Huge table").await;
    app.testid("editor")
        .await
        .click()
        .await
        .expect("focus the editor");
    // ~6 KB: 1,000 columns, then 1,000 pipe-less rows that comrak pads to
    // 1,000 cells each: a million cells, megabytes of HTML.
    let header = format!("|{}\n|{}\n", "a|".repeat(1000), "-|".repeat(1000));
    let rows = "x\n".repeat(1000);
    let table = format!("Before the table.\n\n{header}{rows}");
    // Paste-like insertion: one input event, as a paste would be.
    app.client
        .execute(
            "document.execCommand('insertText', false, arguments[0]); return true;",
            vec![table.into()],
        )
        .await
        .expect("insert the table");
    app.wait_js(
        "return !!document.querySelector('[data-testid=preview-body] .cd-oversized')",
        "the oversized table to be replaced by a placeholder",
    )
    .await;
    let note = app
        .js("return document.querySelector('[data-testid=preview-body] .cd-oversized').textContent")
        .await;
    assert!(
        note.to_string().contains("too large"),
        "the placeholder should explain itself: {note}"
    );
    app.type_in_editor("\n\nStill typing").await;
    app.wait_saved().await;
    let body = stored_body(&dir, "Huge table").expect("saved");
    assert!(
        body.ends_with("Still typing"),
        "typing after the table should be saved"
    );
    app.screenshot("pathological-table").await;
    app.quit().await;
}

#[tokio::test]
async fn a_file_that_is_not_a_copydesk_database_is_reported_and_untouched() {
    let dir = data_dir("foreign");
    std::fs::create_dir_all(&dir).unwrap();
    let content = b"my accounting notes, not a database\n".repeat(100);
    std::fs::write(dir.join("copydesk.sqlite3"), &content).unwrap();
    let app = App::start("foreign", &dir, Start::default()).await;
    let message = app.text("startup-error-message").await;
    assert!(
        message.contains("is not a Copydesk database"),
        "a clear message is shown: {message:?}"
    );
    assert!(
        message.contains("copydesk.sqlite3"),
        "the message names the file: {message:?}"
    );
    app.screenshot("startup-error").await;
    app.quit().await;
    assert_eq!(
        std::fs::read(dir.join("copydesk.sqlite3")).unwrap(),
        content,
        "the file must be left untouched"
    );
}

#[tokio::test]
async fn sample_article_text_is_intact_after_opening() {
    // Opening an article must not rewrite it (no save without an edit).
    let dir = data_dir("untouched");
    let app = App::start("untouched", &dir, Start::default()).await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=library-item]').length === 3",
        "the sample library",
    )
    .await;
    let before = stored_body(&dir, SAMPLE_TITLE_FR).expect("sample article stored");
    app.open_article("Sommet pour").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    app.quit().await;
    assert_eq!(
        stored_body(&dir, SAMPLE_TITLE_FR).unwrap(),
        before,
        "opening must not change the stored body"
    );
}

#[tokio::test]
async fn a_database_from_a_newer_copydesk_is_refused_in_the_users_language() {
    let dir = data_dir("newer");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("copydesk.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        // A Copydesk database (same application id) from a future schema.
        conn.execute_batch("PRAGMA application_id = 1131431019; PRAGMA user_version = 999; CREATE TABLE future (x);")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let app = App::start(
        "newer",
        &dir,
        Start {
            lang: Some("fr_FR.UTF-8"),
            ..Start::default()
        },
    )
    .await;
    let code = app
        .js("return document.querySelector('[data-testid=startup-error]').dataset.code")
        .await;
    assert_eq!(code, "database_too_new", "the error code should say why");
    let message = app.text("startup-error-message").await;
    assert!(
        message.contains("version plus récente de Copydesk"),
        "a French message: {message:?}"
    );
    app.screenshot("startup-error-newer-fr").await;
    app.quit().await;
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the newer database must be left untouched"
    );
}
