//! Word count and reading time, on a document's text rather than its markup.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::NodeValue;
use comrak::{Arena, parse_document};
use serde::Serialize;

use crate::render::options;

/// Words and reading time of a Markdown document, counted on its text (not
/// its markup).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Words in the document's text; see [`document_stats`] for what counts.
    pub words: usize,
    /// `words / 200` rounded up; 0 only for a document without words.
    pub reading_minutes: u32,
}

/// Silent-reading speed used for `reading_minutes`, in words per minute.
const WORDS_PER_MINUTE: usize = 200;

/// Counts words and reading time of `markdown`.
///
/// Words are the text of the document — prose, inline code, code blocks,
/// image alt text, link text, table cells, footnotes — split on Unicode
/// whitespace (no-break and narrow no-break spaces included). Markup never
/// counts: emphasis markers, link and image URLs, footnote markers, raw HTML
/// (text between inline tags such as `<kbd>` counts, HTML blocks do not).
/// Inline markup inside a word does not split it (`**L**'été` is one
/// word), block boundaries and line breaks do.
///
/// A token counts only if it holds at least one letter or digit, so lone
/// punctuation and symbols — an em dash, the French spaced `:` `;` `!` `?`
/// and `«` `»`, a bullet `•` — are not words. Apostrophes and hyphens do
/// not split: `L'été`, `aujourd'hui` and `well-known` are one word each.
/// Scripts written without spaces (Chinese, Japanese, Thai) count one word
/// per run of text between spaces.
pub fn document_stats(markdown: &str) -> Stats {
    let arena = Arena::new();
    // The rendering options: without the extensions a table or ~~struck~~
    // text would be read as plain text and its pipes and tildes as tokens.
    let options = options();
    let root = parse_document(&arena, markdown, &options);

    let mut counter = WordCounter::default();
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => match &node.data().value {
                NodeValue::Text(text) => counter.feed(text),
                NodeValue::Code(code) => counter.feed(&code.literal),
                NodeValue::CodeBlock(block) => {
                    counter.end_word();
                    counter.feed(&block.literal);
                    counter.end_word();
                }
                NodeValue::SoftBreak | NodeValue::LineBreak => counter.end_word(),
                value if value.block() => counter.end_word(),
                _ => {}
            },
            NodeEdge::End(node) => {
                if node.data().value.block() {
                    counter.end_word();
                }
            }
        }
    }
    counter.end_word();

    let words = counter.words;
    let minutes = words.div_ceil(WORDS_PER_MINUTE);
    Stats {
        words,
        reading_minutes: u32::try_from(minutes).unwrap_or(u32::MAX),
    }
}

/// Streams text so a word split across inline nodes is counted once.
#[derive(Default)]
struct WordCounter {
    words: usize,
    in_token: bool,
    token_has_alphanumeric: bool,
}

impl WordCounter {
    fn feed(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.end_word();
            } else {
                self.in_token = true;
                self.token_has_alphanumeric |= c.is_alphanumeric();
            }
        }
    }

    fn end_word(&mut self) {
        if self.in_token && self.token_has_alphanumeric {
            self.words += 1;
        }
        self.in_token = false;
        self.token_has_alphanumeric = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(md: &str) -> usize {
        document_stats(md).words
    }

    mod stats {
        use super::*;

        #[test]
        fn english() {
            let md =
                "# The quick fox\n\nThe *quick* brown fox — it **jumps** over the `lazy` dog.\n";
            assert_eq!(
                words(md),
                3 + 10,
                "heading and paragraph words, the dash is not a word"
            );
        }

        #[test]
        fn french() {
            assert_eq!(
                words("L'été : une saison !\n"),
                3,
                "L'été is one word; the spaced : and ! are punctuation, not words"
            );
            assert_eq!(
                words("« Bonjour » dit-elle\u{202F}; aujourd'hui\u{A0}!\n"),
                3,
                "guillemets and punctuation after (narrow) no-break spaces are not words"
            );
        }

        #[test]
        fn markup_is_not_counted() {
            assert_eq!(
                words(
                    "See [the docs](https://example.com/very/long/url) and ![a cat](cat.png \"title\").\n"
                ),
                6,
                "link text and alt text count, URLs and titles do not"
            );
            assert_eq!(
                words("Some**bold**word and a <kbd>key</kbd>.\n"),
                4,
                "inline markup inside a word does not split it, HTML tags are not words"
            );
            assert_eq!(
                words("Text[^1].\n\n[^1]: The note.\n"),
                3,
                "footnote text counts, markers do not"
            );
        }

        #[test]
        fn blocks_split_words() {
            assert_eq!(
                words("| a | b |\n|---|---|\n| c | d |\n"),
                4,
                "table cells are separate words"
            );
            assert_eq!(
                words("one\ntwo\n\nthree\n"),
                3,
                "soft breaks and paragraphs split words"
            );
            assert_eq!(
                words("```\nlet x = 1;\n```\n"),
                3,
                "code counts, the lone = does not"
            );
            assert_eq!(
                words("- [x] done\n- [ ] todo\n"),
                2,
                "task markers are not words"
            );
        }

        #[test]
        fn reading_minutes() {
            let stats = |n: usize| document_stats(&"word ".repeat(n));
            assert_eq!(
                stats(0),
                Stats {
                    words: 0,
                    reading_minutes: 0
                },
                "no words, no time"
            );
            assert_eq!(
                stats(1).reading_minutes,
                1,
                "one word rounds up to a minute"
            );
            assert_eq!(
                stats(200).reading_minutes,
                1,
                "200 words is exactly a minute"
            );
            assert_eq!(stats(201).reading_minutes, 2, "201 words rounds up to two");
            assert_eq!(
                stats(1000),
                Stats {
                    words: 1000,
                    reading_minutes: 5
                },
                "1000 words, five minutes"
            );
        }
    }
}
