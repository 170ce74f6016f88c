//! The Strings view in the real app: open a site's strings folder, see the
//! missing French message flagged, translate it, see the check pass and the
//! file on disk updated with that message only.

use std::path::{Path, PathBuf};

use crate::harness::{App, Start, data_dir};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/strings-site")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the site copy");
    for e in std::fs::read_dir(from).expect("read the fixture") {
        let e = e.expect("a fixture entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("its type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy a fixture file");
        }
    }
}

const THANKS: &str = "Merci ! Votre inscription a bien été enregistrée.";

#[tokio::test]
async fn strings_a_missing_french_message_is_translated_and_written_back() {
    let dir = data_dir("strings");
    let site = dir.with_file_name("strings-site");
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&fixture(), &site);
    let fr_file = site.join("fr/newsletter/form.ftl");
    let before = std::fs::read_to_string(&fr_file).expect("the French file");

    let app = App::start("strings", &dir, Start::default()).await;
    app.click("nav-strings").await;

    // A wrong path is refused with a clear message, in the interface language.
    let input = app.testid("strings-folder-input").await;
    input
        .send_keys("/no/such/strings/folder")
        .await
        .expect("type a path");
    app.click("strings-folder-open").await;
    let error = app.text("strings-folder-error").await;
    assert!(
        error.contains("is not a folder"),
        "a clear error for a bad path: {error:?}"
    );
    app.screenshot("strings-bad-folder").await;

    input.clear().await.expect("clear the path");
    input
        .send_keys(site.to_str().expect("a UTF-8 path"))
        .await
        .expect("type the site's path");
    app.click("strings-folder-open").await;

    // Progress per locale: French lacks one message.
    app.wait_js(
        "return !!document.querySelector('[data-testid=strings-progress-locale][data-locale=fr][data-missing=\"1\"]')",
        "the chart to show one French message missing",
    )
    .await;
    app.testid("strings-locale")
        .await
        .select_by_value("fr")
        .await
        .expect("choose French");
    app.click("strings-filter-missing").await;
    app.wait_js(
        "const rows = [...document.querySelectorAll('[data-testid=strings-message]')];
         return rows.length === 1 && rows[0].dataset.id === 'newsletter-thanks' && rows[0].dataset.status === 'missing';",
        "the missing French message to be flagged",
    )
    .await;
    app.screenshot("strings-missing").await;

    // Translate it in the editor: the checks run as one types.
    app.click("strings-message").await;
    app.wait_js(
        "return !!document.querySelector('[data-testid=strings-draft-finding][data-kind=empty-value]')",
        "the empty translation to be flagged",
    )
    .await;
    let field = app.testid("strings-field-value").await;
    field.click().await.expect("focus the value field");
    field.send_keys(THANKS).await.expect("type the translation");
    app.wait_js(
        "return !!document.querySelector('[data-testid=strings-draft-ok]') && document.querySelector('[data-testid=strings-save-status]').dataset.state === 'dirty'",
        "the check to pass on the typed translation",
    )
    .await;
    let preview = app.text("strings-preview").await;
    assert!(
        preview.contains(THANKS),
        "the preview formats it: {preview:?}"
    );
    app.screenshot("strings-editor").await;

    app.click("strings-save").await;
    app.wait_js(
        "return document.querySelector('[data-testid=strings-save-status]').dataset.state === 'saved'",
        "the save to finish",
    )
    .await;
    app.wait_js(
        "const r = document.querySelector('[data-testid=strings-message][data-id=newsletter-thanks]'); return !!r && r.dataset.status === 'ok';",
        "the message to pass the check",
    )
    .await;
    app.wait_js(
        "return !!document.querySelector('[data-testid=strings-progress-locale][data-locale=fr][data-missing=\"0\"]')",
        "the chart to show French complete",
    )
    .await;
    app.screenshot("strings-saved").await;

    let after = std::fs::read_to_string(&fr_file).expect("the French file");
    assert_eq!(
        after,
        before.replace(
            "newsletter-email = Votre adresse électronique\n",
            &format!(
                "newsletter-email = Votre adresse électronique\nnewsletter-thanks = {THANKS}\n"
            )
        ),
        "the file gains that message, in the reference's order, and nothing else changes"
    );

    // A change made on disk is seen when the view is refreshed.
    std::fs::write(&fr_file, after.replace("Prénom*", "Votre prénom*"))
        .expect("edit the file behind the app's back");
    app.click("strings-filter-all").await;
    app.click("strings-refresh").await;
    app.wait_js(
        "return [...document.querySelectorAll('[data-testid=strings-message-target]')].some(e => e.textContent.includes('Votre prénom*'))",
        "the change on disk to show after a refresh",
    )
    .await;
    app.quit().await;
}

#[tokio::test]
async fn strings_plural_variants_preview_and_raw_ftl_errors_as_you_type() {
    let dir = data_dir("strings-ftl");
    let site = dir.with_file_name("strings-ftl-site");
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&fixture(), &site);
    let file = site.join("fr/articles.ftl");
    let before = std::fs::read(&file).expect("the French file");

    let app = App::start("strings-ftl", &dir, Start::default()).await;
    app.click("nav-strings").await;
    app.testid("strings-folder-input")
        .await
        .send_keys(site.to_str().expect("a UTF-8 path"))
        .await
        .expect("type the site's path");
    app.click("strings-folder-open").await;
    app.testid("strings-locale")
        .await
        .select_by_value("fr")
        .await
        .expect("choose French");
    app.js(
        "document.querySelector('[data-testid=strings-file][data-path=\"articles.ftl\"]').click()",
    )
    .await;
    app.wait_js(
        "return !!document.querySelector('[data-testid=strings-message][data-id=reading-time]')",
        "the articles file's messages",
    )
    .await;
    app.js("document.querySelector('[data-testid=strings-message][data-id=reading-time]').click()")
        .await;

    // Variants per plural category; French's `many` is offered; one preview
    // line per category of the target locale.
    app.wait_js(
        "return document.querySelectorAll('[data-testid=strings-field-variant]').length === 2
            && !!document.querySelector('[data-testid=strings-add-variant][data-key=many]')
            && [...document.querySelectorAll('[data-testid=strings-preview-line]')].map(l => l.dataset.category).join() === 'one,many,other'",
        "the plural variants, the missing category offered and the preview per category",
    )
    .await;
    app.click("strings-add-variant").await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=strings-field-variant]').length === 3
            && !!document.querySelector('[data-testid=strings-draft-finding][data-kind=empty-value]')",
        "a many variant to be added, flagged while empty",
    )
    .await;
    app.screenshot("strings-plural").await;

    // Raw FTL: a syntax error shows at once and blocks saving.
    app.click("strings-mode-ftl").await;
    let ftl = app.testid("strings-ftl-editor").await;
    ftl.click().await.expect("focus the FTL editor");
    // The caret starts at the top: a broken line goes before the message.
    ftl.send_keys("broken = {\u{E007}")
        .await
        .expect("type a broken line");
    app.wait_js(
        "return !!document.querySelector('[data-testid=strings-draft-finding][data-kind=syntax-error]')
            && document.querySelector('[data-testid=strings-save]').disabled
            && !!document.querySelector('.strings-ftl-error-line')",
        "the syntax error to show as typed, on its line, with saving blocked",
    )
    .await;
    app.screenshot("strings-ftl-error").await;

    app.click("strings-revert").await;
    app.wait_js(
        "return !document.querySelector('[data-testid=strings-draft-finding]') && !document.querySelector('[data-testid=strings-ftl-editor]').textContent.includes('broken')",
        "revert to bring back the file's version",
    )
    .await;
    app.quit().await;
    assert_eq!(
        std::fs::read(&file).expect("the French file"),
        before,
        "nothing is written without a save"
    );
}
