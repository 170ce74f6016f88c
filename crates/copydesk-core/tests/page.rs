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
