//! The comrak half of rendering: one configuration for every caller, and a
//! block-tracking variant of comrak's HTML formatter for the live preview.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use comrak::html::{ChildRendering, Context, format_document_with_formatter, format_node_default};
use comrak::nodes::{AstNode, NodeValue};
use comrak::options::Plugins;
use comrak::{Arena, Options, parse_document};

use crate::RenderOptions;
use crate::sanitize::Sanitizer;

/// The single comrak configuration. Every renderer in this crate uses it so
/// the preview and exports cannot drift apart.
pub(crate) fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.footnotes = true;
    options.extension.tasklist = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    // An empty prefix turns heading ids on; the UI's outline links to them.
    options.extension.header_id_prefix = Some(String::new());
    // Lets the preview CSS drop bullets in front of checkboxes.
    options.render.tasklist_classes = true;
    // Raw HTML goes through so harmless inline markup (<kbd>, <sup>…) works;
    // the sanitiser, not comrak, decides what survives.
    options.render.r#unsafe = true;
    options
}

/// CommonMark requires NUL to be replaced by U+FFFD. comrak does so when
/// escaping text but copies raw HTML verbatim, so do it up front: no NUL then
/// reaches the sanitiser or the webview.
fn without_nul(markdown: &str) -> Cow<'_, str> {
    if markdown.contains('\0') {
        Cow::Owned(markdown.replace('\0', "\u{FFFD}"))
    } else {
        Cow::Borrowed(markdown)
    }
}

/// comrak's HTML for `markdown`, *not sanitised*.
///
/// Exists only so the benchmark can time comrak apart from ammonia; never send
/// its output to a webview.
#[doc(hidden)]
pub fn render_unsanitised(markdown: &str) -> String {
    comrak::markdown_to_html(&without_nul(markdown), &options())
}

/// comrak's HTML with the locale's typography applied to the AST; not sanitised.
fn render_raw(markdown: &str, opts: &RenderOptions) -> String {
    let Some(locale) = opts.locale.as_deref() else {
        return render_unsanitised(markdown);
    };
    let markdown = without_nul(markdown);
    let options = options();
    let arena = Arena::new();
    let root = parse_document(&arena, &markdown, &options);
    crate::typography::apply_to_ast(root, locale);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    // Writing into a String cannot fail.
    let _ = comrak::format_html(root, &options, &mut out);
    out
}

/// Render Markdown to sanitised HTML (the whole document).
///
/// GitHub-flavoured Markdown: tables, footnotes, task lists, strikethrough,
/// autolinks and heading ids (`## Hello World` → `id="hello-world"`, with
/// `-1`, `-2`… appended to repeated headings). Raw HTML in the document is
/// kept when the sanitiser allows it (see [`sanitize_html`](crate::sanitize_html)),
/// so `<kbd>` and `<sup>` survive while scripts, event handlers and
/// `javascript:` URLs do not. Malformed Markdown (unclosed fences, runaway
/// nesting, NUL bytes…) is rendered as best comrak can, never rejected; NUL
/// becomes U+FFFD.
pub fn render_html(markdown: &str, opts: &RenderOptions) -> String {
    Sanitizer::new(opts).clean(&render_raw(markdown, opts))
}

/// What kind of top-level block a slice of HTML came from; the UI words its
/// "too large to preview" message after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Table,
    Code,
    List,
    Paragraph,
    Html,
    Other,
}

impl BlockKind {
    fn of(value: &NodeValue) -> Self {
        match value {
            NodeValue::Table(_) => Self::Table,
            NodeValue::CodeBlock(_) => Self::Code,
            NodeValue::List(_) => Self::List,
            NodeValue::Paragraph => Self::Paragraph,
            NodeValue::HtmlBlock(_) => Self::Html,
            _ => Self::Other,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Code => "code",
            Self::List => "list",
            Self::Paragraph => "paragraph",
            Self::Html => "html",
            Self::Other => "other",
        }
    }
}

/// comrak's (unsanitised) HTML for a whole document, with the byte offset at
/// which each top-level block starts.
pub(crate) struct Blocks {
    pub(crate) html: String,
    /// Sorted by offset; the first starts at 0 and each runs to the next.
    pub(crate) starts: Vec<(usize, BlockKind)>,
}

impl Blocks {
    /// Each top-level block's HTML and kind, in document order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, BlockKind)> + '_ {
        self.starts.iter().enumerate().map(|(i, &(start, kind))| {
            let end = self
                .starts
                .get(i + 1)
                .map_or(self.html.len(), |&(next, _)| next);
            (&self.html[start..end], kind)
        })
    }
}

/// Shared between the writer comrak formats into and the formatter callback,
/// which otherwise has no way to learn how much has been written.
struct Tracker<'t> {
    written: &'t Cell<usize>,
    starts: Vec<(usize, BlockKind)>,
}

struct CountingWriter<'t> {
    out: String,
    written: &'t Cell<usize>,
}

impl fmt::Write for CountingWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.push_str(s);
        self.written.set(self.out.len());
        Ok(())
    }
}

/// Records where each top-level block starts, then defers to comrak's own
/// formatter, so the HTML is byte-for-byte what `markdown_to_html` produces.
fn format_tracking<'a>(
    context: &mut Context<'_, '_, Tracker<'_>>,
    node: &'a AstNode<'a>,
    entering: bool,
) -> Result<ChildRendering, fmt::Error> {
    if entering && starts_block(node) {
        let at = context.user.written.get();
        let kind = BlockKind::of(&node.data().value);
        context.user.starts.push((at, kind));
    }
    format_node_default(context, node, entering)
}

/// A top-level node starts a block, except that consecutive footnote
/// definitions form one: comrak wraps them all in a single
/// `<section class="footnotes"><ol>` that it closes only at the end of the
/// document, and cutting inside it would restart the numbering.
fn starts_block<'a>(node: &'a AstNode<'a>) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    if !matches!(parent.data().value, NodeValue::Document) {
        return false;
    }
    let is_footnote =
        |n: &'a AstNode<'a>| matches!(n.data().value, NodeValue::FootnoteDefinition(_));
    !(is_footnote(node) && node.previous_sibling().is_some_and(is_footnote))
}

/// Parses once and formats once, remembering block boundaries, so the preview
/// can fall back to per-block rendering without parsing again and with heading
/// ids and footnote numbers exactly as in the whole-document render.
pub(crate) fn render_blocks(markdown: &str, opts: &RenderOptions) -> Blocks {
    let markdown = without_nul(markdown);
    let options = options();
    let arena = Arena::new();
    let root = parse_document(&arena, &markdown, &options);
    if let Some(locale) = opts.locale.as_deref() {
        crate::typography::apply_to_ast(root, locale);
    }
    let written = Cell::new(0);
    let mut writer = CountingWriter {
        out: String::with_capacity(markdown.len() * 3 / 2),
        written: &written,
    };
    let tracker = Tracker {
        written: &written,
        starts: Vec::new(),
    };
    let plugins = Plugins::default();
    let result = format_document_with_formatter(
        root,
        &options,
        &mut writer,
        &plugins,
        format_tracking,
        tracker,
    );
    // Writing into a String cannot fail and comrak raises no error of its own.
    let starts = result.map(|t| t.starts).unwrap_or_default();
    let mut starts = if starts.first().is_some_and(|&(at, _)| at == 0) {
        starts
    } else {
        // Output before the first block (none today) still needs an owner.
        let mut with_head = vec![(0, BlockKind::Other)];
        with_head.extend(starts);
        with_head
    };
    if writer.out.is_empty() {
        starts.clear();
    }
    Blocks {
        html: writer.out,
        starts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> String {
        render_html(md, &RenderOptions::default())
    }

    fn render_with_base(md: &str) -> String {
        render_html(
            md,
            &RenderOptions {
                asset_base: Some("copydesk-asset://localhost/".into()),
                ..Default::default()
            },
        )
    }

    mod gfm {
        use super::*;

        #[test]
        fn table() {
            let html = render("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
            assert_eq!(
                html,
                "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n\
                 <tbody>\n<tr>\n<td align=\"left\">1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n",
                "a GFM table renders with its alignment kept on th/td"
            );
        }

        #[test]
        fn footnote() {
            let html = render("Hi[^x].\n\n[^x]: A greeting.\n");
            assert_eq!(
                html,
                "<p>Hi<sup class=\"footnote-ref\"><a href=\"#fn-x\" id=\"fnref-x\" data-footnote-ref=\"\" rel=\"noopener noreferrer\">1</a></sup>.</p>\n\
                 <section class=\"footnotes\" data-footnotes=\"\">\n<ol>\n<li id=\"fn-x\">\n\
                 <p>A greeting. <a href=\"#fnref-x\" class=\"footnote-backref\" data-footnote-backref=\"\" data-footnote-backref-idx=\"1\" aria-label=\"Back to reference 1\" rel=\"noopener noreferrer\">↩</a></p>\n\
                 </li>\n</ol>\n</section>\n",
                "footnote reference and definition keep their ids, classes and data attributes"
            );
        }

        #[test]
        fn footnote_hrefs_stay_in_page_with_asset_base() {
            let html = render_with_base("Hi[^note].\n\n[^note]: There.\n");
            assert!(
                html.contains("href=\"#fn-note\"") && html.contains("href=\"#fnref-note\""),
                "fragment-only footnote hrefs must not be rewritten against the asset base: {html}"
            );
        }

        #[test]
        fn task_list() {
            let html = render("- [ ] todo\n- [x] done\n");
            assert_eq!(
                html,
                "<ul class=\"contains-task-list\">\n\
                 <li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"\"> todo</li>\n\
                 <li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" checked=\"\" disabled=\"\"> done</li>\n\
                 </ul>\n",
                "task list checkboxes survive sanitising, disabled, with checked kept"
            );
        }

        #[test]
        fn strikethrough() {
            assert_eq!(
                render("Hello ~~world~~ there.\n"),
                "<p>Hello <del>world</del> there.</p>\n",
                "~~text~~ becomes <del>"
            );
        }

        #[test]
        fn autolink() {
            assert_eq!(
                render("See www.example.com and https://example.org/a?b=c.\n"),
                "<p>See <a href=\"http://www.example.com\" rel=\"noopener noreferrer\">www.example.com</a> and \
                 <a href=\"https://example.org/a?b=c\" rel=\"noopener noreferrer\">https://example.org/a?b=c</a>.</p>\n",
                "bare www. and https:// URLs become links with rel=noopener"
            );
        }

        #[test]
        fn heading_ids() {
            assert_eq!(
                render("## Hello World\n"),
                "<h2 id=\"hello-world\">Hello World<a href=\"#hello-world\" aria-label=\"Link to heading 'Hello World'\" \
                 data-heading-content=\"Hello World\" class=\"anchor\" rel=\"noopener noreferrer\"></a></h2>\n",
                "headings get a slug id and an empty anchor link to themselves"
            );
        }

        #[test]
        fn repeated_heading_ids_are_unique() {
            let html = render("# Intro\n\n# Intro\n");
            assert!(
                html.contains("id=\"intro\"") && html.contains("id=\"intro-1\""),
                "a repeated heading gets a suffixed id: {html}"
            );
        }

        #[test]
        fn non_ascii_heading_id() {
            let html = render("# L'été arrive\n");
            assert!(
                html.starts_with("<h1 id=\"lété-arrive\">"),
                "heading slugs keep letters outside ASCII: {html}"
            );
        }

        #[test]
        fn image_src_rewritten_with_asset_base() {
            assert_eq!(
                render_with_base("![Logo](assets/a.svg)\n"),
                "<p><img src=\"copydesk-asset://localhost/assets/a.svg\" alt=\"Logo\"></p>\n",
                "a relative image source is resolved against asset_base"
            );
        }

        #[test]
        fn relative_link_rewritten_with_asset_base() {
            assert_eq!(
                render_with_base("[notes](notes/b.md)\n"),
                "<p><a href=\"copydesk-asset://localhost/notes/b.md\" rel=\"noopener noreferrer\">notes</a></p>\n",
                "a relative link href is resolved against asset_base"
            );
        }

        #[test]
        fn raw_html_image_rewritten_with_asset_base() {
            let html = render_with_base("<img src=\"/assets/c.png\" alt=\"c\">\n");
            assert!(
                html.contains("src=\"copydesk-asset://localhost/assets/c.png\""),
                "relative sources in raw HTML are rewritten too: {html}"
            );
        }

        #[test]
        fn relative_urls_untouched_without_asset_base() {
            assert_eq!(
                render("![Logo](assets/a.svg)\n"),
                "<p><img src=\"assets/a.svg\" alt=\"Logo\"></p>\n",
                "without asset_base relative URLs are left as written"
            );
        }

        #[test]
        fn unusable_asset_base_is_ignored() {
            for base in ["assets/", "mailto:desk@example.com", ""] {
                let opts = RenderOptions {
                    asset_base: Some(base.into()),
                    ..Default::default()
                };
                assert_eq!(
                    render_html("![Logo](assets/a.svg)\n", &opts),
                    "<p><img src=\"assets/a.svg\" alt=\"Logo\"></p>\n",
                    "a base {base:?} that nothing resolves against leaves relative URLs alone"
                );
            }
        }

        #[test]
        fn fragment_links_untouched() {
            assert_eq!(
                render_with_base("[up](#top)\n"),
                "<p><a href=\"#top\" rel=\"noopener noreferrer\">up</a></p>\n",
                "fragment-only hrefs are never rewritten"
            );
        }

        #[test]
        fn absolute_links_untouched() {
            assert_eq!(
                render_with_base(
                    "[site](https://example.com/x.png) ![i](https://example.com/i.png)\n"
                ),
                "<p><a href=\"https://example.com/x.png\" rel=\"noopener noreferrer\">site</a> \
                 <img src=\"https://example.com/i.png\" alt=\"i\"></p>\n",
                "absolute https URLs are never rewritten"
            );
        }

        #[test]
        fn harmless_inline_html_survives() {
            assert_eq!(
                render("Press <kbd>Ctrl</kbd>+<kbd>S</kbd>, x<sup>2</sup>.\n"),
                "<p>Press <kbd>Ctrl</kbd>+<kbd>S</kbd>, x<sup>2</sup>.</p>\n",
                "<kbd> and <sup> written in the document are kept"
            );
        }

        #[test]
        fn fenced_code_language_class() {
            assert_eq!(
                render("```rust\nfn main() {}\n```\n"),
                "<pre><code class=\"language-rust\">fn main() {}\n</code></pre>\n",
                "the info string becomes a language-* class on <code>"
            );
        }

        #[test]
        fn unsanitised_render_is_comrak_output() {
            assert_eq!(
                render_unsanitised("<script>x</script>\n"),
                "<script>x</script>\n",
                "render_unsanitised is comrak alone (bench only)"
            );
        }
    }

    mod block_tracking {
        use super::*;

        const DOC: &str = "# Title\n\nPara with[^a] note.\n\n| a |\n|---|\n| 1 |\n\n\
                           - one\n- two\n\n```\ncode\n```\n\n<div>raw</div>\n\n> quote\n\n\
                           # Title\n\nMore[^b].\n\n[^a]: First.\n[^b]: Second.\n";

        #[test]
        fn tracked_html_is_comrak_html() {
            let blocks = render_blocks(DOC, &RenderOptions::default());
            assert_eq!(
                blocks.html,
                render_unsanitised(DOC),
                "tracking block starts must not change comrak's output"
            );
        }

        #[test]
        fn blocks_cover_the_document_in_order() {
            let blocks = render_blocks(DOC, &RenderOptions::default());
            let kinds: Vec<&str> = blocks.iter().map(|(_, k)| k.as_str()).collect();
            assert_eq!(
                kinds,
                [
                    "other",
                    "paragraph",
                    "table",
                    "list",
                    "code",
                    "html",
                    "other",
                    "other",
                    "paragraph",
                    "other"
                ],
                "one entry per top-level block, footnote definitions grouped into one"
            );
            let joined: String = blocks.iter().map(|(h, _)| h).collect();
            assert_eq!(
                joined, blocks.html,
                "blocks concatenate back to the document"
            );
            let (footnotes, _) = blocks.iter().last().expect("has blocks");
            assert!(
                footnotes.starts_with("<section class=\"footnotes\"")
                    && footnotes.ends_with("</section>\n")
                    && footnotes.matches("<li id=").count() == 2,
                "the footnote section is one whole block: {footnotes}"
            );
        }

        #[test]
        fn empty_document_has_no_blocks() {
            let blocks = render_blocks("", &RenderOptions::default());
            assert!(
                blocks.html.is_empty() && blocks.starts.is_empty(),
                "nothing to render, nothing to track"
            );
        }
    }

    mod malformed {
        use super::*;

        fn nested(prefix: &str, depth: usize) -> String {
            let mut md = prefix.repeat(depth);
            md.push_str("deep\n");
            md
        }

        #[test]
        fn malformed_markdown_never_panics() {
            let inputs: Vec<(&str, String)> = vec![
                ("unclosed fence", "```rust\nfn main() {\n".into()),
                ("unclosed tilde fence", "~~~\n<script>".into()),
                ("5000 nested lists", nested("- ", 5000)),
                ("5000 nested ordered lists", nested("1. ", 5000)),
                ("5000 nested blockquotes", nested("> ", 5000)),
                ("blockquotes and lists", nested("> - ", 2500)),
                ("missing footnote", "A lone [^missing] reference.\n".into()),
                ("footnote without text", "[^x]:\n\n[^x]\n".into()),
                (
                    "NUL bytes",
                    "a\0b <span\0>\0</span> `\0`\n\n```\n\0\n```\n".into(),
                ),
                ("invalid emphasis", "***a**b*c_d__e_ **x ~~y* z~~\n".into()),
                ("runaway emphasis", "*a **b ".repeat(2000)),
                (
                    "nested brackets",
                    format!("{}x{}", "[".repeat(5000), "](".repeat(5000)),
                ),
                ("nested links", "[a [b [c](d)](e)](f)\n".into()),
                (
                    "broken table",
                    "| a | b |\n|---|\n| 1 | 2 | 3 |\n|\n".into(),
                ),
                ("unterminated html", "<div\n\n<a href=\"\n\n<!--".into()),
                ("task without list", "[ ] [x]\n".into()),
                ("only whitespace", " \t\n\r\n\u{a0}".into()),
            ];
            for (name, md) in &inputs {
                let html = render(md);
                assert!(
                    !html.contains('\0'),
                    "{name}: NUL must never reach the HTML"
                );
                let _ = crate::render_preview(md, &RenderOptions::default(), Default::default());
                let _ = crate::document_stats(md);
            }
        }

        #[test]
        fn nul_becomes_replacement_character() {
            assert_eq!(
                render("a\0b\n"),
                "<p>a\u{FFFD}b</p>\n",
                "NUL is replaced by U+FFFD as CommonMark requires"
            );
        }
    }
}
