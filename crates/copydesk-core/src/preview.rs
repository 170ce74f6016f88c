//! The live preview: Markdown → sanitised HTML plus word count.

use serde::Serialize;

use copydesk_markdown::{PreviewLimits, RenderOptions, Stats};

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
