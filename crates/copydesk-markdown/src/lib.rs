//! Markdown → sanitised HTML for Copydesk's export and live preview, plus word
//! counts.
//!
//! Everything that turns a document into HTML goes through [`render_html`],
//! [`render_preview`] or [`sanitize_html`], which share one comrak
//! configuration (GitHub-flavoured Markdown) and one ammonia allow-list, so
//! the preview, exports and any HTML pasted in by the UI obey the same rules.
//!
//! Raw HTML in documents is passed through comrak on purpose (editors use
//! `<kbd>`, `<sup>`, `<abbr>`…) and made safe by the sanitiser, never by
//! comrak: no function here returns HTML that has not been through
//! [`sanitize_html`]'s allow-list, except the hidden `render_unsanitised`,
//! which only exists so the benchmark can time comrak on its own.

mod blocks;
mod preview;
mod render;
mod sanitize;
mod stats;
pub mod typography;

pub use blocks::{SourceBlock, block_hash, split_blocks};
pub use preview::{Preview, PreviewLimits, render_preview};
pub use render::render_html;
#[doc(hidden)]
pub use render::render_unsanitised;
pub use sanitize::sanitize_html;
pub use stats::{Stats, document_stats};

/// Options that affect the HTML produced.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Base URL against which *relative* image sources and link hrefs are
    /// rewritten (e.g. `"copydesk-asset://localhost/"` so `![x](assets/a.svg)`
    /// loads from the workspace).
    ///
    /// Resolution follows the URL standard (`assets/a.svg`, `/assets/a.svg`
    /// and `//host/a.svg` are all resolved against the base), so a relative
    /// URL can never escape to another scheme. Fragment-only hrefs such as
    /// `"#fn-1"` and empty URLs are left untouched so in-page links keep
    /// working. The base's own scheme is allowed in URLs, so HTML that was
    /// already rewritten survives being sanitised again.
    ///
    /// `None` — or a value that is not an absolute, hierarchical URL — leaves
    /// relative URLs as they are.
    pub asset_base: Option<String>,
    /// BCP 47 tag of the document's language: its typography (quotes,
    /// apostrophes, no-break spaces; see [`typography`]) is applied to the
    /// text. `None`, or a language without rules, leaves the text as typed.
    pub locale: Option<String>,
}
