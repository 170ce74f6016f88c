//! The live preview: Markdown → sanitised HTML plus word count.

use serde::Serialize;

use copydesk_markdown::{PreviewLimits, RenderOptions, Stats};

/// The HTML that publishing sends for `markdown`: the preview's pipeline
/// (same comrak options, same sanitiser) with no asset base, so relative
/// image paths (`assets/…`) stay as written for the publisher to rewrite.
/// Byte-for-byte the `html` of [`render_preview`]`(markdown, None)` whenever
/// the preview shows the whole document (no oversized block left out):
/// publishing never drops blocks the preview only hides from the webview.
pub fn publish_html(markdown: &str) -> String {
    copydesk_markdown::render_html(markdown, &RenderOptions::default())
}

/// [`publish_html`] with the typography of `locale`: byte-for-byte the
/// `html` of [`render_preview_in`]`(markdown, None, locale)` (the page
/// preview's body) whenever the preview shows the whole document.
pub fn publish_html_in(markdown: &str, locale: Option<&str>) -> String {
    copydesk_markdown::render_html(markdown, &body_options(None, locale))
}

/// What the preview pane shows.
#[derive(Debug, Clone, Serialize)]
pub struct PreviewOutput {
    /// Sanitised HTML, safe to insert into the webview.
    pub html: String,
    /// Blocks too large to lay out, replaced by `.cd-oversized` placeholders.
    pub oversized_blocks: usize,
    pub words: usize,
    pub reading_minutes: u32,
}

/// Renders `markdown` for the preview. Relative image and link URLs are
/// resolved against `asset_base` (the host's URL for the workspace folder).
pub fn render_preview(markdown: &str, asset_base: Option<&str>) -> PreviewOutput {
    render_preview_in(markdown, asset_base, None)
}

/// The options of the body pipeline: relative URLs against `asset_base`, the
/// typography of `locale`. The live preview, the page preview and publishing
/// all render bodies with these, so they are the same HTML byte for byte.
pub fn body_options(asset_base: Option<&str>, locale: Option<&str>) -> RenderOptions {
    RenderOptions {
        asset_base: asset_base.map(str::to_string),
        locale: locale.map(str::to_string),
    }
}

/// [`render_preview`] with the typography of `locale` applied to the text.
pub fn render_preview_in(
    markdown: &str,
    asset_base: Option<&str>,
    locale: Option<&str>,
) -> PreviewOutput {
    let opts = body_options(asset_base, locale);
    let preview = copydesk_markdown::render_preview(markdown, &opts, PreviewLimits::default());
    let Stats {
        words,
        reading_minutes,
    } = copydesk_markdown::document_stats(markdown);
    PreviewOutput {
        html: preview.html,
        oversized_blocks: preview.oversized_blocks,
        words,
        reading_minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_sends_exactly_what_the_preview_shows() {
        let docs = [
            include_str!("../sample/sommet-ia.fr.md"),
            include_str!("../sample/offline-newsletter.en.md"),
            include_str!("../sample/eclairage-ecoles.fr.md"),
            "# Titre\n\n![Une image](assets/a%20b.png) et [lien](assets/doc.pdf)\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1]\n\n[^1]: pied ☃ عربى 🎉\n",
        ];
        for doc in docs {
            let preview = render_preview(doc, None);
            assert_eq!(preview.oversized_blocks, 0);
            assert_eq!(
                publish_html(doc),
                preview.html,
                "publish and preview HTML must be byte-identical"
            );
        }
        for doc in docs {
            for locale in ["fr", "en", "de", "fr-CA"] {
                assert_eq!(
                    publish_html_in(doc, Some(locale)),
                    render_preview_in(doc, None, Some(locale)).html,
                    "with typography too ({locale})"
                );
            }
        }
        assert!(publish_html("![x](assets/a.svg)").contains("src=\"assets/a.svg\""));
        assert!(!publish_html("<script>x</script>").contains("<script"));
    }
}
