use super::*;

fn input(locale: &str) -> PageInput {
    PageInput {
        article: PageArticle {
            title: "L'été \"chaud\"".into(),
            author: "Camille Martin".into(),
            date: Some("2025-03-18".into()),
            summary: "Un résumé ?".into(),
            locale: locale.into(),
            slug: "ete".into(),
            tags: vec!["climat".into()],
            words: 600,
            reading_minutes: 3,
            body_html: "<p>Corps <strong>gras</strong>.</p>\n".into(),
        },
        related: vec![RelatedArticle {
            title: "Autre".into(),
            summary: "Résumé".into(),
            date: Some("2024-12-01".into()),
            slug: "autre".into(),
            locale: locale.into(),
        }],
    }
}

fn theme_with(template: &str) -> Theme {
    Theme {
        template: ThemeFile {
            name: "/site/theme/page.html".into(),
            text: template.into(),
        },
        ..Theme::default()
    }
}

mod default_theme {
    use super::*;

    #[test]
    fn french_page() {
        let html = render_page(&input("fr"), &Theme::default(), &SiteStrings::none()).unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
            "{html}"
        );
        assert!(
            html.contains("Publié le 18 mars 2025"),
            "date line in French"
        );
        assert!(
            html.contains("Abonnez-vous à notre lettre d’information"),
            "newsletter in French"
        );
        assert!(html.contains("Par Camille Martin"));
        assert!(html.contains("3 minutes de lecture"));
        assert!(html.contains("Articles similaires"));
        assert!(
            html.contains("1 décembre 2024"),
            "related dates per locale: {html}"
        );
        assert!(
            html.contains("L’été «&nbsp;chaud&nbsp;»"),
            "typography on the title: {html}"
        );
        assert!(html.contains("Un résumé\u{202F}?"), "and on the summary");
        assert!(
            html.contains("désabonnement en un clic\u{202F}!"),
            "and on the strings"
        );
        assert!(
            !html.contains("cd-missing-string\""),
            "nothing falls back in fr"
        );
    }

    #[test]
    fn english_and_german_pages() {
        let en = render_page(&input("en"), &Theme::default(), &SiteStrings::none()).unwrap();
        assert!(en.contains("Published on March 18, 2025"));
        assert!(en.contains("Subscribe to our newsletter"));
        assert!(en.contains("L’été “chaud”"), "English quotes: {en}");
        let de = render_page(&input("de"), &Theme::default(), &SiteStrings::none()).unwrap();
        assert!(de.contains("Veröffentlicht am 18. März 2025"));
        assert!(de.contains("Abonnieren Sie unseren Newsletter"));
        assert!(de.contains("L’été „chaud“"), "German quotes: {de}");
    }

    #[test]
    fn word_count_in_each_locale_s_digits() {
        for (locale, words) in [
            ("fr", "12\u{202F}345 mots"),
            ("en", "12,345 words"),
            ("de", "12.345 Wörter"),
        ] {
            let mut i = input(locale);
            i.article.words = 12345;
            let html = render_page(&i, &Theme::default(), &SiteStrings::none()).unwrap();
            assert!(
                html.contains(&format!("<span class=\"post-words\">{words}</span>")),
                "{locale}: {html}"
            );
        }
    }

    #[test]
    fn unknown_locale_falls_back_marked() {
        let html = render_page(&input("ja"), &Theme::default(), &SiteStrings::none()).unwrap();
        assert!(
            html.contains("data-l10n-id=\"newsletter-title\" data-state=\"fallback\""),
            "strings shown in the reference language are marked"
        );
    }

    #[test]
    fn body_goes_through_unchanged() {
        let markdown = "# T\n\nA [link](https://e.com) and ![i](copydesk-asset://localhost/a.png).\n\n\
                        | a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nNote[^1].\n\n[^1]: Foot.\n\n\
                        ```rust\nfn x() {}\n```\n";
        let body = copydesk_markdown::render_html(
            markdown,
            &copydesk_markdown::RenderOptions {
                asset_base: Some("copydesk-asset://localhost/".into()),
                locale: Some("fr".into()),
            },
        );
        let mut i = input("fr");
        i.article.body_html = body.clone();
        let html = render_page(&i, &Theme::default(), &SiteStrings::none()).unwrap();
        assert!(
            html.contains(&body),
            "the page holds the body byte for byte:\n{body}\n---\n{html}"
        );
    }

    #[test]
    fn the_document_starts_with_the_csp() {
        let html = render_page(&input("en"), &Theme::default(), &SiteStrings::none()).unwrap();
        let head = &html[..html.find("<title>").unwrap()];
        assert!(head.contains("Content-Security-Policy") && head.contains("script-src 'none'"));
    }
}

mod template_errors {
    use super::*;

    #[test]
    fn syntax_error_has_file_and_line() {
        let e = render_page(
            &input("en"),
            &theme_with("<h1>{{ article.title }}</h1>\n<p>\n{% if article.author %}\n"),
            &SiteStrings::none(),
        )
        .unwrap_err();
        assert_eq!(e.file, "/site/theme/page.html");
        assert_eq!(e.line, Some(3), "{e}");
        assert!(
            e.to_string().starts_with("/site/theme/page.html:3: "),
            "{e}"
        );
    }

    #[test]
    fn runtime_error_has_file_and_line() {
        let e = render_page(
            &input("en"),
            &theme_with("<p>ok</p>\n<p>{{ article.date|date(\"tiny\") }}</p>\n"),
            &SiteStrings::none(),
        )
        .unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("unknown date style"), "{e}");
    }

    #[test]
    fn unreadable_theme_file_is_reported_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.html");
        let css = dir.path().join("site.css");
        std::fs::write(&css, "body{color:red}").unwrap();
        let (theme, errors) = Theme::load(Some(&missing), Some(&css));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].file, missing.display().to_string());
        assert_eq!(theme.template.name, DEFAULT_TEMPLATE_NAME);
        assert_eq!(theme.stylesheet.text, "body{color:red}");
    }
}

mod no_script {
    use super::*;

    #[test]
    fn a_template_cannot_reintroduce_script() {
        let evil = r#"
<script>alert(1)</script>
<img src="x.png" onerror="alert(2)">
<a href="javascript:alert(3)">a</a>
<a href="  JaVaScRiPt:alert(4)">b</a>
<iframe src="https://evil.example"></iframe>
<iframe srcdoc="<script>alert(5)</script>"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<meta http-equiv="refresh" content="0;url=javascript:alert(6)">
<base href="javascript:alert(7)//">
<link rel="stylesheet" href="https://evil.example/x.css">
<style>body{background:url(javascript:alert(8))}</style>
<svg><script>alert(9)</script></svg>
<math><mtext><script>alert(10)</script></mtext></math>
<form action="javascript:alert(11)"><button formaction="javascript:alert(12)">x</button></form>
<a href="data:text/html,<script>alert(13)</script>">c</a>
<div style="background:url(javascript:alert(14))" onclick="alert(15)">d</div>
{{ article.body_html }}
{{ "<script>alert(16)</script>"|safe }}
"#;
        let mut i = input("en");
        i.article.body_html = "<script>alert(17)</script><p onmouseover=\"alert(18)\">x</p>".into();
        let html = render_page(&i, &theme_with(evil), &SiteStrings::none()).unwrap();
        let body = &html[html.find("<body>").unwrap()..];
        let lower = body.to_ascii_lowercase();
        for needle in [
            "<script",
            "onerror",
            "onclick",
            "onmouseover",
            "javascript:",
            "<iframe",
            "srcdoc",
            "<object",
            "<embed",
            "<meta",
            "<base",
            "<link",
            "<style",
            "<svg",
            "<math",
            "formaction",
            "data:text",
            "style=",
        ] {
            assert!(!lower.contains(needle), "{needle} survived:\n{body}");
        }
    }

    #[test]
    fn a_stylesheet_cannot_close_its_style_element() {
        let html = document(
            "en",
            "t",
            "a{}</STYLE><script>alert(1)</script>",
            "<p>x</p>",
        );
        assert!(!html.contains("</STYLE><script>"));
        assert_eq!(
            html.matches("</style>").count(),
            2,
            "only Copydesk's own closing tags"
        );
    }

    #[test]
    fn strings_cannot_inject_script_either() {
        let mut site = SiteStrings::none();
        site.locales.insert(
            "en".into(),
            vec!["newsletter-title = <script>alert(1)</script><b onclick=\"x()\">Hi</b>\n".into()],
        );
        let html = render_page(&input("en"), &Theme::default(), &site).unwrap();
        let body = &html[html.find("<body>").unwrap()..];
        assert!(
            !body.contains("<script") && !body.contains("onclick"),
            "{body}"
        );
        assert!(body.contains("<b>Hi</b>"));
    }
}

mod standalone {
    use super::*;

    #[test]
    fn images_become_data_uris() {
        let html = "<p><img src=\"assets/a.png\" alt=\"a\"> <img src=\"https://e.com/b.png\"></p>";
        let out = embed_images(html, |src| {
            (src == "assets/a.png").then(|| (vec![1, 2, 3], "image/png".to_string()))
        });
        assert_eq!(
            out,
            "<p><img src=\"data:image/png;base64,AQID\" alt=\"a\"> <img src=\"https://e.com/b.png\"></p>"
        );
    }

    #[test]
    fn mime_types() {
        assert_eq!(image_mime("a/B.JPG"), Some("image/jpeg"));
        assert_eq!(image_mime("a.svg"), Some("image/svg+xml"));
        assert_eq!(image_mime("a.txt"), None);
    }
}
