//! Splitting a document into its top-level blocks, the unit of translation.
//!
//! Each block keeps its exact source text and a hash of that text with
//! whitespace runs collapsed, so reflowing a paragraph (or changing CRLF to
//! LF) does not make it "changed", while any change of words does.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};
use serde::Serialize;

use crate::render::options;

/// One top-level block of a Markdown document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceBlock {
    /// heading, paragraph, image, list, table, code, blockquote, html,
    /// thematic_break, footnote or other.
    pub kind: &'static str,
    /// The block's Markdown exactly as written (trailing blank lines removed).
    pub text: String,
    /// Stable content hash (16 hex digits) of the text with whitespace runs
    /// collapsed; equal texts up to whitespace have equal hashes.
    pub hash: String,
}

/// The top-level blocks of `markdown`, in document order. Blank documents
/// have none; malformed Markdown still splits (comrak never rejects input).
pub fn split_blocks(markdown: &str) -> Vec<SourceBlock> {
    let markdown = markdown.replace('\0', "\u{FFFD}");
    let lines: Vec<&str> = markdown.split_inclusive('\n').collect();
    let arena = Arena::new();
    let root = parse_document(&arena, &markdown, &options());
    let mut spans: Vec<(usize, usize, &'static str)> = root
        .children()
        .map(|node| {
            let ast = node.data();
            (
                ast.sourcepos.start.line,
                ast.sourcepos.end.line,
                kind_of(node),
            )
        })
        .filter(|(start, end, _)| *start >= 1 && *end >= *start)
        .collect();
    // comrak moves footnote definitions to the end; translators see them
    // where the writer put them.
    spans.sort_by_key(|(start, _, _)| *start);
    // Each block runs to the line before the next one, so lines comrak keeps
    // out of the tree (link reference definitions) stay with the block above;
    // lines before the first block go with it. Nothing written is lost.
    let starts: Vec<usize> = spans.iter().map(|(start, _, _)| *start).collect();
    spans
        .iter()
        .enumerate()
        .filter_map(|(i, &(start, _, kind))| {
            let from = if i == 0 { 1 } else { start };
            let to = starts
                .get(i + 1)
                .map_or(lines.len(), |next| next - 1)
                .min(lines.len());
            let text = lines.get(from - 1..to)?.concat();
            let text = text.trim_start_matches(['\r', '\n']).trim_end().to_string();
            (!text.trim().is_empty()).then(|| SourceBlock {
                kind,
                hash: block_hash(&text),
                text,
            })
        })
        .collect()
}

/// Hash of a block's text with whitespace runs collapsed (FNV-1a, 64 bits:
/// stable across releases and platforms, which std's hasher is not).
pub fn block_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            hash = fnv_byte(hash, b' ');
        }
        first = false;
        for b in word.bytes() {
            hash = fnv_byte(hash, b);
        }
    }
    format!("{hash:016x}")
}

fn fnv_byte(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

fn kind_of<'a>(node: &'a AstNode<'a>) -> &'static str {
    match &node.data().value {
        NodeValue::Heading(_) => "heading",
        NodeValue::Paragraph if is_lone_image(node) => "image",
        NodeValue::Paragraph => "paragraph",
        NodeValue::List(_) => "list",
        NodeValue::Table(_) => "table",
        NodeValue::CodeBlock(_) => "code",
        NodeValue::BlockQuote => "blockquote",
        NodeValue::HtmlBlock(_) => "html",
        NodeValue::ThematicBreak => "thematic_break",
        NodeValue::FootnoteDefinition(_) => "footnote",
        _ => "other",
    }
}

fn is_lone_image<'a>(paragraph: &'a AstNode<'a>) -> bool {
    let mut images = 0;
    for child in paragraph.children() {
        match &child.data().value {
            NodeValue::Image(_) => images += 1,
            NodeValue::SoftBreak | NodeValue::LineBreak => {}
            NodeValue::Text(t) if t.trim().is_empty() => {}
            _ => return false,
        }
    }
    images == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(md: &str) -> Vec<&'static str> {
        split_blocks(md).iter().map(|b| b.kind).collect()
    }

    #[test]
    fn splits_every_kind_of_block_in_order() {
        let md = "## Titre\n\nUn paragraphe\nsur deux lignes.\n\n![Phare](assets/phare.svg)\n\n- un\n- deux\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n> cité\n\n---\n\nNote[^1].\n\n[^1]: La note.\n\n<div>brut</div>\n";
        assert_eq!(
            kinds(md),
            [
                "heading",
                "paragraph",
                "image",
                "list",
                "table",
                "code",
                "blockquote",
                "thematic_break",
                "paragraph",
                "footnote",
                "html"
            ],
        );
        let blocks = split_blocks(md);
        assert_eq!(
            blocks[1].text, "Un paragraphe\nsur deux lignes.",
            "a block keeps its exact text"
        );
        assert_eq!(blocks[4].text, "| a | b |\n|---|---|\n| 1 | 2 |");
        assert_eq!(
            blocks[9].text, "[^1]: La note.",
            "footnotes stay where they were written"
        );
    }

    #[test]
    fn reflowing_whitespace_keeps_the_hash() {
        let a = split_blocks("Le  sommet a réuni\ndes équipes.\n");
        let b = split_blocks("Le sommet a réuni des équipes.\r\n");
        assert_eq!(
            a[0].hash, b[0].hash,
            "whitespace-only edits do not change a block"
        );
        let c = split_blocks("Le sommet a réuni des équipes !\n");
        assert_ne!(a[0].hash, c[0].hash, "a changed word changes the hash");
    }

    #[test]
    fn link_definitions_stay_with_their_block() {
        let md = "See [the site][site].\n\n[site]: https://example.org\n\n## Next\n";
        let blocks = split_blocks(md);
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            blocks[0].text,
            "See [the site][site].\n\n[site]: https://example.org"
        );
        let joined: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            joined.join("\n\n") + "\n",
            md,
            "the blocks hold the whole document"
        );
    }

    #[test]
    fn blank_and_malformed_documents_split_without_panicking() {
        assert!(split_blocks("").is_empty());
        assert!(split_blocks("\n\n   \n").is_empty());
        let odd = "```\nunclosed fence\n\n* [ ] \n> > > deep\n\0\n| a |\n";
        assert!(!split_blocks(odd).is_empty());
    }

    #[test]
    fn hash_is_stable_across_releases() {
        // Stored in databases: changing the function would mark every
        // translation stale. This pins it.
        assert_eq!(block_hash("Hello world"), block_hash(" Hello\n world "));
        assert_eq!(
            block_hash("Hello world"),
            "2713f785a33764c7",
            "FNV-1a 64 of \"Hello world\""
        );
    }
}
