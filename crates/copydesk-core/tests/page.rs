//! The page preview on the sample workspace: the body is the live preview's
//! body, the theme is read from disk at every render, a broken template
//! keeps the last good page, the site's strings fall back with a marker.

use std::path::Path;

use copydesk_core::{PageDraft, SiteTheme, Workspace};

fn sample() -> (Workspace, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let id = ws
        .list_articles(false)
        .unwrap()
        .into_iter()
        .find(|a| a.title.starts_with("Sommet pour"))
        .expect("the French sample")
        .id;
    (ws, id, dir)
}

fn draft(body: &str) -> PageDraft {
    PageDraft {
        title: "Un titre".into(),
        author: "Léa".into(),
        date: Some("2025-03-18".into()),
        summary: String::new(),
        tags: vec![],
        body: body.into(),
    }
}

#[test]
fn french_and_english_pages_of_the_sample() {
    let (ws, id, _dir) = sample();
    let fr = ws.render_page(&id, "fr", None, None).unwrap();
    assert!(fr.errors.is_empty() && !fr.stale, "{:?}", fr.errors);
    assert!(fr.html.contains("<html lang=\"fr\">"));
    assert!(
        fr.html
            .contains("Abonnez-vous à notre lettre d’information")
    );
    assert!(fr.html.contains("Publié le "));
    let en = ws.render_page(&id, "en", None, None).unwrap();
    assert!(en.html.contains("Subscribe to our newsletter"));
    assert!(en.html.contains("Published on "));
}

#[test]
fn the_page_body_is_the_preview_body() {
    let (ws, id, _dir) = sample();
    let body = "Il dit \"bonjour\" : l'été ? `code \"x\"`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![i](assets/a.png)\n";
    let page = ws
        .render_page(
            &id,
            "fr",
            Some(&draft(body)),
            Some("copydesk-asset://localhost/"),
        )
        .unwrap();
    let preview =
        copydesk_core::render_preview_in(body, Some("copydesk-asset://localhost/"), Some("fr"));
    assert!(
        page.html.contains(&preview.html),
        "byte for byte:\n{}\n---\n{}",
        preview.html,
        page.html
    );
    assert!(
        preview
            .html
            .contains("«&nbsp;bonjour&nbsp;»&nbsp;: l’été\u{202f}? <code>code \"x\"</code>"),
        "{}",
        preview.html
    );
}

#[test]
fn theme_files_on_disk_are_read_at_every_render() {
    let (ws, id, dir) = sample();
    let theme = dir.path().join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(theme.join("site.css"), "body { background: rgb(1, 2, 3); }").unwrap();
    let page = ws.render_page(&id, "fr", None, None).unwrap();
    assert!(page.html.contains("rgb(1, 2, 3)"));
    std::fs::write(theme.join("site.css"), "body { background: rgb(4, 5, 6); }").unwrap();
    let page = ws.render_page(&id, "fr", None, None).unwrap();
    assert!(page.html.contains("rgb(4, 5, 6)") && !page.html.contains("rgb(1, 2, 3)"));
}

#[test]
fn a_broken_template_keeps_the_last_good_page() {
    let (ws, id, dir) = sample();
    let path = dir.path().join("my-page.html");
    ws.set_site_theme(&SiteTheme {
        template: Some("my-page.html".into()),
        stylesheet: None,
    })
    .unwrap();
    std::fs::write(&path, "<h1 class=\"mine\">{{ article.title }}</h1>\n").unwrap();
    let good = ws.render_page(&id, "fr", None, None).unwrap();
    assert!(good.errors.is_empty() && good.html.contains("class=\"mine\""));

    std::fs::write(&path, "<h1>{{ article.title }}</h1>\n\n{% for x in %}\n").unwrap();
    let broken = ws.render_page(&id, "fr", None, None).unwrap();
    assert!(broken.stale);
    assert_eq!(broken.errors.len(), 1);
    assert_eq!(broken.errors[0].file, path.display().to_string());
    assert_eq!(broken.errors[0].line, Some(3));
    assert_eq!(broken.html, good.html, "the last good page is kept");

    // Another locale never rendered well: the built-in template stands in.
    let other = ws.render_page(&id, "en", None, None).unwrap();
    assert!(other.stale && other.html.contains("Subscribe to our newsletter"));
}

#[test]
fn site_strings_fall_back_with_a_marker() {
    let (ws, id, dir) = sample();
    let site = dir.path().join("site");
    for (locale, ftl) in [
        (
            "en",
            "newsletter-title = Get the letter\nnewsletter-button = Sign me up\n",
        ),
        ("fr", "newsletter-title = Recevez la lettre\n"),
    ] {
        std::fs::create_dir_all(site.join(locale)).unwrap();
        std::fs::write(site.join(locale).join("site.ftl"), ftl).unwrap();
    }
    ws.link_strings_folder(&site.display().to_string(), Some("en"))
        .unwrap();
    let fr = ws.render_page(&id, "fr", None, None).unwrap();
    assert!(
        fr.html.contains("Recevez la lettre"),
        "the site's string wins"
    );
    assert!(
        fr.html
            .contains("data-l10n-id=\"newsletter-button\" data-state=\"fallback\"")
            && fr.html.contains(">Sign me up</mark>"),
        "the reference's string is shown, marked"
    );
    assert!(
        fr.html.contains("Publié le"),
        "the theme's French strings fill in for what the site lacks"
    );
    let _ = Path::new(&site);
}

#[test]
fn a_loose_file_uses_the_default_theme() {
    let out = copydesk_core::render_page_standalone(&draft("Bonjour !"), "fr", None);
    assert!(out.errors.is_empty());
    assert!(out.html.contains("<p>Bonjour\u{202F}!</p>"));
    assert!(out.html.contains("Publié le 18 mars 2025"));
}

#[test]
fn export_writes_one_standalone_file_and_never_replaces_one() {
    let (ws, id, dir) = sample();
    let out = dir.path().join("out");
    let first = ws.export_page(&id, "fr", None, Some(&out)).unwrap();
    let path = Path::new(&first.path);
    assert_eq!(path.parent(), Some(out.as_path()));
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("sommet-pour-l-action") && name.ends_with(".fr.html"),
        "{name}"
    );
    let html = std::fs::read_to_string(path).unwrap();
    assert_eq!(html.len(), first.bytes);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(
        html.contains(".newsletter") && html.contains("<style>"),
        "the stylesheet inline"
    );
    assert!(html.contains("Abonnez-vous à notre lettre d’information"));
    assert!(
        html.contains("src=\"data:image/png;base64,"),
        "the workspace's image embedded"
    );
    assert!(!html.contains("assets/salle-conference.png"));
    assert!(!html.to_ascii_lowercase().contains("<script"));

    // The editor's draft is what is exported; a second export gets its own name.
    let second = ws
        .export_page(
            &id,
            "fr",
            Some(&draft("Texte **non enregistré**.")),
            Some(&out),
        )
        .unwrap();
    assert_ne!(second.path, first.path);
    assert!(second.path.ends_with(".fr (2).html"), "{}", second.path);
    let html = std::fs::read_to_string(&second.path).unwrap();
    assert!(html.contains("<strong>non enregistré</strong>"));
    assert!(
        std::fs::read_to_string(&first.path)
            .unwrap()
            .contains("src=\"data:image/png"),
        "the first file is untouched"
    );

    // A folder that cannot be made: a clear error, nothing written.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "a file").unwrap();
    let err = ws
        .export_page(&id, "fr", None, Some(&blocked.join("sub")))
        .unwrap_err();
    assert_eq!(err.code(), "export_failed");
    let l10n = copydesk_core::l10n::Localizer::new("fr");
    assert!(
        err.message(&l10n).contains("n’a pas pu être écrit"),
        "{}",
        err.message(&l10n)
    );
}

#[test]
fn theme_settings_check_the_files_and_report_what_is_in_use() {
    let (ws, id, dir) = sample();
    let state = ws.site_theme_state().unwrap();
    assert_eq!(state.template_in_use, None, "built-in theme");
    assert_eq!(state.stylesheet_in_use, None);

    // A missing file is refused, naming the part; nothing is saved.
    let err = ws
        .save_site_theme(&SiteTheme {
            template: None,
            stylesheet: Some("mine/site.css".into()),
        })
        .unwrap_err();
    assert_eq!(err.code(), "theme_stylesheet");
    let en = copydesk_core::l10n::Localizer::new("en");
    assert!(
        err.message(&en).ends_with("mine/site.css does not exist."),
        "{}",
        err.message(&en)
    );
    assert_eq!(ws.site_theme().unwrap(), SiteTheme::default());
    std::fs::create_dir_all(dir.path().join("mine")).unwrap();
    let err = ws
        .save_site_theme(&SiteTheme {
            template: Some("mine".into()),
            stylesheet: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "theme_template");
    assert!(err.message(&en).contains("is a folder, not a file"));
    std::fs::write(dir.path().join("mine/bad.css"), b"a { b: \xff }").unwrap();
    let err = ws
        .save_site_theme(&SiteTheme {
            template: None,
            stylesheet: Some("mine/bad.css".into()),
        })
        .unwrap_err();
    assert!(err.message(&en).contains("not a UTF-8 text file"));

    // A relative path (inside the data folder) and an absolute one.
    std::fs::write(
        dir.path().join("mine/site.css"),
        "body { color: rgb(7, 8, 9); }",
    )
    .unwrap();
    let template = dir.path().join("page.html");
    std::fs::write(&template, "<h1 class=\"own\">{{ article.title }}</h1>").unwrap();
    let state = ws
        .save_site_theme(&SiteTheme {
            template: Some(format!("  {}  ", template.display())),
            stylesheet: Some("mine/site.css".into()),
        })
        .unwrap();
    assert_eq!(
        state.template.as_deref(),
        Some(&*template.display().to_string())
    );
    assert_eq!(
        state.stylesheet_in_use.as_deref(),
        Some(&*dir.path().join("mine/site.css").display().to_string())
    );
    let page = ws.render_page(&id, "fr", None, None).unwrap();
    assert!(page.html.contains("rgb(7, 8, 9)") && page.html.contains("class=\"own\""));

    // Empty fields: back to the built-in theme.
    let state = ws
        .save_site_theme(&SiteTheme {
            template: Some(" ".into()),
            stylesheet: None,
        })
        .unwrap();
    assert_eq!(state, Default::default());
    let page = ws.render_page(&id, "fr", None, None).unwrap();
    assert!(page.html.contains("Abonnez-vous"));
}
