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
    let opts = RenderOptions {
        asset_base: asset_base.map(str::to_string),
        ..Default::default()
    };
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
        assert!(publish_html("![x](assets/a.svg)").contains("src=\"assets/a.svg\""));
        assert!(!publish_html("<script>x</script>").contains("<script"));
    }
}
