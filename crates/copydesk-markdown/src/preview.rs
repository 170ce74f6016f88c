//! Live preview: the same HTML as an export, unless the document would make
//! the webview's layout freeze, in which case the offending blocks are
//! replaced by placeholders the UI words.

use std::fmt::Write as _;

use serde::Serialize;

use crate::RenderOptions;
use crate::render::{BlockKind, render_blocks};
use crate::sanitize::{Sanitizer, clean_with};

/// Result of rendering for the live preview.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// Sanitised HTML to put in the preview pane.
    pub html: String,
    /// How many top-level blocks were left out and stood in for by a
    /// `cd-oversized` placeholder; 0 when the preview is the full document.
    pub oversized_blocks: usize,
}

/// Limits that keep a preview small enough for a webview to lay out without
/// freezing.
#[derive(Debug, Clone, Copy)]
pub struct PreviewLimits {
    /// Most bytes of HTML the preview may hold, placeholders included.
    pub max_total_bytes: usize,
    /// Most bytes of HTML one top-level block (a table, a list…) may produce
    /// before it is replaced by a placeholder.
    pub max_block_bytes: usize,
}

impl Default for PreviewLimits {
    /// 1 MB in all, 250 KB per block: a long book chapter fits; a table that
    /// expands to tens of thousands of cells (seen: a 720 KB table of 80,000
    /// cells took WebKitGTK long enough to stutter typing) does not.
    fn default() -> Self {
        Self {
            max_total_bytes: 1_000_000,
            max_block_bytes: 250_000,
        }
    }
}

/// Room kept at the end of the budget for the trailing `rest` placeholder,
/// which is never longer than this.
const PLACEHOLDER_RESERVE: usize = 96;

fn placeholder(out: &mut String, kind: &str, bytes: usize) {
    // Infallible: writing into a String.
    let _ = writeln!(
        out,
        "<div class=\"cd-oversized\" data-kind=\"{kind}\" data-bytes=\"{bytes}\"></div>"
    );
}

/// Render for the live preview.
///
/// When comrak's HTML for the whole document and its sanitised form both fit
/// `max_total_bytes` and no top-level block exceeds `max_block_bytes`, the result is byte-for-byte [`render_html`](crate::render_html)
/// with `oversized_blocks == 0`. Otherwise each top-level block is sanitised
/// on its own, in document order:
///
/// - a block whose HTML exceeds `max_block_bytes` is replaced by
///   `<div class="cd-oversized" data-kind="table" data-bytes="5123456"></div>`,
///   where `data-kind` is `table`, `code`, `list`, `paragraph`, `html` or
///   `other` and `data-bytes` is the size of the HTML left out (measured
///   before sanitising when the block is too big to be worth sanitising);
/// - once the next block would take the preview past `max_total_bytes`, it
///   and every block after it are left out behind a single placeholder with
///   `data-kind="rest"`.
///
/// `oversized_blocks` counts every block left out, those behind `rest`
/// included. The HTML never exceeds `max_total_bytes` unless that limit is
/// smaller than one placeholder (about 100 bytes). Heading ids and footnote
/// numbers are those of the whole-document render; the footnotes section
/// counts as one block. Blocks are sanitised separately, so raw HTML opened
/// in one block and closed in another is closed early in this fallback.
/// The placeholders are left empty on purpose: the UI fills in a localised
/// message.
pub fn render_preview(markdown: &str, opts: &RenderOptions, limits: PreviewLimits) -> Preview {
    let blocks = render_blocks(markdown, opts);
    let sanitizer = Sanitizer::new(opts);
    let builder = sanitizer.builder();

    // Sizes are first judged on comrak's HTML: sanitising mostly removes, and
    // this avoids spending time cleaning megabytes that would be thrown away.
    // A single huge block (a table of 80,000 cells) stalls the webview's
    // layout even when the whole page is under the total limit.
    let fits = blocks.html.len() <= limits.max_total_bytes
        && blocks
            .iter()
            .all(|(raw, _)| raw.len() <= limits.max_block_bytes);
    if fits {
        let html = clean_with(&builder, &blocks.html);
        if html.len() <= limits.max_total_bytes {
            return Preview {
                html,
                oversized_blocks: 0,
            };
        }
    }

    let budget = limits.max_total_bytes.saturating_sub(PLACEHOLDER_RESERVE);
    let mut html = String::new();
    let mut oversized_blocks = 0;
    let all: Vec<(&str, BlockKind)> = blocks.iter().collect();
    for (i, &(raw, kind)) in all.iter().enumerate() {
        let mut piece = String::new();
        let mut left_out = false;
        if raw.len() > limits.max_block_bytes {
            placeholder(&mut piece, kind.as_str(), raw.len());
            left_out = true;
        } else {
            let clean = clean_with(&builder, raw);
            if clean.len() > limits.max_block_bytes {
                placeholder(&mut piece, kind.as_str(), clean.len());
                left_out = true;
            } else {
                piece = clean;
            }
        }
        if html.len() + piece.len() > budget {
            let rest = &all[i..];
            let bytes = rest.iter().map(|(raw, _)| raw.len()).sum();
            placeholder(&mut html, "rest", bytes);
            oversized_blocks += rest.len();
            break;
        }
        html.push_str(&piece);
        oversized_blocks += usize::from(left_out);
    }
    Preview {
        html,
        oversized_blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render_html;

    /// ~6 KB of Markdown that comrak expands to about 2 MB of HTML: every
    /// pipe-less row still gets all 400 cells, each with its alignment.
    fn pathological_table() -> String {
        let mut md = String::new();
        for c in 0..400 {
            let _ = write!(md, "|c{c}");
        }
        md.push_str("|\n");
        md.push_str(&"|:-:".repeat(400));
        md.push_str("|\n");
        for r in 0..200 {
            let _ = writeln!(md, "w{r}");
        }
        md
    }

    fn opts() -> RenderOptions {
        RenderOptions::default()
    }

    mod preview_limits {
        use super::*;

        #[test]
        fn pathological_table_is_replaced() {
            let md = format!(
                "# Before\n\nIntro.\n\n{}\nAfter the table.\n\n## Later\n",
                pathological_table()
            );
            assert!(md.len() < 8_000, "the input is small: {} bytes", md.len());
            let limits = PreviewLimits::default();
            let preview = render_preview(&md, &opts(), limits);
            assert!(
                preview.html.len() <= limits.max_total_bytes,
                "preview stays under the total limit: {} bytes",
                preview.html.len()
            );
            assert_eq!(
                preview.oversized_blocks, 1,
                "exactly the table was left out"
            );
            assert!(
                preview
                    .html
                    .contains("<div class=\"cd-oversized\" data-kind=\"table\" data-bytes=\""),
                "the table is replaced by a table placeholder: {}",
                preview.html
            );
            assert!(
                preview.html.starts_with("<h1 id=\"before\">"),
                "blocks before the table are kept"
            );
            assert!(
                preview.html.contains("<p>After the table.</p>")
                    && preview.html.contains("<h2 id=\"later\">"),
                "blocks after the oversized one still appear: {}",
                preview.html
            );
        }

        #[test]
        fn placeholder_reports_size() {
            let preview = render_preview(&pathological_table(), &opts(), PreviewLimits::default());
            let raw = crate::render_unsanitised(&pathological_table()).len();
            assert!(
                raw > 1_500_000,
                "the table really expands to megabytes: {raw}"
            );
            assert_eq!(
                preview.html,
                format!(
                    "<div class=\"cd-oversized\" data-kind=\"table\" data-bytes=\"{raw}\"></div>\n"
                ),
                "the placeholder carries the size of the HTML left out"
            );
        }

        #[test]
        fn normal_document_equals_render_html() {
            let md = "# T\n\nText[^1] with <kbd>K</kbd>.\n\n- [x] a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
                      ```js\nlet x;\n```\n\n<script>alert(1)</script>\n\n[^1]: Note.\n";
            let preview = render_preview(md, &opts(), PreviewLimits::default());
            assert_eq!(
                preview.html,
                render_html(md, &opts()),
                "a document under the limits previews exactly as it renders"
            );
            assert_eq!(preview.oversized_blocks, 0, "nothing left out");
        }

        #[test]
        fn code_block_over_block_limit() {
            let md = format!("Intro.\n\n```\n{}```\n\nOutro.\n", "x\n".repeat(2_000));
            let limits = PreviewLimits {
                max_total_bytes: 1_000,
                max_block_bytes: 500,
            };
            let preview = render_preview(&md, &opts(), limits);
            assert_eq!(
                preview.html,
                "<p>Intro.</p>\n<div class=\"cd-oversized\" data-kind=\"code\" data-bytes=\"4025\"></div>\n<p>Outro.</p>\n",
                "a big code block is replaced, its neighbours kept"
            );
            assert_eq!(preview.oversized_blocks, 1, "one block replaced");
        }

        #[test]
        fn rest_placeholder_when_total_exceeded() {
            let md: String = (0..100)
                .map(|i| format!("Paragraph number {i}.\n\n"))
                .collect();
            let limits = PreviewLimits {
                max_total_bytes: 500,
                max_block_bytes: 400,
            };
            let preview = render_preview(&md, &opts(), limits);
            assert!(
                preview.html.len() <= 500,
                "stays under the total: {}",
                preview.html.len()
            );
            let kept = preview.html.matches("<p>").count();
            assert!(kept > 5, "the first paragraphs are kept: {kept}");
            assert_eq!(
                preview.oversized_blocks,
                100 - kept,
                "every paragraph not shown counts as left out"
            );
            assert_eq!(
                preview.html.matches("cd-oversized").count(),
                1,
                "one trailing placeholder stands for them all"
            );
            let expected_rest: usize = (kept..100)
                .map(|i| format!("<p>Paragraph number {i}.</p>\n").len())
                .sum();
            assert!(
                preview.html.ends_with(&format!(
                    "data-kind=\"rest\" data-bytes=\"{expected_rest}\"></div>\n"
                )),
                "rest reports the bytes it stands for: {}",
                preview.html
            );
        }

        #[test]
        fn oversized_footnotes_keep_numbering_in_fallback() {
            let md = format!(
                "A[^a] B[^b].\n\n{}\n\n[^a]: One.\n[^b]: Two.\n",
                pathological_table()
            );
            let preview = render_preview(&md, &opts(), PreviewLimits::default());
            assert_eq!(preview.oversized_blocks, 1, "only the table is left out");
            assert_eq!(
                preview.html.matches("<section class=\"footnotes\"").count(),
                1,
                "the footnotes stay in one section: {}",
                preview.html
            );
            assert!(
                preview.html.contains("aria-label=\"Back to reference 2\""),
                "the second footnote is still number 2: {}",
                preview.html
            );
        }

        #[test]
        fn empty_document() {
            let preview = render_preview("", &opts(), PreviewLimits::default());
            assert_eq!(
                (preview.html.as_str(), preview.oversized_blocks),
                ("", 0),
                "empty in, empty out"
            );
        }
    }
}
