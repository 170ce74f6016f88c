//! The page preview: the article inside the site's theme, in the preview's
//! locale, in a sandboxed frame; the workspace's stylesheet read from disk.

use crate::SAMPLE_TITLE_FR;
use crate::harness::{App, Start, data_dir};

/// The frame's document text (same origin, scripts off inside).
const FRAME: &str = "const f = document.querySelector('[data-testid=page-preview]'); const d = f && f.contentDocument;";

async fn wait_frame(app: &App, condition: &str, what: &str) {
    app.wait_js(
        &format!("{FRAME} return !!d && !!d.body && ({condition});"),
        what,
    )
    .await;
}

async fn choose_preview_locale(app: &App, locale: &str) {
    app.js(&format!(
        "const s = document.querySelector('[data-testid=preview-locale]'); s.value = {locale:?}; s.dispatchEvent(new Event('change', {{ bubbles: true }}));"
    ))
    .await;
}

/// Screenshot of the page alone at one device width: the frame host fills
/// the window for the picture, so the page is shown at its real size.
async fn page_screenshot(app: &App, device: &str) {
    app.js(&format!(
        "document.querySelector('[data-testid=preview-device][data-device={device}]').click();"
    ))
    .await;
    app.js("const h = document.querySelector('.page-frame-host'); h.style.cssText = 'position:fixed;inset:0;margin:0;z-index:1000;background:#d9dcd6';")
        .await;
    app.wait_js(
        &format!("const f = document.querySelector('[data-testid=page-preview]'); return f.dataset.device === '{device}' && f.getBoundingClientRect().height > 700;"),
        "the frame to fill the window",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.screenshot(&format!("page-{device}")).await;
    app.js("document.querySelector('.page-frame-host').style.cssText = '';")
        .await;
}

#[tokio::test]
async fn page_preview_follows_the_locale_and_the_theme_on_disk() {
    let dir = data_dir("page-preview");
    let app = App::start("page-preview", &dir, Start::default()).await;
    app.open_article("Sommet pour").await;
    app.click("preview-mode-page").await;

    // French: the newsletter block and the date line in French, typography too.
    wait_frame(
        &app,
        "d.querySelector('[data-block=newsletter]')?.textContent.includes('Abonnez-vous à notre lettre d’information') && d.querySelector('.post-date')?.textContent.startsWith('Publié le ')",
        "the page in French",
    )
    .await;
    let frame = app.testid("page-preview").await;
    assert_eq!(
        frame.attr("sandbox").await.unwrap().as_deref(),
        Some("allow-same-origin")
    );
    let title = app
        .js(&format!(
            "{FRAME} return d.querySelector('.post-title').textContent"
        ))
        .await;
    assert!(
        title.as_str().unwrap().contains(
            SAMPLE_TITLE_FR
                .split(" : ")
                .next()
                .unwrap()
                .replace('\'', "’")
                .as_str()
        ),
        "the French title, with typographic apostrophes: {title}"
    );
    let scripts = app
        .js(&format!(
            "{FRAME} return d.querySelectorAll('script').length"
        ))
        .await;
    assert_eq!(scripts, 0);

    // English: the same article's English version, strings and date in English.
    choose_preview_locale(&app, "en").await;
    wait_frame(
        &app,
        "d.documentElement.lang === 'en' && d.querySelector('[data-block=newsletter]')?.textContent.includes('Subscribe to our newsletter') && d.querySelector('.post-date')?.textContent.startsWith('Published on ')",
        "the page in English",
    )
    .await;

    // Back to French.
    choose_preview_locale(&app, "fr").await;
    wait_frame(
        &app,
        "d.documentElement.lang === 'fr' && d.querySelector('.post-date')?.textContent.startsWith('Publié le ')",
        "the page in French again",
    )
    .await;

    // Screenshots at three widths (reviewed by eye).
    for device in ["desktop", "tablet", "phone"] {
        page_screenshot(&app, device).await;
    }
    app.js("document.querySelector('[data-testid=preview-device][data-device=desktop]').click();")
        .await;

    // The workspace's own stylesheet, edited on disk, shows without a restart.
    let theme = dir.join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    let css = include_str!("../../crates/copydesk-page/theme/site.css");
    std::fs::write(
        theme.join("site.css"),
        format!("{css}\nbody {{ background: rgb(10, 20, 30); }}\n"),
    )
    .unwrap();
    wait_frame(
        &app,
        "getComputedStyle(d.body).backgroundColor === 'rgb(10, 20, 30)'",
        "the page to use the workspace stylesheet",
    )
    .await;
    std::fs::write(
        theme.join("site.css"),
        format!("{css}\nbody {{ background: rgb(200, 210, 220); }}\n"),
    )
    .unwrap();
    wait_frame(
        &app,
        "getComputedStyle(d.body).backgroundColor === 'rgb(200, 210, 220)'",
        "the page to follow the edited stylesheet",
    )
    .await;
    app.screenshot("page-workspace-css").await;

    // Back to the text preview.
    app.click("preview-mode-body").await;
    app.testid("preview-body").await;
    app.quit().await;
}
