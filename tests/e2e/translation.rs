//! The translator's flow in the real app: start a translation, see exactly
//! which block went stale when the writer edits the source, update it, and
//! get back to 100 %.

use crate::harness::{App, Start, data_dir};

/// A column of the German version of the French sample article, as stored.
fn german_version(conn: &rusqlite::Connection, column: &str) -> String {
    conn.query_row(
        &format!(
            "SELECT v.{column} FROM locale_version v JOIN article a ON a.id = v.article_id
             WHERE v.locale = 'de' AND a.source_locale = 'fr'"
        ),
        [],
        |r| r.get(0),
    )
    .unwrap()
}

async fn progress(app: &App) -> (i64, i64) {
    let v = app
        .js("const p = document.querySelector('[data-testid=translation-progress]'); return [Number(p.dataset.done), Number(p.dataset.total)];")
        .await;
    (v[0].as_i64().unwrap(), v[1].as_i64().unwrap())
}

#[tokio::test]
async fn a_source_edit_flags_one_block_and_the_translator_brings_it_back() {
    let dir = data_dir("translation");
    let app = App::start("translation", &dir, Start::default()).await;
    app.open_article("Sommet pour").await;

    // Start the German translation from a copy of the source.
    app.client
        .find(fantoccini::Locator::Css(
            "[data-testid=add-translation][data-locale=de]",
        ))
        .await
        .expect("an 'add DE' tab for a workspace target")
        .click()
        .await
        .unwrap();
    app.click("start-translation-copy").await;
    app.wait_js(
        "const v = document.querySelector('[data-testid=translation-view]'); return !!v && v.querySelectorAll('[data-testid=translation-block]').length > 10;",
        "the side-by-side view with the article's blocks",
    )
    .await;
    let untranslated = app.js("return [...document.querySelectorAll('[data-testid=translation-block]')].every(b => b.dataset.state === 'untranslated')").await;
    assert_eq!(
        untranslated, true,
        "every block of a new translation is untranslated"
    );
    app.click("mark-all-up-to-date").await;
    app.wait_js(
        "const p = document.querySelector('[data-testid=translation-progress]'); return p.dataset.done === p.dataset.total;",
        "100 % after marking everything up to date",
    )
    .await;
    let (_, total) = progress(&app).await;
    // The translation's own title.
    app.testid("translation-title")
        .await
        .send_keys("Der Gipfel")
        .await
        .unwrap();
    // Its own categories (the site's names in German).
    let categories = app.testid("translation-categories").await;
    categories.clear().await.unwrap();
    categories
        .send_keys("Nachrichten, Veranstaltungen")
        .await
        .unwrap();

    // The writer changes the first paragraph of the French source.
    app.js("document.querySelector('[data-testid=locale-tab][data-locale=fr]').click()")
        .await;
    app.type_in_editor("Mise à jour : ").await;
    app.wait_saved().await;

    // The English version shows exactly that block as changed, with the diff.
    app.js("document.querySelector('[data-testid=locale-tab][data-locale=de]').click()")
        .await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=translation-block][data-state=source_changed]').length === 1",
        "exactly one block flagged 'source changed'",
    )
    .await;
    assert_eq!(
        progress(&app).await,
        (total - 1, total),
        "every other block stays up to date"
    );
    let diff = app.js("return document.querySelector('[data-testid=translation-block][data-state=source_changed] [data-testid=source-diff] ins').textContent").await;
    assert!(
        diff.as_str().unwrap_or("").contains("Mise"),
        "the diff shows the inserted words: {diff}"
    );
    app.screenshot("translation-source-changed").await;

    // The translator updates the block and marks it up to date.
    let target = app
        .client
        .find(fantoccini::Locator::Css("[data-testid=translation-block][data-state=source_changed] [data-testid=translation-target]"))
        .await
        .expect("the changed block's editor");
    target.send_keys("Neu: ").await.unwrap();
    app.click("mark-block-up-to-date").await;
    app.wait_js(
        "const p = document.querySelector('[data-testid=translation-progress]'); return p.dataset.done === p.dataset.total;",
        "back to 100 %",
    )
    .await;
    app.screenshot("translation-up-to-date").await;
    let library = app
        .js("const p = document.querySelector('[data-testid=version-progress][data-locale=de]'); return p.dataset.done === p.dataset.total && p.dataset.total !== '0';")
        .await;
    assert_eq!(library, true, "the library's progress bar is full again");

    // The German text is in the database, with the translator's edit.
    let conn = rusqlite::Connection::open(dir.join("copydesk.sqlite3")).unwrap();
    let body = german_version(&conn, "body");
    assert!(
        body.starts_with("Neu: "),
        "the translation's body has the update: {}",
        &body[..60.min(body.len())]
    );
    let title = german_version(&conn, "title");
    assert!(
        title.ends_with("Der Gipfel"),
        "the translated title is saved: {title:?}"
    );
    let categories = german_version(&conn, "categories");
    assert_eq!(
        categories, r#"["Nachrichten","Veranstaltungen"]"#,
        "the translation's categories are saved"
    );
    app.quit().await;
}

#[tokio::test]
async fn the_sample_translation_shows_its_one_stale_block() {
    let dir = data_dir("sample-translation");
    let app = App::start("sample-translation", &dir, Start::default()).await;
    app.wait_js(
        "const p = document.querySelector('[data-testid=version-progress][data-locale=en]'); return !!p && p.dataset.done === '21' && p.dataset.total === '22';",
        "the library to show the English translation at 21 / 22",
    )
    .await;
    app.open_article("Sommet pour").await;
    app.js("document.querySelector('[data-testid=locale-tab][data-locale=en]').click()")
        .await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=translation-block][data-state=source_changed]').length === 1",
        "one changed block in the English translation",
    )
    .await;
    app.click("next-stale").await;
    app.screenshot("sample-translation").await;
    app.quit().await;
}

#[tokio::test]
async fn a_translation_goes_to_the_trash_and_is_restored() {
    let dir = data_dir("translation-trash");
    let app = App::start("translation-trash", &dir, Start::default()).await;
    app.open_article("Sommet pour").await;
    app.js("document.querySelector('[data-testid=locale-tab][data-locale=en]').click()")
        .await;
    app.click("delete-translation").await;
    app.testid("confirm-dialog").await;
    app.click("confirm-accept").await;
    app.wait_js(
        "return !document.querySelector('[data-testid=locale-tab][data-locale=en]') && !!document.querySelector('[data-testid=add-translation][data-locale=en]')",
        "the English tab to leave the article",
    )
    .await;
    app.click("toggle-trash").await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=trash-translation-item]').length === 1",
        "the translation in the trash",
    )
    .await;
    app.screenshot("translation-in-trash").await;
    app.click("restore-translation").await;
    app.wait_js(
        "return !!document.querySelector('[data-testid=locale-tab][data-locale=en]')",
        "the English tab to come back",
    )
    .await;
    app.js("document.querySelector('[data-testid=locale-tab][data-locale=en]').click()")
        .await;
    app.wait_js(
        "const p = document.querySelector('[data-testid=translation-progress]'); return !!p && p.dataset.done === '21';",
        "the restored translation with its confirmed blocks",
    )
    .await;
    app.quit().await;
}
