//! The core's use-cases through its public API, on real database files.

use copydesk_core::l10n::Localizer;
use copydesk_core::{CoreError, LastOpen, LocaleVersionInput, Status, Workspace};

fn input_for(ws: &Workspace, id: &str) -> LocaleVersionInput {
    let article = ws.get_article(id).unwrap();
    let v = &article.versions[0];
    LocaleVersionInput {
        article_id: id.into(),
        locale: v.locale.clone(),
        title: v.title.clone(),
        slug: v.slug.clone(),
        author: v.author.clone(),
        date: v.date.clone(),
        tags: v.tags.clone(),
        summary: v.summary.clone(),
        body: v.body.clone(),
        status: v.status,
        minor: false,
        categories: v.categories.clone(),
        featured_image: v.featured_image.clone(),
    }
}

#[test]
fn a_new_workspace_holds_the_sample_articles_and_images() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let library = ws.list_articles(false).unwrap();
    assert_eq!(library.len(), 3, "three sample articles");
    assert!(
        library
            .windows(2)
            .all(|w| w[0].updated_at >= w[1].updated_at),
        "newest first"
    );
    for entry in &library {
        let article = ws.get_article(&entry.id).unwrap();
        let body = &article.versions[0].body;
        let image = body
            .split("](assets/")
            .nth(1)
            .and_then(|s| s.split(')').next())
            .expect("an image per article");
        let asset = ws
            .read_asset(&format!("assets/{image}"))
            .expect("the image is in the workspace");
        assert_eq!(
            asset.mime, "image/png",
            "sample images are PNG: WordPress refuses SVG uploads"
        );
    }
    // The summit article shows a featured image and a category, in French
    // and in its English translation.
    let summit = ws
        .find_article("sommet-pour-l-action-sur-l-ia-ce-que-nous-en-retenons")
        .unwrap()
        .expect("the summit sample");
    let summit = ws.get_article(&summit).unwrap();
    for v in &summit.versions {
        let path = v
            .featured_image
            .as_deref()
            .unwrap_or_else(|| panic!("{}: a featured image", v.locale));
        assert_eq!(ws.read_asset(path).unwrap().mime, "image/png", "{path}");
        assert_eq!(v.categories.len(), 1, "{}: {:?}", v.locale, v.categories);
    }
    let locales = ws.workspace_locales().unwrap();
    assert_eq!(
        locales.source, "fr",
        "the sample workspace is written in French"
    );
    drop(ws);
    let again = Workspace::open(dir.path()).unwrap();
    assert_eq!(
        again.list_articles(false).unwrap().len(),
        3,
        "reopening does not seed twice"
    );
}

#[test]
fn saving_normalises_and_persists_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let article = ws.create_article("fr").unwrap();
    let mut input = input_for(&ws, &article.id);
    input.title = "Sommet pour l'action sur l'IA".into();
    input.slug = "Sommet pour l’action sur l’IA".into();
    input.tags = vec![" IA ".into(), "ia".into(), "Énergie".into()];
    input.date = Some("2026-02-14".into());
    input.categories = vec![" Actualités ".into(), "actualités".into(), "Écoles".into()];
    input.featured_image = Some(" ./assets/cover.png ".into());
    input.body = "## Titre\n\nCorps *important*.".into();
    input.status = Status::Ready;
    let saved = ws.save_locale_version(&input).unwrap();
    assert_eq!(
        saved.slug, "sommet-pour-l-action-sur-l-ia",
        "the slug is normalised on save"
    );
    drop(ws);

    let ws = Workspace::open(dir.path()).unwrap();
    let v = &ws.get_article(&article.id).unwrap().versions[0];
    assert_eq!(v.body, "## Titre\n\nCorps *important*.");
    assert_eq!(v.tags, vec!["IA".to_string(), "Énergie".to_string()]);
    assert_eq!(v.date.as_deref(), Some("2026-02-14"));
    assert_eq!(
        v.categories,
        vec!["Actualités".to_string(), "Écoles".to_string()],
        "categories are trimmed and de-duplicated like tags"
    );
    assert_eq!(v.featured_image.as_deref(), Some("assets/cover.png"));
    assert_eq!(v.status, Status::Ready);
    assert_eq!(
        ws.list_articles(false).unwrap()[0].id,
        article.id,
        "the edited article comes first"
    );
}

#[test]
fn invalid_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let article = ws.create_article("en").unwrap();
    let mut input = input_for(&ws, &article.id);
    input.body = "new text".into();
    input.date = Some("next tuesday".into());
    let err = ws.save_locale_version(&input).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(
        ws.get_article(&article.id).unwrap().versions[0].body,
        "",
        "a rejected save writes nothing"
    );
    assert_eq!(
        ws.create_article("en_US!").unwrap_err().code(),
        "invalid_input"
    );
    input.article_id = "no-such-article".into();
    input.date = None;
    assert_eq!(
        ws.save_locale_version(&input).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn trash_restore_and_purge() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let id = ws.list_articles(false).unwrap()[0].id.clone();
    assert_eq!(
        ws.purge_article(&id).unwrap_err().code(),
        "not_found",
        "a live article cannot be purged"
    );
    ws.delete_article(&id).unwrap();
    assert!(
        ws.list_articles(false).unwrap().iter().all(|a| a.id != id),
        "gone from the library"
    );
    assert_eq!(ws.list_articles(true).unwrap()[0].id, id, "in the trash");
    assert!(
        ws.get_article(&id).unwrap().deleted_at.is_some(),
        "still readable while in the trash"
    );
    ws.restore_article(&id).unwrap();
    assert!(
        ws.list_articles(false).unwrap().iter().any(|a| a.id == id),
        "back in the library"
    );
    ws.delete_article(&id).unwrap();
    ws.purge_article(&id).unwrap();
    assert_eq!(
        ws.get_article(&id).unwrap_err().code(),
        "not_found",
        "purged for good"
    );
}

#[test]
fn last_open_is_forgotten_when_the_article_goes_to_the_trash() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let id = ws.list_articles(false).unwrap()[0].id.clone();
    let last = LastOpen {
        article_id: id.clone(),
        locale: "fr".into(),
        cursor: 42,
    };
    ws.set_last_open(Some(&last)).unwrap();
    assert_eq!(ws.last_open().unwrap(), Some(last));
    ws.delete_article(&id).unwrap();
    assert_eq!(
        ws.last_open().unwrap(),
        None,
        "a trashed article is not reopened"
    );
}

#[test]
fn ui_locale_override_is_validated_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(
        ws.ui_locale_override().unwrap(),
        None,
        "follows the OS by default"
    );
    ws.set_ui_locale_override(Some("fr")).unwrap();
    assert_eq!(ws.ui_locale_override().unwrap().as_deref(), Some("fr"));
    assert_eq!(
        ws.set_ui_locale_override(Some("xx")).unwrap_err().code(),
        "invalid_input"
    );
    ws.set_ui_locale_override(None).unwrap();
    assert_eq!(ws.ui_locale_override().unwrap(), None);
}

#[test]
fn assets_outside_the_assets_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    for path in [
        "assets/../secret.txt",
        "../secret.txt",
        "/etc/passwd",
        "copydesk.sqlite3",
        "assets/missing.png",
    ] {
        assert!(ws.read_asset(path).is_err(), "{path} must not be served");
    }
}

#[test]
fn open_errors_are_localised_and_leave_files_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("copydesk.sqlite3");
    std::fs::write(&db, b"SQLite format 2\0 not really").unwrap();
    let err = Workspace::open(dir.path()).unwrap_err();
    assert_eq!(err.code(), "not_a_database");
    let fr = err.message(&Localizer::new("fr"));
    assert!(
        fr.contains("n’est pas une base de données Copydesk"),
        "French message: {fr}"
    );
    assert!(
        fr.contains(&db.display().to_string()),
        "the message names the file: {fr}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), b"SQLite format 2\0 not really");

    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let err = Workspace::open(&blocker.join("desk")).unwrap_err();
    assert!(
        matches!(err, CoreError::DataDirNotWritable { .. }),
        "got {err:?}"
    );
    let en = err.message(&Localizer::new("en"));
    assert!(
        en.starts_with("Copydesk cannot write to its data folder"),
        "English message: {en}"
    );
}

#[test]
fn preview_resolves_workspace_images_and_counts_words() {
    let out = copydesk_core::render_preview(
        "Deux mots ![Un phare](assets/phare.svg)\n\n<script>x()</script>",
        Some("copydesk-asset://localhost/"),
    );
    assert!(
        out.html
            .contains("src=\"copydesk-asset://localhost/assets/phare.svg\""),
        "{}",
        out.html
    );
    assert!(!out.html.contains("<script"), "sanitised: {}", out.html);
    assert_eq!(out.words, 4, "text and alt text are words, markup is not");
    assert_eq!(out.reading_minutes, 1);
}

#[test]
fn the_sample_translation_has_exactly_one_block_to_update() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let id = ws
        .find_article("sommet-pour-l-action-sur-l-ia-ce-que-nous-en-retenons")
        .unwrap()
        .unwrap();
    let view = ws.translation(&id, "en").unwrap();
    assert_eq!(
        (view.up_to_date, view.total),
        (21, 22),
        "one paragraph changed after translation"
    );
    assert_eq!(
        view.status,
        Status::Outdated,
        "a ready translation whose source moved on is outdated"
    );
    let changed: Vec<_> = view
        .blocks
        .iter()
        .filter(|b| b.previous_source.is_some())
        .collect();
    assert_eq!(changed.len(), 1);
    assert!(
        changed[0].source.ends_with("deux collectivités clientes."),
        "{}",
        changed[0].source
    );
    assert_eq!(view.title, "AI Action Summit: our key takeaways");
}

#[test]
fn post_metadata_goes_through_markdown_files_and_into_translations() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let file = "---\ntitle: Couverture\ncategories: [Actualités, \"Vie de l'équipe\"]\nfeatured_image: assets/cover.png\ndate: 2026-02-14\n---\n\nCorps.\n";
    let imported = ws.import_markdown("couverture", "fr", file, false).unwrap();
    let id = imported.article_id;
    let fr = ws.get_article(&id).unwrap().versions[0].clone();
    assert_eq!(fr.categories, ["Actualités", "Vie de l'équipe"]);
    assert_eq!(fr.featured_image.as_deref(), Some("assets/cover.png"));

    // Exported and imported back: the same metadata.
    let exported = ws.export_markdown(&id, "fr").unwrap();
    assert!(
        exported.contains("featured_image: assets/cover.png"),
        "{exported}"
    );
    ws.import_markdown(&id, "fr", &exported, false).unwrap();
    let again = ws.get_article(&id).unwrap().versions[0].clone();
    assert_eq!(again.categories, fr.categories);
    assert_eq!(again.featured_image, fr.featured_image);

    // A file without the keys leaves them as they are; empty ones clear them.
    ws.import_markdown(&id, "fr", "---\ntitle: Couverture\n---\n\nCorps.\n", false)
        .unwrap();
    let kept = ws.get_article(&id).unwrap().versions[0].clone();
    assert_eq!(kept.categories, fr.categories);
    assert_eq!(kept.featured_image, fr.featured_image);

    // A translation starts with the source's categories and featured image,
    // whether it starts as a copy or empty.
    for (locale, copy) in [("en", false), ("de", true)] {
        ws.start_translation(&id, locale, copy).unwrap();
        let article = ws.get_article(&id).unwrap();
        let v = article
            .versions
            .iter()
            .find(|v| v.locale == locale)
            .unwrap();
        assert_eq!(v.categories, fr.categories, "{locale}");
        assert_eq!(v.featured_image, fr.featured_image, "{locale}");
    }

    let cleared = exported
        .replace("featured_image: assets/cover.png", "featured_image: \"\"")
        .replace(
            "categories:\n  - Actualités\n  - \"Vie de l'équipe\"",
            "categories: []",
        );
    assert!(cleared.contains("categories: []"), "{cleared}");
    ws.import_markdown(&id, "fr", &cleared, false).unwrap();
    let fr = ws.get_article(&id).unwrap().versions[0].clone();
    assert!(fr.categories.is_empty(), "{cleared}");
    assert_eq!(fr.featured_image, None);
}
