//! The page preview: the article inside the site's theme, in the preview's
//! locale, in a sandboxed frame; the workspace's stylesheet read from disk.

use std::path::Path;
use std::time::Duration;

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
    page_screenshot_named(app, device, &format!("page-{device}")).await;
}

async fn page_screenshot_named(app: &App, device: &str, name: &str) {
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
    app.screenshot(name).await;
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

/// Replaces what a field or a CodeMirror editor holds: Ctrl+A (modifiers
/// are released at the end of a `send_keys`), then the text.
async fn replace_text(el: &fantoccini::elements::Element, text: &str) {
    el.send_keys("\u{E009}a").await.unwrap();
    el.send_keys(text).await.unwrap();
}

/// "Published on …" as each locale writes the ISO date `iso` (CLDR long dates).
fn date_line(locale: &str, iso: &str) -> String {
    let parts: Vec<u32> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    let (y, m, d) = (parts[0], parts[1] as usize - 1, parts[2]);
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    match locale {
        "fr" => format!("Publié le {d} {} {y}", FR[m]),
        "en" => format!("Published on {} {d}, {y}", EN[m]),
        "de" => format!("Veröffentlicht am {d}. {} {y}", DE[m]),
        _ => unreachable!(),
    }
}

/// The sample article's page in French, English and German (a German
/// translation started in the app): the theme's strings, the date line and
/// the word count in each language, a screenshot of each and one of the
/// three side by side.
#[tokio::test]
async fn page_preview_in_french_english_and_german() {
    let dir = data_dir("page-locales");
    let app = App::start("page-locales", &dir, Start::default()).await;
    app.open_article("Sommet pour").await;

    // A German version: started from a copy of the French text, with its own
    // title and first paragraph.
    app.js("document.querySelector('[data-testid=add-translation][data-locale=de]').click()")
        .await;
    app.click("start-translation-copy").await;
    app.wait_js(
        "const v = document.querySelector('[data-testid=translation-view]'); return !!v && v.querySelectorAll('[data-testid=translation-target]').length > 5;",
        "the German translation view",
    )
    .await;
    let title_de = "KI-Gipfel: was wir mitnehmen";
    replace_text(&app.testid("translation-title").await, title_de).await;
    let first_block = app.testid("translation-target").await;
    first_block.click().await.unwrap();
    replace_text(
        &first_block,
        "Drei Mitglieder unseres Teams haben einen Tag auf dem Gipfel verbracht.",
    )
    .await;
    app.wait_js(
        "const s = document.querySelector('[data-testid=translation-save-status]'); return !!s && /Saved/.test(s.textContent);",
        "the German version to be saved",
    )
    .await;

    // Back to the French source, page mode.
    app.js("document.querySelector('[data-testid=locale-tab][data-locale=fr]').click()")
        .await;
    app.testid("editor").await;
    app.click("preview-mode-page").await;
    wait_frame(
        &app,
        "d.documentElement.lang === 'fr' && !!d.querySelector('.post-date')",
        "the French page",
    )
    .await;
    let iso = app
        .js(&format!(
            "{FRAME} return d.querySelector('.post-date').getAttribute('datetime')"
        ))
        .await;
    let iso = iso.as_str().expect("the page's date").to_string();

    for (locale, newsletter, words, title) in [
        (
            "fr",
            "Abonnez-vous à notre lettre d’information",
            "mots",
            None,
        ),
        ("en", "Subscribe to our newsletter", "words", None),
        (
            "de",
            "Abonnieren Sie unseren Newsletter",
            "Wörter",
            Some(title_de),
        ),
    ] {
        choose_preview_locale(&app, locale).await;
        let date = date_line(locale, &iso);
        wait_frame(
            &app,
            &format!(
                "d.documentElement.lang === {locale:?} && d.querySelector('[data-block=newsletter] h2')?.textContent === {newsletter:?} && d.querySelector('.post-date')?.textContent === {date:?}"
            ),
            &format!("the page in {locale}: newsletter block and date line"),
        )
        .await;
        let words_text = app
            .js(&format!(
                "{FRAME} return d.querySelector('.post-words').textContent"
            ))
            .await;
        assert!(
            words_text.as_str().unwrap().ends_with(words),
            "{locale}: word count {words_text}"
        );
        if let Some(title) = title {
            let shown = app
                .js(&format!(
                    "{FRAME} return d.querySelector('.post-title').textContent"
                ))
                .await;
            assert_eq!(
                shown.as_str(),
                Some(title),
                "the German version's own title"
            );
            let body = app
                .js(&format!(
                    "{FRAME} return d.querySelector('.post-body').textContent"
                ))
                .await;
            assert!(
                body.as_str()
                    .unwrap()
                    .contains("Drei Mitglieder unseres Teams")
            );
        }
        let missing = app
            .js(&format!(
                "{FRAME} return d.querySelectorAll('mark.cd-missing-string').length"
            ))
            .await;
        assert_eq!(missing, 0, "{locale}: every theme string is translated");
        app.js(&format!(
            "{FRAME} window.__pages = window.__pages || {{}}; window.__pages[{locale:?}] = '<!DOCTYPE html>' + d.documentElement.outerHTML;"
        ))
        .await;
        page_screenshot_named(&app, "desktop", &format!("page-{locale}")).await;
    }

    // The three pages side by side (scaled), for review by eye.
    app.js(
        "const o = document.createElement('div'); o.id = 'side-by-side'; \
         o.style.cssText = 'position:fixed;inset:0;z-index:2000;background:#d9dcd6;display:flex;gap:8px;padding:8px;overflow:hidden'; \
         for (const l of ['fr', 'en', 'de']) { \
           const cell = document.createElement('div'); cell.style.cssText = 'flex:1;overflow:hidden;position:relative;background:#fff'; \
           const f = document.createElement('iframe'); f.setAttribute('sandbox', 'allow-same-origin'); f.srcdoc = window.__pages[l]; \
           f.style.cssText = 'border:0;width:1280px;height:2600px;transform:scale(' + ((window.innerWidth - 32) / 3 / 1280) + ');transform-origin:0 0'; \
           cell.append(f); o.append(cell); } \
         document.body.append(o);",
    )
    .await;
    app.wait_js(
        "return [...document.querySelectorAll('#side-by-side iframe')].every(f => f.contentDocument && f.contentDocument.querySelector('.post-date'));",
        "the three pages side by side",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.screenshot("page-fr-en-de").await;
    app.js("document.getElementById('side-by-side').remove();")
        .await;
    app.quit().await;
}

/// "Export HTML" writes the page as one file (stylesheet inline, images
/// embedded, no script) into the export folder, with the unsaved text, and
/// shows where.
#[tokio::test]
async fn export_html_writes_the_standalone_page() {
    let dir = data_dir("page-export");
    let exports = dir.with_file_name("page-export-files");
    let _ = std::fs::remove_dir_all(&exports);
    let app = App::start(
        "page-export",
        &dir,
        Start {
            export_dir: Some(exports.clone()),
            ..Start::default()
        },
    )
    .await;
    app.open_article("Sommet pour").await;
    app.type_in_editor("Exporté avant même d’être enregistré. ")
        .await;
    app.click("export-html").await;
    app.wait_js(
        "return !!document.querySelector('[data-testid=export-path]')",
        "the written path",
    )
    .await;
    let path = app.text("export-path").await;
    let file = Path::new(&path);
    assert_eq!(file.parent(), Some(exports.as_path()), "{path}");
    assert!(path.ends_with(".fr.html"), "{path}");
    let html = std::fs::read_to_string(file).expect("the exported file");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    let css = include_str!("../../crates/copydesk-page/theme/site.css");
    let rule = css
        .lines()
        .find(|l| l.starts_with(".newsletter"))
        .expect("a newsletter rule in the default stylesheet");
    assert!(html.contains(rule), "the theme's stylesheet inlined");
    assert!(
        html.contains("Exporté avant même d’être enregistré."),
        "the editor's text"
    );
    assert!(html.contains("Abonnez-vous à notre lettre d’information"));
    assert!(
        html.contains("src=\"data:image/png;base64,"),
        "the article's image embedded"
    );
    assert!(
        !html.contains("src=\"http://copydesk-asset") && !html.contains("src=\"assets/"),
        "no image left outside the file"
    );
    assert!(!html.to_ascii_lowercase().contains("<script"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("page-export").await;

    // The English version, from the page preview: its own file.
    app.click("preview-mode-page").await;
    choose_preview_locale(&app, "en").await;
    wait_frame(&app, "d.documentElement.lang === 'en'", "the English page").await;
    app.click("export-html").await;
    app.wait_js(
        "const p = document.querySelector('[data-testid=export-path]'); return !!p && p.textContent.endsWith('.en.html');",
        "the English file's path",
    )
    .await;
    let path = app.text("export-path").await;
    let html = std::fs::read_to_string(&path).expect("the English file");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("Subscribe to our newsletter"));
    assert_eq!(
        std::fs::read_dir(&exports).unwrap().count(),
        2,
        "one file per export"
    );
    app.quit().await;
}

/// Settings → Site theme: a missing file is refused under its field; a
/// stylesheet and a template the test writes are used by the page preview;
/// "Use built-in theme" goes back.
#[tokio::test]
async fn theme_settings_point_the_page_at_the_workspace_files() {
    let dir = data_dir("page-theme");
    let app = App::start("page-theme", &dir, Start::default()).await;
    app.open_article("Sommet pour").await;
    app.click("preview-mode-page").await;
    wait_frame(
        &app,
        "!!d.querySelector('[data-block=newsletter]')",
        "the built-in theme",
    )
    .await;

    app.click("open-settings").await;
    app.testid("site-theme").await;
    app.wait_js(
        "return [...document.querySelectorAll('[data-testid=theme-in-use]')].every(e => e.textContent.includes('built-in'));",
        "the built-in theme reported in use",
    )
    .await;
    app.testid("theme-stylesheet")
        .await
        .send_keys("mine/site.css")
        .await
        .unwrap();
    app.click("theme-save").await;
    app.wait_js(
        "const e = document.querySelector('[data-testid=theme-stylesheet-error]'); return !!e && e.textContent.includes('mine/site.css does not exist');",
        "the missing stylesheet refused, under its field",
    )
    .await;
    app.screenshot("settings-theme-error").await;

    // The test writes the files; relative paths are inside the data folder,
    // absolute ones anywhere.
    let mine = dir.join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    let css = include_str!("../../crates/copydesk-page/theme/site.css");
    std::fs::write(
        mine.join("site.css"),
        format!("{css}\nbody {{ background: rgb(12, 34, 56); }}\n"),
    )
    .unwrap();
    let template = dir.with_file_name("page-theme-template.html");
    std::fs::write(
        &template,
        "<header class=\"own-template\"><h1>{{ article.title }}</h1><p>{{ t(\"published-on\", date=article.date) }}</p></header>\n<main class=\"post-body\">{{ article.body_html }}</main>\n",
    )
    .unwrap();
    app.testid("theme-template")
        .await
        .send_keys(&template.display().to_string())
        .await
        .unwrap();
    app.click("theme-save").await;
    app.testid("theme-saved").await;
    app.wait_js(
        "return !document.querySelector('[data-testid=theme-stylesheet-error]') && document.querySelector('[data-testid=theme-in-use][data-part=stylesheet]').textContent.includes('mine/site.css') && document.querySelector('[data-testid=theme-in-use][data-part=template]').textContent.includes('page-theme-template.html');",
        "both files reported in use",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("settings-theme").await;
    app.click("close-settings").await;
    wait_frame(
        &app,
        "getComputedStyle(d.body).backgroundColor === 'rgb(12, 34, 56)' && !!d.querySelector('.own-template') && !d.querySelector('[data-block=newsletter]')",
        "the page in the workspace's template and stylesheet",
    )
    .await;
    app.screenshot("page-theme-custom").await;

    // Back to the built-in theme.
    app.click("open-settings").await;
    app.click("theme-reset").await;
    app.wait_js(
        "const i = document.querySelector('[data-testid=theme-stylesheet]'); return i.value === '' && [...document.querySelectorAll('[data-testid=theme-in-use]')].every(e => e.textContent.includes('built-in'));",
        "the built-in theme in use again",
    )
    .await;
    app.click("close-settings").await;
    wait_frame(
        &app,
        "getComputedStyle(d.body).backgroundColor !== 'rgb(12, 34, 56)' && !!d.querySelector('[data-block=newsletter]')",
        "the page in the built-in theme again",
    )
    .await;
    app.quit().await;
}

/// The text of the editor's line at the top of its scroller.
const EDITOR_TOP_LINE: &str = "const s = document.querySelector('.cm-scroller'); const top = s.getBoundingClientRect().top + parseFloat(getComputedStyle(s).paddingTop); \
    const line = [...document.querySelectorAll('.cm-line')].find(l => l.getBoundingClientRect().bottom > top + 4); \
    const text = line ? line.textContent : '';";

/// Scroll sync both ways, by source line, in the text and the page preview;
/// the pane moved by the sync does not move the other back.
#[tokio::test]
async fn scrolling_the_preview_scrolls_the_editor_to_the_same_line() {
    let dir = data_dir("page-scroll");
    let app = App::start("page-scroll", &dir, Start::default()).await;
    app.open_article("Sommet pour").await;
    app.wait_js(
        "const p = document.querySelector('[data-testid=preview]'); return !!p && p.scrollHeight > p.clientHeight + 400 && !!p.querySelector('h2');",
        "a preview long enough to scroll",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(400)).await;

    // Text preview → editor: a heading at the top of the preview brings its
    // Markdown line to the top of the editor.
    let set = app
        .js("const p = document.querySelector('[data-testid=preview]'); const h = [...p.querySelectorAll('h2')].find(h => h.textContent.includes('Ce que nous allons changer')); \
             p.scrollTop = h.getBoundingClientRect().top - p.getBoundingClientRect().top + p.scrollTop; return p.scrollTop;")
        .await;
    app.wait_js(
        &format!("{EDITOR_TOP_LINE} return text.startsWith('## Ce que nous allons changer');"),
        "the editor to show the heading's line at its top",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let now = app
        .js("return document.querySelector('[data-testid=preview]').scrollTop")
        .await;
    assert!(
        (now.as_f64().unwrap() - set.as_f64().unwrap()).abs() <= 8.0,
        "the preview stays where the user put it (no echo): {set} → {now}"
    );
    app.screenshot("scroll-sync-preview-to-editor").await;

    // Editor → preview: a heading's line at the top of the editor brings the
    // heading to the top of the preview.
    app.js("const s = document.querySelector('.cm-scroller'); const l = [...document.querySelectorAll('.cm-line')].find(l => l.textContent.startsWith('### Les gestionnaires')); \
            s.scrollTop += l.getBoundingClientRect().top - s.getBoundingClientRect().top - parseFloat(getComputedStyle(s).paddingTop);")
        .await;
    app.wait_js(
        "const p = document.querySelector('[data-testid=preview]'); const h = [...p.querySelectorAll('h3')].find(h => h.textContent.includes('Les gestionnaires')); \
         return Math.abs(h.getBoundingClientRect().top - p.getBoundingClientRect().top) < 6;",
        "the preview to show the heading at its top",
    )
    .await;

    // The page preview: the body sits inside the theme, the map still holds.
    app.click("preview-mode-page").await;
    wait_frame(&app, "!!d.querySelector('.post-body h2')", "the page").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let set = app.js(&format!(
        "{FRAME} const h = [...d.querySelectorAll('.post-body h2')].find(h => h.textContent.includes('Ce que nous en retenons')); \
         d.scrollingElement.scrollTop = h.getBoundingClientRect().top + d.scrollingElement.scrollTop; return d.scrollingElement.scrollTop;"
    ))
    .await;
    app.wait_js(
        &format!("{EDITOR_TOP_LINE} return text.startsWith('## Ce que nous en retenons');"),
        "the editor to follow the page",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let now = app
        .js(&format!("{FRAME} return d.scrollingElement.scrollTop"))
        .await;
    assert!(
        (now.as_f64().unwrap() - set.as_f64().unwrap()).abs() <= 8.0,
        "the page stays where the user put it: {set} → {now}"
    );
    app.screenshot("scroll-sync-page-to-editor").await;
    // Scrolled to its end, the page brings the editor to its end.
    app.js(&format!(
        "{FRAME} d.scrollingElement.scrollTop = d.scrollingElement.scrollHeight;"
    ))
    .await;
    app.wait_js(
        "const s = document.querySelector('.cm-scroller'); return s.scrollTop >= s.scrollHeight - s.clientHeight - 2;",
        "the editor at its end",
    )
    .await;
    app.quit().await;
}
